export { createTestClock } from './testClock.js';
export type { ClockAdvance, TestClock, TestClockOptions } from './testClock.js';
export { testClockRoutes } from './testClockRoutes.js';
export type { TestClockRoutesOptions } from './testClockRoutes.js';
export { createTestClockSettler } from './testClockSettler.js';
export type { TestClockSettlerOptions } from './testClockSettler.js';
export { TEST_CLOCK_ENV, testClockFromEnv } from './testClockFromEnv.js';
