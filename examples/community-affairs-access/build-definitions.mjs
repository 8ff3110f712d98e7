// Generates the JSON definitions of example E, 社区(村)事务准入 (domain file E): the access request
// (process.json), the enforcement point for village-facing task types (task-type-gate.json), the
// community's refusal record (task-refusal.json), the emergency exemption (emergency-exemption.json)
// and the run-time certificate check (certificate-check.json). They share the list register, the
// vocabulary and several form parts, so they are built here from one source.
// Edit this file, then run: node examples/community-affairs-access/build-definitions.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const t = (zh, en) => ({ 'zh-CN': zh, en });

// ------------------------------------------------------------------ vocabulary
const LIST_KINDS = ['AUTONOMY', 'ASSIST', 'NEGATIVE', 'CERT_ALLOWED', 'CERT_FORBIDDEN'];
const ITEM_KINDS = ['协助工作任务', '工作机制(领导小组/委员会等)', '挂牌', '台账/报表/信息采集', '考核评比/创建示范', '出具证明', '网格事项', '其他'];
/** Item kinds that are work the community does, so funding and working conditions must come with them (村委会组织法第三十七条; seed 001). */
const FUNDED_KINDS = ['协助工作任务', '台账/报表/信息采集', '网格事项', '其他'];
const FREQUENCIES = ['一次性', '每月', '每季', '每半年', '每年', '不定期'];
const FUNDING_UNITS = ['每户', '每人', '每社区每年', '一次性总额'];
const FUNDING_SOURCES = ['申请单位部门预算', '上级专项资金', '同级财政专项', '村(社区)自有资金'];
const BASIS_KINDS = ['法律', '行政法规', '地方性法规', '规章', '中央和国家政策文件', '上级规范性文件', '部门内部通知'];
const DATA_SUBJECTS = ['实有人口', '房屋', '商铺/市场主体', '重点人群', '老年人', '残疾人', '其他'];
const REFUSAL_REASONS = ['未经准入', '属负面清单', '属自治事项', '无经费保障', '超出频次'];
const EMERGENCY_TASK_KINDS = ['入户排查', '预警传达', '转移协助'];

/**
 * The list register (三个清单 plus the certificate lists) as the county publishes it: version,
 * source, items. Example items of domain E §4 [Loc/Inf]; a county loads its own register by
 * overriding `lists` when a case starts (the host reads the current published version).
 */
const item = (list, code, name, legalBasis, extra = {}) => ({
  list, code, name, legal_basis: legalBasis, applies_to: '城乡通用', valid_from: '2027-01-01', valid_to: '2029-12-31', ...extra,
});
const LISTS = {
  version: 7,
  source: '华溪县城乡社区治理联席会议《社区(村)工作事项清单》(示例，第 7 版)',
  items: [
    item('AUTONOMY', 'ZZ-01', '召集村民会议/居民会议', '村民委员会组织法第二十一条；城市居民委员会组织法第九条'),
    item('AUTONOMY', 'ZZ-02', '制定修改村规民约/居民公约', '村民委员会组织法第二十七条；城市居民委员会组织法第十五条'),
    item('AUTONOMY', 'ZZ-03', '村务公开', '村民委员会组织法第三十条'),
    item('AUTONOMY', 'ZZ-04', '人民调解', '村民委员会组织法第七条；人民调解法第七条'),
    item('ASSIST', 'XZ-03', '社会救助申请受理和入户调查', '社会救助暂行办法', { responsible_dept: '县民政局', funding_standard: { amount: 5, unit: '每户' }, max_frequency_per_year: 12, workload_person_days_per_year: 20 }),
    item('ASSIST', 'XZ-07', '老年人健康体检通知和组织', '城市居民委员会组织法第三条第(五)项', { responsible_dept: '县卫生健康委员会', funding_standard: { amount: 2, unit: '每人' }, max_frequency_per_year: 2, workload_person_days_per_year: 6 }),
    item('ASSIST', 'XZ-11', '兵役登记通知', '兵役法', { responsible_dept: '县人民武装部', funding_standard: { amount: 500, unit: '每社区每年' }, max_frequency_per_year: 1, workload_person_days_per_year: 2 }),
    item('ASSIST', 'XZ-12', '灾情信息报告', '突发事件应对法第六十条', { responsible_dept: '县应急管理局', funding_standard: { amount: 1200, unit: '每社区每年' }, max_frequency_per_year: 365, workload_person_days_per_year: 10 }),
    item('NEGATIVE', 'FM-01', '招商引资、协税护税', '中共中央 国务院《关于加强基层治理体系和治理能力现代化建设的意见》第七部分第(二)项'),
    item('NEGATIVE', 'FM-02', '行政执法', '中共中央 国务院《关于加强基层治理体系和治理能力现代化建设的意见》第七部分第(二)项'),
    item('NEGATIVE', 'FM-05', '要求签订责任状、实行"一票否决"', '中共中央 国务院《关于加强基层治理体系和治理能力现代化建设的意见》第七部分第(二)项'),
    item('NEGATIVE', 'FM-06', '未经统一部署的创建示范活动', '中共中央 国务院《关于加强基层治理体系和治理能力现代化建设的意见》第七部分第(二)项'),
    item('NEGATIVE', 'FM-07', '平台已有数据的重复台账', '中共中央 国务院《关于加强基层治理体系和治理能力现代化建设的意见》第六部分第(二)项（一次采集、多方利用）'),
    item('CERT_ALLOWED', 'KC-01', '居住事实证明(本委员会知晓的)', '本县可出具证明事项清单', { template: 'tpl://certificates/residence-fact-v1' }),
    item('CERT_FORBIDDEN', 'BC-01', '无犯罪记录证明', '本县不应出具证明事项清单', { issuer: '公安机关（户籍所在地或经常居住地派出所）' }),
    item('CERT_FORBIDDEN', 'BC-02', '婚姻状况证明', '本县不应出具证明事项清单', { issuer: '婚姻登记机关（民政部门）' }),
    item('CERT_FORBIDDEN', 'BC-03', '出生证明', '本县不应出具证明事项清单', { issuer: '助产医疗机构（出生医学证明）' }),
    item('CERT_FORBIDDEN', 'BC-04', '健康证明', '本县不应出具证明事项清单', { issuer: '医疗卫生机构' }),
    item('CERT_FORBIDDEN', 'BC-05', '收入证明', '本县不应出具证明事项清单', { issuer: '用人单位或税务部门' }),
    item('CERT_FORBIDDEN', 'BC-06', '房屋产权证明', '本县不应出具证明事项清单', { issuer: '不动产登记机构' }),
  ],
};
const CERTIFICATES = LISTS.items.filter((i) => i.list.startsWith('CERT_')).map((i) => i.name);

/** Datasets already on the grid platform (一次采集、多方利用): a request for a new ledger of these subjects is returned. */
const PLATFORM_DATASETS = [
  { id: 'DS-GRID-POP', name: '网格实有人口库', covers: ['实有人口', '重点人群', '老年人', '残疾人'], owner: '县社会治理中心' },
  { id: 'DS-GRID-HOUSE', name: '网格房屋库', covers: ['房屋'], owner: '县社会治理中心' },
];

// ------------------------------------------------------------------ units
const COUNTY = 'county';

// ------------------------------------------------------------------ JSON Schema pieces (FIELDS.md shapes)
const str = (title, extra = {}) => ({ type: 'string', title, ...extra });
const text = (title, max = 2000) => ({ type: 'string', title, minLength: 1, maxLength: max });
const date = (title) => ({ type: 'string', title, format: 'date' });
const dateTime = (title) => ({ type: 'string', title, format: 'date-time', pattern: '\\+08:00$' });
const bool = (title) => ({ type: 'boolean', title });
const int = (title, minimum = 0) => ({ type: 'integer', title, minimum });
const num = (title) => ({ type: 'number', title, minimum: 0, multipleOf: 0.01 });
const money = (title) => ({ type: 'number', title, minimum: 0, multipleOf: 0.01 });
const select = (title, values) => ({ type: 'string', title, enum: values });
const multi = (title, values, minItems = 0) => ({ type: 'array', title, uniqueItems: true, items: { type: 'string', enum: values }, ...(minItems ? { minItems } : {}) });
const list = (title, items, minItems = 0) => ({ type: 'array', title, items, ...(minItems ? { minItems } : {}) });
const file = (title) => ({ type: 'string', title, format: 'cf-attachment', 'x-cf-accept': ['application/pdf', 'image/*'] });
const signature = (title) => ({ type: 'string', title, format: 'cf-attachment', 'x-cf-signature': true });
const obj = (title, properties, required = []) => ({
  type: 'object', ...(title ? { title } : {}), properties, ...(required.length ? { required } : {}), additionalProperties: false,
});
/** A form: schema + the uiSchema widgets FIELDS.md prescribes. */
const form = (title, properties, required, uiSchema = {}) => ({
  title, schema: { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false }, uiSchema,
});
const W = {
  textarea: { 'ui:widget': 'textarea' }, date: { 'ui:widget': 'cf-date' }, dateTime: { 'ui:widget': 'cf-datetime' }, money: { 'ui:widget': 'cf-money' },
  file: { 'ui:widget': 'cf-file' }, signature: { 'ui:widget': 'cf-signature' }, checkboxes: { 'ui:widget': 'checkboxes' },
};
const NAME = str('姓名', { pattern: '^[\\u3400-\\u9fff·A-Za-z]{1,30}$' }); // V_NAME_ZH
const ORG_UNIT = (title) => str(title, { pattern: '^[a-z]+:[a-z0-9-]+(/[a-z]+:[a-z0-9-]+)*$' });

