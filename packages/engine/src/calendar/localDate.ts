import { CalendarError } from './calendarError.js';
import { civilFromDays, daysFromCivil, daysInMonth, pad } from './civilDays.js';

/** 'YYYY-MM-DD', a calendar date in Asia/Shanghai. */
export type LocalDate = string;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Four-digit years only: the string format cannot express anything else unambiguously.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** Splits a string into year/month/day if it is a real calendar date in years 0001–9999. */
function splitDate(s: string): { year: number; month: number; day: number } | undefined {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * True when `s` is a `YYYY-MM-DD` string naming a real calendar date (years 0001–9999).
 * `'2027-02-30'`, `'2027-2-3'` and `'2027-02-03T00:00'` are all false.
 */
export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && splitDate(s) !== undefined;
}

/**
 * Returns `s` unchanged if it is a valid {@link LocalDate}.
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_DATE` otherwise.
 */
export function parseLocalDate(s: unknown): LocalDate {
  if (!isLocalDate(s)) {
    throw new CalendarError('CF_ENGINE_CALENDAR_BAD_DATE', `Not a YYYY-MM-DD calendar date: ${JSON.stringify(s)}`);
  }
  return s;
}

/**
 * Days since 1970-01-01 for a {@link LocalDate}.
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_DATE` for an invalid date.
 * @internal
 */
export function dayNumberOf(date: LocalDate): number {
  const parts = typeof date === 'string' ? splitDate(date) : undefined;
  if (!parts) {
    throw new CalendarError('CF_ENGINE_CALENDAR_BAD_DATE', `Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  }
  return daysFromCivil(parts.year, parts.month, parts.day);
}

/**
 * {@link LocalDate} for a day number (days since 1970-01-01).
 * @throws CalendarError `CF_ENGINE_CALENDAR_OUT_OF_RANGE` outside years 0001–9999.
 * @internal
 */
export function dateOfDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return formatCivil(year, month, day);
}

function formatCivil(year: number, month: number, day: number): LocalDate {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarError('CF_ENGINE_CALENDAR_OUT_OF_RANGE', `Date outside years 0001–9999 (year ${year})`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Throws unless `n` is a safe integer.
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_ARGUMENT`
 * @internal
 */
export function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) {
    throw new CalendarError('CF_ENGINE_CALENDAR_BAD_ARGUMENT', `${what} must be an integer, got ${String(n)}`);
  }
}

/** `date` plus `n` calendar days (`n` may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  assertInteger(n, 'addDays: n');
  return dateOfDayNumber(dayNumberOf(date) + n);
}

/** Whole days from `a` to `b` (b − a): `daysBetween('2027-05-07', '2027-05-12') === 5`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps pre-1970 dates non-negative.
  return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

/**
 * `date` plus `n` calendar months (`n` may be negative), per 民法典 Art 202: the same day number in
 * the target month, or that month's last day when it has no such day
 * (`addMonths('2027-01-31', 1) === '2027-02-28'`).
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  assertInteger(n, 'addMonths: n');
  dayNumberOf(date); // validates
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
