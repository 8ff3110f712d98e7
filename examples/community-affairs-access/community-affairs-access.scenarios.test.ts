import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import type { TestHost, TestInstance } from '@civicflow/engine/testing';
import {
  DEFINITIONS, GOV_USCC, TOWN, XINHE, accessDef, act, application, at, body, certificateDef, committee, community, dept, endOf, exemptionDef, expectReplays,
  gateDef, jointDecision, match, newHost, notifications, openSteps, plaqueReviewer, precheckOk, refusal, refusalDef, reqDept, sec, startAccess, supervisor,
  twp, twpAsDept, twpCmd, workingDaysAfter, SHANGBA, XIAHE,
} from './testkit.js';

interface Admission { item_id: string; kind: string; dept_unit: string; item_name: string; valid_from: string; valid_until: string; status: string }
const admissionOf = (inst: TestInstance) => inst.data['admission'] as Admission;
const trailOf = (inst: TestInstance) => inst.data['trail'] as string[];

/** The register the host keeps of ACTIVE admissions, exemptions and plans, as the gate and the refusal record receive it. */
function register(o: { active?: Admission[]; exemptions?: { id: string; township_unit: string; active: boolean }[] } = {}) {
  return { active_items: o.active ?? [], emergency_exemptions: o.exemptions ?? [], autonomy_items: [], assessment_plans: ['HX-KH-2027-01'] };
}

/** Registers a village-facing task type at the enforcement point; returns the case (REGISTERED) or throws the refusal. */
function declareTaskType(host: TestHost, requester: Parameters<typeof act>[3], reg: unknown, declaration: Record<string, unknown>): TestInstance {
  const gate = host.start(gateDef, { actor: requester, input: { register: reg } });
  act(gate, 'declare', { audience: '村(社区)', target_process: '网格事件(D)', frequency: '每半年', ...declaration }, requester);
  return gate;
}

const weijian = reqDept('weijian');

/** S-E1 up to ADMITTED_STANDARD: submitted 2027-03-01, 35 working days before the start. */
function admitHealthChecks(): { host: TestHost; inst: TestInstance } {
  const host = newHost(at('2027-03-01T09:00'));
  const inst = startAccess(host, weijian);
  act(inst, 'submit', application('2027-03-01', workingDaysAfter('2027-03-01', 35)), weijian);
  host.advance(at('2027-03-03T10:00'));
  act(inst, 'precheck', precheckOk('2027-03-03'), twp);
  act(inst, 'listMatch', match('ASSIST', 'XZ-07', '清单内事项'), sec);
  return { host, inst };
}

