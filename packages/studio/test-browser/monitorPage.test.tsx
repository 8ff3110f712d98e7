import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../src/styles/app.css';
import type { MonitorReport } from '../src/features/monitor/monitorApi.js';
import { seriousViolations } from './support/axeViolations.js';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';

// 运行监控 against a scripted server: GET /api/monitor answered with a report of the shape the
// server gives (packages/server/README.md, Monitor); the filters ask again with their query.

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const COUNTY = 'county:huaxi';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const DONGYUAN = 'county:huaxi/town:dongshan/community:dongyuan';
const admin = { id: 'u-admin', username: 'admin', displayName: '系统管理员', orgUnit: COUNTY, orgUnitName: '华溪县', roles: ['ADMIN'] };
const mediation = title('矛盾纠纷调解', 'dispute mediation');
const check = title('网格事件核查', 'grid event check');
const definitions = [
  { id: 'dispute-mediation', title: mediation, latestVersion: 1, versions: [{ id: 'dispute-mediation', version: 1, title: mediation, publishedAt: '2027-02-20T09:00:00+08:00' }] },
  { id: 'monitor-sla', title: check, latestVersion: 1, versions: [{ id: 'monitor-sla', version: 1, title: check, publishedAt: '2027-02-20T09:00:00+08:00' }] },
];
const orgTree = {
  path: COUNTY, level: 'county', code: 'huaxi', name: '华溪县', children: [
    { path: 'county:huaxi/town:qingshi', level: 'town', code: 'qingshi', name: '青石镇', children: [{ path: VILLAGE, level: 'village', code: 'qingshicun', name: '青石村', children: [] }] },
    { path: 'county:huaxi/town:dongshan', level: 'town', code: 'dongshan', name: '东山街道', children: [{ path: DONGYUAN, level: 'community', code: 'dongyuan', name: '东苑社区', children: [] }] },
  ],
};

const days = (from: string, n: number, values: Record<string, Partial<Record<'opened' | 'resolved' | 'escalated' | 'overdue', number>>> = {}) =>
  Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    return { date, opened: 0, resolved: 0, escalated: 0, overdue: 0, ...values[date] };
  });

const REPORT: MonitorReport = {
  now: '2027-04-11T00:00:02+08:00', from: '2027-03-10', to: '2027-04-11', orgUnit: COUNTY, orgUnitName: '华溪县', definitionId: null,
  running: {
    total: 3,
    groups: [
      { definitionId: 'dispute-mediation', title: mediation, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 1, steps: [
        { stepId: 'partyRequests', title: title('当事人撤回调解申请或申请仲裁', 'party withdraws'), cases: 1 },
        { stepId: 'tSession', title: title('镇调委会调解（调解记录）', 'township mediation session'), cases: 1 },
      ] },
      { definitionId: 'monitor-sla', title: check, orgUnit: DONGYUAN, orgUnitName: '东苑社区', cases: 1, steps: [{ stepId: 'check', title: title('现场核查', 'on-site check'), cases: 1 }] },
      { definitionId: 'monitor-sla', title: check, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 1, steps: [{ stepId: 'pause', title: title('等待材料', 'waiting for papers'), cases: 1 }] },
    ],
  },
  overdueTasks: {
    total: 1, truncated: false,
    items: [{
      instanceId: 'case-b1', definitionId: 'monitor-sla', processTitle: check, orgUnit: DONGYUAN, orgUnitName: '东苑社区', taskId: 'check:2', stepId: 'check',
      title: title('现场核查', 'on-site check'), assignee: { role: 'V_MED', roleTitle: title('村调解员', 'village mediator'), orgUnit: DONGYUAN },
      dueAt: '2027-03-10T16:01:00+08:00', overdueMinutes: 45119,
    }],
  },
  breaches: {
    total: 2, truncated: false,
    items: [
      {
        instanceId: 'case-d1', definitionId: 'dispute-mediation', processTitle: mediation, orgUnit: VILLAGE, orgUnitName: '青石村', caseStatus: 'active',
        stepId: 'ladder', stepTitle: title('逐级调处', 'ladder'), taskId: null, purpose: 'rung', basis: title('人民调解工作若干规定第三十三条', 'Mediation Work Rules Art 33'),
        dueAt: '2027-04-11T00:00:00+08:00', expiredAt: '2027-04-11T00:00:00+08:00', taskCompletedAt: null,
      },
      {
        instanceId: 'case-a2', definitionId: 'monitor-sla', processTitle: check, orgUnit: VILLAGE, orgUnitName: '青石村', caseStatus: 'done',
        stepId: 'check', stepTitle: title('现场核查', 'on-site check'), taskId: 'check:3', purpose: 'deadline', basis: title('内部时限：四小时', 'internal limit: four hours'),
        dueAt: '2027-03-10T16:01:00+08:00', expiredAt: '2027-03-11T09:00:00+08:00', taskCompletedAt: '2027-03-11T09:00:05+08:00',
      },
    ],
  },
  series: [
    { definitionId: 'dispute-mediation', title: mediation, totals: { opened: 1, resolved: 0, escalated: 1, overdue: 1 }, days: days('2027-03-10', 33, { '2027-03-10': { opened: 1 }, '2027-04-11': { escalated: 1, overdue: 1 } }) },
    { definitionId: 'monitor-sla', title: check, totals: { opened: 5, resolved: 2, escalated: 0, overdue: 3 }, days: days('2027-03-10', 33, { '2027-03-10': { opened: 4, resolved: 1, overdue: 3 }, '2027-03-11': { resolved: 1 }, '2027-04-11': { opened: 1 } }) },
  ],
};

