// Scenario tests for example D (网格化事件处置 and 三单制), domain file
// /work/shared/domain/D_grid_event_loop.md §7 (S-D1 … S-D6), plus the rules that refuse bad input.
// Calendar CN_2027, the real Ajv form validator, process B's real definition for S-D6.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';
import type { TestHost, TestInstance } from '@civicflow/engine/testing';
import { gradingForm, intakeForm, oralForm, refsOf, rightsForm, sessionForm, visitForm } from '../dispute-mediation/helpers.js';
import {
  CHENGJIAN, GAS, GRID, HUANWEI, JIAOYU, SHUIWU, gasCompany, gridHead, memberSun, memberWang, residentZhao, TOWN, VILLAGE, ZHIFA, ZIRAN, acceptForm, at, brain, chengjian, complete, eventDef, expectReplay, fileForm, gridLi,
  handledForm, huanwei, mediationDef, minutesBefore, newHost, notices, openSteps, openedSteps, orderDef, ratingForm, refusal, reportForm,
  residentChen, startEvent, supervisor, taskOf, unitRef, verifyForm, villageStation, vMed, ziran, zhifa,
} from './testkit.js';

const CJ = unitRef(CHENGJIAN, '镇城建办');
const HW = unitRef(HUANWEI, '镇环卫所');
const QSC = unitRef(VILLAGE, '青石村村委会');
const ZF = unitRef(ZHIFA, '镇综合执法队');

describe('the definitions', () => {
  it('grid-event and service-order pass validateDefinition (as publishing does), and both declare the [L] rules as fixed', () => {
    expect(validateDefinition(eventDef)).toEqual([]);
    expect(validateDefinition(orderDef)).toEqual([]);
    const law = Object.entries(eventDef.config ?? {}).filter(([, p]) => p.tag === 'L').map(([k]) => k).sort();
    expect(law).toEqual(['demands_passed_to_government', 'disputes_go_to_mediation']);
  });

  it('every form schema compiles with the real form validator (strict JSON Schema 2020-12)', () => {
    const validator = createFormValidator();
    for (const def of [eventDef, orderDef]) {
      for (const [id, f] of Object.entries(def.forms)) {
        expect(() => validator.validate(f.schema, {}), `${def.id} form ${id}`).not.toThrow();
        expect(f.title['zh-CN'].length * f.title.en.length, `${def.id} form ${id} has both titles`).toBeGreaterThan(0);
      }
    }
  });
});

// ====================================================================== S-D1
describe('S-D1 solved on the spot (当场解决, 当日销号)', () => {
  it('SELF_HANDLED → the building representative confirms 满意 → CLOSED the same day, with no BRAIN dispatch and no verifier', () => {
    const host = newHost(at('2027-03-02T09:00'));
    const inst = startEvent(host, 'GRID', gridLi);
    const report = reportForm({
      by: gridLi, name: '李网格', cls: '安全隐患', sub: '楼道堆物', title: '楼道堆放自行车和纸箱', description: '3栋2单元楼道被自行车和纸箱堵塞，影响通行和消防安全。',
      reportedAt: at('2027-03-02T09:25'), photoAt: at('2027-03-02T09:00'),
      onSpot: { afterAt: at('2027-03-02T09:20'), actions: '劝说住户当场搬走自行车和纸箱' }, contact: { actor: residentChen, name: '陈楼长' },
    });
    // the after photo must be later than the before photo
    expect(refusal(inst, 'gridReport', { ...report, after_photos: [{ file: 'att_photo_late', taken_at: at('2027-03-02T08:59') }] }, gridLi).messages).toContain('after photos');
    host.advance(at('2027-03-02T09:25'));
    complete(inst, 'gridReport', report, gridLi);

    expect(inst.data['state']).toBe('SELF_HANDLED');
    expect(openSteps(inst)).toEqual(['residentConfirm']);
    expect(taskOf(inst, 'residentConfirm').assignee).toMatchObject({ role: 'RESIDENT', orgUnit: GRID, person: 'p-res-chen' });
    expect(notices(inst, 'RESIDENT')).toEqual([expect.objectContaining({ person: 'p-res-chen', orgUnit: GRID })]);
    // the grid worker who handled it cannot confirm in the resident's place
    expect(refusal(inst, 'residentConfirm', ratingForm(host.now, residentChen, '陈楼长', '满意'), gridLi).code).toBe('CF_ENGINE_FORBIDDEN_ROLE');

    host.advance(at('2027-03-02T10:10'));
    complete(inst, 'residentConfirm', ratingForm(host.now, residentChen, '陈楼长', '满意'), residentChen);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('CLOSED');
    expect(inst.data).toMatchObject({ state: 'CLOSED', satisfaction: '满意', sla: { class: 'ON_SPOT' } });
    const closedAt = inst.history().find((e) => e.type === 'instance.ended')!.at;
    expect(closedAt.slice(0, 10)).toBe('2027-03-02'); // 当日销号
    // no dispatch, no verification, nobody at the township involved
    expect(openedSteps(inst)).toEqual(['gridReport', 'residentConfirm']);
    expect(notices(inst, 'BRAIN')).toEqual([]);
    expectReplay(host, inst);
  });
});

// ====================================================================== S-D2
/** A broken street light reported Mon 2027-03-01 10:00, filed at 11:00 as GENERAL for 镇城建办, accepted at 11:30. */
function streetLight(): { host: TestHost; inst: TestInstance } {
  const host = newHost(at('2027-03-01T10:00'));
  const inst = startEvent(host, 'GRID', gridLi);
  complete(inst, 'gridReport', reportForm({
    by: gridLi, name: '李网格', cls: '公共设施', sub: '路灯损坏', title: '村道路灯不亮', description: '青石村3组村道两盏路灯连续三晚不亮，夜间行人摔倒风险。',
    reportedAt: at('2027-03-01T10:00'), photoAt: at('2027-03-01T09:50'), contact: { actor: residentChen, name: '陈楼长' },
  }), gridLi);
  expect(openSteps(inst)).toEqual(['triage']);
  expect(taskOf(inst, 'triage').assignee).toMatchObject({ role: 'BRAIN', orgUnit: TOWN });
  expect(taskOf(inst, 'triage').dueAt).toBe(at('2027-03-01T14:00')); // GENERAL: dispatch within 4 hours
  host.advance(at('2027-03-01T11:00'));
  complete(inst, 'triage', fileForm(CJ, 'GENERAL'), brain);
  host.advance(at('2027-03-01T11:30'));
  complete(inst, 'accept', acceptForm(host.now, chengjian, '钱工'), chengjian);
  return { host, inst };
}

