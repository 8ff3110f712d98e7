import { computeDue, formatInstant, isLocalDate, parseInstant, startOfDay, WEEKENDS_ONLY } from '../calendar/index.js';
import type { DurationSpec, Instant } from '../calendar/index.js';

/** An ISO-8601 duration of years, months, weeks, days, hours and minutes (`P1M`, `P3D`, `PT2H`, `P1DT12H`). */
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** True when `to` is an ISO-8601 duration the test host understands (`P` and `PT` alone are not). */
export function isIsoDuration(to: string): boolean {
  return ISO_DURATION.test(to) && to !== 'P' && !to.endsWith('T');
}

/**
 * The instant the clock moves to from `now`: by an ISO-8601 duration (exact hours and minutes;
 * days as 24 hours; months and years to the same time on the same day of the month, clamped to
 * the month's last day), to a date (its 00:00 in Asia/Shanghai), to an instant, or by a
 * DurationSpec counted in calendar days without rollover.
 *
 * @throws CalendarError when `to` is none of these.
 */
export function advanceTarget(now: Instant, to: string | DurationSpec): Instant {
  if (typeof to !== 'string') return computeDue(WEEKENDS_ONLY, now, { rollover: false, ...to }).dueAt;
  const m = ISO_DURATION.exec(to);
  if (m && isIsoDuration(to)) {
    const [, y, mo, w, d, h, mi] = m.map((x) => (x === undefined ? 0 : Number(x))) as number[];
    let ms = parseInstant(now);
    if (y || mo) ms = parseInstant(`${addMonthsKeepTime(formatInstant(ms), (y ?? 0) * 12 + (mo ?? 0))}`);
    ms += (((w ?? 0) * 7 + (d ?? 0)) * 24 * 60 + (h ?? 0) * 60 + (mi ?? 0)) * 60_000;
    return formatInstant(ms);
  }
  if (isLocalDate(to)) return startOfDay(to);
  return formatInstant(parseInstant(to));
}

function addMonthsKeepTime(instant: Instant, months: number): Instant {
  const date = instant.slice(0, 10);
  const due = computeDue(WEEKENDS_ONLY, `${date}T00:00:00+08:00`, { months, rollover: false });
  return `${due.lastDay}${instant.slice(10)}`;
}
