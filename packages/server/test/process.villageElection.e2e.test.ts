import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import type { ProcessDefinition } from '@civicflow/engine';
import { VETTING_DEPARTMENTS } from '../src/demo/index.js';
import { launchChromium, SCREENSHOTS, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { completeByApi, doTaskInStudio, inboxTasks, moveClock, stepTitle, StudioUsers } from './support/studioTaskWalk.js';

// Process A (村“两委”换届选举) walked in the built studio, on the real server (real port,
// temporary SQLite, test clock), in Debian's Chromium under the server's CSP, by the seeded demo
// users, with the data of scenarios S-A1 and S-A3 (SYNTHETIC people and ID numbers).
// The campaign is long (15 candidates × 17 vetting tasks), so the file walks ONE campaign in three
// steps that follow each other:
// 1. to election day: every role's first task in the studio — the township leading group 孙建军
//    (twp_lead: plan, Party township review, a candidate's township check, the secretary), the
//    guide 谢文 (twp_guide: election committee), the village Party organisation 蒋红梅 (v_party:
//    a candidate's first check, the publicity, the Party assembly's count), the court's vetting
//    reviewer (vet_fayuan: one candidate's answer), the election committee 卫国平 (vec: voter list,
//    readiness). Through the API, each as its own user: the two long lists (Party recommendation,
//    nominations), the formal list, and the repetitive vetting (the other 14 candidates' checks
//    and the other 15 × 15 − 1 department answers).
// 2. unhappy path (S-A3, 村民委员会组织法第十五条 [L]): on election day the teller 韩磊 (teller)
//    enters 600 ballots of 1,200 voters: not more than half, the election is void (选举无效); the
//    township leading group sets a new day in the studio.
// 3. the re-run: 735 voters, the teller's count, the township government 钱文斌 (twp_gov) files the
//    results, the committee hands over → 换届完成; the case page shows each actor.
// Screenshots: packages/studio/test-results/a-*.png.

const EXAMPLES = fileURLToPath(new URL('../../../examples/village-election/', import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as ProcessDefinition;
const ELECTION = load('process.json');
const VETTING = load('candidate-vetting.json');
const PROCESS_ZH = ELECTION.title['zh-CN'];
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const E = '2027-05-28';
const E2 = '2027-06-25';
const at = (date: string, time = '09:00') => `${date}T${time}:00+08:00`;
const title = (id: string): string => stepTitle(ELECTION, id);
const schemaOf = (form: string) => ELECTION.forms[form]!.schema;

// ------------------------------------------------------------------ SYNTHETIC people (examples/village-election/support.ts)
function synthId(birth: string, seq: number): string {
  const body = `110101${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0) % 11]!;
}
interface Person { name: string; id_no: string; birth_date: string; ethnicity: string; phone: string; hukou_address: string; current_address: string }
const mk = (name: string, birth: string, seq: number): Person => ({
  name, id_no: synthId(birth, seq), birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`, ethnicity: '汉族', phone: '13800000000',
  hukou_address: '华溪县青石镇青石村', current_address: '华溪县青石镇青石村',
});
const P = {
  A: mk('甲某', '19800101', 11), B: mk('乙某', '19810202', 13), X1: mk('丙某', '19820303', 15), X2: mk('丁某', '19830404', 17),
  C1: mk('李某', '19840505', 22), C2: mk('赵某', '19850606', 24), C3: mk('钱某', '19860707', 31), C4: mk('孙某', '19870808', 33), C5: mk('周某', '19880909', 35),
  P4: mk('吴某', '19700110', 41), P5: mk('郑某', '19710211', 42), P6: mk('冯某', '19720312', 43), R1: mk('陈某', '19730413', 51), R2: mk('褚某', '19740514', 53),
  V1: mk('卫某', '19600101', 61), V2: mk('蒋某', '19610202', 63), V3: mk('沈某', '19620303', 64),
  T1: mk('韩某', '19900101', 71), T2: mk('杨某', '19910202', 73), T3: mk('朱某', '19920303', 74), Y1: mk('秦某', '19930404', 81),
};

// ------------------------------------------------------------------ the scenario tests' form data
const PLAN = {
  village_code: '110101001001', term_no: 12, electorate_mode: '全体选民', vc_seats: { 主任: 1, 副主任: 1, 委员: 3 }, party_committee_seats: { 委员: 5 },
  election_date: E, order_of_elections: '党组织先行', audit_published_on: '2027-04-12',
  leading_group: [{ name: '镇书记', post: '组长', phone: '13800000001' }, { name: '镇长', post: '副组长', phone: '13800000002' }, { name: '组织委员', post: '成员', phone: '13800000003' }],
  guide_cadres: ['u-twp_guide'], plan_doc: 'file:plan.pdf',
};
const VEC = {
  body: '村民代表会议', expected_basis: '人', meeting_date: '2027-04-19', expected: 45, present: 40,
  members: [{ person: P.V1, role: '主任', votes: 38 }, { person: P.V2, role: '委员', votes: 36 }, { person: P.V3, role: '委员', votes: 35 }],
  filed_with_township_on: '2027-04-19', minutes: 'file:minutes.pdf',
};
const SHORTLIST = [P.A, P.X1, P.C3, P.P4, P.P5, P.P6];
const partyEntry = (p: Person, post: string, rank: number) => ({ person: p, post, rank, political_status: '中共党员' });
const RECOMMEND = {
  rounds: [
    { round: '党员推荐', expected: 40, present: 38, tally: SHORTLIST.map((p, i) => ({ id_no: p.id_no, name: p.name, post: '委员', votes: 36 - i })) },
    { round: '群众推荐', expected: 60, present: 55, tally: SHORTLIST.map((p, i) => ({ id_no: p.id_no, name: p.name, post: '委员', votes: 50 - i })) },
  ],
  shortlist: SHORTLIST.map((p, i) => partyEntry(p, i === 0 ? '书记' : '委员', i + 1)),
  reserve: [P.R1, P.R2].map((p, i) => partyEntry(p, '委员', SHORTLIST.length + i + 1)),
};
const NOMINEES: [Person, string, number][] = [
  [P.A, '主任', 420], [P.B, '主任', 300], [P.X1, '副主任', 380], [P.X2, '副主任', 260],
  [P.C1, '委员', 350], [P.C2, '委员', 330], [P.C3, '委员', 320], [P.C4, '委员', 300], [P.C5, '委员', 280],
];
const TELLERS = [{ id_no: P.T1.id_no, name: P.T1.name, role: '唱票人' }, { id_no: P.T2.id_no, name: P.T2.name, role: '计票人' }, { id_no: P.T3.id_no, name: P.T3.name, role: '监票人' }];
const count = (date: string, n: number, tally: Record<string, [Person, number][]>, round = '正式选举') => ({
  round, issued: n, returned: n, voters: n, proxy_votes: 1, valid: n, invalid: 0,
  posts: Object.entries(tally).map(([post, rows]) => ({ post, results: rows.map(([p, votes]) => ({ candidate: p.id_no, votes })) })),
  tellers: TELLERS, announced_at: at(date, '18:00'), sealed: true, seal_photo: 'file:seal.jpg',
});
const precheck = (party: boolean) => ({
  political_status: party ? '中共党员' : '群众', ...(party ? { party_join_date: '2000-07-01' } : {}), education: '高中/中专',
  proposed_posts: [party ? '党组织委员' : '村委会委员'], resume: [{ from: '2010-01-01', to: '2027-04-01', org: '青石村', post: '村民' }],
  pledge: 'sig:pledge', village_check: '同意报审', village_opinion: '同意报审', village_signature: 'sig:v',
});
const townshipCheck = (on: string) => ({ township_check: '同意报县联审', opinion: '同意', signature: 'sig:t', checked_on: on });
const deptPass = (on: string, reviewer: string, dept: string) => ({ conclusion: 'PASS', reviewer_user: reviewer, head_user: `${dept}负责人`, head_signature: 'sig:head', replied_on: on });

let server: StudioServer;
let browser: Browser;
let users: StudioUsers;
let caseId = '';
const cookies = new Map<string, string>();

interface CaseBody { status: string; outcome: { id: string; title: { 'zh-CN': string } } | null; tasks: { id: string; stepId: string }[]; data: Record<string, unknown> }
async function caseView(id = caseId): Promise<CaseBody> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: { cookie: cookies.get('admin')! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseBody;
}
const openSteps = async () => (await caseView()).tasks.map((t) => t.stepId).sort();
const clock = (to: string) => moveClock(server, cookies.get('admin')!, to);
const api = (username: string, stepId: string, data: unknown) => completeByApi(server, cookies.get(username)!, caseId, stepId, data);

/** Every open vetting task of `stepId` in `username`'s inbox (one per candidate), completed through the API with `data(track is Party)`. */
async function vetAllByApi(username: string, stepId: string, data: (party: boolean) => unknown): Promise<number> {
  const cookie = cookies.get(username)!;
  const res = await server.app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const mine = (res.json() as { items: { instanceId: string; taskId: string; stepId: string }[] }).items.filter((t) => t.stepId === stepId);
  for (const task of mine) {
    const party = (await caseView(task.instanceId)).data['track'] === 'PARTY';
    const done = await server.app.inject({
      method: 'POST', url: `/api/tasks/${task.instanceId}/${encodeURIComponent(task.taskId)}/complete`,
      headers: { cookie, 'idempotency-key': `vet-${task.instanceId}-${task.taskId}` }, payload: { data: data(party) },
    });
    expect(done.statusCode, done.body).toBe(200);
  }
  return mine.length;
}

/** Vets every candidate of the current batch: the village and township checks, then all 15 departments' PASS — the API part. */
async function vetBatchByApi(on: string): Promise<void> {
  await vetAllByApi('v_party', 'villagePrecheck', precheck);
  await vetAllByApi('twp_lead', 'townshipCheck', () => townshipCheck(on));
  for (const d of VETTING_DEPARTMENTS) await vetAllByApi(`vet_${d.code}`, 'countyVetting', () => deptPass(on, d.reviewer, d.name));
}

/** The open vetting case of candidate `person` (the case the inbox links to). */
async function vettingCaseOf(person: Person, track: string): Promise<string> {
  const tasks = (await server.app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: { cookie: cookies.get('v_party')! } })).json() as { items: { instanceId: string; stepId: string }[] };
  for (const t of tasks.items.filter((x) => x.stepId === 'villagePrecheck')) {
    const data = (await caseView(t.instanceId)).data;
    // By name: ID numbers are masked for the administrator (personal data).
    if ((data['person'] as Person).name === person.name && data['track'] === track) return t.instanceId;
  }
  throw new Error(`no vetting case of ${person.name} (${track})`);
}

