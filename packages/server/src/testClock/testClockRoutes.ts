import type { FastifyInstance } from 'fastify';
import type { Instant } from '@civicflow/engine';
import { requireRole } from '../auth/index.js';
import { ADMIN_ROLE } from '../auth/roles.js';
import { actorOf, schemas } from '../instances/http.js';
import { ServerError } from '../plugins/serverError.js';
import type { ClockAdvance, TestClock } from './testClock.js';

export interface TestClockRoutesOptions {
  clock: TestClock;
  /** Fires what is due at the clock's new time (timers, then the work they leave); returns the timers fired. */
  settle: () => Promise<number>;
}

const { errorBody } = schemas;
const nowBody = { type: 'object', required: ['now'], properties: { now: { type: 'string' } } } as const;
const amount = { type: 'integer', minimum: 0, maximum: 36_500 } as const;

/**
 * GET/POST /api/test/clock — the simulated clock of test mode (`AppOptions.testClock`). These
 * routes exist only in test mode; end-to-end tests move time forward to see deadlines fire.
 */
export async function testClockRoutes(app: FastifyInstance, options: TestClockRoutesOptions): Promise<void> {
  app.get('/api/test/clock', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'The simulated time (test mode only)',
      tags: ['test'],
      response: { 200: nowBody, 401: errorBody, 403: errorBody },
    },
  }, async () => ({ now: options.clock.now() }));

  app.post('/api/test/clock', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Move the simulated time forward and fire what falls due (test mode only)',
      description: 'Either `advance` by days, hours and minutes, or move `to` an instant (never backwards: 422). Then fires every timer due at the new '
        + 'time, and the work they leave, until nothing is due. Exists only when the server runs with its test clock (CIVICFLOW_TEST_CLOCK=1, never in production). Administrators only.',
      tags: ['test'],
      body: {
        type: 'object', additionalProperties: false, minProperties: 1, maxProperties: 1,
        properties: {
          advance: { type: 'object', additionalProperties: false, minProperties: 1, properties: { days: amount, hours: amount, minutes: amount } },
          to: { type: 'string', minLength: 1, maxLength: 40, description: 'an ISO-8601 instant with offset, e.g. 2027-04-11T00:00:00+08:00' },
        },
      },
      response: {
        200: { type: 'object', required: ['now', 'timersFired'], properties: { now: { type: 'string' }, timersFired: { type: 'integer' } } },
        400: errorBody, 401: errorBody, 403: errorBody, 422: errorBody,
      },
    },
  }, async (request) => {
    const body = request.body as { advance?: ClockAdvance; to?: Instant };
    const now = body.to !== undefined ? moveTo(options.clock, body.to) : options.clock.advance(body.advance ?? {});
    const timersFired = await options.settle();
    request.log.info({ event: 'testClock.moved', by: actorOf(request).id, now, timersFired }, 'test clock moved');
    return { now, timersFired };
  });
}

function moveTo(clock: TestClock, to: Instant): Instant {
  try {
    return clock.moveTo(to);
  } catch (error) {
    // The engine's calendar says why an instant is malformed (CalendarError, code BAD_INSTANT).
    if ((error as { code?: unknown } | null)?.code !== 'CF_ENGINE_CALENDAR_BAD_INSTANT') throw error;
    throw new ServerError('CF_SERVER_TEST_CLOCK_BAD_INSTANT', 422, {
      'zh-CN': `测试时钟的目标时间不是带时区的 ISO-8601 时刻：${to}`,
      en: `the test clock's target is not an ISO-8601 instant with offset: ${to}`,
    }, { hint: { 'zh-CN': '例如 2027-04-11T00:00:00+08:00', en: 'for example 2027-04-11T00:00:00+08:00' }, details: { to } });
  }
}