// ------------------------------------------------------------------ E-F1 申请准入社区(村)工作事项审批表
const LEGAL_BASIS = list('法律法规/政策依据', obj('依据', {
  kind: select('依据类别', BASIS_KINDS), doc: text('文件名称及文号', 200), article: str('条款', { maxLength: 100 }),
}, ['kind', 'doc']), 1);
const FUNDING = obj('经费', {
  amount: money('标准（元/单位）'),
  unit: select('计费单位', FUNDING_UNITS),
  units_estimated: int('预计单位数'),
  source: select('经费来源', FUNDING_SOURCES),
  payment_method: select('拨付方式', ['预拨', '按量结算']),
  payment_schedule: text('拨付计划', 500),
  zero_reason: text('不提供经费的理由（经费为 0 时填写）', 500),
}, ['amount', 'unit', 'source', 'payment_method']);
const PLAQUE = obj('挂牌', { text: text('牌子名称', 100), location: select('悬挂位置', ['门外', '室内']), size: str('尺寸', { maxLength: 50 }) }, ['text', 'location']);
const LEDGER = obj('新增台账/报表', { subject: select('采集对象', DATA_SUBJECTS), template: file('台账/报表模板') }, ['subject', 'template']);

const F1_PROPS = {
  dept_name: text('申请单位', 100),
  dept_uscc: str('单位统一社会信用代码', { format: 'cn-uscc' }),
  contact: NAME,
  phone: str('联系电话', { format: 'cn-phone' }),
  item_name: text('事项名称', 100),
  item_kind: select('事项类别', ITEM_KINDS),
  certificate_name: select('证明名称（出具证明类）', [...CERTIFICATES, '其他']),
  claimed_list_item: str('拟对应清单条目编号', { maxLength: 20 }),
  legal_basis: LEGAL_BASIS,
  content: text('具体内容'),
  scope: obj('适用范围', { all: bool('全部村(社区)'), communities: list('村(社区)', ORG_UNIT('村(社区)')) }, ['all']),
  start_date: date('开始日期'),
  end_date: date('结束日期'),
  frequency: select('频次', FREQUENCIES),
  times_per_year: int('每年次数', 1),
  workload_person_days: { type: 'number', title: '预计工作量（人·日/每社区每年）', exclusiveMinimum: 0 },
  funding: FUNDING,
  support: text('人员/设备/培训支持', 1000),
  separate_assessment: bool('是否单独考核'),
  new_ledger: bool('是否新增台账/报表'),
  ledger: LEDGER,
  plaque: PLAQUE,
  emergency: bool('紧急事项'),
  c_episode_ref: str('应急响应编号', { minLength: 1, maxLength: 40 }),
  follows_exemption: obj('应急豁免期满后的延续事项', { exemption_id: str('应急豁免编号', { minLength: 1, maxLength: 60 }), response_ended_on: date('响应结束日期') }, ['exemption_id', 'response_ended_on']),
  submitted_on: date('申请日期'),
  head_signature: signature('负责人签字'),
};
const F1 = form(t('E-F1 申请准入社区(村)工作事项审批表', 'E-F1 application to admit a community work item'), F1_PROPS,
  ['dept_name', 'dept_uscc', 'contact', 'phone', 'item_name', 'item_kind', 'legal_basis', 'content', 'scope', 'start_date', 'end_date', 'frequency', 'times_per_year',
    'workload_person_days', 'separate_assessment', 'new_ledger', 'emergency', 'submitted_on', 'head_signature'],
  {
    legal_basis: { items: { doc: W.textarea } }, content: W.textarea, start_date: W.date, end_date: W.date,
    funding: { amount: W.money, payment_schedule: W.textarea, zero_reason: W.textarea }, support: W.textarea,
    ledger: { template: W.file }, follows_exemption: { response_ended_on: W.date }, submitted_on: W.date, head_signature: W.signature,
  });

/** Rules on E-F1 beyond JSON Schema, shared by the submission and the resubmission. */
const F1_CHECKS = [
  { assert: "startsWith(form.dept_uscc, '11')", pointer: '/dept_uscc', message: t('申请单位应为机关（统一社会信用代码以 11 开头）', 'the applicant must be a government body (its credit code starts with 11)') },
  { assert: 'form.submitted_on == today', pointer: '/submitted_on', message: t('申请日期应为提交当天', 'the application date must be the day it is submitted') },
  { assert: 'form.end_date >= form.start_date', pointer: '/end_date', message: t('结束日期不能早于开始日期', 'the end date cannot be before the start date') },
  {
    assert: 'form.emergency || (form.follows_exemption != null && today <= addDays(form.follows_exemption.response_ended_on, config.emergency_post_registration_days)) || form.start_date >= addWorkingDays(today, config.apply_lead_working_days)',
    pointer: '/start_date',
    message: t('须在事项开始日期前至少 apply_lead_working_days（默认 30）个工作日提出申请；紧急事项或应急响应结束后 10 日内的延续事项除外', 'apply at least apply_lead_working_days (default 30) working days before the start date; emergencies, and continuations filed within 10 days after a response ended, are exempt'),
  },
  { assert: '!form.emergency || coalesce(form.c_episode_ref, \'\') != \'\'', pointer: '/c_episode_ref', message: t('紧急事项须填写正在进行的应急响应编号', 'an emergency item must name the running emergency response') },
  { assert: 'form.item_kind != \'挂牌\' || form.plaque != null', pointer: '/plaque', message: t('挂牌事项须填写牌子名称和悬挂位置', 'a plaque request must give the plaque text and where it hangs') },
  { assert: '!form.new_ledger || form.ledger != null', pointer: '/ledger', message: t('新增台账/报表须说明采集对象并上传模板', 'a new ledger or report must give its subject and template') },
  { assert: 'form.item_kind != \'出具证明\' || form.certificate_name != null', pointer: '/certificate_name', message: t('出具证明类事项须选择证明名称', 'a certificate request must name the certificate') },
  { assert: 'form.scope.all || len(form.scope.communities) > 0', pointer: '/scope', message: t('请选择适用的村(社区)，或勾选全部', 'choose the villages or communities concerned, or all') },
  {
    assert: 'form.funding == null || form.funding.source != \'村(社区)自有资金\'',
    pointer: '/funding/source',
    message: t('委托村(社区)办理事项所需经费由委托部门承担，不得使用村(社区)自有资金（村民委员会组织法第三十七条）', 'the entrusting department bears the cost of work it entrusts; community funds may not be used (Villagers Committee Law Art 37)'),
  },
  { assert: 'form.funding == null || form.funding.amount > 0 || coalesce(form.funding.zero_reason, \'\') != \'\'', pointer: '/funding/zero_reason', message: t('经费为 0 时须说明理由（将提交联席会议审议）', 'with zero funding give a reason (the joint body then decides)') },
];
/** Derived when E-F1 is submitted: whether the ledger's data already exists on the platform (E-F1 data_exists_ref). */
const F1_SET = {
  data_exists_ref: 'form.new_ledger && form.ledger != null ? coalesce(find(config.platform_datasets, d => contains(d.covers, form.ledger.subject)), null) : null',
  suggested_match: 'coalesce(find(config.lists.items, i => i.code == form.claimed_list_item), find(config.lists.items, i => i.name == form.item_name || i.name == form.certificate_name), null)',
  // Warnings do not block (the engine has no non-blocking check): they are recorded for the reviewers.
  warnings: "filter([every(form.legal_basis, b => b.kind == '部门内部通知') ? '仅以部门内部通知为依据' : null, form.separate_assessment ? '要求单独考核' : null], w => w != null)",
};

// ------------------------------------------------------------------ other forms of the access request
const F2 = form(t('E-F2 乡镇/街道初审意见', 'E-F2 township / street pre-check opinion'), {
  completeness: select('材料是否齐全', ['齐全', '需补正']),
  missing: multi('需补正的内容', ['法律法规/政策依据', '适用范围', '工作量', '经费', '其他'], 0),
  local_fit: text('是否符合本地实际'),
  duplicate_of: str('与已有清单条目或申请重复', { maxLength: 60 }),
  recommendation: select('初审建议', ['建议准入', '建议不予准入', '建议提交联席会议']),
  reviewer: NAME,
  reviewed_on: date('初审日期'),
}, ['completeness', 'local_fit', 'recommendation', 'reviewer', 'reviewed_on'], { missing: W.checkboxes, local_fit: W.textarea, reviewed_on: W.date });

/** The start input: which township / street office pre-checks (its org unit, under the county). */
const START = form(t('发起准入申请：初审的乡镇(街道)', 'start a request: the township / street that pre-checks'), {
  precheck_unit: str('负责初审的乡镇(街道)组织单元（如 county:huaxi/town:dongshan）', { pattern: '^county:[a-z0-9_-]+/town:[a-z0-9_-]+$', maxLength: 120 }),
}, ['precheck_unit']);

const MATCH = form(t('清单比对确认（民政局）', 'list match confirmation (civil-affairs bureau)'), {
  list: select('比对结果（清单）', [...LIST_KINDS, '未列入清单']),
  code: str('清单条目编号', { maxLength: 20 }),
  request_type: select('申请类型', ['清单内事项', '新增事项', '挂牌', '工作机制', '例外请求']),
  deviation_reason: text('与系统建议不一致的理由', 1000),
  note: text('比对说明', 1000),
}, ['list', 'request_type', 'note'], { deviation_reason: W.textarea, note: W.textarea });

