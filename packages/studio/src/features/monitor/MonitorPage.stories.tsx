import type { Meta, StoryObj } from '@storybook/react-vite';
import { withStudio } from '../../../.storybook/studioStory.js';
import type { ApiAnswer, StudioParameters } from '../../../.storybook/studioStory.js';
import type { User } from '../../api/types.js';
import type { MonitorReport, ProcessSeries } from './monitorApi.js';
import { MonitorPage } from './MonitorPage.js';

// 运行监控 as the county administrator sees it: GET /api/monitor answered with a month of the
// dispute mediation and a grid event check (two cases past a deadline, one escalated to the town),
// an empty county, no answer yet, or a refused date range.

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const COUNTY = 'county:huaxi';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const DONGYUAN = 'county:huaxi/town:dongshan/community:dongyuan';
const admin: User = { id: 'u-admin', username: 'admin', displayName: '系统管理员', orgUnit: COUNTY, orgUnitName: '华溪县', roles: ['ADMIN'] };
const mediation = title('矛盾纠纷调解（村→镇→县→法院）', 'dispute mediation (village → township → county → court)');
const check = title('网格事件核查', 'grid event check');

/** 30 days from 2027-03-13 with a few busy ones. */
function series(definitionId: string, processTitle: typeof check, busy: Record<number, [number, number, number, number]>): ProcessSeries {
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(Date.parse('2027-03-13T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
    const [opened, resolved, escalated, overdue] = busy[i] ?? [0, 0, 0, 0];
    return { date, opened, resolved, escalated, overdue };
  });
  const sum = (k: 'opened' | 'resolved' | 'escalated' | 'overdue') => days.reduce((n, d) => n + d[k], 0);
  return { definitionId, title: processTitle, totals: { opened: sum('opened'), resolved: sum('resolved'), escalated: sum('escalated'), overdue: sum('overdue') }, days };
}

const report: MonitorReport = {
  now: '2027-04-11T10:20:00+08:00', from: '2027-03-13', to: '2027-04-11', orgUnit: COUNTY, orgUnitName: '华溪县', definitionId: null,
  running: {
    total: 9,
    groups: [
      { definitionId: 'dispute-mediation', title: mediation, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 4, steps: [
        { stepId: 'vSession', title: title('村调委会调解（调解记录）', 'village mediation session'), cases: 3 },
        { stepId: 'tSession', title: title('镇调委会调解（调解记录）', 'township mediation session'), cases: 1 },
        { stepId: 'partyRequests', title: title('当事人撤回调解申请或申请仲裁', 'party withdraws or elects arbitration'), cases: 4 },
      ] },
      { definitionId: 'monitor-sla', title: check, orgUnit: DONGYUAN, orgUnitName: '东苑社区', cases: 2, steps: [{ stepId: 'check', title: title('现场核查', 'on-site check'), cases: 2 }] },
      { definitionId: 'monitor-sla', title: check, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 3, steps: [{ stepId: 'check', title: title('现场核查', 'on-site check'), cases: 3 }] },
    ],
  },
  overdueTasks: {
    total: 2, truncated: false,
    items: [
      {
        instanceId: 'c-2027-0031', definitionId: 'monitor-sla', processTitle: check, orgUnit: DONGYUAN, orgUnitName: '东苑社区', taskId: 'check:2', stepId: 'check',
        title: title('现场核查', 'on-site check'), assignee: { role: 'V_MED', roleTitle: title('村调解员', 'village mediator'), orgUnit: DONGYUAN }, dueAt: '2027-04-08T16:00:00+08:00', overdueMinutes: 3980,
      },
      {
        instanceId: 'c-2027-0034', definitionId: 'monitor-sla', processTitle: check, orgUnit: VILLAGE, orgUnitName: '青石村', taskId: 'check:2', stepId: 'check',
        title: title('现场核查', 'on-site check'), assignee: { role: 'V_MED', roleTitle: title('村调解员', 'village mediator'), orgUnit: VILLAGE }, dueAt: '2027-04-11T08:30:00+08:00', overdueMinutes: 110,
      },
    ],
  },
  breaches: {
    total: 3, truncated: false,
    items: [
      {
        instanceId: 'c-2027-0034', definitionId: 'monitor-sla', processTitle: check, orgUnit: VILLAGE, orgUnitName: '青石村', caseStatus: 'active', stepId: 'check', stepTitle: title('现场核查', 'on-site check'),
        taskId: 'check:2', purpose: 'deadline', basis: title('内部时限：核查四小时内完成', 'internal limit: check within four hours'), dueAt: '2027-04-11T08:30:00+08:00', expiredAt: '2027-04-11T08:30:01+08:00', taskCompletedAt: null,
      },
      {
        instanceId: 'c-2027-0012', definitionId: 'dispute-mediation', processTitle: mediation, orgUnit: VILLAGE, orgUnitName: '青石村', caseStatus: 'active', stepId: 'ladder', stepTitle: title('逐级调处：村→镇→县→法院', 'ladder: village → town → county → court'),
        taskId: null, purpose: 'rung', basis: title('人民调解工作若干规定第三十三条（一般一个月内调结）', 'Mediation Work Rules Art 33 (one month)'), dueAt: '2027-04-11T00:00:00+08:00', expiredAt: '2027-04-11T00:00:01+08:00', taskCompletedAt: null,
      },
      {
        instanceId: 'c-2027-0031', definitionId: 'monitor-sla', processTitle: check, orgUnit: DONGYUAN, orgUnitName: '东苑社区', caseStatus: 'done', stepId: 'check', stepTitle: title('现场核查', 'on-site check'),
        taskId: 'check:1', purpose: 'deadline', basis: title('内部时限：核查四小时内完成', 'internal limit: check within four hours'), dueAt: '2027-03-20T16:00:00+08:00', expiredAt: '2027-03-20T16:00:02+08:00', taskCompletedAt: '2027-03-21T09:15:00+08:00',
      },
    ],
  },
  series: [
    series('dispute-mediation', mediation, { 0: [1, 0, 0, 0], 4: [2, 0, 0, 0], 9: [1, 1, 0, 0], 20: [0, 1, 0, 0], 29: [0, 0, 1, 1] }),
    series('monitor-sla', check, { 2: [3, 1, 0, 0], 7: [2, 2, 0, 1], 8: [0, 1, 0, 0], 15: [4, 2, 0, 0], 26: [1, 0, 0, 0], 29: [2, 1, 0, 1] }),
  ],
};

