// Scenario tests for process B (矛盾纠纷调解), domain file /work/shared/domain/B_dispute_mediation.md §7,
// plus one refusal test per [L] rule. Calendar CN_2027, the real Ajv form validator.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import {
  COUNTY, ID, TOWN, VILLAGE, complete, court, definition, expectReplay, gradingForm, intakeForm, newHost, notices, oralForm, openSteps, party,
  person, refsOf, refusal, rightsForm, riskForm, sessionForm, startVillageCase, taskOf, tCenter, terminationForm, timersOf, unit, vChair, vMed,
  visitForm,
} from './helpers.js';

type Ladder = { resolvedAt: string | null; level: string; outcome: string; rungs: { rung: string; level: string; orgUnit: string; result?: string }[] };
const ladderOf = (data: Record<string, unknown>) => data['mediation'] as Ladder;
const AT = (d: string, hm = '09:00') => `${d}T${hm}:00+08:00`;
/** The rungs the running ladder has entered so far, with their results. */
const rungsEntered = (inst: { snapshot: { context: { steps: Record<string, unknown> } } }) =>
  (inst.snapshot.context.steps['ladder'] as { visits: { rung: string; orgUnit: string; result?: string }[] }).visits.map((v) => [v.rung, v.orgUnit, v.result ?? null]);
const escalations = (inst: { effects: () => { type: string }[] }) => inst.effects().filter((e) => e.type === 'case.escalated');

describe('S-B1 village mediation times out and escalates to the township', () => {
  it('fires the one-month timer at the end of 2027-04-10, escalates with consent, and counts the case as a TOWN case', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00')));
    const refs = refsOf(intake);
    expect(openSteps(inst)).toEqual(['partyRequests', 'riskReassess', 'vSession']);
    expect(taskOf(inst, 'vSession').assignee).toMatchObject({ role: 'V_MED', orgUnit: VILLAGE });
    // internal SLA: same date next month, no rest-day rollover (04-10 is a Saturday)
    const rungTimer = timersOf(inst).find((x) => x.purpose === 'rung')!;
    expect(rungTimer.dueAt).toBe('2027-04-11T00:00:00+08:00');

    for (const d of ['2027-03-12', '2027-03-20', '2027-03-30']) {
      host.advance(AT(d));
      complete(inst, 'vSession', sessionForm(AT(d), '继续调解'), vMed);
    }
    // three sessions without progress → the chair reviews (max_sessions_before_review, [Inf])
    expect(openSteps(inst)).toContain('vReview');
    expect((inst.data['sessions'] as unknown[]).length).toBe(3);

    host.advance('2027-04-10T23:59:00+08:00');
    expect(openSteps(inst)).not.toContain('vTimeout');
    host.advance('2027-04-11T00:00:00+08:00');
    expect(openSteps(inst)).toContain('vTimeout');
    expect(openSteps(inst)).not.toContain('vReview');
    expect(notices(inst).at(-1)).toMatchObject({ role: 'V_MED_CHAIR', orgUnit: VILLAGE });

    host.advance(AT('2027-04-12'));
    // the respondent refuses to continue at village level: continuing is not possible
    const consents = [{ party_ref: 'A1', consent: true }, { party_ref: 'R1', consent: false }];
    expect(refusal(inst, 'vTimeout', { consents, decision: '继续调解' }, vChair).code).toBe('CF_ENGINE_CHECK_FAILED');
    complete(inst, 'vTimeout', { consents, decision: '提请升级', note: '被申请人不同意在村级继续调解' }, vChair);
    // ESCALATE_PROPOSED → B-F8 by the chair; without both consents there is no mediation at the town (Art 17)
    const bf8 = { from_level: 'VILLAGE', to_level: 'TOWN', to_org: '青石镇人民调解委员会', reason: '调解超期', work_done: '三次调解，未达成协议' };
    expect(refusal(inst, 'vEscalate', { ...bf8, consents }, vChair).code).toBe('CF_ENGINE_CHECK_FAILED');
    expect(refusal(inst, 'vEscalate', { ...bf8, to_level: 'COUNTY', consents: refs.map((r) => ({ party_ref: r, consent: true })) }, vChair).code).toBe('CF_ENGINE_CHECK_FAILED');
    expect(refusal(inst, 'vEscalate', { ...bf8, consents }, vMed).code).toBe('CF_ENGINE_FORBIDDEN_ROLE');
    complete(inst, 'vEscalate', { ...bf8, consents: refs.map((r) => ({ party_ref: r, consent: true })) }, vChair);

    expect(inst.effects()).toContainEqual({ type: 'case.escalated', stepId: 'ladder', fromRung: 'VILLAGE', toRung: 'TOWN', toOrgUnit: TOWN });
    expect(taskOf(inst, 'tSession').assignee).toMatchObject({ role: 'T_CENTER', orgUnit: TOWN });
    // the township's own one-month timer from its acceptance (2027-04-12 → 2027-05-12)
    const townTimer = timersOf(inst).find((x) => x.purpose === 'rung')!;
    expect(townTimer.meta).toMatchObject({ rung: 'TOWN' });
    expect(townTimer.dueAt).toBe('2027-05-13T00:00:00+08:00');
    expect(inst.snapshot.context.steps['ladder']).toMatchObject({ rung: 'TOWN' });

    host.advance(AT('2027-04-20'));
    complete(inst, 'tSession', sessionForm(AT('2027-04-20'), '达成协议', { agreement_form: '口头', place: '青石镇调解室', mediators_present: ['王调解'] }), tCenter);
    complete(inst, 'tOral', oralForm('2027-04-20', refs), tCenter);

    const ladder = ladderOf(inst.data);
    expect(ladder).toMatchObject({ resolvedAt: 'TOWN', level: 'town', outcome: 'AGREED_ORAL' });
    // the village record is kept: the history of rungs
    expect(ladder.rungs.map((r) => [r.rung, r.orgUnit, r.result])).toEqual([['VILLAGE', VILLAGE, 'escalated'], ['TOWN', TOWN, 'AGREED_ORAL']]);
    expect(inst.data['effective_date']).toBe('2027-04-20');

    // oral agreement: no judicial confirmation; the township follows up
    expect(openSteps(inst)).toEqual(['followUpTown', 'partyRequests', 'riskReassess']);
    host.advance(AT('2027-04-22'));
    complete(inst, 'followUpTown', visitForm('2027-04-22', '已全部履行', { visitor: '王调解' }), tCenter);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('RESOLVED');
    // "小事不出村" metric: this case counts as a TOWN case
    expect(inst.data['closure']).toMatchObject({ outcome: 'RESOLVED', final_level: 'TOWN', closed_on: '2027-04-22', accepted_on: '2027-03-10' });
    expectReplay(host, inst);
  });

  it('continues once with both parties’ consent, then must escalate or terminate', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00')));
    const yes = refsOf(intake).map((r) => ({ party_ref: r, consent: true }));
    host.advance('2027-04-11T08:00:00+08:00');
    complete(inst, 'vTimeout', { consents: yes, decision: '继续调解' }, vChair);
    expect(taskOf(inst, 'vSessionExt').dueAt).toBe('2027-05-12T00:00:00+08:00');
    host.advance('2027-05-12T00:00:00+08:00');
    expect(refusal(inst, 'vTimeout', { consents: yes, decision: '继续调解' }, vChair).messages).toContain('continuing by consent is allowed once');
    complete(inst, 'vTimeout', { consents: yes, decision: '终止调解' }, vChair);
    complete(inst, 'vTerminate', terminationForm('2027-05-12', refsOf(intake), '超期且不同意继续', ['向人民法院起诉']), vMed);
    expect(inst.outcome).toBe('CLOSED_TERMINATED');
    expect(ladderOf(inst.data)).toMatchObject({ resolvedAt: 'VILLAGE', outcome: 'CLOSED_TERMINATED' });
    expectReplay(host, inst);
  });
});