const MEMBER_UNITS = ['民政局', '组织部', '社会工作部', '财政局', '申请部门', '司法局', '其他成员单位'];
const F3 = form(t('E-F3 联席会议/减负工作组审议决定', 'E-F3 decision of the joint meeting / burden-reduction group'), {
  meeting_date: date('会议日期'),
  members_present: list('出席成员', obj('成员', { unit: select('成员单位', MEMBER_UNITS), name: NAME }, ['unit', 'name']), 1),
  decision: select('决定', ['准入(新增清单条目)', '准入(附条件)', '不予准入', '撤销', '维持准入']),
  funding_needed: bool('该事项是否需要经费'),
  conditions: text('准入条件（经费、频次、不单独考核等）', 1000),
  new_list_item: obj('新增清单条目', {
    code: str('条目编号', { pattern: '^XZ-[0-9]{2,3}$' }), name: text('条目名称', 100),
    funding_standard: obj('经费标准', { amount: money('标准（元/单位）'), unit: select('计费单位', FUNDING_UNITS) }, ['amount', 'unit']),
    max_frequency_per_year: int('每年最多次数', 1), valid_to: date('有效期至'),
  }, ['code', 'name', 'funding_standard', 'max_frequency_per_year', 'valid_to']),
  reasons: text('理由', 2000),
  doc_no: text('文号', 60),
  signatures: list('签字', signature('签字'), 1),
}, ['meeting_date', 'members_present', 'decision', 'funding_needed', 'reasons', 'doc_no', 'signatures'], {
  meeting_date: W.date, conditions: W.textarea, new_list_item: { funding_standard: { amount: W.money }, valid_to: W.date }, reasons: W.textarea,
  signatures: { items: W.signature },
});

const PLAQUE_REVIEW_FORM = form(t('挂牌备案审核（组织部、民政局）', 'plaque filing review (organisation department, civil affairs)'), {
  decision: select('审核意见', ['同意室内标识', '不同意']),
  reason: text('理由', 1000),
  reviewed_on: date('审核日期'),
}, ['decision', 'reason', 'reviewed_on'], { reason: W.textarea, reviewed_on: W.date });

const F4 = form(t('E-F4 准入事项登记', 'E-F4 admitted-item register entry'), {
  item_id: text('准入事项编号', 60),
  funding_paid: list('经费拨付', obj('拨付', { date: date('拨付日期'), amount: money('金额（元）') }, ['date', 'amount'])),
  task_types: list('绑定的任务类型', str('任务类型', { minLength: 1, maxLength: 100 })),
  complaints: list('投诉/意见', text('内容', 500)),
  propose_revocation: bool('提请撤销审议'),
  revocation_reason: text('提请撤销理由', 1000),
}, ['item_id', 'propose_revocation'], {
  funding_paid: { items: { date: W.date, amount: W.money } }, complaints: { items: W.textarea }, revocation_reason: W.textarea,
});

const COMPLAINT = form(t('村(社区)对准入事项的意见', 'community objection to an admitted item'), {
  kind: select('意见类别', ['投诉', '群众普遍不认可', '经费未拨付', '超出频次或范围', '其他']),
  content: text('具体情况'),
  evidence: file('证据材料'),
  reported_at: dateTime('报送时间'),
}, ['kind', 'content', 'reported_at'], { content: W.textarea, evidence: W.file, reported_at: W.dateTime });

const WITHDRAW = form(t('部门撤回准入事项', 'department withdraws the admitted item'), {
  reason: text('撤回理由', 1000), withdrawn_on: date('撤回日期'),
}, ['reason', 'withdrawn_on'], { reason: W.textarea, withdrawn_on: W.date });

const RENEW = form(t('准入事项续期申请', 'renewal of an admitted item'), {
  continue: bool('申请续期'),
  workload_actual_person_days: { type: 'number', title: '实际工作量（人·日/每社区）', minimum: 0 },
  funding_due_total: money('应拨经费（元）'),
  funding_paid_total: money('已拨经费（元）'),
  note: text('说明', 1000),
}, ['continue', 'workload_actual_person_days', 'funding_due_total', 'funding_paid_total'], { funding_due_total: W.money, funding_paid_total: W.money, note: W.textarea });

const RENEW_REVIEW = form(t('续期审核（民政局）', 'renewal review (civil-affairs bureau)'), {
  decision: select('审核结果', ['续期', '不予续期']), reason: text('理由', 1000),
}, ['decision', 'reason'], { reason: W.textarea });

// ------------------------------------------------------------------ config
const cfg = (value, tag, zh, en, basisZh, basisEn) => ({ value, tag, title: t(zh, en), ...(basisZh ? { basis: t(basisZh, basisEn) } : {}) });
const LAW_CONFIG = {
  autonomy_matters_not_assignable: cfg(true, 'L', '自治事项不得指派（只能指导、支持和帮助）', 'self-governance matters cannot be assigned (guidance and support only)',
    '村民委员会组织法第五条、第三十六条第三款；城市居民委员会组织法第二条', 'Villagers Committee Law Art 5, 36 ¶3; Residents Committee Law Art 2'),
  entrusting_department_bears_funding: cfg(true, 'L', '委托事项所需经费由委托部门承担', 'the entrusting department bears the cost of entrusted work',
    '村民委员会组织法第三十七条', 'Villagers Committee Law Art 37'),
  assistance_arranged_by_district_or_street: cfg(true, 'L', '部门需居委会协助的，由区政府或街道统一安排', 'department requests for help are arranged by the district government or street office',
    '城市居民委员会组织法第二十条', 'Residents Committee Law Art 20'),
};
const ACCESS_CONFIG = {
  ...LAW_CONFIG,
  lists: cfg(LISTS, 'Loc', '社区(村)工作事项清单（依法自治、协助政府、减负/负面、证明事项）', 'the list register (self-governance, assistance, negative, certificate lists)',
    '县(区)发布的清单，例如湘民发〔2020〕41号、郑州二七区准入办法；示例条目须替换', 'published by the county, e.g. Hunan 湘民发〔2020〕41号, Zhengzhou Erqi; the example items must be replaced'),
  platform_datasets: cfg(PLATFORM_DATASETS, 'Loc', '网格平台已有数据集', 'datasets already on the grid platform',
    '《关于加强基层治理体系和治理能力现代化建设的意见》第六部分第(二)项：一次采集、多方利用', 'seed 000 §六(二): collect once, use many times'),
  apply_lead_working_days: cfg(30, 'Loc', '申请提前量（工作日）', 'application lead time (working days)', '北京西城区社区事务准入（S29）', 'Beijing Xicheng access rules (S29)'),
  precheck_working_days: cfg(5, 'Inf', '乡镇/街道初审时限（工作日）', 'township pre-check limit (working days)'),
  joint_decision_working_days: cfg(15, 'Loc', '联席会议决定时限（工作日）', 'joint body decision limit (working days)', '北京西城区社区事务准入（S29）', 'Beijing Xicheng access rules (S29)'),
  supplement_deadline_working_days: cfg(10, 'Inf', '补正时限（工作日，逾期视为撤回）', 'supplement limit (working days, then withdrawn)'),
  admission_validity_months: cfg(12, 'Inf', '准入有效期（月，期满复核续期）', 'admission validity (months, renewable after review)'),
  renewal_reply_working_days: cfg(10, 'Inf', '续期申请时限（工作日，逾期退出）', 'renewal reply limit (working days, then exited)'),
  emergency_post_registration_days: cfg(10, 'Inf', '应急响应结束后补办准入申请的期限（日）', 'days after a response ends to file a normal request'),
  standard_plaques_urban: cfg(['社区党组织', '社区居民委员会', '社区居务监督委员会'], 'P', '城市社区党群服务中心门外标准挂牌', 'standard plaques at the gate of an urban community centre',
    '湖南城市基层党建"22条措施"（seed 001）', 'Hunan urban Party-building measures (seed 001)'),
  standard_plaques_village: cfg(['村党组织', '村民委员会', '村务监督委员会'], 'Inf', '村级组织门外标准挂牌', 'standard plaques of a village',
    '厅字〔2022〕28号全文未读，无权威默认值', '厅字〔2022〕28号 not read; no authoritative default'),
  joint_body_quorum: cfg(3, 'Loc', '联席会议最少出席成员单位数', 'joint body quorum (member units present)', '联席会议议事规则', 'the joint body\'s rules of procedure'),
  dept_may_not_assess_admitted_items: cfg(true, 'Loc', '部门不得对准入事项单独考核评比', 'departments may not assess communities on admitted items on their own', '郑州二七区准入办法（S29）', 'Zhengzhou Erqi access rules (S29)'),
};

// ------------------------------------------------------------------ expressions
const q = (xs) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const REQ = 'data.request';
const NEEDS_FUNDING = `${REQ}.item_kind in ${q(FUNDED_KINDS)}`;
const HAS_FUNDING = `${REQ}.funding != null`;
const MATCH_LIST = 'data.match.list';
const ITEM = 'data.matched_item';
const FUNDING_OK = `${HAS_FUNDING} && ${REQ}.funding.unit == ${ITEM}.funding_standard.unit && ${REQ}.funding.amount >= ${ITEM}.funding_standard.amount`;
const FREQUENCY_OK = `${REQ}.times_per_year <= ${ITEM}.max_frequency_per_year`;
const NO_ASSESSMENT = `!${REQ}.separate_assessment`;
const ASSIST_OK = `${FUNDING_OK} && ${FREQUENCY_OK} && ${NO_ASSESSMENT}`;
const ADMITTED_DECISIONS = ['准入(新增清单条目)', '准入(附条件)'];

const trail = (state) => ({ trail: `concat(coalesce(data.trail, []), ['${state}'])` });
const admit = (kind) => ({
  ...trail(kind),
  'admission.item_id': `'ZR-' + case.id`,
  'admission.kind': `'${kind}'`,
  'admission.dept_unit': 'case.orgUnit',
  'admission.dept_name': `${REQ}.dept_name`,
  'admission.item_name': `${REQ}.item_name`,
  'admission.scope': `${REQ}.scope`,
  'admission.valid_from': 'today',
  'admission.valid_until': 'addDays(addMonths(today, config.admission_validity_months), -1)',
  'admission.status': "'ACTIVE'",
  'admission.list_item': `${ITEM} == null ? null : ${ITEM}.code`,
});
const notifyDept = (zh, en) => ({ role: 'REQ_DEPT', message: t(zh, en) });
const notifySec = (zh, en) => ({ role: 'CIVIL_SEC', level: COUNTY, message: t(zh, en) });

