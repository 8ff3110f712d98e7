// Generates the two definitions of example D (domain file D_grid_event_loop.md):
//   grid-event.json     网格化事件处置 — one instance per reported problem (§5.1, §5.2)
//   service-order.json  "三单制" 居民点单、小区派单、党员接单、群众评单 — one instance per micro-wish (§5.3)
// Several steps share form pieces and SLA expressions, so the JSON is built here from small helpers.
// Edit this file, then run: node examples/grid-event-loop/build-definitions.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const t = (zh, en) => ({ 'zh-CN': zh, en });

// ------------------------------------------------------------------ vocabulary (D §4.1, §6)
/** 事件目录 (extract, §4.1): class → subclasses. `矛盾纠纷` never becomes a grid task (人民调解法 Art 17, 25). */
const CATALOGUE = {
  矛盾纠纷: ['邻里纠纷', '家庭纠纷', '债务纠纷', '物业纠纷', '其他纠纷'],
  安全隐患: ['消防通道堵塞', '楼道堆物', '电动车入户充电', '燃气异味', '燃气设施老化', '危房', '高空坠物', '其他隐患'],
  市容环境: ['垃圾清运', '乱倒垃圾', '乱扔杂物', '其他市容'],
  公共设施: ['路灯损坏', '井盖缺失', '道路破损', '其他设施'],
  特殊人群关爱: ['独居老人多日未见', '残疾人帮扶', '其他关爱'],
  民生诉求: ['政策咨询', '就业', '证明办理', '其他诉求'],
  违法建设: ['违法搭建', '违法占地'],
  突发险情: ['山体滑坡迹象', '水位上涨', '其他险情'],
};
const CLASSES = Object.keys(CATALOGUE);
const SUBCLASSES = [...new Set(Object.values(CATALOGUE).flat())];
/** Classes a grid worker may solve on the spot (D3: "class allows ON_SPOT"). [Inf] */
const ON_SPOT_CLASSES = ['安全隐患', '市容环境', '公共设施', '民生诉求'];
const SOURCES = ['网格员巡查', '居民点单/报事', '12345转办', '视频/物联感知', '部门推送', '领导交办'];
const SLA_CLASSES = ['ON_SPOT', 'URGENT', 'GENERAL', 'COMPLEX', 'COUNTY_CALL'];
const SCORES = ['满意', '基本满意', '不满意'];
const WISH_TYPES = ['陪同就医', '代购代办', '小修小补', '学业辅导', '政策咨询', '精神慰藉', '其他'];
const LICENSED_WORK = ['无', '燃气', '电力', '医疗', '政府职权'];
const CHANNELS = ['人大代表联络站', '12345热线', '信访渠道', '行政复议/诉讼'];

// ------------------------------------------------------------------ expressions
const list = (xs) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const subclassOk = `(${CLASSES.map((c) => `(form.class == '${c}' && form.subclass in ${list(CATALOGUE[c])})`).join(' || ')})`;
/**
 * The actor works in unit `u`. Exact match on purpose: grids sit below their village in the org
 * tree, and a grid worker of the village must still be able to verify what the village station handled.
 */
const actorInUnit = (u) => `actor.orgUnit == ${u}`;
/** Handle-within hours of an SLA class (§4.2), from the config. */
const hoursOf = (cls) => `(${cls} == 'URGENT' ? config.urgent_handle_hours : ${cls} == 'COMPLEX' ? config.complex_handle_hours : config.general_handle_hours)`;
/** Accept-within minutes (§4.2 "dispatch within", D7). */
const acceptMinutesOf = (cls) => `(${cls} == 'URGENT' ? config.urgent_dispatch_minutes : ${cls} == 'COMPLEX' ? config.complex_dispatch_minutes : config.general_dispatch_minutes)`;
const ON_SPOT_DUE = "addDays(dateOf(now), 1) + 'T00:00:00+08:00'"; // 24:00 of today: 当日销号
/** The SLA clock of a (re)dispatch: due and red-card instants from now, `hours` long. */
const slaSet = (cls, hours, prefix = 'sla') => ({
  [`${prefix}.class`]: cls,
  [`${prefix}.hours`]: `${cls} == 'ON_SPOT' ? 0 : ${hours}`,
  [`${prefix}.dispatched_at`]: 'now',
  [`${prefix}.accept_by`]: `addMinutes(now, ${cls} == 'ON_SPOT' ? 60 : ${acceptMinutesOf(cls)})`,
  [`${prefix}.due_at`]: `${cls} == 'ON_SPOT' ? ${ON_SPOT_DUE} : addHours(now, ${hours})`,
  [`${prefix}.red_at`]: `${cls} == 'ON_SPOT' ? ${ON_SPOT_DUE} : addHours(now, ${hours} + floor(${hours} * config.red_card_percent / 100))`,
  [`${prefix}.yellow_sent`]: 'false',
  [`${prefix}.red_sent`]: 'false',
});
const REOPEN_HOURS = `max(1, floor(coalesce(data.sla.base_hours, ${hoursOf('data.sla.class')}) / 2))`;

// ------------------------------------------------------------------ JSON Schema pieces (title zh-CN, description en)
const f = (zh, en, schema) => ({ ...schema, title: zh, description: en });
const str = (zh, en, extra = {}) => f(zh, en, { type: 'string', minLength: 1, ...extra });
const text = (zh, en, max = 2000, min = 1) => f(zh, en, { type: 'string', minLength: min, maxLength: max });
const date = (zh, en) => f(zh, en, { type: 'string', format: 'date' });
const dateTime = (zh, en) => f(zh, en, { type: 'string', format: 'date-time', pattern: '\\+08:00$' });
const bool = (zh, en) => f(zh, en, { type: 'boolean' });
const int = (zh, en, minimum = 0, extra = {}) => f(zh, en, { type: 'integer', minimum, ...extra });
const money = (zh, en) => f(zh, en, { type: 'number', minimum: 0, multipleOf: 0.01 });
const en = (zh, enTitle, values) => f(zh, enTitle, { type: 'string', enum: values });
const arr = (zh, enTitle, items, minItems = 0, extra = {}) => f(zh, enTitle, { type: 'array', items, ...(minItems ? { minItems } : {}), ...extra });
const obj = (zh, enTitle, properties, required) => f(zh, enTitle, { type: 'object', properties, required, additionalProperties: false });
const form = (zh, enTitle, properties, required, extra = {}, uiSchema = {}) => ({
  title: t(zh, enTitle),
  schema: { type: 'object', properties, required, ...extra },
  ...(Object.keys(uiSchema).length ? { uiSchema } : {}),
});
const ORG_PATH = '^[a-z]+:[A-Za-z0-9_-]+(/[a-z]+:[A-Za-z0-9_-]+)*$';
/** ref<Unit>: the unit's org path (pins the tasks) and its name. */
const unitRef = (zh, enTitle) => obj(zh, enTitle, { unit: str('单位编码', 'org unit path', { pattern: ORG_PATH }), name: str('单位名称', 'unit name', { maxLength: 50 }) }, ['unit', 'name']);
/** ref<Person>: a person id (never an ID number) and a name. */
const personRef = (zh, enTitle) => obj(zh, enTitle, { person_id: str('人员编号', 'person id', { maxLength: 40 }), name: str('姓名', 'name', { maxLength: 30 }) }, ['person_id', 'name']);
/** A co-handler: its unit, with a short id and a bilingual name (a co-handling task is opened per co-handler). */
const CO_HANDLER = obj('协办单位', 'co-handler', {
  id: str('协办编号', 'short id', { pattern: '^[a-z][a-z0-9_-]{0,30}$' }),
  unit: str('单位编码', 'org unit path', { pattern: ORG_PATH }),
  title: obj('单位名称', 'unit name', { 'zh-CN': str('中文名称', 'name in Chinese', { maxLength: 50 }), en: str('英文名称', 'name in English', { maxLength: 80 }) }, ['zh-CN', 'en']),
}, ['id', 'unit', 'title']);
const PHOTO = { type: 'string', format: 'cf-attachment', 'x-cf-accept': ['image/*'] };
/** photo with the EXIF time the server kept (README §2.1 `photo`). */
const photoItem = obj('照片', 'photo', { file: f('照片文件', 'photo file', PHOTO), taken_at: dateTime('拍摄时间(EXIF)', 'time taken (EXIF)') }, ['file', 'taken_at']);
const photoUi = { items: { file: { 'ui:widget': 'cf-photo' }, taken_at: { 'ui:widget': 'cf-datetime' } } };
const GEO = f('位置', 'location', {
  type: 'object', 'x-cf-geo': true, required: ['lat', 'lng', 'crs'], additionalProperties: false,
  properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, crs: { type: 'string', enum: ['GCJ-02', 'CGCS2000', 'WGS-84'] } },
});
const ifThen = (field, values, required) => ({
  if: { type: 'object', properties: { [field]: Array.isArray(values) ? { enum: values } : { const: values } }, required: [field] },
  then: { type: 'object', required },
});

// ------------------------------------------------------------------ forms of the event (D-F1 … D-F7)
const F1 = form('D-F1 事件上报单', 'D-F1 event report', {
  source: en('来源', 'source', SOURCES),
  class: en('大类', 'class', CLASSES),
  subclass: en('小类', 'subclass', SUBCLASSES),
  title: str('标题', 'title', { maxLength: 50 }),
  description: text('描述', 'description', 2000, 10),
  address: text('地址', 'address', 200),
  grid: str('网格', 'grid (org unit path)', { pattern: ORG_PATH }),
  geo: GEO,
  media: arr('照片/视频', 'photos / videos', photoItem),
  urgency: en('紧急程度', 'urgency', ['紧急', '一般']),
  persons_affected: int('涉及人数', 'persons affected'),
  handled_on_spot: bool('是否当场处置', 'handled on the spot'),
  after_photos: arr('处置后照片', 'photos after handling', photoItem),
  on_spot_actions: text('当场处置措施', 'what was done on the spot', 1000),
  reporter: personRef('上报人', 'reporter'),
  phone: f('联系电话', 'phone', { type: 'string', format: 'cn-phone' }),
  anonymous: bool('匿名(不参与评价)', 'anonymous (then no rating)'),
  resident_contact: personRef('确认/评价居民(如楼栋代表)', 'resident who confirms or rates (e.g. the building representative)'),
  active_emergency: bool('是否处于应急响应期间', 'during an active emergency response (C)'),
  reported_at: dateTime('上报时间', 'reported at'),
}, ['source', 'class', 'subclass', 'title', 'description', 'address', 'grid', 'urgency', 'reporter', 'reported_at'], {
  allOf: [ifThen('handled_on_spot', true, ['after_photos', 'on_spot_actions', 'resident_contact']), ifThen('anonymous', false, ['phone'])],
}, {
  description: { 'ui:widget': 'textarea' }, address: { 'ui:widget': 'textarea' }, on_spot_actions: { 'ui:widget': 'textarea' },
  geo: { 'ui:widget': 'cf-geo' }, media: photoUi, after_photos: photoUi, reported_at: { 'ui:widget': 'cf-datetime' },
});

