/**
 * Machine-readable codes carried by {@link CalendarError}.
 *
 * - `CF_ENGINE_CALENDAR_BAD_INSTANT`: a string is not an ISO-8601 instant with an offset.
 * - `CF_ENGINE_CALENDAR_BAD_DATE`: a string is not a real `YYYY-MM-DD` calendar date.
 * - `CF_ENGINE_CALENDAR_BAD_DURATION`: a `DurationSpec` failed validation or does not fit the call.
 * - `CF_ENGINE_CALENDAR_BAD_ARGUMENT`: a numeric argument is not an acceptable integer.
 * - `CF_ENGINE_CALENDAR_OUT_OF_RANGE`: a result falls outside years 0001–9999.
 */
export type CalendarErrorCode =
  | 'CF_ENGINE_CALENDAR_BAD_INSTANT'
  | 'CF_ENGINE_CALENDAR_BAD_DATE'
  | 'CF_ENGINE_CALENDAR_BAD_DURATION'
  | 'CF_ENGINE_CALENDAR_BAD_ARGUMENT'
  | 'CF_ENGINE_CALENDAR_OUT_OF_RANGE';

/** Thrown by calendar functions on malformed input; `code` is stable, `message` is for developers. */
export class CalendarError extends Error {
  /** Stable machine-readable code, one of {@link CalendarErrorCode}. */
  readonly code: CalendarErrorCode;

  /**
   * @param code - stable machine-readable code
   * @param message - developer-facing explanation, usually quoting the offending input
   */
  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}

/** The calendar's codes with zh-CN and en meanings, for the engine's error catalogue. */
export const CALENDAR_ERROR_CODES: Record<CalendarErrorCode, { 'zh-CN': string; en: string }> = {
  CF_ENGINE_CALENDAR_BAD_INSTANT: { 'zh-CN': '时间格式不正确，须为带时区的 ISO 8601 时间，如 2027-05-07T09:00:00+08:00', en: 'malformed instant: use ISO 8601 with an offset, e.g. 2027-05-07T09:00:00+08:00' },
  CF_ENGINE_CALENDAR_BAD_DATE: { 'zh-CN': '日期格式不正确或不存在，须为 YYYY-MM-DD', en: 'malformed or non-existent date: use YYYY-MM-DD' },
  CF_ENGINE_CALENDAR_BAD_DURATION: { 'zh-CN': '期限时长不正确：只能用一种单位，且为非负整数', en: 'malformed duration: one unit, a non-negative integer' },
  CF_ENGINE_CALENDAR_BAD_ARGUMENT: { 'zh-CN': '日历函数的参数不正确', en: 'a calendar function got a malformed argument' },
  CF_ENGINE_CALENDAR_OUT_OF_RANGE: { 'zh-CN': '日期超出支持范围（0001–9999 年）', en: 'date out of the supported range (years 0001–9999)' },
};
