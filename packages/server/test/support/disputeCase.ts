// The dispute of the studio and monitor tests, as the dispute-mediation example (B) takes it: two
// neighbours' drainage ditch, registered on `filedOn`, brought to village mediation (intake, rights
// notice, grading), then — when the village's month runs out — referred to the town with every
// party's consent (人民调解法第十七条). SYNTHETIC people and ID numbers (domain README §2.2).

const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const REFS = ['A1', 'R1'];

/** The forms' data for a dispute filed on `filedOn` (YYYY-MM-DD). */
export function disputeForms(filedOn: string) {
  const sig = { method: '手写签名', signed_on: filedOn };
  return {
    /** B-F1 受理登记. */
    intake: {
      source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
      summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
      accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig,
      received_on: filedOn, accepted_on: filedOn, registrar: '王建国',
    },
    /** B-F2 权利义务告知. */
    rights: {
      mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
      acks: REFS.map((r) => ({ party_ref: r, signature: sig, date: filedOn })), consent: REFS.map((r) => ({ party_ref: r, decision: '同意' })),
    },
    /** Grading: G1, for the village, no risk. */
    grading: { grade: 'G1', level: 'VILLAGE', risk_indicators: ['无'], risk_colour: 'BLUE', mediators: ['王建国'], assessor: '王建国', assessed_at: `${filedOn}T10:00:00+08:00` },
    /** The village chair's decision when the month has run out: refer it up. */
    timeoutDecision: { consents: [{ party_ref: 'A1', consent: true }, { party_ref: 'R1', consent: false }], decision: '提请升级', note: '被申请人不同意在村级继续调解' },
    /** The referral to the town, with every party's consent. */
    referral: {
      from_level: 'VILLAGE', to_level: 'TOWN', to_org: '青石镇人民调解委员会', reason: '调解超期', work_done: '村调委会调解，期限届满未达成协议',
      consents: REFS.map((r) => ({ party_ref: r, consent: true })),
    },
  };
}
