import { CalendarError } from './calendarError.js';
import type { DurationSpec } from './durationSpec.js';
import { validateDurationSpec } from './durationSpec.js';
import { addWorkingDays, isRestDay, nextWorkingDay } from './holidayCalendar.js';
import type { HolidayCalendar } from './holidayCalendar.js';
import { addDays, addMonths } from './localDate.js';
import type { LocalDate } from './localDate.js';

/**
 * Throws if `spec` is not a valid {@link DurationSpec}.
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_DURATION`
 * @internal
 */
export function assertDurationSpec(spec: unknown): asserts spec is DurationSpec {
  const problems = validateDurationSpec(spec);
  if (problems.length > 0) {
    throw new CalendarError('CF_ENGINE_CALENDAR_BAD_DURATION', `Invalid duration: ${problems.join('; ')}`);
  }
}

/**
 * Last day (inclusive) of a day-based period that starts on `start`.
 *
 * Per 民法典 Art 201 the start day is not counted: `days` → start + n; `months` → `addMonths`
 * (Art 202); `workingDays` → `addWorkingDays`. If `spec.rollover` (default true) and that day is a
 * rest day, the period ends on the next working day (Art 203) — past the whole holiday, landing on
 * a 调休 make-up day if that comes first.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_DURATION` for an invalid or hours/minutes spec;
 *   `CF_ENGINE_CALENDAR_BAD_DATE` for an invalid `start`.
 */
export function periodLastDay(cal: HolidayCalendar, start: LocalDate, spec: DurationSpec): LocalDate {
  assertDurationSpec(spec);
  let last: LocalDate;
  if (spec.days !== undefined) last = addDays(start, spec.days);
  else if (spec.months !== undefined) last = addMonths(start, spec.months);
  else if (spec.workingDays !== undefined) last = addWorkingDays(cal, start, spec.workingDays);
  else {
    throw new CalendarError(
      'CF_ENGINE_CALENDAR_BAD_DURATION',
      'periodLastDay needs a day-based duration (days, workingDays or months), not hours/minutes',
    );
  }
  // Working-day periods already end on a working day, except workingDays: 0 from a rest day.
  return (spec.rollover ?? true) && isRestDay(cal, last) ? nextWorkingDay(cal, last) : last;
}
