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