const F2 = form('D-F2 立案分拨单(任务分办)', 'D-F2 filing and dispatch', {
  decision: en('立案结论', 'decision', ['立案', '不予立案', '合并', '转B调解', '转C应急']),
  reject_reason: en('不予立案理由', 'reason for not filing', ['重复', '不属实', '不属于网格事项清单', '应拨打110/119/120']),
  reject_note: text('理由说明', 'explanation', 500),
  master_ref: str('合并至(主事件编号)', 'merged into (master event id)', { maxLength: 40 }),
  sla_class: en('事件等级/SLA类', 'SLA class', SLA_CLASSES),
  lead: unitRef('主办单位', 'lead handler'),
  co_handlers: arr('协办单位', 'co-handlers', CO_HANDLER, 0, { uniqueItems: true }),
  instructions: text('分拨意见', 'instructions', 1000),
}, ['decision', 'sla_class'], {
  allOf: [ifThen('decision', '不予立案', ['reject_reason', 'reject_note']), ifThen('decision', '合并', ['master_ref']), ifThen('decision', '立案', ['lead'])],
}, { instructions: { 'ui:widget': 'textarea' }, reject_note: { 'ui:widget': 'textarea' } });

const REDISPATCH = form('D-F2 改派单', 'D-F2 re-dispatch', {
  lead: unitRef('主办单位', 'lead handler'),
  co_handlers: arr('协办单位', 'co-handlers', CO_HANDLER, 0, { uniqueItems: true }),
  instructions: text('分拨意见', 'instructions', 1000),
}, ['lead'], {}, { instructions: { 'ui:widget': 'textarea' } });

const ACCEPT = form('D-F2 接单确认', 'D-F2 acceptance of the dispatch', {
  accepted_at: dateTime('接单时间', 'accepted at'),
  handler: personRef('承办人', 'handling officer'),
}, ['accepted_at', 'handler'], {}, { accepted_at: { 'ui:widget': 'cf-datetime' } });

const F3 = form('D-F3 处置反馈单', 'D-F3 handling report', {
  actions: text('处置措施', 'actions taken', 2000),
  physical: bool('是否实物类问题(需照片)', 'physical issue (photos needed)'),
  before: arr('处置前照片', 'photos before', photoItem),
  after: arr('处置后照片', 'photos after', photoItem),
  completed_at: dateTime('完成时间', 'completed at'),
  result: en('处置结果', 'result', ['已解决', '部分解决', '无法解决']),
  result_note: text('结果说明/依据', 'explanation or basis', 1000),
  handler: personRef('处置人', 'handling officer'),
  unit: unitRef('处置单位', 'handling unit'),
  co_waived: arr('无需协办的单位(主办说明)', 'co-handlers whose part is not needed (lead\'s statement)',
    obj('无需协办', 'waiver', { unit: str('单位编码', 'org unit path', { pattern: ORG_PATH }), reason: text('理由', 'reason', 500) }, ['unit', 'reason'])),
}, ['actions', 'physical', 'completed_at', 'result', 'handler', 'unit'], {
  allOf: [ifThen('physical', true, ['before', 'after']), ifThen('result', ['部分解决', '无法解决'], ['result_note'])],
}, { actions: { 'ui:widget': 'textarea' }, result_note: { 'ui:widget': 'textarea' }, before: photoUi, after: photoUi, completed_at: { 'ui:widget': 'cf-datetime' } });

const CO_F3 = form('D-F3 协办反馈单', 'D-F3 co-handler\'s report', {
  status: en('协办结果', 'result of the part', ['已完成', '无法完成']),
  actions: text('处置措施', 'actions taken', 2000),
  after: arr('处置后照片', 'photos after', photoItem),
  completed_at: dateTime('完成时间', 'completed at'),
  handler: personRef('处置人', 'handling officer'),
}, ['status', 'actions', 'completed_at', 'handler'], {}, { actions: { 'ui:widget': 'textarea' }, after: photoUi });

const F4 = form('D-F4 退单/延期申请', 'D-F4 return or extension request', {
  kind: en('申请类型', 'kind', ['退单', '延期']),
  reason: text('理由', 'reason', 1000),
  suggested_owner: unitRef('建议责任单位', 'suggested owner'),
  basis: text('依据(清单条目/法条)', 'basis (list item, statute)', 500),
  new_due_at: dateTime('申请新时限', 'requested new due time'),
}, ['kind', 'reason'], {
  allOf: [ifThen('kind', '退单', ['suggested_owner', 'basis']), ifThen('kind', '延期', ['new_due_at'])],
}, { reason: { 'ui:widget': 'textarea' }, new_due_at: { 'ui:widget': 'cf-datetime' } });

const F4_DECISION = form('D-F4 审批', 'D-F4 decision on the request', {
  approval: en('审批结论', 'decision', ['同意', '不同意']),
  note: text('审批意见', 'note', 1000),
  then: en('同意退单后', 'after approving the return', ['改派', '乡呼县应']),
  new_lead: unitRef('改派主办单位', 'new lead handler'),
}, ['approval', 'note'], {
  allOf: [ifThen('then', '改派', ['new_lead'])],
}, { note: { 'ui:widget': 'textarea' } });

const UNSOLVED = form('D-F3 无法解决复核', 'D-F3 review of a report "cannot be solved"', {
  decision: en('复核结论', 'decision', ['改派', '乡呼县应', '说明后反馈']),
  note: text('复核意见(反馈居民的说明与依据)', 'note (the explanation and basis told to the resident)', 1000),
  new_lead: unitRef('改派主办单位', 'new lead handler'),
}, ['decision', 'note'], { allOf: [ifThen('decision', '改派', ['new_lead'])] }, { note: { 'ui:widget': 'textarea' } });

const F5 = form('D-F5 核查单', 'D-F5 verification', {
  verified_at: dateTime('核查时间', 'verified at'),
  result: en('核查结果', 'result', ['属实已解决', '未解决', '部分解决']),
  photos: arr('核查照片', 'photos', photoItem, 1),
  verifier: personRef('核查人', 'verifier'),
  note: text('核查说明', 'note', 1000),
}, ['verified_at', 'result', 'photos', 'verifier'], {
  allOf: [ifThen('result', ['未解决', '部分解决'], ['note'])],
}, { photos: photoUi, note: { 'ui:widget': 'textarea' } });

const F6 = form('D-F6 评价单(群众评单)', 'D-F6 rating', {
  rater: personRef('评价人', 'rater'),
  rated_by: en('评价方式', 'who rates', ['本人', '亲属代评']),
  relation: str('与居民关系', 'relation to the resident', { maxLength: 20 }),
  score: en('评价', 'rating', SCORES),
  reason: text('不满意理由', 'reason for dissatisfaction', 1000),
  rated_at: dateTime('评价时间', 'rated at'),
}, ['rater', 'rated_by', 'score', 'rated_at'], {
  allOf: [ifThen('score', '不满意', ['reason']), ifThen('rated_by', '亲属代评', ['relation'])],
}, { reason: { 'ui:widget': 'textarea' } });

const F7 = form('D-F7 乡呼县应 呼叫单', 'D-F7 township call to a county department', {
  called_dept: unitRef('被呼叫县直部门', 'county department called'),
  responsibility_basis: text('职责依据(部门职责清单/属地管理清单条目)', 'basis in the department\'s responsibility list', 500),
  request: text('呼叫事项', 'request', 2000),
  attachments: arr('附件', 'attachments', f('附件', 'attachment', { type: 'string', format: 'cf-attachment' })),
}, ['called_dept', 'responsibility_basis', 'request'], {}, { request: { 'ui:widget': 'textarea' }, attachments: { items: { 'ui:widget': 'cf-file' } } });

const F7_ACCEPT = form('D-F7 县直部门受理', 'D-F7 county acceptance', {
  accepted_at: dateTime('受理时间', 'accepted at'),
  contact: personRef('联系人', 'contact officer'),
}, ['accepted_at', 'contact']);

const F7_RESULT = form('D-F7 县直部门办理结果', 'D-F7 county result', {
  handled_at: dateTime('办结时间', 'handled at'),
  result: en('办理结果', 'result', ['已解决', '部分解决', '无法解决']),
  actions: text('办理情况', 'what was done', 2000),
  photos: arr('照片', 'photos', photoItem),
}, ['handled_at', 'result', 'actions'], {}, { actions: { 'ui:widget': 'textarea' }, photos: photoUi });

const SUPERVISE = form('督办单(黄牌/红牌)', 'supervision (yellow / red card)', {
  card: en('督办卡', 'card', ['黄牌', '红牌']),
  action: en('督办措施', 'action', ['继续督办', '约谈', '强制改派']),
  note: text('督办意见', 'note', 1000),
}, ['card', 'action', 'note'], {}, { note: { 'ui:widget': 'textarea' } });