// ------------------------------------------------------------------ the access request (process.json)
const roles = {
  REQ_DEPT: { title: t('申请部门', 'requesting department'), description: t('县(区)职能部门或乡镇(街道)，在本部门的组织单元', 'a county department or township office, at its own org unit') },
  TWP_REVIEW: { title: t('乡镇/街道初审', 'township / street pre-check'), description: t('乡镇(街道)社区治理办公室', 'the township or street community-governance office') },
  CIVIL_SEC: { title: t('民政局（联席会议/减负工作组办公室）', 'civil-affairs bureau (secretariat)') },
  JOINT_BODY: { title: t('城乡社区治理联席会议/减负工作组', 'joint meeting / burden-reduction group') },
  PLAQUE_REVIEW: { title: t('组织部+民政局（挂牌备案审核）', 'organisation department + civil affairs (plaque review)') },
  COMMUNITY: { title: t('村(居)委会', 'village / residents\' committee') },
  SUPERVISOR: { title: t('督查/纪检（作风）', 'supervision / discipline inspection') },
};

const accessSteps = {
  submit: {
    kind: 'task', title: t('填报准入申请（E-F1）', 'file the access application (E-F1)'), form: 'E_F1', assignee: { role: 'REQ_DEPT' }, saveAs: 'request',
    checks: F1_CHECKS, set: { ...F1_SET, ...trail('SUBMITTED') }, next: 'precheck',
  },
  precheck: {
    kind: 'task', title: t('乡镇/街道初审（E-F2）', 'township / street pre-check (E-F2)'), form: 'E_F2', assignee: { role: 'TWP_REVIEW', orgUnit: 'data.precheck_unit' },
    deadline: {
      at: 'addWorkingDays(today, config.precheck_working_days)', basis: t('precheck_working_days（推定，默认 5 个工作日）', 'precheck_working_days [Inf], default 5 working days'),
      onExpiry: { notify: [notifySec('乡镇/街道初审已超期', 'the township pre-check is overdue')] },
    },
    checks: [{ assert: "form.completeness == '齐全' || len(form.missing) > 0", pointer: '/missing', message: t('需补正时请列出需补正的内容', 'list what must be supplemented') }],
    next: [
      { when: "form.completeness == '需补正'", to: 'supplement', set: { return_reasons: 'form.missing', ...trail('RETURNED_FOR_SUPPLEMENT') }, notify: [notifyDept('准入申请需补正', 'the access application must be supplemented')] },
      {
        when: 'data.data_exists_ref != null', to: 'supplement',
        set: { return_reasons: "['平台已有数据，建议改为申请数据共享']", recommendation: "'DATA_SHARING'", ...trail('RETURNED_FOR_SUPPLEMENT') },
        notify: [notifyDept('所需数据已在网格平台，请改为申请数据共享（一次采集、多方利用）', 'the data already exists on the grid platform; apply for data sharing instead (collect once, use many times)')],
      },
      {
        when: `${NEEDS_FUNDING} && !(${HAS_FUNDING})`, to: 'supplement',
        set: { return_reasons: "['未提供经费和工作条件']", ...trail('RETURNED_FOR_SUPPLEMENT') },
        notify: [notifyDept('需村(社区)协助的事项应提供必要的经费和工作条件，请补正', 'work the community must help with needs funding and working conditions; please supplement')],
      },
      { to: 'listMatch', set: trail('LIST_MATCH') },
    ],
  },
  supplement: {
    kind: 'task', title: t('补正后重新提交（E-F1）', 'supplement and resubmit (E-F1)'), form: 'E_F1', assignee: { role: 'REQ_DEPT' }, saveAs: 'request',
    checks: F1_CHECKS, set: { ...F1_SET, ...trail('RESUBMITTED') },
    deadline: {
      at: 'addWorkingDays(today, config.supplement_deadline_working_days)', basis: t('supplement_deadline_working_days（推定，默认 10 个工作日，逾期视为撤回）', 'supplement_deadline_working_days [Inf], default 10 working days, then withdrawn'),
      onExpiry: { goto: 'withdrawn', set: trail('WITHDRAWN'), notify: [notifySec('逾期未补正，申请视为撤回', 'not supplemented in time: the application is withdrawn')] },
    },
    next: 'precheck',
  },
  listMatch: {
    kind: 'task', title: t('清单比对确认', 'confirm the list match'), form: 'E_MATCH', assignee: { role: 'CIVIL_SEC', level: COUNTY }, saveAs: 'match',
    checks: [
      { assert: "form.list == '未列入清单' || some(config.lists.items, i => i.code == form.code && i.list == form.list)", pointer: '/code', message: t('清单条目编号不在所选清单中', 'the item code is not on the chosen list') },
      { assert: "data.suggested_match == null || form.code == data.suggested_match.code || coalesce(form.deviation_reason, '') != ''", pointer: '/deviation_reason', message: t('比对结果与系统建议不一致，请说明理由', 'the match differs from the suggestion; give a reason') },
    ],
    set: { matched_item: "form.list == '未列入清单' ? null : find(config.lists.items, i => i.code == form.code)" },
    next: 'routeByList',
  },
  routeByList: {
    kind: 'decision', title: t('按清单分流', 'route by list'),
    next: [
      {
        when: `${REQ}.item_kind == '挂牌' && ${REQ}.plaque.location == '门外'`, to: 'rejected',
        label: t('门外增挂牌子：不予准入', 'an extra plaque at the gate: refused'),
        set: {
          ...trail('REJECTED'), 'decision.reason': "'PLAQUE_OUTSIDE'",
          'decision.basis': "'城市社区党群服务中心门外一般只挂社区党组织、居民委员会、居务监督委员会 3 块牌子（seed 001）'",
          'decision.standard_plaques': 'config.standard_plaques_urban',
        },
        notify: [notifyDept('门外增挂牌子不予准入；确需挂牌的，可申请在室内适当位置标识（须组织部、民政局备案审核）', 'an extra plaque at the gate is refused; a sign inside may be requested (filing review by the organisation department and civil affairs)')],
      },
      {
        when: `${MATCH_LIST} in ['NEGATIVE', 'CERT_FORBIDDEN']`, to: 'rejectedNegative',
        set: {
          ...trail('REJECTED_NEGATIVE'), 'decision.reason': MATCH_LIST, 'decision.list_item': `${ITEM}.code`, 'decision.item_name': `${ITEM}.name`,
          'decision.basis': `${ITEM}.legal_basis`, 'decision.policy': "'未经党委和政府统一部署，各职能部门不得将自身权责事项派交村(社区)承担（中共中央 国务院 2021 年意见第七部分第(二)项）'",
          'decision.referral': `coalesce(${ITEM}.issuer, null)`,
        },
        notify: [notifyDept('该事项属负面清单/不应出具证明事项，不予准入', 'the item is on the negative or forbidden-certificate list: refused'), notifySec('负面清单事项已驳回', 'negative-list request refused')],
      },
      {
        when: `${MATCH_LIST} == 'AUTONOMY' && config.autonomy_matters_not_assignable`, to: 'redirectedAutonomy',
        set: { ...trail('REDIRECTED_AUTONOMY'), 'decision.reason': "'AUTONOMY'", 'decision.list_item': `${ITEM}.code`, 'decision.basis': `${ITEM}.legal_basis` },
        notify: [notifyDept('该事项属村(居)民自治事项：部门只能指导、支持和帮助，可向村(社区)提出建议，不得下派任务', 'a self-governance matter: the department may only guide and support, and may send a suggestion; no task is created')],
      },
      { when: `${MATCH_LIST} == 'CERT_ALLOWED'`, to: 'active', set: { ...admit('ADMITTED_STANDARD'), 'admission.template': `${ITEM}.template` }, notify: [notifyDept('证明事项已准入，使用清单模板', 'the certificate is admitted with the list template')] },
      { when: `${MATCH_LIST} == 'ASSIST' && ${ASSIST_OK}`, to: 'active', set: admit('ADMITTED_STANDARD'), notify: [notifyDept('事项已按协助政府工作事项清单准入', 'admitted as an item of the assistance list')] },
      { when: `${MATCH_LIST} == 'ASSIST' && ${HAS_FUNDING} && ${REQ}.funding.amount == 0`, to: 'jointReview', set: { ...trail('JOINT_REVIEW'), exception: "'ZERO_FUNDING'" } },
      {
        when: `${MATCH_LIST} == 'ASSIST'`, to: 'supplement',
        set: {
          ...trail('RETURNED_FOR_SUPPLEMENT'),
          return_reasons: `filter([${FUNDING_OK} ? null : '经费低于清单标准', ${FREQUENCY_OK} ? null : '超出清单最高频次', ${NO_ASSESSMENT} ? null : '不得单独考核'], x => x != null)`,
        },
        notify: [notifyDept('未满足清单条件（经费、频次、不单独考核），请补正', 'the list conditions are not met (funding, frequency, no separate assessment); please supplement')],
      },
      { to: 'jointReview', set: trail('JOINT_REVIEW') },
    ],
  },
  jointReview: {
    kind: 'parallel', title: t('联席会议审议（挂牌另行备案审核）', 'joint review (plaques: filing review in parallel)'), join: 'all',
    branches: [
      {
        id: 'body', title: t('联席会议', 'joint body'), start: 'jointDecision',
        steps: {
          jointDecision: {
            kind: 'task', title: t('联席会议审议决定（E-F3）', 'joint body decision (E-F3)'), form: 'E_F3', assignee: { role: 'JOINT_BODY', level: COUNTY },
            deadline: {
              at: 'addWorkingDays(today, config.joint_decision_working_days)', basis: t('joint_decision_working_days（西城，默认 15 个工作日）', 'joint_decision_working_days (Xicheng), default 15 working days'),
              onExpiry: { notify: [notifySec('联席会议审议已超期', 'the joint decision is overdue'), { role: 'SUPERVISOR', level: COUNTY, message: t('准入审议超期，请督办', 'an access decision is overdue') }] },
            },
            checks: [
              { assert: 'len(unique(map(form.members_present, m => m.unit))) >= config.joint_body_quorum', pointer: '/members_present', message: t('出席成员单位不足联席会议议事规则规定的人数', 'fewer member units present than the joint body\'s quorum') },
              { assert: `form.decision in ${q([...ADMITTED_DECISIONS, '不予准入'])}`, pointer: '/decision', message: t('新申请只能决定准入或不予准入', 'a new request can only be admitted or refused') },
              {
                assert: `!(form.decision in ${q(ADMITTED_DECISIONS)}) || !form.funding_needed || (${HAS_FUNDING} && ${REQ}.funding.amount > 0 && config.entrusting_department_bears_funding)`,
                pointer: '/decision',
                message: t('需要经费的事项，未由委托部门提供经费的不得准入（村民委员会组织法第三十七条）', 'an item that needs funds cannot be admitted unless the entrusting department pays (Villagers Committee Law Art 37)'),
              },
              {
                assert: `!(form.decision in ${q(ADMITTED_DECISIONS)}) || !${REQ}.separate_assessment || !config.dept_may_not_assess_admitted_items`,
                pointer: '/decision',
                message: t('部门不得对准入事项单独考核评比：申请要求单独考核的，须先改为不单独考核', 'departments may not assess communities on admitted items: the request must drop its separate assessment first'),
              },
              { assert: "form.decision != '准入(新增清单条目)' || form.new_list_item != null", pointer: '/new_list_item', message: t('新增清单条目须填写编号、名称、经费标准和有效期', 'a new list item needs code, name, funding standard and validity') },
              { assert: "form.decision != '准入(新增清单条目)' || !some(config.lists.items, i => i.code == form.new_list_item.code)", pointer: '/new_list_item/code', message: t('该编号已在清单中', 'that code is already on the list') },
              { assert: "form.decision != '准入(附条件)' || coalesce(form.conditions, '') != ''", pointer: '/conditions', message: t('附条件准入须写明条件', 'a conditional admission must state its conditions') },
            ],
            next: 'bodyDone',
          },
          bodyDone: { kind: 'end', outcome: 'decided', title: t('已审议', 'decided') },
        },
      },
      {
        id: 'plaque', title: t('挂牌备案审核', 'plaque filing review'), start: 'plaqueNeeded',
        steps: {
          plaqueNeeded: {
            kind: 'decision', title: t('是否挂牌', 'plaque?'),
            next: [{ when: `${REQ}.item_kind == '挂牌'`, to: 'plaqueReview', set: trail('PLAQUE_REVIEW') }, { to: 'noPlaque' }],
          },
          plaqueReview: {
            kind: 'jointReview', title: t('室内标识备案审核', 'review of an indoor sign'), form: 'E_PLAQUE',
            reviewers: [
              { id: 'zuzhibu', title: t('市委组织部', 'city organisation department'), unit: 'city:jiangcheng/dept:zuzhibu' },
              { id: 'minzheng', title: t('市民政局', 'city civil-affairs bureau'), unit: 'city:jiangcheng/dept:minzheng' },
            ],
            assignee: { role: 'PLAQUE_REVIEW', orgUnit: 'reviewer.unit' }, decisionField: 'decision', approveValues: ['同意室内标识'], rejectValues: ['不同意'],
            join: { rule: 'all' }, veto: true, saveAs: 'plaque_review',
            deadline: { at: 'addWorkingDays(today, config.joint_decision_working_days)', basis: t('与联席会议审议同时限（推定）', 'same limit as the joint decision [Inf]') },
            next: { approved: 'plaqueOk', rejected: 'plaqueRefused', overdue: 'plaqueRefused' },
          },
          plaqueOk: { kind: 'end', outcome: 'approved', title: t('同意室内标识', 'indoor sign approved') },
          plaqueRefused: { kind: 'end', outcome: 'rejected', title: t('不同意', 'refused') },
          noPlaque: { kind: 'end', outcome: 'none', title: t('无需挂牌审核', 'no plaque') },
        },
      },
    ],
    next: [
      {
        when: `data.jointDecision.decision == '准入(新增清单条目)' && (${REQ}.item_kind != '挂牌' || data.plaque_review.outcome == 'approved')`, to: 'active',
        set: {
          ...admit('ADMITTED_NEW'),
          'list_update.base_version': 'config.lists.version', 'list_update.version': 'config.lists.version + 1', 'list_update.list': "'ASSIST'",
          'list_update.added': 'data.jointDecision.new_list_item', 'list_update.doc_no': 'data.jointDecision.doc_no', 'admission.list_item': 'data.jointDecision.new_list_item.code',
        },
        notify: [notifyDept('联席会议决定准入，新增协助政府工作事项清单条目', 'the joint body admitted the item and added it to the assistance list'), notifySec('请发布新版清单', 'publish the new list version')],
      },
      {
        when: `data.jointDecision.decision == '准入(附条件)' && (${REQ}.item_kind != '挂牌' || data.plaque_review.outcome == 'approved')`, to: 'active',
        set: { ...admit('ADMITTED_NEW'), 'admission.conditions': 'data.jointDecision.conditions' },
        notify: [notifyDept('联席会议决定附条件准入', 'the joint body admitted the item with conditions')],
      },
      {
        to: 'rejected',
        set: { ...trail('REJECTED'), 'decision.reason': "data.jointDecision.decision == '不予准入' ? 'JOINT_BODY' : 'PLAQUE_REVIEW'", 'decision.basis': "'未纳入清单的事项原则上不得转嫁给社区（湖南 22 条措施）'", 'decision.doc_no': 'data.jointDecision.doc_no' },
        notify: [notifyDept('不予准入，村(社区)可拒绝执行该事项', 'refused; communities may refuse the task')],
      },
    ],
  },
  active: {
    kind: 'parallel', title: t('准入事项有效（ACTIVE）', 'admitted item in force (ACTIVE)'), join: 'any',
    branches: [
      {
        id: 'register', title: t('登记', 'register'), start: 'activeRecord',
        steps: {
          activeRecord: {
            kind: 'task', title: t('准入事项登记（E-F4）', 'admitted-item register (E-F4)'), form: 'E_F4', assignee: { role: 'CIVIL_SEC', level: COUNTY }, saveAs: 'register_entry',
            checks: [
              { assert: 'form.item_id == data.admission.item_id', pointer: '/item_id', message: t('准入事项编号与本事项不一致', 'the item id is not this item\'s') },
              { assert: "!form.propose_revocation || coalesce(form.revocation_reason, '') != ''", pointer: '/revocation_reason', message: t('提请撤销须说明理由', 'give the reason for proposing revocation') },
            ],
            next: [{ when: 'form.propose_revocation', to: 'registerExit', set: { active_exit: "'REVOCATION'", revocation_trigger: 'form.revocation_reason' } }, { to: 'activeRecord' }],
          },
          registerExit: { kind: 'end', outcome: 'exit', title: t('提请撤销', 'revocation proposed') },
        },
      },
      {
        id: 'community', title: t('村(社区)意见', 'community objections'), start: 'communityObjection',
        steps: {
          communityObjection: {
            kind: 'task', title: t('村(社区)对准入事项提出意见', 'community objects to the admitted item'), form: 'E_COMPLAINT', assignee: { role: 'COMMUNITY', level: COUNTY, match: 'subtree' },
            next: [{ to: 'communityExit', set: { active_exit: "'REVOCATION'", revocation_trigger: 'form.kind' } }],
          },
          communityExit: { kind: 'end', outcome: 'exit', title: t('提出意见', 'objection raised') },
        },
      },
      {
        id: 'department', title: t('部门撤回', 'department withdrawal'), start: 'deptWithdraw',
        steps: {
          deptWithdraw: {
            kind: 'task', title: t('撤回准入事项', 'withdraw the admitted item'), form: 'E_WITHDRAW', assignee: { role: 'REQ_DEPT' },
            next: [{ to: 'deptExit', set: { active_exit: "'WITHDRAWN'" } }],
          },
          deptExit: { kind: 'end', outcome: 'exit', title: t('部门撤回', 'withdrawn') },
        },
      },
      {
        id: 'validity', title: t('有效期', 'validity'), start: 'validUntil',
        steps: {
          validUntil: {
            kind: 'wait', title: t('有效期届满', 'validity ends'), until: 'data.admission.valid_until', basis: t('admission_validity_months（推定，默认 1 年，复核续期）', 'admission_validity_months [Inf], default 1 year, renewable'),
            next: [{ to: 'validityExit', set: { active_exit: "'RENEWAL'" } }],
          },
          validityExit: { kind: 'end', outcome: 'exit', title: t('有效期届满', 'expired') },
        },
      },
    ],
    next: [
      { when: "data.active_exit == 'RENEWAL'", to: 'renewal', set: trail('RENEWAL_REVIEW'), notify: [notifyDept('准入事项有效期届满，请提交续期申请', 'the admission has expired; submit a renewal')] },
      { when: "data.active_exit == 'REVOCATION'", to: 'revocationReview', set: trail('REVOCATION_REVIEW'), notify: [notifySec('准入事项提请撤销审议', 'revocation review requested')] },
      { to: 'exited', set: { ...trail('EXITED'), 'admission.status': "'EXITED'", exit_reason: "'部门撤回'" }, notify: [notifySec('部门撤回准入事项', 'the department withdrew the item')] },
    ],
  },
  renewal: {
    kind: 'task', title: t('续期申请', 'renewal application'), form: 'E_RENEW', assignee: { role: 'REQ_DEPT' }, saveAs: 'renewal',
    deadline: {
      at: 'addWorkingDays(today, config.renewal_reply_working_days)', basis: t('renewal_reply_working_days（推定）', 'renewal_reply_working_days [Inf]'),
      onExpiry: { goto: 'exited', set: { ...trail('EXITED'), 'admission.status': "'EXITED'", exit_reason: "'期满未续期'" } },
    },
    next: [
      { when: '!form.continue', to: 'exited', set: { ...trail('EXITED'), 'admission.status': "'EXITED'", exit_reason: "'期满不再续期'" } },
      { to: 'renewalReview' },
    ],
  },
  renewalReview: {
    kind: 'task', title: t('续期审核', 'renewal review'), form: 'E_RENEW_REVIEW', assignee: { role: 'CIVIL_SEC', level: COUNTY }, saveAs: 'renewal_review',
    next: [
      {
        when: "form.decision == '续期'", to: 'active',
        set: { ...trail('ACTIVE'), 'admission.valid_from': 'today', 'admission.valid_until': 'addDays(addMonths(today, config.admission_validity_months), -1)', 'admission.renewals': 'coalesce(data.admission.renewals, 0) + 1' },
      },
      { to: 'exited', set: { ...trail('EXITED'), 'admission.status': "'EXITED'", exit_reason: "'续期审核未通过'" }, notify: [notifyDept('续期未获通过，事项退出', 'renewal refused; the item exits')] },
    ],
  },
  revocationReview: {
    kind: 'task', title: t('撤销审议（E-F3）', 'revocation review (E-F3)'), form: 'E_F3', assignee: { role: 'JOINT_BODY', level: COUNTY }, saveAs: 'revocation',
    deadline: {
      at: 'addWorkingDays(today, config.joint_decision_working_days)', basis: t('joint_decision_working_days（西城）', 'joint_decision_working_days (Xicheng)'),
      onExpiry: { notify: [{ role: 'SUPERVISOR', level: COUNTY, message: t('撤销审议超期，请督办', 'the revocation review is overdue') }] },
    },
    checks: [
      { assert: 'len(unique(map(form.members_present, m => m.unit))) >= config.joint_body_quorum', pointer: '/members_present', message: t('出席成员单位不足联席会议议事规则规定的人数', 'fewer member units present than the joint body\'s quorum') },
      { assert: "form.decision in ['撤销', '维持准入']", pointer: '/decision', message: t('撤销审议只能决定撤销或维持准入', 'a revocation review decides to revoke or to keep') },
    ],
    next: [
      { when: "form.decision == '撤销'", to: 'exited', set: { ...trail('EXITED'), 'admission.status': "'EXITED'", exit_reason: "'撤销'" }, notify: [notifyDept('准入事项已撤销', 'the admitted item is revoked')] },
      { to: 'active', set: trail('ACTIVE') },
    ],
  },
  rejectedNegative: { kind: 'end', outcome: 'REJECTED_NEGATIVE', title: t('属负面清单，不予准入', 'on the negative list: refused') },
  redirectedAutonomy: { kind: 'end', outcome: 'REDIRECTED_AUTONOMY', title: t('属自治事项，只能指导支持', 'a self-governance matter: guidance only') },
  rejected: { kind: 'end', outcome: 'REJECTED', title: t('不予准入', 'refused') },
  withdrawn: { kind: 'end', outcome: 'WITHDRAWN', title: t('视为撤回', 'withdrawn') },
  exited: { kind: 'end', outcome: 'EXITED', title: t('退出（撤销、到期或撤回）', 'exited (revoked, expired or withdrawn)') },
};

