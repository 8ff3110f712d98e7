import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import type { ProcessDefinition } from '@civicflow/engine';
import { launchChromium, SCREENSHOTS, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { completeByApi, doTaskInStudio, moveClock, stepTitle, StudioUsers } from './support/studioTaskWalk.js';

// Process C (乡镇应急动员) walked in the built studio, on the real server (real port, temporary
// SQLite, test clock), in Debian's Chromium under the server's CSP, by the seeded demo users,
// with the data of the example's scenario tests (SYNTHETIC people and ID numbers).
// - Main path (S-C1): the duty officer 胡小平 (twp_duty) registers the county's yellow warning;
//   the commander 马卫东 (twp_cmd) starts a level Ⅲ response; the duty officer reports it to the
//   county; 上坝村's "two committees" (v2w_shangba) convene; the grid worker 郭强 (grid_xiahe) does
//   the door-to-door check; the village files its nil daily report; the county lifts the warning
//   (duty officer), the commander considers and ends the response, the emergency office 林海
//   (twp_emo) reconciles the recovery, the commander files the review → 已归档. Every kind of task
//   is done in the studio; the second village's copy of the convening and the daily reports, and
//   the second day's reports, go through the API as each village's own user (repetitive).
// - Unhappy path (S-C3's rule, C §5 "down"): the county downgrades the warning to blue in the
//   middle of a Ⅲ response. The response level does not follow the warning by itself; the
//   commander reviews the change and ends the response early, before its expected end.
// Screenshots: packages/studio/test-results/c-*.png.

const EXAMPLES = fileURLToPath(new URL('../../../examples/emergency-mobilisation/', import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as ProcessDefinition;
const EPISODE = load('process.json');
const EVACUEE = load('evacuee.json');
const PROCESS_ZH = EPISODE.title['zh-CN'];
const TOWN = 'county:huaxi/town:qingshi';
const VILLAGES = [
  { id: 'shangba', title: { 'zh-CN': '上坝村', en: 'Shangba village' }, orgUnit: `${TOWN}/village:shangba` },
  { id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe village' }, orgUnit: `${TOWN}/village:xiahe` },
];
const title = (id: string): string => stepTitle(EPISODE, id);
const schemaOf = (form: string) => EPISODE.forms[form]!.schema;
const at = (s: string) => `${s}:00+08:00`;

// ------------------------------------------------------------------ the scenario tests' data
/** A SYNTHETIC resident ID number (GB 11643 checksum, area 110101): it belongs to nobody. */
function syntheticId(birth: string, seq: number, female: boolean): string {
  const body = `110101${birth}${String(seq % 100).padStart(2, '0')}${female ? 2 : 1}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0) % 11]!;
}
const warning = (o: { id: string; level: number; colour: string; kind?: string; issuedAt: string; supersedes?: string }) => ({
  warning_id: o.id, hazard_type: '暴雨', level: o.level, colour: o.colour, issuer: '华溪县气象局', issuer_level: '县',
  issued_at: o.issuedAt, effective_from: o.issuedAt, areas: ['上坝村', '下河村'], warnings: '强降雨，注意山洪和地质灾害', measures: '危险区人员做好转移准备',
  source_doc: `https://example.invalid/warnings/${o.id}.pdf`, kind: o.kind ?? '发布', ...(o.supersedes ? { supersedes: o.supersedes } : {}),
});
const start = (now: string, until: string) => ({
  matters: '强降雨引发山洪、地质灾害风险的防范应对', response_level: 'Ⅲ', expected_until: until, measures: ['启动应急预案', '抢险救援队伍待命', '发布避险提示'],
  basis: '预警', villages: ['shangba', 'xiahe'], transfer_zones: [], commander: '镇长', signed_at: now,
});
const convened = (heldAt: string) => ({
  status: '已召开并部署', held_at: heldAt, attendees: ['支书', '主任'], decisions: '分组包保、逐户通知', baobao: [{ responsible: 'pm-dang01', households: ['SB-001'], priority_persons: [] }],
});
/** The door-to-door check of one 上坝组 household whose one resident need not move (S-C1). */
const doorToDoor = (visitedAt: string) => ({
  round: 1, visited_at: visitedAt, households: [{ household_id: 'SB-001', zone: '上坝组', contact: '在家已见面', residents: 1, present_now: 1, hazards: ['临河'] }],
  persons: [{
    person_id: 'P-SB-01', name: '居民一', id_no: syntheticId('19700101', 1, false), village: 'shangba', zone: '上坝组', household_id: 'SB-001',
    priority_groups: [], mobility: '自行', guardian_present: true, civil_capacity: '完全', must_transfer: false,
  }],
});
const nilReport = (asOf: string) => ({ kind: '零报告', as_of: asOf, transferred_total: 0, in_shelters_now: 0, priority_in_shelters: 0, deaths: 0, missing: 0, injured: 0, signed_by: '村支书' });
const end = (now: string) => ({ kind: 'END', decision_ref: 'QS-YJ-END', basis: '险情已消除', no_open_hazards: true, effective_at: now, commander: '镇长' });
const review = (submittedAt: string) => ({
  timeline: '见系统日志', causes: '短时强降雨', losses: { people: 0, houses: 0 }, evaluation: '预警传递及时，村级动员按时完成',
  problems: '个别村日报迟报', improvements: [{ measure: '日报提醒前移', owner: '镇应急办', due: '2027-09-30' }], submitted_at: submittedAt, pii_decision: '销毁',
});

let server: StudioServer;
let browser: Browser;
let users: StudioUsers;
const cookies = new Map<string, string>();

interface CaseBody { status: string; outcome: { id: string; title: { 'zh-CN': string } } | null; tasks: { id: string; stepId: string }[]; data: Record<string, unknown> }
async function caseView(caseId: string): Promise<CaseBody> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${caseId}`, headers: { cookie: cookies.get('admin')! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseBody;
}
const clock = (to: string) => moveClock(server, cookies.get('admin')!, to);
const api = (username: string, caseId: string, stepId: string, data: unknown) => completeByApi(server, cookies.get(username)!, caseId, stepId, data);

/** An episode opened by the town's duty office for its two villages (set-up: the start has no form). */
async function startEpisode(): Promise<string> {
  const res = await server.app.inject({
    method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('twp_duty')! },
    payload: { definitionId: EPISODE.id, orgUnit: TOWN, data: { villages: VILLAGES } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { instanceId: string }).instanceId;
}

/** The case page as `username` sees it once closed: the page's text and the timeline's entries. */
async function readClosedCase(username: string, caseId: string, screenshot: string): Promise<{ main: string; timeline: string[] }> {
  return users.as(username, async ({ page }) => {
    await page.goto(`${server.base}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('已办结');
    const timeline = page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
    await timeline.first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    return { main: (await page.locator('main').textContent()) ?? '', timeline: await timeline.allTextContents() };
  });
}
const doneBy = (timeline: string[], step: string, username: string) => timeline.some((e) => e.includes('办理完成') && e.includes(title(step)) && e.includes(`u-${username}`));