describe('S-D2 dispatched, overdue, yellow card', () => {
  it('yellow card at Thu 03-04 11:00 (SUPERVISOR and the unit told), still IN_PROGRESS; late feedback, verified by the grid worker, rated 满意, CLOSED with overdue = true', () => {
    const { host, inst } = streetLight();
    expect(inst.data['sla']).toMatchObject({ class: 'GENERAL', due_at: at('2027-03-04T11:00'), red_at: at('2027-03-05T23:00') });
    expect(inst.data['state']).toBe('IN_PROGRESS');
    expect(taskOf(inst, 'handleReport').assignee).toMatchObject({ role: 'HANDLER', orgUnit: CHENGJIAN });

    host.advance(at('2027-03-04T10:59'));
    expect(inst.data['overdue']).toBe(false);
    host.advance(at('2027-03-04T11:00'));
    expect(inst.data['overdue']).toBe(true);
    expect(inst.data['state']).toBe('IN_PROGRESS'); // overdue is a flag, not a state
    const yellow = notices(inst).filter((n) => n.message['zh-CN'].startsWith('黄牌'));
    expect(yellow.map((n) => [n.role, n.orgUnit])).toEqual([['SUPERVISOR', TOWN], ['HANDLER', CHENGJIAN]]);
    expect(openSteps(inst)).toEqual(['countyCallFromProgress', 'handleReport', 'requestReturnOrExtension']);

    // feedback on 03-05 09:00, before the red card (03-05 23:00)
    host.advance(at('2027-03-05T09:00'));
    complete(inst, 'handleReport', handledForm(host.now, chengjian, '钱工', CJ, { actions: '更换路灯灯头两只' }), chengjian);
    expect(inst.data['state']).toBe('HANDLED');
    expect(taskOf(inst, 'verify').assignee).toMatchObject({ role: 'GRID', orgUnit: GRID });
    // 监管分离: somebody of 城建办 cannot verify, even holding the grid role
    const cjWithGridRole = { ...chengjian, roles: ['HANDLER', 'GRID'], orgUnit: GRID };
    expect(refusal(inst, 'verify', verifyForm(host.now, cjWithGridRole, '钱工'), cjWithGridRole).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    complete(inst, 'verify', verifyForm(at('2027-03-05T15:00'), gridLi, '李网格'), gridLi);
    expect(inst.data['state']).toBe('RATING');
    expect(notices(inst, 'RESIDENT').at(-1)).toMatchObject({ person: 'p-res-chen' });
    host.advance(at('2027-03-05T23:30'));
    expect(notices(inst).filter((n) => n.message['zh-CN'].startsWith('红牌'))).toEqual([]); // the SLA clock stopped at HANDLED
    complete(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '满意'), residentChen);
    expect(inst.outcome).toBe('CLOSED');
    expect(inst.data).toMatchObject({ state: 'CLOSED', satisfaction: '满意', overdue: true }); // counted late in the statistics
    expectReplay(host, inst);
  });

  it('without feedback the red card comes at 03-05 23:00 (+50%) and the supervisor gets a 督办 task; a forced re-dispatch restarts the clock for the new unit', () => {
    const { host, inst } = streetLight();
    host.advance(at('2027-03-05T22:59'));
    expect(openSteps(inst)).not.toContain('supervise');
    host.advance(at('2027-03-05T23:00'));
    expect(notices(inst).filter((n) => n.message['zh-CN'].startsWith('红牌')).map((n) => [n.role, n.orgUnit])).toEqual([['SUPERVISOR', TOWN], ['HANDLER', CHENGJIAN]]);
    expect(taskOf(inst, 'supervise').assignee).toMatchObject({ role: 'SUPERVISOR', orgUnit: TOWN });
    complete(inst, 'supervise', { card: '红牌', action: '约谈', note: '约谈城建办负责人' }, supervisor);
    complete(inst, 'supervise', { card: '红牌', action: '强制改派', note: '改由综合执法队处置' }, supervisor);
    expect(openSteps(inst)).toEqual(['redispatch']);
    host.advance(at('2027-03-06T09:00'));
    complete(inst, 'redispatch', { lead: ZF }, brain);
    expect(inst.data['sla']).toMatchObject({ due_at: at('2027-03-09T09:00'), yellow_sent: false, red_sent: false });
    expect(taskOf(inst, 'accept').assignee).toMatchObject({ orgUnit: ZHIFA });
    expect(inst.data['overdue']).toBe(true);
    expectReplay(host, inst);
  });
});