const anyObject = (description) => ({ type: 'object', description });
const anyList = (description) => ({ type: 'array', description });
const accessData = {
  schema: {
    type: 'object',
    properties: {
      precheck_unit: { type: 'string', description: '负责初审的乡镇(街道)组织单元（宿主按适用范围确定）' },
      request: anyObject('E-F1（最近一次提交）'),
      precheck: anyObject('E-F2'),
      match: anyObject('清单比对确认'),
      suggested_match: anyObject('系统建议的清单条目'),
      matched_item: anyObject('确认的清单条目'),
      data_exists_ref: anyObject('平台已有数据集（E-F1 data_exists_ref）'),
      return_reasons: anyList('退回补正理由'),
      recommendation: { type: 'string' },
      exception: { type: 'string' },
      decision: anyObject('决定书要点：reason, list_item, basis, referral …'),
      warnings: anyList('提示（不阻止提交）：仅有内部通知为依据、要求单独考核'),
      jointDecision: anyObject('E-F3'),
      plaque_review: anyObject('挂牌备案审核结果'),
      list_update: anyObject('新增清单条目：base_version → version'),
      admission: anyObject('准入记录：item_id, kind, valid_from, valid_until, status …'),
      register_entry: anyObject('E-F4'),
      active_exit: { type: 'string' },
      revocation_trigger: { type: 'string' },
      renewal: anyObject('续期申请'),
      renewal_review: anyObject('续期审核'),
      revocation: anyObject('撤销审议 E-F3'),
      exit_reason: { type: 'string' },
      trail: anyList('经过的状态（领域状态图）'),
    },
  },
};

