import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EscalationStep, ParallelStep, ProcessDefinition, TaskStep } from '@civicflow/engine';
import mediationJson from '../../../examples/dispute-mediation/process.json';
import '../src/styles/app.css';
import { seriousViolations } from './support/axeViolations.js';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';

// The processes page's links and the comparison of two versions, against a scripted server that
// publishes the dispute-mediation example as version 1 and two edited versions after it.

const admin = { id: 'u-admin', username: 'admin', displayName: '系统管理员', orgUnit: 'county:huaxi', orgUnitName: '华溪县', roles: ['ADMIN'] };
const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const v1 = mediationJson as unknown as ProcessDefinition;
const villageRung = (d: ProcessDefinition) => ((d.steps['handling'] as ParallelStep).branches[0]!.steps['ladder'] as EscalationStep).rungs[0]!;

/** Version 2: a longer village limit, a renamed session, a new field, a new route from intake. */
const v2 = structuredClone(v1);
v2.version = 2;
v2.config!['village_mediation_months']!.value = 2;
(villageRung(v2).steps['vSession'] as TaskStep).title = t2('村级调解会', 'village mediation meeting');
(v2.forms['BF1']!.schema['properties'] as Record<string, unknown>)['urgency'] = { type: 'string', title: '紧急程度', enum: ['一般', '紧急'] };
(v2.steps['intake'] as TaskStep).next = 'rightsNotice';
/** Version 3: version 2 with one more role. */
const v3 = structuredClone(v2);
v3.version = 3;
v3.roles['OBSERVER'] = { title: t2('观察员', 'observer') };

const published = (d: ProcessDefinition, day: number) => ({ id: d.id, version: d.version, title: d.title, publishedAt: `2027-02-2${day}T09:00:00+08:00`, document: d });
const documents = new Map([[1, published(v1, 0)], [2, published(v2, 1)], [3, published(v3, 2)]]);
const listing = [{
  id: v1.id, title: v1.title, latestVersion: 3,
  versions: [...documents.values()].map(({ document: _d, ...summary }) => summary),
}];

const requests: string[] = [];
beforeEach(() => {
  localStorage.clear();
  requests.length = 0;
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    if (url === '/api/me') return json(200, { user: admin });
    if (url === '/api/definitions') return json(200, { definitions: listing });
    const version = /^\/api\/definitions\/dispute-mediation\/versions\/(\d+)$/.exec(url);
    const found = version && documents.get(Number(version[1]));
    if (found) return json(200, found);
    if (version) return json(404, { code: 'CF_SERVER_NOT_FOUND', message: t2(`没有第 ${version[1]} 版`, `there is no version ${version[1]}`) });
    throw new Error(`unexpected request ${url}`);
  }));
});
afterEach(unmountApp);

const labelled = (page: HTMLElement, label: string): HTMLSelectElement => {
  const found = [...page.querySelectorAll('label')].find((l) => text(l) === label);
  const control = found && page.querySelector<HTMLSelectElement>(`#${CSS.escape(found.htmlFor)}`);
  if (!control) throw new Error(`no control labelled "${label}"`);
  return control;
};
const sections = (page: HTMLElement) => [...page.querySelectorAll('section.version-diff__section')];
const PROCESS_ZH = v1.title['zh-CN'];

describe('the processes page', () => {
  it('offers a new process and, per version, its diagram, editing, simulation and comparison with the version before', async () => {
    window.history.replaceState(null, '', '/processes');
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('.process-version')).toHaveLength(3));
    const newProcess = [...page.querySelectorAll('a')].find((a) => text(a) === '新建流程')!;
    expect(newProcess.getAttribute('href')).toBe('/processes/new');
    const links = [...page.querySelectorAll('.process-version')].map((v) => [...v.querySelectorAll('.process-version__actions a')].map((a) => [text(a), a.getAttribute('href'), a.getAttribute('aria-label')]));
    expect(links[0]).toEqual([
      ['流程图', '/processes/dispute-mediation/3', '流程图（第 3 版）'],
      ['编辑为新版本', '/processes/dispute-mediation/3/edit', '编辑为新版本（第 3 版）'],
      ['模拟运行', '/processes/dispute-mediation/3/simulate', '模拟运行（第 3 版）'],
      ['与上一版比较', '/processes/dispute-mediation/diff/2/3', '与上一版比较（第 3 版）'],
    ]);
    expect(links[1]!.at(-1)).toEqual(['与上一版比较', '/processes/dispute-mediation/diff/1/2', '与上一版比较（第 2 版）']);
    // The first version has nothing before it to compare with.
    expect(links[2]!.map(([name]) => name)).toEqual(['流程图', '编辑为新版本', '模拟运行']);
    expect(text(page.querySelector('.process-version'))).toContain('第 3 版（最新）');
    expect(await seriousViolations()).toEqual([]);

    await userEvent.click([...page.querySelectorAll('a')].find((a) => a.getAttribute('href') === '/processes/dispute-mediation/diff/1/2')!);
    await waitFor(() => expect(text(page.querySelector('h1'))).toBe(`${PROCESS_ZH}：第 1 版与第 2 版的差异`));
    expect(window.location.pathname).toBe('/processes/dispute-mediation/diff/1/2');
  });
});

