import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  CalendarError,
  CN_2027,
  computeDue,
  dayOfWeek,
  daysBetween,
  dueBefore,
  endOfDay,
  formatInstant,
  isLocalDate,
  isRestDay,
  isWorkingDay,
  lastDayBefore,
  nextWorkingDay,
  parseInstant,
  parseLocalDate,
  periodLastDay,
  startOfDay,
  toLocalDate,
  validateDurationSpec,
  validateHolidayCalendar,
  WEEKENDS_ONLY,
} from '../src/calendar/index.js';
import type { HolidayCalendar } from '../src/calendar/index.js';

/** Asserts that `fn` throws a CalendarError with `code`. */
function expectCalendarError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CalendarError);
  expect((caught as CalendarError).code).toBe(code);
}

const isBefore = (a: string, b: string): boolean => parseInstant(a) < parseInstant(b);

describe('statutory day periods (民法典 Art 201–203), weekends as rest days', () => {
  it('does not count the publication day: 2027-05-07 + 5 days ends 2027-05-12 at 24:00', () => {
    const due = computeDue(WEEKENDS_ONLY, '2027-05-07T10:30:00+08:00', { days: 5 });
    expect(due).toEqual({ lastDay: '2027-05-12', dueAt: '2027-05-13T00:00:00+08:00' });
  });

  it('rolls a period ending on Sunday over to Monday: 2027-05-04 + 5 days → 2027-05-10', () => {
    const due = computeDue(WEEKENDS_ONLY, '2027-05-04T09:00:00+08:00', { days: 5 });
    expect(addDays('2027-05-04', 5)).toBe('2027-05-09');
    expect(dayOfWeek('2027-05-09')).toBe(0);
    expect(due.lastDay).toBe('2027-05-10');
    expect(due.dueAt).toBe('2027-05-11T00:00:00+08:00');
    expect(isBefore('2027-05-10T16:00+08:00', due.dueAt)).toBe(true);
    expect(isBefore('2027-05-11T00:00+08:00', due.dueAt)).toBe(false);
  });

  it('gives the same answer in CN_2027, where 2027-05-04..05-08 are ordinary days', () => {
    expect(computeDue(CN_2027, '2027-05-04T09:00:00+08:00', { days: 5 }).lastDay).toBe('2027-05-10');
    expect(computeDue(CN_2027, '2027-05-07T09:00:00+08:00', { days: 5 }).lastDay).toBe('2027-05-12');
  });

  it('counts 30 days after an effective date and rolls a Sunday end over', () => {
    expect(periodLastDay(WEEKENDS_ONLY, '2027-04-20', { days: 30 })).toBe('2027-05-20');
    expect(dayOfWeek('2027-05-20')).toBe(4);
    expect(addDays('2027-05-07', 30)).toBe('2027-06-06');
    expect(periodLastDay(WEEKENDS_ONLY, '2027-05-07', { days: 30 })).toBe('2027-06-07');
    expect(periodLastDay(CN_2027, '2027-05-07', { days: 30 })).toBe('2027-06-07');
  });

  it('keeps a Saturday end when rollover is false (internal SLA): 2027-03-10 + 1 month', () => {
    const due = computeDue(WEEKENDS_ONLY, '2027-03-10T14:00:00+08:00', { months: 1, rollover: false });
    expect(due).toEqual({ lastDay: '2027-04-10', dueAt: '2027-04-11T00:00:00+08:00' });
    expect(dayOfWeek('2027-04-10')).toBe(6);
    // With the default rollover the same period would move to Monday.
    expect(computeDue(WEEKENDS_ONLY, '2027-03-10T14:00:00+08:00', { months: 1 }).lastDay).toBe('2027-04-12');
  });

  it('counts 10 days from formation: 2027-05-28 → 2027-06-07 (Mon)', () => {
    expect(periodLastDay(WEEKENDS_ONLY, '2027-05-28', { days: 10 })).toBe('2027-06-07');
    expect(periodLastDay(CN_2027, '2027-05-28', { days: 10 })).toBe('2027-06-07');
  });

  it('counts a 15-day labour period: 2027-09-01 → 2027-09-16', () => {
    expect(computeDue(CN_2027, '2027-09-01T08:00:00+08:00', { days: 15 })).toEqual({
      lastDay: '2027-09-16',
      dueAt: '2027-09-17T00:00:00+08:00',
    });
  });

  it('counts a 30-day review period across the summer: 07-11 → 08-10, 07-24 → 08-23', () => {
    expect(periodLastDay(CN_2027, '2027-07-11', { days: 30 })).toBe('2027-08-10');
    expect(periodLastDay(CN_2027, '2027-07-24', { days: 30 })).toBe('2027-08-23');
  });

  it('uses the Shanghai date of the start instant, not the UTC date', () => {
    // 2027-05-06T17:00Z is already 2027-05-07 01:00 in Shanghai.
    expect(computeDue(WEEKENDS_ONLY, '2027-05-06T17:00:00Z', { days: 5 }).lastDay).toBe('2027-05-12');
    expect(computeDue(WEEKENDS_ONLY, '2027-05-06T15:59:59Z', { days: 5 }).lastDay).toBe('2027-05-11');
  });

  it('treats days: 0 as "by the end of the start day"', () => {
    expect(computeDue(WEEKENDS_ONLY, '2027-05-07T23:00:00+08:00', { days: 0 })).toEqual({
      lastDay: '2027-05-07',
      dueAt: '2027-05-08T00:00:00+08:00',
    });
  });
});

