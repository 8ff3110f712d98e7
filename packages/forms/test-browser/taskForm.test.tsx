import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { RJSFSchema } from '@rjsf/utils';
import { userEvent } from 'vitest/browser';
import { describe, expect, it, vi } from 'vitest';
import { TaskForm } from '@civicflow/forms/react';
import dispute from '../../../examples/dispute-mediation/process.json';
import election from '../../../examples/village-election/process.json';
import evacuee from '../../../examples/emergency-mobilisation/evacuee.json';
import { $, accessibleName, button, byLabel, mount, waitFor } from './harness.js';

const intake = dispute.forms.BF1.schema as unknown as RJSFSchema; // B-F1
const tally = election.forms.countForm.schema as unknown as RJSFSchema; // A-F10
const returnForm = evacuee.forms.return.schema as unknown as RJSFSchema; // C-F6

/** A well-formed ID number (FIELDS.md), and the same with a wrong check digit. */
const GOOD_ID = '110101198001010010';
const BAD_ID = '110101198001010011';

function submit(host: HTMLElement): Promise<void> {
  return userEvent.click(button(host, '提交'));
}

describe('<TaskForm> with the example forms', () => {
  it('B-F1: a wrong ID number gives the zh-CN message with the field title, the summary takes focus and its link focuses the field', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={intake} formData={{ applicants: [{ kind: 'P', id_type: '居民身份证' }] }} onSubmit={onSubmit} />);
    const idInput = $<HTMLInputElement>(host, '#root_applicants_0_id_no');
    await userEvent.fill(idInput, BAD_ID);
    await submit(host);

    const summary = await waitFor(() => $(host, '.cf-error-summary'));
    expect(document.activeElement).toBe(summary);
    const link = [...summary.querySelectorAll('a')].find((a) => a.textContent === '证件号码：校验位不正确，请核对最后一位');
    expect(link, summary.textContent ?? '').toBeDefined();
    expect(summary.textContent).toContain('请填写纠纷类型（此项必填）');
    // The same message is shown next to the field and tied to it for screen readers.
    expect($(host, '#root_applicants_0_id_no__error').textContent).toContain('证件号码：校验位不正确，请核对最后一位');
    expect(idInput.getAttribute('aria-describedby')).toContain('root_applicants_0_id_no__error');

    await userEvent.click(link!);
    expect(document.activeElement).toBe(idInput);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('A-F10: the tally form reports a wrong teller ID by its title 身份证号', async () => {
    const host = mount(<TaskForm schema={tally} formData={{ tellers: [{ id_no: BAD_ID, name: '张三', role: '唱票人' }] }} onSubmit={() => {}} />);
    await submit(host);
    const summary = await waitFor(() => $(host, '.cf-error-summary'));
    expect(summary.textContent).toContain('身份证号：校验位不正确，请核对最后一位');
    expect(summary.textContent).toContain('请填写发出选票数（此项必填）');
    // A keyboard user can follow the link with Enter.
    const link = [...summary.querySelectorAll('a')].find((a) => a.textContent?.startsWith('身份证号'))!;
    link.focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement?.id).toBe('root_tellers_0_id_no');
  });

  it('C-F6: the return form submits a date-time with +08:00, which its own pattern requires', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={returnForm} onSubmit={onSubmit} />);
    await userEvent.click(byLabel(host, 'RETURNED'));
    await userEvent.click(byLabel(host, '安全'));
    await userEvent.fill($(host, '#root_at'), '2027-05-28');
    await userEvent.fill($(host, '#root_at__time'), '09:30');
    await submit(host);
    expect(host.querySelector('.cf-error-summary')?.textContent ?? '').toBe('');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ outcome: 'RETURNED', house_safety: '安全', at: '2027-05-28T09:30:00+08:00' });
  });

  it('B-F1: the party list adds and removes 当事人 with Chinese buttons', async () => {
    const host = mount(<TaskForm schema={intake} onSubmit={() => {}} />);
    const list = $(host, '#root_applicants');
    const items = (): Element[] => [...list.querySelectorAll(':scope > .cf-list__items > .cf-list-item')];
    expect(items()).toHaveLength(1);
    await userEvent.click(button(list, '添加当事人'));
    expect(items()).toHaveLength(2);
    expect(items()[1]!.getAttribute('aria-label')).toBe('当事人（第 2 项）');
    await userEvent.fill($(host, '#root_applicants_1_ref'), 'P-2');
    const remove = list.querySelector<HTMLButtonElement>('button[aria-label="删除当事人（第 1 项）"]')!;
    expect(remove.textContent).toBe('删除');
    await userEvent.click(remove);
    expect(items()).toHaveLength(1);
    expect($<HTMLInputElement>(host, '#root_applicants_0_ref').value).toBe('P-2');
  });
});

