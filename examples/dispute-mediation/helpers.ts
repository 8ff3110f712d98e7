// Test helpers for the dispute-mediation scenarios (process B). Synthetic data only: the ID numbers
// are the synthetic ones of /work/shared/domain/README.md §2.2, the USCC is its synthetic enterprise.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CivicflowError, CN_2027 } from '@civicflow/engine';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import type { TestHost, TestInstance, TestTask } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const here = dirname(fileURLToPath(import.meta.url));
export const definition = JSON.parse(readFileSync(join(here, 'process.json'), 'utf8')) as ProcessDefinition;

export const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
export const TOWN = 'county:huaxi/town:qingshi';
export const COUNTY = 'county:huaxi';

const who = (id: string, roles: string[], orgUnit: string, extra: Partial<Actor> = {}): Actor => ({ id, roles, orgUnit, ...extra });
export const vMed = who('u-vmed-zhang', ['V_MED'], VILLAGE, { personId: 'staff-zhang' });
export const vChair = who('u-vchair-li', ['V_MED', 'V_MED_CHAIR'], VILLAGE, { personId: 'staff-li' });
export const tCenter = who('u-tcenter-wang', ['T_CENTER'], TOWN, { personId: 'staff-wang' });
export const police = who('u-police-zhao', ['POLICE'], TOWN);
export const court = who('u-court-chen', ['COURT'], COUNTY);
export const party = who('u-party', ['PARTY'], VILLAGE);

// ---------------------------------------------------------------- parties (synthetic)
export const ID = {
  a: '110101198001010010', // male, born 1980-01-01
  b: '110101197506150022', // female, born 1975-06-15
  c: '110101195207080045', // female, born 1952-07-08
  d: '110101199012310056', // male, born 1990-12-31
  bad: '110101198001010011', // wrong checksum
};
export const USCC = '91110101MA00000018';

export function person(ref: string, name: string, idNo: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000', ...extra };
}
export function unit(ref: string, orgName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'U', ref, org_name: orgName, uscc: USCC, legal_rep: { name: '周建国', post: '总经理' },
    agent: { name: '吴明', authority_doc: 'file:authority-001', relation: '员工' }, address: '华溪县青石镇工业园', phone: '0571-88880000', ...extra,
  };
}

export const sig = (on: string) => ({ method: '手写签名', signed_on: on });

export function intakeForm(on: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: '当事人申请',
    applicants: [person('A1', '张三', ID.a)],
    respondents: [person('R1', '李四', ID.d)],
    dispute_type: '邻里',
    summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。',
    requests: ['恢复排水沟原有走向'],
    persons_involved: 2, households_involved: 2,
    accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解',
    channel: '书面', voluntary_declaration: sig(on), received_on: on, accepted_on: on, registrar: '张调解',
    ...over,
  };
}

export const refsOf = (intake: Record<string, unknown>): string[] =>
  [...(intake['applicants'] as { ref: string }[]), ...(intake['respondents'] as { ref: string }[])].map((p) => p.ref);

export function rightsForm(refs: string[], on: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
    acks: refs.map((r) => ({ party_ref: r, signature: sig(on), date: on })),
    consent: refs.map((r) => ({ party_ref: r, decision: '同意' })),
    ...over,
  };
}

export function gradingForm(at: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { grade: 'G1', level: 'VILLAGE', risk_indicators: ['无'], risk_colour: 'BLUE', mediators: ['张调解'], assessor: '张调解', assessed_at: at, ...over };
}

export function riskForm(at: string, indicators: string[], colour: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { risk_indicators: indicators, risk_colour: colour, assessor: '张调解', assessed_at: at, ...over };
}

export function sessionForm(at: string, result: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    held_at: at, place: '青石村调解室', mediators_present: ['张调解'], parties_present: ['A1', 'R1'],
    narrative: '调解员听取双方陈述，释法说理。', result, ...over,
  };
}

export function oralForm(on: string, refs: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    parties: refs, content: '双方同意共同疏通排水沟，被申请人当场赔礼道歉。', reached_on: on,
    performed_immediately: true, written_requested: false, has_civil_obligations: false,
    mediator_signature: { name: '张调解', signed_on: on }, ...over,
  };
}

export function visitForm(on: string, performance: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    visited_on: on, mode: '上门', interviewed: ['A1', 'R1'], performance, satisfaction: '满意',
    new_risks: '无新的矛盾苗头', new_risk_colour: 'BLUE', visitor: '张调解', ...over,
  };
}

export function terminationForm(on: string, refs: string[], reason: string, remedies: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return { reason, remedies, notified_on: on, receipts: refs.map((r) => ({ party_ref: r, signature: sig(on) })), ...over };
}

// ---------------------------------------------------------------- host and tasks
export function newHost(now: string): TestHost {
  return createTestHost({ now, validator: createFormValidator(), calendar: CN_2027 });
}

/** The one open task of a step; fails with the list of open steps otherwise. */
export function taskOf(inst: TestInstance, stepId: string): TestTask {
  const found = inst.tasks().filter((x) => x.stepId === stepId);
  expect(found.map((x) => x.stepId), `open: ${inst.tasks().map((x) => x.stepId).join(', ')}`).toEqual([stepId]);
  return found[0]!;
}

export const openSteps = (inst: TestInstance): string[] => inst.tasks().map((x) => x.stepId).sort();

export function complete(inst: TestInstance, stepId: string, data: unknown, actor: Actor): void {
  inst.complete(taskOf(inst, stepId).id, data, actor);
}

/** The catalogue code a refused command throws (and that it changed nothing). */
export function refusal(inst: TestInstance, stepId: string, data: unknown, actor: Actor): { code: string; messages: string } {
  const before = inst.snapshot;
  try {
    complete(inst, stepId, data, actor);
  } catch (e) {
    expect(e).toBeInstanceOf(CivicflowError);
    expect(inst.snapshot).toBe(before);
    const err = e as CivicflowError;
    return { code: err.code, messages: `${err.message} ${JSON.stringify(err.details ?? null)}` };
  }
  throw new Error(`${stepId}: the submission was accepted, a refusal was expected`);
}

export const notices = (inst: TestInstance) => inst.effects().filter((e) => e.type === 'notify') as unknown as { role: string; orgUnit: string; message: { 'zh-CN': string; en: string } }[];
export const timersOf = (inst: TestInstance) => Object.values(inst.snapshot.context.timers);

export function expectReplay(host: TestHost, inst: TestInstance): void {
  expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
}

/**
 * Walks a case filed at the village up to the open mediation: intake, rights notice, grading.
 * Everything happens at the host's current time.
 */
export function startVillageCase(host: TestHost, intake: Record<string, unknown>, grading: Record<string, unknown>): TestInstance {
  const inst = host.start(definition, { actor: vMed, input: {}, orgUnit: VILLAGE });
  complete(inst, 'intake', intake, vMed);
  const on = intake['accepted_on'] as string;
  complete(inst, 'rightsNotice', rightsForm(refsOf(intake), on), vMed);
  complete(inst, 'grading', grading, vMed);
  return inst;
}
