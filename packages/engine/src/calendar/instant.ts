import { CalendarError } from './calendarError.js';
import { daysFromCivil, daysInMonth, MS_PER_DAY, pad } from './civilDays.js';
import { dateOfDayNumber } from './localDate.js';

/**
 * ISO-8601 instant with offset, always formatted by us as 'YYYY-MM-DDTHH:mm:ss+08:00'
 * (seconds precision; input may also be 'Z' or any offset, or have milliseconds).
 */
export type Instant = string;

/**
 * Asia/Shanghai's offset from UTC in milliseconds. China has used a fixed UTC+08:00 with no DST
 * since 1991, so plain arithmetic replaces a timezone database.
 * @internal
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// Seconds and fraction are optional ('2027-05-10T16:00+08:00' is common in hand-written data);
// the offset is mandatory because an offset-less time is ambiguous between server and local time.
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function badInstant(s: unknown, why: string): CalendarError {
  return new CalendarError('CF_ENGINE_CALENDAR_BAD_INSTANT', `${why}: ${JSON.stringify(s)}`);
}

/**
 * Parses an ISO-8601 instant to epoch milliseconds.
 *
 * Accepts `YYYY-MM-DDTHH:mm[:ss[.fraction]]` followed by `Z` or `±HH:MM`. Fractions beyond
 * milliseconds are truncated. `T24:00[:00]` is accepted as the end of that day (= next day 00:00),
 * matching the "二十四时" wording of 民法典 Art 203.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_INSTANT` when malformed, when a field is out of
 *   range (e.g. month 13, 2027-02-30, 25:00), or when the offset is missing.
 */
export function parseInstant(s: Instant): number {
  // Every step parses the same few instants (the command's now, due times): remember the last one.
  if (s === lastParsed.text) return lastParsed.ms;
  const ms = parseInstantUncached(s);
  lastParsed.text = s;
  lastParsed.ms = ms;
  return ms;
}

const lastParsed: { text: string | null; ms: number } = { text: null, ms: 0 };

function parseInstantUncached(s: Instant): number {
  if (typeof s !== 'string') throw badInstant(s, 'Instant must be a string');
  const m = INSTANT_RE.exec(s);
  if (!m) {
    const why = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(s)
      ? 'Instant has no offset (append Z or +08:00)'
      : 'Not an ISO-8601 instant with offset';
    throw badInstant(s, why);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw badInstant(s, 'Instant has an invalid calendar date');
  }
  const isEndOfDay = hour === 24 && minute === 0 && second === 0 && !/[1-9]/.test(m[7] ?? '');
  if ((hour > 23 && !isEndOfDay) || minute > 59 || second > 59) {
    throw badInstant(s, 'Instant has an invalid time of day');
  }
  let offsetMs = 0;
  if (m[8] === undefined) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) throw badInstant(s, 'Instant has an invalid offset');
    offsetMs = (m[9] === '-' ? -1 : 1) * (offHours * 3_600_000 + offMinutes * 60_000);
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    millis -
    offsetMs
  );
}

/**
 * Formats epoch milliseconds as `YYYY-MM-DDTHH:mm:ss+08:00`.
 * Sub-second parts are dropped (floored), so a formatted deadline is never later than the exact one.
 *
 * @throws CalendarError `CF_ENGINE_CALENDAR_BAD_INSTANT` for a non-finite number;
 *   `CF_ENGINE_CALENDAR_OUT_OF_RANGE` when the local date falls outside years 0001–9999.
 */
export function formatInstant(ms: number): Instant {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw badInstant(ms, 'Instant must be a finite number');
  const localSeconds = Math.floor((ms + SHANGHAI_OFFSET_MS) / 1000);
  const dayNumber = Math.floor(localSeconds / 86_400);
  const secondOfDay = localSeconds - dayNumber * 86_400;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${dateOfDayNumber(dayNumber)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}+08:00`;
}
