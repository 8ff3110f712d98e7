import {
  addDays, addMonths, addWorkingDays, daysBetween, formatInstant, isLocalDate, isWorkingDay, lastDayBefore, parseInstant, periodLastDay, toLocalDate,
} from '../calendar/index.js';
import type { HolidayCalendar } from '../calendar/index.js';
import { CivicflowError } from '../errors.js';
import { ExpressionError, evaluate, parseExpression } from '../expressions/index.js';
import type { ExpressionFunction, ParsedExpression } from '../expressions/index.js';
import { ancestorAtLevel } from '../orgUnits/orgUnitPath.js';
import { sexFromIdCard } from '../vote/index.js';
import type { EngineContext } from '../runtime/types.js';
import type { EventEnv } from './engineEvent.js';

const parsed = new Map<string, ParsedExpression>();

/** Parses once per distinct source text; definitions are immutable, so this cache never goes stale. */
export function parsedExpression(source: string): ParsedExpression {
  let p = parsed.get(source);
  if (!p) {
    p = parseExpression(source);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(source, p);
  }
  return p;
}

function birthDateOf(idNo: unknown): string | null {
  if (typeof idNo !== 'string' || !/^\d{17}[\dXx]$/.test(idNo)) return null;
  const d = `${idNo.slice(6, 10)}-${idNo.slice(10, 12)}-${idNo.slice(12, 14)}`;
  return isLocalDate(d) ? d : null;
}

function needDate(v: unknown, fn: string): string {
  if (!isLocalDate(v)) throw new Error(`${fn}() expects a date 'YYYY-MM-DD', got ${JSON.stringify(v)}`);
  return v;
}

function needInstant(v: unknown, fn: string): string {
  if (typeof v !== 'string' || !/T/.test(v)) throw new Error(`${fn}() expects an instant like '2027-07-10T09:00:00+08:00', got ${JSON.stringify(v)}`);
  return v;
}

function needInt(v: unknown, fn: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${fn}() expects an integer, got ${JSON.stringify(v)}`);
  return v;
}

const functionTables = new WeakMap<HolidayCalendar, Map<string, Record<string, ExpressionFunction>>>();

/** Date and org functions available to every expression, bound to the command's calendar and the case unit (memoized). */
export function engineFunctions(calendar: HolidayCalendar, caseUnit: string): Record<string, ExpressionFunction> {
  let byUnit = functionTables.get(calendar);
  if (!byUnit) functionTables.set(calendar, (byUnit = new Map()));
  let table = byUnit.get(caseUnit);
  if (!table) {
    if (byUnit.size > 1000) byUnit.clear();
    byUnit.set(caseUnit, (table = buildEngineFunctions(calendar, caseUnit)));
  }
  return table;
}

function buildEngineFunctions(calendar: HolidayCalendar, caseUnit: string): Record<string, ExpressionFunction> {
  return {
    addDays: (d, n) => addDays(needDate(d, 'addDays'), needInt(n, 'addDays')),
    addMonths: (d, n) => addMonths(needDate(d, 'addMonths'), needInt(n, 'addMonths')),
    addWorkingDays: (d, n) => addWorkingDays(calendar, needDate(d, 'addWorkingDays'), needInt(n, 'addWorkingDays')),
    daysBetween: (a, b) => daysBetween(needDate(a, 'daysBetween'), needDate(b, 'daysBetween')),
    isWorkingDay: (d) => isWorkingDay(calendar, needDate(d, 'isWorkingDay')),
    /** Last day of a statutory period of n days after `d` (start day excluded, rest-day rollover). */
    periodEnd: (d, n) => periodLastDay(calendar, needDate(d, 'periodEnd'), { days: needInt(n, 'periodEnd') }),
    lastDayBefore: (d, n, margin) => lastDayBefore(needDate(d, 'lastDayBefore'), needInt(n, 'lastDayBefore'), margin === undefined || margin === null ? 0 : needInt(margin, 'lastDayBefore')),
    addMinutes: (i, n) => formatInstant(parseInstant(needInstant(i, 'addMinutes')) + needInt(n, 'addMinutes') * 60_000),
    addHours: (i, n) => formatInstant(parseInstant(needInstant(i, 'addHours')) + needInt(n, 'addHours') * 3_600_000),
    /** Whole minutes from instant a to instant b (negative when b is earlier). */
    minutesBetween: (a, b) => Math.trunc((parseInstant(needInstant(b, 'minutesBetween')) - parseInstant(needInstant(a, 'minutesBetween'))) / 60_000),
    /** True when instant a is before instant b (instants with different offsets compare correctly). */
    isBefore: (a, b) => parseInstant(needInstant(a, 'isBefore')) < parseInstant(needInstant(b, 'isBefore')),
    dateOf: (instant) => {
      if (typeof instant !== 'string') throw new Error('dateOf() expects an instant');
      return isLocalDate(instant) ? instant : toLocalDate(instant);
    },
    unit: (level) => {
      if (typeof level !== 'string') throw new Error('unit() expects a level name');
      const u = ancestorAtLevel(caseUnit, level);
      if (!u) throw new CivicflowError('CF_ENGINE_ORG_LEVEL_MISSING', { orgUnit: caseUnit, level });
      return u;
    },
    sexOf: (idNo) => (typeof idNo === 'string' ? sexFromIdCard(idNo) ?? null : null),
    /** Birth date 'YYYY-MM-DD' from an 18-character ID number (GB 11643 characters 7–14), or null. */
    birthDateOf: (idNo) => birthDateOf(idNo),
    /** Age in whole years on a date (anniversary rule: 18 at the start of the 18th birthday), or null. */
    ageOn: (idNo, d) => {
      const birth = birthDateOf(idNo);
      const on = needDate(d, 'ageOn');
      if (birth === null) return null;
      const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
      return on.slice(5) >= birth.slice(5) ? years : years - 1;
    },
  };
}

/** The names every expression may use as roots, besides step-specific ones (`form`, `reviewer`, `item`, …). */
export const BASE_SCOPE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'] as const;

/** Builds the scope an expression sees. */
export function baseScope(ctx: EngineContext, env: EventEnv, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    data: ctx.data,
    config: ctx.config,
    case: { ...ctx.case, id: ctx.instanceId },
    now: env.now,
    today: toLocalDate(env.now),
    actor: { id: env.actor.id, roles: env.actor.roles, orgUnit: env.actor.orgUnit, personId: env.actor.personId ?? null },
    ...extra,
  };
}

/** Evaluates an expression of a step; failures become CF_ENGINE_EXPRESSION_FAILED naming the step and expression. */
export function evalIn(ctx: EngineContext, env: EventEnv, stepId: string, source: string, extra: Record<string, unknown> = {}): unknown {
  try {
    return evaluate(parsedExpression(source), baseScope(ctx, env, extra), { functions: engineFunctions(env.calendar, ctx.case.orgUnit) });
  } catch (e) {
    if (e instanceof CivicflowError) throw e;
    const detail = e instanceof ExpressionError ? e.localized.en : e instanceof Error ? e.message : String(e);
    throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId, detail, expression: source }, e);
  }
}

/** Truthiness as the expression language defines it. */
export function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}