const conditional: RJSFSchema = {
  type: 'object',
  title: '受理情况',
  properties: {
    accepted_elsewhere: {
      type: 'string',
      title: '是否已由其他机关受理',
      oneOf: [
        { const: '否', title: '否' },
        { const: '法院', title: '已由法院受理' },
      ],
    },
  },
  required: ['accepted_elsewhere'],
  allOf: [
    {
      if: { type: 'object', properties: { accepted_elsewhere: { const: '法院' } }, required: ['accepted_elsewhere'] },
      then: { type: 'object', properties: { ref_no: { type: 'string', title: '受理文号', minLength: 1 } }, required: ['ref_no'] },
    },
  ],
};

describe('<TaskForm> conditional fields', () => {
  it('shows a conditional field only while its condition holds, requires it then, and drops its value when hidden', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={conditional} onSubmit={onSubmit} />);
    expect(host.querySelector('#root_ref_no')).toBeNull();

    await userEvent.click(byLabel(host, '已由法院受理'));
    const refNo = await waitFor(() => byLabel(host, '受理文号'));
    await submit(host);
    const summary = await waitFor(() => $(host, '.cf-error-summary'));
    expect(summary.textContent).toContain('请填写受理文号（此项必填）');

    await userEvent.fill(refNo, '（2027）某法民初字第1号');
    await userEvent.click(byLabel(host, '否'));
    await waitFor(() => expect(host.querySelector('#root_ref_no')).toBeNull());
    await submit(host);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ accepted_elsewhere: '否' });
  });

  it('keeps the conditional value when its condition holds', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={conditional} formData={{ accepted_elsewhere: '法院', ref_no: 'R-1' }} onSubmit={onSubmit} />);
    await submit(host);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ accepted_elsewhere: '法院', ref_no: 'R-1' }));
  });
});

describe('<TaskForm> accessibility of the example forms', () => {
  it.each([
    ['A-F10', tally],
    ['B-F1', intake],
    ['C-F6', returnForm],
  ])('%s: every control and button has an accessible name', (_name, schema) => {
    const host = mount(<TaskForm schema={schema} />);
    const controls = [...host.querySelectorAll<HTMLElement>('input, select, textarea, button, [role=radiogroup], [role=group]')];
    expect(controls.length).toBeGreaterThan(5);
    const unnamed = controls.filter((el) => accessibleName(el) === '');
    expect(unnamed.map((el) => el.id || el.outerHTML.slice(0, 80))).toEqual([]);
  });

  it('does not reset what was typed when the host re-renders with equal inline formData', async () => {
    const simple: RJSFSchema = { type: 'object', properties: { name: { type: 'string', title: '姓名' } } };
    let rerender: () => void = () => {};
    function Host(): ReturnType<typeof TaskForm> {
      const [n, setN] = useState(0);
      rerender = () => setN(n + 1);
      return <TaskForm schema={simple} formData={{ name: '' }} />;
    }
    const host = mount(<Host />);
    await userEvent.fill(byLabel(host, '姓名'), '李四');
    flushSync(() => rerender());
    expect(byLabel(host, '姓名').value).toBe('李四');
  });
});

