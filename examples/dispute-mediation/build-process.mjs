// Generates process.json (矛盾纠纷调解, domain file B). The four ladder rungs share one shape and the
// pre-ladder steps exist twice (filed at the village / filed at the township), so the JSON is built
// here from small helpers. Edit this file, then run: node examples/dispute-mediation/build-process.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const t = (zh, en) => ({ 'zh-CN': zh, en });

// ------------------------------------------------------------------ vocabulary
const LEVELS = ['VILLAGE', 'TOWN', 'COUNTY', 'COURT'];
const COLOURS = ['BLUE', 'YELLOW', 'ORANGE', 'RED'];
const RED_INDICATORS = ['扬言伤人/自杀', '持械', '已发生肢体冲突', '精神障碍未治疗', '家暴致伤', '计划聚集'];
const ORANGE_INDICATORS = ['多次报警', '债务紧迫伴威胁', '涉未成年人安全'];
const YELLOW_INDICATORS = ['酗酒'];
const INDICATORS = [...RED_INDICATORS, '多次报警', '酗酒', '债务紧迫伴威胁', '涉未成年人安全', '无'];
const DISPUTE_TYPES = ['婚姻家庭', '赡养抚养', '继承', '邻里', '宅基地', '土地承包', '债务', '损害赔偿', '劳动', '物业', '消费', '医疗', '交通事故', '征地拆迁', '环境', '其他'];
const REMEDIES = ['向人民法院起诉', '申请劳动仲裁', '申请农村土地承包仲裁', '申请商事仲裁', '申请行政处理/行政复议', '治安调解(公安)', '信访渠道', '上级调解组织调解'];
const TERMINATION_REASONS = ['一方拒绝调解', '当事人要求终止', '调解不成', '超期且不同意继续', '发现违法犯罪(移交公安)', '已由法院/公安/行政机关受理', '行政争议', '依法由专门机关处理', '法律禁止调解'];
const SESSION_RESULTS = ['继续调解', '达成协议', '当事人拒绝/要求终止', '调解不成', '发现违法犯罪线索'];
const ETHNICITIES = ['汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '其他'];

// ------------------------------------------------------------------ expressions
const PARTIES = 'concat(data.intake.applicants, data.intake.respondents)';
const PARTY_REFS = `map(${PARTIES}, p => p.ref)`;
const rank = (x) => `(${x} == 'RED' ? 3 : ${x} == 'ORANGE' ? 2 : ${x} == 'YELLOW' ? 1 : 0)`;
const list = (xs) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const indicated = `(some(form.risk_indicators, i => i in ${list(RED_INDICATORS)}) ? 'RED' : some(form.risk_indicators, i => i in ${list(ORANGE_INDICATORS)}) ? 'ORANGE' : some(form.risk_indicators, i => i in ${list(YELLOW_INDICATORS)}) ? 'YELLOW' : 'BLUE')`;
const IS_LABOUR = "data.intake.dispute_type == '劳动'";
const everyPartyIn = (listExpr, field = 'party_ref') => `every(${PARTY_REFS}, r => some(${listExpr}, x => x.${field} == r))`;

// ------------------------------------------------------------------ JSON Schema pieces
const str = (title, extra = {}) => ({ type: 'string', title, ...extra });
const text = (title, max = 3000) => ({ type: 'string', title, minLength: 1, maxLength: max });
const date = (title) => ({ type: 'string', format: 'date', title });
const dateTime = (title) => ({ type: 'string', format: 'date-time', title });
const bool = (title) => ({ type: 'boolean', title });
const int = (title, minimum = 0) => ({ type: 'integer', title, minimum });
const money = (title) => ({ type: 'number', title, minimum: 0, multipleOf: 0.01 });
const en = (title, values) => ({ type: 'string', title, enum: values });
const arr = (title, items, minItems = 0, extra = {}) => ({ type: 'array', title, items, ...(minItems ? { minItems } : {}), ...extra });
const obj = (properties, required = [], extra = {}) => ({ type: 'object', properties, required, additionalProperties: false, ...extra });
const NAME = { type: 'string', title: '姓名', pattern: '^[\\u3400-\\u9fff·A-Za-z]{1,30}$' }; // V_NAME_ZH
const PARTY_REF = str('当事人编号', { minLength: 1, maxLength: 20 });
const signature = (title) => obj({ method: en('签署方式', ['手写签名', '盖章', '按指印']), signed_on: date('签署日期'), image: str('签名图像') }, ['method', 'signed_on'], { title });
const partyAck = (title, extra, req) => arr(title, obj({ party_ref: PARTY_REF, ...extra }, ['party_ref', ...req]), 1);

/** PARTY_P (natural person) or PARTY_U (unit), chosen by `kind` (B §6). */
const PARTY = {
  type: 'object',
  title: '当事人',
  properties: {
    kind: en('当事人类别', ['P', 'U']),
    ref: PARTY_REF,
    // PARTY_P
    name: NAME,
    id_type: en('证件类型', ['居民身份证', '港澳台居民居住证', '护照', '其他']),
    id_no: str('证件号码', { minLength: 1, maxLength: 30 }),
    ethnicity: en('民族', ETHNICITIES),
    occupation: str('职业', { maxLength: 50 }),
    // PARTY_U
    org_name: str('单位名称', { minLength: 1, maxLength: 100 }),
    uscc: str('统一社会信用代码', { format: 'cn-uscc' }),
    legal_rep: obj({ name: NAME, post: str('职务', { minLength: 1, maxLength: 30 }) }, ['name', 'post'], { title: '法定代表人/负责人' }),
    // both
    address: text('住址/地址', 200),
    phone: str('联系电话', { format: 'cn-phone' }),
    agent: obj({
      name: NAME, id_no: str('身份证号', { format: 'cn-id-card' }), relation: str('与当事人关系', { maxLength: 30 }), authority_doc: str('授权委托书（文件）', { minLength: 1 }),
    }, ['name', 'authority_doc'], { title: '代理人/委托代表' }),
  },
  required: ['kind', 'ref', 'address', 'phone'],
  additionalProperties: false,
  allOf: [
    {
      if: { type: 'object', properties: { kind: { const: 'P' } } },
      then: { type: 'object', required: ['name', 'id_type', 'id_no', 'ethnicity'] },
      else: { type: 'object', required: ['org_name', 'uscc', 'legal_rep', 'agent'] },
    },
    {
      // V_IDCARD when the document is a resident ID card (the default document type)
      if: { type: 'object', properties: { id_type: { const: '居民身份证' } }, required: ['id_type'] },
      then: { type: 'object', properties: { id_no: { type: 'string', format: 'cn-id-card' } } },
    },
  ],
};

// ------------------------------------------------------------------ forms (B §6)
const forms = {
  BF1: {
    title: t('B-F1 人民调解申请书/受理登记表', 'B-F1 mediation application / intake register'),
    schema: {
      ...obj({
        source: en('案件来源', ['当事人申请', '调委会主动调解', '网格员上报', '公安移交', '法院委派/委托', '信访转办', '12345转办', '其他部门移交']),
        grid_event_ref: str('网格事件编号', { minLength: 1 }),
        applicants: arr('申请人', PARTY, 1),
        respondents: arr('被申请人', PARTY, 1),
        dispute_type: en('纠纷类型', DISPUTE_TYPES),
        summary: { type: 'string', title: '纠纷简要情况', minLength: 20, maxLength: 3000 },
        requests: arr('申请事项', text('事项', 1000), 1),
        persons_involved: int('涉及人数', 2),
        households_involved: int('涉及户数', 1),
        amount: money('涉及金额（元）'),
        accepted_elsewhere: en('是否已由法院/公安/行政机关受理', ['否', '法院', '公安', '行政机关']),
        ref_no: str('受理文号', { minLength: 1 }),
        exclusion: en('不属人民调解范围的情形', ['无', '违法犯罪或治安案件', '行政争议', '依法由专门机关处理', '法律禁止调解']),
        respondent_position: en('被申请人意愿（人民调解法第十七条）', ['同意调解', '尚未表态', '明确拒绝调解']),
        channel: en('申请方式', ['书面', '口头(当场记录)', '线上']),
        voluntary_declaration: signature('自愿声明：已知悉人民调解相关规定，自愿申请调解'),
        received_on: date('收到申请日期'),
        accepted_on: date('受理日期'),
        registrar: str('登记人', { minLength: 1 }),
      }, ['source', 'applicants', 'respondents', 'dispute_type', 'summary', 'requests', 'persons_involved', 'households_involved', 'accepted_elsewhere', 'exclusion', 'respondent_position', 'channel', 'received_on', 'accepted_on', 'registrar']),
      allOf: [
        { if: { type: 'object', properties: { source: { const: '网格员上报' } } }, then: { type: 'object', required: ['grid_event_ref'] } },
        { if: { type: 'object', properties: { accepted_elsewhere: { enum: ['法院', '公安', '行政机关'] } } }, then: { type: 'object', required: ['ref_no'] } },
        { if: { type: 'object', properties: { source: { const: '当事人申请' } } }, then: { type: 'object', required: ['voluntary_declaration'] } },
      ],
    },
  },
  BF2: {
    title: t('B-F2 当事人权利义务告知书', 'B-F2 notice of the parties’ rights and duties'),
    schema: obj({
      mode: en('告知方式', ['书面', '口头+记录']),
      notice_version: str('告知书版本', { minLength: 1 }),
      lists_art23_24: bool('已列明人民调解法第二十三条权利与第二十四条义务'),
      acks: partyAck('当事人确认', { signature: signature('签名'), date: date('确认日期') }, ['signature', 'date']),
      consent: partyAck('是否同意调解', { decision: en('意愿', ['同意', '拒绝']) }, ['decision']),
      chosen_mediators: arr('选择调解员', str('调解员', { minLength: 1 })),
      publicity: en('公开/不公开', ['公开', '不公开']),
    }, ['mode', 'notice_version', 'lists_art23_24', 'acks', 'consent', 'publicity']),
  },
  BF3: {
    title: t('B-F3 分级分类与风险评估表', 'B-F3 grading and risk assessment'),
    schema: obj({
      grade: en('纠纷等级', ['G1', 'G2', 'G3']),
      level: en('承办层级', LEVELS),
      override_reason: text('偏离默认等级/层级的理由', 500),
      risk_indicators: arr('风险指标', en('指标', INDICATORS), 1, { uniqueItems: true }),
      risk_colour: en('风险颜色', COLOURS),
      stabiliser: str('稳控责任人（包案）', { minLength: 1 }),
      mediators: arr('指派调解员', str('调解员', { minLength: 1 }), 1),
      assessor: str('评估人', { minLength: 1 }),
      assessed_at: dateTime('评估时间'),
    }, ['grade', 'level', 'risk_indicators', 'risk_colour', 'mediators', 'assessor', 'assessed_at']),
  },
  BF3_risk: {
    title: t('B-F3 风险复评表', 'B-F3 risk reassessment'),
    schema: obj({
      risk_indicators: arr('风险指标', en('指标', INDICATORS), 1, { uniqueItems: true }),
      risk_colour: en('风险颜色', COLOURS),
      stabiliser: str('稳控责任人（包案）', { minLength: 1 }),
      criminal_event: bool('已发生违法犯罪（民转刑）'),
      assessor: str('评估人', { minLength: 1 }),
      assessed_at: dateTime('评估时间'),
      note: text('情况说明', 2000),
    }, ['risk_indicators', 'risk_colour', 'assessor', 'assessed_at']),
  },
  BF3_police: {
    title: t('B-F3 向公安机关报告记录', 'B-F3 report to the police'),
    schema: obj({
      police_reported: bool('是否报告公安'),
      reported_at: dateTime('报告时间'),
      receiving_unit: str('接报单位', { minLength: 1 }),
      measures: text('已采取的预防措施（第二十五条）', 2000),
    }, ['police_reported', 'reported_at', 'receiving_unit']),
  },
  BF4: {
    title: t('B-F4 调解记录', 'B-F4 mediation session record'),
    schema: {
      ...obj({
        held_at: dateTime('调解时间'),
        place: text('地点', 200),
        mediators_present: arr('调解员', str('调解员', { minLength: 1 }), 1),
        parties_present: arr('参加人', PARTY_REF, 1),
        invitees: arr('邀请参与人', obj({ name: NAME, role: en('身份', ['亲属', '邻里', '同事', '专业人员', '社会组织', '人大代表/政协委员', '律师']) }, ['name', 'role'])),
        invitee_consent: bool('当事人同意邀请（第二十条）'),
        narrative: text('调解经过', 5000),
        result: en('本次结果', SESSION_RESULTS),
        agreement_form: en('协议形式', ['书面', '口头']),
        signatures: arr('签名', obj({ signer: str('签名人', { minLength: 1 }), signature: signature('签名') }, ['signer', 'signature'])),
        refused_to_sign: text('拒绝签名情况', 500),
      }, ['held_at', 'place', 'mediators_present', 'parties_present', 'narrative', 'result']),
      allOf: [{ if: { type: 'object', properties: { result: { const: '达成协议' } } }, then: { type: 'object', required: ['agreement_form'] } }],
    },
  },
  BF5: {
    title: t('B-F5 人民调解协议书', 'B-F5 people’s mediation agreement'),
    schema: obj({
      agreement_no: str('协议编号', { pattern: '^（\\d{4}）.{1,20}调协字第\\d+号$' }),
      parties: arr('当事人', PARTY_REF, 2, { uniqueItems: true }),
      facts: text('纠纷主要事实', 5000),
      issues: arr('争议事项', text('事项', 1000), 1),
      responsibilities: text('各方责任', 3000),
      terms: arr('协议内容', obj({
        obligor: PARTY_REF, obligee: PARTY_REF, content: text('内容', 1000), amount: money('金额（元）'),
        method: en('履行方式', ['一次性支付', '分期支付', '实物交付', '行为', '其他']), place: text('履行地点', 200), due_date: date('履行期限'),
      }, ['obligor', 'obligee', 'content', 'method', 'place', 'due_date']), 1),
      total_amount: money('协议总金额（元）'),
      copies: int('份数', 1),
      party_signatures: arr('当事人签名/盖章/按指印', obj({ party_ref: PARTY_REF, method: en('方式', ['签名', '盖章', '按指印']), signed_on: date('日期') }, ['party_ref', 'method', 'signed_on']), 1),
      mediator_signature: obj({ name: NAME, signed_on: date('日期') }, ['name', 'signed_on'], { title: '调解员签名' }),
      committee_seal: obj({ seal_id: str('印章编号', { minLength: 1 }), org: str('调委会', { minLength: 1 }), sealed_on: date('盖章日期') }, ['seal_id', 'org', 'sealed_on'], { title: '调委会印章' }),
      effective_date: date('生效日期'),
      intends_confirmation: bool('拟申请司法确认'),
    }, ['parties', 'facts', 'issues', 'responsibilities', 'terms', 'party_signatures', 'mediator_signature', 'committee_seal']),
  },
  BF6: {
    title: t('B-F6 口头调解协议登记表', 'B-F6 oral agreement register'),
    schema: obj({
      parties: arr('当事人', PARTY_REF, 2, { uniqueItems: true }),
      content: text('协议内容', 3000),
      reached_on: date('达成日期'),
      performed_immediately: bool('是否即时履行'),
      written_requested: bool('当事人是否要求书面协议'),
      has_civil_obligations: bool('是否包含需书面载明的民事权利义务'),
      mediator_signature: obj({ name: NAME, signed_on: date('日期') }, ['name', 'signed_on'], { title: '调解员签名' }),
      party_confirmations: arr('当事人确认签名', obj({ party_ref: PARTY_REF, signature: signature('签名') }, ['party_ref', 'signature'])),
    }, ['parties', 'content', 'reached_on', 'performed_immediately', 'written_requested', 'has_civil_obligations', 'mediator_signature']),
  },
  BF7: {
    title: t('B-F7 终止调解/不予受理告知书', 'B-F7 notice of termination / non-acceptance'),
    schema: obj({
      reason: en('终止/不予受理原因', TERMINATION_REASONS),
      remedies: arr('可选途径', en('途径', REMEDIES), 1, { uniqueItems: true }),
      new_consent_to_mediation: bool('拒绝方已重新同意在上级调解组织调解'),
      referred_to: str('移交/告知的渠道', { maxLength: 100 }),
      litigation_filed: bool('已当场立案（法院层级）'),
      notified_on: date('告知日期'),
      receipts: arr('签收', obj({ party_ref: PARTY_REF, signature: signature('签收') }, ['party_ref', 'signature']), 1),
    }, ['reason', 'remedies', 'notified_on', 'receipts']),
  },
  BF8: {
    title: t('B-F8 矛盾纠纷移交（升级）单', 'B-F8 escalation (hand-over) form'),
    schema: obj({
      from_level: en('原层级', LEVELS),
      to_level: en('接收层级', LEVELS),
      to_org: str('接收组织', { minLength: 1 }),
      reason: en('升级原因', ['调解超期', '调解不成', '跨村/跨镇', '群体性', '风险升级', '当事人要求', '专业性强']),
      consents: partyAck('当事人同意在上级继续调解', { consent: bool('同意') }, ['consent']),
      work_done: text('已开展工作', 3000),
    }, ['from_level', 'to_level', 'to_org', 'reason', 'consents', 'work_done']),
  },
  BF_timeout: {
    title: t('调解超期处理（继续调解同意书）', 'expired mediation period: continue by consent or propose escalation'),
    schema: obj({
      consents: partyAck('当事人是否同意继续调解', { consent: bool('同意') }, ['consent']),
      decision: en('处理', ['继续调解', '提请升级', '立案诉讼', '终止调解']),
      note: text('说明', 2000),
    }, ['consents', 'decision']),
  },
  BF_review: {
    title: t('多次调解无进展审查', 'chair review after sessions without progress'),
    schema: obj({ decision: en('审查结论', ['继续调解', '提请升级', '终止调解']), reason: text('理由', 2000) }, ['decision', 'reason']),
  },
  BF9_filing: {
    title: t('B-F9 司法确认申请书（登记）', 'B-F9 application for judicial confirmation (filing)'),
    schema: obj({
      applicants: arr('申请人（双方共同申请）', PARTY_REF, 2, { uniqueItems: true }),
      agreement_ref: str('调解协议编号', { minLength: 1 }),
      filed_on: date('申请日期'),
      court: str('管辖法院', { minLength: 1 }),
      attachments: arr('材料', str('文件', { minLength: 1 }), 1),
    }, ['applicants', 'agreement_ref', 'filed_on', 'court', 'attachments']),
  },
  BF9_ruling: {
    title: t('B-F9 司法确认裁定', 'B-F9 court ruling on confirmation'),
    schema: obj({ ruling: en('法院结果', ['裁定有效', '裁定驳回']), ruling_no: str('裁定书编号', { minLength: 1 }), ruled_on: date('裁定日期') }, ['ruling', 'ruling_no', 'ruled_on']),
  },
  BF10: {
    title: t('B-F10 人民调解回访记录', 'B-F10 follow-up visit record'),
    schema: obj({
      visited_on: date('回访日期'),
      mode: en('回访方式', ['上门', '电话', '视频', '约谈']),
      interviewed: arr('受访当事人', PARTY_REF, 1),
      performance: en('履行情况', ['已全部履行', '部分履行', '未履行', '未到期']),
      satisfaction: en('满意度', ['满意', '基本满意', '不满意']),
      new_risks: text('新苗头/隐患', 2000),
      new_risk_colour: en('风险颜色', COLOURS),
      actions: text('采取措施', 2000),
      visitor: str('回访人', { minLength: 1 }),
    }, ['visited_on', 'mode', 'interviewed', 'performance', 'satisfaction', 'new_risks', 'new_risk_colour', 'visitor']),
  },
  party_request: {
    title: t('当事人撤回申请/申请仲裁登记', 'party’s withdrawal or arbitration election'),
    schema: obj({
      request: en('请求', ['撤回调解申请', '申请劳动仲裁']),
      party_ref: PARTY_REF,
      requested_on: date('日期'),
      in_writing: bool('书面提出'),
    }, ['request', 'party_ref', 'requested_on', 'in_writing']),
  },
};

// ------------------------------------------------------------------ roles and config
const roles = {
  PARTY: { title: t('当事人', 'party') },
  GRID: { title: t('网格员', 'grid worker') },
  V_MED: { title: t('村(居)调委会调解员', 'village mediation-committee mediator') },
  V_MED_CHAIR: { title: t('村调委会主任', 'village mediation-committee chair') },
  T_CENTER: { title: t('镇(街)综治中心/调委会', 'township governance centre / mediation committee') },
  POLICE: { title: t('派出所', 'police station') },
  C_CENTER: { title: t('县级社会治理中心/矛调中心', 'county social-governance centre') },
  COURT: { title: t('法院/人民法庭/共享法庭', 'court / people’s tribunal / shared courtroom') },
  JUSTICE_BUREAU: { title: t('县司法局', 'county justice bureau') },
};

const config = {
  village_mediation_months: { value: 1, tag: 'P', title: t('村级调解期限（月）', 'village mediation period (months)'), basis: t('人民调解工作若干规定第三十三条“一般在一个月内调结”', 'Mediation Work Rules Art 33') },
  town_mediation_months: { value: 1, tag: 'P', title: t('镇级调解期限（月）', 'township mediation period (months)'), basis: t('人民调解工作若干规定第三十三条；人民调解法第三十四条', 'Mediation Work Rules Art 33; PML Art 34') },
  county_premediation_days: { value: 30, tag: 'Loc', title: t('县级/诉前调解期限（日）', 'county / pre-litigation mediation period (days)'), basis: t('地方法院特邀调解规定（S22）', 'local court rule on invited mediation (S22)') },
  continue_with_consent: { value: true, tag: 'Prov', title: t('双方同意可继续调解一次', 'continue once with both parties’ consent'), basis: t('省人民调解条例（S17）', 'provincial mediation regulation (S17)') },
  extension_months: { value: 1, tag: 'Inf', title: t('同意继续调解的延长期（月）', 'extension by consent (months)'), basis: t('推定，待专家确认', 'inference, to be reviewed') },
  county_extension_days: { value: 30, tag: 'Loc', title: t('县级/诉前调解同意延长（日）', 'county / pre-litigation extension by consent (days)'), basis: t('地方法院特邀调解规定（S22）', 'local court rule (S22)') },
  labour_no_agreement_days: { value: 15, tag: 'L', title: t('劳动争议调解期限（日）', 'labour mediation: days without agreement'), basis: t('劳动争议调解仲裁法第十四条', 'Labour Dispute Mediation and Arbitration Law Art 14') },
  confirmation_window_days: { value: 30, tag: 'L', title: t('司法确认申请期限（日）', 'judicial confirmation window (days)'), basis: t('人民调解法第三十三条；民事诉讼法第二百零五条', 'PML Art 33; Civil Procedure Law Art 205') },
  followup_first_visit_days: { value: 30, tag: 'Inf', title: t('协议生效后首次回访（日）', 'first follow-up after effect (days)'), basis: t('推定（S17 要求回访，未规定时间）', 'inference (S17 requires visits, no timing)') },
  followup_after_due_days: { value: 3, tag: 'Inf', title: t('履行期限届满后回访（日）', 'visit after the last performance date (days)'), basis: t('推定', 'inference') },
  risk_report_sla_minutes: { value: 60, tag: 'Inf', title: t('红/橙色风险向公安报告时限（分钟）', 'RED/ORANGE risk: report to the police within (minutes)'), basis: t('人民调解法第二十五条“及时报告”（报告义务为法定，1小时为推定）', 'PML Art 25 "promptly" (the duty is statutory, 1 hour is an inference)') },
  max_sessions_before_review: { value: 3, tag: 'Inf', title: t('无进展调解次数上限', 'sessions without progress before chair review'), basis: t('推定', 'inference') },
  group_dispute_persons: { value: 5, tag: 'Inf', title: t('群体性纠纷人数（一方）', 'group dispute: persons on one side'), basis: t('推定', 'inference') },
  group_dispute_households: { value: 10, tag: 'Inf', title: t('群体性纠纷户数', 'group dispute: households'), basis: t('推定', 'inference') },
  amount_village_max: { value: 50000, tag: 'Inf', title: t('村级金额参考上限（元）', 'village amount guidance (CNY)'), basis: t('推定，仅作指引', 'inference, guidance only') },
  amount_town_max: { value: 500000, tag: 'Inf', title: t('镇级金额参考上限（元）', 'township amount guidance (CNY)'), basis: t('推定，仅作指引', 'inference, guidance only') },
};

// ------------------------------------------------------------------ checks (the [L] rules and the form rules of §6)
const chk = (assert, zh, en_, pointer) => ({ assert, message: t(zh, en_), ...(pointer ? { pointer } : {}) });

const intakeChecks = [
  chk('every(form.applicants, a => !some(form.respondents, r => r.ref == a.ref || (a.id_no != null && r.id_no == a.id_no) || (a.uscc != null && r.uscc == a.uscc)))',
    '同一当事人不能同时是申请人和被申请人', 'nobody may be on both sides', '/respondents'),
  chk('distinctCount(map(concat(form.applicants, form.respondents), p => p.ref)) == len(form.applicants) + len(form.respondents)',
    '当事人编号不能重复', 'party numbers must be unique', '/applicants'),
  chk('form.received_on <= form.accepted_on && form.accepted_on <= today', '受理日期不能早于收到申请日期，也不能晚于今天', 'the acceptance date must be between receipt and today', '/accepted_on'),
];

const defaultGrade = `(data.intake.dispute_type in ['征地拆迁', '医疗', '交通事故'] || len(data.intake.applicants) >= config.group_dispute_persons || len(data.intake.respondents) >= config.group_dispute_persons || data.intake.households_involved >= config.group_dispute_households || coalesce(data.intake.amount, 0) >= config.amount_town_max ? 'G3' : data.intake.dispute_type in ['劳动', '物业', '消费'] || coalesce(data.intake.amount, 0) >= config.amount_village_max ? 'G2' : 'G1')`;
const defaultLevel = `(form.grade == 'G3' ? 'COUNTY' : form.grade == 'G2' ? 'TOWN' : 'VILLAGE')`;
const riskChecks = [
  chk(`${rank('form.risk_colour')} >= ${rank(indicated)}`, '风险颜色不能低于风险指标对应的颜色（只能自动调高）', 'the colour may not be below the one the indicators call for', '/risk_colour'),
  chk("!contains(form.risk_indicators, '无') || len(form.risk_indicators) == 1", '“无”不能与其他风险指标同时勾选', '“none” excludes every other indicator', '/risk_indicators'),
  chk(`${rank('form.risk_colour')} < 2 || form.stabiliser != null`, '橙色及以上风险必须指定稳控责任人', 'ORANGE or RED needs a named stabiliser', '/stabiliser'),
];
const gradingChecks = [
  ...riskChecks,
  chk(`form.grade == ${defaultGrade} || form.override_reason != null`, '纠纷等级与分级规则不一致时须写明理由', 'a grade other than the default needs a reason', '/override_reason'),
  chk(`form.level == ${defaultLevel} || form.override_reason != null`, '承办层级与等级不一致时须写明理由', 'a handling level other than the grade’s default needs a reason', '/override_reason'),
  chk("form.risk_colour != 'RED' || form.level != 'VILLAGE'", '红色风险的承办层级至少为乡镇', 'a RED risk is handled at TOWN level or above', '/level'),
];

const sessionChecks = [
  chk('dateOf(form.held_at) >= data.intake.accepted_on', '调解时间不能早于受理日期', 'a session cannot precede acceptance', '/held_at'),
  chk('len(coalesce(form.invitees, [])) == 0 || form.invitee_consent == true', '邀请他人参与调解须经当事人同意（人民调解法第二十条）', 'inviting others needs the parties’ consent (PML Art 20)', '/invitee_consent'),
];

const agreementEffective = 'max(concat(map(form.party_signatures, s => s.signed_on), [form.mediator_signature.signed_on, form.committee_seal.sealed_on]))';
const writtenChecks = [
  chk(everyPartyIn('form.party_signatures'), '协议须由全体当事人签名、盖章或按指印（人民调解法第二十九条）', 'every party must sign, seal or fingerprint (PML Art 29)', '/party_signatures'),
  chk(`every(${PARTY_REFS}, r => contains(form.parties, r))`, '协议须载明全体当事人', 'the agreement must name every party', '/parties'),
  chk(`form.effective_date == null || form.effective_date == ${agreementEffective}`, '生效日期为各方签名和调委会盖章中最晚的日期（人民调解法第二十九条）', 'the agreement takes effect on the last of the signatures and the seal (PML Art 29)', '/effective_date'),
  chk(`form.copies == null || form.copies == len(${PARTIES}) + 1`, '份数为当事人人数加一（人民调解法第二十九条）', 'one copy per party plus one for the committee (PML Art 29)', '/copies'),
  chk(`every(form.terms, x => x.due_date >= ${agreementEffective})`, '履行期限不能早于协议生效日期', 'a performance date cannot precede the agreement', '/terms'),
  chk('form.total_amount == null || sum(form.terms, x => coalesce(x.amount, 0)) == form.total_amount', '分期金额之和须等于协议总金额', 'the instalments must add up to the total', '/total_amount'),
];
const oralChecks = [
  chk('form.written_requested == false && (form.performed_immediately == true || form.has_civil_obligations == false)',
    '当事人要求书面协议，或有需要载明的民事权利义务且不能即时履行的，应当制作书面调解协议（人民调解工作若干规定第三十四条）',
    'a written agreement is required when a party asks for one or when civil obligations are not performed at once (Mediation Work Rules Art 34)', '/written_requested'),
  chk(`every(${PARTY_REFS}, r => contains(form.parties, r))`, '口头协议须载明全体当事人', 'the oral agreement must name every party', '/parties'),
];

const REFUSALS = "['一方拒绝调解', '当事人要求终止']";
const terminationChecks = (allowHigher) => [
  chk("contains(form.remedies, '向人民法院起诉')", '告知书必须告知当事人可以向人民法院起诉（人民调解法第三条、第二十六条）', 'the notice must tell the parties they may sue in court (PML Art 3, 26)', '/remedies'),
  chk(`!(${IS_LABOUR}) || contains(form.remedies, '申请劳动仲裁')`, '劳动争议必须告知可以申请劳动争议仲裁（劳动争议调解仲裁法第十四条）', 'a labour dispute must mention labour arbitration (LDMAL Art 14)', '/remedies'),
  chk("data.intake.dispute_type != '土地承包' || contains(form.remedies, '申请农村土地承包仲裁')", '土地承包经营纠纷必须告知可以申请农村土地承包仲裁（农村土地承包经营纠纷调解仲裁法第四条）', 'a land-contract dispute must mention land-contract arbitration (RLCDMAL Art 4)', '/remedies'),
  chk("data.intake.dispute_type != '征地拆迁' || !contains(form.remedies, '申请农村土地承包仲裁')", '征收集体土地及补偿纠纷不属于农村土地承包仲裁范围（农村土地承包经营纠纷调解仲裁法第二条）', 'land-expropriation compensation is not for land-contract arbitration (RLCDMAL Art 2)', '/remedies'),
  chk(`!(form.reason in ${REFUSALS}) || !contains(form.remedies, '上级调解组织调解') || form.new_consent_to_mediation == true`, '一方拒绝调解的，非经其重新同意不得再行调解（人民调解法第十七条）', 'no further mediation after a refusal without a new consent (PML Art 17)', '/remedies'),
  chk(`${everyPartyIn('form.receipts')}`, '每位当事人都应签收告知书', 'every party signs for the notice', '/receipts'),
  ...(allowHigher ? [] : [chk("!contains(form.remedies, '上级调解组织调解')", '法院层级之上没有调解组织', 'there is no mediation level above the court', '/remedies')]),
];

const consentChecks = (field) => [
  chk(everyPartyIn(`form.${field}`), '每位当事人的意愿都须记录', 'record every party’s answer', `/${field}`),
];

// ------------------------------------------------------------------ rungs
const art16 = { role: 'PARTY', message: t('因支付拖欠劳动报酬等达成调解协议，用人单位在协议约定期限内不履行的，劳动者可以持调解协议书依法向人民法院申请支付令（劳动争议调解仲裁法第十六条）', 'if the employer does not pay as agreed, the worker may use the agreement to apply to the court for a payment order (LDMAL Art 16)') };

function rung(r) {
  const p = r.p;
  const med = { role: r.med };
  const chair = { role: r.chair };
  const isCourt = r.id === 'COURT';
  const S = (n) => `${p}${n}`;
  const countPath = `session_count.${r.id}`;
  const countExpr = `coalesce(data.session_count.${r.id}, 0) + 1`;
  const extPath = `ext.${r.id}`;
  const conflicts = [{ persons: `map(${PARTIES}, x => x.id_no)`, includeRelatives: true, reason: t('调解员是当事人或其近亲属，应当回避（人民调解法第十五条精神）', 'a mediator who is a party or a near relative of one must step aside (spirit of PML Art 15)') }];
  const sessionRoutes = (self) => [
    { when: `form.result == '继续调解' && ${countExpr} >= config.max_sessions_before_review`, to: S('Review'), set: { [countPath]: countExpr } },
    { when: "form.result == '继续调解'", to: self, set: { [countPath]: countExpr } },
    { when: "form.result == '达成协议' && form.agreement_form == '书面'", to: S('Written') },
    { when: "form.result == '达成协议'", to: S('Oral') },
    { when: "form.result == '当事人拒绝/要求终止' || form.result == '调解不成'", to: S('Terminate') },
    { to: S('Police'), notify: [{ role: 'POLICE', level: 'town', message: t('调解中发现违法犯罪线索，移交公安机关（人民调解法第二十五条）', 'signs of an offence found in mediation: handed to the police (PML Art 25)') }] },
  ];
  const session = (self, deadline) => ({
    kind: 'task', title: t(`${r.zh}调解（调解记录）`, `${r.en} mediation session`), form: 'BF4', assignee: med,
    description: t('人民调解法第二十七条：每次调解均应记录', 'PML Art 27: every session is recorded'),
    saveAs: 'sessions', collect: true, checks: sessionChecks, conflicts, ...(deadline ? { deadline } : {}), next: sessionRoutes(self),
  });
  const resume = [{ when: `data.ext.${r.id} != null`, to: S('SessionExt') }, { to: S('Session') }];
  const decisionOptions = isCourt ? "['继续调解', '立案诉讼', '终止调解']" : "['继续调解', '提请升级', '终止调解']";
  const steps = {
    [S('Session')]: session(S('Session')),
    [S('SessionExt')]: session(S('SessionExt'), {
      at: `data.ext.${r.id}`, basis: t('双方同意继续调解的延长期（省人民调解条例，S17）', 'extension by consent (provincial regulation, S17)'),
      onExpiry: { goto: S('Timeout'), notify: [{ role: r.chair, message: t('同意延长的调解期限已届满', 'the extended mediation period has expired') }] },
    }),
    [S('Review')]: {
      kind: 'task', title: t(`${r.zh}多次调解无进展审查`, `${r.en} chair review`), form: 'BF_review', assignee: chair,
      checks: isCourt ? [chk("form.decision != '提请升级'", '法院层级不能再升级', 'the court level cannot escalate', '/decision')] : [],
      next: [
        { when: "form.decision == '继续调解' && data.ext." + r.id + ' != null', to: S('SessionExt'), set: { [countPath]: '0' } },
        { when: "form.decision == '继续调解'", to: S('Session'), set: { [countPath]: '0' } },
        { when: "form.decision == '提请升级'", to: isCourt ? S('Terminate') : S('Escalate') },
        { to: S('Terminate') },
      ],
    },
    [S('Timeout')]: {
      kind: 'task', title: t(`${r.zh}调解期限届满处理`, `${r.en} mediation period expired`), form: 'BF_timeout', assignee: chair,
      description: t('期限届满：经双方同意可继续调解一次，否则提请升级或终止（S17）', 'period expired: continue once with both parties’ consent, otherwise escalate or terminate (S17)'),
      checks: [
        ...consentChecks('consents'),
        chk(`form.decision in ${decisionOptions}`, '此层级不能作该处理', 'that decision is not available at this level', '/decision'),
        chk("form.decision != '继续调解' || every(form.consents, c => c.consent == true)", '继续调解须经双方当事人同意', 'continuing needs the consent of both parties', '/consents'),
        chk("form.decision != '继续调解' || config.continue_with_consent == true", '本地未开放经同意继续调解', 'continuing by consent is switched off here', '/decision'),
        chk(`form.decision != '继续调解' || data.ext.${r.id} == null`, '经同意继续调解只能一次', 'continuing by consent is allowed once', '/decision'),
      ],
      next: [
        { when: "form.decision == '继续调解'", to: S('SessionExt'), set: { [extPath]: r.extAt } },
        { when: "form.decision == '提请升级'", to: S('Escalate') },
        { when: "form.decision == '立案诉讼'", to: S('Litigation') },
        { to: S('Terminate') },
      ],
    },
    [S('Written')]: {
      kind: 'task', title: t(`${r.zh}制作调解协议书`, `${r.en} written agreement`), form: 'BF5', assignee: med,
      description: t('人民调解法第二十九条：各方签名盖章或按指印、调解员签名并加盖调委会印章之日起生效', 'PML Art 29: effective when all have signed and the committee has sealed'),
      saveAs: 'agreement', set: { effective_date: agreementEffective }, checks: writtenChecks, conflicts,
      next: [{ when: IS_LABOUR, to: S('AgreedW'), notify: [art16] }, { to: S('AgreedW') }],
    },
    [S('Oral')]: {
      kind: 'task', title: t(`${r.zh}口头协议登记`, `${r.en} oral agreement`), form: 'BF6', assignee: med,
      description: t('人民调解法第二十八条、第三十条：口头协议自达成之日起生效', 'PML Art 28, 30: an oral agreement takes effect when reached'),
      saveAs: 'oral_agreement', set: { effective_date: 'form.reached_on' }, checks: oralChecks, conflicts,
      next: [{ when: IS_LABOUR, to: S('AgreedO'), notify: [art16] }, { to: S('AgreedO') }],
    },
    [S('Terminate')]: {
      kind: 'task', title: t(`${r.zh}终止调解告知`, `${r.en} termination notice`), form: 'BF7', assignee: med,
      description: t('人民调解法第二十六条：终止调解并告知仲裁、行政、司法途径', 'PML Art 26: end mediation and explain the other routes'),
      saveAs: 'termination', checks: terminationChecks(!isCourt),
      next: isCourt
        ? [{ when: 'form.litigation_filed == true', to: S('Litigation') }, { to: S('Closed') }]
        : [{ when: "contains(form.remedies, '上级调解组织调解')", to: S('Escalate') }, { to: S('Closed') }],
    },
    [S('AgreedW')]: { kind: 'end', outcome: 'AGREED_WRITTEN', title: t('达成书面协议', 'written agreement') },
    [S('AgreedO')]: { kind: 'end', outcome: 'AGREED_ORAL', title: t('达成口头协议', 'oral agreement') },
    [S('Closed')]: { kind: 'end', outcome: 'CLOSED_TERMINATED', title: t('终止调解', 'mediation terminated') },
    [S('Police')]: { kind: 'end', outcome: 'HANDED_TO_POLICE', title: t('移交公安', 'handed to the police') },
  };
  if (isCourt) {
    steps[S('Timeout')].next = steps[S('Timeout')].next.filter((x) => x.to !== S('Escalate'));
    steps[S('Litigation')] = { kind: 'end', outcome: 'CLOSED_LITIGATION', title: t('立案诉讼', 'filed for litigation') };
  } else {
    steps[S('Escalate')] = {
      kind: 'task', title: t(`${r.zh}提请升级（移交单）`, `${r.en} escalation form`), form: 'BF8', assignee: chair,
      description: t('B12：升级至上一级继续调解须经当事人（含拒绝方）同意（人民调解法第十七条）', 'B12: mediation at the next level needs every party’s consent (PML Art 17)'),
      saveAs: 'escalations', collect: true,
      checks: [
        ...consentChecks('consents'),
        chk('every(form.consents, c => c.consent == true)', '当事人未全部同意在上级继续调解，不得移交调解；只能告知诉讼或仲裁途径（人民调解法第十七条）', 'without every party’s consent there is no further mediation, only the court or arbitration route (PML Art 17)', '/consents'),
        chk(`form.from_level == '${r.id}' && form.to_level == '${r.up}'`, `只能由${r.zh}移交至上一级（${r.up}）`, `escalation goes from ${r.id} to the next level ${r.up}`, '/to_level'),
      ],
      next: S('Up'),
    };
    steps[S('Up')] = { kind: 'end', outcome: 'escalate', title: t('移交上一级', 'escalated') };
    // the Timeout form offers 立案诉讼 only at the court; keep the target valid elsewhere
    steps[S('Timeout')].next = steps[S('Timeout')].next.filter((x) => x.to !== S('Litigation'));
  }
  return {
    id: r.id, title: t(r.rungZh, r.rungEn), level: r.level, start: S('Session'), steps,
    deadline: {
      at: r.deadlineAt, basis: r.basis,
      onExpiry: { goto: S('Timeout'), notify: [{ role: r.chair, message: t(`${r.zh}调解期限届满`, `${r.en} mediation period expired`) }] },
    },
    ...(r.escalateWhen ? { escalateWhen: r.escalateWhen } : {}),
  };
}

const rungs = [
  rung({ id: 'VILLAGE', up: 'TOWN', p: 'v', level: 'village', med: 'V_MED', chair: 'V_MED_CHAIR', zh: '村调委会', en: 'village', rungZh: '村级调解（小事不出村）', rungEn: 'village mediation',
    deadlineAt: 'addMonths(data.intake.accepted_on, config.village_mediation_months)', extAt: 'addMonths(today, config.extension_months)',
    basis: t('人民调解工作若干规定第三十三条（一般一个月内调结；内部时限，不顺延）', 'Mediation Work Rules Art 33 (one month; internal, no rollover)'),
    escalateWhen: "data.risk_colour == 'RED'" }),
  rung({ id: 'TOWN', up: 'COUNTY', p: 't', level: 'town', med: 'T_CENTER', chair: 'T_CENTER', zh: '镇调委会', en: 'township', rungZh: '乡镇调解（大事不出镇）', rungEn: 'township mediation',
    deadlineAt: 'addMonths(today, config.town_mediation_months)', extAt: 'addMonths(today, config.extension_months)',
    basis: t('人民调解工作若干规定第三十三条；人民调解法第三十四条（自镇级受理起一个月）', 'Mediation Work Rules Art 33; PML Art 34 (one month from township acceptance)') }),
  rung({ id: 'COUNTY', up: 'COURT', p: 'c', level: 'county', med: 'C_CENTER', chair: 'C_CENTER', zh: '县矛调中心', en: 'county centre', rungZh: '县级矛调中心调解', rungEn: 'county centre mediation',
    deadlineAt: 'addDays(today, config.county_premediation_days)', extAt: 'addDays(today, config.county_extension_days)',
    basis: t('地方实践：30日（S22）', 'local practice: 30 days (S22)') }),
  rung({ id: 'COURT', up: null, p: 'k', level: 'county', med: 'COURT', chair: 'COURT', zh: '法院诉前', en: 'court pre-litigation', rungZh: '法院诉前调解/共享法庭', rungEn: 'court pre-litigation mediation',
    deadlineAt: 'addDays(today, config.county_premediation_days)', extAt: 'addDays(today, config.county_extension_days)',
    basis: t('特邀调解：受理后30日，经同意可延长30日（S22）', 'invited mediation: 30 days, +30 by consent (S22)') }),
];

// ------------------------------------------------------------------ pre-ladder (intake, acceptance, notice, grading)
function preLadder(sfx, assignee) {
  const S = (n) => `${n}${sfx}`;
  return {
    [S('intake')]: {
      kind: 'task', title: t('受理登记', 'intake registration'), form: 'BF1', assignee, saveAs: 'intake', checks: intakeChecks,
      description: t('人民调解法第十七条、第十八条：当事人申请或调委会主动调解', 'PML Art 17, 18: on application or on the committee’s initiative'),
      next: S('acceptanceCheck'),
    },
    [S('acceptanceCheck')]: {
      kind: 'decision', title: t('受理审查', 'acceptance check'),
      description: t('人民调解法第十七条：一方明确拒绝的，不得调解；已由法院/公安/行政机关受理等不予受理', 'PML Art 17: no mediation when a party clearly refuses; exclusions'),
      next: [
        { when: "data.intake.accepted_elsewhere != '否' || data.intake.exclusion != '无' || data.intake.respondent_position == '明确拒绝调解'", to: S('notAccepted') },
        { to: S('rightsNotice') },
      ],
    },
    [S('notAccepted')]: {
      kind: 'task', title: t('不予受理/拒绝调解告知', 'notice of non-acceptance or refusal'), form: 'BF7', assignee, saveAs: 'termination',
      checks: terminationChecks(true),
      next: [
        { when: 'data.rights_notice != null', to: 'finalOutcome', set: { main_outcome: "'CLOSED_TERMINATED'" } },
        { to: 'finalOutcome', set: { main_outcome: "'CLOSED_REFERRED'" } },
      ],
    },
    [S('rightsNotice')]: {
      kind: 'task', title: t('告知权利义务并征询调解意愿', 'rights notice and consent'), form: 'BF2', assignee, saveAs: 'rights_notice',
      description: t('人民调解法第二十三条、第二十四条；人民调解工作若干规定第三十条', 'PML Art 23, 24; Mediation Work Rules Art 30'),
      checks: [
        ...consentChecks('acks'), ...consentChecks('consent'),
        chk('form.lists_art23_24 == true', '告知书须列明当事人的权利（第二十三条）和义务（第二十四条）', 'the notice must list the rights (Art 23) and duties (Art 24)', '/lists_art23_24'),
      ],
      next: [{ when: "some(form.consent, c => c.decision == '拒绝')", to: S('notAccepted') }, { to: S('grading') }],
    },
    [S('grading')]: {
      kind: 'task', title: t('分级分类与风险评估', 'grading and risk assessment'), form: 'BF3', assignee, saveAs: 'grading', checks: gradingChecks,
      set: { handling_level: 'form.level', risk_colour: 'form.risk_colour', grade: 'form.grade' },
      next: 'handling',
    },
  };
}

// ------------------------------------------------------------------ tracks
const followUp = (assignee) => ({
  kind: 'task', title: t('回访（督促履行）', 'follow-up visit'), form: 'BF10', assignee, saveAs: 'followups', collect: true,
  description: t('人民调解法第三十一条：调委会对协议履行情况进行监督', 'PML Art 31: the committee supervises performance'),
  checks: [
    chk('form.visited_on <= today && form.visited_on >= data.effective_date', '回访日期须在协议生效之后且不晚于今天', 'the visit is after the agreement and not in the future', '/visited_on'),
  ],
  deadline: {
    at: 'data.followup_due', basis: t('回访时间：最后履行期限后3日与生效后30日中较早者（推定）', 'visit: the earlier of last due date + 3 and effect + 30 days (inference)'),
    onExpiry: { notify: [{ role: assignee.role, ...(assignee.level ? { level: assignee.level } : {}), message: t('应当回访', 'a follow-up visit is due') }] },
  },
  set: { risk_colour: `${rank('form.new_risk_colour')} > ${rank('data.risk_colour')} ? form.new_risk_colour : data.risk_colour`, followup_result: 'form.performance' },
  next: [
    { when: "form.performance == '未到期'", to: null, set: { followup_due: 'addDays(coalesce(max(map(coalesce(data.agreement.terms, []), x => x.due_date)), today), config.followup_after_due_days)' } },
    { when: "form.performance == '已全部履行'", to: 'ptPerformed' },
    { to: 'ptNonperformance' },
  ],
});
const fuVillage = followUp({ role: 'V_MED' });
fuVillage.next[0].to = 'followUp';
const fuTown = followUp({ role: 'T_CENTER', level: 'town' });
fuTown.next[0].to = 'followUpTown';

const windowEnd = 'periodEnd(data.effective_date, config.confirmation_window_days)';
const mediationTrack = {
  id: 'mediationTrack', title: t('调解', 'mediation'), start: 'ladder',
  steps: {
    ladder: {
      kind: 'escalation', title: t('逐级调处：村→镇→县→法院', 'ladder: village → town → county → court'), saveAs: 'mediation',
      description: t('小事不出村、大事不出镇、矛盾不上交；从分级确定的承办层级（B-F3）开始', 'small matters stay in the village, big ones in the township; starts at the level set by the grading (B-F3)'),
      startAt: "data.handling_level", rungs, next: 'afterLadder', exhausted: 'afterLadder',
    },
    afterLadder: {
      kind: 'decision', title: t('调处结果', 'result of mediation'),
      next: [
        { when: "data.mediation.outcome == 'AGREED_WRITTEN' || data.mediation.outcome == 'AGREED_ORAL'", to: 'afterAgreement',
          set: { followup_due: `min(addDays(coalesce(max(map(coalesce(data.agreement.terms, []), x => x.due_date)), data.effective_date), config.followup_after_due_days), addDays(data.effective_date, config.followup_first_visit_days))`,
            confirmation_possible: "data.mediation.outcome == 'AGREED_WRITTEN'" } },
        { when: "data.mediation.outcome == 'HANDED_TO_POLICE'", to: 'mtPolice', set: { main_outcome: "'CLOSED_POLICE'" } },
        { when: "data.mediation.outcome == 'CLOSED_LITIGATION'", to: 'mtLitigationFiled', set: { main_outcome: "'CLOSED_LITIGATION'" } },
        { to: 'mtTerminated', set: { main_outcome: "'CLOSED_TERMINATED'" } },
      ],
    },
    afterAgreement: {
      kind: 'parallel', title: t('履行与司法确认', 'performance and judicial confirmation'), join: 'all',
      branches: [
        {
          id: 'confirmationTrack', title: t('司法确认', 'judicial confirmation'), start: 'confirmationApplicable',
          steps: {
            confirmationApplicable: {
              kind: 'decision', title: t('是否书面协议', 'written agreement?'),
              next: [{ when: "data.mediation.outcome == 'AGREED_WRITTEN'", to: 'confirmationFiling' }, { to: 'ctNotApplicable' }],
            },
            confirmationFiling: {
              kind: 'task', title: t('司法确认申请登记', 'confirmation application'), form: 'BF9_filing', assignee: { role: 'COURT', level: 'county' }, saveAs: 'confirmation_filing',
              description: t('人民调解法第三十三条；民事诉讼法第二百零五条：自协议生效之日起三十日内共同申请', 'PML Art 33; CPL Art 205: joint application within 30 days of effect'),
              checks: [
                chk(`form.filed_on <= ${windowEnd}`, '司法确认申请应在调解协议生效之日起三十日内提出（人民调解法第三十三条，民事诉讼法第二百零五条）；期限已过，协议仍有效', 'the application is due within 30 days after the agreement took effect (PML Art 33; CPL Art 205); the agreement stays binding', '/filed_on'),
                chk('form.filed_on >= data.effective_date', '申请日期不能早于协议生效日期', 'an application cannot precede the agreement', '/filed_on'),
                chk(`every(${PARTY_REFS}, r => contains(form.applicants, r))`, '司法确认须由双方当事人共同申请（人民调解法第三十三条）', 'confirmation needs a joint application by both parties (PML Art 33)', '/applicants'),
              ],
              deadline: {
                at: windowEnd, basis: t('人民调解法第三十三条：三十日（不含生效当日，末日遇休息日顺延）', 'PML Art 33: 30 days (start day excluded, rest-day rollover)'),
                onExpiry: { set: { confirmation_possible: 'false' }, goto: 'ctLapsed', notify: [{ role: 'PARTY', message: t('司法确认申请期限已过；调解协议仍具有法律约束力（人民调解法第三十一条）', 'the confirmation window has closed; the agreement stays binding (PML Art 31)') }] },
              },
              next: 'confirmationRuling',
            },
            confirmationRuling: {
              kind: 'task', title: t('司法确认裁定', 'court ruling'), form: 'BF9_ruling', assignee: { role: 'COURT', level: 'county' }, saveAs: 'confirmation_ruling',
              description: t('民事诉讼法第二百零六条', 'CPL Art 206'),
              next: [
                { when: "form.ruling == '裁定有效'", to: 'ctConfirmed', set: { confirmed: 'true' } },
                { to: 'ctRejected', set: { confirmed: 'false' }, notify: [{ role: 'PARTY', message: t('司法确认申请被驳回：可通过调解变更原协议、达成新协议，或向人民法院起诉（人民调解法第三十三条）', 'confirmation refused: change the agreement by mediation, make a new one, or sue (PML Art 33)') }] },
              ],
            },
            ctConfirmed: { kind: 'end', outcome: 'CONFIRMED', title: t('已确认有效', 'confirmed') },
            ctRejected: { kind: 'end', outcome: 'REJECTED', title: t('驳回', 'rejected') },
            ctLapsed: { kind: 'end', outcome: 'LAPSED', title: t('未在期限内申请', 'window lapsed') },
            ctNotApplicable: { kind: 'end', outcome: 'NOT_APPLICABLE', title: t('口头协议，不适用', 'oral agreement: not applicable') },
          },
        },
        {
          id: 'performanceTrack', title: t('履行与回访', 'performance and follow-up'), start: 'followUpRoute',
          steps: {
            followUpRoute: {
              kind: 'decision', title: t('回访由哪一级负责', 'who visits'),
              next: [{ when: "data.mediation.resolvedAt == 'VILLAGE'", to: 'followUp' }, { to: 'followUpTown' }],
            },
            followUp: fuVillage,
            followUpTown: fuTown,
            ptPerformed: { kind: 'end', outcome: 'PERFORMED', title: t('已履行', 'performed') },
            ptNonperformance: { kind: 'end', outcome: 'NONPERFORMANCE', title: t('未履行', 'not performed') },
          },
        },
      ],
      next: 'afterPerformance',
    },
    afterPerformance: {
      kind: 'decision', title: t('履行结果', 'performance result'),
      next: [
        { when: "data.followup_result == '已全部履行'", to: 'mtResolved', set: { main_outcome: "'RESOLVED'" } },
        { when: 'data.confirmed == true', to: 'mtEnforcement', set: { main_outcome: "'CLOSED_ENFORCEMENT_ADVISED'" },
          notify: [{ role: 'PARTY', message: t('调解协议经司法确认有效，一方拒不履行的，对方当事人可以向人民法院申请强制执行（人民调解法第三十三条）', 'the confirmed agreement is enforceable: apply to the court for enforcement (PML Art 33)') }] },
        { to: 'mtLitigation', set: { main_outcome: "'CLOSED_LITIGATION_ADVISED'" },
          notify: [{ role: 'PARTY', message: t('当事人之间就调解协议的履行发生争议的，一方当事人可以向人民法院提起诉讼（人民调解法第三十二条）', 'a dispute over performance may be taken to court (PML Art 32)') }] },
      ],
    },
    mtResolved: { kind: 'end', outcome: 'RESOLVED', title: t('已履行', 'resolved') },
    mtEnforcement: { kind: 'end', outcome: 'ENFORCEMENT_ADVISED', title: t('告知申请强制执行', 'enforcement advised') },
    mtLitigation: { kind: 'end', outcome: 'LITIGATION_ADVISED', title: t('告知起诉', 'litigation advised') },
    mtPolice: { kind: 'end', outcome: 'POLICE', title: t('移交公安', 'police') },
    mtLitigationFiled: { kind: 'end', outcome: 'LITIGATION', title: t('诉讼', 'litigation') },
    mtTerminated: { kind: 'end', outcome: 'TERMINATED', title: t('终止', 'terminated') },
  },
};

const redNotify = [
  { role: 'POLICE', level: 'town', message: t('红色风险：可能引发治安案件、刑事案件，请派出所介入（人民调解法第二十五条）', 'RED risk: possible public-order or criminal case (PML Art 25)') },
  { role: 'T_CENTER', level: 'town', message: t('红色风险：请镇综治中心牵头联合稳控，案件升级至乡镇', 'RED risk: the township centre leads joint stabilisation; the case moves to the township') },
];
const orangeNotify = [{ role: 'POLICE', level: 'town', message: t('橙色风险：纠纷可能激化，请派出所关注（人民调解法第二十五条）', 'ORANGE risk: the dispute may intensify (PML Art 25)') }];
const criminalRoute = { when: 'form.criminal_event == true', to: 'rtCriminal', set: { main_outcome: "'CLOSED_POLICE'" }, notify: [{ role: 'POLICE', level: 'town', message: t('已发生违法犯罪，移交公安机关', 'an offence has happened: handed to the police') }] };
const REPORT_MINUTES = 'minutesBetween(data.risk_assessed_at, form.reported_at)';
const riskTrack = {
  id: 'riskTrack', title: t('风险跟踪（防止民转刑）', 'risk track (civil-to-criminal)'), start: 'riskStart',
  steps: {
    riskStart: {
      kind: 'decision', title: t('初始风险', 'initial risk'),
      next: [
        { when: "data.risk_colour == 'RED'", to: 'policeReport', notify: redNotify },
        { when: "data.risk_colour == 'ORANGE'", to: 'policeReport', notify: orangeNotify },
        { to: 'riskReassess' },
      ],
    },
    riskReassess: {
      kind: 'task', title: t('风险复评（B-F3）', 'risk reassessment (B-F3)'), form: 'BF3_risk', assignee: { role: 'V_MED' }, saveAs: 'risk_assessments', collect: true,
      description: t('人民调解法第二十五条；颜色只能自动调高，调低须调委会主任签署', 'PML Art 25; the colour is only raised automatically, lowering needs the chair'),
      checks: [
        ...riskChecks,
        chk(`${rank('form.risk_colour')} >= ${rank('data.risk_colour')} || contains(actor.roles, 'V_MED_CHAIR')`, '调低风险颜色须由调委会主任签署', 'lowering the colour needs the committee chair', '/risk_colour'),
      ],
      set: { risk_colour: 'form.risk_colour' },
      next: [
        criminalRoute,
        { when: "form.risk_colour == 'RED'", to: 'policeReport', notify: redNotify },
        { when: "form.risk_colour == 'ORANGE' && data.risk_colour != 'ORANGE'", to: 'policeReport', notify: orangeNotify },
        { to: 'riskReassess' },
      ],
    },
    policeReport: {
      kind: 'task', title: t('向公安机关报告', 'report to the police'), form: 'BF3_police', assignee: { role: 'V_MED' }, saveAs: 'police_reports', collect: true,
      description: t('人民调解法第二十五条：及时向当地公安机关报告（时限1小时为推定）', 'PML Art 25: report promptly to the police (1 hour is an inference)'),
      checks: [
        chk('form.police_reported == true', '可能引发治安案件、刑事案件的纠纷，调解员应当及时向公安机关报告（人民调解法第二十五条）', 'a dispute that may lead to a public-order or criminal case must be reported to the police (PML Art 25)', '/police_reported'),
        chk('data.risk_assessed_at == null || !isBefore(form.reported_at, data.risk_assessed_at)', '报告时间不能早于风险评估时间', 'the report cannot precede the assessment', '/reported_at'),
      ],
      // B-F3: reported_at − assessed_at ≤ SLA. A late report is still recorded (the duty was done, late) and
      // flagged as a breach of the Art 25 duty; the flag follows the recorded times, not the data-entry time.
      set: {
        report_minutes: REPORT_MINUTES,
        report_overdue: `${REPORT_MINUTES} > config.risk_report_sla_minutes`,
        report_breaches: `coalesce(data.report_breaches, 0) + (${REPORT_MINUTES} > config.risk_report_sla_minutes ? 1 : 0)`,
      },
      deadline: {
        at: 'addMinutes(data.risk_assessed_at, config.risk_report_sla_minutes)',
        basis: t('人民调解法第二十五条“及时报告”；自风险评估时起算（risk_report_sla_minutes，1小时为推定）', 'PML Art 25 "promptly"; runs from the assessment (risk_report_sla_minutes, 1 hour is an inference)'),
        onExpiry: { set: { report_overdue: 'true' }, notify: [{ role: 'T_CENTER', level: 'town', message: t('REPORT_OVERDUE：红/橙色风险未在1小时内报告公安，违反人民调解法第二十五条', 'REPORT_OVERDUE: RED/ORANGE risk not reported to the police within 1 hour (PML Art 25)') }] },
      },
      next: [{ when: "data.risk_colour == 'RED'", to: 'stabilise' }, { to: 'riskReassess' }],
    },
    stabilise: {
      kind: 'task', title: t('稳控与每日复评（镇综治中心）', 'stabilisation and daily reassessment (township centre)'), form: 'BF3_risk', assignee: { role: 'T_CENTER', level: 'town' }, saveAs: 'risk_assessments', collect: true,
      description: t('红色风险：包案稳控，每日复评；只有镇综治中心可以调低红色', 'RED: named stabiliser, daily reassessment; only the township centre may lower RED'),
      checks: riskChecks,
      deadline: { duration: { days: 1, rollover: false }, basis: t('红色风险每日复评（推定）', 'RED: daily reassessment (inference)'), onExpiry: { notify: [{ role: 'T_CENTER', level: 'town', message: t('红色风险今日复评未完成', 'the daily RED reassessment is overdue') }] } },
      set: { risk_colour: 'form.risk_colour' },
      next: [criminalRoute, { when: "form.risk_colour == 'RED'", to: 'stabilise' }, { to: 'riskReassess' }],
    },
    rtCriminal: { kind: 'end', outcome: 'CRIMINAL_EVENT', title: t('民转刑，移交公安', 'criminal event') },
  },
};
// the police-report SLA runs from the assessment that raised the colour
for (const id of ['riskReassess', 'stabilise']) riskTrack.steps[id].set.risk_assessed_at = 'form.assessed_at';
riskTrack.steps.riskStart.next[0].set = { risk_assessed_at: 'data.grading.assessed_at' };
riskTrack.steps.riskStart.next[1].set = { risk_assessed_at: 'data.grading.assessed_at' };

const partyTrack = {
  id: 'partyTrack', title: t('当事人程序权利', 'parties’ procedural rights'), start: 'partyStart',
  steps: {
    partyStart: { kind: 'decision', title: t('劳动争议？', 'labour dispute?'), next: [{ when: IS_LABOUR, to: 'labourWait' }, { to: 'partyRequests' }] },
    labourWait: {
      kind: 'wait', title: t('劳动争议十五日', 'labour dispute: 15 days'),
      until: 'periodEnd(data.intake.received_on, config.labour_no_agreement_days)',
      basis: t('劳动争议调解仲裁法第十四条：自收到调解申请之日起十五日内未达成协议的，当事人可以申请仲裁', 'LDMAL Art 14: no agreement within 15 days of receipt → a party may apply for arbitration'),
      next: [
        { when: 'data.mediation == null', to: 'partyRequests', set: { labour_arbitration_open: 'true' }, notify: [
          { role: 'PARTY', message: t('自调解组织收到调解申请之日起十五日内未达成调解协议，当事人可以依法申请劳动争议仲裁；双方愿意的，也可以继续调解（劳动争议调解仲裁法第十四条）', 'no agreement within 15 days: you may apply for labour arbitration, or continue mediation if both wish (LDMAL Art 14)') },
          { role: 'T_CENTER', level: 'town', message: t('劳动争议已满十五日未达成协议：请告知当事人可以申请仲裁（B14）', 'labour dispute: 15 days without agreement, tell the parties about arbitration (LDMAL Art 14, B14)') },
        ] },
        { to: 'partyRequests' },
      ],
    },
    partyRequests: {
      kind: 'task', title: t('当事人撤回调解申请或申请仲裁', 'party withdraws or elects arbitration'), form: 'party_request',
      assignee: { role: 'PARTY', orgUnit: "unit('county')", match: 'subtree' }, saveAs: 'party_request',
      description: t('人民调解法第二十三条：当事人可以要求终止调解；B20 书面撤回', 'PML Art 23: a party may end mediation; B20 withdrawal in writing'),
      checks: [
        chk('data.mediation == null', '已达成调解协议，不能再撤回调解申请', 'after an agreement the application cannot be withdrawn', '/request'),
        chk("form.request != '撤回调解申请' || some(data.intake.applicants, a => a.ref == form.party_ref)", '只有申请人可以撤回调解申请', 'only an applicant may withdraw', '/party_ref'),
        chk("form.request != '申请劳动仲裁' || " + IS_LABOUR, '只有劳动争议可以申请劳动仲裁', 'labour arbitration is for labour disputes', '/request'),
        chk(`form.party_ref in ${PARTY_REFS}`, '须为本案当事人', 'must be a party of this case', '/party_ref'),
        chk('form.in_writing == true', '撤回或申请须以书面形式提出', 'must be made in writing', '/in_writing'),
      ],
      next: [
        { when: "form.request == '撤回调解申请'", to: 'ptWithdrawn', set: { main_outcome: "'CLOSED_WITHDRAWN'" } },
        { to: 'ptArbitration', set: { main_outcome: "'CLOSED_TERMINATED'", referred_to_arbitration: 'true' } },
      ],
    },
    ptWithdrawn: { kind: 'end', outcome: 'WITHDRAWN', title: t('撤回', 'withdrawn') },
    ptArbitration: { kind: 'end', outcome: 'ARBITRATION', title: t('转劳动仲裁', 'to labour arbitration') },
  },
};

// ------------------------------------------------------------------ closing (B-F11 is derived by `set`)
const OUTCOMES = {
  RESOLVED: t('已解决（履行完毕并回访）', 'resolved'),
  CLOSED_TERMINATED: t('终止调解（已告知其他途径）', 'terminated; other routes explained'),
  CLOSED_REFERRED: t('不予受理（已移交/告知）', 'not accepted; referred'),
  CLOSED_POLICE: t('移交公安', 'handed to the police'),
  CLOSED_LITIGATION: t('诉讼', 'litigation'),
  CLOSED_LITIGATION_ADVISED: t('告知可就协议起诉', 'litigation on the agreement advised'),
  CLOSED_ENFORCEMENT_ADVISED: t('告知可申请强制执行', 'enforcement advised'),
  CLOSED_WITHDRAWN: t('申请人撤回', 'withdrawn'),
};
const closure = (outcome) => ({
  'closure.outcome': `'${outcome}'`, 'closure.final_level': 'data.mediation.resolvedAt', 'closure.closed_on': 'today',
  'closure.judicially_confirmed': 'data.confirmed == true', 'closure.accepted_on': 'data.intake.accepted_on', 'closure.amount': 'data.intake.amount',
});
const endId = (o) => `end_${o}`;

const steps = {
  receipt: {
    kind: 'decision', title: t('收件层级', 'where the application was filed'),
    next: [{ when: "data.filed_with == 'TOWN'", to: 'intakeTown' }, { to: 'intake' }],
  },
  ...preLadder('', { role: 'V_MED' }),
  ...preLadder('Town', { role: 'T_CENTER', level: 'town' }),
  handling: {
    kind: 'parallel', title: t('调解‖风险跟踪‖当事人权利', 'mediation ‖ risk track ‖ parties’ rights'), join: 'any', saveAs: 'tracks',
    branches: [mediationTrack, riskTrack, partyTrack],
    next: 'riskClosure',
  },
  riskClosure: {
    kind: 'decision', title: t('结案时风险', 'risk at closure'),
    next: [{ when: "data.risk_colour == 'RED' || data.risk_colour == 'ORANGE'", to: 'postCloseStabilise' }, { to: 'finalOutcome' }],
  },
  postCloseStabilise: {
    kind: 'task', title: t('结案后稳控（镇综治中心）', 'stabilisation after closure (township centre)'), form: 'BF3_risk', assignee: { role: 'T_CENTER', level: 'town' }, saveAs: 'risk_assessments', collect: true,
    description: t('风险为橙/红时，结案后保留稳控任务，直至镇综治中心调低', 'ORANGE/RED: stabilisation continues after closure until the township lowers it'),
    checks: riskChecks, set: { risk_colour: 'form.risk_colour' },
    next: [{ when: "form.risk_colour == 'RED' || form.risk_colour == 'ORANGE'", to: 'postCloseStabilise' }, { to: 'finalOutcome' }],
  },
  finalOutcome: {
    kind: 'decision', title: t('结案（B-F11）', 'closing report (B-F11)'),
    next: [
      ...Object.keys(OUTCOMES).filter((o) => o !== 'CLOSED_TERMINATED').map((o) => ({ when: `data.main_outcome == '${o}'`, to: endId(o), set: closure(o) })),
      { to: endId('CLOSED_TERMINATED'), set: closure('CLOSED_TERMINATED') },
    ],
  },
  ...Object.fromEntries(Object.keys(OUTCOMES).map((o) => [endId(o), { kind: 'end', outcome: o, title: OUTCOMES[o] }])),
};

const dataSchema = {
  type: 'object',
  properties: {
    filed_with: { type: 'string', enum: ['VILLAGE', 'TOWN'], title: '收件层级（启动参数）' },
    handling_level: { type: 'string', enum: LEVELS },
    risk_colour: { type: 'string', enum: COLOURS },
    risk_assessed_at: { type: 'string' },
    grade: { type: 'string' },
    effective_date: { type: 'string', format: 'date' },
    followup_due: { type: 'string', format: 'date' },
    followup_result: { type: 'string' },
    confirmation_possible: { type: 'boolean' },
    confirmed: { type: 'boolean' },
    main_outcome: { type: 'string' },
    report_overdue: { type: 'boolean', title: '最近一次报告公安超时（第二十五条）' },
    report_minutes: { type: 'integer', title: '最近一次评估至报告公安的分钟数' },
    report_breaches: { type: 'integer', title: '报告公安超时次数' },
    labour_arbitration_open: { type: 'boolean' },
    referred_to_arbitration: { type: 'boolean' },
    session_count: { type: 'object' },
    ext: { type: 'object' },
    closure: { type: 'object' },
  },
};

const def = {
  schemaVersion: 1,
  id: 'dispute-mediation',
  version: 1,
  title: t('矛盾纠纷调解（村→镇→县→法院）', 'dispute mediation (village → township → county → court)'),
  description: t('新时代“枫桥经验”：小事不出村、大事不出镇、矛盾不上交。依据人民调解法、劳动争议调解仲裁法、农村土地承包经营纠纷调解仲裁法、民事诉讼法第二百零五条至第二百零六条。人民调解不收费（人民调解法第四条），本流程没有收费字段。',
    'Fengqiao model. People’s Mediation Law, Labour Dispute Mediation and Arbitration Law, Rural Land Contract Dispute Mediation and Arbitration Law, CPL Art 205–206. Mediation is free (PML Art 4): no fee fields.'),
  roles, forms, data: { schema: dataSchema }, config, start: 'receipt', steps,
};

/** The definition as an object (the scenario tests check that process.json equals it). */
export function buildDefinition() {
  return JSON.parse(JSON.stringify(def));
}

const here = dirname(fileURLToPath(import.meta.url));
/** JSON with two-space indentation, keeping any value that fits in 120 columns on one line. */
function format(value, indent = '') {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= 120) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, 'process.json'), `${format(def)}\n`);
  console.log('wrote process.json');
}