// ====================================================================== S-D3
describe('S-D3 resident dissatisfied twice', () => {
  it('reopens once with half the SLA, then SUPERVISOR_REVIEW → CLOSED_WITH_DISSENT, counted as 不满意 with the other channels told', () => {
    const host = newHost(at('2027-03-08T08:00'));
    const inst = startEvent(host, 'RESIDENT', residentChen);
    complete(inst, 'residentReport', reportForm({
      by: residentChen, name: '陈楼长', cls: '市容环境', sub: '垃圾清运', title: '垃圾站周边垃圾未清运', description: '小区东门垃圾站周边垃圾堆积两天，气味很大。', reportedAt: at('2027-03-08T08:00'),
    }), residentChen);
    complete(inst, 'triage', fileForm(HW, 'GENERAL'), brain);
    complete(inst, 'accept', acceptForm(host.now, huanwei, '杨站长'), huanwei);
    host.advance(at('2027-03-08T16:00'));
    complete(inst, 'handleReport', handledForm(host.now, huanwei, '杨站长', HW, { actions: '清运垃圾并冲洗地面' }), huanwei);
    complete(inst, 'verify', verifyForm(host.now, gridLi, '李网格'), gridLi);
    // 不满意 needs a reason
    expect(refusal(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '不满意'), residentChen).code).toBe('CF_ENGINE_FORM_INVALID');
    host.advance(at('2027-03-08T18:00'));
    complete(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '不满意', '气味仍在'), residentChen);

    // REOPENED: same handler, no new acceptance, new due time = half of 72 h
    expect(inst.data).toMatchObject({ reopen_count: 1, state: 'REOPENED', sla: { due_at: at('2027-03-10T06:00') } });
    expect(openSteps(inst)).toEqual(['countyCallFromProgress', 'handleReport', 'requestReturnOrExtension']);
    expect(notices(inst, 'HANDLER').at(-1)).toMatchObject({ orgUnit: HUANWEI });
    host.advance(at('2027-03-09T10:00'));
    complete(inst, 'handleReport', handledForm(host.now, huanwei, '杨站长', HW, { actions: '再次清运并喷洒除臭剂' }), huanwei);
    complete(inst, 'verify', verifyForm(host.now, gridLi, '李网格'), gridLi);
    complete(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '不满意', '气味仍在'), residentChen);

    expect(inst.data).toMatchObject({ reopen_count: 2, state: 'SUPERVISOR_REVIEW' });
    expect(openSteps(inst)).toEqual(['supervisorReview']);
    expect(notices(inst, 'SUPERVISOR').at(-1)).toMatchObject({ orgUnit: TOWN });
    // closing with dissent must tell the resident about other channels
    const review = { decision: '不满意结案', reason: '气味源于垃圾中转站选址，迁址超出镇级权限，已向县城管局反映。' };
    expect(refusal(inst, 'supervisorReview', review, supervisor).code).toBe('CF_ENGINE_FORM_INVALID');
    complete(inst, 'supervisorReview', { ...review, channels_told: ['人大代表联络站', '12345热线'] }, supervisor);

    expect(inst.outcome).toBe('CLOSED_WITH_DISSENT');
    expect(inst.data).toMatchObject({ satisfaction: '不满意', review: { channels_told: ['人大代表联络站', '12345热线'] } });
    expect(notices(inst, 'RESIDENT').at(-1)).toMatchObject({ person: 'p-res-chen', message: { 'zh-CN': expect.stringContaining('其他反映渠道') } });
    expectReplay(host, inst);
  });
});

// ====================================================================== S-D4
/** Illegal land occupation in 青石村, filed Tue 2027-03-09 09:30 as COMPLEX with the village as lead, accepted at 10:00. */
function landCase(cls = 'COMPLEX', lead = QSC): { host: TestHost; inst: TestInstance } {
  const host = newHost(at('2027-03-09T09:00'));
  const inst = startEvent(host, 'GRID', gridLi);
  complete(inst, 'gridReport', reportForm({
    by: gridLi, name: '李网格', cls: '违法建设', sub: '违法占地', title: '企业占用耕地堆放建材', description: '某建材企业在青石村5组耕地上堆放砂石并硬化地面，约2亩。',
    reportedAt: at('2027-03-09T09:00'), photoAt: at('2027-03-09T08:40'),
  }), gridLi);
  host.advance(at('2027-03-09T09:30'));
  complete(inst, 'triage', fileForm(lead, cls), brain);
  host.advance(at('2027-03-09T10:00'));
  complete(inst, 'accept', acceptForm(host.now, villageStation, '徐主任'), villageStation);
  return { host, inst };
}
const returnTo = (owner: { unit: string; name: string }, basis: string) => ({ kind: '退单', reason: '非本单位职责', suggested_owner: owner, basis });

