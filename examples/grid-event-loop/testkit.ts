// Test helpers for example D (网格化事件处置 + 三单制), kept inside this folder on purpose.
// Synthetic people only: person ids and names made up for these scenarios (李 the grid worker and
// member 王 are the people of domain file D §7); no ID numbers are needed by these forms.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CN_2027, CivicflowError } from '@civicflow/engine';
import type { Actor, Effect, ProcessDefinition } from '@civicflow/engine';
import { createTestHost } from '@civicflow/engine/testing';
import type { TestHost, TestInstance, TestTask } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const here = dirname(fileURLToPath(import.meta.url));
const readDefinition = (path: string) => JSON.parse(readFileSync(join(here, path), 'utf8')) as ProcessDefinition;
export const eventDef = readDefinition('grid-event.json');
export const orderDef = readDefinition('service-order.json');
/** Process B, which the event hands disputes to (read, not changed). */
export const mediationDef = readDefinition('../dispute-mediation/process.json');

// ------------------------------------------------------------------ org units
export const COUNTY = 'county:huaxi';
export const TOWN = `${COUNTY}/town:qingshi`;
export const VILLAGE = `${TOWN}/village:qingshicun`; // 青石村
export const GRID = `${VILLAGE}/grid:g03`; // 第三网格
export const CHENGJIAN = `${TOWN}/office:chengjian`; // 镇城建办
export const ZHIFA = `${TOWN}/office:zhifa`; // 镇综合执法队
export const HUANWEI = `${TOWN}/office:huanwei`; // 镇环卫所
export const GAS = `${COUNTY}/company:gas`; // 燃气公司
export const ZIRAN = `${COUNTY}/dept:ziranziyuan`; // 县自然资源局
export const SHUIWU = `${COUNTY}/dept:shuiwu`; // 县税务局 (王's employer, his 报到单位)
export const JIAOYU = `${COUNTY}/dept:jiaoyu`; // 县教育局 (孙's employer)

const who = (id: string, roles: string[], orgUnit: string, personId: string): Actor => ({ id, roles, orgUnit, personId });
export const gridLi = who('u-grid-li', ['GRID'], GRID, 'p-grid-li'); // 网格员李
export const gridHead = who('u-gridhead-zhou', ['GRID_HEAD'], GRID, 'p-gridhead-zhou');
export const brain = who('u-brain-wu', ['BRAIN'], TOWN, 'p-brain-wu');
export const supervisor = who('u-sup-he', ['SUPERVISOR'], TOWN, 'p-sup-he');
export const chengjian = who('u-cj-qian', ['HANDLER'], CHENGJIAN, 'p-cj-qian');
export const zhifa = who('u-zf-feng', ['HANDLER'], ZHIFA, 'p-zf-feng');
export const huanwei = who('u-hw-yang', ['HANDLER'], HUANWEI, 'p-hw-yang');
export const villageStation = who('u-vs-xu', ['V_STATION', 'HANDLER'], VILLAGE, 'p-vs-xu');
export const gasCompany = who('u-gas-ma', ['HANDLER'], GAS, 'p-gas-ma');
export const ziran = who('u-zr-lu', ['COUNTY_DEPT'], ZIRAN, 'p-zr-lu');
export const residentChen = who('u-res-chen', ['RESIDENT'], GRID, 'p-res-chen'); // 楼栋代表陈
export const residentZhao = who('u-res-zhao', ['RESIDENT'], GRID, 'p-res-zhao'); // 独居老人赵, 80
/** Member 王 also lives in the grid: he holds RESIDENT too, which is what makes the 评单 conflict rule bite. */
export const memberWang = who('u-pm-wang', ['PM', 'RESIDENT'], GRID, 'p-pm-wang');
export const memberSun = who('u-pm-sun', ['PM'], VILLAGE, 'p-pm-sun');
export const vMed = who('u-vmed-zhang', ['V_MED'], VILLAGE, 'staff-zhang'); // B's village mediator

export const person = (a: Actor, name: string) => ({ person_id: a.personId!, name });

