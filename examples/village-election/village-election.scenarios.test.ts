import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { Actor, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import type { TestInstance } from '@civicflow/engine/testing';
import {
  at, codeOf, complete, countData, countyOrg, dept, DEPTS, E, electionDef, expectReplay, filingData, guide, handoverData,
  newHost, NOMINEES, nominationData, objectionData, objectionDecision, P, planData, prepareToElectionDay,
  publishVoterList, readinessData, recommendData, startCampaign, task, teller, townReviewData, twpGov, twpLead, vec, vecData,
  vetOpen, vettingDef, voter, vparty, WANG, formalListData, synthId,
} from './support.js';
import type { Campaign, Person } from './support.js';

const notifies = (inst: TestInstance) => inst.effects().filter((e) => e.type === 'notify') as { role: string; orgUnit: string; stepId: string; message: { en: string } }[];
const childOf = (inst: TestInstance, person: Person) => inst.children().filter((ch) => (ch.data['person'] as Person).id_no === person.id_no).at(-1)!;
const FLAG_NL09 = { conclusion: 'FLAG', nl_codes: ['NL09'], facts: '列入失信被执行人名单，(2026)华执字第101号' };

/** Voter list on 05-07, window closes 05-12 24:00 without objections, nominations open on 05-13. */
function toNominations(c: Campaign): void {
  c.host.advance(at('2027-05-07'));
  publishVoterList(c, '2027-05-07');
  c.host.advance(at('2027-05-13'));
}

describe('the definitions', () => {
  it('pass validateDefinition with no errors', () => {
    expect(validateDefinition(electionDef()).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateDefinition(vettingDef()).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('S-A1 happy path with statutory timing', () => {
  it('runs from the plan to CLOSED with 一肩挑 and 3 of 5 cross-members', () => {
    const c = startCampaign();
    prepareToElectionDay(c);
    const { inst, host } = c;
    complete(inst, 'vcVote', countData(E, { issued: 845, voters: 845, invalid: 5 }, {
      主任: [[P.A, 512], [P.B, 321]], 副主任: [[P.X1, 500], [P.X2, 330]],
      委员: [[P.C1, 600], [P.C2, 560], [P.C3, 500], [P.C4, 300], [P.C5, 250]],
    }), teller);
    const vote = inst.data['vcVote'] as { valid: boolean; elected: { candidate: string }[]; vacancies: unknown[]; composition: { ok: boolean } };
    expect(vote.valid).toBe(true);
    expect(vote.elected.map((e) => e.candidate)).toEqual([P.A.id_no, P.X1.id_no, P.C1.id_no, P.C2.id_no, P.C3.id_no]);
    expect(vote.composition.ok).toBe(true);
    complete(inst, 'resultsFiling', filingData(E, 5), twpGov);
    expect(inst.data['statistics']).toMatchObject({ yijiantiao: true, cross_members: 3, vc_size: 5, composition_ok: true });
    expect(task(inst, 'handover').dueAt).toBe('2027-06-08T00:00:00+08:00');
    host.advance(at('2027-06-04'));
    complete(inst, 'handover', handoverData('2027-06-04'), vec);
    expect(inst.outcome).toBe('CLOSED');
    expectReplay(host, inst);
  });
});

describe('S-A1 details', () => {
  it('keeps the statutory calendar: list guard 05-08, window to 05-12 24:00, electorate 1,200, 15 departments per person', () => {
    const c = startCampaign();
    prepareToElectionDay(c);
    const list = c.inst.data['voterList'] as { publishedOn: string; windowLastDay: string; upheld: number; objections: { status: string; filedAt: string; decidedAt: string }[] };
    expect(list).toMatchObject({ publishedOn: '2027-05-07', windowLastDay: '2027-05-12', upheld: 1 });
    expect(list.objections[0]).toMatchObject({ status: 'upheld', filedAt: at('2027-05-10'), decidedAt: at('2027-05-12') });
    expect(c.inst.children()).toHaveLength(6 + 9);
    for (const ch of c.inst.children()) {
      expect(ch.outcome).toBe('CLEARED');
      expect((ch.data['countyVetting'] as { reviewers: { id: string; decision: string }[] }).reviewers.map((r) => r.decision)).toEqual(DEPTS.map(() => 'PASS'));
    }
    expect(task(c.inst, 'vcVote').assignee).toMatchObject({ role: 'TELLER' });
    // the vote counts against the final list: 1,199 published + 1 upheld 漏登 = 1,200; 600 is not enough
    complete(c.inst, 'vcVote', countData(E, { issued: 600, voters: 600 }, { 主任: [[P.A, 400]], 副主任: [[P.X1, 400]], 委员: [[P.C1, 400]] }), teller);
    expect(c.inst.data['vcVote']).toMatchObject({ valid: false, invalidReason: 'NO_QUORUM' });
    expect(c.inst.tasks().map((t) => t.stepId)).toEqual(['reschedule']);
    expectReplay(c.host, c.inst);
  });
});

describe('S-A2 one department vetoes a candidate', () => {
  it('法院 FLAGs 王某 (NL09), COUNTY_ORG confirms, the Party list falls to 5 < 6 and a back-filled person starts a new vetting', () => {
    const c = startCampaign();
    const shortlist = [P.A, P.X1, P.C3, P.P4, P.P5, WANG];
    complete(c.inst, 'partyRecommendation', recommendData(shortlist), vparty);
    complete(c.inst, 'partyTownReview', townReviewData, twpLead);
    expect(c.inst.children()).toHaveLength(6);
    // 法院 answers first: the FLAG does not aggregate while 14 departments are missing
    vetOpen(c.inst, (p, d) => (p.id_no === WANG.id_no ? (d === 'fayuan' ? FLAG_NL09 : null) : {}));
    const wang = childOf(c.inst, WANG);
    expect(wang.tasks().filter((t) => t.stepId === 'countyVetting')).toHaveLength(14);
    // each department sees only its own task (need-to-know)
    expect(wang.tasks(dept('gongan')).map((t) => t.meta['reviewer'])).toEqual(['gongan']);
    // a FLAG must name an NL code the department answers for
    const gonganTask = wang.tasks(dept('gongan'))[0]!;
    expect(codeOf(() => wang.complete(gonganTask.id, { ...FLAG_NL09, conclusion: 'FLAG', nl_codes: ['NL09'], reviewer_user: 'a', head_user: 'b', head_signature: 's', replied_on: '2027-04-19' }, dept('gongan')))).toBe('CF_ENGINE_CHECK_FAILED');
    vetOpen(c.inst);
    const review = task(wang, 'vettingGroupReview', countyOrg);
    // the candidate can never act on her own vetting, whatever her role
    const wangAsOrg: Actor = { ...countyOrg, id: 'u-wang', personId: WANG.id_no };
    expect(codeOf(() => wang.complete(review.id, { final: 'DISQUALIFIED', nl_codes: ['NL09'], basis: 'x', decided_on: '2027-04-19' }, wangAsOrg))).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    // overturning a FLAG needs a written reason
    expect(codeOf(() => wang.complete(review.id, { final: 'CLEARED', basis: '同名', decided_on: '2027-04-19' }, countyOrg))).toBe('CF_ENGINE_CHECK_FAILED');
    wang.complete(review.id, { final: 'DISQUALIFIED', nl_codes: ['NL09'], basis: '法院：失信被执行人，判决书已附', decided_on: '2027-04-19' }, countyOrg);
    expect(wang.outcome).toBe('DISQUALIFIED');
    // the candidate's view: the result and the NL code, never the department
    expect(wang.data['candidate_view']).toEqual({ result: '未通过资格联审', nl_codes: ['NL09'] });
    const answers = (wang.data['countyVetting'] as { outcome: string; reviewers: { id: string; decision: string }[] });
    expect(answers.outcome).toBe('rejected');
    expect(answers.reviewers.filter((r) => r.decision === 'FLAG').map((r) => r.id)).toEqual(['fayuan']);
    // back in the Party branch: 5 cleared < ceil(5 × 1.2) = 6 → 递补
    expect(c.inst.data['party_disqualified']).toEqual([WANG.id_no]);
    expect((c.inst.data['party_cleared'] as unknown[]).length).toBe(5);
    const backfill = task(c.inst, 'partyBackfill', vparty);
    const entry = (p: Person) => ({ person: p, post: '委员', rank: 7, political_status: '中共党员' });
    expect(codeOf(() => c.inst.complete(backfill.id, { added: [entry(WANG)], reason: '递补' }, vparty))).toBe('CF_ENGINE_CHECK_FAILED');
    c.inst.complete(backfill.id, { added: [entry(P.R1)], reason: '王某未通过资格联审，按两推排名递补' }, vparty);
    expect(c.inst.children()).toHaveLength(7);
    expect(childOf(c.inst, P.R1).data['track']).toBe('PARTY');
    vetOpen(c.inst);
    expect(childOf(c.inst, P.R1).outcome).toBe('CLEARED');
    expect(task(c.inst, 'partyPublicity', vparty)).toBeDefined();
    expect((c.inst.data['party_cleared'] as { person: Person }[]).map((x) => x.person.id_no)).toContain(P.R1.id_no);
    expectReplay(c.host, c.inst);
  });

  it('a disqualified villager-nominated 主任 nominee is never removed silently: HANDLING_REQUIRED blocks the formal list', () => {
    const c = startCampaign();
    toNominations(c);
    const nominees: typeof NOMINEES = NOMINEES.map(([p, post, v]) => [p === P.B ? WANG : p, post, v]);
    complete(c.inst, 'nominations', nominationData(nominees), vec);
    vetOpen(c.inst, (p, d) => (p.id_no === WANG.id_no && d === 'fayuan' ? FLAG_NL09 : {}));
    const wang = childOf(c.inst, WANG);
    complete(wang, 'vettingGroupReview', { final: 'DISQUALIFIED', nl_codes: ['NL09'], basis: '法院：失信被执行人', decided_on: '2027-05-13' }, countyOrg);
    expect(wang.outcome).toBe('DISQUALIFIED');
    // the nominee is still on the nominations; TWP_LEAD must handle; the VEC has no way to publish
    expect(c.inst.data['vc_flagged']).toEqual([WANG.id_no]);
    expect(task(c.inst, 'vcHandling', twpLead)).toBeDefined();
    expect(c.inst.tasks(vec)).toEqual([]);
    expect(notifies(c.inst).some((n) => n.role === 'TWP_LEAD' && n.stepId === 'vcVettingCheck')).toBe(true);
    const h = task(c.inst, 'vcHandling', twpLead);
    const base = { id_no: WANG.id_no, notified_on: '2027-05-14', notify_channel: '书面送达', objection_channel: '可向乡镇人民政府提出异议', note: 'NL09 失信被执行人' };
    // rejecting the nomination needs a written legal basis (A-F7b)
    expect(codeOf(() => c.inst.complete(h.id, { handlings: [{ ...base, handling: '依法不予确认' }] }, twpLead))).toBe('CF_ENGINE_FORM_INVALID');
    expect(codeOf(() => c.inst.complete(h.id, { handlings: [{ ...base, handling: '依法不予确认', disqualification_basis: 'VILLAGE_ELECTION_RULE' }] }, twpLead))).toBe('CF_ENGINE_FORM_INVALID');
    expect(codeOf(() => c.inst.complete(h.id, { handlings: [{ ...base, id_no: P.A.id_no, handling: '保留并记录' }] }, twpLead))).toBe('CF_ENGINE_CHECK_FAILED');
    // neither the provincial nor the village 选举办法 lists NL09: the nominee stays, the finding is recorded
    c.inst.complete(h.id, { handlings: [{ ...base, handling: '保留并记录' }] }, twpLead);
    expect(c.inst.data['vc_removed']).toEqual([]);
    c.host.advance(at('2027-05-21'));
    complete(c.inst, 'formalList', formalListData('2027-05-21', nominees), vec);
    expect((c.inst.data['formalList'] as { candidates: { id_no: string }[] }).candidates.map((x) => x.id_no)).toContain(WANG.id_no);
    expect((c.inst.data['vcHandling'] as { handlings: { handling: string }[] }).handlings[0]!.handling).toBe('保留并记录');
    expectReplay(c.host, c.inst);
  });

  it('公安 does not answer in 5 working days: reminder, one extension, then the vetting group (aggregation blocked meanwhile)', () => {
    const c = startCampaign();
    complete(c.inst, 'partyRecommendation', recommendData(), vparty);
    complete(c.inst, 'partyTownReview', townReviewData, twpLead);
    vetOpen(c.inst, (p, d) => (p.id_no === P.A.id_no && d === 'gongan' ? null : {}));
    const a = childOf(c.inst, P.A);
    const gongan = () => a.tasks(dept('gongan'))[0]!;
    // dispatched Mon 04-19 → 5 working days → Mon 04-26, due at 24:00
    expect(gongan().dueAt).toBe('2027-04-27T00:00:00+08:00');
    c.host.advance(at('2027-04-27', '08:00'));
    expect(gongan().overdue).toBe(true);
    const reminders = notifies(a).filter((n) => n.stepId === 'countyVetting');
    expect(reminders.map((n) => [n.role, n.orgUnit])).toEqual([['COUNTY_ORG', 'county:huaxi'], ['VET_DEPT', 'county:huaxi/dept:gongan']]);
    // one extension of 5 working days (05-01..05-03 are holidays in CN_2027): due Tue 05-04 24:00
    expect(gongan().dueAt).toBe('2027-05-05T00:00:00+08:00');
    expect(a.data['countyVetting']).toBeUndefined(); // aggregation blocked: 14 of 15 answered
    c.host.advance(at('2027-05-05', '08:00'));
    expect((a.data['countyVetting'] as { outcome: string }).outcome).toBe('overdue');
    const review = task(a, 'vettingGroupReview', countyOrg);
    a.complete(review.id, { final: 'CLEARED', basis: '公安局书面答复已补交，未发现问题', decided_on: '2027-05-05' }, countyOrg);
    expect(a.outcome).toBe('CLEARED');
    expect(task(c.inst, 'partyPublicity', vparty)).toBeDefined();
    expectReplay(c.host, c.inst);
  });
});

describe('S-A3 the election misses quorum and is re-run', () => {
  it('600 of 1,200 is void; E′ = 06-25 keeps the list; 735 voters: 368 elected, 367 not', () => {
    const c = startCampaign();
    prepareToElectionDay(c);
    const { inst, host } = c;
    complete(inst, 'vcVote', countData(E, { issued: 600, voters: 600 }, { 主任: [[P.A, 400], [P.B, 150]], 副主任: [[P.X1, 400]], 委员: [[P.C1, 400], [P.C2, 380], [P.C3, 350]] }), teller);
    expect(inst.data['vcVote']).toMatchObject({ attempt: 1, valid: false, invalidReason: 'NO_QUORUM' });
    expect(inst.data['vcVote']).not.toHaveProperty('elected'); // no result is announced as an election
    expect(inst.tasks().map((t) => t.stepId)).toEqual(['reschedule']);
    expect(notifies(inst).filter((n) => n.stepId === 'vcVote').map((n) => n.role)).toEqual(['TWP_LEAD', 'TWP_GOV']);
    const r = task(inst, 'reschedule', twpLead);
    const data = (d: string) => ({ new_election_date: d, reason: '暴雨，投票人数未过半', ballots_sealed: true, vec_agreed: true });
    expect(codeOf(() => inst.complete(r.id, data('2027-09-01'), twpLead))).toBe('CF_ENGINE_CHECK_FAILED'); // > E + 3 months
    inst.complete(r.id, data('2027-06-25'), twpLead);
    expect(inst.data['current_election_date']).toBe('2027-06-25');
    expect(inst.tasks()).toEqual([]); // no republication of the voter list, candidates unchanged
    host.advance(at('2027-06-25'));
    complete(inst, 'vcVote', countData('2027-06-25', { issued: 735, voters: 735 }, {
      主任: [[P.A, 368], [P.B, 367]], 副主任: [[P.X1, 400], [P.X2, 300]], 委员: [[P.C1, 420], [P.C2, 400], [P.C3, 390], [P.C4, 200]],
    }, { round: '重新选举' }), teller);
    const vote = inst.data['vcVote'] as { attempt: number; valid: boolean; elected: { post: string; candidate: string; votes: number }[] };
    expect(vote.attempt).toBe(2);
    expect(vote.elected.filter((e) => e.post === '主任')).toEqual([{ post: '主任', candidate: P.A.id_no, votes: 368, round: 'main' }]);
    complete(inst, 'resultsFiling', filingData('2027-06-25', 5), twpGov);
    complete(inst, 'handover', handoverData('2027-06-30'), vec);
    expect(inst.outcome).toBe('CLOSED');
    expectReplay(host, inst);
  });
});

describe('S-A4 unfilled seat, supplementary ballot and the woman-member rule', () => {
  const main = { 主任: [[P.A, 600], [P.B, 280]], 副主任: [[P.X1, 500], [P.X2, 390]], 委员: [[P.C3, 480], [P.C4, 470], [P.C5, 300], [P.C1, 260], [P.C2, 250]] } as Parameters<typeof countData>[2];
  function toSecondBallot() {
    const c = startCampaign();
    prepareToElectionDay(c);
    complete(c.inst, 'vcVote', countData(E, { issued: 900, voters: 900 }, main), teller);
    const second = task(c.inst, 'vcVote', teller);
    expect(second.meta['posts']).toEqual([{ post: '委员', seats: 1, candidates: [P.C5.id_no, P.C1.id_no] }]);
    return { c, second };
  }
  const ballot = (f: number, e: number) => ({ ballotsCast: 880, posts: [{ post: '委员', results: [{ candidate: P.C1.id_no, votes: f }, { candidate: P.C5.id_no, votes: e }] }], announced_at: at(E, '19:30') });

  it('F gets 310 of 880 (930 ≥ 880): elected, composition ok, CLOSED', () => {
    const { c, second } = toSecondBallot();
    c.inst.complete(second.id, ballot(310, 250), teller);
    const vote = c.inst.data['vcVote'] as { elected: { candidate: string; round: string }[]; vacancies: unknown[]; composition: unknown };
    expect(vote.elected.find((e) => e.candidate === P.C1.id_no)).toMatchObject({ round: 'second' });
    expect(vote.vacancies).toEqual([]);
    expect(vote.composition).toEqual({ ok: true, violations: [] });
    complete(c.inst, 'resultsFiling', filingData(E, 5), twpGov);
    complete(c.inst, 'handover', handoverData('2027-06-01'), vec);
    expect(c.inst.outcome).toBe('CLOSED');
    expectReplay(c.host, c.inst);
  });

  it('F gets 290 (870 < 880): VACANT(委员) and COMPOSITION_VIOLATION(no woman) → CLOSED_WITH_VACANCIES', () => {
    const { c, second } = toSecondBallot();
    c.inst.complete(second.id, ballot(290, 280), teller);
    const vote = c.inst.data['vcVote'] as { vacancies: unknown[]; composition: unknown };
    expect(vote.vacancies).toEqual([{ post: '委员', seats: 1 }]);
    expect(vote.composition).toEqual({ ok: false, violations: ['NO_WOMAN'] });
    complete(c.inst, 'resultsFiling', filingData(E, 4), twpGov);
    expect(c.inst.data['statistics']).toMatchObject({ composition_ok: false, vc_size: 4 });
    complete(c.inst, 'handover', handoverData('2027-06-01'), vec);
    expect(c.inst.outcome).toBe('CLOSED_WITH_VACANCIES');
    expect(c.inst.data).toMatchObject({ composition_violation: true, reelect_by: '2027-11-28' });
    expect(notifies(c.inst).some((n) => n.stepId === 'handover' && n.role === 'TWP_LEAD')).toBe(true);
    expectReplay(c.host, c.inst);
  });
});

describe('S-A5 late and rolled-over objections', () => {
  it('(a) published 05-07: an objection received on 05-13 is auto-rejected as late, stored and visible', () => {
    const c = startCampaign();
    c.host.advance(at('2027-05-07'));
    publishVoterList(c, '2027-05-07');
    c.host.advance(at('2027-05-12', '15:00'));
    c.inst.complete(task(c.inst, 'voterList', voter).id, objectionData('错登'), voter); // in time, still pending on 05-13
    c.host.advance(at('2027-05-13', '10:00'));
    c.inst.complete(task(c.inst, 'voterList', voter).id, objectionData('漏登'), voter); // day 6
    const objections = () => (c.inst.data['voterList'] as { objections: { status: string; filedAt: string; decision?: { reason: string; basis: { 'zh-CN': string } } }[] }).objections;
    expect(objections()[1]).toMatchObject({ status: 'rejected_late', filedAt: at('2027-05-13', '10:00'), decision: { reason: 'late', basis: { 'zh-CN': '村民委员会组织法第十四条' } } });
    complete(c.inst, 'voterList', objectionDecision('2027-05-13', false), vec);
    expect(task(c.inst, 'nominations', vec)).toBeDefined();
    expect(objections().map((o) => o.status)).toEqual(['dismissed', 'rejected_late']);
    expectReplay(c.host, c.inst);
  });

  it('(b) published Tue 05-04: day 5 is Sun 05-09 → rolls over to Mon 05-10; an objection at 05-10 16:00 is accepted, decision due by 05-13', () => {
    const c = startCampaign();
    c.host.advance(at('2027-05-04'));
    publishVoterList(c, '2027-05-04');
    expect(c.inst.snapshot.context.steps['voterList']).toMatchObject({ publishedOn: '2027-05-04', windowLastDay: '2027-05-10', windowEndsAt: '2027-05-11T00:00:00+08:00' });
    c.host.advance(at('2027-05-10', '16:00'));
    c.inst.complete(task(c.inst, 'voterList', voter).id, objectionData(), voter);
    const handle = task(c.inst, 'voterList', vec);
    expect(handle.dueAt).toBe('2027-05-14T00:00:00+08:00');
    expect((c.inst.data['voterList'] as { objections: { status: string }[] }).objections[0]!.status).toBe('pending');
    c.host.advance(at('2027-05-13'));
    c.inst.complete(handle.id, objectionDecision('2027-05-13'), vec);
    expect((c.inst.data['voterList'] as { upheld: number }).upheld).toBe(1);
    expectReplay(c.host, c.inst);
  });
});

describe('S-A6 一肩挑 not achieved', () => {
  it('records yijiantiao = false, notifies TWP_LEAD and COUNTY_ORG, and offers no way to change the director (Art 11)', () => {
    const c = startCampaign();
    prepareToElectionDay(c, { secretary: P.A }); // H = 甲某, the Party secretary-elect
    const { inst, host } = c;
    complete(inst, 'vcVote', countData(E, { issued: 850, voters: 850 }, {
      主任: [[P.A, 400], [P.B, 430]], 副主任: [[P.X1, 500], [P.X2, 300]], 委员: [[P.C1, 500], [P.C2, 480], [P.C3, 450]],
    }), teller);
    complete(inst, 'resultsFiling', filingData(E, 5), twpGov);
    expect(inst.data['director_person_id']).toBe(P.B.id_no);
    expect(inst.data['secretary_person_id']).toBe(P.A.id_no);
    expect(inst.data['statistics']).toMatchObject({ yijiantiao: false });
    const notes = notifies(inst).filter((n) => n.stepId === 'resultsFiling');
    expect(notes.map((n) => [n.role, n.orgUnit])).toEqual([['TWP_LEAD', 'county:huaxi/town:qingshi'], ['COUNTY_ORG', 'county:huaxi']]);
    // COUNTY_ORG has no task; acting on the open one is refused
    expect(inst.tasks(countyOrg)).toEqual([]);
    expect(codeOf(() => inst.complete(task(inst, 'handover').id, handoverData('2027-06-01'), countyOrg))).toBe('CF_ENGINE_FORBIDDEN_ROLE');
    // Art 20: the handover is due 06-07 24:00; late → TWP_GOV is told and the record says so
    host.advance(at('2027-06-09'));
    expect(task(inst, 'handover').overdue).toBe(true);
    expect(notifies(inst).some((n) => n.stepId === 'handover' && n.role === 'TWP_GOV')).toBe(true);
    complete(inst, 'handover', handoverData('2027-06-09'), vec);
    expect(inst.data['handover_overdue']).toBe(true);
    expect(inst.outcome).toBe('CLOSED');
    expect(inst.data['director_person_id']).toBe(P.B.id_no);
    expectReplay(host, inst);
  });

  it('no step of either definition lets COUNTY_ORG (or anyone) write the elected director: only the count does', () => {
    const writers: string[] = [];
    const countyForms: string[] = [];
    const walk = (def: ProcessDefinition, steps: Record<string, StepDefinition>) => {
      for (const [id, s] of Object.entries(steps)) {
        const json = JSON.stringify(s);
        if (json.includes('"director_person_id"')) writers.push(`${def.id}/${id}`);
        if ('saveAs' in s && s.saveAs === 'vcVote' && s.kind !== 'vote') writers.push(`${def.id}/${id}:saveAs`);
        if ('assignee' in s && s.assignee.role === 'COUNTY_ORG') countyForms.push(...Object.keys((def.forms[s.form]!.schema['properties'] ?? {}) as object));
        if (s.kind === 'parallel') for (const b of s.branches) walk(def, b.steps);
      }
    };
    for (const def of [electionDef(), vettingDef()]) walk(def, def.steps);
    expect(writers).toEqual(['village-election/resultsFiling']);
    const filing = electionDef().steps['resultsFiling'] as { next: { set: Record<string, string> }[]; assignee: { role: string } };
    expect(filing.assignee.role).toBe('TWP_GOV');
    for (const route of filing.next) expect(route.set['director_person_id']).toBe("find(data.vcVote.elected, e => e.post == '主任').candidate");
    expect(countyForms).toEqual(['final', 'nl_codes', 'basis', 'override_reason', 'decided_on']);
  });
});

describe('[L] rules refuse bad input', () => {
  it('Art 14: a voter list published on 05-09 is refused; 05-08 (E − 20) is accepted', () => {
    const c = startCampaign();
    c.host.advance(at('2027-05-09'));
    const t = task(c.inst, 'voterList', vec);
    const form = (d: string) => ({ published_on: d, registered_total: 1200, locations: ['公告栏'], photos: ['file:a.jpg'] });
    expect(codeOf(() => c.inst.complete(t.id, form('2027-05-09'), vec))).toBe('CF_ENGINE_CHECK_FAILED');
    c.inst.complete(t.id, form('2027-05-08'), vec);
    expect(c.inst.snapshot.context.steps['voterList']).toMatchObject({ publishedOn: '2027-05-08', windowLastDay: '2027-05-13' });
    expectReplay(c.host, c.inst);
  });

  it('Art 14: an objection not decided within 3 days is flagged overdue and reported to TWP_LEAD', () => {
    const c = startCampaign();
    c.host.advance(at('2027-05-07'));
    publishVoterList(c, '2027-05-07');
    c.host.advance(at('2027-05-10'));
    c.inst.complete(task(c.inst, 'voterList', voter).id, objectionData(), voter);
    expect(task(c.inst, 'voterList', vec).dueAt).toBe('2027-05-14T00:00:00+08:00');
    c.host.advance(at('2027-05-14'));
    expect(task(c.inst, 'voterList', vec).overdue).toBe(true);
    expect(notifies(c.inst).filter((n) => n.stepId === 'voterList').map((n) => n.role)).toEqual(['TWP_LEAD', 'VEC']);
    expectReplay(c.host, c.inst);
  });

  it('Art 22/26: the election committee needs a quorum (600 of 1,200 adults is not enough; 2/3 of representatives)', () => {
    const host = newHost();
    const inst = host.start(electionDef(), { actor: twpLead, orgUnit: 'county:huaxi/town:qingshi/village:qingshicun' });
    complete(inst, 'plan', planData(), twpLead);
    const t = task(inst, 'vecFormation', guide);
    const members = (n: number) => (vecData().members as { votes: number }[]).map((m) => ({ ...m, votes: n }));
    expect(codeOf(() => inst.complete(t.id, vecData({ body: '村民会议', expected: 1200, present: 600, members: members(500) }), guide))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => inst.complete(t.id, vecData({ expected: 45, present: 29, members: members(20) }), guide))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => inst.complete(t.id, vecData({ body: '村民会议', expected: 1200, present: 601, members: members(300) }), guide))).toBe('CF_ENGINE_CHECK_FAILED'); // not a majority of those present
    inst.complete(t.id, vecData({ body: '村民会议', expected: 1200, present: 601, members: members(301) }), guide);
    expect(inst.tasks().map((x) => x.stepId)).toContain('voterList');
    expectReplay(host, inst);
  });

  it('Art 6 and Art 35: a plan with 8 seats, or without the published leaving-office audit, is refused', () => {
    const host = newHost();
    const inst = host.start(electionDef(), { actor: twpLead, orgUnit: 'county:huaxi/town:qingshi/village:qingshicun' });
    const t = task(inst, 'plan', twpLead);
    expect(codeOf(() => inst.complete(t.id, planData({ vc_seats: { 主任: 1, 副主任: 2, 委员: 5 } }), twpLead))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => inst.complete(t.id, planData({ vc_seats: { 主任: 1, 副主任: 0, 委员: 1 } }), twpLead))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => inst.complete(t.id, planData({ audit_published_on: '2027-04-20' }), twpLead))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => inst.complete(t.id, planData({ electorate_mode: '户代表' }), twpLead))).toBe('CF_ENGINE_CHECK_FAILED');
    inst.complete(t.id, planData(), twpLead);
    expectReplay(host, inst);
  });

  it('Art 12, 13, 15: nominations need more candidates than seats, age 18 on E, and VEC members who stand must withdraw', () => {
    const c = startCampaign();
    toNominations(c);
    const t = task(c.inst, 'nominations', vec);
    const without = (p: Person) => NOMINEES.filter(([x]) => x !== p);
    expect(codeOf(() => c.inst.complete(t.id, nominationData(without(P.C5).filter(([x]) => x !== P.C4)), vec))).toBe('CF_ENGINE_CHECK_FAILED'); // 委员 3 for 3 seats
    const minor: Person = { ...P.MINOR };
    expect(codeOf(() => c.inst.complete(t.id, nominationData([...NOMINEES, [minor, '委员', 10]]), vec))).toBe('CF_ENGINE_CHECK_FAILED');
    const edge: Person = { ...P.MINOR, name: '许某', id_no: '110101200905280072', birth_date: '2009-05-28' };
    const v2: Person = (vecData().members as { person: Person }[])[1]!.person;
    expect(codeOf(() => c.inst.complete(t.id, nominationData([...NOMINEES, [v2, '委员', 10]]), vec))).toBe('CF_ENGINE_CHECK_FAILED');
    // the VEC member withdraws; the edge-case nominee turns 18 on election day
    c.inst.complete(t.id, nominationData([...NOMINEES, [v2, '委员', 10], [edge, '委员', 9]], { vec_withdrawals: [v2.id_no] }), vec);
    expect(c.inst.children()).toHaveLength(11);
    expectReplay(c.host, c.inst);
  });

  it('formal list after E − formal_list_lead_days [Prov], and a candidate acting for the VEC, are refused', () => {
    const c = startCampaign();
    toNominations(c);
    complete(c.inst, 'nominations', nominationData(), vec);
    vetOpen(c.inst);
    c.host.advance(at('2027-05-24'));
    const t = task(c.inst, 'formalList', vec);
    expect(codeOf(() => c.inst.complete(t.id, formalListData('2027-05-24'), vec))).toBe('CF_ENGINE_CHECK_FAILED');
    const candidateAsVec: Actor = { ...vec, id: 'u-a', personId: P.A.id_no };
    expect(codeOf(() => c.inst.complete(t.id, formalListData('2027-05-23'), candidateAsVec))).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    c.inst.complete(t.id, formalListData('2027-05-23'), vec);
    // Art 15 proxies: only near relatives, at most proxy_max_per_holder each
    const r = task(c.inst, 'electionReadiness', vec);
    const proxy = (principal: string, relation = '配偶') => ({ principal_id: principal, proxy_id: P.T2.id_no, relation, proxy_is_registered_here: true, reason: '外出', proxy_letter: 'file:p.pdf' });
    expect(codeOf(() => c.inst.complete(r.id, readinessData({ candidate_meeting_on: '2027-05-24', proxies: [proxy(P.Y1.id_no, '朋友')] }), vec))).toBe('CF_ENGINE_FORM_INVALID');
    const three = [synthId('19940101', 91), synthId('19940202', 93), synthId('19940303', 95)].map((id) => proxy(id));
    expect(codeOf(() => c.inst.complete(r.id, readinessData({ candidate_meeting_on: '2027-05-24', proxies: three }), vec))).toBe('CF_ENGINE_CHECK_FAILED');
    c.inst.complete(r.id, readinessData({ candidate_meeting_on: '2027-05-24', proxy_list_published_on: '2027-05-24', proxies: three.slice(0, 2) }), vec);
    expectReplay(c.host, c.inst);
  });

  it('Art 15: a teller who is a near relative of a candidate, or a candidate listed as teller, is refused', () => {
    const c = startCampaign();
    prepareToElectionDay(c);
    const t = task(c.inst, 'vcVote', teller);
    const form = countData(E, { issued: 845, voters: 845 }, { 主任: [[P.A, 512], [P.B, 321]], 副主任: [[P.X1, 500]], 委员: [[P.C1, 600], [P.C2, 560], [P.C3, 500]] });
    const relative: Actor = { ...teller, id: 'u-t2', personId: P.T2.id_no, relatives: [P.C1.id_no] };
    expect(codeOf(() => c.inst.complete(t.id, form, relative))).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    const listed = { ...form, tellers: [...form.tellers.slice(0, 2), { id_no: P.C4.id_no, name: P.C4.name, role: '监票人' }] };
    expect(codeOf(() => c.inst.complete(t.id, listed, teller))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(codeOf(() => c.inst.complete(t.id, { ...form, announced_at: at('2027-05-29', '09:00') }, teller))).toBe('CF_ENGINE_CHECK_FAILED'); // 当场公布
    c.inst.complete(t.id, form, teller);
    expect((c.inst.data['vcVote'] as { valid: boolean }).valid).toBe(true);
    expectReplay(c.host, c.inst);
  });

  it('Art 15: a vote rules override weakening the statute is refused by validateDefinition', () => {
    const def = electionDef();
    (def.steps['vcVote'] as { rules?: unknown }).rules = { quorum: { ratio: '1/2', strict: false } };
    expect(validateDefinition(def).filter((p) => p.code === 'CF_DEF_LAW_WEAKENED').map((p) => p.pointer)).toEqual(['/steps/vcVote/rules/quorum']);
    const def2 = electionDef();
    (def2.steps['vcVote'] as { rules?: unknown }).rules = { supplementaryMinShare: { ratio: '1/4', strict: false } };
    expect(validateDefinition(def2).some((p) => p.code === 'CF_DEF_LAW_WEAKENED')).toBe(true);
  });

  it('every L parameter is fixed: an override is refused at start; a Prov one is accepted', () => {
    const def = electionDef();
    const ls = Object.entries(def.config!).filter(([, p]) => p.tag === 'L').map(([k]) => k);
    expect(ls).toEqual(expect.arrayContaining(['vc_size_min', 'vc_size_max', 'voter_list_lead_days', 'objection_window_days', 'objection_decision_days', 'handover_days', 'term_years']));
    const host = newHost();
    for (const k of ls) expect(codeOf(() => host.start(def, { actor: twpLead, orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', config: { [k]: 1 } }))).toBe('CF_ENGINE_CONFIG_LAW_FIXED');
    const c = startCampaign(newHost(), { formal_list_lead_days: 7 });
    expect(c.inst.snapshot.context.config['formal_list_lead_days']).toBe(7);
  });
});