beforeAll(async () => {
  server = await startStudioServer({ definitions: [VETTING, ELECTION], testClock: { start: at('2027-04-19') } });
  for (const user of ['twp_lead', 'twp_guide', 'twp_gov', 'v_party', 'vec', 'teller', 'admin', ...VETTING_DEPARTMENTS.map((d) => `vet_${d.code}`)]) cookies.set(user, await server.login(user));
  browser = await launchChromium();
  users = new StudioUsers(browser, server.base);
  const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('twp_lead')! }, payload: { definitionId: ELECTION.id, orgUnit: VILLAGE } });
  expect(started.statusCode, started.body).toBe(201);
  caseId = (started.json() as { instanceId: string }).instanceId;
}, 120_000);

afterAll(async () => {
  await users?.closeAll();
  await browser?.close();
  await server?.close();
});

describe('process A in the studio: a village\'s two-committee election, walked by its people', () => {
  it('main path to election day: every role\'s first task in the studio (plan, committee, Party list, vetting, publicity, assembly, voter list, readiness)', async () => {
    await users.as('twp_lead', (lead) => doTaskInStudio(lead, server.base, { caseId, title: title('plan'), schema: schemaOf('plan'), data: PLAN, screenshot: 'a-01-plan.png' }));
    await users.as('twp_guide', (guide) => doTaskInStudio(guide, server.base, { caseId, title: title('vecFormation'), schema: schemaOf('vecForm'), data: VEC }));
    expect(await openSteps()).toEqual(['partyRecommendation', 'voterList']);

    // The Party list (two rounds of tallies, six people): through the API as the village Party organisation.
    await api('v_party', 'partyRecommendation', RECOMMEND);
    await users.as('twp_lead', (lead) => doTaskInStudio(lead, server.base, {
      caseId, title: title('partyTownReview'), schema: schemaOf('townReviewForm'), data: { decision: '同意报县联审', opinion: '同意', signed_by: 'sig:twp', reviewed_on: '2027-04-19' },
    }));

    // Six vetting cases, one per person. 甲某's is walked in the studio, task by task, by each of its kinds of user.
    const vettingA = await vettingCaseOf(P.A, 'PARTY');
    const vettingTitle = (id: string) => stepTitle(VETTING, id);
    await users.as('v_party', (party) => doTaskInStudio(party, server.base, { caseId: vettingA, title: vettingTitle('villagePrecheck'), schema: VETTING.forms['precheckForm']!.schema, data: precheck(true) }));
    await users.as('twp_lead', (lead) => doTaskInStudio(lead, server.base, { caseId: vettingA, title: vettingTitle('townshipCheck'), schema: VETTING.forms['townshipCheckForm']!.schema, data: townshipCheck('2027-04-19') }));
    const court = VETTING_DEPARTMENTS.find((d) => d.code === 'fayuan')!;
    await users.as('vet_fayuan', (dept) => doTaskInStudio(dept, server.base, {
      caseId: vettingA, title: vettingTitle('countyVetting'), schema: VETTING.forms['deptAnswerForm']!.schema, data: deptPass('2027-04-19', court.reviewer, court.name), screenshot: 'a-02-vetting-answer.png',
    }));
    await vetBatchByApi('2027-04-19');
    expect((await caseView(vettingA)).outcome).toMatchObject({ id: 'CLEARED' });
    expect(await openSteps()).toEqual(['partyPublicity', 'voterList']);

    await users.as('v_party', (party) => doTaskInStudio(party, server.base, {
      caseId, title: title('partyPublicity'), schema: schemaOf('publicityForm'), data: { published_on: '2027-04-19', locations: ['村务公开栏'], photos: ['file:p.jpg'] },
    }));

    // 05-07, three weeks before E: the voter list; the Party assembly elects five of six.
    await clock(at('2027-05-07'));
    await users.as('vec', (vec) => doTaskInStudio(vec, server.base, {
      caseId, title: title('voterList'), schema: schemaOf('voterListForm'), data: { published_on: '2027-05-07', registered_total: 1200, locations: ['村委会公告栏'], photos: ['file:list.jpg'] },
    }));
    await users.as('v_party', (party) => doTaskInStudio(party, server.base, {
      caseId, title: title('partyAssembly'), schema: schemaOf('partyCountForm'), screenshot: 'a-03-party-assembly.png',
      data: {
        registered: 40, issued: 36, returned: 36, voters: 36,
        posts: [{ post: '委员', results: ([[P.A, 35], [P.X1, 33], [P.C3, 30], [P.P4, 28], [P.P5, 25], [P.P6, 10]] as [Person, number][]).map(([p, votes]) => ({ candidate: p.id_no, votes })) }],
      },
    }));
    await users.as('twp_lead', (lead) => doTaskInStudio(lead, server.base, {
      caseId, title: title('partySecretary'), schema: schemaOf('secretaryForm'), data: { secretary_id: P.A.id_no, committee_meeting_on: '2027-04-28', approved_on: '2027-04-29', county_filing_ref: 'HX-ZZB-2027-001' },
    }));

    // 05-13: the objection window has closed; nine nominees (a long list: API as the committee), vetted like the Party's.
    await clock(at('2027-05-13'));
    await api('vec', 'nominations', { nominees: NOMINEES.map(([person, post, votes]) => ({ person, post, nomination_votes: votes, nominated_by: '村民直接提名' })), vec_withdrawals: [], closed_on: '2027-05-13' });
    await vetBatchByApi('2027-05-13');
    await clock(at('2027-05-21'));
    await api('vec', 'formalList', { published_on: '2027-05-21', ordering: '按得票多少', photos: ['file:formal.jpg'], candidates: NOMINEES.map(([p, post, v]) => ({ id_no: p.id_no, name: p.name, post, nomination_votes: v })) });
    await clock(at('2027-05-22'));
    await users.as('vec', (vec) => doTaskInStudio(vec, server.base, {
      caseId, title: title('electionReadiness'), schema: schemaOf('readinessForm'),
      data: {
        candidate_meeting_on: '2027-05-22', meeting_record: 'file:meeting.pdf', proxy_list_published_on: '2027-05-22',
        proxies: [{ principal_id: P.Y1.id_no, proxy_id: P.T2.id_no, relation: '兄弟姐妹', proxy_is_registered_here: true, reason: '外出务工', proxy_letter: 'file:proxy.pdf' }],
      },
    }));

    // Election day: the wait ends and the teller's count opens.
    await clock(at(E, '07:00'));
    expect(await openSteps()).toEqual(['vcVote']);
    expect(await inboxTasks(server, cookies.get('teller')!, caseId, 'vcVote')).toHaveLength(1);
  }, 300_000);

  it('unhappy path (S-A3): 600 ballots of 1,200 voters is not more than half — 选举无效, the township sets a new day', async () => {
    await clock(at(E, '18:30'));
    await users.as('teller', (teller) => doTaskInStudio(teller, server.base, {
      caseId, title: title('vcVote'), schema: schemaOf('countForm'), screenshot: 'a-10-count-600.png',
      data: count(E, 600, { 主任: [[P.A, 400], [P.B, 150]], 副主任: [[P.X1, 400]], 委员: [[P.C1, 400], [P.C2, 380], [P.C3, 350]] }),
    }));
    const voided = await caseView();
    expect(voided.data['vcVote']).toMatchObject({ attempt: 1, valid: false, invalidReason: 'NO_QUORUM' });
    expect(voided.data['vcVote']).not.toHaveProperty('elected'); // nobody is announced as elected
    expect(voided.tasks.map((t) => t.stepId)).toEqual(['reschedule']);

    await users.as('twp_lead', async (lead) => {
      // What the township sees of the void vote: the case's open task is the re-scheduling.
      await lead.page.goto(`${server.base}/cases/${caseId}`);
      await lead.page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      await lead.page.getByRole('region', { name: '待办事项' }).or(lead.page.locator('main')).getByRole('link', { name: title('reschedule') }).first().waitFor();
      await lead.page.screenshot({ path: join(SCREENSHOTS, 'a-11-void-case.png'), fullPage: true });
      await doTaskInStudio(lead, server.base, {
        caseId, title: title('reschedule'), schema: schemaOf('rescheduleForm'), data: { new_election_date: E2, reason: '暴雨，投票人数未过半', ballots_sealed: true, vec_agreed: true },
      });
    });
    const rescheduled = await caseView();
    expect(rescheduled.data['current_election_date']).toBe(E2);
    expect(rescheduled.tasks).toEqual([]); // the list and the candidates stand; the case waits for E′
  }, 180_000);

  it('the re-run on E′: 735 voters, the results filed, the committee hands over → 换届完成', async () => {
    await clock(at(E2, '18:30'));
    await users.as('teller', (teller) => doTaskInStudio(teller, server.base, {
      caseId, title: title('vcVote'), schema: schemaOf('countForm'),
      data: count(E2, 735, { 主任: [[P.A, 368], [P.B, 367]], 副主任: [[P.X1, 400], [P.X2, 300]], 委员: [[P.C1, 420], [P.C2, 400], [P.C3, 390], [P.C4, 200]] }, '重新选举'),
    }));
    const vote = (await caseView()).data['vcVote'] as { attempt: number; valid: boolean; elected: { post: string; candidate: string }[] };
    expect(vote).toMatchObject({ attempt: 2, valid: true });
    // 368 of 735 elects 甲某 director (the administrator reads ID numbers masked: personal data).
    expect(vote.elected.filter((e) => e.post === '主任').map((e) => e.candidate)).toEqual([`${P.A.id_no.slice(0, 6)}********${P.A.id_no.slice(-4)}`]);

    await users.as('twp_gov', (gov) => doTaskInStudio(gov, server.base, {
      caseId, title: title('resultsFiling'), schema: schemaOf('filingForm'),
      data: { formed_on: E2, announced_on: E2, filed_on: E2, filed_with_county_civil: true, certificate_nos: Array.from({ length: 5 }, (_, i) => `QS-2027-${i + 1}`) },
    }));
    await clock(at('2027-06-30'));
    await users.as('vec', (vec) => doTaskInStudio(vec, server.base, {
      caseId, title: title('handover'), schema: schemaOf('handoverForm'), screenshot: 'a-20-handover.png',
      data: {
        completed_on: '2027-06-30', seals: [{ name: '村民委员会印章', count: 1 }], ledgers: [{ name: '村集体账册', period: '2022-2027', pages: 320 }],
        archives: [{ category: '村务档案', volumes: 12 }], assets: 'file:assets.pdf', debts: 'file:debts.pdf',
        signatures: { outgoing_director: 'sig:old', incoming_director: 'sig:new', vec_chair: 'sig:vec', township_supervisor: 'sig:twp' },
      },
    }));
    const done = await caseView();
    expect(done.status).toBe('done');
    expect(done.outcome).toMatchObject({ id: 'CLOSED' });

    // What the township leading group sees: closed, 换届完成, and every actor in the timeline.
    await users.as('twp_lead', async ({ page }) => {
      await page.goto(`${server.base}/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      await expect.poll(() => page.locator('.status').first().textContent()).toBe('已办结');
      expect(await page.locator('main').textContent()).toContain(done.outcome!.title['zh-CN']);
      const timeline = page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
      await timeline.first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'a-21-closed-case.png'), fullPage: true });
      const entries = await timeline.allTextContents();
      const doneBy = (step: string, user: string) => entries.some((e) => e.includes('办理完成') && e.includes(title(step)) && e.includes(`u-${user}`));
      for (const [step, user] of [
        ['plan', 'twp_lead'], ['vecFormation', 'twp_guide'], ['partyRecommendation', 'v_party'], ['partyTownReview', 'twp_lead'], ['partyPublicity', 'v_party'],
        ['voterList', 'vec'], ['partyAssembly', 'v_party'], ['partySecretary', 'twp_lead'], ['nominations', 'vec'], ['formalList', 'vec'], ['electionReadiness', 'vec'],
        ['vcVote', 'teller'], ['reschedule', 'twp_lead'], ['resultsFiling', 'twp_gov'], ['handover', 'vec'],
      ] as const) expect(doneBy(step, user), `${step} by ${user}`).toBe(true);
      // Both counts are on record: the void one and the valid one.
      expect(entries.filter((e) => e.includes('办理完成') && e.includes(title('vcVote'))).length).toBe(2);
    });
    await users.closeAll();
  }, 180_000);
});