const REVIEW = form('不满意复核', 'supervisor review of a disputed closure', {
  decision: en('复核结论', 'decision', ['不满意结案', '强制改派']),
  reason: text('理由', 'reason', 2000),
  channels_told: arr('已告知的其他渠道', 'other channels the resident was told about', { type: 'string', enum: CHANNELS }, 0, { uniqueItems: true }),
}, ['decision', 'reason'], {
  allOf: [{ if: { type: 'object', properties: { decision: { const: '不满意结案' } }, required: ['decision'] }, then: { type: 'object', properties: { channels_told: { type: 'array', minItems: 1 } }, required: ['channels_told'] } }],
}, { reason: { 'ui:widget': 'textarea' }, channels_told: { 'ui:widget': 'checkboxes' } });

const C_LINK = form('转C应急 关联记录', 'link to the emergency response (C)', {
  c_incident_ref: str('C 事件编号', 'C incident reference', { maxLength: 40 }),
  c_outcome: text('C 事件结果', 'outcome of the C incident', 1000),
}, ['c_incident_ref', 'c_outcome']);

// ------------------------------------------------------------------ roles (§3)
const ROLES = {
  RESIDENT: { title: t('居民/村民', 'resident or villager'), description: t('报事(居民点单)，查看本人事件，评价(评单)', 'reports (居民点单), sees own events, rates (评单)') },
  GRID: { title: t('网格员', 'grid worker'), description: t('带照片和位置上报；当场自办；核查他人办理的本网格事件；回访', 'reports with photo and location; handles on the spot; verifies events in the grid that someone else handled; follow-up visits') },
  GRID_HEAD: { title: t('网格长/网格党支部书记', 'grid head (grid Party branch secretary)'), description: t('三单制派单(小区派单)、兜底指派', 'dispatches 三单制 orders (小区派单) and assigns a member directly when nobody claims') },
  V_STATION: { title: t('村(社区)"两委"/社区工作站', 'village or community staff'), description: t('三单制点单的提醒对象；作为主办/协办单位时以承办人员身份办理', 'reminded about 三单制 vetting; handles tasks as a lead or co-handler through the HANDLER role') },
  BRAIN: { title: t('镇综合信息指挥中心/综治中心("小脑")', 'township command centre ("brain")'), description: t('立案或不予立案、定级、分拨主办协办、审批退单延期、乡呼县应、转B/C', 'files or rejects, classifies, sets the SLA, dispatches, decides returns and extensions, calls the county, hands over to B/C') },
  HANDLER: { title: t('承办人员(主办/协办单位)', 'handling officer (lead or co-handling unit)'), description: t('镇站所、村(社区)、物业、公用事业单位中被分拨单位的工作人员；单位由分拨单确定', 'staff of the unit the dispatch names (township office, village/community, property company, utility); the unit is fixed by the dispatch') },
  COUNTY_DEPT: { title: t('县直部门', 'county department'), description: t('受理乡呼县应呼叫并办理、反馈', 'accepts a township call, handles it and reports back') },
  SUPERVISOR: { title: t('督办(镇效能办/县网格办)', 'supervision (township efficiency office / county grid office)'), description: t('查看超期事件、黄牌红牌督办、复核不满意事件、第三次退单', 'sees overdue cases, issues yellow and red cards, reviews disputed closures and third returns') },
  PM: { title: t('党员(在职党员/小区党员)', 'registered Party member'), description: t('认领三单制订单并报告完成', 'claims 三单制 orders and reports completion') },
  HOME_UNIT: { title: t('报到单位党组织', 'Party organisation of the member\'s employer'), description: t('接收本单位党员服务情况(只读)', 'receives reports on its members\' service (read-only)') },
};

// ------------------------------------------------------------------ config (§4.2; tags from the domain)
const basisD = (zh, en2) => t(zh, en2);
const EVENT_CONFIG = {
  disputes_go_to_mediation: { value: true, tag: 'L', title: t('矛盾纠纷移交人民调解', 'disputes are handed to people\'s mediation (B)'),
    basis: basisD('人民调解法第十七条、第二十五条：纠纷由调解组织依当事人自愿调解，网格事件不得以指令“解决”纠纷', 'People\'s Mediation Law Art 17, 25: disputes go to mediation with the parties\' consent, not to an order in the grid loop') },
  demands_passed_to_government: { value: true, tag: 'L', title: t('居民意见要求向政府反映', 'residents\' demands are passed to the government'),
    basis: basisD('城市居民委员会组织法第三条、村民委员会组织法第二条：向人民政府反映居民的意见、要求；委员会不是下级机关(居委会组织法第二条、第二十条，村委会组织法第五条)，新增事项须经E准入', 'Residents\' Committee Law Art 3, Villagers\' Committee Law Art 2; the committees are not subordinate agencies (Art 2, 20 / Art 5), so new task types pass E first') },
  photo_required_for_grid_report: { value: true, tag: 'Inf', title: t('网格员上报须附照片', 'a grid worker\'s report needs a photo'), basis: basisD('D §4.2 其他参数(推定)', 'D §4.2 other parameters (inferred)') },
  photo_max_age_hours: { value: 24, tag: 'Inf', title: t('照片拍摄时间距上报不超过(小时)', 'photo taken at most this many hours before the report'), basis: basisD('D1 守卫(推定)', 'guard of D1 (inferred)') },
  urgent_dispatch_minutes: { value: 30, tag: 'Inf', title: t('紧急类分拨/接单时限(分钟)', 'URGENT: dispatch / accept within (minutes)'), basis: basisD('D §4.2 URGENT(推定)', 'D §4.2 URGENT (inferred)') },
  general_dispatch_minutes: { value: 240, tag: 'Inf', title: t('一般类分拨/接单时限(分钟，4个工作小时按自然时间计)', 'GENERAL: dispatch / accept within (minutes; 4 working hours counted as clock time)'), basis: basisD('D §4.2 GENERAL(推定)', 'D §4.2 GENERAL (inferred)') },
  complex_dispatch_minutes: { value: 480, tag: 'Inf', title: t('复杂类分拨/接单时限(分钟，1个工作日按8小时计)', 'COMPLEX: dispatch / accept within (minutes; 1 working day as 8 hours)'), basis: basisD('D §4.2 COMPLEX(推定)', 'D §4.2 COMPLEX (inferred)') },
  urgent_handle_hours: { value: 24, tag: 'Inf', title: t('紧急类办结时限(小时)', 'URGENT: finished within (hours)'), basis: basisD('D §4.2 URGENT：2小时到场、24小时办结(推定)', 'D §4.2 URGENT: on site in 2 h, finished in 24 h (inferred)') },
  general_handle_hours: { value: 72, tag: 'Loc', title: t('一般类办结时限(小时)', 'GENERAL: finished within (hours)'), basis: basisD('凤县：先解释、2至3天内解决(S27)', '凤县: explain first, solve in 2–3 days (S27)') },
  complex_handle_hours: { value: 168, tag: 'Loc', title: t('重点难点类办结时限(小时)', 'COMPLEX: finished within (hours)'), basis: basisD('凤县：重点难点问题7天内(S27)', '凤县: key or difficult problems within 7 days (S27)') },
  general_extension_hours: { value: 96, tag: 'Inf', title: t('一般类可延期(小时，须指挥中心批准)', 'GENERAL: extension with BRAIN approval (hours)'), basis: basisD('D §4.2 GENERAL +4天(推定)', 'D §4.2 GENERAL +4 days (inferred)') },
  complex_cap_hours: { value: 360, tag: 'Loc', title: t('复杂类总时限上限(小时)', 'COMPLEX: total cap (hours)'), basis: basisD('凤县：疑难问题经网格办同意最长15天(S27)', '凤县: hard cases at most 15 days with the grid office\'s consent (S27)') },
  red_card_percent: { value: 50, tag: 'Inf', title: t('红牌：超出时限的百分比', 'red card: percent of the SLA past the due time'), basis: basisD('D §4.2 超期黄牌、超期50%红牌(推定)', 'D §4.2 yellow at expiry, red at +50% (inferred)') },
  return_limit: { value: 2, tag: 'Inf', title: t('指挥中心审批的退单次数，超过即报督办', 'returns the centre decides; the next goes to supervision'), basis: basisD('D8 第三次退单报督办，防推诿(推定)', 'D8: a third return goes to SUPERVISOR, against buck-passing (inferred)') },
  return_decision_minutes: { value: 240, tag: 'Inf', title: t('退单/延期审批时限(分钟，4个工作小时)', 'decide returns and extensions within (minutes; 4 working hours)'), basis: basisD('D8(推定)', 'D8 (inferred)') },
  reopen_limit: { value: 2, tag: 'Inf', title: t('重办次数上限', 'reopen limit'), basis: basisD('D §4.2 reopen_limit(推定)', 'D §4.2 reopen_limit (inferred)') },
  rating_window_days: { value: 3, tag: 'Inf', title: t('评价期限(日)，逾期按未评价结案', 'rating window (days); afterwards closed as 未评价'), basis: basisD('D §4.2 rating_window(推定)', 'D §4.2 rating_window (inferred)') },
  on_spot_classes: { value: ON_SPOT_CLASSES, tag: 'Inf', title: t('可当场处置的大类', 'classes a grid worker may solve on the spot'), basis: basisD('D3 守卫(推定)', 'guard of D3 (inferred)') },
};

// ------------------------------------------------------------------ notifications
const to = (role, zh, enMsg, where = {}) => ({ role, ...where, message: t(zh, enMsg) });
const atTown = { level: 'town' };
const atLead = { orgUnit: 'data.dispatch.lead.unit' };
const toRater = (zh, enMsg) => to('RESIDENT', zh, enMsg, { person: 'data.rater' });

// ------------------------------------------------------------------ event steps
/**
 * The person named in the form is the actor. Who did what is recorded from the form, not from
 * `actor.personId`: the history keeps the actor's id, roles and unit only, so a `set` reading
 * `actor.personId` would not replay; checks are not re-run on replay, so they may read it.
 */
const SELF = (field) => ({ assert: `form.${field}.person_id == actor.personId`, message: t('表单中的人员须为提交人本人', 'the person named in the form must be the one submitting it'), pointer: `/${field}` });

