/**
 * Test support for the village-election example: the two definitions, SYNTHETIC people (ID
 * numbers built with a correct GB 11643 checksum, never real data), actors, and a driver that
 * walks a campaign to election day with the defaults of scenario S-A1 (A §7).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { CivicflowError, CN_2027 } from '@civicflow/engine';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import type { TestHost, TestInstance, TestTask } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const load = (name: string): ProcessDefinition => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as ProcessDefinition;
export const electionDef = (): ProcessDefinition => load('process.json');
export const vettingDef = (): ProcessDefinition => load('candidate-vetting.json');

export const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
export const TOWN = 'county:huaxi/town:qingshi';
export const COUNTY = 'county:huaxi';
export const E = '2027-05-28';

// ------------------------------------------------------------------ synthetic people

/** A SYNTHETIC resident ID number: region 110101, birth date, sequence, GB 11643 check character. */
export function synthId(birth: string, seq: number): string {
  const body = `110101${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export interface Person { name: string; id_no: string; birth_date: string; ethnicity: string; phone: string; hukou_address: string; current_address: string }
/** Odd sequence digit = man, even = woman (GB 11643 character 17). */
function mk(name: string, birth: string, seq: number): Person {
  return { name, id_no: synthId(birth, seq), birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`, ethnicity: '汉族', phone: '13800000000', hukou_address: '华溪县青石镇青石村', current_address: '华溪县青石镇青石村' };
}
/** 王某: the README §2.2 synthetic ID (a woman, born 1975-06-15). */
export const WANG: Person = { ...mk('王某', '19750615', 2), id_no: '110101197506150022' };
export const P = {
  A: mk('甲某', '19800101', 11), // 主任 candidate and Party secretary (H in S-A6)
  B: mk('乙某', '19810202', 13), // 主任 candidate (I in S-A6)
  X1: mk('丙某', '19820303', 15), // 副主任, also Party
  X2: mk('丁某', '19830404', 17), // 副主任
  C1: mk('李某', '19840505', 22), // 委员, woman (F in S-A4)
  C2: mk('赵某', '19850606', 24), // 委员, woman (G in S-A4)
  C3: mk('钱某', '19860707', 31), // 委员, also Party (C in S-A4)
  C4: mk('孙某', '19870808', 33), // 委员 (D in S-A4)
  C5: mk('周某', '19880909', 35), // 委员 (E in S-A4)
  P4: mk('吴某', '19700110', 41), // Party only
  P5: mk('郑某', '19710211', 42), // Party only, woman
  P6: mk('冯某', '19720312', 43), // Party only
  R1: mk('陈某', '19730413', 51), // Party reserve (递补)
  R2: mk('褚某', '19740514', 53), // Party reserve
  V1: mk('卫某', '19600101', 61), // election-committee chair
  V2: mk('蒋某', '19610202', 63),
  V3: mk('沈某', '19620303', 64),
  T1: mk('韩某', '19900101', 71), // tellers
  T2: mk('杨某', '19910202', 73),
  T3: mk('朱某', '19920303', 74),
  Y1: mk('秦某', '19930404', 81), // a voter
  MINOR: { ...mk('许某', '20090529', 0), id_no: '110101200905290182' }, // turns 18 the day after E
};

// ------------------------------------------------------------------ actors

const act = (id: string, roles: string[], orgUnit: string, extra: Partial<Actor> = {}): Actor => ({ id, roles, orgUnit, ...extra });
export const twpLead = act('u-twp-lead', ['TWP_LEAD'], TOWN, { personId: 'p-twp-lead' });
export const twpGov = act('u-twp-gov', ['TWP_GOV'], TOWN);
export const guide = act('u-guide', ['TWP_GUIDE'], VILLAGE);
export const vec = act('u-vec', ['VEC'], VILLAGE, { personId: P.V1.id_no });
export const vparty = act('u-vparty', ['V_PARTY'], VILLAGE, { personId: 'p-vparty' });
export const teller = act('u-teller', ['TELLER'], VILLAGE, { personId: P.T1.id_no });
export const voter = act('u-voter', ['VOTER'], VILLAGE, { personId: P.Y1.id_no });
export const countyOrg = act('u-county-org', ['COUNTY_ORG'], COUNTY, { personId: 'p-county-org' });
export const dept = (code: string): Actor => act(`u-${code}`, ['VET_DEPT'], `${COUNTY}/dept:${code}`);
export const DEPTS = ['zuzhibu', 'jiwei', 'zhengfawei', 'gongan', 'fayuan', 'jianchayuan', 'minzheng', 'sifa', 'xinfang', 'weijian', 'shichang', 'nongye', 'ziran', 'tongzhan', 'xuanchuan'];

