import axe from 'axe-core';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ProcessPage } from '../src/ProcessPage.js';

// The page's component in Chromium, driven as a person drives it: the township command records
// the end of the flood response through <TaskForm> (an empty submit first: the form's own zh-CN /
// English messages), then declares its continuing work (refused by the engine's rule first), and
// the case ends. Forms and engine validate with the validators precompiled at build time.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | undefined;
afterEach(() => {
  flushSync(() => root?.unmount());
  document.body.replaceChildren();
});

function mount(clock: () => string): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  flushSync(() => root!.render(<ProcessPage clock={clock} />));
  return host;
}

/** axe-core's serious and critical violations in `host`, one line each. */
async function seriousViolations(host: HTMLElement): Promise<string[]> {
  const results = await axe.run(host, { resultTypes: ['violations'] });
  if (results.passes.length === 0 && results.violations.length === 0) throw new Error('axe checked nothing');
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

const waitFor = <T,>(check: () => T): Promise<T> => vi.waitFor(check, { timeout: 5000, interval: 20 });
const buttons = (host: HTMLElement): HTMLButtonElement[] => [...host.querySelectorAll('button')];
const button = (host: HTMLElement, text: string | RegExp): HTMLButtonElement => {
  const found = buttons(host).find((b) => (typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? '')));
  if (!found) throw new Error(`no button ${String(text)} among ${buttons(host).map((b) => b.textContent).join(' | ')}`);
  return found;
};
/** The control labelled `text` (a <label for>; the required marker and text for screen readers aside). */
const byLabel = (host: HTMLElement, text: string): HTMLInputElement => {
  const own = (label: HTMLLabelElement): string => [...label.childNodes]
    .filter((n) => !(n instanceof HTMLElement && (n.classList.contains('cf-required') || n.classList.contains('cf-visually-hidden'))))
    .map((n) => n.textContent ?? '').join('').trim();
  const label = [...host.querySelectorAll('label')].find((l) => own(l) === text);
  const control = label?.htmlFor ? host.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`) : null;
  if (!control) throw new Error(`no control labelled ${text}`);
  return control;
};

it('completes the response-end task through the form, shows the form\'s errors in zh-CN and English and the engine\'s refusal, and reaches the end', async () => {
  const times = ['2027-07-20T02:00:00+08:00', '2027-07-25T18:00:00+08:00', '2027-07-28T09:00:00+08:00', '2027-07-28T09:05:00+08:00'];
  const clock = vi.fn(() => times[clock.mock.calls.length - 1] ?? 'the page asked for the time more often than it sent commands');
  const host = mount(clock);

  expect(host.querySelector('h1')?.textContent).toBe('应急豁免（社区事务准入）');
  expect(buttons(host).map((b) => b.textContent)).toEqual(expect.arrayContaining(['下派应急任务', '登记应急响应结束']));
  await userEvent.click(button(host, '登记应急响应结束'));
  await waitFor(() => expect(host.querySelector('#form-heading')?.textContent).toBe('登记应急响应结束'));

  // An empty submit: <TaskForm> names the missing fields, in Chinese, then in English.
  await userEvent.click(button(host, '提交'));
  const summary = await waitFor(() => {
    const found = host.querySelector<HTMLElement>('.cf-error-summary');
    expect(found?.textContent).toContain('结束响应决定文号');
    return found!;
  });
  expect(summary.textContent).toContain('响应结束日期');
  expect(await seriousViolations(host)).toEqual([]);
  await userEvent.click(button(host, 'English'));
  await userEvent.click(button(host, 'Submit'));
  await waitFor(() => expect(host.querySelector('.cf-error-summary')?.textContent).toMatch(/required|fill/i));
  expect(host.querySelector('h1')?.textContent).toBe('emergency exemption from community access control');
  await userEvent.click(button(host, '中文'));

  await userEvent.fill(byLabel(host, '响应结束日期'), '2027-07-25');
  await userEvent.fill(byLabel(host, '结束响应决定文号'), 'QS-YJ-END-2027-01');
  await userEvent.click(button(host, '提交'));

  // The next task, with its legal deadline: 24:00 on the 10th day after the response ended.
  await waitFor(() => expect(host.querySelector('#form-heading')?.textContent).toBe('申报延续事项'));
  expect(button(host, /申报延续事项/).textContent).toBe('申报延续事项 — 截止 2027-08-05T00:00:00+08:00');
  const effects = host.querySelector('.effects')!.textContent!;
  expect(effects).toContain('timer.schedule 2027-08-05T00:00:00+08:00');
  expect(effects).toContain('应急豁免已失效');

  // Continuing work without a normal access request: the form accepts it, the engine's rule does not.
  await userEvent.click(host.querySelector<HTMLInputElement>('#root_continues')!); // 是否有延续到响应结束后的任务: yes
  await userEvent.click(button(host, '提交'));
  await waitFor(() => expect(host.querySelector('.refusal')?.textContent).toContain('延续事项须先提出正常准入申请'));
  expect(host.querySelector('.refusal')?.textContent).toContain('CF_ENGINE_CHECK_FAILED');

  await userEvent.fill(byLabel(host, '延续任务名称'), '汛后房屋安全排查');
  await userEvent.fill(byLabel(host, '已提交的准入申请编号'), 'ACC-2027-0042');
  await userEvent.click(button(host, '提交'));
  await waitFor(() => expect(host.querySelector('[role="status"].outcome')?.textContent).toBe('办结: 延续事项已申请准入'));
  expect(host.querySelector('.effects')?.textContent).toContain('instance.ended CONTINUATION_FILED');
  // The start and three commands (the empty submits never reached the engine), each with the host's time.
  expect(clock).toHaveBeenCalledTimes(4);
});