describe('<TaskForm> presentation', () => {
  const simple: RJSFSchema = { type: 'object', properties: { name: { type: 'string', title: '姓名', minLength: 1 }, id_no: { type: 'string', title: '身份证号', format: 'cn-id-card' } }, required: ['name'] };

  it('labels every control from the schema title and says 提交', () => {
    const host = mount(<TaskForm schema={simple} />);
    expect(byLabel(host, '姓名').id).toBe('root_name');
    expect(byLabel(host, '身份证号').id).toBe('root_id_no');
    expect(host.querySelector('button[type=submit]')?.textContent).toBe('提交');
    expect(host.querySelector('.cf-task-form')?.getAttribute('lang')).toBe('zh-CN');
  });

  it('large-text mode sets its class and enlarges text and touch targets', () => {
    const normal = mount(<TaskForm schema={simple} />);
    const large = mount(<TaskForm schema={simple} largeText />);
    expect(large.querySelector('.cf-task-form')?.classList.contains('cf-task-form--large')).toBe(true);
    expect(normal.querySelector('.cf-task-form--large')).toBeNull();
    const size = (host: HTMLElement): number => parseFloat(getComputedStyle($(host, '#root_name')).fontSize);
    const height = (host: HTMLElement): number => $(host, 'button[type=submit]').getBoundingClientRect().height;
    expect(size(normal)).toBe(16);
    expect(size(large)).toBe(20);
    expect(height(large)).toBeGreaterThanOrEqual(56);
    expect(height(normal)).toBeGreaterThanOrEqual(44);
  });

  it('speaks English when asked, with the server’s English messages', async () => {
    const host = mount(<TaskForm schema={simple} locale="en" formData={{ name: '张三', id_no: BAD_ID }} onSubmit={() => {}} />);
    await userEvent.click(button(host, 'Submit'));
    const summary = await waitFor(() => $(host, '.cf-error-summary'));
    expect(summary.textContent).toContain('身份证号: the check digit is wrong; please check the last character');
  });

  it('normalises a lowercase x in an ID number before submitting', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={simple} formData={{ name: '张三', id_no: '11010519491231002x' }} onSubmit={onSubmit} />);
    await submit(host);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '张三', id_no: '11010519491231002X' }));
  });

  it('read-only shows the data without a submit button', () => {
    const host = mount(<TaskForm schema={simple} formData={{ name: '张三', id_no: GOOD_ID }} readOnly />);
    expect(host.querySelector('button[type=submit]')).toBeNull();
    expect(byLabel(host, '姓名').readOnly).toBe(true);
  });
});

describe('<TaskForm> renders authored text only as text', () => {
  const IMG = '<img src=x onerror="window.__xss=1">';
  const SCRIPT = '<script>window.__xss=2</script>';
  const LINK = '[点我](javascript:window.__xss=3) <a href="javascript:window.__xss=4">链接</a>';
  const flag = (): number => (window as unknown as { __xss: number }).__xss;

  it('titles, descriptions, enum labels and error messages with script vectors never execute', async () => {
    (window as unknown as { __xss: number }).__xss = 0;
    const schema: RJSFSchema = {
      type: 'object',
      title: `${IMG}表单`,
      description: `${SCRIPT}说明 ${LINK}`,
      properties: {
        name: { type: 'string', title: `${IMG}姓名${SCRIPT}`, description: LINK, minLength: 2 },
        choice: { type: 'string', title: LINK, oneOf: [{ const: 'a', title: IMG }, { const: 'b', title: SCRIPT }] },
        many: { type: 'string', title: '多', oneOf: [1, 2, 3, 4, 5].map((n) => ({ const: `v${n}`, title: `${IMG}${n}` })) },
        list: { type: 'array', title: SCRIPT, items: { type: 'object', title: IMG, properties: { x: { type: 'string', title: LINK } } }, minItems: 1 },
      },
      required: ['name', 'choice'],
    };
    // Markdown in descriptions is an rjsf option; ours ignores it, so a markdown link stays text.
    const uiSchema = { 'ui:enableMarkdownInDescription': true, name: { 'ui:enableMarkdownInDescription': true, 'ui:help': LINK } };
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} formData={{ name: 'x' }} onSubmit={() => {}} />);
    await submit(host);
    const summary = await waitFor(() => $(host, '.cf-error-summary'));
    expect(summary.textContent).toContain(`${IMG}姓名${SCRIPT}：至少需要 2 个字符，请补充完整`);
    expect(summary.textContent).toContain(`请填写${LINK}（此项必填）`);
    expect(host.textContent).toContain(`${IMG}表单`);
    expect(host.textContent).toContain(`${SCRIPT}说明`);
    expect(byLabel(host, IMG)).toBeTruthy();
    expect([...host.querySelectorAll('option')].some((o) => o.textContent === `${IMG}3`)).toBe(true);
    expect(host.querySelector('img, script:not([src])')).toBeNull();
    expect(host.querySelectorAll('script')).toHaveLength(0);
    expect(host.querySelectorAll('a')).toHaveLength(summary.querySelectorAll('a').length);
    for (const a of host.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^#root/);
    await new Promise((r) => setTimeout(r, 50));
    expect(flag()).toBe(0);
  });
});
