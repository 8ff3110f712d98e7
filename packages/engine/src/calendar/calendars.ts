import type { HolidayCalendar } from './holidayCalendar.js';

/** No holidays; every Saturday and Sunday is a rest day. */
export const WEEKENDS_ONLY: HolidayCalendar = Object.freeze({
  id: 'weekends-only',
  restDays: Object.freeze([]) as readonly string[],
  workdays: Object.freeze([]) as readonly string[],
  weekendsAreRestDays: true,
});

/**
 * A plausible, NOT OFFICIAL 2027 calendar for mainland China, for tests and examples only.
 * The State Council notice for 2027 does not exist yet; this follows the usual pattern
 * (statutory days under the 2024 revision of 全国年节及纪念日放假办法, weekend statutory days
 * compensated on adjacent weekdays, extra bridge days paid back on nearby weekends, no more than
 * six consecutive working days). Dates outside 2027 fall back to the weekend rule.
 *
 * Deliberate deviations, required by the project's test scenarios:
 * - 劳动节 is only 05-01..05-03 (Sat–Mon), so 2027-05-04..05-07 stay working days and no make-up
 *   workday falls on 05-08/05-09.
 * - 中秋 (Wed 2027-09-15) is OMITTED: the scenarios need 2027-09-01..09-16 free of holidays.
 */
export const CN_2027: HolidayCalendar = Object.freeze({
  id: 'cn-2027-unofficial',
  restDays: Object.freeze([
    // 元旦: Fri–Sun, no make-up.
    '2027-01-01', '2027-01-02', '2027-01-03',
    // 春节 (初一 is Sat 02-06): "from 除夕, 8 days" = Fri 02-05 .. Fri 02-12.
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
    '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12',
    // 清明: the solar term is Mon 04-05; Sat–Mon, no make-up.
    '2027-04-03', '2027-04-04', '2027-04-05',
    // 劳动节: Sat–Mon (shortened, see above), no make-up.
    '2027-05-01', '2027-05-02', '2027-05-03',
    // 端午: Wed 06-09 .. Fri 06-11, running into the weekend (a Wednesday festival cannot join a
    // weekend without borrowing two days).
    '2027-06-09', '2027-06-10', '2027-06-11',
    // 国庆: Fri 10-01 .. Thu 10-07 (the 2021 pattern).
    '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04',
    '2027-10-05', '2027-10-06', '2027-10-07',
  ]) as readonly string[],
  workdays: Object.freeze([
    '2027-01-31', // Sun, 春节
    '2027-02-13', // Sat, 春节
    '2027-06-05', // Sat, 端午
    '2027-06-19', // Sat, 端午
    '2027-09-26', // Sun, 国庆
    '2027-10-09', // Sat, 国庆
  ]) as readonly string[],
  weekendsAreRestDays: true,
});