const reportChecks = [
  { assert: subclassOk, message: t('小类不属于所选大类', 'the subclass does not belong to the class'), pointer: '/subclass' },
  { assert: `!isBefore(now, form.reported_at)`, message: t('上报时间不能晚于当前时间', 'the report time cannot be in the future'), pointer: '/reported_at' },
  { assert: `every(coalesce(form.media, []), m => minutesBetween(m.taken_at, now) <= config.photo_max_age_hours * 60 && minutesBetween(m.taken_at, now) >= 0)`,
    message: t('照片拍摄时间须在上报前24小时内(按EXIF时间)', 'photos must be taken within 24 hours before the report (EXIF time)'), pointer: '/media' },
  { assert: "!(form.class == '突发险情' && form.active_emergency == true && form.urgency != '紧急')", message: t('应急响应期间的突发险情须为紧急', 'a sudden hazard during an emergency response is urgent'), pointer: '/urgency' },
];
/** Who rates: the resident named as contact, else a reporting resident; a grid worker's report without a contact, or an anonymous one, is not rated. */
const raterSet = "form.anonymous == true ? null : form.resident_contact != null ? form.resident_contact.person_id : data.reporter_kind == 'GRID' ? null : form.reporter.person_id";
const afterReport = (onSpot) => [
  ...(onSpot ? [{ when: 'form.handled_on_spot == true', to: 'residentConfirm', set: { state: "'SELF_HANDLED'", 'sla.class': "'ON_SPOT'" },
    notify: [to('RESIDENT', '网格员已当场处置您所在楼栋/小区的问题，请确认', 'the grid worker solved a problem on the spot; please confirm', { person: 'form.resident_contact.person_id' })] }] : []),
  { when: "form.class == '矛盾纠纷' && config.disputes_go_to_mediation", to: 'linkedDispute', set: { state: "'LINKED_CASE_OPEN'", linked_kind: "'B'" } },
  { to: 'triage', set: { state: "'TRIAGE'" }, notify: [to('BRAIN', '新上报事件待立案分拨', 'a new event waits for filing and dispatch', atTown)] },
];
const reportTask = (role, zh, enTitle, extraChecks, onSpot) => ({
  kind: 'task', title: t(zh, enTitle), form: 'eventReport', assignee: { role }, saveAs: 'report',
  set: { reporter_person: 'form.reporter.person_id', rater: raterSet, reopen_count: '0', return_count: '0', overdue: 'false' },
  checks: [...reportChecks, ...extraChecks], next: afterReport(onSpot),
});

const fileSet = {
  ...slaSet('form.sla_class', hoursOf('form.sla_class')),
  'sla.base_hours': hoursOf('form.sla_class'),
  'sla.filed_at': 'now',
  dispatch: 'form',
  handler_units: 'concat([form.lead.unit], map(coalesce(form.co_handlers, []), c => c.unit))',
  accepted: 'false',
  state: "'DISPATCHED'",
};