describe('S-B2 a party refuses mediation', () => {
  it('refusal at intake → NOT_ACCEPTED (Art 17); B-F7 lists 向人民法院起诉; no further mediation without a new consent', () => {
    const host = newHost(AT('2027-06-01'));
    const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
    const intake = intakeForm('2027-06-01', {
      source: '网格员上报', grid_event_ref: 'GRID-2027-0601-017', dispute_type: '债务', amount: 12000,
      summary: '申请人称被申请人借款一万二千元逾期未还，网格员走访时发现并上报。', respondent_position: '明确拒绝调解', voluntary_declaration: undefined,
    });
    // a grid report needs the grid event reference (B-F1 validation)
    expect(refusal(inst, 'intake', { ...intake, grid_event_ref: undefined }, vMed).code).toBe('CF_ENGINE_FORM_INVALID');
    complete(inst, 'intake', intake, vMed);
    expect(openSteps(inst)).toEqual(['notAccepted']);
    const refs = refsOf(intake);
    // Art 26 / Art 3: the court route must be named
    expect(refusal(inst, 'notAccepted', terminationForm('2027-06-01', refs, '一方拒绝调解', ['信访渠道']), vMed).messages).toContain('may sue in court');
    // Art 17: no higher-level mediation unless the refusing party consents again
    expect(refusal(inst, 'notAccepted', terminationForm('2027-06-01', refs, '一方拒绝调解', ['向人民法院起诉', '上级调解组织调解']), vMed).messages).toContain('PML Art 17');
    complete(inst, 'notAccepted', terminationForm('2027-06-01', refs, '一方拒绝调解', ['向人民法院起诉'], { referred_to: '华溪县人民法院' }), vMed);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('CLOSED_REFERRED');
    expect(inst.data['termination']).toMatchObject({ remedies: ['向人民法院起诉'] });
    expect(inst.data['mediation']).toBeUndefined(); // never mediated
    expect(inst.data['closure']).toMatchObject({ outcome: 'CLOSED_REFERRED', final_level: null });
    expect(inst.effects().some((e) => e.type === 'case.escalated')).toBe(false);
    expectReplay(host, inst);
  });

  it('refusal when the rights are explained (after acceptance) → CLOSED_TERMINATED, nothing mediated', () => {
    const host = newHost(AT('2027-06-01'));
    const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
    const intake = intakeForm('2027-06-01', { respondent_position: '尚未表态' });
    complete(inst, 'intake', intake, vMed);
    const refs = refsOf(intake);
    complete(inst, 'rightsNotice', rightsForm(refs, '2027-06-01', { consent: [{ party_ref: 'A1', decision: '同意' }, { party_ref: 'R1', decision: '拒绝' }] }), vMed);
    complete(inst, 'notAccepted', terminationForm('2027-06-01', refs, '一方拒绝调解', ['向人民法院起诉']), vMed);
    expect(inst.outcome).toBe('CLOSED_TERMINATED');
    expectReplay(host, inst);
  });

  it('refusal during mediation (REFUSED): B-F7, then escalation only with the refusing party’s new consent', () => {
    const host = newHost(AT('2027-06-01'));
    const intake = intakeForm('2027-06-01');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-06-01', '10:00')));
    const refs = refsOf(intake);
    complete(inst, 'vSession', sessionForm(AT('2027-06-01', '15:00'), '当事人拒绝/要求终止'), vMed);
    expect(refusal(inst, 'vTerminate', terminationForm('2027-06-01', refs, '当事人要求终止', ['向人民法院起诉', '上级调解组织调解']), vMed).code).toBe('CF_ENGINE_CHECK_FAILED');
    complete(inst, 'vTerminate', terminationForm('2027-06-01', refs, '当事人要求终止', ['向人民法院起诉', '上级调解组织调解'], { new_consent_to_mediation: true }), vMed);
    // the B-F8 still needs every party's consent; a "no" leaves only the court route
    const bf8 = { from_level: 'VILLAGE', to_level: 'TOWN', to_org: '青石镇人民调解委员会', reason: '当事人要求', work_done: '一次调解' };
    expect(refusal(inst, 'vEscalate', { ...bf8, consents: [{ party_ref: 'A1', consent: true }, { party_ref: 'R1', consent: false }] }, vChair).messages).toContain('PML Art 17');
    complete(inst, 'vEscalate', { ...bf8, consents: refs.map((r) => ({ party_ref: r, consent: true })) }, vChair);
    expect(openSteps(inst)).toContain('tSession');
    expect(ladderOf(inst.snapshot.context.data) ?? null).toBeNull(); // the ladder is still running
    expectReplay(host, inst);
  });
});

