// Test helpers for the emergency-mobilisation example (kept inside this folder on purpose).
import { expect } from 'vitest';
import { CN_2027, CivicflowError } from '@civicflow/engine';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import type { TestHost, TestInstance } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';
import episodeJson from './process.json';
import evacueeJson from './evacuee.json';

export const episodeDef = episodeJson as unknown as ProcessDefinition;
export const evacueeDef = evacueeJson as unknown as ProcessDefinition;

// ------------------------------------------------------------------ org units and actors
export const TOWN = 'county:huaxi/town:qingshi';
export const SHANGBA = `${TOWN}/village:shangba`; // village A 上坝村
export const XIAHE = `${TOWN}/village:xiahe`; // village B 下河村 (zone 河湾组)

export const VILLAGES = [
  { id: 'shangba', title: { 'zh-CN': '上坝村', en: 'Shangba village' }, orgUnit: SHANGBA },
  { id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe village' }, orgUnit: XIAHE },
];

const a = (id: string, roles: string[], orgUnit: string, personId?: string): Actor => ({ id, roles, orgUnit, ...(personId ? { personId } : {}) });
export const duty = a('duty-1', ['TWP_DUTY'], TOWN);
export const cmd = a('cmd-1', ['TWP_CMD'], TOWN);
export const emo = a('emo-1', ['TWP_EMO'], TOWN);
export const grid = a('grid-1', ['GRID'], XIAHE);
export const v2wShangba = a('v2w-shangba', ['V_2W'], SHANGBA);
export const v2wXiahe = a('v2w-xiahe', ['V_2W'], XIAHE);
export const shelterMgr = a('shelter-1', ['SHELTER_MGR'], XIAHE);
export const storeKeeper = a('store-1', ['STORE_KEEPER'], TOWN);
/** The Party member named on the 包保 list for every person in these scenarios. */
export const baobao = a('pm-dang01', ['BAOBAO'], XIAHE, 'pm-dang01');
export const BAOBAO_FORM = { responsible_person_id: 'pm-dang01', responsible_name: '党员甲', responsible_phone: '13900000001' };

// ------------------------------------------------------------------ synthetic ID numbers
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/**
 * A SYNTHETIC resident ID number (GB 11643 checksum, area 110101) built the same way as the
 * README §2.2 examples. It belongs to nobody; never use real ID numbers in tests.
 */
export function syntheticId(birth: string, seq: number, female: boolean): string {
  const order = `${String(seq % 100).padStart(2, '0')}${female ? 2 : 1}`;
  const body = `110101${birth}${order}`;
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

// ------------------------------------------------------------------ host and commands
export function newHost(now: string): TestHost {
  const host = createTestHost({ now, validator: createFormValidator(), calendar: CN_2027 });
  host.register(evacueeDef);
  return host;
}

export function startEpisode(host: TestHost): TestInstance {
  return host.start(episodeDef, { input: { villages: VILLAGES }, actor: duty, orgUnit: TOWN });
}

/** Completes the one open task of `stepId` that `actor` may act on. */
export function act(inst: TestInstance, stepId: string, data: unknown, actor: Actor): void {
  const tasks = inst.tasks(actor).filter((t) => t.stepId === stepId);
  if (tasks.length === 0) throw new Error(`no open ${stepId} task for ${actor.id}; open: ${inst.tasks().map((t) => t.stepId).join(', ')}`);
  inst.complete(tasks[0]!.id, data, actor);
}

/** Runs `fn`, expects a CivicflowError, returns its code and the pointers of the failed checks. */
export function refusal(fn: () => unknown): { code: string; pointers: string[] } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CivicflowError);
    const err = e as CivicflowError;
    const pointers = Array.isArray(err.details) ? (err.details as { pointer?: string }[]).map((d) => d.pointer ?? '') : [];
    return { code: err.code, pointers };
  }
  throw new Error('expected a refusal, but the command was accepted');
}

export function expectReplays(host: TestHost, inst: TestInstance): void {
  expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  for (const child of inst.children()) expectReplays(host, child);
}

export function hasStep(inst: TestInstance, stepId: string): boolean {
  return inst.tasks().some((t) => t.stepId === stepId);
}

export function notifications(inst: TestInstance, role?: string) {
  return inst.effects().flatMap((e) => (e.type === 'notify' && (!role || e.role === role) ? [e] : []));
}

// ------------------------------------------------------------------ form builders
export const at = (s: string) => `${s}:00+08:00`; // '2027-07-10T08:00' → instant