// ====================================================================== S-E1
describe('S-E1 a standard assistance item is admitted', () => {
  it('is refused when filed less than 30 working days before the start', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const inst = startAccess(host, weijian);
    expect(refusal(() => act(inst, 'submit', application('2027-03-01', workingDaysAfter('2027-03-01', 35), { dept_uscc: '91110101MA00000018' }), weijian)).pointers).toEqual(['/dept_uscc']); // an enterprise, not a government body
    const late = refusal(() => act(inst, 'submit', application('2027-03-01', workingDaysAfter('2027-03-01', 29)), weijian));
    expect(late).toMatchObject({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/start_date'] });
    expect(openSteps(inst)).toEqual(['submit']); // nothing changed
  });

  it('matches XZ-07 (2 CNY per person, at most twice a year), admits it for one year, binds the D task type and blocks an assessment sheet', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const inst = startAccess(host, weijian);
    act(inst, 'submit', application('2027-03-01', workingDaysAfter('2027-03-01', 35)), weijian);
    // E1: the pre-check timer runs 5 working days (2027-03-02 … 03-08)
    expect(inst.tasks().map((t) => [t.stepId, t.assignee.orgUnit, t.dueAt])).toEqual([['precheck', TOWN, endOf('2027-03-08')]]);
    expect((inst.data['suggested_match'] as { code: string }).code).toBe('XZ-07'); // automatic suggestion from the claimed item

    host.advance(at('2027-03-03T10:00'));
    act(inst, 'precheck', precheckOk('2027-03-03'), twp);
    expect(openSteps(inst)).toEqual(['listMatch']);
    act(inst, 'listMatch', match('ASSIST', 'XZ-07', '清单内事项'), sec);

    expect(trailOf(inst)).toEqual(['SUBMITTED', 'LIST_MATCH', 'ADMITTED_STANDARD']);
    expect(admissionOf(inst)).toMatchObject({ kind: 'ADMITTED_STANDARD', status: 'ACTIVE', list_item: 'XZ-07', valid_from: '2027-03-03', valid_until: '2028-03-02', dept_unit: dept('weijian') });
    expect(inst.data['warnings']).toEqual([]);
    expect(notifications(inst, 'REQ_DEPT').map((n) => n.message.en)).toEqual(['admitted as an item of the assistance list']);
    // ACTIVE: the register entry, the community's objection and the department's withdrawal stand open
    expect(openSteps(inst)).toEqual(['activeRecord', 'communityObjection', 'deptWithdraw']);

    // §5.2: the health commission creates the D task type bound to the item …
    const reg = register({ active: [admissionOf(inst)] });
    const bound = declareTaskType(host, weijian, reg, { name: '老年人体检通知', template_kind: '任务类型', cover_kind: '已准入事项', cover_id: admissionOf(inst).item_id });
    expect(bound.outcome).toBe('REGISTERED');
    expect(bound.data['registered']).toEqual({ cover_kind: '已准入事项', cover_id: admissionOf(inst).item_id, name: '老年人体检通知' });
    // … but an assessment score sheet for communities is blocked (no separate assessment), even citing the county plan
    for (const plan of [{}, { assessment_plan_id: 'HX-KH-2027-01' }]) {
      const blocked = refusal(() => declareTaskType(host, weijian, reg, {
        name: '社区体检组织情况考核评分表', template_kind: '考核评比模板', cover_kind: '已准入事项', cover_id: admissionOf(inst).item_id, ...plan,
      }));
      expect(blocked).toMatchObject({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/template_kind'] });
    }
    // E-F4: the secretariat records the bound task type and the advance payment
    act(inst, 'activeRecord', { item_id: admissionOf(inst).item_id, task_types: ['老年人体检通知'], funding_paid: [{ date: '2027-03-20', amount: 6000 }], propose_revocation: false }, sec);
    expect(inst.data['register_entry']).toMatchObject({ task_types: ['老年人体检通知'] });
    expect(openSteps(inst)).toEqual(['activeRecord', 'communityObjection', 'deptWithdraw']);
    expectReplays(host, inst);
  });

  it('is returned, not admitted, when it asks for a separate assessment or more rounds than the list allows', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const inst = startAccess(host, weijian);
    act(inst, 'submit', application('2027-03-01', workingDaysAfter('2027-03-01', 35), { separate_assessment: true, times_per_year: 4, frequency: '每季' }), weijian);
    act(inst, 'precheck', precheckOk('2027-03-01'), twp);
    act(inst, 'listMatch', match('ASSIST', 'XZ-07', '清单内事项'), sec);
    expect(openSteps(inst)).toEqual(['supplement']);
    expect(inst.data['return_reasons']).toEqual(['超出清单最高频次', '不得单独考核']);
  });
});

// ====================================================================== deadlines (E1, E6)
describe('overdue pre-check and joint decision', () => {
  it('marks the tasks overdue and tells the secretariat (and supervision, for the joint body), without deciding for them', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const office = reqDept('office');
    const inst = startAccess(host, office);
    act(inst, 'submit', application('2027-04-06', '2027-06-01', { item_name: '成立社区 XX 工作领导小组', item_kind: '工作机制(领导小组/委员会等)', claimed_list_item: undefined, funding: undefined }), office);
    host.advance(at('2027-04-14T00:00')); // 5 working days: 04-07 … 04-13
    expect(inst.tasks()[0]).toMatchObject({ stepId: 'precheck', overdue: true });
    expect(notifications(inst, 'CIVIL_SEC').map((n) => n.message.en)).toEqual(['the township pre-check is overdue']);
    act(inst, 'precheck', precheckOk('2027-04-14', '建议提交联席会议'), twp);
    act(inst, 'listMatch', match('未列入清单', undefined, '工作机制'), sec);
    host.advance(endOf(workingDaysAfter('2027-04-14', 15)));
    expect(inst.tasks()[0]).toMatchObject({ stepId: 'jointDecision', overdue: true });
    expect(notifications(inst, 'SUPERVISOR').map((n) => n.message.en)).toEqual(['an access decision is overdue']);
    expect(inst.status).toBe('active');
  });
});

// ====================================================================== the admitted item's life (E9, E10)
describe('an admitted item: renewal after a year, revocation on the community\'s objection', () => {
  it('asks for renewal when the year ends, renews it, and exits it when the joint body revokes it', () => {
    const { host, inst } = admitHealthChecks();
    host.advance(at('2028-03-03T08:00')); // valid_until 2028-03-02 has passed
    expect(trailOf(inst).at(-1)).toBe('RENEWAL_REVIEW');
    expect(openSteps(inst)).toEqual(['renewal']);
    act(inst, 'renewal', { continue: true, workload_actual_person_days: 5, funding_due_total: 12000, funding_paid_total: 12000 }, weijian);
    act(inst, 'renewalReview', { decision: '续期', reason: '经费按时拨付，工作量与申报相符' }, sec);
    expect(admissionOf(inst)).toMatchObject({ valid_from: '2028-03-03', valid_until: '2029-03-02', status: 'ACTIVE' });
    expect(openSteps(inst)).toEqual(['activeRecord', 'communityObjection', 'deptWithdraw']);

    // E9: a community reports that the funding was not paid → REVOCATION_REVIEW within 15 working days
    host.advance(at('2028-09-01T09:00'));
    act(inst, 'communityObjection', { kind: '经费未拨付', content: '2028 年下半年体检经费未拨付', reported_at: at('2028-09-01T09:00') }, committee(XINHE));
    expect(openSteps(inst)).toEqual(['revocationReview']);
    expect(inst.tasks()[0]!.dueAt).toBe(endOf(workingDaysAfter('2028-09-01', 15)));
    expect(refusal(() => act(inst, 'revocationReview', jointDecision('2028-09-10', '准入(新增清单条目)'), body)).pointers).toEqual(['/decision']);
    act(inst, 'revocationReview', jointDecision('2028-09-10', '撤销', { reasons: '经费未按承诺拨付' }), body);
    expect(inst.outcome).toBe('EXITED');
    expect(admissionOf(inst).status).toBe('EXITED');
    expect(inst.data['exit_reason']).toBe('撤销');
    expectReplays(host, inst);
  });
});