describe('addMonths (民法典 Art 202)', () => {
  it('clamps to the last day of a shorter month, including leap years', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', 1)).toBe('2027-04-30');
  });

  it('keeps the same day number, across years and backwards', () => {
    expect(addMonths('2027-03-10', 1)).toBe('2027-04-10');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-15', -1)).toBe('2026-12-15');
    expect(addMonths('2027-05-07', 0)).toBe('2027-05-07');
  });

  it('drives month periods: 2027-01-31 + 1 month ends 2027-02-28, a Sunday → Monday 03-01', () => {
    expect(periodLastDay(WEEKENDS_ONLY, '2027-01-31', { months: 1, rollover: false })).toBe('2027-02-28');
    expect(periodLastDay(WEEKENDS_ONLY, '2027-01-31', { months: 1 })).toBe('2027-03-01');
  });
});

describe('"N days before an event" (选举日的二十日前)', () => {
  it('election on 2027-05-28, 20 days before → 2027-05-08; with a 2-day margin → 2027-05-06', () => {
    expect(lastDayBefore('2027-05-28', 20)).toBe('2027-05-08');
    expect(lastDayBefore('2027-05-28', 20, 2)).toBe('2027-05-06');
    expect(dueBefore('2027-05-28', 20)).toEqual({ lastDay: '2027-05-08', dueAt: '2027-05-09T00:00:00+08:00' });
    expect(dueBefore('2027-05-28', 20, 2)).toEqual({ lastDay: '2027-05-06', dueAt: '2027-05-07T00:00:00+08:00' });
  });

  it('does not move a last day that falls on a rest day (2027-05-08 is a Saturday)', () => {
    expect(isRestDay(CN_2027, '2027-05-08')).toBe(true);
    expect(lastDayBefore('2027-05-28', 20)).toBe('2027-05-08');
  });

  it('rejects negative or fractional counts', () => {
    expectCalendarError(() => lastDayBefore('2027-05-28', -20), 'CF_ENGINE_CALENDAR_BAD_ARGUMENT');
    expectCalendarError(() => lastDayBefore('2027-05-28', 20, -1), 'CF_ENGINE_CALENDAR_BAD_ARGUMENT');
    expectCalendarError(() => dueBefore('2027-05-28', 1.5), 'CF_ENGINE_CALENDAR_BAD_ARGUMENT');
  });
});

