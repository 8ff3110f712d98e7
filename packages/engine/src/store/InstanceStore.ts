import type { Instant } from '../calendar/index.js';
import type { Effect, HistoryEvent, InstanceSnapshot, TimerRecord } from '../runtime/types.js';

/** An instance as a store holds it: the snapshot and the version used for optimistic locking. */
export interface StoredInstance {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  snapshot: InstanceSnapshot;
  /** 1 after `create`, +1 on every commit. */
  version: number;
}

/** A timer that fell due, claimed by one worker. */
export interface DueTimer {
  instanceId: string;
  timer: TimerRecord;
}

/**
 * The persistence port of a host (the server's MikroORM adapter, the in-memory store of the
 * tests). Every adapter must pass `describeInstanceStoreContract` from `@civicflow/engine/testing`.
 *
 * A command is one transaction: `load` → `step` → `commit(expectedVersion)`; a concurrent change
 * makes `commit` fail with CF_ENGINE_STORE_CONFLICT and change nothing. Timers are read from the
 * committed snapshot, so a timer exists in the store exactly while its instance is waiting on it.
 */
export interface InstanceStore {
  /**
   * Stores a new instance with its first history events; CF_ENGINE_STORE_EXISTS if the id is taken.
   * `effects` are the step's effects: a store that keeps follow-up work (notifications, subprocess
   * starts) writes it in the same transaction, so it is never lost; others may ignore them (tasks
   * and timers are in the snapshot).
   */
  create(snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[]): Promise<StoredInstance>;
  /** The instance, or null. */
  load(instanceId: string): Promise<StoredInstance | null>;
  /**
   * Replaces the snapshot and appends the events atomically, only if the stored version is
   * `expectedVersion`; otherwise CF_ENGINE_STORE_CONFLICT (or CF_ENGINE_STORE_NOT_FOUND).
   * `effects` as for `create`.
   */
  commit(instanceId: string, expectedVersion: number, snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[]): Promise<StoredInstance>;
  /** The history in the order it was appended; empty for an unknown instance. */
  history(instanceId: string): Promise<HistoryEvent[]>;
  /**
   * Claims up to `limit` timers due at or before `now`, earliest first, for `worker` until
   * `now + leaseMs`. A timer claimed by a worker is not handed to another until its lease ends
   * (a worker that died); several workers never get the same timer at the same time.
   */
  claimDueTimers(options: { now: Instant; limit: number; worker: string; leaseMs: number }): Promise<DueTimer[]>;
}