const accessProcess = {
  schemaVersion: 1,
  id: 'community-affairs-access',
  version: 1,
  title: t('社区(村)事务准入', 'community affairs access'),
  description: t(
    '部门将工作事项下派村(社区)前，按依法自治、依法协助政府、减负(负面)清单及证明事项清单审核准入（村民委员会组织法第五条、第三十七条；城市居民委员会组织法第二十条）。一次申请一个事项。',
    'Before a department places a work item on a village or community, the request is checked against the self-governance, assistance, negative and certificate lists (Villagers Committee Law Art 5, 37; Residents Committee Law Art 20). One case per item.',
  ),
  roles,
  forms: {
    E_START: START, E_F1: F1, E_F2: F2, E_MATCH: MATCH, E_F3: F3, E_PLAQUE: PLAQUE_REVIEW_FORM, E_F4: F4, E_COMPLAINT: COMPLAINT, E_WITHDRAW: WITHDRAW, E_RENEW: RENEW, E_RENEW_REVIEW: RENEW_REVIEW,
  },
  data: accessData,
  config: ACCESS_CONFIG,
  startForm: 'E_START',
  start: 'submit',
  steps: accessSteps,
};

// ------------------------------------------------------------------ enforcement point (task-type-gate.json)
const TEMPLATE_KINDS = ['任务类型', '表单模板', '报表模板', '台账模板', '考核评比模板'];
const GATE = form(t('面向村(社区)的任务类型/模板登记', 'registration of a village-facing task type or template'), {
  name: text('名称', 100),
  template_kind: select('类别', TEMPLATE_KINDS),
  audience: select('对象', ['村(社区)', '网格员', '其他']),
  target_process: select('所属流程', ['网格事件(D)', '应急(C)', '其他']),
  cover_kind: select('下派依据', ['已准入事项', '应急豁免', '自治事项']),
  cover_id: str('准入事项/应急豁免/自治事项编号', { maxLength: 60 }),
  assessment_plan_id: str('县统一考核方案编号', { maxLength: 60 }),
  frequency: select('频次', FREQUENCIES),
}, ['name', 'template_kind', 'audience', 'target_process', 'frequency']);
const REGISTER = 'data.register';
const gateProcess = {
  schemaVersion: 1,
  id: 'community-task-type-gate',
  version: 1,
  title: t('下派村(社区)事项准入核验', 'access check for village-facing task types'),
  description: t(
    '平台执行点：面向村(社区)或网格员的任务类型、表单、报表、台账模板须有已生效的准入事项、应急豁免或自治事项编号，否则不得创建（"未经准入事项，不得下派至村(社区)"）。宿主在启动时传入当时的准入登记（register）。',
    'Enforcement point: a task type, form, report or ledger template aimed at villages, communities or their grid workers needs an ACTIVE admitted item, an emergency exemption or a self-governance item; otherwise it is blocked. The host passes the register as it stands when the case starts.',
  ),
  roles: { REQ_DEPT: roles.REQ_DEPT },
  forms: { E_GATE: GATE },
  data: {
    schema: {
      type: 'object',
      properties: {
        register: anyObject('准入登记快照：active_items [{item_id, dept_unit, item_name, valid_until, status}], emergency_exemptions [{id, township_unit, active}], autonomy_items [{id, community_unit}], assessment_plans [id]'),
        declaration: anyObject('登记内容'),
        registered: anyObject('已登记：cover_kind, cover_id'),
      },
    },
  },
  config: {
    dept_may_not_assess_admitted_items: ACCESS_CONFIG.dept_may_not_assess_admitted_items,
  },
  start: 'declare',
  steps: {
    declare: {
      kind: 'task', title: t('登记任务类型/模板', 'register the task type or template'), form: 'E_GATE', assignee: { role: 'REQ_DEPT' }, saveAs: 'declaration',
      checks: [
        {
          assert: `form.audience == '其他' || (form.cover_kind == '已准入事项' && some(${REGISTER}.active_items, i => i.item_id == form.cover_id && i.dept_unit == case.orgUnit && i.status == 'ACTIVE' && i.valid_until >= today)) || (form.cover_kind == '应急豁免' && some(${REGISTER}.emergency_exemptions, e => e.id == form.cover_id && e.active && e.township_unit == case.orgUnit)) || (form.cover_kind == '自治事项' && some(${REGISTER}.autonomy_items, a => a.id == form.cover_id && a.community_unit == case.orgUnit))`,
          pointer: '/cover_id',
          message: t('未经准入事项，不得下派至村(社区)：须引用本单位已生效的准入事项、有效的应急豁免或本村(社区)自己的自治事项', 'items not admitted may not be sent down to villages or communities: cite an active admitted item of your unit, a running emergency exemption, or the community\'s own self-governance item'),
        },
        {
          assert: "form.template_kind != '考核评比模板' || form.audience == '其他' || (!(form.cover_kind == '已准入事项' && config.dept_may_not_assess_admitted_items) && form.assessment_plan_id != null && contains(data.register.assessment_plans, form.assessment_plan_id))",
          pointer: '/template_kind',
          message: t('部门不得对准入事项单独考核评比；面向村(社区)的考核须纳入县统一考核方案', 'departments may not assess communities on admitted items on their own; assessments of communities need the county\'s unified assessment plan'),
        },
      ],
      next: [{ to: 'registered', set: { 'registered.cover_kind': 'form.cover_kind', 'registered.cover_id': 'form.cover_id', 'registered.name': 'form.name' } }],
    },
    registered: { kind: 'end', outcome: 'REGISTERED', title: t('已登记', 'registered') },
  },
};

