/** Names of the functions the engine adds to every expression (see `engineFunctions` in scope.ts). */
export const ENGINE_FUNCTION_NAMES: readonly string[] = [
  'addDays', 'addMonths', 'addWorkingDays', 'daysBetween', 'isWorkingDay', 'periodEnd', 'lastDayBefore', 'dateOf', 'addMinutes', 'addHours', 'minutesBetween', 'isBefore', 'unit', 'sexOf', 'birthDateOf', 'ageOn',
];
