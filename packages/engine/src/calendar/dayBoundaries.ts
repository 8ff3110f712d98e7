import { CalendarError } from './calendarError.js';
import { MS_PER_DAY } from './civilDays.js';
import { parseInstant, SHANGHAI_OFFSET_MS } from './instant.js';
import type { Instant } from './instant.js';
import { addDays, dateOfDayNumber, dayNumberOf } from './localDate.js';
import type { LocalDate } from './localDate.js';

/**
 * The Asia/Shanghai calendar date of an instant (a string as accepted by `parseInstant`, or epoch ms).
 * `toLocalDate('2027-07-10T16:00:00Z') === '2027-07-11'`.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_INSTANT` for a malformed instant.
 */
export function toLocalDate(instant: Instant | number): LocalDate {
  let ms: number;
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) {
      throw new CalendarError('CF_ENGINE_CALENDAR_BAD_INSTANT', `Instant must be a finite number: ${String(instant)}`);
    }
    ms = instant;
  } else {
    ms = parseInstant(instant);
  }
  return dateOfDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** 00:00 of `date` in Asia/Shanghai, e.g. `'2027-05-13T00:00:00+08:00'`. */
export function startOfDay(date: LocalDate): Instant {
  dayNumberOf(date); // validates
  return `${date}T00:00:00+08:00`;
}

/**
 * 24:00 of `date` in Asia/Shanghai, written as 00:00 of the next day
 * (`endOfDay('2027-05-12') === '2027-05-13T00:00:00+08:00'`). An act is in time when it happens
 * strictly before this instant.
 */
export function endOfDay(date: LocalDate): Instant {
  return startOfDay(addDays(date, 1));
}
