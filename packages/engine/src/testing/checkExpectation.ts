import type { LocalizedText } from '../i18n.js';
import type { ExpectedTask, ScenarioExpectation } from './scenarioFormat.js';
import type { Simulation } from './createSimulation.js';

/** How one expectation failed: which field, what was expected, what was found (as short text). */
export interface ExpectationMismatch {
  field: string;
  expected: string;
  actual: string;
}

const MAX_SHOWN = 400;

/** A value as short JSON for a message. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where `actual` differs from the `expected` part of it: objects may have more members, arrays
 * must have the same length and match item by item, everything else must be equal. Returns the
 * JSON pointer of the first difference, or undefined.
 */
export function firstDifference(expected: unknown, actual: unknown, pointer = ''): { pointer: string; expected: unknown; actual: unknown } | undefined {
  if (isObj(expected)) {
    if (!isObj(actual)) return { pointer, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const found = firstDifference(value, actual[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { pointer, expected, actual };
    for (let i = 0; i < expected.length; i += 1) {
      const found = firstDifference(expected[i], actual[i], `${pointer}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(expected, actual) || (expected === null && actual === undefined) ? undefined : { pointer, expected, actual };
}

const matchesPart = (expected: unknown, actual: unknown): boolean => firstDifference(expected, actual) === undefined;

const taskText = (t: ExpectedTask): string => `${t.process ? `${t.process}/` : ''}${t.step}${t.role ? ` (${t.role}${t.orgUnit ? ` @ ${t.orgUnit}` : ''})` : ''}`;

/**
 * Compares what a simulation shows now with a scenario's expectation (see `ScenarioExpectation`
 * for how each member is compared); returns the first mismatch, or undefined when all hold.
 */
export function checkExpectation(sim: Simulation, expected: ScenarioExpectation): ExpectationMismatch | undefined {
  const now = sim.observe();
  if (expected.now !== undefined && expected.now !== now.now) return { field: 'now', expected: expected.now, actual: now.now };
  if (expected.status !== undefined && expected.status !== now.status) return { field: 'status', expected: expected.status, actual: now.status };
  if (expected.outcome !== undefined && expected.outcome !== now.outcome) return { field: 'outcome', expected: show(expected.outcome), actual: show(now.outcome) };
  if (expected.activeSteps !== undefined) {
    const want = [...expected.activeSteps].sort();
    const have = [...now.activeSteps].sort();
    if (show(want) !== show(have)) return { field: 'activeSteps', expected: want.join(', ') || '-', actual: have.join(', ') || '-' };
  }
  if (expected.openTasks !== undefined) {
    const unmatched = [...now.openTasks];
    const missing: ExpectedTask[] = [];
    for (const want of expected.openTasks) {
      const i = unmatched.findIndex((have) => matchesPart(want, have));
      if (i === -1) missing.push(want);
      else unmatched.splice(i, 1);
    }
    if (missing.length > 0 || unmatched.length > 0) {
      return { field: 'openTasks', expected: expected.openTasks.map(taskText).join(', ') || '-', actual: now.openTasks.map(taskText).join(', ') || '-' };
    }
  }
  const root = sim.root;
  if (expected.data !== undefined) {
    const diff = firstDifference(expected.data, root?.data ?? {});
    if (diff) return { field: `data${diff.pointer}`, expected: show(diff.expected), actual: show(diff.actual) };
  }
  const instances = sim.host.instances();
  for (const [field, all] of [
    ['effects', () => instances.flatMap((i) => i.effects())],
    ['history', () => instances.flatMap((i) => i.history())],
  ] as const) {
    const list = expected[field];
    if (!list) continue;
    const have = all() as unknown as Record<string, unknown>[];
    for (const want of list) {
      if (have.some((h) => matchesPart(want, h))) continue;
      const sameType = typeof want['type'] === 'string' ? have.filter((h) => h['type'] === want['type']) : have;
      return { field, expected: `${show(want)} …`, actual: sameType.length > 0 ? show(sameType) : `no ${typeof want['type'] === 'string' ? want['type'] : 'entry'}` };
    }
  }
  return undefined;
}

/** "at step 3 (complete vSession)" / "在第 3 步（complete vSession）", or the end. */
export function whereText(index: number | 'start' | 'end', what = ''): LocalizedText {
  if (index === 'start') return { 'zh-CN': '开始时', en: 'the start' };
  if (index === 'end') return { 'zh-CN': '结束时', en: 'the end' };
  const suffix = what ? ` (${what})` : '';
  return { 'zh-CN': `第 ${index + 1} 步${what ? `（${what}）` : ''}`, en: `step ${index + 1}${suffix}` };
}
