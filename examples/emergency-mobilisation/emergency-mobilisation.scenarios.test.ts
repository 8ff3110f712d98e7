import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { TestHost, TestInstance } from '@civicflow/engine/testing';
import {
  BAOBAO_FORM, SHANGBA, TOWN, XIAHE, act, at, baobao, childOf, cmd, convened, doorToDoorForm, duty, emo, endForm, episodeDef, evacueeDef,
  expectReplays, grid, hasStep, moveToShelter, newHost, nilReport, notifications, person, refusal, reviewForm, shelterMgr, startEpisode,
  startForm, storeKeeper, syntheticId, v2wShangba, v2wXiahe, warningForm,
} from './testkit.js';
import type { PersonRow } from './testkit.js';

const RED_ID = 'HX-QX-2027-0720-01';

// ====================================================================== S-C1
describe('S-C1 yellow rainstorm warning, level Ⅲ response, nil reports', () => {
  it('runs from the warning to the review deadline, without ending the response automatically', () => {
    const host = newHost(at('2027-07-10T08:00'));
    const inst = startEpisode(host);
    // C1: the duty officer registers the county's yellow warning; suggestion map(yellow) = Ⅲ
    act(inst, 'registerWarning', warningForm({ id: 'HX-QX-2027-0710-01', level: 3, colour: '黄色', issuedAt: at('2027-07-10T07:55') }), duty);
    expect(inst.data['suggested_level']).toBe('Ⅲ');
    expect(notifications(inst, 'TWP_CMD')).toHaveLength(1);
    expect(inst.data['response']).toBeUndefined(); // still STANDBY: the warning never starts a response by itself

    // C2: 09:00 TWP_CMD signs C-F2 (Ⅲ, until 07-11 20:00)
    host.advance(at('2027-07-10T09:00'));
    act(inst, 'startResponse', startForm({ level: 'Ⅲ', now: host.now, until: at('2027-07-11T20:00') }), cmd);
    expect(inst.data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ', started_at: at('2027-07-10T09:00') });
    const due = (step: string) => inst.tasks().filter((t) => t.stepId === step).map((t) => t.dueAt);
    expect(due('reportStartToCounty')).toEqual([at('2027-07-10T10:00')]);
    expect(due('villageConvene')).toEqual([at('2027-07-10T10:00'), at('2027-07-10T10:00')]); // R2: A and B convene by 10:00
    expect(due('doorToDoor24h')).toEqual([at('2027-07-11T09:00')]); // R4: hazard-zone households by 07-11 09:00

    // reported to the county at 09:20 (≤ 1 h): no alert
    host.advance(at('2027-07-10T09:20'));
    act(inst, 'reportStartToCounty', { reported_at: host.now, channel: '电话', receiver: '县应急局值班室' }, duty);
    host.advance(at('2027-07-10T09:40'));
    act(inst, 'villageConvene', convened(host.now), v2wShangba);
    act(inst, 'villageConvene', convened(host.now), v2wXiahe);
    expect(inst.data['village_convene']).toMatchObject({ outcome: 'approved' });
    host.advance(at('2027-07-10T15:00'));
    act(inst, 'doorToDoor24h', doorToDoorForm(host.now, [person(1, 'SB-001', { village: 'shangba', zone: '上坝组', must_transfer: false })]), grid);
    expect(inst.data['evacuation']).toEqual([]); // nobody had to move at Ⅲ here

    // daily report: tasks open at the 16:00 cut-off; village A files a nil report; B is silent
    host.advance(at('2027-07-10T16:00'));
    const reports = inst.tasks().filter((t) => t.stepId === 'dailyReport');
    expect(reports.map((t) => t.assignee.orgUnit).sort()).toEqual([SHANGBA, XIAHE]);
    expect(reports[0]!.dueAt).toBe(at('2027-07-10T17:30')); // due 17:00 + 30 min grace before the liaison is alerted
    host.advance(at('2027-07-10T16:30'));
    act(inst, 'dailyReport', nilReport(at('2027-07-10T16:00')), v2wShangba);
    host.advance(at('2027-07-10T17:30'));
    const liaison = notifications(inst, 'LIAISON');
    expect(liaison).toHaveLength(1);
    expect(liaison[0]).toMatchObject({ orgUnit: XIAHE, stepId: 'dailyReport' }); // B's liaison, not A's
    expect(inst.data['daily_reports']).toEqual([expect.objectContaining({ outcome: 'overdue' })]);
    expect((inst.data['daily_reports'] as { reviewers: { id: string; status: string; decision?: string }[] }[])[0]!.reviewers)
      .toEqual([expect.objectContaining({ id: 'shangba', status: 'approved', decision: '零报告' }), expect.objectContaining({ id: 'xiahe', status: 'overdue' })]);

    // 07-11: both villages report; 18:00 the county lifts the warning → task "consider ending"
    host.advance(at('2027-07-11T16:10'));
    act(inst, 'dailyReport', nilReport(at('2027-07-11T16:00')), v2wShangba);
    act(inst, 'dailyReport', nilReport(at('2027-07-11T16:00')), v2wXiahe);
    host.advance(at('2027-07-11T18:00'));
    act(inst, 'warningActive', warningForm({ id: 'HX-QX-2027-0711-02', level: 3, colour: '黄色', kind: '解除', supersedes: 'HX-QX-2027-0710-01', issuedAt: host.now }), duty);
    expect(inst.tasks(cmd).map((t) => t.stepId)).toContain('considerEnding');
    expect(inst.data['response']).toMatchObject({ phase: 'ACTIVE', level: 'Ⅲ' }); // NOT ended automatically
    act(inst, 'considerEnding', { assessment: '降雨已停，险情消除', intention: '拟结束响应' }, cmd);
    expect(inst.data['response']).toMatchObject({ phase: 'ACTIVE' });

    // 19:00 TWP_CMD ends the response → RECOVERY → REVIEW due 2027-08-10
    host.advance(at('2027-07-11T19:00'));
    act(inst, 'commandDecision', endForm(host.now), cmd);
    expect(inst.data['response']).toMatchObject({ phase: 'ENDED', ended_on: '2027-07-11' });
    expect(hasStep(inst, 'dailyReport') || hasStep(inst, 'incidentDetected')).toBe(false); // R timers and tasks stop
    act(inst, 'recovery', { supplies_reconciled: true, requisitions_settled: true }, emo);
    const review = inst.tasks().find((t) => t.stepId === 'reviewReport')!;
    expect(review.dueAt).toBe('2027-08-11T00:00:00+08:00'); // end of 2027-08-10
    host.advance(at('2027-07-25T10:00'));
    act(inst, 'reviewReport', reviewForm(host.now, '销毁'), cmd);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('ARCHIVED');
    expectReplays(host, inst);
  });
});

// ====================================================================== S-C2 / S-C3 / S-C5 storyline
/** 37 people of 河湾组 (下河村): three priority persons (listed LAST on the form), 34 others; HW-016/HW-017 will be rated 危房. */
function hewanPersons(): PersonRow[] {
  const others = Array.from({ length: 34 }, (_, i) => person(i + 4, `HW-${String(Math.ceil((i + 1) / 2)).padStart(3, '0')}`));
  const elderly = person(1, 'HW-018', { name: '独居老人甲', id_no: syntheticId('19450302', 1, true), priority_groups: ['独居老人'], mobility: '需搀扶' });
  const wheelchair = person(2, 'HW-019', { name: '残疾人乙', id_no: syntheticId('19800716', 2, false), priority_groups: ['残疾人'], disability_type: '肢体', disability_grade: '二级', mobility: '需轮椅' });
  const child = person(3, 'HW-020', { name: '留守儿童丙', id_no: syntheticId('20170315', 3, true), priority_groups: ['留守儿童'], guardian_present: false, civil_capacity: '限制' });
  return [...others, elderly, wheelchair, child];
}

/** S-C2: red flash-flood warning, response Ⅰ with a transfer order, 37 evacuees, priority persons first. */
function runSC2(): { host: TestHost; inst: TestInstance } {
  const host = newHost(at('2027-07-20T02:00'));
  const inst = startEpisode(host);
  act(inst, 'registerWarning', warningForm({ id: RED_ID, level: 1, colour: '红色', hazard: '山洪', issuedAt: at('2027-07-20T01:55') }), duty);
  expect(inst.data['suggested_level']).toBe('Ⅰ');
  act(inst, 'startResponse', startForm({ level: 'Ⅰ', now: host.now, until: at('2027-07-23T20:00'), zones: ['河湾组'] }), cmd);
  expect(inst.tasks().find((t) => t.stepId === 'priorityConfirmI')!.dueAt).toBe(at('2027-07-20T05:00')); // all priority persons sheltered by 05:00
  expect(inst.tasks().find((t) => t.stepId === 'doorToDoorUrgent')!.dueAt).toBe(at('2027-07-20T08:00'));
  host.advance(at('2027-07-20T02:15'));
  act(inst, 'reportStartToCounty', { reported_at: host.now, channel: '电话', receiver: '县应急局' }, duty);
  act(inst, 'villageConvene', convened(host.now), v2wShangba);
  act(inst, 'villageConvene', convened(host.now), v2wXiahe);

  host.advance(at('2027-07-20T02:40'));
  act(inst, 'doorToDoorUrgent', doorToDoorForm(host.now, hewanPersons()), grid);
  return { host, inst };
}

function shelterEveryone(host: TestHost, inst: TestInstance): void {
  // the wheelchair user: NEEDS_ASSISTANCE → S request (vehicle) → MOVING → SHELTERED
  const wheel = childOf(inst, 'P-HW-02');
  act(wheel, 'assignBaobao', BAOBAO_FORM, v2wXiahe);
  host.advance(at('2027-07-20T02:50'));
  act(wheel, 'notifyPerson', { notified_at: host.now, reaction: '需协助', needs: ['轮椅', '车辆'] }, baobao);
  expect(wheel.data['status']).toBe('NEEDS_ASSISTANCE');
  act(wheel, 'supplyRequest', { item: '无障碍转运车', unit: '辆', qty_requested: 1, source: '镇储备', destination: '下河村小学安置点' }, baobao);
  expect(refusal(() => act(wheel, 'supplyApprove', { qty_approved: 2 }, emo)).pointers).toEqual(['/qty_approved']); // approved ≤ requested
  act(wheel, 'supplyApprove', { qty_approved: 1 }, emo);
  expect(refusal(() => act(wheel, 'supplyIssue', { qty_issued: 1, issued_at: host.now, stock_after: -1 }, storeKeeper)).pointers).toEqual(['/stock_after']);
  act(wheel, 'supplyIssue', { qty_issued: 1, issued_at: host.now, stock_after: 2 }, storeKeeper);
  expect(wheel.data['status']).toBe('MOVING');
  host.advance(at('2027-07-20T03:40'));
  act(wheel, 'arrival', { shelter_id: 'SH-01', shelter_name: '下河村小学安置点', arrived_at: host.now }, shelterMgr);

  // the child: CARE_ASSIGNED with a named female cadre (Art 76 ¶3), then moved
  const child = childOf(inst, 'P-HW-03');
  expect(child.tasks().map((t) => t.stepId)).toEqual(['careAssign']); // no 包保 before a carer is named
  act(child, 'careAssign', { carer_name: '王某(镇妇联干部)', carer_id_no: '110101197506150022', carer_phone: '13900000002', carer_unit: '青石镇妇联', assigned_at: host.now }, v2wXiahe);
  expect(child.data['trail']).toEqual(['IDENTIFIED', 'CARE_ASSIGNED']);
  moveToShelter(host, child, host.now);

  // the elderly woman refuses → persuasion recorded → Ⅰ allows FORCED_TRANSFER with 2 staff and a video
  const elderly = childOf(inst, 'P-HW-01');
  act(elderly, 'assignBaobao', BAOBAO_FORM, v2wXiahe);
  act(elderly, 'notifyPerson', { notified_at: host.now, reaction: '拒绝转移' }, baobao);
  act(elderly, 'refusal', { refusal_statement: '不愿离开老屋', persuasion_record: '村干部、亲属电话劝导 30 分钟无效', witnesses: [{ name: '网格员', person_id: 'grid-1' }, { name: '组长', person_id: 'zz-1' }] }, baobao);
  const forced = { order_ref: 'QS-ZYL-2027-01', video_ref: 'video://qs/2027-07-20/hw-01.mp4', executed_at: host.now };
  expect(refusal(() => act(elderly, 'forcedTransfer', { ...forced, staff: [{ name: '甲', person_id: 'pm-dang01' }] }, baobao)).pointers).toEqual(['/staff']);
  expect(refusal(() => act(elderly, 'forcedTransfer', { ...forced, staff: [{ name: '甲', person_id: 'pm-dang01' }, { name: '甲', person_id: 'pm-dang01' }] }, baobao)).pointers).toEqual(['/staff']);
  act(elderly, 'forcedTransfer', { ...forced, staff: [{ name: '甲', person_id: 'pm-dang01' }, { name: '乙', person_id: 'grid-1' }] }, baobao);
  host.advance(at('2027-07-20T04:00'));
  act(elderly, 'arrival', { shelter_id: 'SH-01', shelter_name: '下河村小学安置点', arrived_at: host.now }, shelterMgr);
  expect(elderly.data['trail']).toEqual(['IDENTIFIED', 'ASSIGNED', 'REFUSED', 'FORCED_TRANSFER', 'SHELTERED']);

  // everybody else
  host.advance(at('2027-07-20T04:30'));
  for (const c of inst.children()) if (c.data['status'] !== 'SHELTERED') moveToShelter(host, c, host.now);
}

describe('S-C2 red flash-flood warning and evacuation of priority groups', () => {
  it('spawns one evacuee per person, priority persons first, and shelters the three by 05:00', () => {
    const { host, inst } = runSC2();
    // three P instances ordered first, and the order recorded
    expect((inst.data['evacuation_order'] as string[]).slice(0, 3)).toEqual(['P-HW-01', 'P-HW-02', 'P-HW-03']);
    expect(inst.children()).toHaveLength(37);
    expect(inst.children().slice(0, 3).map((c) => (c.data['person'] as PersonRow).person_id)).toEqual(['P-HW-01', 'P-HW-02', 'P-HW-03']);
    expect(inst.children().every((c) => c.snapshot.context.case.orgUnit === XIAHE && c.data['response_level'] === 'Ⅰ')).toBe(true);

    shelterEveryone(host, inst);
    expect(childOf(inst, 'P-HW-02').data['trail']).toEqual(['IDENTIFIED', 'ASSIGNED', 'NEEDS_ASSISTANCE', 'MOVING', 'SHELTERED']);
    expect(inst.children().every((c) => c.data['status'] === 'SHELTERED')).toBe(true);

    // the 3-hour timer stays green: confirmed at 04:40, nothing overdue after 05:00
    host.advance(at('2027-07-20T04:40'));
    act(inst, 'priorityConfirmI', { confirmed_at: host.now, persons: ['P-HW-01', 'P-HW-02', 'P-HW-03'].map((p) => ({ person_id: p, status: 'SHELTERED' })) }, emo);
    host.advance(at('2027-07-20T05:10'));
    expect(notifications(inst, 'TWP_CMD').filter((n) => n.stepId === 'priorityConfirmI')).toEqual([]);

    // daily report of 07-20: transferred_total = 37 (more than flagged is refused), priority_in_shelters = 3
    host.advance(at('2027-07-20T16:20'));
    const daily = { kind: '日报', as_of: at('2027-07-20T16:00'), summary: '河湾组 37 人全部转移', next_day_plan: '继续巡查', in_shelters_now: 37, priority_in_shelters: 3, deaths: 0, missing: 0, injured: 0, signed_by: '村支书' };
    expect(refusal(() => act(inst, 'dailyReport', { ...daily, transferred_total: 38 }, v2wXiahe)).pointers).toEqual(['/transferred_total']);
    act(inst, 'dailyReport', { ...daily, transferred_total: 37 }, v2wXiahe);
    act(inst, 'dailyReport', nilReport(at('2027-07-20T16:00')), v2wShangba);
    const day = (inst.data['daily_reports'] as { reviewers: { id: string; basis: Record<string, unknown> }[] }[])[0]!;
    expect(day.reviewers.find((r) => r.id === 'xiahe')!.basis).toMatchObject({ transferred_total: 37, priority_in_shelters: 3 });
    expectReplays(host, inst);
  });
});

/** S-C3: the county re-issues yellow; R stays at Ⅰ until the command signs ADJUST; return only with RETURN_APPROVED. */
function runSC3(): { host: TestHost; inst: TestInstance } {
  const { host, inst } = runSC2();
  shelterEveryone(host, inst);
  host.advance(at('2027-07-20T16:20'));
  act(inst, 'dailyReport', nilReport(at('2027-07-20T16:00')), v2wShangba);
  act(inst, 'dailyReport', { kind: '日报', as_of: at('2027-07-20T16:00'), summary: '37 人在安置点', next_day_plan: '巡查', transferred_total: 37, in_shelters_now: 37, priority_in_shelters: 3, deaths: 0, missing: 0, injured: 0, signed_by: '村支书' }, v2wXiahe);

  host.advance(at('2027-07-21T14:00'));
  act(inst, 'warningActive', warningForm({ id: 'HX-QX-2027-0721-02', level: 3, colour: '黄色', kind: '调整', supersedes: RED_ID, hazard: '山洪', issuedAt: host.now }), duty);
  return { host, inst };
}

describe('S-C3 red downgraded to yellow in the middle of the response', () => {
  it('keeps Ⅰ until ADJUST, blocks return without RETURN_APPROVED, keeps daily reports, rehouses unsafe houses', () => {
    const { host, inst } = runSC3();
    // W → WARNING_ACTIVE(yellow); R stays at Ⅰ; TWP_CMD gets a task
    expect(inst.data['warning']).toMatchObject({ colour: '黄色', kind: '调整', supersedes: RED_ID });
    expect(inst.data['suggested_level']).toBe('Ⅲ');
    expect(inst.data['response']).toMatchObject({ level: 'Ⅰ', phase: 'ACTIVE' });
    expect(inst.tasks(cmd).map((t) => t.stepId).sort()).toEqual(['commandDecision', 'reviewWarningChange']);
    host.advance(at('2027-07-21T14:30'));
    act(inst, 'reviewWarningChange', { assessment: '雨势减弱，河湾组仍有积水', intention: '拟签发响应调整决定' }, cmd);
    expect(inst.data['response']).toMatchObject({ level: 'Ⅰ' });

    // 15:00 ADJUST → Ⅲ, 20 of 35 cadres released with released_at
    host.advance(at('2027-07-21T15:00'));
    const released = Array.from({ length: 20 }, (_, i) => ({ name: `下沉干部${i + 1}`, released_at: host.now }));
    act(inst, 'commandDecision', { kind: 'ADJUST', decision_ref: 'QS-YJ-2027-ADJ-1', new_level: 'Ⅲ', basis: '县气象局调整为黄色预警', measures_off: ['关闭或限制危险场所'], cadres_released: released, effective_at: host.now, commander: '镇长' }, cmd);
    expect(inst.data['response']).toMatchObject({ level: 'Ⅲ', phase: 'ACTIVE' });
    expect(inst.data['level_history']).toEqual(['Ⅰ', 'Ⅲ']);
    expect(inst.children().every((c) => c.data['status'] === 'SHELTERED')).toBe(true); // no automatic return on a downgrade
    // END is still refused: evacuees are out (C6 guard)
    expect(refusal(() => act(inst, 'commandDecision', endForm(host.now), cmd))).toMatchObject({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/kind'] });

    // 16:00 the shelter manager tries to set 12 people RETURNED without RETURN_APPROVED(河湾组) → blocked
    host.advance(at('2027-07-21T16:00'));
    for (const c of inst.children().slice(3, 15)) {
      expect(refusal(() => act(c, 'returnHome', { outcome: 'RETURNED', house_safety: '安全', at: host.now }, shelterMgr)))
        .toEqual({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/return_approval'] });
    }
    // daily reports are still due after the downgrade
    expect(inst.tasks().filter((t) => t.stepId === 'dailyReport')).toHaveLength(2);
    act(inst, 'dailyReport', nilReport(at('2027-07-21T16:00')), v2wShangba);
    act(inst, 'dailyReport', { kind: '日报', as_of: at('2027-07-21T16:00'), summary: '降为Ⅲ级，37 人仍在安置点', next_day_plan: '房屋安全鉴定', transferred_total: 37, in_shelters_now: 37, priority_in_shelters: 3, deaths: 0, missing: 0, injured: 0, signed_by: '村支书' }, v2wXiahe);

    // 07-22: natural-resources safety check; RETURN for 河湾组 except two 危房 households
    host.advance(at('2027-07-22T10:00'));
    act(inst, 'commandDecision', { kind: 'RETURN', decision_ref: 'QS-YJ-2027-RET-1', zones: ['河湾组'], safety_assessment_ref: 'ZRZY-HX-2027-0722-01', unsafe_households: ['HW-016', 'HW-017'], basis: '自然资源所、住建所房屋与区域安全鉴定', effective_at: host.now, commander: '镇长' }, cmd);
    const decision = (inst.data['return_decisions'] as Record<string, unknown>[])[0]!;
    const approval = { decision_ref: decision['decision_ref'], kind: decision['kind'], zones: decision['zones'], unsafe_households: decision['unsafe_households'] };
    // an approval for another zone does not count
    expect(refusal(() => act(inst.children()[5]!, 'returnHome', { outcome: 'RETURNED', return_approval: { ...approval, zones: ['上坝组'] }, house_safety: '安全', at: host.now }, shelterMgr)).pointers).toEqual(['/return_approval']);
    host.advance(at('2027-07-22T10:30'));
    for (const c of inst.children()) {
      const hh = (c.data['person'] as PersonRow).household_id;
      if (hh === 'HW-016' || hh === 'HW-017') {
        expect(refusal(() => act(c, 'returnHome', { outcome: 'RETURNED', return_approval: approval, house_safety: '危房', at: host.now }, shelterMgr)).pointers).toContain('/outcome');
        act(c, 'returnHome', { outcome: 'REHOUSED', return_approval: approval, house_safety: '危房', transitional_housing: '镇敬老院过渡安置房', at: host.now }, shelterMgr);
      } else {
        act(c, 'returnHome', { outcome: 'RETURNED', return_approval: approval, house_safety: '安全', at: host.now }, shelterMgr);
      }
    }
    const outcomes = (inst.data['evacuation'] as { outcome: string }[]).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'RETURNED')).toHaveLength(33);
    expect(outcomes.filter((o) => o === 'REHOUSED')).toHaveLength(4);
    expect(inst.children().every((c) => c.status === 'done')).toBe(true);
    expectReplays(host, inst);
  });
});

// ====================================================================== S-C4
describe('S-C4 reporting failures', () => {
  it('flags the late first report at 11:05, numbers follow-ups, and needs the final report before the review closes', () => {
    const host = newHost(at('2027-07-15T08:00'));
    const inst = startEpisode(host);
    act(inst, 'registerWarning', warningForm({ id: 'HX-QX-2027-0715-01', level: 3, colour: '黄色', issuedAt: host.now }), duty);
    host.advance(at('2027-07-15T08:30'));
    act(inst, 'startResponse', startForm({ level: 'Ⅲ', now: host.now, until: at('2027-07-16T20:00') }), cmd);
    act(inst, 'reportStartToCounty', { reported_at: host.now, channel: '电话', receiver: '县应急局' }, duty);
    act(inst, 'villageConvene', convened(host.now), v2wShangba);
    act(inst, 'villageConvene', convened(host.now), v2wXiahe);
    act(inst, 'doorToDoor24h', doorToDoorForm(host.now, [person(1, 'SB-001', { village: 'shangba', zone: '上坝组', must_transfer: false })]), grid);

    // 10:05 a road collapse traps a car
    host.advance(at('2027-07-15T10:05'));
    act(inst, 'incidentDetected', { incident_no: 'INC-0715-01', detected_at: host.now, place: '上坝村村道 K2+300', type: '道路塌方', summary: '塌方困住一辆小车' }, duty);
    expect(inst.tasks().find((t) => t.stepId === 'initialReport')!.dueAt).toBe(at('2027-07-15T11:05'));
    host.advance(at('2027-07-15T11:05'));
    const late = notifications(inst, 'TWP_CMD').filter((n) => n.stepId === 'initialReport');
    expect(late).toHaveLength(1);
    expect(late[0]!.message.en).toMatch(/REPORT_OVERDUE/);
    expect(late[0]!.orgUnit).toBe(TOWN);
    expect(inst.data['art61_flags']).toEqual(['INC-0715-01']); // logged as a possible Art 61 breach
    expect(inst.tasks().find((t) => t.stepId === 'initialReport')!.overdue).toBe(true);
    expect(inst.history().some((e) => e.type === 'timer.expired' && e.stepId === 'initialReport')).toBe(true);

    host.advance(at('2027-07-15T11:40'));
    const rep = (kind: string, seq: number) => ({ kind, seq, incident_no: 'INC-0715-01', reported_at: host.now, summary: '1 车被困，无人员伤亡', deaths: 0, missing: 0, injured: 0, signed_by: '镇长' });
    act(inst, 'initialReport', rep('初报', 0), duty);
    host.advance(at('2027-07-15T12:30'));
    expect(refusal(() => act(inst, 'incidentFollowUp', rep('续报', 2), duty)).pointers).toEqual(['/seq']);
    act(inst, 'incidentFollowUp', rep('续报', 1), duty);
    host.advance(at('2027-07-15T14:00'));
    expect(refusal(() => act(inst, 'incidentFollowUp', rep('续报', 1), duty)).pointers).toEqual(['/seq']);
    act(inst, 'incidentFollowUp', rep('续报', 2), duty);

    // the response ends before the 终报: REVIEW cannot close until it is filed
    host.advance(at('2027-07-15T15:00'));
    act(inst, 'commandDecision', endForm(host.now), cmd);
    act(inst, 'recovery', { supplies_reconciled: true, requisitions_settled: true }, emo);
    expect(inst.tasks().map((t) => t.stepId)).toEqual(expect.arrayContaining(['reviewReport', 'finalReportLate']));
    expect(refusal(() => act(inst, 'reviewReport', reviewForm(host.now, '销毁'), cmd)).pointers).toEqual(['/timeline']);
    act(inst, 'finalReportLate', rep('终报', 3), duty);
    act(inst, 'reviewReport', reviewForm(host.now, '销毁'), cmd);
    expect(inst.outcome).toBe('ARCHIVED');
    expect((inst.data['incident_reports'] as { kind: string; seq: number }[]).map((r) => `${r.kind}${r.seq}`)).toEqual(['初报0', '续报1', '续报2', '终报3']);
    expectReplays(host, inst);
  });
});

// ====================================================================== S-C5
describe('S-C5 ending the response, review and data destruction', () => {
  it('refuses END while rehoused people lack a return plan, then reviews and purges personal data', () => {
    const { host, inst } = runSC3();
    host.advance(at('2027-07-21T15:00'));
    act(inst, 'reviewWarningChange', { assessment: '降级', intention: '拟签发响应调整决定' }, cmd);
    act(inst, 'commandDecision', { kind: 'ADJUST', decision_ref: 'ADJ-1', new_level: 'Ⅲ', basis: '黄色预警', effective_at: host.now, commander: '镇长' }, cmd);
    host.advance(at('2027-07-22T10:00'));
    act(inst, 'commandDecision', { kind: 'RETURN', decision_ref: 'RET-1', zones: ['河湾组'], safety_assessment_ref: 'ZRZY-01', unsafe_households: ['HW-016', 'HW-017'], basis: '安全鉴定', effective_at: host.now, commander: '镇长' }, cmd);
    const approval = { decision_ref: 'RET-1', kind: 'RETURN', zones: ['河湾组'], unsafe_households: ['HW-016', 'HW-017'] };
    for (const c of inst.children()) {
      const unsafe = ['HW-016', 'HW-017'].includes((c.data['person'] as PersonRow).household_id);
      act(c, 'returnHome', unsafe
        ? { outcome: 'REHOUSED', return_approval: approval, house_safety: '危房', transitional_housing: '下河村小学安置点(待过渡房)', at: host.now }
        : { outcome: 'RETURNED', return_approval: approval, house_safety: '安全', at: host.now }, shelterMgr);
    }
    // the shelter still holds the 4 REHOUSED people, without a return plan
    act(inst, 'shelterRegister', { as_of: host.now, shelters: [{ shelter_id: 'SH-01', name: '下河村小学安置点', occupants: 4, rehoused: 4 }] }, emo);

    host.advance(at('2027-07-24T10:00'));
    expect(refusal(() => act(inst, 'commandDecision', endForm(host.now), cmd))).toEqual({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/kind'] });
    expect(inst.data['response']).toMatchObject({ phase: 'ACTIVE' });
    act(inst, 'shelterRegister', { as_of: host.now, shelters: [{ shelter_id: 'SH-01', name: '下河村小学安置点', occupants: 4, rehoused: 4, return_plan: '过渡安置房清单：镇敬老院 2 间（2 户 4 人），7 月 26 日前入住' }] }, emo);
    act(inst, 'commandDecision', endForm(host.now), cmd);
    expect(inst.data['response']).toMatchObject({ phase: 'ENDED', ended_on: '2027-07-24' });

    // C7 / Art 12: requisitioned property returned or compensation started before REVIEW
    expect(refusal(() => act(inst, 'recovery', { supplies_reconciled: true, requisitions_settled: false }, emo)).pointers).toEqual(['/requisitions_settled']);
    act(inst, 'recovery', { supplies_reconciled: true, requisitions_settled: true }, emo);
    expect(inst.tasks().find((t) => t.stepId === 'reviewReport')!.dueAt).toBe('2027-08-24T00:00:00+08:00'); // due 2027-08-23

    // Art 85: the review needs a pii_decision; keeping data needs an assessment
    host.advance(at('2027-08-20T10:00'));
    expect(refusal(() => act(inst, 'reviewReport', reviewForm(host.now), cmd)).pointers).toEqual(['/pii_decision']);
    expect(refusal(() => act(inst, 'reviewReport', reviewForm(host.now, '留存(附评估)'), cmd)).pointers).toEqual(['/pii_assessment_ref']);
    const before = JSON.stringify(inst.data);
    for (const p of hewanPersons()) expect(before).toContain(p.id_no!); // the (synthetic) IDs are there before the purge
    act(inst, 'reviewReport', reviewForm(host.now, '销毁'), cmd);

    expect(inst.outcome).toBe('ARCHIVED');
    for (const k of ['evacuees', 'evacuation', 'evacuation_order', 'door_to_door', 'priority_transfer']) expect(inst.data[k]).toBeNull();
    expect(inst.data['pii_status']).toBe('DESTROYED');
    expect(inst.data['archive']).toEqual({ transferred_total: 37, priority_transferred: 3, outcomes: expect.any(Array) });
    expect((inst.data['archive'] as { outcomes: string[] }).outcomes.filter((o) => o === 'REHOUSED')).toHaveLength(4);
    const after = JSON.stringify(inst.data);
    for (const p of hewanPersons()) expect(after).not.toContain(p.id_no!);
    for (const word of ['肢体', '需轮椅', '留守儿童', '独居老人']) expect(after).not.toContain(word);
    expect(inst.data['review_report']).toMatchObject({ pii_decision: '销毁' }); // the review itself stays in the archive
    expectReplays(host, inst);
  });
});

// ====================================================================== rules
describe('[L] rules refuse bad input', () => {
  it('both definitions validate without errors', () => {
    expect(validateDefinition(episodeDef).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateDefinition(evacueeDef).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('Art 64: a township "warning" is refused; Art 63: level and colour must agree', () => {
    const host = newHost(at('2027-07-10T08:00'));
    const inst = startEpisode(host);
    expect(refusal(() => act(inst, 'registerWarning', warningForm({ id: 'QS-1', level: 3, colour: '黄色', issuerLevel: '乡镇', issuedAt: host.now }), duty)))
      .toEqual({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/issuer_level'] });
    expect(refusal(() => act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 1, colour: '黄色', issuedAt: host.now }), duty)).pointers).toEqual(['/colour']);
    expect(refusal(() => act(inst, 'registerWarning', { ...warningForm({ id: 'W-1', level: 3, colour: '黄色', issuedAt: host.now }), level: 5 }, duty)).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(() => act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 3, colour: '黄色', issuedAt: at('2027-07-10T09:00') }), duty)).pointers).toEqual(['/issued_at']);
    act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 3, colour: '黄色', issuedAt: host.now }), duty);
    // the adjustment path checks the same rules, and the issuer lineage
    expect(refusal(() => act(inst, 'warningActive', warningForm({ id: 'QS-2', level: 2, colour: '橙色', kind: '调整', supersedes: 'W-1', issuerLevel: '乡镇', issuedAt: host.now }), duty)).pointers).toEqual(['/issuer_level']);
    expect(refusal(() => act(inst, 'warningActive', warningForm({ id: 'W-2', level: 2, colour: '橙色', kind: '调整', supersedes: 'W-0', issuedAt: host.now }), duty)).pointers).toEqual(['/supersedes']);
    // statutory parameters cannot be configured away
    expect(() => host.start(episodeDef, { input: {}, actor: duty, orgUnit: TOWN, config: { warning_issuer_levels: ['国家', '省', '市', '县', '乡镇'] } })).toThrow(/fixed by law/);
    expectReplays(host, inst);
  });

  it('Art 72 ¶2: the start decision needs matters, level, a future expected end and measures; Ⅰ/Ⅱ need a transfer order', () => {
    const host = newHost(at('2027-07-10T08:00'));
    const inst = startEpisode(host);
    act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 1, colour: '红色', issuedAt: host.now }), duty);
    const ok = startForm({ level: 'Ⅰ', now: host.now, until: at('2027-07-12T20:00'), zones: ['河湾组'] });
    expect(refusal(() => act(inst, 'startResponse', { ...ok, matters: '  ' }, cmd)).pointers).toEqual(['/matters']);
    expect(refusal(() => act(inst, 'startResponse', { ...ok, expected_until: host.now }, cmd)).pointers).toEqual(['/expected_until']);
    expect(refusal(() => act(inst, 'startResponse', { ...ok, measures: [] }, cmd)).pointers).toEqual(['/measures']);
    expect(refusal(() => act(inst, 'startResponse', { ...ok, transfer_zones: [] }, cmd)).pointers).toEqual(['/transfer_zones']);
    const { response_level: _l, ...noLevel } = ok;
    expect(refusal(() => act(inst, 'startResponse', noLevel, cmd)).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(() => act(inst, 'startResponse', { ...ok, response_level: 'Ⅴ' }, cmd)).code).toBe('CF_ENGINE_FORM_INVALID');
    act(inst, 'startResponse', ok, cmd);
    // C4: an adjustment must change the level
    expect(refusal(() => act(inst, 'commandDecision', { kind: 'ADJUST', decision_ref: 'A', new_level: 'Ⅰ', basis: 'x', effective_at: host.now, commander: '镇长' }, cmd)).pointers).toEqual(['/new_level']);
    expect(refusal(() => act(inst, 'commandDecision', { kind: 'RETURN', decision_ref: 'R', zones: ['河湾组'], basis: 'x', effective_at: host.now, commander: '镇长' }, cmd)).pointers).toEqual(['/zones']);
    // C6: END refused while the door-to-door results and evacuation are not in
    expect(refusal(() => act(inst, 'commandDecision', endForm(host.now), cmd)).pointers).toEqual(['/kind']);
    expect(refusal(() => act(inst, 'commandDecision', { ...endForm(host.now), no_open_hazards: false }, cmd)).pointers).toEqual(['/kind', '/no_open_hazards']);
    expectReplays(host, inst);
  });

  it('Art 76 ¶3 and Art 11: an unattended child gets a named carer first; forced transfer only at Ⅰ/Ⅱ', () => {
    const host = newHost(at('2027-07-10T08:00'));
    const inst = startEpisode(host);
    act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 3, colour: '黄色', issuedAt: host.now }), duty);
    act(inst, 'startResponse', startForm({ level: 'Ⅲ', now: host.now, until: at('2027-07-12T20:00'), zones: ['河湾组'] }), cmd);
    const child = person(3, 'HW-020', { id_no: syntheticId('20170315', 3, true), priority_groups: ['留守儿童'], guardian_present: false, civil_capacity: '限制' });
    const adult = person(4, 'HW-001');
    // C-F5: everyone in the ordered zone must move; a minor cannot have full capacity
    expect(refusal(() => act(inst, 'doorToDoor24h', doorToDoorForm(host.now, [child, { ...adult, must_transfer: false }]), grid)).pointers).toEqual(['/persons']);
    expect(refusal(() => act(inst, 'doorToDoor24h', doorToDoorForm(host.now, [{ ...child, civil_capacity: '完全' }, adult]), grid)).pointers).toEqual(['/persons']);
    act(inst, 'doorToDoor24h', doorToDoorForm(host.now, [adult, child]), grid);
    expect(inst.data['evacuation_order']).toEqual(['P-HW-03', 'P-HW-04']); // priority first although listed second

    const c = childOf(inst, 'P-HW-03');
    expect(c.tasks().map((t) => t.stepId)).toEqual(['careAssign']);
    const care = { carer_name: '王某', carer_id_no: '110101197506150022', carer_phone: '13900000002', assigned_at: host.now };
    expect(refusal(() => act(c, 'careAssign', { ...care, carer_name: ' ' }, v2wXiahe)).pointers).toEqual(['/carer_name']);
    expect(refusal(() => act(c, 'careAssign', { ...care, carer_id_no: c.data['person'] && (c.data['person'] as PersonRow).id_no }, v2wXiahe)).pointers).toEqual(['/carer_id_no']);
    const { carer_name: _n, ...noName } = care;
    expect(refusal(() => act(c, 'careAssign', noName, v2wXiahe)).code).toBe('CF_ENGINE_FORM_INVALID');
    act(c, 'careAssign', care, v2wXiahe);

    // at Ⅲ a refusal is recorded, never forced; the revisit every 2 h escalates to TWP_CMD
    const p = childOf(inst, 'P-HW-04');
    act(p, 'assignBaobao', BAOBAO_FORM, v2wXiahe);
    act(p, 'notifyPerson', { notified_at: host.now, reaction: '拒绝转移' }, baobao);
    expect(refusal(() => act(p, 'refusal', { refusal_statement: '不走', persuasion_record: '劝导无效', witnesses: [{ name: '甲', person_id: 'a' }] }, baobao)).pointers).toEqual(['/witnesses']);
    act(p, 'refusal', { refusal_statement: '不走', persuasion_record: '劝导无效', witnesses: [{ name: '甲', person_id: 'a' }, { name: '乙', person_id: 'b' }] }, baobao);
    expect(p.data['status']).toBe('REFUSED_RECORDED');
    expect(p.tasks().map((t) => t.stepId)).toEqual(['revisit']);
    expect(notifications(p, 'TWP_CMD')).toHaveLength(1);
    host.advance('PT2H');
    expect(notifications(p, 'TWP_CMD')).toHaveLength(2);
    act(p, 'revisit', { visited_at: host.now, reaction: '同意转移' }, baobao);
    expect(p.data['status']).toBe('MOVING');
    // self-arranged stays need an address and phone
    expect(childOf(inst, 'P-HW-03').tasks().map((t) => t.stepId)).toEqual(['assignBaobao']);
    const cc = childOf(inst, 'P-HW-03');
    act(cc, 'assignBaobao', BAOBAO_FORM, v2wXiahe);
    expect(refusal(() => act(cc, 'notifyPerson', { notified_at: host.now, reaction: '投亲靠友' }, baobao)).pointers).toEqual(['/host_address']);
    act(cc, 'notifyPerson', { notified_at: host.now, reaction: '投亲靠友', host_address: '县城姑姑家', host_phone: '0830-1234567' }, baobao);
    expect(cc.data['status']).toBe('SELF_ARRANGED');
    expect(refusal(() => act(cc, 'returnSelf', { outcome: 'RETURNED', house_safety: '安全', at: host.now }, baobao)).pointers).toEqual(['/return_approval']);
    expectReplays(host, inst);
  });

  it('a warning lifted before any response closes the episode as STOOD_DOWN_NO_RESPONSE', () => {
    const host = newHost(at('2027-07-10T08:00'));
    const inst = startEpisode(host);
    act(inst, 'registerWarning', warningForm({ id: 'W-1', level: 4, colour: '蓝色', issuedAt: host.now }), duty);
    host.advance('PT3H');
    act(inst, 'warningActive', warningForm({ id: 'W-2', level: 4, colour: '蓝色', kind: '解除', supersedes: 'W-1', issuedAt: host.now }), duty);
    act(inst, 'confirmStandDown', { decision: '结束本次过程(未启动响应)' }, cmd);
    expect(inst.outcome).toBe('STOOD_DOWN_NO_RESPONSE');
    expectReplays(host, inst);
  });
});

describe('the start form: the township\'s village roster', () => {
  it('refuses an episode without a roster, or with a village that has no unit, naming the field', () => {
    const host = newHost(at('2027-07-10T08:00'));
    expect(refusal(() => host.start(episodeDef, { input: {}, actor: duty, orgUnit: TOWN }))).toEqual({ code: 'CF_ENGINE_FORM_INVALID', pointers: ['/villages'] });
    const noUnit = { villages: [{ id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe village' } }] };
    expect(refusal(() => host.start(episodeDef, { input: noUnit, actor: duty, orgUnit: TOWN }))).toEqual({ code: 'CF_ENGINE_FORM_INVALID', pointers: ['/villages/0/orgUnit'] });
    expect(startEpisode(host).data['villages']).toEqual([expect.objectContaining({ id: 'shangba', orgUnit: SHANGBA }), expect.objectContaining({ id: 'xiahe', orgUnit: XIAHE })]);
  });
});