// ------------------------------------------------------------------ host and tasks
export const at = (s: string) => `${s}:00+08:00`; // '2027-03-01T10:00' → instant
/** The instant `minutes` before `instant`, written in +08:00 (Asia/Shanghai has no DST). */
export function minutesBefore(instant: string, minutes: number): string {
  const local = new Date(Date.parse(instant) - minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

export function newHost(now: string): TestHost {
  const host = createTestHost({ now, validator: createFormValidator(), calendar: CN_2027 });
  host.register(eventDef);
  host.register(mediationDef);
  return host;
}

export function startEvent(host: TestHost, kind: 'GRID' | 'RESIDENT', actor: Actor): TestInstance {
  return host.start(eventDef, { input: { reporter_kind: kind }, actor, orgUnit: GRID });
}

/** The one open task of a step; fails with the list of open steps otherwise. */
export function taskOf(inst: TestInstance, stepId: string): TestTask {
  const found = inst.tasks().filter((x) => x.stepId === stepId);
  expect(found.map((x) => x.stepId), `open: ${openSteps(inst).join(', ')}`).toEqual([stepId]);
  return found[0]!;
}

export const openSteps = (inst: TestInstance): string[] => inst.tasks().map((x) => x.stepId).sort();

export function complete(inst: TestInstance, stepId: string, data: unknown, actor: Actor): void {
  inst.complete(taskOf(inst, stepId).id, data, actor);
}

/** The catalogue code a refused command throws, and that it changed nothing. */
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

type Notice = Extract<Effect, { type: 'notify' }>;
export const notices = (inst: TestInstance, role?: string): Notice[] =>
  inst.effects().filter((e): e is Notice => e.type === 'notify' && (role === undefined || e.role === role));
/** Steps whose task was ever opened in this instance. */
export const openedSteps = (inst: TestInstance): string[] =>
  inst.effects().flatMap((e) => (e.type === 'task.open' ? [e.stepId] : []));

export function expectReplay(host: TestHost, inst: TestInstance): void {
  expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  for (const child of inst.children()) expectReplay(host, child);
}

// ------------------------------------------------------------------ form builders
const photo = (n: number, takenAt: string) => ({ file: `att_photo_${String(n).padStart(4, '0')}`, taken_at: takenAt });

export function reportForm(o: {
  by: Actor; name: string; cls: string; sub: string; title: string; description: string; reportedAt: string;
  urgency?: '紧急' | '一般'; photoAt?: string; onSpot?: { afterAt: string; actions: string }; contact?: { actor: Actor; name: string };
  source?: string;
}): Record<string, unknown> {
  const isGrid = o.by.roles.includes('GRID');
  return {
    source: o.source ?? (isGrid ? '网格员巡查' : '居民点单/报事'), class: o.cls, subclass: o.sub, title: o.title, description: o.description,
    address: '华溪县青石镇青石村3组', grid: GRID, urgency: o.urgency ?? '一般', reporter: person(o.by, o.name), phone: '13800000000', anonymous: false,
    reported_at: o.reportedAt,
    ...(isGrid ? { geo: { lat: 28.21, lng: 112.93, crs: 'GCJ-02' }, media: [photo(1, o.photoAt ?? o.reportedAt)] } : {}),
    ...(o.onSpot ? { handled_on_spot: true, after_photos: [photo(2, o.onSpot.afterAt)], on_spot_actions: o.onSpot.actions } : {}),
    ...(o.contact ? { resident_contact: person(o.contact.actor, o.contact.name) } : {}),
  };
}

export const unitRef = (unit: string, name: string) => ({ unit, name });
export const fileForm = (lead: { unit: string; name: string }, sla: string, extra: Record<string, unknown> = {}) =>
  ({ decision: '立案', sla_class: sla, lead, instructions: '请按时限处置并反馈', ...extra });
export const acceptForm = (when: string, handler: Actor, name: string) => ({ accepted_at: when, handler: person(handler, name) });
export function handledForm(when: string, handler: Actor, name: string, unit: { unit: string; name: string }, extra: Record<string, unknown> = {}) {
  return { actions: '已现场处置', physical: true, before: [photo(3, minutesBefore(when, 60))], after: [photo(4, when)], completed_at: when, result: '已解决', handler: person(handler, name), unit, ...extra };
}
export const verifyForm = (when: string, verifier: Actor, name: string, result = '属实已解决', note?: string) =>
  ({ verified_at: when, result, photos: [photo(5, when)], verifier: person(verifier, name), ...(note ? { note } : {}) });
export const ratingForm = (when: string, rater: Actor, name: string, score: string, reason?: string) =>
  ({ rater: person(rater, name), rated_by: '本人', score, rated_at: when, ...(reason ? { reason } : {}) });