describe('hour and minute periods', () => {
  it('adds exactly one hour: 08:00 → 09:00 +08:00', () => {
    expect(computeDue(CN_2027, '2027-07-10T08:00:00+08:00', { hours: 1 })).toEqual({
      dueAt: '2027-07-10T09:00:00+08:00',
    });
  });

  it('converts Z instants to +08:00 (00:00Z is 08:00 local)', () => {
    expect(formatInstant(parseInstant('2027-07-10T00:00:00Z'))).toBe('2027-07-10T08:00:00+08:00');
    expect(computeDue(CN_2027, '2027-07-10T00:00:00Z', { hours: 1 }).dueAt).toBe('2027-07-10T09:00:00+08:00');
  });

  it('combines hours and minutes and ignores rest days and midnight', () => {
    expect(computeDue(CN_2027, '2027-10-01T23:00:00+08:00', { hours: 2, minutes: 30 })).toEqual({
      dueAt: '2027-10-02T01:30:00+08:00',
    });
    expect(computeDue(CN_2027, '2027-07-10T08:00:00+08:00', { minutes: 90 }).dueAt).toBe(
      '2027-07-10T09:30:00+08:00',
    );
  });

  it('has no lastDay for hour periods', () => {
    expect(computeDue(CN_2027, '2027-07-10T08:00:00+08:00', { hours: 24 }).lastDay).toBeUndefined();
  });

  it('refuses hour periods in periodLastDay', () => {
    expectCalendarError(() => periodLastDay(CN_2027, '2027-07-10', { hours: 24 }), 'CF_ENGINE_CALENDAR_BAD_DURATION');
  });
});