const EVENT_STEPS = {
  intake: { kind: 'decision', title: t('上报渠道', 'reporting channel'), next: [
    { when: "data.reporter_kind == 'ORDER'", to: 'orderReport' },
    { when: "data.reporter_kind == 'RESIDENT'", to: 'residentReport' },
    { to: 'gridReport' },
  ] },
  gridReport: reportTask('GRID', '网格员上报(D-F1)', 'grid worker\'s report (D-F1)', [
    SELF('reporter'),
    { assert: '!config.photo_required_for_grid_report || len(coalesce(form.media, [])) >= 1', message: t('网格员上报须至少附1张照片', 'a grid worker\'s report needs at least one photo'), pointer: '/media' },
    { assert: 'form.geo != null', message: t('网格员上报须有位置', 'a grid worker\'s report needs the location'), pointer: '/geo' },
    { assert: "form.source == '网格员巡查'", message: t('网格员上报的来源为网格员巡查', 'a grid worker\'s report has the source 网格员巡查'), pointer: '/source' },
    { assert: 'form.handled_on_spot != true || form.class in config.on_spot_classes', message: t('该类事件不能当场自办', 'this class cannot be solved on the spot'), pointer: '/handled_on_spot' },
    { assert: "form.handled_on_spot != true || form.urgency != '紧急'", message: t('紧急事件须报指挥中心分拨，不能当场销号', 'urgent events go to the command centre; they are not crossed off on the spot'), pointer: '/handled_on_spot' },
    { assert: 'form.handled_on_spot != true || (len(coalesce(form.media, [])) >= 1 && len(coalesce(form.after_photos, [])) >= 1 && every(form.after_photos, a => every(form.media, b => isBefore(b.taken_at, a.taken_at))))',
      message: t('当场处置须有处置前后照片，处置后照片晚于处置前', 'solving on the spot needs photos before and after, the after photos taken later'), pointer: '/after_photos' },
  ], true),
  residentReport: reportTask('RESIDENT', '居民报事(D-F1)', 'resident\'s report (D-F1)', [
    SELF('reporter'),
    { assert: 'form.handled_on_spot != true', message: t('只有网格员可以当场处置', 'only a grid worker can solve on the spot'), pointer: '/handled_on_spot' },
    { assert: "form.source == '居民点单/报事'", message: t('居民报事的来源为居民点单/报事', 'a resident\'s report has the source 居民点单/报事'), pointer: '/source' },
  ], false),
  orderReport: reportTask('GRID_HEAD', '三单制转事件上报(D-F1)', 'report of a converted 三单制 order (D-F1)', [
    { assert: 'form.handled_on_spot != true', message: t('转事件的订单不能当场处置', 'a converted order is not solved on the spot'), pointer: '/handled_on_spot' },
    { assert: "form.source == '居民点单/报事' && form.reporter.person_id == data.order_resident", message: t('转事件的上报人是点单居民，来源为居民点单/报事', 'the reporter of a converted order is the resident who ordered; source 居民点单/报事'), pointer: '/reporter' },
  ], false),

  residentConfirm: { kind: 'task', title: t('居民确认当场处置(D-F6)', 'resident confirms the on-spot handling (D-F6)'), form: 'rating',
    assignee: { role: 'RESIDENT', person: 'data.report.resident_contact.person_id' }, saveAs: 'confirmation',
    conflicts: [{ persons: 'data.reporter_person', reason: t('处置的网格员不能代替居民确认', 'the grid worker who handled it cannot confirm for the resident') }],
    checks: [{ assert: "form.rater.person_id == data.report.resident_contact.person_id", message: t('评价人须为被告知的居民', 'the rater must be the resident who was asked'), pointer: '/rater' }],
    deadline: { at: 'addDays(today, config.rating_window_days)', basis: t('评价期限 rating_window(推定)', 'rating window (inferred)'), onExpiry: { goto: 'closeUnrated' } },
    next: [
      { when: "form.score != '不满意'", to: 'closeRated', set: { satisfaction: 'form.score', state: "'CLOSED'" } },
      { to: 'triage', set: { state: "'TRIAGE'" }, notify: [to('BRAIN', '居民对当场处置不满意，请立案分拨', 'the resident is not satisfied with the on-spot handling; please file and dispatch', atTown)] },
    ] },

  triage: { kind: 'task', title: t('立案分拨(D-F2)', 'filing and dispatch (D-F2)'), form: 'filing', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'filing',
    deadline: { at: `addMinutes(now, data.report.urgency == '紧急' ? config.urgent_dispatch_minutes : config.general_dispatch_minutes)`,
      basis: t('D §4.2 分拨时限：紧急30分钟、一般4个工作小时(推定)', 'D §4.2 dispatch within: URGENT 30 min, GENERAL 4 working hours (inferred)'),
      onExpiry: { notify: [to('SUPERVISOR', '事件超时未分拨', 'an event was not dispatched in time', atTown)] } },
    checks: [
      { assert: "!(data.report.class == '突发险情' && data.report.active_emergency == true && form.decision == '立案')", message: t('应急响应期间的突发险情须转C应急', 'a sudden hazard during an emergency response goes to C'), pointer: '/decision' },
      { assert: "form.decision != '立案' || !some(coalesce(form.co_handlers, []), c => c.unit == form.lead.unit)", message: t('协办单位不能与主办单位相同', 'a co-handler cannot be the lead'), pointer: '/co_handlers' },
      { assert: "form.decision != '立案' || distinctCount(map(coalesce(form.co_handlers, []), c => c.unit)) == len(coalesce(form.co_handlers, []))", message: t('协办单位不能重复', 'co-handlers must not repeat'), pointer: '/co_handlers' },
    ],
    next: [
      { when: "form.decision == '不予立案' || form.decision == '合并'", to: 'rejectFeedback', set: { state: "'REJECTED'" } },
      { when: "form.decision == '转B调解'", to: 'linkedDispute', set: { state: "'LINKED_CASE_OPEN'", linked_kind: "'B'" } },
      { when: "form.decision == '转C应急'", to: 'linkedEmergency', set: { state: "'LINKED_CASE_OPEN'", linked_kind: "'C'" } },
      { when: "form.sla_class == 'COUNTY_CALL'", to: 'countyCall', set: { ...fileSet, state: "'COUNTY_CALLED'" } },
      { to: 'handling', set: fileSet, notify: [
        to('HANDLER', '新分拨事件，请在时限内接单', 'a new event was dispatched to your unit; accept it in time', { orgUnit: 'form.lead.unit' }),
      ] },
    ] },

  rejectFeedback: { kind: 'decision', title: t('不予立案反馈', 'feedback on the rejection'), next: [
    { to: 'closedRejected', notify: [to('RESIDENT', '您反映的事件不予立案，理由见反馈', 'your report was not filed; the reason is in the feedback', { person: 'data.reporter_person' })], set: { feedback_text: "data.filing.decision == '合并' ? '合并至 ' + data.filing.master_ref : data.filing.reject_reason + '：' + data.filing.reject_note" } },
  ] },
  closedRejected: { kind: 'end', outcome: 'CLOSED_REJECTED', title: t('不予立案，已反馈', 'not filed; reporter told') },

  linkedDispute: { kind: 'subprocess', title: t('转人民调解(B)', 'handed to people\'s mediation (B)'), definition: { id: 'dispute-mediation', version: 1 },
    input: { filed_with: "'VILLAGE'", grid_event_ref: 'case.id' }, orgUnit: "unit('village')", saveAs: 'linked_case',
    next: [{ to: 'feedback', set: { state: "'FEEDBACK'", feedback_text: "'人民调解结果：' + data.linked_case.outcome" } }] },
  linkedEmergency: { kind: 'task', title: t('转C应急并记录结果', 'hand over to the emergency response (C) and record its outcome'), form: 'cLink', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'linked_case',
    next: [{ to: 'feedback', set: { state: "'FEEDBACK'", feedback_text: "'应急处置结果：' + form.c_outcome" } }] },

  handling: { kind: 'parallel', title: t('处置中(含超期督办)', 'in progress (with overdue supervision)'), join: 'any', saveAs: 'handling_run',
    branches: [
      { id: 'sla', title: t('时限与督办', 'SLA clock and supervision'), start: 'slaStart', steps: {
        slaStart: { kind: 'decision', title: t('时限状态', 'where the clock stands'), next: [
          { when: 'data.sla.red_sent == true', to: 'supervise' }, { when: 'data.sla.yellow_sent == true', to: 'slaRed' }, { to: 'slaYellow' }] },
        slaYellow: { kind: 'wait', title: t('办理时限', 'handling due time'), until: 'data.sla.due_at', basis: t('D §4.2 办结时限(sla.due_at)', 'D §4.2 handle within (sla.due_at)'), next: 'yellowCard' },
        yellowCard: { kind: 'decision', title: t('黄牌', 'yellow card'), next: [{ to: 'slaRed', set: { overdue: 'true', 'sla.yellow_sent': 'true', 'sla.yellow_at': 'now' }, notify: [
          to('SUPERVISOR', '黄牌：事件超过办理时限', 'yellow card: the event is past its due time', atTown),
          to('HANDLER', '黄牌：本单位承办事件已超期', 'yellow card: your unit\'s event is overdue', atLead),
        ] }] },
        slaRed: { kind: 'wait', title: t('红牌时限(超期50%)', 'red card time (+50%)'), until: 'data.sla.red_at', basis: t('D §4.2 超期50%红牌(推定)', 'D §4.2 red card at +50% (inferred)'), next: 'redCard' },
        redCard: { kind: 'decision', title: t('红牌', 'red card'), next: [{ to: 'supervise', set: { 'sla.red_sent': 'true', 'sla.red_card_at': 'now' }, notify: [
          to('SUPERVISOR', '红牌：事件超期已达50%', 'red card: the event is 50% past its due time', atTown),
          to('HANDLER', '红牌：本单位承办事件严重超期', 'red card: your unit\'s event is seriously overdue', atLead),
        ] }] },
        supervise: { kind: 'task', title: t('督办', 'supervision'), form: 'supervise', assignee: { role: 'SUPERVISOR', level: 'town' }, saveAs: 'supervision', collect: true,
          next: [{ when: "form.action == '强制改派'", to: 'slaForced' }, { to: 'supervise' }] },
        slaForced: { kind: 'end', outcome: 'FORCED_REDISPATCH', title: t('督办强制改派', 'forced re-dispatch') },
      } },
      { id: 'work', title: t('承办', 'handling'), start: 'workStart', steps: {
        workStart: { kind: 'decision', title: t('是否已接单', 'accepted yet'), next: [{ when: 'data.accepted == true', to: 'act' }, { to: 'accept' }] },
        accept: { kind: 'task', title: t('接单', 'accept the dispatch'), form: 'accept', assignee: { role: 'HANDLER', orgUnit: 'data.dispatch.lead.unit' }, saveAs: 'acceptance',
          deadline: { at: 'data.sla.accept_by', basis: t('D7 接单时限(dispatch_within)', 'D7 accept within dispatch_within'), onExpiry: { notify: [
            to('HANDLER', '提醒：请尽快接单', 'reminder: accept the dispatched event', atLead), to('SUPERVISOR', '事件超时未接单', 'an event was not accepted in time', atTown)] } },
          checks: [SELF('handler')],
          next: [{ to: 'act', set: { accepted: 'true', state: "'IN_PROGRESS'", handler_persons: 'concat(coalesce(data.handler_persons, []), [form.handler.person_id])' } }] },
        act: { kind: 'parallel', title: t('处置中', 'in progress'), join: 'any', saveAs: 'act_run', branches: [
          { id: 'feedback', start: 'handleReport', steps: {
            handleReport: { kind: 'task', title: t('处置反馈(D-F3)', 'handling report (D-F3)'), form: 'handled', assignee: { role: 'HANDLER', orgUnit: 'data.dispatch.lead.unit' }, saveAs: 'handled',
              checks: [
                SELF('handler'),
                { assert: '!isBefore(now, form.completed_at)', message: t('完成时间不能晚于当前时间', 'the completion time cannot be in the future'), pointer: '/completed_at' },
                { assert: 'form.physical != true || every(form.after, a => every(form.before, b => isBefore(b.taken_at, a.taken_at)))', message: t('处置后照片须晚于处置前照片', 'after photos must be taken after the before photos'), pointer: '/after' },
                { assert: 'form.unit.unit == data.dispatch.lead.unit', message: t('处置单位须为主办单位', 'the handling unit must be the lead'), pointer: '/unit' },
                { assert: 'every(coalesce(form.co_waived, []), w => some(coalesce(data.dispatch.co_handlers, []), c => c.unit == w.unit))', message: t('只能说明本事件协办单位的协办无需进行', 'only this event\'s co-handlers can be waived'), pointer: '/co_waived' },
              ],
              next: [{ to: 'fbEnd', set: { handler_persons: 'concat(coalesce(data.handler_persons, []), [form.handler.person_id])' } }] },
            fbEnd: { kind: 'end', outcome: 'HANDLED', title: t('已反馈', 'reported') },
          } },
          { id: 'request', start: 'requestReturnOrExtension', steps: {
            requestReturnOrExtension: { kind: 'task', title: t('退单/延期申请(D-F4)', 'return or extension request (D-F4)'), form: 'request', assignee: { role: 'HANDLER', orgUnit: 'data.dispatch.lead.unit' }, saveAs: 'request',
              checks: [
                { assert: "form.kind != '延期' || isBefore(data.sla.due_at, form.new_due_at)", message: t('新时限须晚于现时限', 'the new due time must be later than the current one'), pointer: '/new_due_at' },
                { assert: "form.kind != '延期' || (data.sla.class == 'GENERAL' && !isBefore(addHours(data.sla.filed_at, data.sla.base_hours + config.general_extension_hours), form.new_due_at)) || (data.sla.class == 'COMPLEX' && !isBefore(addHours(data.sla.filed_at, config.complex_cap_hours), form.new_due_at))",
                  message: t('超出该类事件的延期上限(一般类+4天，复杂类总计不超过15天；紧急类和当日类不延期)', 'beyond the class cap (GENERAL +4 days, COMPLEX 15 days in total; URGENT and ON_SPOT have no extension)'), pointer: '/new_due_at' },
                { assert: "form.kind != '退单' || form.suggested_owner.unit != data.dispatch.lead.unit", message: t('建议责任单位不能是本单位', 'the suggested owner cannot be your own unit'), pointer: '/suggested_owner' },
              ],
              set: { return_count: "form.kind == '退单' ? data.return_count + 1 : data.return_count" },
              next: 'rqEnd' },
            rqEnd: { kind: 'end', outcome: 'REQUEST', title: t('已申请', 'requested') },
          } },
          { id: 'county', start: 'countyCallFromProgress', steps: {
            countyCallFromProgress: { kind: 'task', title: t('乡呼县应呼叫(D-F7)', 'call a county department (D-F7)'), form: 'countyCall', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'county_call', next: 'ccEnd' },
            ccEnd: { kind: 'end', outcome: 'COUNTY', title: t('已呼叫县直部门', 'county called') },
          } },
        ], next: [
          { when: 'data.act_run.branches.feedback != null', to: 'workHandled' },
          { when: 'data.act_run.branches.request != null', to: 'workRequest' },
          { to: 'workCounty' },
        ] },
        workHandled: { kind: 'end', outcome: 'HANDLED', title: t('主办已反馈', 'lead reported') },
        workRequest: { kind: 'end', outcome: 'REQUEST', title: t('退单/延期申请', 'return or extension requested') },
        workCounty: { kind: 'end', outcome: 'COUNTY', title: t('乡呼县应', 'county called') },
      } },
    ],
    next: [
      { when: "data.handling_run.branches.sla == 'FORCED_REDISPATCH'", to: 'redispatch', set: { state: "'DISPATCHED'" } },
      { when: "data.handling_run.branches.work == 'HANDLED' && data.handled.result == '无法解决'", to: 'unsolvedReview', set: { state: "'HANDLED'" },
        notify: [to('BRAIN', '承办单位反馈无法解决，请复核', 'the handler reports the event cannot be solved; please review', atTown)] },
      { when: "data.handling_run.branches.work == 'HANDLED'", to: 'coStart' },
      { when: "data.handling_run.branches.work == 'REQUEST' && data.request.kind == '退单' && data.return_count > config.return_limit", to: 'supervisorReturn', set: { state: "'RETURN_REQUESTED'" },
        notify: [to('SUPERVISOR', '同一事件第三次退单，请督办裁决', 'a third return of the same event: please decide', atTown)] },
      { when: "data.handling_run.branches.work == 'REQUEST'", to: 'brainDecide', set: { state: "data.request.kind == '退单' ? 'RETURN_REQUESTED' : 'EXTENSION_REQUESTED'" } },
      { to: 'countyAccept', set: { state: "'COUNTY_CALLED'", handler_units: 'concat(data.handler_units, [data.county_call.called_dept.unit])' } },
    ] },

  coStart: { kind: 'decision', title: t('协办是否完成', 'co-handling to wait for'), next: [
    { when: 'len(filter(coalesce(data.dispatch.co_handlers, []), c => !some(coalesce(data.handled.co_waived, []), w => w.unit == c.unit))) > 0', to: 'coHandling' },
    { to: 'verify', set: { state: "'HANDLED'" } },
  ] },
  coHandling: { kind: 'jointReview', title: t('协办反馈(D-F3)', 'co-handlers\' reports (D-F3)'), form: 'coHandled',
    reviewers: "filter(coalesce(data.dispatch.co_handlers, []), c => !some(coalesce(data.handled.co_waived, []), w => w.unit == c.unit))",
    assignee: { role: 'HANDLER', orgUnit: 'reviewer.unit' }, decisionField: 'status', approveValues: ['已完成'], rejectValues: ['无法完成'], join: { rule: 'all' },
    deadline: { at: 'data.sla.due_at', basis: t('D §5.2 每个协办单位单独计算超期', 'D §5.2 each co-handler\'s lateness is tracked separately'),
      onExpiry: { notify: [to('HANDLER', '黄牌：协办部分已超期', 'yellow card: your co-handling part is overdue', { orgUnit: 'reviewer.unit' }), to('SUPERVISOR', '协办单位超期', 'a co-handler is overdue', atTown)] } },
    saveAs: 'co_handling',
    next: { approved: [{ to: 'verify', set: { state: "'HANDLED'" } }], rejected: [{ to: 'handling', set: { state: "'IN_PROGRESS'" }, notify: [to('HANDLER', '有协办单位无法完成，请主办单位继续处置', 'a co-handler could not finish its part; the lead continues', atLead)] }] } },

  unsolvedReview: { kind: 'task', title: t('复核无法解决的事件', 'review an event reported as cannot be solved'), form: 'unsolvedDecision', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'unsolved_review',
    next: [
      { when: "form.decision == '乡呼县应'", to: 'countyCall', set: { state: "'COUNTY_CALLED'" } },
      { when: "form.decision == '改派'", to: 'handling', set: {
        'dispatch.lead': 'form.new_lead', accepted: 'false', state: "'DISPATCHED'",
        handler_units: 'concat(data.handler_units, [form.new_lead.unit])', ...slaSet('data.sla.class', 'data.sla.base_hours') },
        notify: [to('HANDLER', '改派：新分拨事件，请在时限内接单', 're-dispatched to your unit; accept it in time', { orgUnit: 'form.new_lead.unit' })] },
      { to: 'feedback', set: { state: "'FEEDBACK'", feedback_text: "'无法解决：' + form.note" } },
    ] },
  brainDecide: { kind: 'task', title: t('审批退单/延期(D-F4)', 'decide the return or extension (D-F4)'), form: 'requestDecision', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'request_decision',
    deadline: { at: 'addMinutes(now, config.return_decision_minutes)', basis: t('D8 指挥中心4个工作小时内审批(推定)', 'D8 the centre decides within 4 working hours (inferred)'), onExpiry: { notify: [to('SUPERVISOR', '退单/延期超时未审批', 'a return or extension was not decided in time', atTown)] } },
    checks: [{ assert: "!(data.request.kind == '退单' && form.approval == '同意') || form.then != null", message: t('同意退单须选择改派或乡呼县应', 'approving a return needs 改派 or 乡呼县应'), pointer: '/then' }],
    next: 'applyDecision' },
  supervisorReturn: { kind: 'task', title: t('督办裁决第三次退单(D-F4)', 'supervisor decides a third return (D-F4)'), form: 'requestDecision', assignee: { role: 'SUPERVISOR', level: 'town' }, saveAs: 'request_decision',
    checks: [{ assert: "form.approval != '同意' || form.then != null", message: t('同意退单须选择改派或乡呼县应', 'approving a return needs 改派 or 乡呼县应'), pointer: '/then' }],
    next: 'applyDecision' },
  applyDecision: { kind: 'decision', title: t('执行审批结论', 'apply the decision'), next: [
    { when: "data.request.kind == '退单' && data.request_decision.approval == '同意' && data.request_decision.then == '乡呼县应'", to: 'countyCall', set: { state: "'COUNTY_CALLED'" } },
    { when: "data.request.kind == '退单' && data.request_decision.approval == '同意'", to: 'handling', set: {
      'dispatch.lead': 'data.request_decision.new_lead', accepted: 'false', state: "'DISPATCHED'",
      handler_units: 'concat(data.handler_units, [data.request_decision.new_lead.unit])', ...slaSet('data.sla.class', 'data.sla.base_hours') },
      notify: [to('HANDLER', '退单改派：新分拨事件，请在时限内接单', 'returned and re-dispatched to your unit; accept it in time', { orgUnit: 'data.request_decision.new_lead.unit' })] },
    { when: "data.request.kind == '延期' && data.request_decision.approval == '同意'", to: 'handling', set: {
      'sla.due_at': 'data.request.new_due_at', 'sla.red_at': 'addHours(data.request.new_due_at, floor(data.sla.base_hours * config.red_card_percent / 100))',
      'sla.yellow_sent': 'false', 'sla.red_sent': 'false', state: "'IN_PROGRESS'" } },
    { to: 'handling', set: { state: "'IN_PROGRESS'" }, notify: [to('HANDLER', '申请未获批准，请继续处置', 'the request was not approved; continue handling', atLead)] },
  ] },

  countyCall: { kind: 'task', title: t('乡呼县应呼叫(D-F7)', 'call a county department (D-F7)'), form: 'countyCall', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'county_call',
    next: [{ to: 'countyAccept', set: { state: "'COUNTY_CALLED'", handler_units: 'concat(coalesce(data.handler_units, []), [form.called_dept.unit])' } }] },
  countyAccept: { kind: 'task', title: t('县直部门受理(D-F7)', 'county department accepts (D-F7)'), form: 'countyAccept', assignee: { role: 'COUNTY_DEPT', orgUnit: 'data.county_call.called_dept.unit' }, saveAs: 'county_acceptance',
    deadline: { duration: { workingDays: 1 }, basis: t('D §4.2 COUNTY_CALL：县直部门1个工作日内受理(推定)', 'D §4.2 COUNTY_CALL: the county accepts within 1 working day (inferred)'),
      onExpiry: { notify: [to('SUPERVISOR', '县直部门超时未受理乡呼县应呼叫', 'the county department did not accept the call in time', { level: 'county' })] } },
    next: 'countyHandle' },
  countyHandle: { kind: 'task', title: t('县直部门办理(D-F7)', 'county department handles (D-F7)'), form: 'countyResult', assignee: { role: 'COUNTY_DEPT', orgUnit: 'data.county_call.called_dept.unit' }, saveAs: 'county_result',
    deadline: { duration: { workingDays: 5 }, basis: t('D §4.2 COUNTY_CALL：5个工作日办结(推定)', 'D §4.2 COUNTY_CALL: handled within 5 working days (inferred)'),
      onExpiry: { notify: [to('SUPERVISOR', '县直部门办理超期', 'the county department is overdue', { level: 'county' }), to('BRAIN', '乡呼县应事项超期', 'the county call is overdue', atTown)], set: { overdue: 'true' } } },
    next: [{ to: 'verify', set: { state: "'HANDLED'" } }] },

  redispatch: { kind: 'task', title: t('强制改派(D-F2)', 'forced re-dispatch (D-F2)'), form: 'redispatch', assignee: { role: 'BRAIN', level: 'town' }, saveAs: 'redispatch',
    next: [{ to: 'handling', set: { 'dispatch.lead': 'form.lead', 'dispatch.co_handlers': 'coalesce(form.co_handlers, [])', accepted: 'false', state: "'DISPATCHED'",
      handler_units: 'concat(data.handler_units, [form.lead.unit], map(coalesce(form.co_handlers, []), c => c.unit))', ...slaSet('data.sla.class', 'data.sla.base_hours') },
      notify: [to('HANDLER', '强制改派：新分拨事件，请在时限内接单', 'forced re-dispatch to your unit; accept it in time', { orgUnit: 'form.lead.unit' })] }] },

  verify: { kind: 'task', title: t('核查(D-F5)', 'verification (D-F5)'), form: 'verification', assignee: { role: 'GRID' }, saveAs: 'verification', collect: true,
    conflicts: [{ persons: 'coalesce(data.handler_persons, [])', reason: t('核查人不能是处置人(监管分离)', 'the verifier cannot be a handler (监管分离)') }],
    checks: [{ assert: `!some(coalesce(data.handler_units, []), u => ${actorInUnit('u')})`, message: t('核查人不能属于处置单位(监管分离)', 'the verifier cannot belong to a handling unit (监管分离)'), pointer: '/verifier' }],
    next: [
      { when: "form.result == '属实已解决'", to: 'feedback', set: { state: "'FEEDBACK'", feedback_text: "data.county_result != null ? data.county_result.actions : data.handled.actions" } },
      { to: 'handling', set: { reopen_count: 'data.reopen_count + 1', state: "'REOPENED'", accepted: 'true', ...slaSet('data.sla.class', REOPEN_HOURS) },
        notify: [to('HANDLER', '核查未通过，事件重办', 'verification failed; the event is reopened', atLead)] },
    ] },

  feedback: { kind: 'decision', title: t('结果反馈', 'feedback to the reporter'), next: [
    { when: 'data.rater == null', to: 'closeUnrated' },
    { to: 'rating', set: { state: "'RATING'" }, notify: [toRater('您反映的事件已办理，请评价', 'your event was handled; please rate the result')] },
  ] },
  rating: { kind: 'task', title: t('群众评单(D-F6)', 'resident\'s rating (D-F6)'), form: 'rating', assignee: { role: 'RESIDENT' }, saveAs: 'ratings', collect: true,
    conflicts: [{ persons: 'coalesce(data.handler_persons, [])', reason: t('处置人不能评价自己办理的事件', 'a handler cannot rate the event they handled') }],
    checks: [
      { assert: 'form.rater.person_id == data.rater', message: t('评价人须为上报居民(或其亲属代评)', 'the rater must be the reporting resident (or a relative for them)'), pointer: '/rater' },
      { assert: "form.rated_by == '亲属代评' || actor.personId == data.rater", message: t('本人评价须由居民本人提交；亲属代评须注明关系', 'a resident rates in person; a relative rating for them states the relation'), pointer: '/rated_by' },
    ],
    deadline: { at: 'addDays(today, config.rating_window_days)', basis: t('评价期限 rating_window：逾期按未评价结案(推定)', 'rating window: afterwards closed as 未评价 (inferred)'), onExpiry: { goto: 'closeUnrated' } },
    next: [
      { when: "form.score != '不满意'", to: 'closeRated', set: { satisfaction: 'form.score' } },
      { when: 'data.reopen_count + 1 >= config.reopen_limit', to: 'supervisorReview', set: { reopen_count: 'data.reopen_count + 1', state: "'SUPERVISOR_REVIEW'" },
        notify: [to('SUPERVISOR', '居民多次不满意，请复核', 'the resident is still not satisfied; please review', atTown)] },
      { to: 'handling', set: { reopen_count: 'data.reopen_count + 1', state: "'REOPENED'", accepted: 'true', ...slaSet('data.sla.class', REOPEN_HOURS) },
        notify: [to('HANDLER', '居民不满意，事件重办', 'the resident is not satisfied; the event is reopened', atLead)] },
    ] },
  supervisorReview: { kind: 'task', title: t('督办复核不满意事件', 'supervisor reviews the disputed closure'), form: 'review', assignee: { role: 'SUPERVISOR', level: 'town' }, saveAs: 'review',
    next: [
      { when: "form.decision == '不满意结案'", to: 'closedDissent', set: { satisfaction: "'不满意'", state: "'CLOSED_WITH_DISSENT'" },
        notify: [toRater('事件按不满意结案，理由及其他反映渠道见告知', 'the event is closed with your dissent recorded; see the reason and other channels')] },
      { to: 'redispatch', set: { state: "'DISPATCHED'" } },
    ] },

  closeRated: { kind: 'decision', title: t('结案统计', 'closing statistics'), next: [{ to: 'closed', set: { state: "'CLOSED'" } }] },
  closeUnrated: { kind: 'decision', title: t('未评价结案', 'closed without rating'), next: [{ to: 'closedUnrated', set: { satisfaction: "'未评价'", state: "'CLOSED'" } }] },
  closed: { kind: 'end', outcome: 'CLOSED', title: t('已结案', 'closed') },
  closedUnrated: { kind: 'end', outcome: 'CLOSED_UNRATED', title: t('已结案(未评价)', 'closed (not rated)') },
  closedDissent: { kind: 'end', outcome: 'CLOSED_WITH_DISSENT', title: t('不满意结案(已告知其他渠道)', 'closed with dissent (other channels told)') },
};