beforeAll(async () => {
  server = await startStudioServer({ definitions: [EVACUEE, EPISODE], testClock: { start: at('2027-07-10T08:00') } });
  for (const user of ['twp_duty', 'twp_cmd', 'twp_emo', 'v2w_shangba', 'v2w_xiahe', 'grid_xiahe', 'admin']) cookies.set(user, await server.login(user));
  browser = await launchChromium();
}, 60_000);

beforeEach(() => {
  users = new StudioUsers(browser, server.base);
});

afterAll(async () => {
  await users?.closeAll();
  await browser?.close();
  await server?.close();
});

describe('process C in the studio: an emergency episode from the warning to the archive', () => {
  it('main path (S-C1): yellow warning, level Ⅲ response, convening, door-to-door check, nil reports, lifted, ended, reviewed → 已归档', async () => {
    const caseId = await startEpisode();
    const yellow = 'HX-QX-2027-0710-01';

    await users.as('twp_duty', (duty) => doTaskInStudio(duty, server.base, {
      caseId, title: title('registerWarning'), schema: schemaOf('warning'), data: warning({ id: yellow, level: 3, colour: '黄色', issuedAt: at('2027-07-10T07:55') }), screenshot: 'c-01-warning.png',
    }));
    const standby = await caseView(caseId);
    expect(standby.data['suggested_level']).toBe('Ⅲ');
    expect(standby.data['response']).toBeUndefined(); // the warning never starts a response by itself

    await clock(at('2027-07-10T09:00'));
    await users.as('twp_cmd', (cmd) => doTaskInStudio(cmd, server.base, {
      caseId, title: title('startResponse'), schema: schemaOf('start'), data: start(at('2027-07-10T09:00'), at('2027-07-11T20:00')), screenshot: 'c-02-start.png',
    }));
    expect((await caseView(caseId)).data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ' });

    await clock(at('2027-07-10T09:20'));
    await users.as('twp_duty', (duty) => doTaskInStudio(duty, server.base, {
      caseId, title: title('reportStartToCounty'), schema: schemaOf('county_report'), data: { reported_at: at('2027-07-10T09:20'), channel: '电话', receiver: '县应急局值班室' },
    }));

    await clock(at('2027-07-10T09:40'));
    await users.as('v2w_shangba', (v2w) => doTaskInStudio(v2w, server.base, { caseId, title: title('villageConvene'), schema: schemaOf('convene'), data: convened(at('2027-07-10T09:40')) }));
    await api('v2w_xiahe', caseId, 'villageConvene', convened(at('2027-07-10T09:40'))); // the same form, the other village
    expect((await caseView(caseId)).data['village_convene']).toMatchObject({ outcome: 'approved' });

    await clock(at('2027-07-10T15:00'));
    await users.as('grid_xiahe', (grid) => doTaskInStudio(grid, server.base, {
      caseId, title: title('doorToDoor24h'), schema: schemaOf('household_check'), screenshot: 'c-03-door-to-door.png', data: doorToDoor(at('2027-07-10T15:00')),
    }));
    expect((await caseView(caseId)).data['evacuation']).toEqual([]); // nobody had to move at Ⅲ

    // The 16:00 cut-off opens a daily report per village.
    await clock(at('2027-07-10T16:30'));
    await users.as('v2w_shangba', (v2w) => doTaskInStudio(v2w, server.base, { caseId, title: title('dailyReport'), schema: schemaOf('daily_report'), data: nilReport(at('2027-07-10T16:00')) }));
    await api('v2w_xiahe', caseId, 'dailyReport', nilReport(at('2027-07-10T16:00')));
    await clock(at('2027-07-11T16:10'));
    await api('v2w_shangba', caseId, 'dailyReport', nilReport(at('2027-07-11T16:00')));
    await api('v2w_xiahe', caseId, 'dailyReport', nilReport(at('2027-07-11T16:00')));

    // 18:00 the county lifts the warning: the commander is asked, nothing ends by itself.
    await clock(at('2027-07-11T18:00'));
    await users.as('twp_duty', (duty) => doTaskInStudio(duty, server.base, {
      caseId, title: title('warningActive'), schema: schemaOf('warning'),
      data: warning({ id: 'HX-QX-2027-0711-02', level: 3, colour: '黄色', kind: '解除', supersedes: yellow, issuedAt: at('2027-07-11T18:00') }),
    }));
    expect((await caseView(caseId)).data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ' });
    await users.as('twp_cmd', async (cmd) => {
      await doTaskInStudio(cmd, server.base, { caseId, title: title('considerEnding'), schema: schemaOf('warning_review'), data: { assessment: '降雨已停，险情消除', intention: '拟结束响应' } });
      await clock(at('2027-07-11T19:00'));
      await doTaskInStudio(cmd, server.base, { caseId, title: title('commandDecision'), schema: schemaOf('command'), data: end(at('2027-07-11T19:00')), screenshot: 'c-04-end.png' });
    });
    expect((await caseView(caseId)).data['response']).toMatchObject({ phase: 'ENDED', ended_on: '2027-07-11' });

    await users.as('twp_emo', (emo) => doTaskInStudio(emo, server.base, { caseId, title: title('recovery'), schema: schemaOf('recovery'), data: { supplies_reconciled: true, requisitions_settled: true } }));
    await clock(at('2027-07-25T10:00'));
    await users.as('twp_cmd', (cmd) => doTaskInStudio(cmd, server.base, { caseId, title: title('reviewReport'), schema: schemaOf('review'), data: review(at('2027-07-25T10:00')) }));

    const done = await caseView(caseId);
    expect(done.status).toBe('done');
    expect(done.outcome).toMatchObject({ id: 'ARCHIVED' });

    const seen = await readClosedCase('twp_cmd', caseId, 'c-05-archived-case.png');
    expect(done.outcome!.title['zh-CN']).toContain('归档');
    expect(seen.main).toContain(done.outcome!.title['zh-CN']);
    for (const step of ['registerWarning', 'reportStartToCounty', 'warningActive']) expect(doneBy(seen.timeline, step, 'twp_duty'), step).toBe(true);
    for (const step of ['startResponse', 'considerEnding', 'commandDecision', 'reviewReport']) expect(doneBy(seen.timeline, step, 'twp_cmd'), step).toBe(true);
    expect(doneBy(seen.timeline, 'villageConvene', 'v2w_shangba')).toBe(true);
    expect(doneBy(seen.timeline, 'villageConvene', 'v2w_xiahe')).toBe(true);
    expect(doneBy(seen.timeline, 'doorToDoor24h', 'grid_xiahe')).toBe(true);
    expect(doneBy(seen.timeline, 'dailyReport', 'v2w_shangba')).toBe(true);
    expect(doneBy(seen.timeline, 'recovery', 'twp_emo')).toBe(true);
    await users.closeAll();
  }, 240_000);

  it('unhappy path: the warning is downgraded mid-response; the level stays until the commander ends the response early', async () => {
    await clock(at('2027-08-01T08:00'));
    const caseId = await startEpisode();
    const yellow = 'HX-QX-2027-0801-01';
    const expectedUntil = at('2027-08-02T20:00');
    // Set-up through the API (the main path walks these forms): the yellow warning and a Ⅲ response.
    await api('twp_duty', caseId, 'registerWarning', warning({ id: yellow, level: 3, colour: '黄色', issuedAt: at('2027-08-01T07:55') }));
    await clock(at('2027-08-01T09:00'));
    await api('twp_cmd', caseId, 'startResponse', start(at('2027-08-01T09:00'), expectedUntil));
    // The door-to-door check finds nobody to move (the evacuation track must be settled before END).
    await clock(at('2027-08-01T11:00'));
    await api('grid_xiahe', caseId, 'doorToDoor24h', doorToDoor(at('2027-08-01T11:00')));

    // 12:00 the county downgrades its warning to blue; the duty officer registers the change.
    await clock(at('2027-08-01T12:00'));
    await users.as('twp_duty', (duty) => doTaskInStudio(duty, server.base, {
      caseId, title: title('warningActive'), schema: schemaOf('warning'), screenshot: 'c-10-downgrade.png',
      data: warning({ id: 'HX-QX-2027-0801-02', level: 4, colour: '蓝色', kind: '调整', supersedes: yellow, issuedAt: at('2027-08-01T12:00') }),
    }));
    const downgraded = await caseView(caseId);
    expect(downgraded.data['warning']).toMatchObject({ colour: '蓝色', kind: '调整' });
    // A warning change never moves the response level: still Ⅲ, the commander has to decide.
    expect(downgraded.data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ' });
    expect(downgraded.tasks.map((t) => t.stepId)).toContain('reviewWarningChange');

    await users.as('twp_cmd', async (cmd) => {
      await doTaskInStudio(cmd, server.base, { caseId, title: title('reviewWarningChange'), schema: schemaOf('warning_review'), data: { assessment: '县气象局降为蓝色预警，雨势明显减弱，无在途险情', intention: '拟结束响应' } });
      expect((await caseView(caseId)).data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ' });
      await clock(at('2027-08-01T12:30'));
      await doTaskInStudio(cmd, server.base, { caseId, title: title('commandDecision'), schema: schemaOf('command'), data: { ...end(at('2027-08-01T12:30')), basis: '预警降为蓝色，险情已消除' } });
    });
    const ended = await caseView(caseId);
    expect(ended.data['response']).toMatchObject({ phase: 'ENDED', ended_on: '2027-08-01' });
    // Ended early: more than a day before the start decision's expected end.
    expect(Date.parse(at('2027-08-01T12:30'))).toBeLessThan(Date.parse(expectedUntil));

    // The closing work is the main path's: through the API as the emergency office and the commander.
    await api('twp_emo', caseId, 'recovery', { supplies_reconciled: true, requisitions_settled: true });
    await clock(at('2027-08-01T16:00'));
    await api('twp_cmd', caseId, 'reviewReport', review(at('2027-08-01T16:00')));
    const done = await caseView(caseId);
    expect(done.outcome).toMatchObject({ id: 'ARCHIVED' });

    const seen = await readClosedCase('twp_cmd', caseId, 'c-11-ended-early-case.png');
    expect(doneBy(seen.timeline, 'warningActive', 'twp_duty')).toBe(true);
    const reviewed = seen.timeline.findIndex((e) => e.includes('办理完成') && e.includes(title('reviewWarningChange')) && e.includes('u-twp_cmd'));
    const endedAt = seen.timeline.findIndex((e) => e.includes('办理完成') && e.includes(title('commandDecision')) && e.includes('u-twp_cmd'));
    expect(reviewed).toBeGreaterThanOrEqual(0);
    expect(endedAt).toBeGreaterThan(reviewed);
    await users.closeAll();
  }, 180_000);
});