describe('working days and the CN_2027 calendar', () => {
  it('skips the weekend: 5 working days after Friday 2027-03-05 is Friday 2027-03-12', () => {
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-03-05', 5)).toBe('2027-03-12');
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-03-05', 1)).toBe('2027-03-08');
  });

  it('does not count the start day even when it is a working day', () => {
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-03-08', 1)).toBe('2027-03-09');
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-03-08', 0)).toBe('2027-03-08');
  });

  it('counts a 调休 make-up Saturday as a working day (2027-10-09)', () => {
    expect(dayOfWeek('2027-10-09')).toBe(6);
    expect(isWorkingDay(CN_2027, '2027-10-09')).toBe(true);
    expect(addWorkingDays(CN_2027, '2027-10-08', 1)).toBe('2027-10-09');
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-10-08', 1)).toBe('2027-10-11');
  });

  it('skips a statutory holiday in the middle (清明 2027-04-03..05, 端午 2027-06-09..11)', () => {
    expect(addWorkingDays(CN_2027, '2027-04-02', 1)).toBe('2027-04-06');
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-04-02', 1)).toBe('2027-04-05');
    expect(addWorkingDays(CN_2027, '2027-06-08', 2)).toBe('2027-06-15');
  });

  it('rolls a calendar-day period ending in a holiday past the whole holiday (国庆)', () => {
    // 2027-09-28 + 5 days = 10-03, inside 10-01..10-07 → Friday 10-08.
    const due = computeDue(CN_2027, '2027-09-28T09:00:00+08:00', { days: 5 });
    expect(due).toEqual({ lastDay: '2027-10-08', dueAt: '2027-10-09T00:00:00+08:00' });
  });

  it('rolls over onto a make-up day when that is the first working day (春节 → Sat 2027-02-13)', () => {
    expect(periodLastDay(CN_2027, '2027-02-01', { days: 5 })).toBe('2027-02-13');
    expect(periodLastDay(WEEKENDS_ONLY, '2027-02-01', { days: 5 })).toBe('2027-02-08');
  });

  it('ends a working-day period on a working day and supports workingDays in computeDue', () => {
    expect(computeDue(CN_2027, '2027-09-30T17:00:00+08:00', { workingDays: 3 })).toEqual({
      lastDay: '2027-10-11',
      dueAt: '2027-10-12T00:00:00+08:00',
    });
  });

  it('counts working days backwards for negative n', () => {
    expect(addWorkingDays(CN_2027, '2027-10-08', -1)).toBe('2027-09-30');
    expect(addWorkingDays(WEEKENDS_ONLY, '2027-03-08', -1)).toBe('2027-03-05');
  });

  it('nextWorkingDay returns the day itself when it is a working day', () => {
    expect(nextWorkingDay(CN_2027, '2027-05-04')).toBe('2027-05-04');
    expect(nextWorkingDay(CN_2027, '2027-05-01')).toBe('2027-05-04');
    expect(nextWorkingDay(CN_2027, '2027-10-01')).toBe('2027-10-08');
  });

  it('keeps the dates the project scenarios rely on as ordinary days', () => {
    const working = ['2027-03-10', '2027-05-04', '2027-05-05', '2027-05-06', '2027-05-07', '2027-05-10',
      '2027-05-12', '2027-05-13', '2027-05-20', '2027-05-21', '2027-05-28', '2027-06-07'];
    for (const d of working) expect(isWorkingDay(CN_2027, d), d).toBe(true);
    for (const d of ['2027-04-10', '2027-05-08', '2027-05-09', '2027-06-06']) expect(isRestDay(CN_2027, d), d).toBe(true);
    for (let d = '2027-07-10'; d <= '2027-08-23'; d = addDays(d, 1)) {
      expect(isRestDay(CN_2027, d), d).toBe(isRestDay(WEEKENDS_ONLY, d));
    }
    for (let d = '2027-09-01'; d <= '2027-09-16'; d = addDays(d, 1)) {
      expect(isRestDay(CN_2027, d), d).toBe(isRestDay(WEEKENDS_ONLY, d));
    }
  });

  it('CN_2027 is internally consistent', () => {
    expect(validateHolidayCalendar(CN_2027)).toEqual([]);
    expect(validateHolidayCalendar(WEEKENDS_ONLY)).toEqual([]);
    for (const d of CN_2027.workdays) expect([0, 6], d).toContain(dayOfWeek(d));
  });

  it('treats weekends as working days when weekendsAreRestDays is false', () => {
    const cal: HolidayCalendar = { id: 'seven-day', restDays: ['2027-05-03'], workdays: [], weekendsAreRestDays: false };
    expect(isRestDay(cal, '2027-05-08')).toBe(false);
    expect(isRestDay(cal, '2027-05-03')).toBe(true);
  });

  it('lets restDays win when a date is wrongly listed in both lists, and reports it', () => {
    const cal: HolidayCalendar = { id: 'bad', restDays: ['2027-05-08'], workdays: ['2027-05-08', '2027-05-11', '2027-5-9'] };
    expect(isRestDay(cal, '2027-05-08')).toBe(true);
    const problems = validateHolidayCalendar(cal);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/both/);
    expect(problems.join('\n')).toMatch(/not a Saturday or Sunday/);
    expect(problems.join('\n')).toMatch(/2027-5-9/);
    expect(validateHolidayCalendar(null)).toEqual(['calendar must be an object']);
  });
});

