/**
 * Deadline arithmetic against a holiday calendar, in Asia/Shanghai (fixed UTC+08:00) local dates.
 * Pure: no clock, no timezone database, no Intl.
 * @packageDocumentation
 */
export { CalendarError } from './calendarError.js';
export type { CalendarErrorCode } from './calendarError.js';
export { formatInstant, parseInstant } from './instant.js';
export type { Instant } from './instant.js';
export { addDays, addMonths, dayOfWeek, daysBetween, isLocalDate, parseLocalDate } from './localDate.js';
export type { LocalDate } from './localDate.js';
export { endOfDay, startOfDay, toLocalDate } from './dayBoundaries.js';
export {
  addWorkingDays,
  isRestDay,
  isWorkingDay,
  nextWorkingDay,
  validateHolidayCalendar,
} from './holidayCalendar.js';
export type { HolidayCalendar } from './holidayCalendar.js';
export { CN_2027, WEEKENDS_ONLY } from './calendars.js';
export { DURATION_LIMITS, validateDurationSpec } from './durationSpec.js';
export type { DurationSpec } from './durationSpec.js';
export { periodLastDay } from './periodLastDay.js';
export { computeDue } from './computeDue.js';
export type { DueResult } from './computeDue.js';
export { dueBefore, lastDayBefore } from './dueBefore.js';
