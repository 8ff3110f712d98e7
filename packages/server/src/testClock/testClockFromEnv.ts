/** The environment variable that turns on the test clock (`CIVICFLOW_TEST_CLOCK=1`). */
export const TEST_CLOCK_ENV = 'CIVICFLOW_TEST_CLOCK';

/**
 * The `testClock` app option from the environment: on only with CIVICFLOW_TEST_CLOCK=1, and never
 * with NODE_ENV=production, where a clock anyone with the admin password can move would let
 * deadlines be skipped: the server refuses to start rather than run so.
 */
export function testClockFromEnv(env: Record<string, string | undefined>): { testClock?: Record<string, never> } {
  if (env[TEST_CLOCK_ENV] !== '1') return {};
  if (env['NODE_ENV'] === 'production') {
    throw new Error(`${TEST_CLOCK_ENV}=1 is refused with NODE_ENV=production: the test clock lets an administrator move time and fire deadlines early. `
      + `Unset ${TEST_CLOCK_ENV} in production (测试时钟只用于测试，生产环境禁止开启：请删除 ${TEST_CLOCK_ENV}).`);
  }
  return { testClock: {} };
}