describe('S-B3 risk of civil-to-criminal escalation', () => {
  it('RED at the second session: police and centre notified, auto-escalation to the town, REPORT_OVERDUE, lowering only by the township centre, then RESOLVED', () => {
    const host = newHost(AT('2027-07-05'));
    const intake = intakeForm('2027-07-05', {
      dispute_type: '赡养抚养', applicants: [person('A1', '王秀英', ID.c), person('A2', '王大山', ID.a)], respondents: [person('R1', '王小川', ID.d)],
      summary: '两位老人要求儿子王小川履行赡养义务，按月支付生活费并负担医疗费用。', persons_involved: 3, households_involved: 2,
    });
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-07-05', '10:00'), { risk_indicators: ['无'], risk_colour: 'YELLOW' }));
    const refs = refsOf(intake);
    complete(inst, 'vSession', sessionForm(AT('2027-07-05', '15:00'), '继续调解', { parties_present: refs }), vMed);
    host.advance(AT('2027-07-08', '14:00'));
    complete(inst, 'vSession', sessionForm(AT('2027-07-08', '14:00'), '继续调解', { parties_present: refs, narrative: '王小川情绪激动，扬言“同归于尽”。' }), vMed);

    // the indicator calls for RED: a lower colour is refused (colours are only raised automatically)
    const assessedAt = AT('2027-07-08', '14:30');
    expect(refusal(inst, 'riskReassess', riskForm(assessedAt, ['扬言伤人/自杀'], 'ORANGE', { stabiliser: '王主任' }), vMed).code).toBe('CF_ENGINE_CHECK_FAILED');
    expect(refusal(inst, 'riskReassess', riskForm(assessedAt, ['扬言伤人/自杀'], 'RED'), vMed).messages).toContain('named stabiliser');
    host.advance(assessedAt);
    const before = inst.effects().length;
    complete(inst, 'riskReassess', riskForm(assessedAt, ['扬言伤人/自杀'], 'RED', { stabiliser: '王主任' }), vMed);
    const fresh = inst.effects().slice(before);
    // police and township centre notified at once; the case moves from the village to the town
    expect(fresh).toContainEqual(expect.objectContaining({ type: 'notify', role: 'POLICE', orgUnit: TOWN }));
    expect(fresh).toContainEqual(expect.objectContaining({ type: 'notify', role: 'T_CENTER', orgUnit: TOWN }));
    expect(fresh).toContainEqual({ type: 'case.escalated', stepId: 'ladder', fromRung: 'VILLAGE', toRung: 'TOWN', toOrgUnit: TOWN });
    expect(openSteps(inst)).toEqual(['partyRequests', 'policeReport', 'tSession']);
    // the formal report must be recorded within one hour
    expect(taskOf(inst, 'policeReport').dueAt).toBe('2027-07-08T15:30:00+08:00');

    host.advance('PT3H');
    expect(taskOf(inst, 'policeReport').overdue).toBe(true);
    expect(notices(inst).at(-1)).toMatchObject({ role: 'T_CENTER', orgUnit: TOWN });
    expect(notices(inst).at(-1)!.message.en).toContain('REPORT_OVERDUE');
    expect(inst.data['report_overdue']).toBe(true);
    // Art 25: the report cannot be skipped
    const report = { police_reported: true, reported_at: AT('2027-07-08', '17:30'), receiving_unit: '青石派出所', measures: '隔离双方，派出所民警到场' };
    expect(refusal(inst, 'policeReport', { ...report, police_reported: false }, vMed).messages).toContain('PML Art 25');
    expect(refusal(inst, 'policeReport', { ...report, reported_at: AT('2027-07-08', '14:29') }, vMed).messages).toContain('cannot precede the assessment');
    complete(inst, 'policeReport', report, vMed);
    // B-F3 reported_at − assessed_at = 180 min > SLA (60): the late report is accepted, the Art 25 breach stays recorded
    expect(inst.data).toMatchObject({ report_overdue: true, report_minutes: 180, report_breaches: 1 });
    expect(inst.data['police_reports']).toEqual([report]);

    // stabilisation with a daily reassessment by the township centre
    const stab = taskOf(inst, 'stabilise');
    expect(stab.assignee).toMatchObject({ role: 'T_CENTER', orgUnit: TOWN });
    expect(stab.dueAt).toBe('2027-07-10T00:00:00+08:00');
    // a village mediator cannot lower RED
    const lower = riskForm(AT('2027-07-09', '10:00'), ['无'], 'YELLOW', { assessor: '王主任' });
    expect(refusal(inst, 'stabilise', lower, vMed).code).toBe('CF_ENGINE_FORBIDDEN_ROLE');
    expect(refusal(inst, 'stabilise', { ...lower, risk_indicators: ['扬言伤人/自杀'] }, tCenter).code).toBe('CF_ENGINE_CHECK_FAILED');
    host.advance(AT('2027-07-09', '10:00'));
    complete(inst, 'stabilise', lower, tCenter);
    expect(inst.data['risk_colour']).toBe('YELLOW');
    expect(openSteps(inst)).toEqual(['partyRequests', 'riskReassess', 'tSession']);

    // joint mediation at the township ends in an agreement, then the visit
    complete(inst, 'tSession', sessionForm(AT('2027-07-09', '15:00'), '达成协议', { agreement_form: '口头', parties_present: refs, mediators_present: ['王调解'] }), tCenter);
    complete(inst, 'tOral', oralForm('2027-07-09', refs, { content: '王小川当场赔礼道歉并交付本月生活费。' }), tCenter);
    host.advance(AT('2027-07-12'));
    complete(inst, 'followUpTown', visitForm('2027-07-12', '已全部履行', { interviewed: refs, new_risk_colour: 'YELLOW' }), tCenter);
    expect(inst.outcome).toBe('RESOLVED');
    expect(ladderOf(inst.data)).toMatchObject({ resolvedAt: 'TOWN' });
    // a RED risk raised at the village is a real escalation: the village visit stays on record
    expect(ladderOf(inst.data).rungs.map((r) => [r.rung, r.orgUnit, r.result])).toEqual([['VILLAGE', VILLAGE, 'escalated'], ['TOWN', TOWN, 'AGREED_ORAL']]);
    expect(inst.data['closure']).toMatchObject({ final_level: 'TOWN' });
    expectReplay(host, inst);
  });

  it('REPORT_OVERDUE follows reported_at − assessed_at (B-F3): false within the hour, true after it, whatever the data-entry time', () => {
    const redCase = () => {
      const host = newHost(AT('2027-07-08', '14:30'));
      const intake = intakeForm('2027-07-08');
      const grading = gradingForm(AT('2027-07-08', '14:30'), { risk_indicators: ['扬言伤人/自杀'], risk_colour: 'RED', stabiliser: '王主任', level: 'TOWN', override_reason: '扬言同归于尽，红色风险' });
      return { host, inst: startVillageCase(host, intake, grading) };
    };
    const report = (hm: string) => ({ police_reported: true, reported_at: AT('2027-07-08', hm), receiving_unit: '青石派出所' });

    // reported and recorded within the hour: no alert, no breach
    const onTime = redCase();
    expect(taskOf(onTime.inst, 'policeReport').dueAt).toBe('2027-07-08T15:30:00+08:00');
    onTime.host.advance(AT('2027-07-08', '15:10'));
    complete(onTime.inst, 'policeReport', report('15:10'), vMed);
    expect(onTime.inst.data).toMatchObject({ report_overdue: false, report_minutes: 40, report_breaches: 0 });
    expect(notices(onTime.inst).some((n) => n.message.en.includes('REPORT_OVERDUE'))).toBe(false);
    expectReplay(onTime.host, onTime.inst);

    // exactly 60 minutes is still within the SLA
    const edge = redCase();
    edge.host.advance(AT('2027-07-08', '15:20'));
    complete(edge.inst, 'policeReport', report('15:30'), vMed);
    expect(edge.inst.data).toMatchObject({ report_overdue: false, report_minutes: 60 });

    // phoned in at 15:00 but entered at 16:00: the timer alert went out, the recorded times show the duty was met
    const lateEntry = redCase();
    lateEntry.host.advance(AT('2027-07-08', '16:00'));
    expect(lateEntry.inst.data['report_overdue']).toBe(true);
    expect(notices(lateEntry.inst).some((n) => n.message.en.includes('REPORT_OVERDUE'))).toBe(true);
    complete(lateEntry.inst, 'policeReport', report('15:00'), vMed);
    expect(lateEntry.inst.data).toMatchObject({ report_overdue: false, report_minutes: 30, report_breaches: 0 });
    expectReplay(lateEntry.host, lateEntry.inst);

    // offsets: 08:31 UTC is 16:31 in Beijing, 121 minutes after the assessment
    const utc = redCase();
    utc.host.advance(AT('2027-07-08', '16:40'));
    complete(utc.inst, 'policeReport', { ...report('16:31'), reported_at: '2027-07-08T08:31:00Z' }, vMed);
    expect(utc.inst.data).toMatchObject({ report_overdue: true, report_minutes: 121, report_breaches: 1 });
    expectReplay(utc.host, utc.inst);
  });

  it('a case closed while still ORANGE keeps a stabilisation task until the township lowers it', () => {
    const host = newHost(AT('2027-07-05'));
    const intake = intakeForm('2027-07-05');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-07-05', '10:00'), { risk_indicators: ['多次报警'], risk_colour: 'ORANGE', stabiliser: '李主任' }));
    // ORANGE at grading: the police are told and the report task is open
    expect(notices(inst)).toContainEqual(expect.objectContaining({ role: 'POLICE', orgUnit: TOWN }));
    complete(inst, 'policeReport', { police_reported: true, reported_at: AT('2027-07-05', '10:20'), receiving_unit: '青石派出所' }, vMed);
    expect(inst.data).toMatchObject({ report_overdue: false, report_minutes: 20 });
    complete(inst, 'vSession', sessionForm(AT('2027-07-05', '15:00'), '调解不成'), vMed);
    complete(inst, 'vTerminate', terminationForm('2027-07-05', refsOf(intake), '调解不成', ['向人民法院起诉']), vMed);
    expect(openSteps(inst)).toEqual(['postCloseStabilise']);
    // closed (CLOSED_TERMINATED) but still ORANGE: the township keeps a stabilisation task (§5.3)
    complete(inst, 'postCloseStabilise', riskForm(AT('2027-07-06'), ['无'], 'BLUE'), tCenter);
    expect(inst.outcome).toBe('CLOSED_TERMINATED');
    expectReplay(host, inst);
  });
});