describe('the version comparison', () => {
  it('lists the changes grouped for reading, each with before and after', async () => {
    window.history.replaceState(null, '', '/processes/dispute-mediation/diff/1/2');
    const page = mountApp();
    await waitFor(() => expect(sections(page).length).toBeGreaterThan(0));
    expect(text(page.querySelector('h1'))).toBe(`${PROCESS_ZH}：第 1 版与第 2 版的差异`);
    expect(text(page.querySelector('[role="status"]'))).toBe('共 5 处修改。');
    expect(sections(page).map((s) => text(s.querySelector('h2')))).toEqual(['表单（1 处）', '配置参数（1 处）', '步骤（1 处）', '路线（2 处）']);
    const [forms, config, steps, routes] = sections(page);
    expect(text(forms!.querySelector('h3'))).toBe(`${v1.forms['BF1']!.title['zh-CN']} BF1`);
    expect(text(forms!.querySelector('li'))).toBe('新增字段“紧急程度”（urgency）');
    expect(forms!.querySelector('li')!.className).toContain('version-diff__change--added');

    const value = config!.querySelector('li')!;
    expect(text(value.querySelector('p'))).toBe('配置参数“村级调解期限（月）”（village_mediation_months）的取值已修改');
    expect([...value.querySelectorAll('dt')].map(text)).toEqual(['修改前', '修改后']);
    expect([...value.querySelectorAll('dd')].map(text)).toEqual(['1', '2']);

    expect(text(steps!.querySelector('h3'))).toBe('村级调解会 vSession');
    // A step inside the ladder says where it sits.
    expect(text(steps!.querySelector('.field__hint'))).toBe(`位于“${(v1.steps['handling'] as ParallelStep).title!['zh-CN']}”的分支“调解” › “逐级调处：村→镇→县→法院”的层级“村级调解（小事不出村）”`);
    expect([...steps!.querySelectorAll('dd')].map(text)).toEqual(['村调委会调解（调解记录）', '村级调解会']);
    const stepTitle = (id: string) => v1.steps[id]!.title!['zh-CN'];
    expect([...routes!.querySelectorAll('li')].map((li) => text(li))).toEqual([
      `新增路线：“受理登记” → “${stepTitle('rightsNotice')}”`,
      `删除路线：“受理登记” → “${stepTitle('acceptanceCheck')}”`,
    ]);
    expect(routes!.querySelectorAll('li')[1]!.className).toContain('version-diff__change--removed');
    const diagrams = [...page.querySelectorAll('a')].filter((a) => /^\/processes\/dispute-mediation\/\d$/.test(a.getAttribute('href') ?? ''));
    expect(diagrams.map((a) => [text(a), a.getAttribute('href')])).toEqual([['第 1 版', '/processes/dispute-mediation/1'], ['第 2 版', '/processes/dispute-mediation/2']]);
  });

  it('compares other versions chosen with the pickers, when the person asks', async () => {
    window.history.replaceState(null, '', '/processes/dispute-mediation/diff/1/2');
    const page = mountApp();
    await waitFor(() => expect(sections(page).length).toBeGreaterThan(0));
    const from = labelled(page, '原版本');
    const to = labelled(page, '新版本');
    expect([from.value, to.value]).toEqual(['1', '2']);
    expect([...to.options].map(text)).toEqual(['第 1 版（2027-02-20 09:00 发布）', '第 2 版（2027-02-21 09:00 发布）', '第 3 版（2027-02-22 09:00 发布）']);
    await userEvent.selectOptions(from, '2');
    await userEvent.selectOptions(to, '3');
    expect(window.location.pathname).toBe('/processes/dispute-mediation/diff/1/2');
    await userEvent.click(button(page, '比较'));
    await waitFor(() => expect(text(page.querySelector('h1'))).toBe(`${PROCESS_ZH}：第 2 版与第 3 版的差异`));
    expect(window.location.pathname).toBe('/processes/dispute-mediation/diff/2/3');
    await waitFor(() => expect(text(page.querySelector('[role="status"]'))).toBe('共 1 处修改。'));
    expect(sections(page).map((s) => text(s.querySelector('h2')))).toEqual(['角色（1 处）']);
    expect(text(sections(page)[0]!.querySelector('li'))).toBe('新增角色“观察员”（OBSERVER）');
  });

  it('says so when both sides are one version, and reads in English', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    window.history.replaceState(null, '', '/processes/dispute-mediation/diff/2/2');
    const page = mountApp();
    await waitFor(() => expect(text(page)).toContain('Both sides are the same version'));
    expect(text(page.querySelector('h1'))).toBe(`${v1.title.en}: version 2 against version 2`);
    expect(sections(page)).toEqual([]);
  });

  it('shows the server\'s refusal for a version that does not exist', async () => {
    window.history.replaceState(null, '', '/processes/dispute-mediation/diff/1/9');
    const page = mountApp();
    const alert = await waitFor(() => {
      const found = page.querySelector('[role="alert"]');
      if (!found) throw new Error('no error yet');
      return found;
    });
    expect(text(alert)).toContain('没有第 9 版');
    expect(text(alert)).toContain('CF_SERVER_NOT_FOUND');
  });

  it.each([
    { locale: 'zh-CN', largeText: false },
    { locale: 'en', largeText: true },
  ])('has no serious or critical accessibility violation ($locale, large text $largeText)', async ({ locale, largeText }) => {
    localStorage.setItem('civicflow.locale', locale);
    localStorage.setItem('civicflow.largeText', largeText ? '1' : '0');
    window.history.replaceState(null, '', '/processes/dispute-mediation/diff/1/2');
    const page = mountApp();
    await waitFor(() => expect(sections(page)).toHaveLength(4));
    expect(await seriousViolations()).toEqual([]);
  });
});