describe('instants', () => {
  it('formats at seconds precision in +08:00', () => {
    expect(formatInstant(0)).toBe('1970-01-01T08:00:00+08:00');
    expect(formatInstant(parseInstant('2027-07-10T00:00:00.999Z'))).toBe('2027-07-10T08:00:00+08:00');
    expect(formatInstant(-1)).toBe('1970-01-01T07:59:59+08:00');
  });

  it('accepts Z, any offset, optional seconds and fractions', () => {
    const ms = parseInstant('2027-07-10T08:00:00+08:00');
    expect(parseInstant('2027-07-10T00:00:00Z')).toBe(ms);
    expect(parseInstant('2027-07-10T00:00Z')).toBe(ms);
    expect(parseInstant('2027-07-09T19:00:00-05:00')).toBe(ms);
    expect(parseInstant('2027-07-10T05:30:00+05:30')).toBe(ms);
    expect(parseInstant('2027-07-10T08:00:00.250+08:00')).toBe(ms + 250);
    expect(parseInstant('2027-07-10T08:00:00.123456789+08:00')).toBe(ms + 123);
  });

  it('agrees with the platform Date parser', () => {
    for (const s of ['2027-02-28T23:59:59+08:00', '2028-02-29T12:00:00Z', '1999-12-31T16:00:00Z', '1900-03-01T00:00:00+08:00']) {
      expect(parseInstant(s), s).toBe(new Date(s).getTime());
    }
  });

  it('reads 24:00 as the next day 00:00', () => {
    expect(parseInstant('2027-05-12T24:00:00+08:00')).toBe(parseInstant('2027-05-13T00:00:00+08:00'));
  });

  it('rejects offset-less and malformed instants', () => {
    for (const bad of [
      '2027-07-10T08:00:00',
      '2027-07-10',
      '2027-07-10 08:00:00+08:00',
      '2027-02-30T08:00:00+08:00',
      '2027-13-01T08:00:00Z',
      '2027-07-10T25:00:00Z',
      '2027-07-10T24:00:01Z',
      '2027-07-10T08:60:00Z',
      '2027-07-10T08:00:00+0800',
      '2027-07-10T08:00:00+08:60',
      '',
    ]) {
      expectCalendarError(() => parseInstant(bad), 'CF_ENGINE_CALENDAR_BAD_INSTANT');
    }
    expectCalendarError(() => parseInstant(12 as unknown as string), 'CF_ENGINE_CALENDAR_BAD_INSTANT');
    expectCalendarError(() => computeDue(CN_2027, '2027-07-10T08:00:00', { hours: 1 }), 'CF_ENGINE_CALENDAR_BAD_INSTANT');
    expect(() => parseInstant('2027-07-10T08:00:00')).toThrow(/offset/);
    expectCalendarError(() => formatInstant(Number.NaN), 'CF_ENGINE_CALENDAR_BAD_INSTANT');
  });
});

describe('local dates', () => {
  it('converts instants to the Shanghai date at the 16:00Z boundary', () => {
    expect(toLocalDate('2027-07-10T15:59:59Z')).toBe('2027-07-10');
    expect(toLocalDate('2027-07-10T16:00:00Z')).toBe('2027-07-11');
    expect(toLocalDate(parseInstant('2027-07-10T16:00:00Z'))).toBe('2027-07-11');
    expect(toLocalDate('2027-07-10T23:59:59+08:00')).toBe('2027-07-10');
  });

  it('gives 00:00 and 24:00 of a day', () => {
    expect(startOfDay('2027-05-12')).toBe('2027-05-12T00:00:00+08:00');
    expect(endOfDay('2027-05-12')).toBe('2027-05-13T00:00:00+08:00');
    expect(endOfDay('2027-12-31')).toBe('2028-01-01T00:00:00+08:00');
    expect(toLocalDate(startOfDay('2027-05-12'))).toBe('2027-05-12');
  });

  it('recognises real calendar dates only', () => {
    expect(isLocalDate('2027-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2027-02-30')).toBe(false);
    expect(isLocalDate('2027-04-31')).toBe(false);
    expect(isLocalDate('2027-2-3')).toBe(false);
    expect(isLocalDate('2027-02-03T00:00:00+08:00')).toBe(false);
    expect(isLocalDate(20270203)).toBe(false);
    expect(parseLocalDate('2027-02-28')).toBe('2027-02-28');
    expectCalendarError(() => parseLocalDate('2027-02-30'), 'CF_ENGINE_CALENDAR_BAD_DATE');
  });

  it('rejects invalid dates in arithmetic', () => {
    expectCalendarError(() => addDays('2027-02-30', 1), 'CF_ENGINE_CALENDAR_BAD_DATE');
    expectCalendarError(() => periodLastDay(CN_2027, '2027-02-30', { days: 1 }), 'CF_ENGINE_CALENDAR_BAD_DATE');
    expectCalendarError(() => isRestDay(CN_2027, '2027-02-30'), 'CF_ENGINE_CALENDAR_BAD_DATE');
    expectCalendarError(() => addDays('2027-02-01', 0.5), 'CF_ENGINE_CALENDAR_BAD_ARGUMENT');
    expectCalendarError(() => addDays('9999-12-31', 1), 'CF_ENGINE_CALENDAR_OUT_OF_RANGE');
  });

  it('does day arithmetic across month, year and leap boundaries', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2027-05-07', '2027-05-12')).toBe(5);
    expect(daysBetween('2027-05-12', '2027-05-07')).toBe(-5);
    expect(daysBetween('2027-01-01', '2028-01-01')).toBe(365);
  });

  it('matches the platform calendar for every day from 1900 to 2100', () => {
    const mismatches: string[] = [];
    let date = '1900-01-01';
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const d = new Date(ms);
      if (date !== d.toISOString().slice(0, 10) || dayOfWeek(date) !== d.getUTCDay()) mismatches.push(date);
      date = addDays(date, 1);
    }
    expect(mismatches).toEqual([]);
    expect(date).toBe('2101-01-01');
  });

  it('numbers weekdays from Sunday = 0', () => {
    expect(dayOfWeek('2027-05-09')).toBe(0);
    expect(dayOfWeek('2027-05-10')).toBe(1);
    expect(dayOfWeek('2027-04-10')).toBe(6);
  });
});

