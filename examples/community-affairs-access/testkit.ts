/**
 * Test support for the community-affairs-access example (社区事务准入, domain file E): the five
 * definitions, org units and actors, form builders with the scenarios' defaults, and helpers to
 * act on tasks and read refusals and notifications. Only synthetic data: the government-body
 * USCC and the ID numbers are the README §2.2 test values.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { addWorkingDays, CivicflowError, CN_2027 } from '@civicflow/engine';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import type { TestHost, TestInstance } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const load = (name: string): ProcessDefinition => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as ProcessDefinition;
export const accessDef = load('process.json');
export const gateDef = load('task-type-gate.json');
export const refusalDef = load('task-refusal.json');
export const exemptionDef = load('emergency-exemption.json');
export const certificateDef = load('certificate-check.json');
export const DEFINITIONS = [accessDef, gateDef, refusalDef, exemptionDef, certificateDef];

// ------------------------------------------------------------------ org units and actors
export const COUNTY = 'county:huaxi';
export const TOWN = `${COUNTY}/town:qingshi`; // 青石街道: pre-check office, and the township of S-E7
export const dept = (code: string): string => `${COUNTY}/dept:${code}`;
export const community = (code: string): string => `${TOWN}/community:${code}`;
export const XINHE = community('xinhe');
export const SHANGBA = `${TOWN}/village:shangba`;
export const XIAHE = `${TOWN}/village:xiahe`;
/** The synthetic USCC of a government body (README §2.2). */
export const GOV_USCC = '11110101000000000A';

const a = (id: string, roles: string[], orgUnit: string): Actor => ({ id, roles, orgUnit });
export const reqDept = (code: string): Actor => a(`u-${code}`, ['REQ_DEPT'], dept(code));
export const twp = a('u-twp-review', ['TWP_REVIEW'], TOWN);
export const sec = a('u-civil-sec', ['CIVIL_SEC'], COUNTY);
export const body = a('u-joint-body', ['JOINT_BODY'], COUNTY);
export const supervisor = a('u-supervisor', ['SUPERVISOR'], COUNTY);
export const twpCmd = a('u-twp-cmd', ['TWP_CMD'], TOWN);
export const twpAsDept = a('u-twp-dept', ['REQ_DEPT'], TOWN);
export const plaqueReviewer = (code: 'zuzhibu' | 'minzheng'): Actor => a(`u-city-${code}`, ['PLAQUE_REVIEW'], `city:jiangcheng/dept:${code}`);
export const committee = (unit: string): Actor => a(`u-committee-${unit.split(':').pop()!}`, ['COMMUNITY'], unit);

// ------------------------------------------------------------------ host and commands
export const at = (s: string): string => `${s}:00+08:00`; // '2027-03-01T09:00' → instant
/** The end of a day as the engine writes due times: 00:00 of the next day. */
export const endOf = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T00:00:00+08:00`;
};
export const workingDaysAfter = (day: string, n: number): string => addWorkingDays(CN_2027, day, n);

export function newHost(now: string): TestHost {
  return createTestHost({ now, validator: createFormValidator(), calendar: CN_2027 });
}

/** Starts an access request as the department, pre-checked by the street office 青石街道. */
export function startAccess(host: TestHost, requester: Actor, config?: Record<string, unknown>): TestInstance {
  return host.start(accessDef, { actor: requester, input: { precheck_unit: TOWN }, ...(config ? { config } : {}) });
}

/** Completes the one open task of `stepId` that `actor` may act on. */
export function act(inst: TestInstance, stepId: string, data: unknown, actor: Actor): void {
  const tasks = inst.tasks(actor).filter((t) => t.stepId === stepId);
  if (tasks.length === 0) throw new Error(`no open ${stepId} task for ${actor.id}; open: ${inst.tasks().map((t) => t.stepId).join(', ')}`);
  inst.complete(tasks[0]!.id, data, actor);
}

/** Runs `fn`, expects a CivicflowError, returns its code and the pointers of the failed checks. */
export function refusal(fn: () => unknown): { code: string; pointers: string[]; en: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CivicflowError);
    const err = e as CivicflowError;
    const pointers = Array.isArray(err.details) ? (err.details as { pointer?: string }[]).map((d) => d.pointer ?? '') : [];
    return { code: err.code, pointers, en: JSON.stringify(err.details ?? err.localized.en) };
  }
  throw new Error('expected a refusal, but the command was accepted');
}

export function openSteps(inst: TestInstance): string[] {
  return inst.tasks().map((t) => t.stepId).sort();
}

export function notifications(inst: TestInstance, role?: string) {
  return inst.effects().flatMap((e) => (e.type === 'notify' && (!role || e.role === role) ? [e] : []));
}

export function expectReplays(host: TestHost, inst: TestInstance): void {
  expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
}

// ------------------------------------------------------------------ form builders
export interface Application extends Record<string, unknown> { start_date: string; submitted_on: string }

/**
 * E-F1 with the defaults of S-E1 (the county health commission's elderly health checks, XZ-07):
 * twice a year, 2 CNY per person paid in advance, no separate assessment.
 */
export function application(submittedOn: string, startDate: string, over: Record<string, unknown> = {}): Application {
  return {
    dept_name: '华溪县卫生健康委员会',
    dept_uscc: GOV_USCC,
    contact: '联系人甲',
    phone: '0731-80000001',
    item_name: '老年人健康体检通知和组织',
    item_kind: '协助工作任务',
    claimed_list_item: 'XZ-07',
    legal_basis: [{ kind: '法律', doc: '中华人民共和国城市居民委员会组织法', article: '第三条第(五)项' }],
    content: '通知辖区 65 周岁以上常住居民参加免费健康体检，并协助组织到社区卫生服务中心体检',
    scope: { all: true },
    start_date: startDate,
    end_date: '2027-12-31',
    frequency: '每半年',
    times_per_year: 2,
    workload_person_days: 6,
    funding: { amount: 2, unit: '每人', units_estimated: 3000, source: '申请单位部门预算', payment_method: '预拨', payment_schedule: '每次体检前 10 日预拨到街道' },
    separate_assessment: false,
    new_ledger: false,
    emergency: false,
    submitted_on: submittedOn,
    head_signature: 'att_sign_weijian01',
    ...over,
  };
}

export const precheckOk = (on: string, recommendation = '建议准入') => ({
  completeness: '齐全', local_fit: '符合本街道实际', recommendation, reviewer: '审核员甲', reviewed_on: on,
});

export const match = (list: string, code: string | undefined, requestType: string, note = '与清单条目逐项比对') => ({
  list, ...(code ? { code } : {}), request_type: requestType, note,
});

export const MEMBERS = [
  { unit: '民政局', name: '成员甲' }, { unit: '组织部', name: '成员乙' }, { unit: '社会工作部', name: '成员丙' }, { unit: '财政局', name: '成员丁' }, { unit: '申请部门', name: '成员戊' },
];

export const jointDecision = (on: string, decision: string, over: Record<string, unknown> = {}) => ({
  meeting_date: on, members_present: MEMBERS, decision, funding_needed: true, reasons: '经审议', doc_no: '华社治联〔2027〕3号', signatures: ['att_sign_joint01'], ...over,
});