const eventData = {
  schema: {
    type: 'object',
    properties: {
      reporter_kind: { type: 'string', enum: ['GRID', 'RESIDENT', 'ORDER'], title: '上报渠道(启动参数)', description: 'reporting channel (start input)' },
      converted_from_order: { type: 'string', title: '来源三单制订单', description: 'the 三单制 order this event was converted from' },
      order_resident: { type: 'string', title: '点单居民', description: 'the resident who placed the order' },
      state: { type: 'string', title: '事件状态(D §5.1)', description: 'event state (D §5.1)' },
      overdue: { type: 'boolean', title: '曾超期(统计)', description: 'was overdue (statistics)' },
      satisfaction: { type: 'string', enum: [...SCORES, '未评价'], title: '满意度(统计)', description: 'satisfaction (statistics)' },
      reopen_count: { type: 'integer' }, return_count: { type: 'integer' },
      reporter_person: { type: ['string', 'null'] }, rater: { type: ['string', 'null'] },
      sla: { type: 'object' }, dispatch: { type: 'object' }, accepted: { type: 'boolean' },
      handler_units: { type: 'array' }, handler_persons: { type: 'array' }, linked_kind: { type: 'string' }, feedback_text: { type: 'string' },
    },
  },
};

export const gridEvent = {
  schemaVersion: 1, id: 'grid-event', version: 1,
  title: t('网格化事件处置', 'grid event handling loop'),
  description: t('信息收集→问题发现→任务分办→协同处置→结果反馈：网格员或居民上报，镇指挥中心立案分拨，承办单位处置，非处置人核查，居民评价。',
    'collect → discover → dispatch → co-handle → feed back: a grid worker or resident reports, the township centre files and dispatches, the units handle, someone else verifies, the resident rates.'),
  roles: ROLES,
  forms: { eventReport: F1, filing: F2, redispatch: REDISPATCH, accept: ACCEPT, handled: F3, coHandled: CO_F3, request: F4, requestDecision: F4_DECISION, verification: F5, rating: F6,
    unsolvedDecision: UNSOLVED, countyCall: F7, countyAccept: F7_ACCEPT, countyResult: F7_RESULT, supervise: SUPERVISE, review: REVIEW, cLink: C_LINK },
  data: eventData,
  config: EVENT_CONFIG,
  start: 'intake',
  steps: EVENT_STEPS,
};