const monitorRequests: string[] = [];
let answer: (url: string) => Response;

beforeEach(() => {
  localStorage.clear();
  monitorRequests.length = 0;
  answer = () => json(200, REPORT);
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === '/api/me') return json(200, { user: admin });
    if (url === '/api/definitions') return json(200, { definitions });
    if (url === '/api/admin/org-units') return json(200, orgTree);
    if (url.startsWith('/api/monitor')) {
      monitorRequests.push(url);
      return answer(url);
    }
    throw new Error(`unexpected request ${url}`);
  }));
  window.history.replaceState(null, '', '/monitor');
});
afterEach(unmountApp);

const table = (page: HTMLElement, caption: string) => {
  const found = [...page.querySelectorAll('table')].find((t) => text(t.querySelector('caption')).startsWith(caption));
  if (!found) throw new Error(`no table "${caption}"`);
  return found;
};
const rows = (t: HTMLTableElement) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
const labelled = <T extends HTMLElement>(page: HTMLElement, label: string): T => {
  const found = [...page.querySelectorAll('label')].find((l) => text(l) === label);
  const control = found && page.querySelector<T>(`#${CSS.escape(found.htmlFor)}`);
  if (!control) throw new Error(`no control labelled "${label}"`);
  return control;
};

describe('the monitor page', () => {
  it('shows running cases, overdue tasks and missed limits in tables with captions, linking to the cases', async () => {
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('table').length).toBeGreaterThan(2));
    expect(text(page.querySelector('h1'))).toBe('运行监控');
    expect(text(page.querySelector('.monitor-scope'))).toBe('统计范围：华溪县，2027-03-10 至 2027-04-11（截至 2027-04-11 00:00）');

    const running = table(page, '正在办理的办件，按流程和单位');
    expect(text(running.querySelector('caption'))).toBe('正在办理的办件，按流程和单位（共 3 件）');
    expect([...running.querySelectorAll('thead th')].map(text)).toEqual(['流程', '办件单位', '办件数', '当前步骤（件数）']);
    expect(rows(running)).toEqual([
      ['矛盾纠纷调解', '青石村', '1', '当事人撤回调解申请或申请仲裁：1 件镇调委会调解（调解记录）：1 件'],
      ['网格事件核查', '东苑社区', '1', '现场核查：1 件'],
      ['网格事件核查', '青石村', '1', '等待材料：1 件'],
    ]);

    const overdue = table(page, '已过办理期限仍未办理的事项');
    expect(rows(overdue)).toEqual([['现场核查', '网格事件核查', '东苑社区', '村调解员', '2027-03-10 16:01', '31 天 7 小时']]);
    const taskLink = overdue.querySelector('tbody a')!;
    expect(taskLink.getAttribute('href')).toBe('/cases/case-b1');
    expect(taskLink.getAttribute('aria-label')).toBe('现场核查（查看办件）');

    const breaches = table(page, '统计期内到期而未按时完成的时限');
    expect(text(breaches.querySelector('caption'))).toBe('统计期内到期而未按时完成的时限（共 2 项，最近到期的在前）');
    expect(rows(breaches)).toEqual([
      ['逐级调处本级调处期限', '矛盾纠纷调解', '青石村', '2027-04-11 00:00', '人民调解工作若干规定第三十三条', '办件仍在办理'],
      ['现场核查办理期限', '网格事件核查', '青石村', '2027-03-10 16:01', '内部时限：四小时', '逾期后于 2027-03-11 09:00 办理'],
    ]);
    expect([...breaches.querySelectorAll('tbody a')].map((a) => a.getAttribute('href'))).toEqual(['/cases/case-d1', '/cases/case-a2']);
    expect(monitorRequests).toEqual(['/api/monitor']);
  });

  it('draws a chart per process with a text summary, a legend that does not rely on colour, and the figures as a table', async () => {
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('figure.series-chart')).toHaveLength(2));
    const [disputeChart, checkChart] = [...page.querySelectorAll<HTMLElement>('figure.series-chart')];
    expect(text(checkChart!.querySelector('figcaption'))).toBe('网格事件核查：每日新办、办结、升级、逾期');
    expect(checkChart!.getAttribute('aria-labelledby')).toBe(checkChart!.querySelector('figcaption')!.id);
    expect(text(checkChart!.querySelector('.series-chart__summary'))).toBe('2027-03-10 至 2027-04-11 合计：新办 5 件，办结 2 件，升级 0 次，逾期 3 次；单日最多 4。');
    const svg = checkChart!.querySelector('svg.series-chart__plot')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain('新办 5 件');
    // Four lines, each with its own dash pattern and marker shape: colour is not the only difference.
    const lines = [...svg.querySelectorAll('polyline')];
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.getAttribute('stroke-dasharray'))).size).toBe(4);
    expect(svg.querySelectorAll('.series-chart__series--opened circle')).toHaveLength(33);
    expect(svg.querySelectorAll('.series-chart__series--resolved rect')).toHaveLength(33);
    // The highest point of "opened" (4 on 03-10) is at the top of the plot, 0 at the bottom.
    const opened = lines[0]!.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(Math.min(...opened)).toBe(opened[0]);
    expect(Math.max(...opened)).toBe(opened[1]);
    expect([...checkChart!.querySelectorAll('.series-chart__legend li')].map(text)).toEqual(['新办', '办结', '升级', '逾期']);

    const details = checkChart!.querySelector('details')!;
    expect(text(details.querySelector('summary'))).toBe('查看每日数据（表格）');
    await userEvent.click(details.querySelector('summary')!);
    const figures = details.querySelector('table')!;
    expect(text(figures.querySelector('caption'))).toBe('网格事件核查：每日数据');
    expect([...figures.querySelectorAll('thead th')].map(text)).toEqual(['日期', '新办', '办结', '升级', '逾期']);
    expect(rows(figures)).toHaveLength(33);
    expect(rows(figures)[0]).toEqual(['2027-03-10', '4', '1', '0', '3']);
    expect(rows(figures)[1]).toEqual(['2027-03-11', '0', '1', '0', '0']);
    expect(text(disputeChart!.querySelector('.series-chart__summary'))).toContain('升级 1 次');
  });

  it('asks again with the filters (process, unit, dates) only when the person applies them', async () => {
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('figure.series-chart')).toHaveLength(2));
    const process = labelled<HTMLSelectElement>(page, '流程');
    await waitFor(() => expect([...process.options].map(text)).toEqual(['全部流程', '矛盾纠纷调解', '网格事件核查']));
    const unit = labelled<HTMLSelectElement>(page, '单位（含下级）');
    await waitFor(() => expect([...unit.options].map((o) => o.textContent)).toEqual(['华溪县', '\u3000青石镇', '\u3000\u3000青石村', '\u3000东山街道', '\u3000\u3000东苑社区']));
    answer = () => json(200, { ...REPORT, orgUnit: VILLAGE, orgUnitName: '青石村', definitionId: 'monitor-sla', from: '2027-03-10', to: '2027-03-11', running: { total: 0, groups: [] }, overdueTasks: { total: 0, truncated: false, items: [] }, breaches: { total: 0, truncated: false, items: [] }, series: [REPORT.series[1]!] });
    await userEvent.selectOptions(process, 'monitor-sla');
    await userEvent.selectOptions(unit, VILLAGE);
    await userEvent.fill(labelled(page, '开始日期'), '2027-03-10');
    await userEvent.fill(labelled(page, '结束日期'), '2027-03-11');
    expect(monitorRequests).toHaveLength(1);
    await userEvent.click(button(page, '查询'));
    await waitFor(() => expect(text(page.querySelector('.monitor-scope'))).toContain('青石村，2027-03-10 至 2027-03-11'));
    expect(monitorRequests.at(-1)).toBe(`/api/monitor?from=2027-03-10&to=2027-03-11&definitionId=monitor-sla&orgUnit=${encodeURIComponent(VILLAGE)}`);
    expect(text(page)).toContain('没有正在办理的办件。');
    expect(text(page)).toContain('没有逾期的事项。');
    expect(text(page)).toContain('统计期内没有超出时限的情况。');
    expect(page.querySelectorAll('figure.series-chart')).toHaveLength(1);
  });

  it('shows a refused range with the server\'s reason and fix, and asks again on reload', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    answer = () => json(400, {
      code: 'CF_SERVER_MONITOR_RANGE', message: title('开始日期 2027-04-02 晚于结束日期 2027-04-01', 'the start date 2027-04-02 is after the end date 2027-04-01'),
      hint: title('from 不晚于 to', 'give from not after to'),
    });
    const page = mountApp();
    const alert = await waitFor(() => {
      const found = page.querySelector('[role="alert"]');
      if (!found) throw new Error('no error yet');
      return found;
    });
    expect(text(alert)).toContain('the start date 2027-04-02 is after the end date 2027-04-01');
    expect(text(alert)).toContain('What to do: give from not after to');
    expect(text(alert)).toContain('CF_SERVER_MONITOR_RANGE');
    answer = () => json(200, REPORT);
    await userEvent.click(button(alert as HTMLElement, 'Reload'));
    await waitFor(() => expect(text(page.querySelector('.monitor-scope'))).toBe('Showing 华溪县, 2027-03-10 to 2027-04-11 (as of 2027-04-11 00:00)'));
    expect(monitorRequests).toHaveLength(2);
  });

  it.each([
    { locale: 'zh-CN', largeText: false },
    { locale: 'en', largeText: false },
    { locale: 'zh-CN', largeText: true },
    { locale: 'en', largeText: true },
  ])('has no serious or critical accessibility violation ($locale, large text $largeText)', async ({ locale, largeText }) => {
    localStorage.setItem('civicflow.locale', locale);
    localStorage.setItem('civicflow.largeText', largeText ? '1' : '0');
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('figure.series-chart')).toHaveLength(2));
    await waitFor(() => expect(labelled<HTMLSelectElement>(page, locale === 'en' ? 'Process' : '流程').options.length).toBe(3));
    expect(document.documentElement.classList.contains('cf-large-text')).toBe(largeText);
    for (const details of page.querySelectorAll('details')) details.open = true;
    expect(await seriousViolations()).toEqual([]);
  });

  it('is checked by an accessibility check that does find a violation when there is one', async () => {
    const page = mountApp();
    await waitFor(() => expect(page.querySelectorAll('figure.series-chart')).toHaveLength(2));
    const unlabelled = document.createElement('input');
    page.querySelector('.monitor-filters')!.append(unlabelled);
    expect((await seriousViolations()).some((v) => v.startsWith('label '))).toBe(true);
  });
});