// ====================================================================== S-E2
describe('S-E2 a forbidden certificate', () => {
  const renshe = reqDept('renshe');
  it('is rejected from the list match, pointing to the public-security organs; at run time E-F6 shows the referral, not a template', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const inst = startAccess(host, renshe);
    act(inst, 'submit', application('2027-04-06', '2027-06-01', {
      dept_name: '华溪县人力资源和社会保障局', item_name: '为求职人员出具无犯罪记录证明', item_kind: '出具证明', certificate_name: '无犯罪记录证明', claimed_list_item: undefined,
      legal_basis: [{ kind: '部门内部通知', doc: '县人社局关于做好求职登记工作的通知' }], content: '各社区为辖区求职人员出具无犯罪记录证明', frequency: '不定期', times_per_year: 12, funding: undefined,
    }), renshe);
    expect((inst.data['suggested_match'] as { code: string }).code).toBe('BC-01');
    act(inst, 'precheck', precheckOk('2027-04-06', '建议不予准入'), twp);
    act(inst, 'listMatch', match('CERT_FORBIDDEN', 'BC-01', '清单内事项'), sec);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('REJECTED_NEGATIVE');
    expect(trailOf(inst)).toEqual(['SUBMITTED', 'LIST_MATCH', 'REJECTED_NEGATIVE']);
    expect(inst.data['decision']).toMatchObject({ reason: 'CERT_FORBIDDEN', list_item: 'BC-01', item_name: '无犯罪记录证明', referral: expect.stringContaining('公安机关') });
    expect(notifications(inst, 'REQ_DEPT')).toHaveLength(1);
    expect(inst.tasks()).toEqual([]);
    expectReplays(host, inst);

    // run time: a resident asks the committee of 新河社区 for the certificate
    const check = host.start(certificateDef, { actor: committee(XINHE) });
    act(check, 'check', { applicant: { name: '居民甲', id_no: '110101198001010010' }, certificate_type: '无犯罪记录证明', purpose: '求职' }, committee(XINHE));
    expect(check.outcome).toBe('REFERRED');
    expect(check.data['result']).toMatchObject({ kind: '不应出具', authority: expect.stringContaining('公安机关'), referral: expect.stringContaining('公安机关') });
    expect((check.data['result'] as Record<string, unknown>)['template']).toBeUndefined();

    // contrast: a certificate on the allowed list comes with its template; one on neither list is recorded for the lists
    const allowed = host.start(certificateDef, { actor: committee(XINHE) });
    act(allowed, 'check', { applicant: { name: '居民乙', id_no: '110101197506150022' }, certificate_type: '居住事实证明(本委员会知晓的)', purpose: '子女入学' }, committee(XINHE));
    expect(allowed.outcome).toBe('ISSUE_BY_TEMPLATE');
    expect(allowed.data['result']).toMatchObject({ kind: '可出具', template: 'tpl://certificates/residence-fact-v1' });
    const other = host.start(certificateDef, { actor: committee(XINHE) });
    expect(refusal(() => act(other, 'check', { applicant: { name: '居民丙', id_no: '110101195207080045' }, certificate_type: '其他', purpose: '办理业务' }, committee(XINHE))).pointers).toEqual(['/other_certificate']);
    act(other, 'check', { applicant: { name: '居民丙', id_no: '110101195207080045' }, certificate_type: '其他', other_certificate: '亲属关系证明', purpose: '办理业务' }, committee(XINHE));
    expect(other.outcome).toBe('RECORDED_FOR_LISTS');
    expect(notifications(other, 'CIVIL_SEC')).toHaveLength(1);
  });
});