describe('validateDurationSpec', () => {
  it('accepts each unit family and hours+minutes together', () => {
    for (const spec of [{ days: 5 }, { workingDays: 3 }, { months: 1, rollover: false }, { hours: 1 }, { minutes: 30 },
      { hours: 1, minutes: 30 }, { days: 0 }, { months: 1200 }, { days: 36500 }]) {
      expect(validateDurationSpec(spec), JSON.stringify(spec)).toEqual([]);
    }
  });

  it('reports negative, fractional and non-numeric values', () => {
    expect(validateDurationSpec({ days: -1 })).toEqual(['days must be a non-negative integer, got -1']);
    expect(validateDurationSpec({ hours: 1.5 })).toHaveLength(1);
    expect(validateDurationSpec({ days: '5' })).toHaveLength(1);
    expect(validateDurationSpec({ days: Number.NaN })).toHaveLength(1);
  });

  it('reports mixed, missing and unknown units', () => {
    expect(validateDurationSpec({ days: 5, hours: 1 })[0]).toMatch(/mixes/);
    expect(validateDurationSpec({ days: 5, workingDays: 1 })[0]).toMatch(/mixes/);
    expect(validateDurationSpec({})[0]).toMatch(/needs one of/);
    expect(validateDurationSpec({ rollover: true })[0]).toMatch(/needs one of/);
    expect(validateDurationSpec({ day: 5 })).toEqual([
      'unknown duration field "day"',
      'duration needs one of minutes/hours, days, workingDays or months',
    ]);
    expect(validateDurationSpec({ days: 5, rollover: 'yes' })).toHaveLength(1);
    expect(validateDurationSpec(null)).toEqual(['duration must be an object']);
    expect(validateDurationSpec([5])).toEqual(['duration must be an object']);
  });

  it('reports values over the limits', () => {
    expect(validateDurationSpec({ months: 1201 })).toHaveLength(1);
    expect(validateDurationSpec({ days: 36501 })).toHaveLength(1);
    expect(validateDurationSpec({ workingDays: 36501 })).toHaveLength(1);
  });

  it('makes computeDue and periodLastDay throw on an invalid duration', () => {
    expectCalendarError(() => computeDue(CN_2027, '2027-05-07T09:00:00+08:00', { days: -5 }), 'CF_ENGINE_CALENDAR_BAD_DURATION');
    expectCalendarError(() => periodLastDay(CN_2027, '2027-05-07', { days: 5, months: 1 }), 'CF_ENGINE_CALENDAR_BAD_DURATION');
  });
});