function writtenAgreement(signedOn: string, sealedOn: string, refs: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agreement_no: '（2027）青石村调协字第3号', parties: refs, facts: '被申请人向申请人借款八千元，约定2027年3月底归还，至今未还。', issues: ['还款金额与期限'],
    responsibilities: '被申请人承担还款责任。',
    terms: [
      { obligor: 'R1', obligee: 'A1', content: '第一期还款', amount: 4000, method: '分期支付', place: '青石村村委会', due_date: '2027-06-30' },
      { obligor: 'R1', obligee: 'A1', content: '第二期还款', amount: 4000, method: '分期支付', place: '青石村村委会', due_date: '2027-07-31' },
    ],
    total_amount: 8000, copies: 3,
    party_signatures: refs.map((r) => ({ party_ref: r, method: '签名', signed_on: signedOn })),
    mediator_signature: { name: '张调解', signed_on: signedOn },
    committee_seal: { seal_id: 'QSC-TWH-01', org: '青石村人民调解委员会', sealed_on: sealedOn },
    intends_confirmation: true,
    ...over,
  };
}

function agreedDebtCase(acceptedOn: string, signedOn: string, sealedOn: string) {
  const host = newHost(AT(acceptedOn));
  const intake = intakeForm(acceptedOn, { dispute_type: '债务', amount: 8000, summary: '被申请人向申请人借款八千元，约定2027年3月底归还，至今未还。' });
  const inst = startVillageCase(host, intake, gradingForm(AT(acceptedOn, '10:00')));
  const refs = refsOf(intake);
  host.advance(AT(signedOn));
  complete(inst, 'vSession', sessionForm(AT(signedOn), '达成协议', { agreement_form: '书面' }), vMed);
  host.advance(AT(sealedOn, '16:00'));
  return { host, inst, refs };
}