// ====================================================================== S-E3
describe('S-E3 a fourth plaque and a new leading group', () => {
  const office = reqDept('office');
  const plaqueRequest = (location: string) => application('2027-04-06', '2027-06-01', {
    dept_name: '华溪县某工作办公室', item_name: '社区悬挂"XX工作领导小组"牌子', item_kind: '挂牌', claimed_list_item: undefined,
    plaque: { text: 'XX工作领导小组', location, size: '60×40 厘米' }, legal_basis: [{ kind: '部门内部通知', doc: '县某办关于规范工作机构标识的通知' }],
    content: '各社区悬挂 XX 工作领导小组牌子', frequency: '一次性', times_per_year: 1, funding: undefined,
  });

  it('refuses the plaque at the gate (the standard is 3); an indoor sign goes to the organisation department and civil affairs', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const gate = startAccess(host, office);
    act(gate, 'submit', plaqueRequest('门外'), office);
    act(gate, 'precheck', precheckOk('2027-04-06', '建议不予准入'), twp);
    act(gate, 'listMatch', match('未列入清单', undefined, '挂牌'), sec);
    expect(gate.outcome).toBe('REJECTED');
    expect(gate.data['decision']).toMatchObject({ reason: 'PLAQUE_OUTSIDE', standard_plaques: ['社区党组织', '社区居民委员会', '社区居务监督委员会'] });

    const indoor = startAccess(host, office);
    act(indoor, 'submit', plaqueRequest('室内'), office);
    act(indoor, 'precheck', precheckOk('2027-04-06', '建议提交联席会议'), twp);
    act(indoor, 'listMatch', match('未列入清单', undefined, '挂牌'), sec);
    expect(trailOf(indoor)).toEqual(['SUBMITTED', 'LIST_MATCH', 'JOINT_REVIEW', 'PLAQUE_REVIEW']);
    expect(indoor.tasks().map((t) => [t.stepId, t.assignee.role, t.assignee.orgUnit]).sort()).toEqual([
      ['jointDecision', 'JOINT_BODY', 'county:huaxi'],
      ['plaqueReview', 'PLAQUE_REVIEW', 'city:jiangcheng/dept:minzheng'],
      ['plaqueReview', 'PLAQUE_REVIEW', 'city:jiangcheng/dept:zuzhibu'],
    ]);
    // the organisation department refuses the indoor sign (veto): not admitted, whatever the joint body says
    act(indoor, 'plaqueReview', { decision: '不同意', reason: '不符合挂牌规范', reviewed_on: '2027-04-12' }, plaqueReviewer('zuzhibu'));
    act(indoor, 'jointDecision', jointDecision('2027-04-15', '准入(附条件)', { funding_needed: false, conditions: '仅限室内标识' }), body);
    expect(indoor.outcome).toBe('REJECTED');
    expect(indoor.data['decision']).toMatchObject({ reason: 'PLAQUE_REVIEW' });
    expectReplays(host, indoor);
  });

  it('admits an indoor sign when both the organisation department and civil affairs agree and the joint body admits it', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const indoor = startAccess(host, office);
    act(indoor, 'submit', plaqueRequest('室内'), office);
    act(indoor, 'precheck', precheckOk('2027-04-06', '建议提交联席会议'), twp);
    act(indoor, 'listMatch', match('未列入清单', undefined, '挂牌'), sec);
    for (const code of ['zuzhibu', 'minzheng'] as const) act(indoor, 'plaqueReview', { decision: '同意室内标识', reason: '确因工作需要，室内标识', reviewed_on: '2027-04-12' }, plaqueReviewer(code));
    act(indoor, 'jointDecision', jointDecision('2027-04-15', '准入(附条件)', { funding_needed: false, conditions: '仅限室内标识，不在门外悬挂' }), body);
    expect(trailOf(indoor).at(-1)).toBe('ADMITTED_NEW');
    expect(admissionOf(indoor)).toMatchObject({ kind: 'ADMITTED_NEW', status: 'ACTIVE' });
    expect(indoor.data['admission']).toMatchObject({ conditions: '仅限室内标识，不在门外悬挂' });
    expect(indoor.data['list_update']).toBeUndefined(); // a sign is not a new list item
  });

  it('sends the new mechanism to JOINT_REVIEW and, with no funding and only an internal notice as basis, rejects it', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const inst = startAccess(host, office);
    act(inst, 'submit', application('2027-04-06', '2027-06-01', {
      dept_name: '华溪县某工作办公室', item_name: '成立社区 XX 工作领导小组', item_kind: '工作机制(领导小组/委员会等)', claimed_list_item: undefined,
      legal_basis: [{ kind: '部门内部通知', doc: '县某办关于成立工作领导小组的通知' }], content: '各社区成立 XX 工作领导小组并每月报送会议记录',
      frequency: '每月', times_per_year: 12, funding: undefined,
    }), office);
    act(inst, 'precheck', precheckOk('2027-04-06', '建议提交联席会议'), twp);
    act(inst, 'listMatch', match('未列入清单', undefined, '工作机制'), sec);
    expect(trailOf(inst)).toEqual(['SUBMITTED', 'LIST_MATCH', 'JOINT_REVIEW']);
    expect(inst.data['warnings']).toEqual(['仅以部门内部通知为依据']); // shown to the reviewers, not blocking
    expect(openSteps(inst)).toEqual(['jointDecision']);
    expect(inst.tasks()[0]!.dueAt).toBe(endOf(workingDaysAfter('2027-04-06', 15)));
    // the body cannot meet without its quorum, nor admit work that needs funds nobody pays (Art 37)
    expect(refusal(() => act(inst, 'jointDecision', jointDecision('2027-04-20', '不予准入', { members_present: [{ unit: '民政局', name: '成员甲' }, { unit: '财政局', name: '成员丁' }] }), body)).pointers).toEqual(['/members_present']);
    expect(refusal(() => act(inst, 'jointDecision', jointDecision('2027-04-20', '准入(附条件)', { conditions: '每季度报送一次' }), body)).pointers).toEqual(['/decision']);
    act(inst, 'jointDecision', jointDecision('2027-04-20', '不予准入', { reasons: '未提供经费和法律依据，原则上不得转嫁' }), body);
    expect(inst.outcome).toBe('REJECTED');
    expect(inst.data['decision']).toMatchObject({ reason: 'JOINT_BODY', doc_no: '华社治联〔2027〕3号' });
    expect(notifications(inst, 'REQ_DEPT').at(-1)!.message.en).toBe('refused; communities may refuse the task');
    expectReplays(host, inst);
  });
});

