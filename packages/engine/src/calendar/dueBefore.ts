import { CalendarError } from './calendarError.js';
import type { DueResult } from './computeDue.js';
import { endOfDay } from './dayBoundaries.js';
import { addDays } from './localDate.js';
import type { LocalDate } from './localDate.js';

function assertNonNegativeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError('CF_ENGINE_CALENDAR_BAD_ARGUMENT', `${what} must be a non-negative integer, got ${String(n)}`);
  }
}

/**
 * Last allowed day for an act required "`days` days before an event" (e.g. 选举日的二十日前公布):
 * `eventDate − days − marginDays`. `lastDayBefore('2027-05-28', 20) === '2027-05-08'`.
 *
 * No rest-day adjustment: Art 203 rollover extends forward periods and must not push an act past
 * the day the law requires it by; if the result is a rest day, acting earlier is the caller's call.
 *
 * @param marginDays - extra safety days the organiser wants before the legal limit (default 0)
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_ARGUMENT` for negative or non-integer counts;
 *   `CF_ENGINE_CALENDAR_BAD_DATE` for an invalid `eventDate`.
 */
export function lastDayBefore(eventDate: LocalDate, days: number, marginDays = 0): LocalDate {
  assertNonNegativeInteger(days, 'lastDayBefore: days');
  assertNonNegativeInteger(marginDays, 'lastDayBefore: marginDays');
  return addDays(eventDate, -(days + marginDays));
}

/** {@link lastDayBefore} as a {@link DueResult}: `{ lastDay, dueAt: endOfDay(lastDay) }`. */
export function dueBefore(eventDate: LocalDate, days: number, marginDays = 0): DueResult {
  const lastDay = lastDayBefore(eventDate, days, marginDays);
  return { dueAt: endOfDay(lastDay), lastDay };
}
