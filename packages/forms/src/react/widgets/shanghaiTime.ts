/**
 * Dates and times of civicflow forms are Asia/Shanghai wall-clock values, whatever the timezone of
 * the device: a date is `YYYY-MM-DD` and a date-time always carries `+08:00`. China has had no
 * daylight saving time since 1991, so the offset is fixed.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const SHANGHAI_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\+08:00$/;

/** Date and time parts (`YYYY-MM-DD`, `HH:mm` or `HH:mm:ss`) as the date and time inputs show them. */
export interface ShanghaiParts {
  date: string;
  time: string;
}

function shiftedIso(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString();
}

/** Today's date in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): string {
  return shiftedIso(now.getTime()).slice(0, 10);
}

/** The current Asia/Shanghai date and time to the minute. */
export function shanghaiNow(now: Date = new Date()): ShanghaiParts {
  const iso = shiftedIso(now.getTime());
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * Splits an RFC 3339 date-time into Asia/Shanghai parts: a `+08:00` value keeps its digits
 * exactly; another offset (`Z`, `-05:00` …) is converted. Anything else gives empty parts.
 */
export function toShanghaiParts(value: unknown): ShanghaiParts {
  if (typeof value !== 'string' || value === '') return { date: '', time: '' };
  const own = SHANGHAI_DATE_TIME.exec(value);
  if (own) return { date: own[1] ?? '', time: (own[2] ?? '').replace(/^(\d{2}:\d{2}):00$/, '$1') };
  const ms = Date.parse(value);
  if (!/[zZ]|[+-]\d{2}:\d{2}$/.test(value) || Number.isNaN(ms)) return { date: '', time: '' };
  const iso = shiftedIso(ms);
  const seconds = iso.slice(17, 19);
  return { date: iso.slice(0, 10), time: seconds === '00' ? iso.slice(11, 16) : iso.slice(11, 19) };
}

/** Joins Asia/Shanghai parts into the stored value `YYYY-MM-DDTHH:mm:ss+08:00`; undefined until both are filled. */
export function fromShanghaiParts(parts: ShanghaiParts): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parts.date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(parts.time)) return undefined;
  const time = parts.time.length === 5 ? `${parts.time}:00` : parts.time;
  return `${parts.date}T${time}+08:00`;
}