// ------------------------------------------------------------------ helpers

export function codeOf(f: () => unknown): string {
  try { f(); return 'none'; } catch (e) { expect(e).toBeInstanceOf(CivicflowError); return (e as CivicflowError).code; }
}
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+08:00`;

export function newHost(now = at('2027-04-19')): TestHost {
  const host = createTestHost({ now, validator: createFormValidator(), calendar: CN_2027 });
  host.register(vettingDef());
  return host;
}

/** Every scenario ends here: the instance and each vetting child replay to the same snapshot. */
export function expectReplay(host: TestHost, inst: TestInstance): void {
  expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  for (const child of inst.children()) expect(JSON.stringify(host.replay(child))).toBe(JSON.stringify(child.snapshot));
}

export function task(inst: TestInstance, stepId: string, who?: Actor): TestTask {
  const t = inst.tasks(who).find((x) => x.stepId === stepId);
  if (!t) throw new Error(`no open ${stepId} task${who ? ` for ${who.id}` : ''}; open: ${inst.tasks().map((x) => x.stepId).join(', ')}`);
  return t;
}
export const complete = (inst: TestInstance, stepId: string, data: unknown, who: Actor) => inst.complete(task(inst, stepId, who).id, data, who);

// ------------------------------------------------------------------ form data

export const planData = (over: Record<string, unknown> = {}) => ({
  village_code: '110101001001', term_no: 12, electorate_mode: '全体选民',
  vc_seats: { 主任: 1, 副主任: 1, 委员: 3 }, party_committee_seats: { 委员: 5 },
  election_date: E, order_of_elections: '党组织先行', audit_published_on: '2027-04-12',
  leading_group: [{ name: '镇书记', post: '组长', phone: '13800000001' }, { name: '镇长', post: '副组长', phone: '13800000002' }, { name: '组织委员', post: '成员', phone: '13800000003' }],
  guide_cadres: ['u-guide'], plan_doc: 'file:plan.pdf', ...over,
});
export const vecData = (over: Record<string, unknown> = {}) => ({
  body: '村民代表会议', expected_basis: '人', meeting_date: '2027-04-19', expected: 45, present: 40,
  members: [{ person: P.V1, role: '主任', votes: 38 }, { person: P.V2, role: '委员', votes: 36 }, { person: P.V3, role: '委员', votes: 35 }],
  filed_with_township_on: '2027-04-19', minutes: 'file:minutes.pdf', ...over,
});
const partyEntry = (p: Person, post = '委员', rank = 1) => ({ person: p, post, rank, political_status: '中共党员' });
export const PARTY_SHORTLIST = [P.A, P.X1, P.C3, P.P4, P.P5, P.P6];
export const recommendData = (shortlist: Person[] = PARTY_SHORTLIST, reserve: Person[] = [P.R1, P.R2]) => ({
  rounds: [
    { round: '党员推荐', expected: 40, present: 38, tally: shortlist.map((p, i) => ({ id_no: p.id_no, name: p.name, post: '委员', votes: 36 - i })) },
    { round: '群众推荐', expected: 60, present: 55, tally: shortlist.map((p, i) => ({ id_no: p.id_no, name: p.name, post: '委员', votes: 50 - i })) },
  ],
  shortlist: shortlist.map((p, i) => partyEntry(p, i === 0 ? '书记' : '委员', i + 1)),
  reserve: reserve.map((p, i) => partyEntry(p, '委员', shortlist.length + i + 1)),
});
export const townReviewData = { decision: '同意报县联审', opinion: '同意', signed_by: 'sig:twp', reviewed_on: '2027-04-19' };
export const deptAnswer = (today: string, conclusion = 'PASS', extra: Record<string, unknown> = {}) => ({
  conclusion, reviewer_user: 'u-reviewer', head_user: 'u-head', head_signature: 'sig:head', replied_on: today, ...extra,
});
export const NOMINEES: [Person, string, number][] = [
  [P.A, '主任', 420], [P.B, '主任', 300], [P.X1, '副主任', 380], [P.X2, '副主任', 260],
  [P.C1, '委员', 350], [P.C2, '委员', 330], [P.C3, '委员', 320], [P.C4, '委员', 300], [P.C5, '委员', 280],
];
export const nominationData = (list = NOMINEES, over: Record<string, unknown> = {}) => ({
  nominees: list.map(([person, post, nomination_votes]) => ({ person, post, nomination_votes, nominated_by: '村民直接提名' })),
  vec_withdrawals: [], closed_on: '2027-05-13', ...over,
});
export const formalListData = (published_on: string, list = NOMINEES) => ({
  published_on, ordering: '按得票多少', photos: ['file:formal.jpg'],
  candidates: list.map(([p, post, v]) => ({ id_no: p.id_no, name: p.name, post, nomination_votes: v })),
});
export const readinessData = (over: Record<string, unknown> = {}) => ({
  candidate_meeting_on: '2027-05-22', meeting_record: 'file:meeting.pdf', proxy_list_published_on: '2027-05-22',
  proxies: [{ principal_id: P.Y1.id_no, proxy_id: P.T2.id_no, relation: '兄弟姐妹', proxy_is_registered_here: true, reason: '外出务工', proxy_letter: 'file:proxy.pdf' }],
  ...over,
});
export const TELLERS = [{ id_no: P.T1.id_no, name: P.T1.name, role: '唱票人' }, { id_no: P.T2.id_no, name: P.T2.name, role: '计票人' }, { id_no: P.T3.id_no, name: P.T3.name, role: '监票人' }];
export type Tally = Record<string, [Person, number][]>;
export const countData = (date: string, n: { issued: number; returned?: number; voters: number; invalid?: number }, tally: Tally, over: Record<string, unknown> = {}) => {
  const returned = n.returned ?? n.issued;
  const invalid = n.invalid ?? 0;
  return {
    round: '正式选举', issued: n.issued, returned, voters: n.voters, proxy_votes: 1, valid: returned - invalid, invalid,
    posts: Object.entries(tally).map(([post, rows]) => ({ post, results: rows.map(([p, votes]) => ({ candidate: p.id_no, votes })) })),
    tellers: TELLERS, announced_at: at(date, '18:00'), sealed: true, seal_photo: 'file:seal.jpg', ...over,
  };
};
export const filingData = (date: string, certificates: number) => ({
  formed_on: date, announced_on: date, filed_on: date, filed_with_county_civil: true,
  certificate_nos: Array.from({ length: certificates }, (_, i) => `QS-2027-${i + 1}`),
});
export const handoverData = (completed_on: string) => ({
  completed_on, seals: [{ name: '村民委员会印章', count: 1 }], ledgers: [{ name: '村集体账册', period: '2022-2027', pages: 320 }],
  archives: [{ category: '村务档案', volumes: 12 }], assets: 'file:assets.pdf', debts: 'file:debts.pdf',
  signatures: { outgoing_director: 'sig:old', incoming_director: 'sig:new', vec_chair: 'sig:vec', township_supervisor: 'sig:twp' },
});

// ------------------------------------------------------------------ vetting driver

/**
 * Works through every open task of the vetting children: the village first check, the township
 * review, and each department's answer (PASS unless `answer` says otherwise; `null` = no answer).
 */
export function vetOpen(inst: TestInstance, answer: (person: Person, dept: string) => Record<string, unknown> | null = () => ({})): void {
  for (let round = 0; round < 4; round++) {
    for (const child of inst.children()) {
      if (child.status !== 'active') continue;
      const person = child.data['person'] as Person;
      const today = child.snapshot.context.now.slice(0, 10);
      for (const t of child.tasks()) {
        if (t.stepId === 'villagePrecheck') {
          const party = child.data['track'] === 'PARTY';
          child.complete(t.id, {
            political_status: party ? '中共党员' : '群众', ...(party ? { party_join_date: '2000-07-01' } : {}), education: '高中/中专',
            proposed_posts: [party ? '党组织委员' : '村委会委员'], resume: [{ from: '2010-01-01', to: '2027-04-01', org: '青石村', post: '村民' }],
            pledge: 'sig:pledge', village_check: '同意报审', village_opinion: '同意报审', village_signature: 'sig:v',
          }, vparty);
        } else if (t.stepId === 'townshipCheck') {
          child.complete(t.id, { township_check: '同意报县联审', opinion: '同意', signature: 'sig:t', checked_on: today }, twpLead);
        } else if (t.stepId === 'countyVetting') {
          const code = t.meta['reviewer'] as string;
          const a = answer(person, code);
          if (a === null) continue;
          child.complete(t.id, deptAnswer(today, 'PASS', a), dept(code));
        }
      }
    }
  }
}

// ------------------------------------------------------------------ campaign driver

export interface Campaign { host: TestHost; inst: TestInstance }

/** T1 + T2: plan approved, election committee formed (2027-04-19). */
export function startCampaign(host = newHost(), config?: Record<string, unknown>): Campaign {
  const inst = host.start(electionDef(), { actor: twpLead, orgUnit: VILLAGE, ...(config ? { config } : {}), instanceId: 'qingshicun-2027' });
  complete(inst, 'plan', planData(), twpLead);
  complete(inst, 'vecFormation', vecData(), guide);
  return { host, inst };
}

/** Party branch up to the end of the publicity: recommendation, township review, vetting, notice. */
export function partyToAssembly(c: Campaign): void {
  complete(c.inst, 'partyRecommendation', recommendData(), vparty);
  complete(c.inst, 'partyTownReview', townReviewData, twpLead);
  vetOpen(c.inst);
  complete(c.inst, 'partyPublicity', { published_on: '2027-04-19', locations: ['村务公开栏'], photos: ['file:p.jpg'] }, vparty);
}

/** Party assembly (40 members, 36 present) elects A, X1, C3, P4, P5; A becomes secretary. */
export function partyElect(c: Campaign, secretary: Person = P.A): void {
  complete(c.inst, 'partyAssembly', {
    registered: 40, issued: 36, returned: 36, voters: 36,
    posts: [{ post: '委员', results: [[P.A, 35], [P.X1, 33], [P.C3, 30], [P.P4, 28], [P.P5, 25], [P.P6, 10]].map(([p, v]) => ({ candidate: (p as Person).id_no, votes: v as number })) }],
  }, vparty);
  complete(c.inst, 'partySecretary', { secretary_id: secretary.id_no, committee_meeting_on: '2027-04-28', approved_on: '2027-04-29', county_filing_ref: 'HX-ZZB-2027-001' }, twpLead);
}

export function publishVoterList(c: Campaign, published_on: string, registered_total = 1200): void {
  complete(c.inst, 'voterList', { published_on, registered_total, locations: ['村委会公告栏'], photos: ['file:list.jpg'] }, vec);
}

export const objectionData = (kind = '漏登') => ({ appellant: P.Y1, kind, subject: P.Y1, reason: '本人户籍在本村且居住，名单中遗漏' });
export const objectionDecision = (decided_on: string, upheld = true) => ({
  decision: upheld ? '成立-更正名单' : '不成立', decision_reason: upheld ? '核实属实，补登' : '不属实', decided_on, decision_published_on: decided_on, list_delta: upheld ? 1 : 0,
});

/**
 * The whole preparation of S-A1 up to the open count task on election day: the voter list on
 * 05-07 (1,199 + one upheld 漏登 objection = 1,200), nominations, vetting, the formal list on
 * 05-21, the candidate meeting and the proxy list. `nominees` may be changed per scenario.
 */
export function prepareToElectionDay(c: Campaign, opts: { nominees?: typeof NOMINEES; secretary?: Person } = {}): void {
  partyToAssembly(c);
  c.host.advance(at('2027-05-07'));
  publishVoterList(c, '2027-05-07', 1199);
  partyElect(c, opts.secretary);
  c.host.advance(at('2027-05-10'));
  c.inst.complete(task(c.inst, 'voterList', voter).id, objectionData(), voter);
  c.host.advance(at('2027-05-12'));
  complete(c.inst, 'voterList', objectionDecision('2027-05-12'), vec);
  c.host.advance(at('2027-05-13'));
  complete(c.inst, 'nominations', nominationData(opts.nominees), vec);
  vetOpen(c.inst);
  c.host.advance(at('2027-05-21'));
  complete(c.inst, 'formalList', formalListData('2027-05-21', opts.nominees), vec);
  c.host.advance(at('2027-05-22'));
  complete(c.inst, 'electionReadiness', readinessData(), vec);
  c.host.advance(at(E));
}