// ================================================================== 三单制 service order (§5.3, D-F8)
const ORDER = form('D-F8 点单(居民点单)', 'D-F8 order (resident places an order)', {
  resident: personRef('点单居民', 'resident'),
  wish_type: en('需求类型', 'kind of need', WISH_TYPES),
  description: text('需求描述', 'description', 1000, 5),
  preferred_from: date('期望开始日期', 'preferred from'),
  preferred_to: date('期望结束日期', 'preferred until'),
  est_value: money('预估物资价值(元)', 'estimated material value (CNY)'),
  involves_cash: bool('是否涉及现金往来', 'involves a cash transfer'),
  address: text('地址', 'address', 200),
}, ['resident', 'wish_type', 'description', 'preferred_from', 'preferred_to', 'est_value', 'involves_cash', 'address'], {}, { description: { 'ui:widget': 'textarea' } });

const VET = form('D-F8 审核/派单(小区派单)', 'D-F8 vetting and dispatch', {
  vetted_by: personRef('审核人', 'vetted by'),
  licensed_work: en('是否需要资质或职权', 'needs a licence or authority', LICENSED_WORK),
  decision: en('审核结论', 'decision', ['发布认领', '定向派单', '转事件处置', '不予受理']),
  reason: text('理由', 'reason', 1000),
  target_members: arr('定向党员', 'targeted members', str('党员编号', 'member id', { maxLength: 40 }), 0, { uniqueItems: true }),
  claim_deadline: dateTime('认领截止时间', 'claim deadline'),
}, ['vetted_by', 'licensed_work', 'decision'], {
  allOf: [ifThen('decision', ['转事件处置', '不予受理'], ['reason']), ifThen('decision', '定向派单', ['target_members'])],
}, { reason: { 'ui:widget': 'textarea' } });

const CLAIM = form('D-F8 接单(党员接单)', 'D-F8 claim (a Party member takes the order)', {
  member: personRef('党员', 'Party member'),
  registered_unit: str('报到社区(村)', 'community registered with (双报到)', { pattern: ORG_PATH }),
  registration_status: en('报到状态', 'registration status', ['在册', '已注销']),
  home_unit: unitRef('报到单位党组织', 'home unit (Party organisation of the employer)'),
  promised_date: date('承诺完成日期', 'promised date'),
  claimed_at: dateTime('接单时间', 'claimed at'),
}, ['member', 'registered_unit', 'registration_status', 'home_unit', 'promised_date', 'claimed_at']);

const DONE = form('D-F8 完成', 'D-F8 done', {
  served_at: dateTime('服务时间', 'served at'),
  photos: arr('照片', 'photos', photoItem),
  note: text('服务记录', 'note', 1000),
}, ['served_at', 'note'], {}, { photos: photoUi, note: { 'ui:widget': 'textarea' } });

const ORDER_CONFIG = {
  wish_value_cap: { value: 200, tag: 'Loc', title: t('微心愿物资价值上限(元)', 'material value cap of a micro-wish (CNY)'), basis: t('D §5.3 守卫，各地不同(S28)', 'D §5.3 guards; differs by place (S28)') },
  publish_within_hours: { value: 24, tag: 'Inf', title: t('审核发布时限(小时)', 'publish within (hours)'), basis: t('D §4.2 WISH：1天内发布(推定)', 'D §4.2 WISH: publish within 1 day (inferred)') },
  claim_within_hours: { value: 72, tag: 'Inf', title: t('认领时限(小时)，逾期兜底指派', 'claim within (hours); then FALLBACK'), basis: t('D §4.2 WISH：72小时内认领(推定)', 'D §4.2 WISH: claim within 72 h (inferred)') },
  max_service_days: { value: 7, tag: 'Inf', title: t('承诺完成日期最多(天)', 'promised date at most (days)'), basis: t('D §4.2 WISH：约定日期不超过7天(推定)', 'D §4.2 WISH: agreed date ≤ 7 days (inferred)') },
  republish_limit: { value: 1, tag: 'Inf', title: t('释放后重新发布次数', 're-publications after a release'), basis: t('D §4.2 WISH：可重新发布一次(推定)', 'D §4.2 WISH: one re-publish (inferred)') },
  rating_window_days: { value: 3, tag: 'Inf', title: t('评价期限(日)', 'rating window (days)'), basis: t('D §4.2 rating_window(推定)', 'D §4.2 rating_window (inferred)') },
  points_table: { value: { 满意: 10, 基本满意: 5 }, tag: 'Loc', title: t('志愿服务积分(积分银行)', 'volunteer points (points bank)'), basis: t('南郑"积分银行"(S28)；分值为推定', '南郑 points bank (S28); the values are inferred') },
};

const claimChecks = (who) => [
  { assert: "form.registration_status == '在册'", message: t('党员须在本社区报到且状态有效(双报到)', 'the member must be registered with this community and active (双报到)'), pointer: '/registration_status' },
  { assert: "form.registered_unit == unit('village')", message: t('党员须在本社区(村)报到', 'the member must be registered with this community'), pointer: '/registered_unit' },
  { assert: 'daysBetween(today, form.promised_date) >= 0 && daysBetween(today, form.promised_date) <= config.max_service_days', message: t('承诺完成日期须在7天内', 'the promised date must be within 7 days'), pointer: '/promised_date' },
  ...(who === 'self' ? [
    { assert: 'form.member.person_id == actor.personId', message: t('只能本人接单', 'members claim for themselves'), pointer: '/member' },
    { assert: "data.vet.decision != '定向派单' || form.member.person_id in data.vet.target_members", message: t('定向派单只能由指定党员认领', 'a targeted order can be claimed only by the members named'), pointer: '/member' },
  ] : []),
];
const homeUnit = { orgUnit: 'data.claim.home_unit.unit' };