export function warningForm(o: { id: string; level: 1 | 2 | 3 | 4; colour: string; kind?: string; issuedAt: string; supersedes?: string; issuerLevel?: string; hazard?: string }) {
  return {
    warning_id: o.id, hazard_type: o.hazard ?? '暴雨', level: o.level, colour: o.colour,
    issuer: o.issuerLevel === '乡镇' ? '青石镇人民政府' : '华溪县气象局', issuer_level: o.issuerLevel ?? '县',
    issued_at: o.issuedAt, effective_from: o.issuedAt, areas: ['上坝村', '下河村'],
    warnings: '强降雨，注意山洪和地质灾害', measures: '危险区人员做好转移准备', source_doc: `https://example.invalid/warnings/${o.id}.pdf`,
    kind: o.kind ?? '发布', ...(o.supersedes ? { supersedes: o.supersedes } : {}),
  };
}

export function startForm(o: { level: string; now: string; until: string; zones?: string[]; villages?: string[] }) {
  return {
    matters: '强降雨引发山洪、地质灾害风险的防范应对', response_level: o.level, expected_until: o.until,
    measures: ['启动应急预案', '抢险救援队伍待命', '发布避险提示', ...(o.zones?.length ? ['人员转移安置', '开放安置点'] : [])],
    basis: '预警', villages: o.villages ?? ['shangba', 'xiahe'], transfer_zones: o.zones ?? [],
    commander: '镇长', signed_at: o.now,
  };
}

export interface PersonRow {
  person_id: string; name: string; id_no?: string; village: string; zone: string; household_id: string;
  priority_groups: string[]; disability_type?: string; disability_grade?: string; mobility: string; medication?: string;
  guardian_present: boolean; civil_capacity: string; must_transfer: boolean; transfer_mode?: string;
}

export function person(n: number, household: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    person_id: `P-HW-${String(n).padStart(2, '0')}`, name: `居民${n}`, id_no: syntheticId('19700101', n, n % 2 === 0),
    village: 'xiahe', zone: '河湾组', household_id: household, priority_groups: [], mobility: '自行',
    guardian_present: true, civil_capacity: '完全', must_transfer: true, transfer_mode: '集中安置', ...extra,
  };
}

export function doorToDoorForm(visitedAt: string, persons: PersonRow[]) {
  const households = [...new Set(persons.map((p) => p.household_id))].map((h) => ({
    household_id: h, zone: persons.find((p) => p.household_id === h)!.zone, contact: '在家已见面',
    residents: persons.filter((p) => p.household_id === h).length, present_now: persons.filter((p) => p.household_id === h).length, hazards: ['临河'],
  }));
  return { round: 1, visited_at: visitedAt, households, persons };
}

export const nilReport = (asOf: string) => ({
  kind: '零报告', as_of: asOf, transferred_total: 0, in_shelters_now: 0, priority_in_shelters: 0, deaths: 0, missing: 0, injured: 0, signed_by: '村支书',
});

export const convened = (heldAt: string) => ({
  status: '已召开并部署', held_at: heldAt, attendees: ['支书', '主任'], decisions: '分组包保、逐户通知',
  baobao: [{ responsible: 'pm-dang01', households: ['HW-001'], priority_persons: [] }],
});

export const reviewForm = (submittedAt: string, pii?: string, assessment?: string) => ({
  timeline: '见系统日志', causes: '短时强降雨', losses: { people: 0, houses: 2 }, evaluation: '预警传递及时，重点人群 3 小时内转移',
  problems: '个别村日报迟报', improvements: [{ measure: '日报提醒前移', owner: '镇应急办', due: '2027-09-30' }], submitted_at: submittedAt,
  ...(pii ? { pii_decision: pii } : {}), ...(assessment ? { pii_assessment_ref: assessment } : {}),
});

export const endForm = (now: string) => ({ kind: 'END', decision_ref: 'QS-YJ-END', basis: '险情已消除', no_open_hazards: true, effective_at: now, commander: '镇长' });

/** Drives an ordinary evacuee: 包保 → notified (moves) → sheltered. */
export function moveToShelter(host: TestHost, child: TestInstance, when: string): void {
  act(child, 'assignBaobao', BAOBAO_FORM, v2wXiahe);
  act(child, 'notifyPerson', { notified_at: when, reaction: '转移' }, baobao);
  act(child, 'arrival', { shelter_id: 'SH-01', shelter_name: '下河村小学安置点', arrived_at: when }, shelterMgr);
  expect(child.data['status']).toBe('SHELTERED');
  void host;
}

export function childOf(inst: TestInstance, personId: string): TestInstance {
  const c = inst.children().find((ch) => (ch.data['person'] as { person_id: string }).person_id === personId);
  if (!c) throw new Error(`no evacuee ${personId}`);
  return c;
}