describe('S-D4 return to the township brain and a county call (乡呼县应)', () => {
  it('the village returns it, BRAIN approves within 4 working hours and calls the county: COUNTY_CALLED with its own SLA, the event stays open in the township', () => {
    const { host, inst } = landCase();
    expect(inst.data['sla']).toMatchObject({ class: 'COMPLEX', due_at: at('2027-03-16T09:30') }); // 7 days
    host.advance(at('2027-03-09T11:00'));
    // a return names the true owner and its basis
    expect(refusal(inst, 'requestReturnOrExtension', { kind: '退单', reason: '非本单位职责' }, villageStation).code).toBe('CF_ENGINE_FORM_INVALID');
    complete(inst, 'requestReturnOrExtension', returnTo(unitRef(ZIRAN, '县自然资源局'), '违法占地查处属自然资源部门职责(土地管理法第六十七条)'), villageStation);
    expect(inst.data).toMatchObject({ state: 'RETURN_REQUESTED', return_count: 1 });
    expect(openSteps(inst)).toEqual(['brainDecide']);
    expect(taskOf(inst, 'brainDecide').dueAt).toBe(at('2027-03-09T15:00')); // 4 working hours (counted as clock time)
    host.advance(at('2027-03-09T13:00'));
    // approving a return needs 改派 or 乡呼县应
    expect(refusal(inst, 'brainDecide', { approval: '同意', note: '属县自然资源局职责' }, brain).code).toBe('CF_ENGINE_CHECK_FAILED');
    complete(inst, 'brainDecide', { approval: '同意', note: '属县自然资源局职责，发起乡呼县应', then: '乡呼县应' }, brain);
    expect(openSteps(inst)).toEqual(['countyCall']);
    complete(inst, 'countyCall', { called_dept: unitRef(ZIRAN, '县自然资源局'), responsibility_basis: '县自然资源局权责清单：违法占地查处', request: '请依法查处青石村5组企业违法占用耕地' }, brain);

    expect(inst.data['state']).toBe('COUNTY_CALLED');
    expect(inst.status).toBe('active'); // the event stays open in the township
    expect(taskOf(inst, 'countyAccept').assignee).toMatchObject({ role: 'COUNTY_DEPT', orgUnit: ZIRAN });
    expect(taskOf(inst, 'countyAccept').dueAt).toBe(at('2027-03-11T00:00')); // 1 working day: end of Wed 03-10
    const acceptTimer = Object.values(inst.snapshot.context.timers).find((x) => x.stepId === 'countyAccept')!;
    expect(acceptTimer.basis.en).toContain('1 working day');
    host.advance(at('2027-03-10T16:00'));
    complete(inst, 'countyAccept', { accepted_at: host.now, contact: { person_id: 'p-zr-lu', name: '陆科长' } }, ziran);
    expect(taskOf(inst, 'countyHandle').dueAt).toBe(at('2027-03-18T00:00')); // 5 working days: end of Wed 03-17
    // not handled in 5 working days: the county supervisor and BRAIN are told, the event is overdue and still open
    host.advance(at('2027-03-18T00:00'));
    expect(notices(inst, 'SUPERVISOR').at(-1)).toMatchObject({ orgUnit: 'county:huaxi' });
    expect(inst.data['overdue']).toBe(true);
    host.advance(at('2027-03-18T10:00'));
    complete(inst, 'countyHandle', { handled_at: host.now, result: '已解决', actions: '立案查处，责令企业恢复耕地原状', photos: [] }, ziran);
    // verification: the grid worker, not the county department
    complete(inst, 'verify', verifyForm(at('2027-03-18T15:00'), gridLi, '李网格'), gridLi);
    expect(inst.data['feedback_text']).toBe('立案查处，责令企业恢复耕地原状');
    expect(inst.outcome).toBe('CLOSED_UNRATED'); // a grid worker's report without a resident contact is not rated
    expectReplay(host, inst);
  });

  it('a third return attempt on the same event, by any unit, goes to SUPERVISOR instead of BRAIN (推诿)', () => {
    const { host, inst } = landCase('GENERAL');
    complete(inst, 'requestReturnOrExtension', returnTo(ZF, '违法建设查处属综合执法'), villageStation);
    complete(inst, 'brainDecide', { approval: '同意', note: '改派综合执法', then: '改派', new_lead: ZF }, brain);
    expect(taskOf(inst, 'accept').assignee).toMatchObject({ orgUnit: ZHIFA });
    complete(inst, 'accept', acceptForm(host.now, zhifa, '冯队长'), zhifa);
    complete(inst, 'requestReturnOrExtension', returnTo(CJ, '建材堆放属城建管理'), zhifa);
    complete(inst, 'brainDecide', { approval: '同意', note: '改派城建办', then: '改派', new_lead: CJ }, brain);
    complete(inst, 'accept', acceptForm(host.now, chengjian, '钱工'), chengjian);
    complete(inst, 'requestReturnOrExtension', returnTo(QSC, '属村级属地管理'), chengjian);

    expect(inst.data).toMatchObject({ return_count: 3, state: 'RETURN_REQUESTED' });
    expect(openSteps(inst)).toEqual(['supervisorReturn']);
    expect(taskOf(inst, 'supervisorReturn').assignee).toMatchObject({ role: 'SUPERVISOR', orgUnit: TOWN });
    expect(notices(inst, 'SUPERVISOR').at(-1)!.message['zh-CN']).toContain('第三次退单');
    complete(inst, 'supervisorReturn', { approval: '不同意', note: '城建办牵头处置，不得再退' }, supervisor);
    expect(taskOf(inst, 'handleReport').assignee).toMatchObject({ orgUnit: CHENGJIAN }); // same unit, already accepted
    expectReplay(host, inst);
  });

  it('extensions (D9): GENERAL at most +4 days and only with BRAIN\'s approval, which moves the due time', () => {
    const { host, inst } = landCase('GENERAL');
    expect(inst.data['sla']).toMatchObject({ due_at: at('2027-03-12T09:30') });
    const extension = (due: string) => ({ kind: '延期', reason: '需等待企业提交用地材料', new_due_at: due });
    expect(refusal(inst, 'requestReturnOrExtension', extension(at('2027-03-16T09:31')), villageStation).messages).toContain('beyond the class cap');
    complete(inst, 'requestReturnOrExtension', extension(at('2027-03-15T18:00')), villageStation);
    expect(inst.data['state']).toBe('EXTENSION_REQUESTED');
    host.advance(at('2027-03-09T15:01'));
    expect(notices(inst, 'SUPERVISOR').at(-1)!.message.en).toContain('not decided in time');
    complete(inst, 'brainDecide', { approval: '同意', note: '同意延期' }, brain);
    expect(inst.data['sla']).toMatchObject({ due_at: at('2027-03-15T18:00'), red_at: at('2027-03-17T06:00') });
    host.advance(at('2027-03-12T12:00'));
    expect(inst.data['overdue']).toBe(false); // the old due time passed without a yellow card
    expectReplay(host, inst);
  });
});

// ====================================================================== S-D5
const ZHAO = { person_id: 'p-res-zhao', name: '赵奶奶' };
function placeOrder(host: TestHost, wish: string, description: string, from: string, to: string): TestInstance {
  const inst = host.start(orderDef, { input: {}, actor: residentZhao, orgUnit: GRID });
  complete(inst, 'order', { resident: ZHAO, wish_type: wish, description, preferred_from: from, preferred_to: to, est_value: 30, involves_cash: false, address: '青石村3组12号' }, residentZhao);
  expect(inst.data['state']).toBe('ORDER_PLACED');
  expect(taskOf(inst, 'vet').assignee).toMatchObject({ role: 'GRID_HEAD', orgUnit: GRID });
  return inst;
}
const vet = (decision: string, extra: Record<string, unknown> = {}) => ({ vetted_by: { person_id: 'p-gridhead-zhou', name: '周书记' }, licensed_work: '无', decision, ...extra });
const claimForm = (member: { person_id: string; name: string }, homeUnit: string, promised: string, when: string, extra: Record<string, unknown> = {}) => ({
  member, registered_unit: VILLAGE, registration_status: '在册', home_unit: unitRef(homeUnit, '报到单位党组织'), promised_date: promised, claimed_at: when, ...extra,
});
const WANG = { person_id: 'p-pm-wang', name: '王党员' };
const SUN = { person_id: 'p-pm-sun', name: '孙党员' };