// ====================================================================== S-E4
describe('S-E4 a duplicate ledger', () => {
  it('finds the dataset on the grid platform and returns the request, recommending data sharing', () => {
    const tongji = reqDept('tongji');
    const host = newHost(at('2027-04-06T09:00'));
    const inst = startAccess(host, tongji);
    act(inst, 'submit', application('2027-04-06', '2027-06-01', {
      dept_name: '华溪县统计局', item_name: '辖区实有人口月度手工台账', item_kind: '台账/报表/信息采集', claimed_list_item: undefined,
      legal_basis: [{ kind: '法律', doc: '中华人民共和国统计法' }], content: '各社区每月手工填报辖区实有人口台账', frequency: '每月', times_per_year: 12,
      funding: { amount: 1, unit: '每户', source: '申请单位部门预算', payment_method: '按量结算' },
      new_ledger: true, ledger: { subject: '实有人口', template: 'att_ledger_pop01' },
    }), tongji);
    expect(inst.data['data_exists_ref']).toMatchObject({ id: 'DS-GRID-POP', name: '网格实有人口库' });
    host.advance(at('2027-04-07T09:00'));
    act(inst, 'precheck', precheckOk('2027-04-07'), twp);
    expect(openSteps(inst)).toEqual(['supplement']);
    expect(inst.data['recommendation']).toBe('DATA_SHARING');
    expect(inst.data['return_reasons']).toEqual(['平台已有数据，建议改为申请数据共享']);
    expect(trailOf(inst)).toEqual(['SUBMITTED', 'RETURNED_FOR_SUPPLEMENT']);
    expect(notifications(inst, 'REQ_DEPT').map((n) => n.message['zh-CN'])).toEqual([expect.stringContaining('数据共享')]);
    expect(inst.tasks()[0]!.dueAt).toBe(endOf(workingDaysAfter('2027-04-07', 10)));
    expectReplays(host, inst);
  });
});

// ====================================================================== S-E5
describe('S-E5 a new item with no funding, then supplemented', () => {
  const gongan = reqDept('gongan');
  const leaflets = (on: string, over: Record<string, unknown> = {}) => application(on, '2027-07-01', {
    dept_name: '华溪县公安局', item_name: '防范电信网络诈骗宣传资料入户发放', item_kind: '协助工作任务', claimed_list_item: undefined,
    legal_basis: [{ kind: '法律', doc: '中华人民共和国反电信网络诈骗法', article: '第八条' }], content: '每季度向辖区每户居民发放反诈宣传资料',
    frequency: '每季', times_per_year: 4, funding: undefined, ...over,
  });
  const withFunding = { funding: { amount: 0.5, unit: '每户', units_estimated: 12000, source: '申请单位部门预算', payment_method: '预拨', payment_schedule: '每季度首月预拨' }, workload_person_days: 8 };
  const newItem = { code: 'XZ-21', name: '防范电信网络诈骗宣传资料入户发放', funding_standard: { amount: 0.5, unit: '每户' }, max_frequency_per_year: 4, valid_to: '2029-12-31' };

  function returned(): { host: TestHost; inst: TestInstance } {
    const host = newHost(at('2027-04-06T09:00'));
    const inst = startAccess(host, gongan);
    act(inst, 'submit', leaflets('2027-04-06'), gongan);
    host.advance(at('2027-04-07T09:00'));
    act(inst, 'precheck', precheckOk('2027-04-07'), twp);
    return { host, inst };
  }

  it('returns it for funding, then the joint body admits it as a new ASSIST item: the list goes from version 7 to 8', () => {
    const { host, inst } = returned();
    expect(trailOf(inst)).toEqual(['SUBMITTED', 'RETURNED_FOR_SUPPLEMENT']);
    expect(inst.data['return_reasons']).toEqual(['未提供经费和工作条件']);
    expect(inst.tasks().map((t) => [t.stepId, t.dueAt])).toEqual([['supplement', endOf('2027-04-21')]]); // 10 working days after 04-07

    host.advance(at('2027-04-12T09:00'));
    act(inst, 'supplement', leaflets('2027-04-12', withFunding), gongan);
    act(inst, 'precheck', precheckOk('2027-04-13', '建议提交联席会议'), twp);
    act(inst, 'listMatch', match('未列入清单', undefined, '新增事项'), sec);
    expect(openSteps(inst)).toEqual(['jointDecision']);
    host.advance(at('2027-04-23T15:00'));
    act(inst, 'jointDecision', jointDecision('2027-04-23', '准入(新增清单条目)', { new_list_item: newItem, conditions: '每季度一次，预拨经费，不单独考核' }), body);

    expect(trailOf(inst)).toEqual(['SUBMITTED', 'RETURNED_FOR_SUPPLEMENT', 'RESUBMITTED', 'LIST_MATCH', 'JOINT_REVIEW', 'ADMITTED_NEW']);
    expect(admissionOf(inst)).toMatchObject({ list_item: 'XZ-21' });
    expect(inst.data['list_update']).toEqual({ base_version: 7, version: 8, list: 'ASSIST', added: newItem, doc_no: '华社治联〔2027〕3号' });
    expect(admissionOf(inst)).toMatchObject({ kind: 'ADMITTED_NEW', valid_from: '2027-04-23', valid_until: '2028-04-22', status: 'ACTIVE' });
    expect(notifications(inst, 'CIVIL_SEC').map((n) => n.message.en)).toContain('publish the new list version');
    expectReplays(host, inst);

    // The county publishes version 8 with the new item; the same request by another department is now a standard admission.
    const lists = accessDef.config!['lists']!.value as { version: number; items: object[] };
    const v8 = { ...lists, version: 8, items: [...lists.items, { list: 'ASSIST', ...newItem, legal_basis: '中华人民共和国反电信网络诈骗法第八条', applies_to: '城乡通用', valid_from: '2027-04-23' }] };
    const next = startAccess(host, gongan, { lists: v8 });
    act(next, 'submit', leaflets(host.now.slice(0, 10), { ...withFunding, start_date: '2027-07-01', claimed_list_item: 'XZ-21' }), gongan);
    act(next, 'precheck', precheckOk(host.now.slice(0, 10)), twp);
    act(next, 'listMatch', match('ASSIST', 'XZ-21', '清单内事项'), sec);
    expect(admissionOf(next).kind).toBe('ADMITTED_STANDARD');
  });

  it('is withdrawn when the department does not resubmit within 10 working days', () => {
    const { host, inst } = returned();
    host.advance(at('2027-04-21T23:00'));
    expect(inst.status).toBe('active');
    host.advance(at('2027-04-22T00:00'));
    expect(inst.outcome).toBe('WITHDRAWN');
    expect(trailOf(inst).at(-1)).toBe('WITHDRAWN');
    expect(notifications(inst, 'CIVIL_SEC').map((n) => n.message.en)).toEqual(['not supplemented in time: the application is withdrawn']);
    expectReplays(host, inst);
  });
});

