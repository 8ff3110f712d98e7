import type { Instant } from '@civicflow/engine';
import type { DefinitionRepository } from '../definitions/definitionRepository.js';
import { createEffectDispatcher } from '../effects/index.js';
import { serverEngineOptions } from '../engine/serverEngineOptions.js';
import type { Orm } from '../orm/createOrm.js';
import { createSqlStore } from '../store/index.js';
import { createTimerScheduler } from '../timers/createTimerScheduler.js';

export interface TestClockSettlerOptions {
  orm: Orm;
  definitions: DefinitionRepository;
  now: () => Instant;
  /** Failures of single timers or outbox rows (the rest still fire). */
  onError?: (error: unknown, where: Record<string, unknown>) => void;
}

/** Rounds after which settling gives up: a process whose timers keep re-arming at once would never settle. */
const MAX_ROUNDS = 50;

/**
 * Fires, at the simulated time, every timer that is due and then the work fired timers leave in
 * the outbox (subprocess starts and ends), round after round until a round does nothing: a
 * child's end may open a task whose deadline is already past. Returns the timers fired.
 */
export function createTestClockSettler(options: TestClockSettlerOptions): () => Promise<number> {
  const worker = `test-clock:${process.pid}`;
  const store = createSqlStore(options.orm);
  const engineOptions = serverEngineOptions();
  const scheduler = createTimerScheduler({
    store, definitions: options.definitions.asDefinitionSource(), engineOptions, worker, now: options.now,
    onError: (error, where) => options.onError?.(error, where),
  });
  const definitions = options.definitions;
  const dispatcher = createEffectDispatcher({
    orm: options.orm, store, engineOptions, worker, now: options.now,
    definitions: { get: async (id, v) => (await definitions.get(id, v))?.document, latest: (id) => definitions.latest(id) },
    onError: (error, where) => options.onError?.(error, where),
  });
  return async () => {
    let timersFired = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const fired = await scheduler.runOnce();
      const done = await dispatcher.runOnce();
      timersFired += fired;
      if (fired === 0 && done === 0) break;
    }
    return timersFired;
  };
}