export const serviceOrder = {
  schemaVersion: 1, id: 'service-order', version: 1,
  title: t('三单制服务(居民点单、小区派单、党员接单、群众评单)', '三单制 service order (resident orders, neighbourhood dispatches, Party member serves, resident rates)'),
  description: t('微心愿等小事由报到党员志愿办理；需要资质或职权的转为网格事件。', 'small needs (micro-wishes) served by registered Party members; anything needing a licence or authority becomes a grid event.'),
  roles: { RESIDENT: ROLES.RESIDENT, GRID_HEAD: ROLES.GRID_HEAD, V_STATION: ROLES.V_STATION, PM: ROLES.PM, HOME_UNIT: ROLES.HOME_UNIT },
  forms: { order: ORDER, vet: VET, claim: CLAIM, done: DONE, rating: F6 },
  data: { schema: { type: 'object', properties: {
    state: { type: 'string', title: '订单状态(D §5.3)', description: 'order state (D §5.3)' }, claim_deadline: { type: 'string' }, release_count: { type: 'integer' },
    released: { type: 'array' }, points_awarded: { type: 'integer' }, resident_person: { type: ['string', 'null'] },
  } } },
  config: ORDER_CONFIG,
  start: 'order',
  steps: {
    order: { kind: 'task', title: t('居民点单', 'resident places an order'), form: 'order', assignee: { role: 'RESIDENT' }, saveAs: 'order',
      set: { resident_person: 'form.resident.person_id', release_count: '0', released: '[]', state: "'ORDER_PLACED'" },
      checks: [
        { assert: 'form.resident.person_id == actor.personId', message: t('居民本人点单', 'residents order for themselves'), pointer: '/resident' },
        { assert: 'daysBetween(form.preferred_from, form.preferred_to) >= 0', message: t('期望结束日期不能早于开始日期', 'the preferred end cannot be before the start'), pointer: '/preferred_to' },
      ],
      next: [{ to: 'vet', notify: [to('GRID_HEAD', '新的居民点单待审核', 'a new order waits for vetting')] }] },
    vet: { kind: 'task', title: t('审核/派单(小区派单)', 'vet and dispatch (小区派单)'), form: 'vet', assignee: { role: 'GRID_HEAD' }, saveAs: 'vet',
      deadline: { at: 'addHours(now, config.publish_within_hours)', basis: t('D §4.2 WISH：1天内发布(推定)', 'D §4.2 WISH: publish within 1 day (inferred)'),
        onExpiry: { notify: [to('V_STATION', '居民点单超时未审核', 'an order was not vetted in time', { level: 'village' })] } },
      checks: [
        { assert: "form.licensed_work == '无' || form.decision == '转事件处置' || form.decision == '不予受理'", message: t('需要资质或职权的需求须转事件处置(如燃气作业)', 'needs that require a licence or authority become a grid event (e.g. gas work)'), pointer: '/decision' },
        { assert: "!data.order.involves_cash || form.decision == '不予受理'", message: t('涉及现金往来的订单不予受理', 'orders involving cash transfers are rejected'), pointer: '/decision' },
        { assert: "data.order.est_value <= config.wish_value_cap || form.decision == '不予受理' || form.decision == '转事件处置'", message: t('超过微心愿物资价值上限', 'above the micro-wish value cap'), pointer: '/decision' },
        { assert: 'form.claim_deadline == null || isBefore(now, form.claim_deadline)', message: t('认领截止时间须晚于现在', 'the claim deadline must be in the future'), pointer: '/claim_deadline' },
      ],
      next: [
        { when: "form.decision == '不予受理'", to: 'orderRejected', set: { state: "'ORDER_REJECTED'" }, notify: [to('RESIDENT', '您的点单未被受理，理由见审核意见', 'your order was not accepted; see the reason', { person: 'data.resident_person' })] },
        { when: "form.decision == '转事件处置'", to: 'convert', set: { state: "'CONVERTED_TO_EVENT'" } },
        { to: 'claim', set: { state: "'DISPATCHED_TO_POOL'", claim_deadline: 'coalesce(form.claim_deadline, addHours(now, config.claim_within_hours))' },
          notify: [to('PM', '新的微心愿待认领', 'a new micro-wish waits to be claimed', { level: 'village' })] },
      ] },
    convert: { kind: 'subprocess', title: t('转网格事件处置', 'converted to a grid event'), definition: { id: 'grid-event', version: 1 },
      input: { reporter_kind: "'ORDER'", converted_from_order: 'case.id', order_resident: 'data.resident_person' }, saveAs: 'event',
      next: 'converted' },
    converted: { kind: 'end', outcome: 'CONVERTED_TO_EVENT', title: t('已转事件处置(事件办结)', 'converted to a grid event (the event is closed)') },
    orderRejected: { kind: 'end', outcome: 'ORDER_REJECTED', title: t('不予受理', 'rejected') },
    claim: { kind: 'task', title: t('党员接单', 'a Party member claims the order'), form: 'claim', assignee: { role: 'PM', level: 'village', match: 'subtree' }, saveAs: 'claim',
      deadline: { at: 'data.claim_deadline', basis: t('D §4.2 WISH：72小时无人认领则兜底(推定)', 'D §4.2 WISH: no claim in 72 h → FALLBACK (inferred)'),
        onExpiry: { goto: 'fallback', notify: [to('GRID_HEAD', '微心愿72小时无人认领，请兜底指派', 'nobody claimed the micro-wish in 72 h; assign a member')] } },
      checks: claimChecks('self'),
      next: [{ to: 'serve', set: { state: "'CLAIMED'" } }] },
    fallback: { kind: 'task', title: t('兜底指派(网格党支部/社区)', 'direct assignment (grid Party branch or community)'), form: 'claim', assignee: { role: 'GRID_HEAD' }, saveAs: 'claim',
      checks: claimChecks('assigned'),
      next: [{ to: 'serve', set: { state: "'CLAIMED'" }, notify: [to('PM', '网格党支部指派您办理一项微心愿', 'the grid Party branch assigned you a micro-wish', { level: 'village', person: 'form.member.person_id' })] }] },
    serve: { kind: 'task', title: t('党员服务并报告完成', 'the member serves and reports'), form: 'done', assignee: { role: 'PM', level: 'village', match: 'subtree', person: 'data.claim.member.person_id' }, saveAs: 'served',
      deadline: { at: 'data.claim.promised_date', basis: t('D §5.3 承诺日期未完成则释放回池', 'D §5.3 not served by the agreed date → RELEASED'),
        onExpiry: { goto: 'release', notify: [
          to('HOME_UNIT', '本单位报到党员未按承诺完成微心愿，订单已释放', 'a member of your unit did not serve by the promised date; the order was released', homeUnit),
          to('GRID_HEAD', '微心愿未按期完成，已释放回池', 'a micro-wish was not served in time and is back in the pool'),
        ] } },
      checks: [{ assert: '!isBefore(now, form.served_at)', message: t('服务时间不能晚于当前时间', 'the service time cannot be in the future'), pointer: '/served_at' }],
      next: [{ to: 'rate', set: { state: "'SERVED'" }, notify: [to('RESIDENT', '党员已完成服务，请评价', 'the member has served; please rate', { person: 'data.resident_person' })] }] },
    release: { kind: 'decision', title: t('释放回池', 'released back to the pool'), next: [
      { when: 'data.release_count >= config.republish_limit', to: 'fallback', set: { state: "'FALLBACK'", release_count: 'data.release_count + 1', released: 'concat(data.released, [data.claim.member.person_id])' } },
      { to: 'claim', set: { state: "'DISPATCHED_TO_POOL'", release_count: 'data.release_count + 1', released: 'concat(data.released, [data.claim.member.person_id])', claim_deadline: 'addHours(now, config.claim_within_hours)' },
        notify: [to('PM', '微心愿重新发布，待认领', 'a micro-wish is published again', { level: 'village' })] },
    ] },
    rate: { kind: 'task', title: t('群众评单', 'resident rates'), form: 'rating', assignee: { role: 'RESIDENT' }, saveAs: 'rating',
      conflicts: [{ persons: 'data.claim.member.person_id', reason: t('接单党员不能评价自己的服务', 'the member who served cannot rate it') }],
      checks: [
        { assert: 'form.rater.person_id == data.resident_person', message: t('评价人须为点单居民(或其亲属代评)', 'the rater must be the resident (or a relative for them)'), pointer: '/rater' },
        { assert: "form.rated_by == '亲属代评' || actor.personId == data.resident_person", message: t('本人评价须由居民本人提交；亲属代评须注明关系', 'a resident rates in person; a relative rating for them states the relation'), pointer: '/rated_by' },
      ],
      deadline: { at: 'addDays(today, config.rating_window_days)', basis: t('评价期限(推定)，逾期不积分', 'rating window (inferred); no points afterwards'), onExpiry: { goto: 'closedUnrated' } },
      next: [
        { when: "form.score != '不满意'", to: 'closed', set: { state: "'CLOSED'", points_awarded: 'config.points_table[form.score]' }, notify: [
          to('HOME_UNIT', '本单位报到党员完成微心愿服务，居民评价满意，已记积分', 'a member of your unit served a micro-wish, rated satisfied; points recorded', homeUnit)] },
        { to: 'closed', set: { state: "'CLOSED'", points_awarded: '0' }, notify: [to('GRID_HEAD', '居民对微心愿服务不满意', 'the resident is not satisfied with the service')] },
      ] },
    closed: { kind: 'end', outcome: 'CLOSED', title: t('已评单结案', 'rated and closed') },
    closedUnrated: { kind: 'end', outcome: 'CLOSED_UNRATED', title: t('已结案(未评价，不积分)', 'closed (not rated, no points)') },
  },
};

// ------------------------------------------------------------------ write
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'grid-event.json'), `${JSON.stringify(gridEvent, null, 2)}\n`);
writeFileSync(join(here, 'service-order.json'), `${JSON.stringify(serviceOrder, null, 2)}\n`);