// ------------------------------------------------------------------ community refusal (task-refusal.json)
const F5 = form(t('E-F5 村(社区)拒绝执行登记', 'E-F5 community refusal record'), {
  dept_name: text('下派单位', 100),
  dept_unit: ORG_UNIT('下派单位（平台组织单元）'),
  channel: select('下派方式', ['文件', '电话', '工作群', '会议', '平台任务', '其他']),
  content: text('下派内容'),
  evidence: file('证据（截图、文件）'),
  received_at: dateTime('收到时间'),
  cited_item_id: str('下派单位所称准入事项编号', { maxLength: 60 }),
  reason: select('拒绝理由', REFUSAL_REASONS),
  reason_text: text('理由说明', 1000),
  reported_at: dateTime('报送时间'),
}, ['dept_name', 'dept_unit', 'channel', 'content', 'received_at', 'reason', 'reported_at'], {
  content: W.textarea, evidence: W.file, received_at: W.dateTime, reason_text: W.textarea, reported_at: W.dateTime,
});
const DEPT_RESPONSE = form(t('下派单位对拒绝登记的答复', 'the department\'s answer to a refusal'), {
  response: select('处理方式', ['申请准入', '撤回任务', '有异议']),
  explanation: text('说明', 1000),
  access_case_ref: str('准入申请编号（申请准入时）', { maxLength: 60 }),
}, ['response', 'explanation'], { explanation: W.textarea });
const SUPERVISOR_CASE = form(t('减负督查立案', 'burden-reduction supervision case'), {
  finding: text('核查情况'), measures: multi('处理措施', ['约谈', '通报', '责令整改', '移送纪检监察', '其他'], 1), case_no: text('督查编号', 60),
}, ['finding', 'measures', 'case_no'], { finding: W.textarea, measures: W.checkboxes });
/** Refusals against the same department within the window, this one included (task `set` is applied after the routes are chosen, so routes compute it from `form`). */
const REFUSALS_IN_WINDOW = 'count(data.prior_refusals, r => r.dept_unit == form.dept_unit && daysBetween(dateOf(r.reported_at), today) <= config.refusal_window_days) + 1';
const refusalProcess = {
  schemaVersion: 1,
  id: 'community-task-refusal',
  version: 1,
  title: t('村(社区)拒绝执行未准入事项', 'a community refuses a task that was not admitted'),
  description: t(
    '村(居)委会对未经准入、通过文件、电话、工作群等方式下派的任务登记拒绝（E-F5），自动通知民政局和下派单位；90 日内对同一部门第三次拒绝即转督查。宿主在启动时传入准入登记（register）和此前的拒绝记录（prior_refusals）。',
    'A committee records its refusal of a task sent down without admission (E-F5); civil affairs and the department are told; the third refusal against one department in 90 days opens a supervision case. The host passes the register and the earlier refusals.',
  ),
  roles: { COMMUNITY: roles.COMMUNITY, CIVIL_SEC: roles.CIVIL_SEC, REQ_DEPT: roles.REQ_DEPT, SUPERVISOR: roles.SUPERVISOR },
  forms: { E_F5: F5, E_DEPT_RESPONSE: DEPT_RESPONSE, E_SUPERVISOR_CASE: SUPERVISOR_CASE },
  data: {
    schema: {
      type: 'object',
      properties: {
        register: anyObject('准入登记快照（同 community-task-type-gate）'),
        prior_refusals: anyList('此前的拒绝登记 [{dept_unit, reported_at}]'),
        refusal: anyObject('E-F5'),
        covered: { type: 'boolean', description: '该任务是否已有生效的准入事项（引擎核查）' },
        refusals_in_window: { type: 'integer', description: '90 日内对同一部门的拒绝次数（含本次）' },
        dept_response: anyObject('部门答复'),
        supervision: anyObject('督查立案'),
      },
    },
  },
  config: {
    refusal_repeat_threshold: cfg(3, 'Inf', '转督查的拒绝次数（同一部门）', 'refusals against one department that open a supervision case'),
    refusal_window_days: cfg(90, 'Inf', '拒绝次数统计期（日）', 'window for counting refusals (days)'),
  },
  start: 'record',
  steps: {
    record: {
      kind: 'task', title: t('登记拒绝执行（E-F5）', 'record the refusal (E-F5)'), form: 'E_F5', assignee: { role: 'COMMUNITY' }, saveAs: 'refusal',
      checks: [
        { assert: 'form.received_at <= form.reported_at', pointer: '/reported_at', message: t('报送时间不能早于收到时间', 'reported before it was received') },
        {
          assert: "!some(data.register.active_items, i => i.item_id == form.cited_item_id && i.dept_unit == form.dept_unit && i.status == 'ACTIVE' && i.valid_until >= today) || coalesce(form.reason_text, '') != ''",
          pointer: '/reason_text',
          message: t('该事项已准入，拒绝需说明理由', 'this item is admitted; a refusal needs a reason'),
        },
      ],
      set: {
        covered: "some(data.register.active_items, i => i.item_id == form.cited_item_id && i.dept_unit == form.dept_unit && i.status == 'ACTIVE' && i.valid_until >= today)",
        refusals_in_window: REFUSALS_IN_WINDOW,
      },
      next: [
        {
          when: `${REFUSALS_IN_WINDOW} >= config.refusal_repeat_threshold`, to: 'supervisorCase',
          notify: [
            notifySec('村(社区)拒绝执行未准入事项，已达转督查次数', 'a community refused a task not admitted; the repeat threshold is reached'),
            { role: 'REQ_DEPT', orgUnit: 'form.dept_unit', message: t('贵单位下派的事项被村(社区)拒绝执行（未经准入），已转减负督查', 'a community refused your unadmitted task; a burden-reduction supervision case is opened') },
            { role: 'SUPERVISOR', level: COUNTY, message: t('同一部门 90 日内第三次被拒绝，请立案督查', 'third refusal against one department in 90 days: open a case') },
          ],
        },
        {
          to: 'deptResponse',
          notify: [
            notifySec('村(社区)拒绝执行未准入事项', 'a community refused a task not admitted'),
            { role: 'REQ_DEPT', orgUnit: 'form.dept_unit', message: t('贵单位下派的事项被村(社区)拒绝执行（未经准入）：请申请准入或撤回', 'a community refused your unadmitted task: apply for access or withdraw it') },
          ],
        },
      ],
    },
    deptResponse: {
      kind: 'task', title: t('下派单位答复', 'department answers'), form: 'E_DEPT_RESPONSE', assignee: { role: 'REQ_DEPT', orgUnit: 'data.refusal.dept_unit' }, saveAs: 'dept_response',
      checks: [{ assert: "form.response != '申请准入' || coalesce(form.access_case_ref, '') != ''", pointer: '/access_case_ref', message: t('申请准入须填写准入申请编号', 'give the access case reference') }],
      next: [
        { when: "form.response == '申请准入'", to: 'deptApplies' },
        { when: "form.response == '撤回任务'", to: 'deptWithdraws' },
        { to: 'supervisorCase', notify: [{ role: 'SUPERVISOR', level: COUNTY, message: t('下派单位对拒绝有异议，请核查', 'the department disputes a refusal') }] },
      ],
    },
    supervisorCase: {
      kind: 'task', title: t('减负督查立案', 'open a burden-reduction case'), form: 'E_SUPERVISOR_CASE', assignee: { role: 'SUPERVISOR', level: COUNTY }, saveAs: 'supervision',
      next: 'supervised',
    },
    deptApplies: { kind: 'end', outcome: 'DEPT_APPLIES', title: t('部门申请准入', 'the department applies') },
    deptWithdraws: { kind: 'end', outcome: 'DEPT_WITHDRAWS', title: t('部门撤回任务', 'the department withdraws the task') },
    supervised: { kind: 'end', outcome: 'SUPERVISOR_CASE', title: t('已转督查', 'supervision case opened') },
  },
};