describe('S-D5 三单制 with vetting and fallback', () => {
  it('(a) a new gas hose needs licensed gas work: CONVERTED_TO_EVENT, a 安全隐患 event for 燃气公司, URGENT; the order closes when the event does', () => {
    const host = newHost(at('2027-03-08T09:00'));
    const order = placeOrder(host, '小修小补', '灶台燃气软管老化开裂，想换一根新的', '2027-03-08', '2027-03-09');
    // licensed work cannot be published to Party members
    expect(refusal(order, 'vet', vet('发布认领', { licensed_work: '燃气' }), gridHead).messages).toContain('licence');
    complete(order, 'vet', vet('转事件处置', { licensed_work: '燃气', reason: '更换燃气软管须由持证燃气公司作业' }), gridHead);
    expect(order.data['state']).toBe('CONVERTED_TO_EVENT');
    const [event] = order.children();
    expect(event!.definition.id).toBe('grid-event');
    expect(event!.data).toMatchObject({ reporter_kind: 'ORDER', converted_from_order: order.id, order_resident: 'p-res-zhao' });
    // the vetting grid head files the event for the resident
    complete(event!, 'orderReport', reportForm({
      by: residentZhao, name: '赵奶奶', cls: '安全隐患', sub: '燃气设施老化', title: '燃气软管老化开裂', description: '独居老人家中灶台燃气软管老化开裂，有漏气风险。',
      reportedAt: host.now, urgency: '紧急',
    }), gridHead);
    expect(taskOf(event!, 'triage').dueAt).toBe(at('2027-03-08T09:30')); // URGENT: dispatch within 30 min
    complete(event!, 'triage', fileForm(unitRef(GAS, '华溪燃气公司'), 'URGENT'), brain);
    expect(event!.data['sla']).toMatchObject({ class: 'URGENT', due_at: at('2027-03-09T09:00'), accept_by: at('2027-03-08T09:30') });
    expect(taskOf(event!, 'accept').assignee).toMatchObject({ role: 'HANDLER', orgUnit: GAS });
    expect(order.status).toBe('active');

    complete(event!, 'accept', acceptForm(host.now, gasCompany, '马师傅'), gasCompany);
    host.advance(at('2027-03-08T11:00'));
    complete(event!, 'handleReport', handledForm(host.now, gasCompany, '马师傅', unitRef(GAS, '华溪燃气公司'), { actions: '更换燃气软管并检漏' }), gasCompany);
    complete(event!, 'verify', verifyForm(host.now, gridLi, '李网格'), gridLi);
    complete(event!, 'rating', ratingForm(host.now, residentZhao, '赵奶奶', '满意'), residentZhao);
    expect(event!.outcome).toBe('CLOSED');
    expect(order.outcome).toBe('CONVERTED_TO_EVENT');
    expect(order.data['event']).toMatchObject({ outcome: 'CLOSED' });
    expectReplay(host, order);
  });

  it('(b) hospital escort: published, no claim in 72 h → FALLBACK, the branch secretary assigns 王; he serves, she rates 满意 → CLOSED, points, home unit told', () => {
    const host = newHost(at('2027-03-08T09:00'));
    const order = placeOrder(host, '陪同就医', '下周二(3月16日)到县医院复诊，需要有人陪同', '2027-03-16', '2027-03-16');
    complete(order, 'vet', vet('发布认领'), gridHead);
    expect(order.data['state']).toBe('DISPATCHED_TO_POOL');
    expect(taskOf(order, 'claim')).toMatchObject({ assignee: { role: 'PM', orgUnit: VILLAGE, match: 'subtree' }, dueAt: at('2027-03-11T09:00') });
    expect(notices(order, 'PM').at(-1)).toMatchObject({ orgUnit: VILLAGE });

    host.advance(at('2027-03-11T09:00'));
    expect(openSteps(order)).toEqual(['fallback']);
    expect(notices(order, 'GRID_HEAD').at(-1)!.message['zh-CN']).toContain('72小时无人认领');
    // the member must be registered with this community and active
    expect(refusal(order, 'fallback', claimForm(WANG, SHUIWU, '2027-03-16', host.now, { registration_status: '已注销' }), gridHead).code).toBe('CF_ENGINE_CHECK_FAILED');
    expect(refusal(order, 'fallback', claimForm(WANG, SHUIWU, '2027-03-19', host.now), gridHead).messages).toContain('within 7 days');
    complete(order, 'fallback', claimForm(WANG, SHUIWU, '2027-03-16', host.now), gridHead);
    expect(taskOf(order, 'serve').assignee).toMatchObject({ role: 'PM', person: 'p-pm-wang' });

    host.advance(at('2027-03-16T12:00'));
    complete(order, 'serve', { served_at: at('2027-03-16T11:30'), note: '陪同赵奶奶到县医院复诊并送回家' }, memberWang);
    expect(order.data['state']).toBe('SERVED');
    // the claimant cannot also rate (王 lives in the grid too)
    expect(refusal(order, 'rate', { ...ratingForm(host.now, residentZhao, '赵奶奶', '满意'), rated_by: '亲属代评', relation: '邻居' }, memberWang).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    complete(order, 'rate', ratingForm(host.now, residentZhao, '赵奶奶', '满意'), residentZhao);
    expect(order.outcome).toBe('CLOSED');
    expect(order.data).toMatchObject({ state: 'CLOSED', points_awarded: 10 });
    expect(notices(order, 'HOME_UNIT')).toEqual([expect.objectContaining({ orgUnit: SHUIWU, message: expect.objectContaining({ 'zh-CN': expect.stringContaining('已记积分') }) })]);
    expectReplay(host, order);
  });

  it('(c) a member who claimed but did not serve by the promised date → RELEASED back to the pool, and his home unit is informed', () => {
    const host = newHost(at('2027-03-08T09:00'));
    const order = placeOrder(host, '代购代办', '帮忙代买一周的常用药', '2027-03-08', '2027-03-10');
    complete(order, 'vet', vet('发布认领'), gridHead);
    // members claim for themselves
    expect(refusal(order, 'claim', claimForm(WANG, SHUIWU, '2027-03-10', host.now), memberSun).messages).toContain('claim for themselves');
    complete(order, 'claim', claimForm(SUN, JIAOYU, '2027-03-10', host.now), memberSun);
    expect(taskOf(order, 'serve')).toMatchObject({ assignee: { person: 'p-pm-sun' }, dueAt: at('2027-03-11T00:00') });
    host.advance(at('2027-03-11T00:00'));
    expect(order.data).toMatchObject({ state: 'DISPATCHED_TO_POOL', release_count: 1, released: ['p-pm-sun'], claim_deadline: at('2027-03-14T00:00') });
    expect(openSteps(order)).toEqual(['claim']);
    expect(notices(order, 'HOME_UNIT')).toEqual([expect.objectContaining({ orgUnit: JIAOYU })]);
    expectReplay(host, order);
  });
});

// ====================================================================== S-D6
describe('S-D6 dispute handed to B', () => {
  it('LINKED_CASE_OPEN with a B case (source 网格员上报); when B is RESOLVED the event goes to FEEDBACK with B\'s outcome, then to rating', () => {
    const host = newHost(at('2027-03-10T08:30'));
    const inst = startEvent(host, 'GRID', gridLi);
    const report = reportForm({
      by: gridLi, name: '李网格', cls: '矛盾纠纷', sub: '邻里纠纷', title: '两户因排水沟争吵', description: '张、李两户因房后排水沟疏通改道发生争吵，情绪激动。',
      reportedAt: at('2027-03-10T08:30'), photoAt: at('2027-03-10T08:20'), contact: { actor: residentChen, name: '陈楼长' },
    });
    complete(inst, 'gridReport', report, gridLi);
    expect(inst.data['state']).toBe('LINKED_CASE_OPEN');
    expect(openedSteps(inst)).not.toContain('triage'); // never dispatched as a grid task (人民调解法 Art 17)
    const start = inst.effects().find((e) => e.type === 'subprocess.start');
    expect(start).toMatchObject({ definitionId: 'dispute-mediation', orgUnit: VILLAGE, input: { filed_with: 'VILLAGE', grid_event_ref: inst.id } });
    const [b] = inst.children();
    expect(b!.tasks().map((x) => x.stepId)).toEqual(['intake']); // the host shows B's status through the child

    const intake = intakeForm('2027-03-10', { source: '网格员上报', grid_event_ref: inst.id });
    complete(b!, 'intake', intake, vMed);
    complete(b!, 'rightsNotice', rightsForm(refsOf(intake), '2027-03-10'), vMed);
    complete(b!, 'grading', gradingForm(at('2027-03-10T10:00')), vMed);
    complete(b!, 'vSession', sessionForm(at('2027-03-10T15:00'), '达成协议', { agreement_form: '口头' }), vMed);
    complete(b!, 'vOral', oralForm('2027-03-10', refsOf(intake)), vMed);
    expect(inst.data['state']).toBe('LINKED_CASE_OPEN');
    host.advance(at('2027-03-12T09:00'));
    complete(b!, 'followUp', visitForm('2027-03-12', '已全部履行'), vMed);
    expect(b!.outcome).toBe('RESOLVED');

    expect(inst.data).toMatchObject({ state: 'RATING', feedback_text: '人民调解结果：RESOLVED', linked_case: { outcome: 'RESOLVED' } });
    expect(notices(inst, 'RESIDENT').at(-1)).toMatchObject({ person: 'p-res-chen' });
    complete(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '基本满意'), residentChen);
    expect(inst.outcome).toBe('CLOSED');
    expect(inst.data['satisfaction']).toBe('基本满意');
    expectReplay(host, inst);
  });

  it('[L] a dispute is never a grid task: reported as one it goes to B at once; found by the centre it is handed to B; the rule cannot be switched off for a case', () => {
    const host = newHost(at('2027-03-10T08:30'));
    const inst = startEvent(host, 'RESIDENT', residentChen);
    complete(inst, 'residentReport', reportForm({
      by: residentChen, name: '陈楼长', cls: '民生诉求', sub: '其他诉求', title: '邻居排水沟问题', description: '邻居改了排水沟，雨天水流到我家门口，双方争吵。', reportedAt: host.now,
    }), residentChen);
    expect(openSteps(inst)).toEqual(['triage']);
    complete(inst, 'triage', { decision: '转B调解', sla_class: 'GENERAL' }, brain);
    expect(inst.data['state']).toBe('LINKED_CASE_OPEN');
    expect(inst.children().map((c) => [c.definition.id, c.snapshot.context.case.orgUnit])).toEqual([['dispute-mediation', VILLAGE]]);
    expect(() => host.start(eventDef, { input: { reporter_kind: 'GRID' }, actor: gridLi, orgUnit: GRID, config: { disputes_go_to_mediation: false } })).toThrow(/CF_ENGINE_CONFIG_LAW_FIXED/);
  });
});

