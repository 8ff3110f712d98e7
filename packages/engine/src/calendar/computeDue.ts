import { endOfDay, toLocalDate } from './dayBoundaries.js';
import type { DurationSpec } from './durationSpec.js';
import type { HolidayCalendar } from './holidayCalendar.js';
import { formatInstant, parseInstant } from './instant.js';
import type { Instant } from './instant.js';
import type { LocalDate } from './localDate.js';
import { assertDurationSpec, periodLastDay } from './periodLastDay.js';

/** When a deadline expires. */
export interface DueResult {
  /** The instant the deadline expires: for day-based periods, 24:00 of the last day = next day 00:00 +08:00. */
  dueAt: Instant;
  /** Last day of the period (inclusive) for day-based periods; undefined for hours/minutes. */
  lastDay?: LocalDate;
}

/**
 * When a period that starts at `from` expires.
 *
 * - `hours`/`minutes`: exactly `from` + duration (民法典 Art 201 ¶2: counted from the stated time);
 *   no rest-day handling, `cal` is unused. Sub-second parts of `from` are dropped when formatting.
 * - `days`/`months`/`workingDays`: `lastDay = periodLastDay(cal, toLocalDate(from), spec)` and
 *   `dueAt = endOfDay(lastDay)`; the time of day of `from` does not matter.
 *
 * An act is in time when its instant is strictly before `dueAt` (compare with `parseInstant`).
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_INSTANT` for a malformed `from`;
 *   `CF_ENGINE_CALENDAR_BAD_DURATION` for an invalid `spec`.
 */
export function computeDue(cal: HolidayCalendar, from: Instant, spec: DurationSpec): DueResult {
  assertDurationSpec(spec);
  const fromMs = parseInstant(from);
  if (spec.hours !== undefined || spec.minutes !== undefined) {
    const durationMs = (spec.hours ?? 0) * 3_600_000 + (spec.minutes ?? 0) * 60_000;
    return { dueAt: formatInstant(fromMs + durationMs) };
  }
  const lastDay = periodLastDay(cal, toLocalDate(fromMs), spec);
  return { dueAt: endOfDay(lastDay), lastDay };
}
