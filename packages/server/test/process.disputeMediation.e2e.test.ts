import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { DISPUTE, launchChromium, SCREENSHOTS, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { completeByApi, doTaskInStudio, goToInbox, inboxTasks, moveClock, stepTitle, StudioUsers } from './support/studioTaskWalk.js';

// Process B (矛盾纠纷调解) walked end to end in the built studio, on the real server (real port,
// temporary SQLite, test clock), in Debian's Chromium under the server's CSP, by the seeded demo
// users. Every task below is filled in and submitted through the studio's forms from the inbox,
// with the data of the example's scenario tests (SYNTHETIC people and ID numbers), except the
// two tasks named as API set-up.
// - Main path (S-B4 with full performance): the village mediator 王建国 (v_med) registers a debt
//   dispute, explains the rights, grades it, mediates to a written agreement and draws it up; the
//   court (陈静, court) registers the joint application for judicial confirmation and rules it
//   valid; the mediator's follow-up visit finds it paid → 已解决.
// - Unhappy path (S-B3): a RED risk raised at the village — the ladder escalates to the town by
//   itself (人民调解法/S-B3: RED is handled at the town or above; not the month running out, which
//   studio.escalation.e2e.test.ts covers); the mediator reports to the police; the township centre
//   (李明华, t_center) lowers the colour in its stabilisation task and mediates to an oral agreement.
// Screenshots: packages/studio/test-results/b-*.png.

const FORMS = DISPUTE.forms;
const PROCESS_ZH = DISPUTE.title['zh-CN'];
const AT = (d: string, hm = '09:00') => `${d}T${hm}:00+08:00`;
const title = (id: string): string => stepTitle(DISPUTE, id);
const schemaOf = (form: string) => FORMS[form]!.schema;

// ------------------------------------------------------------------ the scenario tests' data
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const REFS = ['A1', 'R1'];
const sig = (on: string) => ({ method: '手写签名', signed_on: on });
const intake = (on: string, over: Record<string, unknown> = {}) => ({
  source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig(on),
  received_on: on, accepted_on: on, registrar: '王建国', ...over,
});
const rights = (on: string, refs = REFS) => ({
  mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
  acks: refs.map((r) => ({ party_ref: r, signature: sig(on), date: on })), consent: refs.map((r) => ({ party_ref: r, decision: '同意' })),
});
const grading = (at: string, over: Record<string, unknown> = {}) => ({ grade: 'G1', level: 'VILLAGE', risk_indicators: ['无'], risk_colour: 'BLUE', mediators: ['王建国'], assessor: '王建国', assessed_at: at, ...over });
const session = (at: string, result: string, over: Record<string, unknown> = {}) => ({
  held_at: at, place: '青石村调解室', mediators_present: ['王建国'], parties_present: REFS, narrative: '调解员听取双方陈述，释法说理。', result, ...over,
});
const AGREEMENT_NO = '（2027）青石村调协字第3号';
const written = (signedOn: string, sealedOn: string) => ({
  agreement_no: AGREEMENT_NO, parties: REFS, facts: '被申请人向申请人借款八千元，约定2027年3月底归还，至今未还。', issues: ['还款金额与期限'],
  responsibilities: '被申请人承担还款责任。',
  terms: [
    { obligor: 'R1', obligee: 'A1', content: '第一期还款', amount: 4000, method: '分期支付', place: '青石村村委会', due_date: '2027-06-30' },
    { obligor: 'R1', obligee: 'A1', content: '第二期还款', amount: 4000, method: '分期支付', place: '青石村村委会', due_date: '2027-07-31' },
  ],
  total_amount: 8000, copies: 3,
  party_signatures: REFS.map((r) => ({ party_ref: r, method: '签名', signed_on: signedOn })),
  mediator_signature: { name: '王建国', signed_on: signedOn },
  committee_seal: { seal_id: 'QSC-TWH-01', org: '青石村人民调解委员会', sealed_on: sealedOn },
  effective_date: sealedOn, intends_confirmation: true,
});
const visit = (on: string, performance: string, visitor: string, refs = REFS) => ({
  visited_on: on, mode: '上门', interviewed: refs, performance, satisfaction: '满意', new_risks: '无新的矛盾苗头', new_risk_colour: 'BLUE', visitor,
});

let server: StudioServer;
let browser: Browser;
/** The signed-in users of the running test. */
let users: StudioUsers;
const cookies = new Map<string, string>();

interface CaseBody { status: string; outcome: { id: string } | null; tasks: { id: string; stepId: string }[]; data: Record<string, unknown> }
async function caseView(caseId: string): Promise<CaseBody> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${caseId}`, headers: { cookie: cookies.get('admin')! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseBody;
}
const openSteps = async (caseId: string) => (await caseView(caseId)).tasks.map((t) => t.stepId).sort();

/** A case started by the village mediator (the start is set-up: it has no form). */
async function startCase(): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_med')! }, payload: { definitionId: DISPUTE.id } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { instanceId: string }).instanceId;
}

/** The case page as `username` sees it: status, outcome, and the timeline's entries. */
async function readCasePage(username: string, caseId: string, screenshot: string): Promise<{ main: string; timeline: string[] }> {
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

beforeAll(async () => {
  server = await startStudioServer({ definitions: [DISPUTE], testClock: { start: AT('2027-04-15') } });
  for (const user of ['v_med', 't_center', 'court', 'admin']) cookies.set(user, await server.login(user));
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

describe('process B in the studio: a dispute from intake to its end, by the people who handle it', () => {
  it('main path: village mediation to a written agreement, judicial confirmation by the court, paid in full → 已解决', async () => {
    const admin = cookies.get('admin')!;
    const caseId = await startCase();
    const debt = intake('2027-04-15', { dispute_type: '债务', amount: 8000, summary: '被申请人向申请人借款八千元，约定2027年3月底归还，至今未还。' });

    // The village mediator: intake, rights notice, grading, the session that reaches agreement, the agreement.
    await users.as('v_med', async (vMed) => {
      await doTaskInStudio(vMed, server.base, { caseId, title: title('intake'), schema: schemaOf('BF1'), data: debt, screenshot: 'b-01-intake.png' });
      await doTaskInStudio(vMed, server.base, { caseId, title: title('rightsNotice'), schema: schemaOf('BF2'), data: rights('2027-04-15') });
      await doTaskInStudio(vMed, server.base, { caseId, title: title('grading'), schema: schemaOf('BF3'), data: grading(AT('2027-04-15', '10:00')) });
      expect(await openSteps(caseId)).toEqual(['partyRequests', 'riskReassess', 'vSession']);
      await moveClock(server, admin, AT('2027-04-19'));
      await doTaskInStudio(vMed, server.base, { caseId, title: title('vSession'), schema: schemaOf('BF4'), data: session(AT('2027-04-19'), '达成协议', { agreement_form: '书面' }) });
      await moveClock(server, admin, AT('2027-04-20', '16:00'));
      await doTaskInStudio(vMed, server.base, { caseId, title: title('vWritten'), schema: schemaOf('BF5'), data: written('2027-04-19', '2027-04-20'), screenshot: 'b-02-agreement.png' });
    });
    const agreed = await caseView(caseId);
    expect(agreed.data['effective_date']).toBe('2027-04-20');
    expect(agreed.tasks.map((t) => t.stepId)).toEqual(expect.arrayContaining(['confirmationFiling', 'followUp']));

    // The court: the joint application within the 30 days, then the ruling.
    await moveClock(server, admin, AT('2027-05-10'));
    await users.as('court', async (court) => {
      await doTaskInStudio(court, server.base, {
        caseId, title: title('confirmationFiling'), schema: schemaOf('BF9_filing'),
        data: { applicants: REFS, agreement_ref: AGREEMENT_NO, filed_on: '2027-05-10', court: '华溪县人民法院青石人民法庭', attachments: ['协议书', '身份证明', '调委会证明'] },
      });
      await doTaskInStudio(court, server.base, { caseId, title: title('confirmationRuling'), schema: schemaOf('BF9_ruling'), data: { ruling: '裁定有效', ruling_no: '（2027）华溪民特12号', ruled_on: '2027-05-10' } });
    });
    expect((await caseView(caseId)).data['confirmed']).toBe(true);

    // Both instalments are due by 07-31; the mediator's visit on 08-03 finds them paid.
    await moveClock(server, admin, AT('2027-08-03'));
    await users.as('v_med', (vMed) =>
      doTaskInStudio(vMed, server.base, { caseId, title: title('followUp'), schema: schemaOf('BF10'), data: visit('2027-08-03', '已全部履行', '王建国') }));

    const done = await caseView(caseId);
    expect(done.status).toBe('done');
    expect(done.outcome).toMatchObject({ id: 'RESOLVED' });

    // What the mediator sees: closed, resolved, and each of the two actors in the timeline.
    const seen = await readCasePage('v_med', caseId, 'b-03-resolved-case.png');
    expect(seen.main).toContain(title('end_RESOLVED'));
    const doneBy = (title: string, user: string) => seen.timeline.some((e) => e.includes('办理完成') && e.includes(title) && e.includes(`u-${user}`));
    for (const step of ['intake', 'rightsNotice', 'grading', 'vSession', 'vWritten', 'followUp']) expect(doneBy(title(step), 'v_med'), step).toBe(true);
    for (const step of ['confirmationFiling', 'confirmationRuling']) expect(doneBy(title(step), 'court'), step).toBe(true);
    await users.closeAll();
  }, 180_000);

  it('unhappy path: a RED risk at the village escalates the case to the town; police report, the town lowers the colour and mediates', async () => {
    const admin = cookies.get('admin')!;
    await moveClock(server, admin, AT('2027-08-05'));
    const caseId = await startCase();
    const refs = ['A1', 'A2', 'R1'];
    const care = intake('2027-08-05', {
      dispute_type: '赡养抚养', applicants: [person('A1', '王秀英', '110101195207080045'), person('A2', '王大山', '110101198001010010')], respondents: [person('R1', '王小川', '110101199012310056')],
      summary: '两位老人要求儿子王小川履行赡养义务，按月支付生活费并负担医疗费用。', persons_involved: 3, households_involved: 2,
    });
    // Set-up through the API (the main path walks these forms): intake, rights, YELLOW grading.
    const vMedCookie = cookies.get('v_med')!;
    await completeByApi(server, vMedCookie, caseId, 'intake', care);
    await completeByApi(server, vMedCookie, caseId, 'rightsNotice', rights('2027-08-05', refs));
    await completeByApi(server, vMedCookie, caseId, 'grading', grading(AT('2027-08-05', '10:00'), { risk_colour: 'YELLOW' }));
    expect(await openSteps(caseId)).toEqual(['partyRequests', 'riskReassess', 'vSession']);

    // 08-08: the son threatens violence; the mediator raises the risk to RED in the studio.
    const assessedAt = AT('2027-08-08', '14:30');
    await moveClock(server, admin, assessedAt);
    await users.as('v_med', async (vMed) => {
      await doTaskInStudio(vMed, server.base, {
        caseId, title: title('riskReassess'), schema: schemaOf('BF3_risk'),
        data: { risk_indicators: ['扬言伤人/自杀'], risk_colour: 'RED', stabiliser: '李明华', assessor: '王建国', assessed_at: assessedAt }, screenshot: 'b-10-red-risk.png',
      });
      // The village rung is left at once: the session is gone, the police report is due within the hour.
      expect(await openSteps(caseId)).toEqual(['partyRequests', 'policeReport', 'tSession']);
      await moveClock(server, admin, AT('2027-08-08', '15:00'));
      await doTaskInStudio(vMed, server.base, {
        caseId, title: title('policeReport'), schema: schemaOf('BF3_police'),
        data: { police_reported: true, reported_at: AT('2027-08-08', '15:00'), receiving_unit: '青石派出所', measures: '隔离双方，派出所民警到场' },
      });
      // The village mediator's inbox no longer holds the mediation.
      await goToInbox(vMed.page, server.base);
      expect(await vMed.page.locator(`a[href*="/tasks/${caseId}/"]`).filter({ hasText: title('vSession') }).count()).toBe(0);
    });
    expect(await openSteps(caseId)).toEqual(['partyRequests', 'stabilise', 'tSession']);
    expect(await inboxTasks(server, cookies.get('t_center')!, caseId, 'tSession')).toHaveLength(1);

    // The township centre: the daily stabilisation (only the town may lower RED), then mediation.
    await moveClock(server, admin, AT('2027-08-09', '10:00'));
    await users.as('t_center', async (tCenter) => {
      await tCenter.page.screenshot({ path: join(SCREENSHOTS, 'b-11-town-inbox.png'), fullPage: true });
      await doTaskInStudio(tCenter, server.base, {
        caseId, title: title('stabilise'), schema: schemaOf('BF3_risk'),
        data: { risk_indicators: ['无'], risk_colour: 'YELLOW', assessor: '李明华', assessed_at: AT('2027-08-09', '10:00') },
      });
      await moveClock(server, admin, AT('2027-08-09', '15:00'));
      await doTaskInStudio(tCenter, server.base, {
        caseId, title: title('tSession'), schema: schemaOf('BF4'),
        data: session(AT('2027-08-09', '15:00'), '达成协议', { agreement_form: '口头', parties_present: refs, mediators_present: ['李明华'], place: '青石镇人民调解委员会' }),
      });
    });
    // The rest is the main path's kind of work (oral agreement, visit): through the API as the township centre.
    const tCenterCookie = cookies.get('t_center')!;
    await completeByApi(server, tCenterCookie, caseId, 'tOral', {
      parties: refs, content: '王小川当场赔礼道歉并交付本月生活费。', reached_on: '2027-08-09', performed_immediately: true, written_requested: false, has_civil_obligations: false,
      mediator_signature: { name: '李明华', signed_on: '2027-08-09' },
    });
    await moveClock(server, admin, AT('2027-08-12'));
    await completeByApi(server, tCenterCookie, caseId, 'followUpTown', { ...visit('2027-08-12', '已全部履行', '李明华', refs), new_risk_colour: 'YELLOW' });

    const done = await caseView(caseId);
    expect(done.outcome).toMatchObject({ id: 'RESOLVED' });
    expect(done.data['closure']).toMatchObject({ final_level: 'TOWN' });

    const seen = await readCasePage('t_center', caseId, 'b-12-escalated-case.png');
    const escalated = seen.timeline.findIndex((e) => e.includes('上报升级'));
    expect(escalated).toBeGreaterThanOrEqual(0);
    expect(seen.timeline[escalated]).toContain('TOWN → county:huaxi/town:qingshi');
    // No deadline made it: the escalation follows the RED assessment, not a timer.
    expect(seen.timeline.slice(0, escalated).some((e) => e.includes('期限到达'))).toBe(false);
    const red = seen.timeline.findIndex((e) => e.includes('办理完成') && e.includes(title('riskReassess')));
    expect(red).toBeGreaterThanOrEqual(0);
    expect(seen.timeline[red]).toContain('u-v_med');
    for (const step of ['stabilise', 'tSession', 'tOral']) expect(seen.timeline.some((e) => e.includes('办理完成') && e.includes(title(step)) && e.includes('u-t_center')), step).toBe(true);
    await users.closeAll();
  }, 180_000);
});