const filing = (refs: string[], filedOn: string) => ({ applicants: refs, agreement_ref: '（2027）青石村调协字第3号', filed_on: filedOn, court: '华溪县人民法院青石人民法庭', attachments: ['协议书', '身份证明', '调委会证明'] });

describe('S-B4 agreement, judicial confirmation and non-performance', () => {
  it('effective_date is the later of signatures and seal; filing on day 30 (05-20) accepted, 05-21 refused; confirmed + unpaid → CLOSED_ENFORCEMENT_ADVISED', () => {
    const { host, inst, refs } = agreedDebtCase('2027-04-15', '2027-04-19', '2027-04-20');
    // Art 29: the date is not the signature date when the seal came later
    expect(refusal(inst, 'vWritten', writtenAgreement('2027-04-19', '2027-04-20', refs, { effective_date: '2027-04-19' }), vMed).messages).toContain('PML Art 29');
    // Art 29: every party signs
    expect(refusal(inst, 'vWritten', writtenAgreement('2027-04-19', '2027-04-20', refs, { party_signatures: [{ party_ref: 'A1', method: '签名', signed_on: '2027-04-19' }] }), vMed).messages).toContain('every party must sign');
    complete(inst, 'vWritten', writtenAgreement('2027-04-19', '2027-04-20', refs, { effective_date: '2027-04-20' }), vMed);
    expect(inst.data['effective_date']).toBe('2027-04-20');
    expect(ladderOf(inst.data)).toMatchObject({ resolvedAt: 'VILLAGE', outcome: 'AGREED_WRITTEN' });
    expect(inst.data['confirmation_possible']).toBe(true);
    // the window: day 1 = 04-21 … day 30 = 05-20 (Thu), ends at 24:00
    expect(taskOf(inst, 'confirmationFiling').dueAt).toBe('2027-05-21T00:00:00+08:00');
    // first visit: earlier of (07-31 + 3) and (04-20 + 30)
    expect(inst.data['followup_due']).toBe('2027-05-20');

    host.advance(AT('2027-05-20', '10:00'));
    expect(refusal(inst, 'confirmationFiling', filing(refs, '2027-05-21'), court).messages).toContain('within 30 days');
    expect(refusal(inst, 'confirmationFiling', filing(['A1'], '2027-05-20'), court).code).toBe('CF_ENGINE_FORM_INVALID'); // at least two applicants
    expect(refusal(inst, 'confirmationFiling', filing(['A1', 'X9'], '2027-05-20'), court).messages).toContain('joint application');
    complete(inst, 'confirmationFiling', filing(refs, '2027-05-20'), court);
    complete(inst, 'followUp', visitForm('2027-05-20', '未到期'), vMed);
    expect(inst.data['followup_due']).toBe('2027-08-03');
    host.advance(AT('2027-05-28'));
    complete(inst, 'confirmationRuling', { ruling: '裁定有效', ruling_no: '（2027）华溪民特12号', ruled_on: '2027-05-28' }, court);
    expect(inst.data['confirmed']).toBe(true);

    host.advance(AT('2027-08-03'));
    complete(inst, 'followUp', visitForm('2027-08-03', '部分履行', { new_risks: '第二期4000元未支付', satisfaction: '不满意' }), vMed);
    expect(inst.outcome).toBe('CLOSED_ENFORCEMENT_ADVISED');
    expect(notices(inst).at(-1)!.message['zh-CN']).toContain('强制执行');
    expect(inst.data['closure']).toMatchObject({ outcome: 'CLOSED_ENFORCEMENT_ADVISED', final_level: 'VILLAGE', judicially_confirmed: true });
    expectReplay(host, inst);
  });

  it('without confirmation the window closes after 05-20 (confirmation_possible = false, agreement still binding) → CLOSED_LITIGATION_ADVISED', () => {
    const { host, inst, refs } = agreedDebtCase('2027-04-15', '2027-04-19', '2027-04-20');
    complete(inst, 'vWritten', writtenAgreement('2027-04-19', '2027-04-20', refs), vMed);
    host.advance(AT('2027-05-20', '10:00'));
    complete(inst, 'followUp', visitForm('2027-05-20', '未到期'), vMed);
    host.advance(AT('2027-05-21'));
    // a filing on 05-21 has nowhere to go: the window is closed
    expect(openSteps(inst)).toEqual(['followUp', 'partyRequests', 'riskReassess']);
    expect(inst.data['confirmation_possible']).toBe(false);
    expect(notices(inst).at(-1)!.message.en).toContain('stays binding');
    host.advance(AT('2027-08-03'));
    complete(inst, 'followUp', visitForm('2027-08-03', '未履行'), vMed);
    expect(inst.outcome).toBe('CLOSED_LITIGATION_ADVISED');
    expect(notices(inst).at(-1)!.message.en).toContain('PML Art 32');
    expectReplay(host, inst);
  });

  it('rollover variant: effective 05-07 → day 30 is Sun 06-06 → the window ends on Mon 06-07; a filing on 06-07 is accepted', () => {
    const { host, inst, refs } = agreedDebtCase('2027-05-06', '2027-05-07', '2027-05-07');
    complete(inst, 'vWritten', writtenAgreement('2027-05-07', '2027-05-07', refs), vMed);
    expect(taskOf(inst, 'confirmationFiling').dueAt).toBe('2027-06-08T00:00:00+08:00');
    host.advance(AT('2027-06-07', '11:00'));
    expect(refusal(inst, 'confirmationFiling', filing(refs, '2027-06-08'), court).code).toBe('CF_ENGINE_CHECK_FAILED');
    complete(inst, 'confirmationFiling', filing(refs, '2027-06-07'), court);
    expect(openSteps(inst)).toContain('confirmationRuling');
    expectReplay(host, inst);
  });
});