// ====================================================================== S-E6
describe('S-E6 a bypass and a refusal', () => {
  const xiaofang = reqDept('xiaofang');
  const X = dept('xiaofang');
  const refusalForm = (receivedAt: string, over: Record<string, unknown> = {}) => ({
    dept_name: '华溪县消防救援大队', dept_unit: X, channel: '工作群', content: '每周上报辖区商铺消防检查台账', evidence: 'att_chat_shot01',
    received_at: receivedAt, reason: '未经准入', reported_at: receivedAt.replace('T09', 'T11'), ...over,
  });

  it('records each community\'s refusal, notifies the secretariat and X, and the third refusal in 90 days opens a supervision case', () => {
    const host = newHost(at('2027-06-07T09:00'));
    const prior: { dept_unit: string; reported_at: string }[] = [{ dept_unit: X, reported_at: at('2027-01-10T10:00') }]; // older than 90 days: not counted
    const cases: TestInstance[] = [];
    for (let i = 1; i <= 10; i += 1) {
      const unit = community(`c${String(i).padStart(2, '0')}`);
      const inst = host.start(refusalDef, { actor: committee(unit), input: { register: register(), prior_refusals: [...prior] } });
      act(inst, 'record', refusalForm(at('2027-06-07T09:00')), committee(unit));
      prior.push({ dept_unit: X, reported_at: at('2027-06-07T11:00') });
      cases.push(inst);
    }
    const [first, second, third] = cases as [TestInstance, TestInstance, TestInstance];
    expect(first.data).toMatchObject({ covered: false, refusals_in_window: 1 });
    expect(openSteps(first)).toEqual(['deptResponse']);
    expect(notifications(first).map((n) => [n.role, n.orgUnit])).toEqual([['CIVIL_SEC', 'county:huaxi'], ['REQ_DEPT', X]]);
    expect(openSteps(second)).toEqual(['deptResponse']);
    expect(third.data['refusals_in_window']).toBe(3);
    expect(openSteps(third)).toEqual(['supervisorCase']);
    expect(notifications(third).map((n) => n.role)).toEqual(['CIVIL_SEC', 'REQ_DEPT', 'SUPERVISOR']);
    expect(cases.slice(2).every((c) => openSteps(c)[0] === 'supervisorCase')).toBe(true);
    act(third, 'supervisorCase', { finding: '消防救援大队通过工作群向 10 个社区下派未准入台账', measures: ['约谈', '责令整改'], case_no: 'HX-JF-2027-006' }, supervisor);
    expect(third.outcome).toBe('SUPERVISOR_CASE');
    // X answers the first community: it will apply for access
    act(first, 'deptResponse', { response: '申请准入', explanation: '将按程序申请准入', access_case_ref: 'community-affairs-access-99' }, xiaofang);
    expect(first.outcome).toBe('DEPT_APPLIES');
    expectReplays(host, third);

    // the same weekly task type on the platform is blocked by the enforcement point
    for (const cover of [{}, { cover_kind: '已准入事项', cover_id: 'ZR-unknown' }]) {
      const blocked = refusal(() => declareTaskType(host, xiaofang, register(), { name: '辖区商铺消防检查周报台账', template_kind: '台账模板', frequency: '不定期', ...cover }));
      expect(blocked).toMatchObject({ code: 'CF_ENGINE_CHECK_FAILED', pointers: ['/cover_id'] });
      expect(blocked.en).toContain('items not admitted may not be sent down to villages or communities');
    }
  });

  it('warns (and needs a reason) when the refused task is covered by an admitted item', () => {
    const { host, inst: access } = admitHealthChecks();
    const unit = community('c01');
    const inst = host.start(refusalDef, { actor: committee(unit), input: { register: register({ active: [admissionOf(access)] }), prior_refusals: [] } });
    const covered = refusalForm(at('2027-03-03T09:00'), { dept_name: '华溪县卫生健康委员会', dept_unit: dept('weijian'), content: '通知老年人体检', cited_item_id: admissionOf(access).item_id, reason: '无经费保障' });
    expect(refusal(() => act(inst, 'record', covered, committee(unit))).pointers).toEqual(['/reason_text']);
    act(inst, 'record', { ...covered, reason_text: '本季度经费尚未拨付' }, committee(unit));
    expect(inst.data['covered']).toBe(true);
  });
});