const orgTree = {
  path: COUNTY, level: 'county', code: 'huaxi', name: '华溪县', children: [
    { path: 'county:huaxi/town:qingshi', level: 'town', code: 'qingshi', name: '青石镇', children: [{ path: VILLAGE, level: 'village', code: 'qingshicun', name: '青石村', children: [] }] },
    { path: 'county:huaxi/town:dongshan', level: 'town', code: 'dongshan', name: '东山街道', children: [{ path: DONGYUAN, level: 'community', code: 'dongyuan', name: '东苑社区', children: [] }] },
  ],
};
const definitions = [
  { id: 'dispute-mediation', title: mediation, latestVersion: 1, versions: [{ id: 'dispute-mediation', version: 1, title: mediation, publishedAt: '2027-02-20T09:00:00+08:00' }] },
  { id: 'monitor-sla', title: check, latestVersion: 1, versions: [{ id: 'monitor-sla', version: 1, title: check, publishedAt: '2027-02-20T09:00:00+08:00' }] },
];

const studio = (monitor: ApiAnswer, more: StudioParameters = {}) => ({
  studio: { user: admin, api: { '/api/monitor': monitor, '/api/admin/org-units': { body: orgTree }, '/api/definitions': { body: { definitions } } }, ...more } satisfies StudioParameters,
});
const empty: MonitorReport = {
  ...report, running: { total: 0, groups: [] }, overdueTasks: { total: 0, truncated: false, items: [] }, breaches: { total: 0, truncated: false, items: [] },
  series: report.series.map((s) => ({ ...s, totals: { opened: 0, resolved: 0, escalated: 0, overdue: 0 }, days: s.days.map((d) => ({ date: d.date, opened: 0, resolved: 0, escalated: 0, overdue: 0 })) })),
};

const meta = {
  title: 'Studio/Monitor',
  component: MonitorPage,
  decorators: [withStudio],
} satisfies Meta<typeof MonitorPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const County: Story = { parameters: studio({ body: report }) };
export const CountyInEnglish: Story = { parameters: studio({ body: report }, { locale: 'en' }) };
export const CountyInLargeText: Story = { parameters: studio({ body: report }, { largeText: true }) };
export const NothingRunning: Story = { parameters: studio({ body: empty }) };
export const Loading: Story = { parameters: studio('pending') };
export const RangeRefused: Story = {
  parameters: studio({
    status: 400,
    body: {
      code: 'CF_SERVER_MONITOR_RANGE', message: { 'zh-CN': '开始日期 2027-04-12 晚于结束日期 2027-04-11', en: 'the start date 2027-04-12 is after the end date 2027-04-11' },
      hint: { 'zh-CN': 'from 不晚于 to，最长 366 天', en: 'give from not after to, at most 366 days' },
    },
  }),
};
