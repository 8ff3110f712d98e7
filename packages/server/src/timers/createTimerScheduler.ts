import { formatInstant, isCivicflowError, runCommand } from '@civicflow/engine';
import type { EngineOptions, Instant, InstanceStore, ProcessDefinition, StepResult } from '@civicflow/engine';

/** Where the scheduler finds the definition version an instance is pinned to. */
export interface DefinitionSource {
  get(id: string, version: number): Promise<ProcessDefinition | undefined>;
}

export interface TimerSchedulerOptions {
  store: InstanceStore;
  definitions: DefinitionSource;
  /** Validator and calendar, as for every command. */
  engineOptions: EngineOptions;
  /** This worker's name (several server nodes may share one database). */
  worker: string;
  /** The wall clock; tests pass a simulated one. */
  now?: () => Instant;
  /** How long a claim protects a timer from other workers (a worker that dies releases it by expiry). */
  leaseMs?: number;
  /** Timers claimed per round. */
  batchSize?: number;
  /** Pause between rounds when started with `start()`. */
  intervalMs?: number;
  /** Receives each fired timer's step result (notifications to send, tasks opened …). */
  onFired?: (instanceId: string, result: StepResult) => Promise<void> | void;
  onError?: (error: unknown, context: { instanceId: string; timerId: string }) => void;
}

/** The actor the server uses to fire timers; it appears in the history as who acted. */
export const TIMER_ACTOR = { id: 'system:timer', roles: ['SYSTEM'], orgUnit: 'system:server' };

/**
 * Fires durable timers exactly once. Each round claims the due timers (earliest first, with a
 * lease, so two workers never hold one timer), and fires each through `runCommand` — one
 * transaction. A fired timer leaves the committed snapshot, so it can never fire again; a worker
 * that dies before committing loses its lease and another fires the timer. Timers that fell due
 * while the server was down fire in the first round after boot.
 */
export function createTimerScheduler(options: TimerSchedulerOptions) {
  const now = options.now ?? (() => formatInstant(Date.now()));
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  /** One round: claims and fires what is due now; returns how many timers fired. */
  async function runOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const at = now();
      const due = await options.store.claimDueTimers({ now: at, limit: batchSize, worker: options.worker, leaseMs });
      for (const { instanceId, timer: t } of due) {
        try {
          const stored = await options.store.load(instanceId);
          if (!stored) continue;
          const definition = await options.definitions.get(stored.definitionId, stored.definitionVersion);
          if (!definition) throw new Error(`definition ${stored.definitionId}@${stored.definitionVersion} is missing`);
          const { result } = await runCommand(options.store, definition, instanceId, { type: 'fireTimer', timerId: t.id }, { now: at, actor: TIMER_ACTOR }, options.engineOptions);
          if (result.events.length > 0) {
            fired += 1;
            await options.onFired?.(instanceId, result);
          }
        } catch (error) {
          // Another command advanced the instance first: the timer is re-evaluated next round.
          if (isCivicflowError(error, 'CF_ENGINE_STORE_CONFLICT')) continue;
          options.onError?.(error, { instanceId, timerId: t.id });
        }
      }
      if (due.length < batchSize) return fired;
    }
  }

  const loop = (): void => {
    if (stopped) return;
    running = runOnce().catch((e) => { options.onError?.(e, { instanceId: '', timerId: '' }); return 0; });
    void running.finally(() => { if (!stopped) timer = setTimeout(loop, options.intervalMs ?? 1_000); });
  };

  return {
    runOnce,
    /** Fires what fell due while the server was down, then keeps polling. */
    start(): void {
      stopped = false;
      loop();
    },
    /** Stops polling and waits for the round in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