describe('S-B5 labour dispute 15-day rule', () => {
  it('filed at the township 09-01; after day 15 (09-16) the parties are told they may apply for arbitration, the case stays open; agreement on 09-20', () => {
    const host = newHost(AT('2027-09-01'));
    const inst = host.start(definition, { actor: tCenter, input: { filed_with: 'TOWN' }, orgUnit: VILLAGE });
    const intake = intakeForm('2027-09-01', {
      dispute_type: '劳动', applicants: [person('A1', '刘强', ID.d, { occupation: '木工' })], respondents: [unit('R1', '华溪青石家具有限公司')],
      summary: '申请人在被申请人处务工，被拖欠2027年6月至8月工资共计一万五千元。', amount: 15000, registrar: '王调解',
    });
    complete(inst, 'intakeTown', intake, tCenter);
    const refs = refsOf(intake);
    complete(inst, 'rightsNoticeTown', rightsForm(refs, '2027-09-01'), tCenter);
    // labour disputes default to grade G2, handled by the township
    expect(refusal(inst, 'gradingTown', gradingForm(AT('2027-09-01', '10:00')), tCenter).messages).toContain('default needs a reason');
    complete(inst, 'gradingTown', gradingForm(AT('2027-09-01', '10:00'), { grade: 'G2', level: 'TOWN', mediators: ['王调解'] }), tCenter);
    // the party track waits for day 15 (no task yet)
    expect(openSteps(inst)).toEqual(['riskReassess', 'tSession']);
    expect(ladderOf(inst.snapshot.context.data) ?? null).toBeNull();
    expect(inst.snapshot.context.steps['ladder']).toMatchObject({ rung: 'TOWN' });
    // graded TOWN: the ladder starts at the township (startAt); no village visit, no escalation from the village
    expect(rungsEntered(inst)).toEqual([['TOWN', TOWN, null]]);
    expect(escalations(inst)).toEqual([]);

    host.advance(AT('2027-09-08'));
    complete(inst, 'tSession', sessionForm(AT('2027-09-08'), '继续调解', { place: '青石镇调解室', mediators_present: ['王调解'] }), tCenter);
    host.advance('2027-09-16T23:59:00+08:00');
    expect(notices(inst).some((n) => n.message.en.includes('LDMAL Art 14'))).toBe(false);
    host.advance('2027-09-17T00:00:00+08:00');
    const b14 = notices(inst).filter((n) => n.message.en.includes('LDMAL Art 14'));
    expect(b14.map((n) => n.role).sort()).toEqual(['PARTY', 'T_CENTER']);
    expect(b14.find((n) => n.role === 'PARTY')!.message['zh-CN']).toContain('申请劳动争议仲裁');
    expect(inst.status).toBe('active'); // not forced closed
    expect(inst.data['labour_arbitration_open']).toBe(true);
    expect(openSteps(inst)).toEqual(['partyRequests', 'riskReassess', 'tSession']);

    host.advance(AT('2027-09-20'));
    complete(inst, 'tSession', sessionForm(AT('2027-09-20'), '达成协议', { agreement_form: '书面', place: '青石镇调解室', mediators_present: ['王调解'] }), tCenter);
    const before = inst.effects().length;
    complete(inst, 'tWritten', {
      agreement_no: '（2027）青石镇调协字第41号', parties: refs, facts: '被申请人拖欠申请人工资一万五千元。', issues: ['欠薪数额与支付期限'], responsibilities: '被申请人承担支付责任。',
      terms: [{ obligor: 'R1', obligee: 'A1', content: '支付拖欠工资', amount: 15000, method: '一次性支付', place: '青石镇司法所', due_date: '2027-09-30' }],
      total_amount: 15000, copies: 3,
      party_signatures: [{ party_ref: 'A1', method: '按指印', signed_on: '2027-09-20' }, { party_ref: 'R1', method: '盖章', signed_on: '2027-09-20' }],
      mediator_signature: { name: '王调解', signed_on: '2027-09-20' }, committee_seal: { seal_id: 'QSZ-TWH-01', org: '青石镇人民调解委员会', sealed_on: '2027-09-20' },
    }, tCenter);
    expect(ladderOf(inst.data)).toMatchObject({ resolvedAt: 'TOWN', outcome: 'AGREED_WRITTEN' });
    expect(ladderOf(inst.data).rungs.map((r) => [r.rung, r.orgUnit, r.result])).toEqual([['TOWN', TOWN, 'AGREED_WRITTEN']]);
    expect(escalations(inst)).toEqual([]);
    const art16 = inst.effects().slice(before).find((e) => e.type === 'notify') as { role: string; message: { 'zh-CN': string } } | undefined;
    expect(art16).toMatchObject({ role: 'PARTY' });
    expect(art16!.message['zh-CN']).toContain('支付令');
    expectReplay(host, inst);
  });

  it('the party may elect labour arbitration (and only in a labour case); the B-F7 then must name labour arbitration', () => {
    const host = newHost(AT('2027-09-01'));
    const inst = host.start(definition, { actor: tCenter, input: { filed_with: 'TOWN' }, orgUnit: VILLAGE });
    const intake = intakeForm('2027-09-01', { dispute_type: '劳动', respondents: [unit('R1', '华溪青石家具有限公司')] });
    complete(inst, 'intakeTown', intake, tCenter);
    complete(inst, 'rightsNoticeTown', rightsForm(refsOf(intake), '2027-09-01'), tCenter);
    complete(inst, 'gradingTown', gradingForm(AT('2027-09-01', '10:00'), { grade: 'G2', level: 'TOWN' }), tCenter);
    host.advance(AT('2027-09-20'));
    complete(inst, 'tSession', sessionForm(AT('2027-09-20'), '调解不成'), tCenter);
    expect(refusal(inst, 'tTerminate', terminationForm('2027-09-20', refsOf(intake), '调解不成', ['向人民法院起诉']), tCenter).messages).toContain('labour arbitration');
    complete(inst, 'tTerminate', terminationForm('2027-09-20', refsOf(intake), '调解不成', ['向人民法院起诉', '申请劳动仲裁']), tCenter);
    expect(inst.outcome).toBe('CLOSED_TERMINATED');
    expectReplay(host, inst);
  });
});