// ------------------------------------------------------------------ emergency exemption (emergency-exemption.json)
const EMERGENCY_TASK = form(t('应急豁免下派任务登记', 'emergency task sent down under the exemption'), {
  task_name: text('任务名称', 100),
  kind: select('任务类别', EMERGENCY_TASK_KINDS),
  villages: list('村(社区)', ORG_UNIT('村(社区)'), 1),
  every_hours: int('频次（每 N 小时）', 1),
  ordered_at: dateTime('下达时间'),
}, ['task_name', 'kind', 'villages', 'ordered_at'], { ordered_at: W.dateTime });
const RESPONSE_ENDED = form(t('应急响应结束', 'emergency response ended'), {
  ended_on: date('响应结束日期'), end_decision_ref: text('结束响应决定文号', 60),
}, ['ended_on', 'end_decision_ref'], { ended_on: W.date });
const CONTINUATION = form(t('应急后延续事项', 'continuation after the emergency'), {
  continues: bool('是否有延续到响应结束后的任务'),
  task_name: text('延续任务名称', 100),
  access_case_ref: str('已提交的准入申请编号', { maxLength: 60 }),
}, ['continues']);
const exemptionProcess = {
  schemaVersion: 1,
  id: 'community-emergency-exemption',
  version: 1,
  title: t('应急豁免（社区事务准入）', 'emergency exemption from community access control'),
  description: t(
    '应急响应期间（应急动员流程 RESPONSE_ACTIVE）乡镇可不经准入向村下派入户排查、预警传达、转移协助等应急任务（突发事件应对法第二十二条第二款、第七十七条、第七十九条）。豁免随响应结束而失效；延续事项须在响应结束后 10 日内提出正常准入申请。宿主在响应启动时自动创建本实例，在响应结束时登记结束。',
    'During an active emergency response (process C) the township may send emergency tasks to villages without prior admission (Emergency Response Law Art 22 ¶2, 77, 79). The exemption ends with the response; continuing work needs a normal request within 10 days. The host starts this case when the response starts and records its end.',
  ),
  roles: {
    TWP_CMD: { title: t('镇应急指挥部', 'township command') },
    CIVIL_SEC: roles.CIVIL_SEC,
    SUPERVISOR: roles.SUPERVISOR,
  },
  forms: { E_EMERGENCY_TASK: EMERGENCY_TASK, E_RESPONSE_ENDED: RESPONSE_ENDED, E_CONTINUATION: CONTINUATION },
  data: {
    schema: {
      type: 'object',
      properties: {
        c_episode_ref: { type: 'string', description: '应急动员流程实例编号' },
        response_level: { type: 'string' },
        exemption: anyObject('豁免：id, c_episode_ref, active, expired_on'),
        emergency_tasks: anyList('豁免下下派的任务'),
        response_end: anyObject('响应结束'),
        continuation: anyObject('延续事项'),
      },
    },
  },
  config: {
    emergency_assistance_duty: cfg(true, 'L', '应急状态下村(居)委会协助政府、执行决定', 'in emergencies committees assist the government and carry out its decisions',
      '突发事件应对法第二十二条第二款、第七十七条、第七十九条', 'Emergency Response Law Art 22 ¶2, 77, 79'),
    emergency_post_registration_days: ACCESS_CONFIG.emergency_post_registration_days,
  },
  start: 'exempt',
  steps: {
    exempt: {
      kind: 'parallel', title: t('豁免有效', 'exemption in force'), join: 'any',
      branches: [
        {
          id: 'tasks', title: t('应急任务', 'emergency tasks'), start: 'emergencyTask',
          steps: {
            emergencyTask: {
              kind: 'task', title: t('下派应急任务', 'send down an emergency task'), form: 'E_EMERGENCY_TASK', assignee: { role: 'TWP_CMD' }, saveAs: 'emergency_tasks', collect: true,
              checks: [{ assert: 'config.emergency_assistance_duty && every(form.villages, v => startsWith(v, case.orgUnit + \'/\'))', pointer: '/villages', message: t('只能向本乡镇的村(社区)下派', 'only villages of this township') }],
              next: 'emergencyTask',
            },
          },
        },
        {
          id: 'end', title: t('响应结束', 'response end'), start: 'responseEnded',
          steps: {
            responseEnded: { kind: 'task', title: t('登记应急响应结束', 'record the end of the response'), form: 'E_RESPONSE_ENDED', assignee: { role: 'TWP_CMD' }, saveAs: 'response_end', next: 'ended' },
            ended: { kind: 'end', outcome: 'ended', title: t('响应已结束', 'response ended') },
          },
        },
      ],
      next: [{ to: 'continuation', set: { 'exemption.active': 'false', 'exemption.expired_on': 'data.response_end.ended_on' }, notify: [notifySec('应急豁免已失效', 'the emergency exemption has expired')] }],
    },
    continuation: {
      kind: 'task', title: t('申报延续事项', 'declare continuing work'), form: 'E_CONTINUATION', assignee: { role: 'TWP_CMD' }, saveAs: 'continuation',
      deadline: {
        at: 'addDays(data.response_end.ended_on, config.emergency_post_registration_days)', basis: t('emergency_post_registration_days（推定，响应结束后 10 日）', 'emergency_post_registration_days [Inf], 10 days after the response ends'),
        onExpiry: { goto: 'continuationOverdue', notify: [notifySec('应急后延续事项未按期申报准入', 'continuing work was not registered in time'), { role: 'SUPERVISOR', level: COUNTY, message: t('应急后延续事项未申请准入', 'post-emergency work without an access request') }] },
      },
      checks: [
        { assert: "!form.continues || (coalesce(form.access_case_ref, '') != '' && coalesce(form.task_name, '') != '')", pointer: '/access_case_ref', message: t('延续事项须先提出正常准入申请', 'continuing work needs a normal access request first') },
      ],
      next: [{ when: 'form.continues', to: 'continuationFiled' }, { to: 'expired' }],
    },
    continuationFiled: { kind: 'end', outcome: 'CONTINUATION_FILED', title: t('延续事项已申请准入', 'continuation filed') },
    expired: { kind: 'end', outcome: 'EXPIRED', title: t('豁免失效', 'exemption expired') },
    continuationOverdue: { kind: 'end', outcome: 'CONTINUATION_OVERDUE', title: t('延续事项逾期未申请', 'continuation not filed in time') },
  },
};
// The exemption's id is the case id, recorded when it starts: the host creates it with input
// { c_episode_ref, response_level, exemption: { id, c_episode_ref, active: true } }.

// ------------------------------------------------------------------ certificate check (certificate-check.json)
const F6 = form(t('E-F6 证明事项办理核对', 'E-F6 certificate request check'), {
  applicant: obj('申请人', { name: NAME, id_no: str('身份证号', { format: 'cn-id-card' }) }, ['name', 'id_no']),
  certificate_type: select('证明类型', [...CERTIFICATES, '其他']),
  other_certificate: text('其他证明名称', 100),
  purpose: text('用途', 500),
}, ['applicant', 'certificate_type', 'purpose'], { purpose: W.textarea });
const CERT_ITEM = "find(config.lists.items, i => i.list in ['CERT_ALLOWED', 'CERT_FORBIDDEN'] && i.name == form.certificate_type)";
const certificateProcess = {
  schemaVersion: 1,
  id: 'community-certificate-check',
  version: 1,
  title: t('证明事项办理核对', 'certificate request check'),
  description: t(
    '居民向村(社区)申请开具证明时核对证明事项清单：可出具的给出模板，不应出具的给出转介（应由哪个机关出具），清单外的记录以便维护清单。',
    'When a resident asks the committee for a certificate, the certificate lists decide: allowed → template; forbidden → referral to the competent authority; neither → recorded for list maintenance.',
  ),
  roles: { COMMUNITY: roles.COMMUNITY, CIVIL_SEC: roles.CIVIL_SEC },
  forms: { E_F6: F6 },
  data: { schema: { type: 'object', properties: { check: anyObject('E-F6'), result: anyObject('核对结果：kind, template | referral') } } },
  config: { lists: ACCESS_CONFIG.lists },
  start: 'check',
  steps: {
    check: {
      kind: 'task', title: t('核对证明事项（E-F6）', 'check the certificate (E-F6)'), form: 'E_F6', assignee: { role: 'COMMUNITY' }, saveAs: 'check',
      checks: [{ assert: "form.certificate_type != '其他' || coalesce(form.other_certificate, '') != ''", pointer: '/other_certificate', message: t('请填写证明名称', 'name the certificate') }],
      next: [
        {
          when: `${CERT_ITEM}.list == 'CERT_ALLOWED'`, to: 'issueByTemplate',
          set: { 'result.kind': "'可出具'", 'result.item': CERT_ITEM, 'result.template': `${CERT_ITEM}.template` },
        },
        {
          when: `${CERT_ITEM}.list == 'CERT_FORBIDDEN'`, to: 'referred',
          set: { 'result.kind': "'不应出具'", 'result.item': CERT_ITEM, 'result.referral': `'本证明不由村(居)委会出具，请向' + ${CERT_ITEM}.issuer + '申请'`, 'result.authority': `${CERT_ITEM}.issuer` },
        },
        {
          to: 'recordedForLists', set: { 'result.kind': "'其他'", 'result.referral': "'请向相关主管部门咨询'" },
          notify: [notifySec('清单外证明事项，请纳入清单维护', 'a certificate on neither list: consider it for the lists')],
        },
      ],
    },
    issueByTemplate: { kind: 'end', outcome: 'ISSUE_BY_TEMPLATE', title: t('按模板出具', 'issue with the template') },
    referred: { kind: 'end', outcome: 'REFERRED', title: t('转介主管机关', 'referred to the issuing authority') },
    recordedForLists: { kind: 'end', outcome: 'RECORDED_FOR_LISTS', title: t('已记录，待清单维护', 'recorded for list maintenance') },
  },
};

// ------------------------------------------------------------------ write
/** The five definitions, by file name (the test checks the committed files equal these). */
export function buildDefinitions() {
  return {
    'process.json': accessProcess,
    'task-type-gate.json': gateProcess,
    'task-refusal.json': refusalProcess,
    'emergency-exemption.json': exemptionProcess,
    'certificate-check.json': certificateProcess,
  };
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, doc] of Object.entries(buildDefinitions())) writeFileSync(join(here, name), `${JSON.stringify(doc, null, 2)}\n`);
  console.log('wrote', Object.keys(buildDefinitions()).join(', '));
}