// ====================================================================== co-handling and the rules
describe('co-handling (协同处置, §5.2) and the rules that refuse bad input', () => {
  it('a blocked fire lane: the lead reports, waives the property company\'s part with a reason, the other co-handler is late on its own and reports; then verification', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const inst = startEvent(host, 'GRID', gridLi);
    complete(inst, 'gridReport', reportForm({
      by: gridLi, name: '李网格', cls: '安全隐患', sub: '消防通道堵塞', title: '老旧小区消防通道被占', description: '老旧小区消防通道被车辆长期占用，楼道也堆放杂物。',
      reportedAt: host.now, photoAt: at('2027-03-01T08:50'), contact: { actor: residentChen, name: '陈楼长' },
    }), gridLi);
    const co = [
      { id: 'zhifa', unit: ZHIFA, title: { 'zh-CN': '镇综合执法队', en: 'township enforcement team' } },
      { id: 'wuye', unit: `${VILLAGE}/property:anju`, title: { 'zh-CN': '安居物业', en: 'Anju property company' } },
    ];
    expect(refusal(inst, 'triage', fileForm(QSC, 'GENERAL', { co_handlers: [...co, { id: 'cun', unit: VILLAGE, title: { 'zh-CN': '青石村', en: 'Qingshi village' } }] }), brain).messages).toContain('cannot be the lead');
    complete(inst, 'triage', fileForm(QSC, 'GENERAL', { co_handlers: co }), brain);
    complete(inst, 'accept', acceptForm(host.now, villageStation, '徐主任'), villageStation);
    host.advance(at('2027-03-02T10:00'));
    // only this event's co-handlers can be waived
    const waive = (unit: string) => handledForm(host.now, villageStation, '徐主任', QSC, { co_waived: [{ unit, reason: '楼道杂物已由社区组织清理，无需物业另行处置' }] });
    expect(refusal(inst, 'handleReport', waive(CHENGJIAN), villageStation).code).toBe('CF_ENGINE_CHECK_FAILED');
    complete(inst, 'handleReport', waive(`${VILLAGE}/property:anju`), villageStation);
    const coTasks = inst.tasks().filter((x) => x.stepId === 'coHandling');
    expect(coTasks.map((x) => [x.assignee.orgUnit, x.dueAt])).toEqual([[ZHIFA, at('2027-03-04T09:00')]]); // the waived property company gets none
    host.advance(at('2027-03-04T09:00'));
    expect(notices(inst, 'HANDLER').at(-1)).toMatchObject({ orgUnit: ZHIFA, message: { en: expect.stringContaining('co-handling part is overdue') } });
    expect(inst.tasks().find((x) => x.stepId === 'coHandling')!.overdue).toBe(true);
    complete(inst, 'coHandling', { status: '已完成', actions: '拖移占道车辆3辆', completed_at: host.now, handler: { person_id: 'p-zf-feng', name: '冯队长' } }, zhifa);
    expect(inst.data['co_handling']).toMatchObject({ outcome: 'approved' });
    expect(inst.data['state']).toBe('HANDLED');
    // 监管分离: nobody of a handling unit verifies; a grid worker of the village may (the village station is the unit, not its grids)
    const zhifaGrid = { ...zhifa, roles: ['GRID'], orgUnit: ZHIFA, personId: 'p-zf-other' };
    expect(refusal(inst, 'verify', verifyForm(host.now, zhifaGrid, '某队员'), zhifaGrid).code).toBe('CF_ENGINE_FORBIDDEN_ORG_UNIT');
    expect(refusal(inst, 'verify', verifyForm(host.now, { ...villageStation, personId: 'p-vs-xu' }, '徐主任'), { ...gridLi, personId: 'p-vs-xu' }).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    complete(inst, 'verify', verifyForm(host.now, gridLi, '李网格', '未解决', '通道复又被占'), gridLi);
    expect(inst.data).toMatchObject({ state: 'REOPENED', reopen_count: 1 });
    expectReplay(host, inst);
  });

  it('D1 guards: a grid worker\'s report needs a photo taken within 24 h and the location; residents cannot self-handle; 紧急 events are not crossed off on the spot', () => {
    const host = newHost(at('2027-03-02T09:00'));
    const inst = startEvent(host, 'GRID', gridLi);
    const base = reportForm({ by: gridLi, name: '李网格', cls: '市容环境', sub: '乱倒垃圾', title: '路边乱倒垃圾', description: '村道路边有人倾倒建筑垃圾。', reportedAt: host.now, photoAt: at('2027-03-02T08:00') });
    expect(refusal(inst, 'gridReport', { ...base, media: [] }, gridLi).messages).toContain('at least one photo');
    expect(refusal(inst, 'gridReport', { ...base, media: [{ file: 'att_photo_old1', taken_at: at('2027-02-28T08:00') }] }, gridLi).messages).toContain('within 24 hours');
    const { geo: _geo, ...noGeo } = base;
    expect(refusal(inst, 'gridReport', noGeo, gridLi).messages).toContain('location');
    expect(refusal(inst, 'gridReport', { ...base, subclass: '路灯损坏' }, gridLi).messages).toContain('subclass');
    expect(refusal(inst, 'gridReport', { ...base, reporter: { person_id: 'p-someone', name: '某人' } }, gridLi).messages).toContain('must be the one submitting');
    const onSpot = { ...base, handled_on_spot: true, after_photos: [{ file: 'att_photo_after', taken_at: host.now }], on_spot_actions: '清理', resident_contact: { person_id: 'p-res-chen', name: '陈' } };
    expect(refusal(inst, 'gridReport', { ...onSpot, urgency: '紧急' }, gridLi).messages).toContain('urgent events');
    expect(refusal(inst, 'gridReport', { ...onSpot, class: '违法建设', subclass: '违法搭建' }, gridLi).messages).toContain('cannot be solved on the spot');
    const byResident = startEvent(host, 'RESIDENT', residentChen);
    const residentReport = reportForm({ by: residentChen, name: '陈楼长', cls: '市容环境', sub: '乱倒垃圾', title: '路边乱倒垃圾', description: '村道路边有人倾倒建筑垃圾。', reportedAt: host.now });
    expect(refusal(byResident, 'residentReport', { ...residentReport, handled_on_spot: true, after_photos: [], on_spot_actions: '清理', resident_contact: { person_id: 'p-res-chen', name: '陈' } }, residentChen).messages).toContain('only a grid worker');
    // an anonymous resident report is not rated
    complete(byResident, 'residentReport', { ...residentReport, anonymous: true }, residentChen);
    expect(byResident.data['rater']).toBeNull();
  });

  it('the rating window: no rating in 3 days closes the event as 未评价 (not counted as satisfied); a relative may rate for the resident, stating the relation', () => {
    const { host, inst } = streetLight();
    host.advance(at('2027-03-01T16:00'));
    complete(inst, 'handleReport', handledForm(host.now, chengjian, '钱工', CJ), chengjian);
    complete(inst, 'verify', verifyForm(host.now, gridLi, '李网格'), gridLi);
    expect(taskOf(inst, 'rating').dueAt).toBe(at('2027-03-05T00:00')); // 3 days, start day not counted
    const relative = { id: 'u-res-chen-son', roles: ['RESIDENT'], orgUnit: GRID, personId: 'p-res-chen-son' };
    expect(refusal(inst, 'rating', ratingForm(host.now, residentChen, '陈楼长', '满意'), relative).messages).toContain('rates in person');
    host.advance(at('2027-03-05T00:00'));
    expect(inst.outcome).toBe('CLOSED_UNRATED');
    expect(inst.data['satisfaction']).toBe('未评价');

    const second = streetLight();
    second.host.advance(at('2027-03-01T16:00'));
    complete(second.inst, 'handleReport', handledForm(at('2027-03-01T16:00'), chengjian, '钱工', CJ), chengjian);
    complete(second.inst, 'verify', verifyForm(second.host.now, gridLi, '李网格'), gridLi);
    complete(second.inst, 'rating', { ...ratingForm(second.host.now, residentChen, '陈楼长', '满意'), rated_by: '亲属代评', relation: '儿子' }, relative);
    expect(second.inst.data).toMatchObject({ satisfaction: '满意', ratings: [expect.objectContaining({ rated_by: '亲属代评', relation: '儿子' })] });
  });

  it('D-F3: a handler\'s 无法解决 goes to the centre for review, which may call the county or feed the explanation back', () => {
    const { host, inst } = streetLight();
    host.advance(at('2027-03-02T10:00'));
    const unsolved = handledForm(host.now, chengjian, '钱工', CJ, { result: '无法解决' });
    expect(refusal(inst, 'handleReport', unsolved, chengjian).code).toBe('CF_ENGINE_FORM_INVALID'); // the basis is required
    complete(inst, 'handleReport', { ...unsolved, result_note: '该路段路灯产权属县公路局，镇无权维修' }, chengjian);
    expect(openSteps(inst)).toEqual(['unsolvedReview']);
    complete(inst, 'unsolvedReview', { decision: '说明后反馈', note: '路灯产权属县公路局，已转告该局' }, brain);
    expect(inst.data).toMatchObject({ state: 'RATING', feedback_text: '无法解决：路灯产权属县公路局，已转告该局' });
    expectReplay(host, inst);
  });

  it('[L] 突发事件应对法 Art 60: a sudden hazard reported during an active emergency response is urgent and goes to C, not into a D dispatch', () => {
    const host = newHost(at('2027-07-20T02:00'));
    const inst = startEvent(host, 'GRID', gridLi);
    const hazard = reportForm({ by: gridLi, name: '李网格', cls: '突发险情', sub: '山体滑坡迹象', title: '后山出现裂缝', description: '3组后山坡出现新裂缝并有落石。', reportedAt: host.now, urgency: '紧急' });
    expect(refusal(inst, 'gridReport', { ...hazard, active_emergency: true, urgency: '一般' }, gridLi).messages).toContain('urgent');
    complete(inst, 'gridReport', { ...hazard, active_emergency: true }, gridLi);
    expect(taskOf(inst, 'triage').dueAt).toBe(at('2027-07-20T02:30'));
    expect(refusal(inst, 'triage', fileForm(unitRef(ZHIFA, '镇值班室'), 'URGENT'), brain).messages).toContain('goes to C');
    complete(inst, 'triage', { decision: '转C应急', sla_class: 'URGENT' }, brain);
    expect(inst.data).toMatchObject({ state: 'LINKED_CASE_OPEN', linked_kind: 'C' });
    complete(inst, 'linkedEmergency', { c_incident_ref: 'QS-YJ-2027-0720-INC-03', c_outcome: '已转移坡下3户，设置警戒' }, brain);
    expect(inst.data).toMatchObject({ state: 'CLOSED', satisfaction: '未评价', feedback_text: '应急处置结果：已转移坡下3户，设置警戒' });
    expect(inst.outcome).toBe('CLOSED_UNRATED');
  });

  it('D7: an event not accepted in time reminds the unit and tells the supervisor', () => {
    const host = newHost(at('2027-03-01T10:00'));
    const inst = startEvent(host, 'GRID', gridLi);
    complete(inst, 'gridReport', reportForm({ by: gridLi, name: '李网格', cls: '公共设施', sub: '井盖缺失', title: '井盖缺失', description: '村口道路井盖缺失，夜间危险。', reportedAt: host.now, urgency: '紧急' }), gridLi);
    complete(inst, 'triage', fileForm(CJ, 'URGENT'), brain);
    expect(taskOf(inst, 'accept').dueAt).toBe(at('2027-03-01T10:30'));
    host.advance(at('2027-03-01T10:30'));
    expect(notices(inst).slice(-2).map((n) => [n.role, n.orgUnit])).toEqual([['HANDLER', CHENGJIAN], ['SUPERVISOR', TOWN]]);
    expect(taskOf(inst, 'accept').overdue).toBe(true);
  });
});