// ====================================================================== S-E7
describe('S-E7 emergency exemption', () => {
  const EXEMPTION = 'EX-QS-2027-0720';
  const zhujian = reqDept('zhujian');

  function exemption(host: TestHost): TestInstance {
    // the host creates the exemption when process C enters RESPONSE_ACTIVE (Ⅱ) for 青石镇
    return host.start(exemptionDef, {
      actor: twpCmd, instanceId: EXEMPTION,
      input: { c_episode_ref: 'emergency-mobilisation-1', response_level: 'Ⅱ', exemption: { id: EXEMPTION, c_episode_ref: 'emergency-mobilisation-1', active: true } },
    });
  }

  it('lets the township send door-to-door checks without admission while the response runs; the exemption expires with it; continuing work needs a normal request within 10 days', () => {
    const host = newHost(at('2027-07-20T02:00'));
    const ex = exemption(host);
    act(ex, 'emergencyTask', { task_name: '汛期入户隐患排查', kind: '入户排查', villages: [SHANGBA, XIAHE], every_hours: 24, ordered_at: at('2027-07-20T02:00') }, twpCmd);
    expect(ex.data['emergency_tasks']).toHaveLength(1);
    expect(openSteps(ex)).toEqual(['emergencyTask', 'responseEnded']); // the exemption stands open for more tasks
    const live = register({ exemptions: [{ id: EXEMPTION, township_unit: TOWN, active: true }] });
    expect(declareTaskType(host, twpAsDept, live, { name: '汛期入户隐患排查（每 24 小时）', template_kind: '任务类型', target_process: '应急(C)', frequency: '不定期', cover_kind: '应急豁免', cover_id: EXEMPTION }).outcome).toBe('REGISTERED');
    // only villages of this township
    expect(refusal(() => act(ex, 'emergencyTask', { task_name: '排查', kind: '入户排查', villages: ['county:huaxi/town:other/village:x'], ordered_at: at('2027-07-20T03:00') }, twpCmd)).pointers).toEqual(['/villages']);

    // C ends on 07-25: the exemption expires; the continuation deadline is 10 days later
    host.advance(at('2027-07-25T18:00'));
    act(ex, 'responseEnded', { ended_on: '2027-07-25', end_decision_ref: 'QS-YJ-END-2027-01' }, twpCmd);
    expect(ex.data['exemption']).toMatchObject({ active: false, expired_on: '2027-07-25' });
    expect(ex.tasks().map((t) => [t.stepId, t.dueAt])).toEqual([['continuation', endOf('2027-08-04')]]);
    const ended = register({ exemptions: [{ id: EXEMPTION, township_unit: TOWN, active: false }] });
    expect(refusal(() => declareTaskType(host, twpAsDept, ended, { name: '汛后入户复查', template_kind: '任务类型', target_process: '应急(C)', frequency: '不定期', cover_kind: '应急豁免', cover_id: EXEMPTION })).pointers).toEqual(['/cover_id']);

    // the 3-week post-flood house safety survey: a normal request, filed within 10 days, is accepted without the 30-working-day lead
    const survey = (on: string) => application(on, '2027-08-09', {
      dept_name: '华溪县住房和城乡建设局', item_name: '汛后房屋安全排查', item_kind: '协助工作任务', claimed_list_item: undefined, end_date: '2027-08-27',
      legal_basis: [{ kind: '行政法规', doc: '建设工程质量管理条例' }], content: '汛后三周内协助排查受淹房屋安全', frequency: '一次性', times_per_year: 1,
      funding: { amount: 20, unit: '每户', source: '上级专项资金', payment_method: '预拨' }, follows_exemption: { exemption_id: EXEMPTION, response_ended_on: '2027-07-25' },
    });
    host.advance(at('2027-07-28T09:00'));
    const request = startAccess(host, zhujian);
    act(request, 'submit', survey('2027-07-28'), zhujian);
    expect(openSteps(request)).toEqual(['precheck']);
    expect(refusal(() => act(ex, 'continuation', { continues: true }, twpCmd)).pointers).toEqual(['/access_case_ref']);
    act(ex, 'continuation', { continues: true, task_name: '汛后房屋安全排查', access_case_ref: request.id }, twpCmd);
    expect(ex.outcome).toBe('CONTINUATION_FILED');
    expectReplays(host, ex);
    // filed on day 11 (2027-08-05), the same request needs the ordinary 30-working-day lead
    host.advance(at('2027-08-05T09:00'));
    const tooLate = startAccess(host, zhujian);
    expect(refusal(() => act(tooLate, 'submit', survey('2027-08-05'), zhujian)).pointers).toEqual(['/start_date']);
  });

  it('flags continuing work that was not registered within 10 days', () => {
    const host = newHost(at('2027-07-20T02:00'));
    const ex = exemption(host);
    act(ex, 'responseEnded', { ended_on: '2027-07-25', end_decision_ref: 'QS-YJ-END-2027-01' }, twpCmd);
    host.advance(at('2027-08-05T00:00'));
    expect(ex.outcome).toBe('CONTINUATION_OVERDUE');
    expect(notifications(ex, 'SUPERVISOR')).toHaveLength(1);
  });
});

