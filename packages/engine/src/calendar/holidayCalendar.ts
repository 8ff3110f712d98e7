import { assertInteger, addDays, dayOfWeek, dayNumberOf, isLocalDate } from './localDate.js';
import type { LocalDate } from './localDate.js';

/**
 * Which days are rest days. A date listed in neither list follows the weekend rule.
 * Treat calendars as immutable: lookups are cached per list.
 */
export interface HolidayCalendar {
  id: string;
  /** Statutory holidays (法定节假日 and the rest days moved around them), 'YYYY-MM-DD'. */
  restDays: readonly string[];
  /** 调休 make-up working days: weekend days that are working days, 'YYYY-MM-DD'. */
  workdays: readonly string[];
  /** Saturdays and Sundays are rest days unless listed in workdays. Default true. */
  weekendsAreRestDays?: boolean;
}

// Sets keyed by the list object, so repeated lookups in long working-day loops stay O(1).
const setCache = new WeakMap<readonly string[], ReadonlySet<string>>();

function asSet(list: readonly string[]): ReadonlySet<string> {
  let set = setCache.get(list);
  if (!set) {
    set = new Set(list);
    setCache.set(list, set);
  }
  return set;
}

/**
 * True when `date` is a rest day in `cal`.
 *
 * Precedence: `restDays` > `workdays` > weekend rule. A date wrongly listed in both lists counts as
 * a rest day, because treating a holiday as a working day could cut a citizen's legal period short.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_DATE` for an invalid date.
 */
export function isRestDay(cal: HolidayCalendar, date: LocalDate): boolean {
  dayNumberOf(date); // validates
  if (asSet(cal.restDays).has(date)) return true;
  if (asSet(cal.workdays).has(date)) return false;
  if (cal.weekendsAreRestDays === false) return false;
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** True when `date` is a working day in `cal` (the negation of {@link isRestDay}). */
export function isWorkingDay(cal: HolidayCalendar, date: LocalDate): boolean {
  return !isRestDay(cal, date);
}

/** `date` itself if it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(cal: HolidayCalendar, date: LocalDate): LocalDate {
  let day = date;
  while (isRestDay(cal, day)) day = addDays(day, 1);
  return day;
}

/**
 * The `n`-th working day after `date`; `date` itself is not counted, whether or not it is a
 * working day. A negative `n` counts backwards (the |n|-th working day before `date`); `n = 0`
 * returns `date` unchanged.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_ARGUMENT` when `n` is not an integer.
 */
export function addWorkingDays(cal: HolidayCalendar, date: LocalDate, n: number): LocalDate {
  assertInteger(n, 'addWorkingDays: n');
  dayNumberOf(date); // validates even when n = 0
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = date;
  while (remaining > 0) {
    day = addDays(day, step);
    if (!isRestDay(cal, day)) remaining -= 1;
  }
  return day;
}

/**
 * Human-readable problems with a calendar object (empty when fine): missing id, malformed or
 * impossible dates, a date listed as both rest day and workday, or a make-up workday that is not
 * a Saturday/Sunday (almost always a typo). Run it on calendars loaded from data: lookups compare
 * strings exactly, so `'2027-5-1'` would silently never match.
 */
export function validateHolidayCalendar(cal: unknown): string[] {
  if (typeof cal !== 'object' || cal === null || Array.isArray(cal)) return ['calendar must be an object'];
  const c = cal as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof c.id !== 'string' || c.id === '') problems.push('id must be a non-empty string');
  if (c.weekendsAreRestDays !== undefined && typeof c.weekendsAreRestDays !== 'boolean') {
    problems.push('weekendsAreRestDays must be a boolean');
  }
  const lists: Record<'restDays' | 'workdays', string[]> = { restDays: [], workdays: [] };
  for (const key of ['restDays', 'workdays'] as const) {
    const list = c[key];
    if (!Array.isArray(list)) {
      problems.push(`${key} must be an array of YYYY-MM-DD dates`);
      continue;
    }
    list.forEach((d: unknown, i) => {
      if (isLocalDate(d)) lists[key].push(d);
      else problems.push(`${key}[${i}] is not a YYYY-MM-DD calendar date: ${JSON.stringify(d)}`);
    });
  }
  const rest = new Set(lists.restDays);
  for (const d of lists.workdays) {
    if (rest.has(d)) problems.push(`${d} is listed both as a rest day and as a workday`);
    const dow = dayOfWeek(d);
    if (c.weekendsAreRestDays !== false && dow !== 0 && dow !== 6) {
      problems.push(`workday ${d} is not a Saturday or Sunday, so listing it has no effect`);
    }
  }
  return problems;
}