describe('[L] rules refuse bad input; the definition is valid', () => {
  it('validateDefinition reports no errors and no warnings', () => {
    expect(validateDefinition(definition)).toEqual([]);
  });

  it('process.json is what build-process.mjs generates (edit the generator, then run it)', async () => {
    const generator = './build-process.mjs';
    const { buildDefinition } = (await import(generator)) as { buildDefinition: () => unknown };
    expect(definition).toEqual(buildDefinition());
  });

  it('statutory parameters (labour 15 days, confirmation 30 days) cannot be configured away', () => {
    const host = newHost(AT('2027-03-10'));
    expect(definition.config!['labour_no_agreement_days']).toMatchObject({ value: 15, tag: 'L' });
    expect(definition.config!['confirmation_window_days']).toMatchObject({ value: 30, tag: 'L' });
    for (const key of ['labour_no_agreement_days', 'confirmation_window_days']) {
      expect(() => host.start(definition, { actor: vMed, input: {}, config: { [key]: 60 } })).toThrow(/fixed by law|CF_ENGINE_CONFIG_LAW_FIXED/);
    }
  });

  it('Art 4: mediation is free — no form has a fee field', () => {
    expect(JSON.stringify(definition.forms)).not.toMatch(/fee|费用|收费/);
  });

  it('B2: parties are identified by valid ID numbers / USCC; nobody on both sides', () => {
    const host = newHost(AT('2027-03-10'));
    const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { applicants: [person('A1', '张三', ID.bad)] }), vMed).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { respondents: [unit('R1', '某公司', { uscc: '91110101MA00000019' })] }), vMed).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { respondents: [person('R1', '李四', ID.d, { phone: '12345' })] }), vMed).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { respondents: [person('R1', '张三', ID.a)] }), vMed).messages).toContain('both sides');
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { summary: '太短' }), vMed).code).toBe('CF_ENGINE_FORM_INVALID');
    expect(refusal(inst, 'intake', intakeForm('2027-03-10', { applicants: [person('A1', '张三3', ID.a)] }), vMed).code).toBe('CF_ENGINE_FORM_INVALID'); // V_NAME_ZH
    // synthetic ID with check character X (built with the GB 11643 checksum; not a real person)
    complete(inst, 'intake', intakeForm('2027-03-10', { applicants: [person('A1', '张三', '11010119850315011X')] }), vMed);
    expectReplay(host, inst);
  });

  it('Art 23/24 (S6 Art 30): the notice lists rights and duties, every party acknowledges', () => {
    const host = newHost(AT('2027-03-10'));
    const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
    const intake = intakeForm('2027-03-10');
    complete(inst, 'intake', intake, vMed);
    const refs = refsOf(intake);
    expect(refusal(inst, 'rightsNotice', rightsForm(refs, '2027-03-10', { lists_art23_24: false }), vMed).messages).toContain('Art 23');
    expect(refusal(inst, 'rightsNotice', rightsForm(['A1'], '2027-03-10'), vMed).messages).toContain('every party');
  });

  it('grading: RED is handled at TOWN or above', () => {
    const host = newHost(AT('2027-03-10'));
    const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
    const intake = intakeForm('2027-03-10');
    complete(inst, 'intake', intake, vMed);
    complete(inst, 'rightsNotice', rightsForm(refsOf(intake), '2027-03-10'), vMed);
    const red = gradingForm(AT('2027-03-10', '10:00'), { risk_indicators: ['持械'], risk_colour: 'RED', stabiliser: '李主任' });
    expect(refusal(inst, 'grading', red, vMed).messages).toContain('TOWN level or above');
    complete(inst, 'grading', { ...red, level: 'TOWN', override_reason: '持械威胁，红色风险' }, vMed);
    // RED at intake: the ladder starts at the town (no village visit, no escalation), the police report clock runs
    expect(openSteps(inst)).toEqual(['partyRequests', 'policeReport', 'tSession']);
    expect(ladderOf(inst.data) ?? null).toBeNull();
    expect(rungsEntered(inst)).toEqual([['TOWN', TOWN, null]]);
    expect(escalations(inst)).toEqual([]);
  });

  it('Art 20: invitees need the parties’ consent; Art 15 (spirit): a mediator related to a party is refused; a village mediator may not lower the colour alone', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00'), { risk_indicators: ['酗酒'], risk_colour: 'YELLOW' }));
    const withInvitee = sessionForm(AT('2027-03-10', '15:00'), '继续调解', { invitees: [{ name: '赵律师', role: '律师' }] });
    expect(refusal(inst, 'vSession', withInvitee, vMed).messages).toContain('PML Art 20');
    const cousin = { ...vMed, id: 'u-vmed-sun', personId: 'staff-sun', relatives: [ID.d] };
    expect(refusal(inst, 'vSession', sessionForm(AT('2027-03-10', '15:00'), '继续调解'), cousin).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    complete(inst, 'vSession', { ...withInvitee, invitee_consent: true }, vMed);
    expect(refusal(inst, 'riskReassess', riskForm(AT('2027-03-11'), ['无'], 'BLUE'), vMed).messages).toContain('needs the committee chair');
    complete(inst, 'riskReassess', riskForm(AT('2027-03-11'), ['无'], 'BLUE'), vChair);
    expect(inst.data['risk_colour']).toBe('BLUE');
    expectReplay(host, inst);
  });

  it('S6 Art 34: an oral agreement is refused when a party wants it in writing', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00')));
    complete(inst, 'vSession', sessionForm(AT('2027-03-10', '15:00'), '达成协议', { agreement_form: '口头' }), vMed);
    expect(refusal(inst, 'vOral', oralForm('2027-03-10', refsOf(intake), { written_requested: true }), vMed).messages).toContain('Art 34');
    expect(refusal(inst, 'vOral', oralForm('2027-03-10', refsOf(intake), { performed_immediately: false, has_civil_obligations: true }), vMed).code).toBe('CF_ENGINE_CHECK_FAILED');
  });

  it('Art 26 with the land laws: land-contract disputes name land arbitration; expropriation compensation must not', () => {
    for (const [type, remedies, expected] of [
      ['土地承包', ['向人民法院起诉'], 'RLCDMAL Art 4'],
      ['征地拆迁', ['向人民法院起诉', '申请农村土地承包仲裁'], 'RLCDMAL Art 2'],
    ] as const) {
      const host = newHost(AT('2027-03-10'));
      const intake = intakeForm('2027-03-10', { dispute_type: type });
      const grading = type === '征地拆迁' ? gradingForm(AT('2027-03-10', '10:00'), { grade: 'G3', level: 'COUNTY' }) : gradingForm(AT('2027-03-10', '10:00'));
      const inst = startVillageCase(host, intake, grading);
      // G3 (expropriation) is graded to the county: the ladder starts there, no village or town visit
      if (type === '征地拆迁') {
        expect(inst.snapshot.context.steps['ladder']).toMatchObject({ rung: 'COUNTY' });
        expect(rungsEntered(inst)).toEqual([['COUNTY', COUNTY, null]]);
        expect(escalations(inst)).toEqual([]);
      } else {
        expect(rungsEntered(inst)).toEqual([['VILLAGE', VILLAGE, null]]);
      }
      const step = type === '征地拆迁' ? 'cSession' : 'vSession';
      const actor = type === '征地拆迁' ? { id: 'u-c', roles: ['C_CENTER'], orgUnit: COUNTY } : vMed;
      complete(inst, step, sessionForm(AT('2027-03-10', '15:00'), '调解不成'), actor);
      const term = step === 'cSession' ? 'cTerminate' : 'vTerminate';
      expect(refusal(inst, term, terminationForm('2027-03-10', refsOf(intake), '调解不成', [...remedies]), actor).messages).toContain(expected);
    }
  });

  it('withdrawal (B20): only an applicant, in writing, before an agreement → CLOSED_WITHDRAWN', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00')));
    const req = { request: '撤回调解申请', party_ref: 'R1', requested_on: '2027-03-11', in_writing: true };
    expect(refusal(inst, 'partyRequests', req, party).messages).toContain('only an applicant');
    expect(refusal(inst, 'partyRequests', { ...req, party_ref: 'A1', request: '申请劳动仲裁' }, party).messages).toContain('labour disputes');
    complete(inst, 'partyRequests', { ...req, party_ref: 'A1' }, party);
    expect(inst.outcome).toBe('CLOSED_WITHDRAWN');
    expect(inst.tasks()).toEqual([]);
    expectReplay(host, inst);
  });

  it('B13: signs of an offence found in a session → handed to the police → CLOSED_POLICE', () => {
    const host = newHost(AT('2027-03-10'));
    const intake = intakeForm('2027-03-10');
    const inst = startVillageCase(host, intake, gradingForm(AT('2027-03-10', '10:00')));
    complete(inst, 'vSession', sessionForm(AT('2027-03-10', '15:00'), '发现违法犯罪线索'), vMed);
    expect(inst.outcome).toBe('CLOSED_POLICE');
    expect(notices(inst).at(-1)).toMatchObject({ role: 'POLICE', orgUnit: TOWN });
    expect(ladderOf(inst.data)).toMatchObject({ resolvedAt: 'VILLAGE', outcome: 'HANDED_TO_POLICE' });
    expectReplay(host, inst);
  });
});