// ====================================================================== [L] rules and the definitions
describe('[L] rules cannot be configured away; the definitions are valid', () => {
  it('validateDefinition reports no problems for any of the five definitions', () => {
    for (const d of DEFINITIONS) expect(validateDefinition(d), d.id).toEqual([]);
  });

  it('the JSON files are what build-definitions.mjs generates (edit the generator, then run it)', async () => {
    const generator = './build-definitions.mjs';
    const { buildDefinitions } = (await import(generator)) as { buildDefinitions: () => Record<string, ProcessDefinition> };
    const built = buildDefinitions();
    expect(Object.values(built).map((d) => d.id)).toEqual(DEFINITIONS.map((d) => d.id));
    expect(DEFINITIONS).toEqual(Object.values(built).map((d) => JSON.parse(JSON.stringify(d)) as ProcessDefinition));
  });

  it('statutory parameters are tagged L and refused as start overrides', () => {
    const host = newHost(at('2027-03-01T09:00'));
    for (const key of ['autonomy_matters_not_assignable', 'entrusting_department_bears_funding', 'assistance_arranged_by_district_or_street']) {
      expect(accessDef.config![key]!.tag).toBe('L');
      expect(refusal(() => startAccess(host, weijian, { [key]: false })).code).toBe('CF_ENGINE_CONFIG_LAW_FIXED');
    }
    expect(refusal(() => host.start(exemptionDef, { actor: twpCmd, config: { emergency_assistance_duty: false } })).code).toBe('CF_ENGINE_CONFIG_LAW_FIXED');
  });

  it('村委会组织法 Art 5: a self-governance matter is never assigned — the department gets guidance only, no task is created', () => {
    const host = newHost(at('2027-04-06T09:00'));
    const minzheng = reqDept('minzheng');
    const inst = startAccess(host, minzheng);
    act(inst, 'submit', application('2027-04-06', '2027-06-01', {
      dept_name: '华溪县民政局', item_name: '制定修改村规民约/居民公约', item_kind: '其他', claimed_list_item: 'ZZ-02',
      legal_basis: [{ kind: '法律', doc: '中华人民共和国村民委员会组织法', article: '第二十七条' }], content: '各村统一修订村规民约', frequency: '一次性', times_per_year: 1,
      funding: { amount: 500, unit: '每社区每年', source: '申请单位部门预算', payment_method: '预拨' },
    }), minzheng);
    act(inst, 'precheck', precheckOk('2027-04-06'), twp);
    act(inst, 'listMatch', match('AUTONOMY', 'ZZ-02', '清单内事项'), sec);
    expect(inst.outcome).toBe('REDIRECTED_AUTONOMY');
    expect(inst.data['admission']).toBeUndefined();
    expect(notifications(inst, 'REQ_DEPT').map((n) => n.message.en)).toEqual([expect.stringContaining('no task is created')]);
  });

  it('村委会组织法 Art 37: the entrusting department pays — community funds are refused, zero funding needs a reason', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const inst = startAccess(host, weijian);
    const start = workingDaysAfter('2027-03-01', 35);
    const communityFunds = application('2027-03-01', start, { funding: { amount: 2, unit: '每人', source: '村(社区)自有资金', payment_method: '预拨' } });
    expect(refusal(() => act(inst, 'submit', communityFunds, weijian)).pointers).toEqual(['/funding/source']);
    const zero = application('2027-03-01', start, { funding: { amount: 0, unit: '每人', source: '申请单位部门预算', payment_method: '预拨' } });
    expect(refusal(() => act(inst, 'submit', zero, weijian)).pointers).toEqual(['/funding/zero_reason']);
    act(inst, 'submit', { ...zero, funding: { ...(zero['funding'] as object), zero_reason: '由卫生院派员上门，社区仅转发通知' } }, weijian);
    act(inst, 'precheck', precheckOk('2027-03-01'), twp);
    act(inst, 'listMatch', match('ASSIST', 'XZ-07', '例外请求'), sec);
    expect(inst.data['exception']).toBe('ZERO_FUNDING'); // an exception is for the joint body, never a standard admission
    expect(openSteps(inst)).toEqual(['jointDecision']);
  });

  it('uses only the synthetic government USCC of the domain README', () => {
    expect(GOV_USCC).toBe('11110101000000000A');
    expect(JSON.stringify(DEFINITIONS)).not.toMatch(/\b\d{17}[\dX]\b/);
  });
});

describe('the start form: which township / street pre-checks', () => {
  it('refuses a request without the pre-checking unit, or with a unit below the township, naming the field', () => {
    const host = newHost(at('2027-03-01T09:00'));
    const requester = reqDept('weijian');
    expect(refusal(() => host.start(accessDef, { actor: requester, input: {} }))).toMatchObject({ code: 'CF_ENGINE_FORM_INVALID', pointers: ['/precheck_unit'] });
    expect(refusal(() => host.start(accessDef, { actor: requester, input: { precheck_unit: `${TOWN}/village:qingshicun` } }))).toMatchObject({ code: 'CF_ENGINE_FORM_INVALID', pointers: ['/precheck_unit'] });
    expect(startAccess(host, requester).data['precheck_unit']).toBe(TOWN);
  });
});
