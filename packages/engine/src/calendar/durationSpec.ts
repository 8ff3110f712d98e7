/** How long a deadline is. Exactly one of hours/minutes/days/workingDays/months (hours+minutes may combine). */
export interface DurationSpec {
  minutes?: number;
  hours?: number;
  days?: number;
  workingDays?: number;
  months?: number;
  /** For days/months: if the last day is a rest day, the period ends on the next working day (民法典 Art 203). Default true. Internal SLA timers set false. */
  rollover?: boolean;
}

// Upper bounds keep every period within ~100 years, so loops and date ranges stay bounded.
const MAX_DAYS = 36_500;
/** Largest value each unit may take in a {@link DurationSpec}. */
export const DURATION_LIMITS: Readonly<Record<'minutes' | 'hours' | 'days' | 'workingDays' | 'months', number>> =
  Object.freeze({
    minutes: MAX_DAYS * 24 * 60,
    hours: MAX_DAYS * 24,
    days: MAX_DAYS,
    workingDays: MAX_DAYS,
    months: 1200,
  });

const UNIT_KEYS = ['minutes', 'hours', 'days', 'workingDays', 'months'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([...UNIT_KEYS, 'rollover']);

/**
 * Human-readable problems with a duration (empty array when it is valid): it must be an object
 * with exactly one unit family — `hours`/`minutes` (may combine), `days`, `workingDays` or
 * `months` — each a non-negative integer within {@link DURATION_LIMITS}; `rollover`, if present,
 * must be a boolean; unknown fields (typos such as `day`) are reported. Properties whose value is
 * `undefined` count as absent.
 */
export function validateDurationSpec(spec: unknown): string[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return ['duration must be an object'];
  const s = spec as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if (!KNOWN_KEYS.has(key) && s[key] !== undefined) problems.push(`unknown duration field "${key}"`);
  }
  for (const unit of UNIT_KEYS) {
    const value = s[unit];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      problems.push(`${unit} must be a non-negative integer, got ${JSON.stringify(value)}`);
    } else if (value > DURATION_LIMITS[unit]) {
      problems.push(`${unit} must be at most ${DURATION_LIMITS[unit]}, got ${value}`);
    }
  }
  if (s.rollover !== undefined && typeof s.rollover !== 'boolean') {
    problems.push(`rollover must be a boolean, got ${JSON.stringify(s.rollover)}`);
  }
  const families = [
    s.hours !== undefined || s.minutes !== undefined ? 'hours/minutes' : undefined,
    s.days !== undefined ? 'days' : undefined,
    s.workingDays !== undefined ? 'workingDays' : undefined,
    s.months !== undefined ? 'months' : undefined,
  ].filter((f): f is string => f !== undefined);
  if (families.length === 0) {
    problems.push('duration needs one of minutes/hours, days, workingDays or months');
  } else if (families.length > 1) {
    problems.push(`duration mixes units (${families.join(', ')}); use exactly one`);
  }
  return problems;
}
