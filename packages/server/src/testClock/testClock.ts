import { formatInstant, parseInstant } from '@civicflow/engine';
import type { Instant } from '@civicflow/engine';
import { ServerError } from '../plugins/serverError.js';

/** How far to move the simulated clock forward. */
export interface ClockAdvance {
  days?: number | undefined;
  hours?: number | undefined;
  minutes?: number | undefined;
}

/** A simulated clock for test mode: it runs with the wall clock, shifted by what tests advanced it. */
export interface TestClock {
  now(): Instant;
  /** Moves the clock forward by a duration; returns the new time. */
  advance(by: ClockAdvance): Instant;
  /** Moves the clock to an instant; refuses an instant earlier than now (time never runs backwards). */
  moveTo(to: Instant): Instant;
}

export interface TestClockOptions {
  /** Where the simulated time starts; the wall clock by default. */
  start?: Instant | undefined;
  /** The wall clock (tests of this module pass a fake one). */
  wallMs?: () => number;
}

const MINUTE_MS = 60_000;

/**
 * The clock behind `AppOptions.testClock`. It keeps ticking (an offset on the wall clock), so
 * that commands issued one after another stay in order, and it only ever moves forward: timers
 * already fired and history already written must never end up in the future.
 */
export function createTestClock(options: TestClockOptions = {}): TestClock {
  const wallMs = options.wallMs ?? (() => Date.now());
  let offsetMs = options.start === undefined ? 0 : parseInstant(options.start) - wallMs();
  const nowMs = (): number => wallMs() + offsetMs;
  return {
    now: () => formatInstant(nowMs()),
    advance(by) {
      const minutes = (by.days ?? 0) * 24 * 60 + (by.hours ?? 0) * 60 + (by.minutes ?? 0);
      offsetMs += minutes * MINUTE_MS;
      return formatInstant(nowMs());
    },
    moveTo(to) {
      const target = parseInstant(to);
      const current = nowMs();
      // Instants have whole seconds: a target within the current second is not "backwards".
      if (target < Math.floor(current / 1000) * 1000) throw clockBackwards(to, formatInstant(current));
      offsetMs += Math.max(0, target - current);
      return formatInstant(nowMs());
    },
  };
}

function clockBackwards(to: Instant, now: Instant): ServerError {
  return new ServerError('CF_SERVER_TEST_CLOCK_BACKWARDS', 422, {
    'zh-CN': `测试时钟不能倒退：目标时间 ${to} 早于当前模拟时间 ${now}`,
    en: `the test clock never runs backwards: ${to} is earlier than the simulated now ${now}`,
  }, {
    hint: { 'zh-CN': '请给出不早于当前模拟时间的时刻，或使用 advance 向前推进', en: 'give an instant at or after the simulated now, or use advance to move forward' },
    details: { to, now },
  });
}
