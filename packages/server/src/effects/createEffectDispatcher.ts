import { createHash } from 'node:crypto';
import { LockMode, MikroORM } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { EntityManager } from '@mikro-orm/core';
import { formatInstant, isCivicflowError, startInstance, step } from '@civicflow/engine';
import type { Actor, EngineOptions, Instant, ProcessDefinition } from '@civicflow/engine';
import { EffectOutboxEntity } from '../entities/index.js';
import type { EffectOutboxRow } from '../entities/index.js';
import type { SqlInstanceStore } from '../store/createSqlStore.js';
import type { PlainSql } from '../store/plainSql.js';
import { sqliteAccessOf } from '../store/sqliteAccess.js';
import type { DefinitionSource } from '../timers/createTimerScheduler.js';
import { SUBPROCESS_ACTOR_ID } from './subprocessActor.js';

export interface EffectDispatcherOptions {
  orm: MikroORM | EntityManager;
  store: SqlInstanceStore;
  /** Definitions by id and version; `latest` for a subprocess step that names no version. */
  definitions: DefinitionSource & { latest(id: string): Promise<{ document: ProcessDefinition } | undefined> };
  engineOptions: EngineOptions;
  /** This worker's name (several server nodes may share one database). */
  worker: string;
  now?: () => Instant;
  leaseMs?: number;
  batchSize?: number;
  onError?: (error: unknown, context: { outboxId: number; kind: string; instanceId: string }) => void;
}

/**
 * The id of the child a parent starts under `key`: derived, not random, so that starting it
 * twice (a retry after a crash) finds the first child instead of creating a second one.
 */
export function childInstanceId(parentInstanceId: string, key: string): string {
  return `sub_${createHash('sha256').update(`${parentInstanceId}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

/**
 * Does the work commands leave in `effect_outbox`, exactly once in effect: each row is claimed with
 * a lease, its work is idempotent (a child id is derived from parent and key; a parent refuses a
 * second report for a finished key), and the row is marked done in the same transaction as the work.
 */
export function createEffectDispatcher(options: EffectDispatcherOptions) {
  const root: EntityManager = options.orm instanceof MikroORM ? options.orm.em : options.orm;
  const now = options.now ?? (() => formatInstant(Date.now()));
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 50;
  const rowLocks = !(root.getPlatform() instanceof BaseSqlitePlatform);
  const sqlite = sqliteAccessOf(root);
  const q = (id: string): string => root.getPlatform().quoteIdentifier(id);
  const openWorkSql = `select 1 from ${q('effect_outbox')} where ${q('done_at')} is null limit 1`;

  async function claim(at: Date): Promise<EffectOutboxRow[]> {
    const until = new Date(at.getTime() + leaseMs);
    return root.fork().transactional(async (em) => {
      if (!rowLocks) {
        // SQLite: write first, so this transaction takes the write lock at once (another process's
        // writer is waited out via busy_timeout) instead of failing to upgrade a read lock.
        await em.nativeUpdate(EffectOutboxEntity, { doneAt: null, claimedUntil: { $lte: at } }, { claimedBy: null, claimedUntil: null });
      }
      // PostgreSQL: several nodes claim at once; SKIP LOCKED makes each skip the rows another is claiming.
      const due = await em.find(EffectOutboxEntity, { doneAt: null, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: at } }] }, {
        orderBy: { id: 'asc' }, limit: batchSize, disableIdentityMap: true,
        ...(rowLocks ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
      });
      const claimed: EffectOutboxRow[] = [];
      for (const row of due) {
        // Conditional, so two nodes reading the same row cannot both take it.
        const n = await em.nativeUpdate(EffectOutboxEntity, { id: row.id, doneAt: null, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: at } }] }, { claimedBy: options.worker, claimedUntil: until });
        if (n === 1) claimed.push(row);
      }
      return claimed;
    });
  }

  const markDone = (em: EntityManager, id: number, at: Date, lastError: string | null = null) =>
    em.nativeUpdate(EffectOutboxEntity, { id }, { doneAt: at, claimedBy: null, claimedUntil: null, lastError });
  /** markDone inside a store write (plain SQL: see WithinTransaction). */
  const markDoneWithin = async (sql: PlainSql, id: number, at: Date): Promise<void> => {
    await sql.updateAll('effect_outbox', { done_at: at, claimed_by: null, claimed_until: null, last_error: null }, { id });
  };

  async function startChild(row: EffectOutboxRow, at: Instant): Promise<void> {
    const p = row.payload as { key: string; definitionId: string; version?: number; input: Record<string, unknown>; orgUnit: string };
    const childId = childInstanceId(row.instanceId, p.key);
    const when = new Date(Date.parse(at));
    const existing = await options.store.load(childId);
    if (existing) {
      await root.fork().transactional((em) => markDone(em, row.id, when));
      return;
    }
    const def = p.version !== undefined ? await options.definitions.get(p.definitionId, p.version) : (await options.definitions.latest(p.definitionId))?.document;
    if (!def) throw new Error(`subprocess ${p.key}: process ${p.definitionId}${p.version !== undefined ? `@${p.version}` : ''} is not published`);
    const actor: Actor = { id: SUBPROCESS_ACTOR_ID, roles: ['SYSTEM'], orgUnit: p.orgUnit };
    const result = startInstance(def, { instanceId: childId, orgUnit: p.orgUnit, data: p.input }, { now: at, actor }, options.engineOptions);
    try {
      await options.store.create(result.snapshot, result.events, result.effects, async (sql) => {
        await sql.insert('subprocess_link', ['child_instance_id', 'parent_instance_id', 'key'], [[childId, row.instanceId, p.key]]);
        await markDoneWithin(sql, row.id, when);
      });
    } catch (error) {
      // Another node started it meanwhile: the work is done.
      if (!isCivicflowError(error, 'CF_ENGINE_STORE_EXISTS')) throw error;
      await root.fork().transactional((em) => markDone(em, row.id, when));
    }
  }

  async function reportEnd(row: EffectOutboxRow, at: Instant): Promise<void> {
    const p = row.payload as { parentInstanceId: string; key: string; outcome: string; output: unknown };
    const when = new Date(Date.parse(at));
    const parent = await options.store.load(p.parentInstanceId);
    if (!parent || parent.snapshot.status !== 'active') {
      await root.fork().transactional((em) => markDone(em, row.id, when, parent ? `parent case is ${parent.snapshot.status}` : 'parent case is missing'));
      return;
    }
    const def = await options.definitions.get(parent.definitionId, parent.definitionVersion);
    if (!def) throw new Error(`definition ${parent.definitionId}@${parent.definitionVersion} of case ${parent.instanceId} is missing`);
    const actor: Actor = { id: SUBPROCESS_ACTOR_ID, roles: ['SYSTEM'], orgUnit: parent.snapshot.context.case.orgUnit };
    let result;
    try {
      result = step(def, parent.snapshot, { type: 'completeSubprocess', key: p.key, outcome: p.outcome, output: p.output }, { now: at, actor }, options.engineOptions);
    } catch (error) {
      // The parent no longer waits for this key (already reported): nothing left to do.
      if (!isCivicflowError(error, 'CF_ENGINE_SUBPROCESS_NOT_FOUND')) throw error;
      await root.fork().transactional((em) => markDone(em, row.id, when));
      return;
    }
    await options.store.commit(parent.instanceId, parent.version, result.snapshot, result.events, result.effects, (sql) => markDoneWithin(sql, row.id, when));
  }

  async function cancelChild(row: EffectOutboxRow, at: Instant): Promise<void> {
    const p = row.payload as { childInstanceId: string; reason: string };
    const when = new Date(Date.parse(at));
    const child = await options.store.load(p.childInstanceId);
    if (!child || child.snapshot.status !== 'active') {
      await root.fork().transactional((em) => markDone(em, row.id, when));
      return;
    }
    const def = await options.definitions.get(child.definitionId, child.definitionVersion);
    if (!def) throw new Error(`definition ${child.definitionId}@${child.definitionVersion} of case ${child.instanceId} is missing`);
    const actor: Actor = { id: SUBPROCESS_ACTOR_ID, roles: ['SYSTEM'], orgUnit: child.snapshot.context.case.orgUnit };
    const result = step(def, child.snapshot, { type: 'cancel', reason: p.reason }, { now: at, actor }, options.engineOptions);
    await options.store.commit(child.instanceId, child.version, result.snapshot, result.events, result.effects, (sql) => markDoneWithin(sql, row.id, when));
  }

  /** One round: does every outbox row that is due; returns how many were done. Repeats while rows keep appearing (a child's start may end it at once). */
  async function runOnce(): Promise<number> {
    // SQLite: most calls (every case that ends) find nothing to do; a look on a read connection
    // says so without taking the write lock for the claim's lease release (see sqliteAccess).
    if (sqlite && (await sqlite.read(openWorkSql, [])).length === 0) return 0;
    let done = 0;
    for (let round = 0; round < 100; round += 1) {
      const at = now();
      const rows = await claim(new Date(Date.parse(at)));
      if (rows.length === 0) return done;
      for (const row of rows) {
        try {
          if (row.kind === 'subprocess.start') await startChild(row, at);
          else if (row.kind === 'subprocess.cancel') await cancelChild(row, at);
          else await reportEnd(row, at);
          done += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // A concurrent change of the parent is retried at once (released); anything else waits out its lease.
          const conflict = isCivicflowError(error, 'CF_ENGINE_STORE_CONFLICT');
          await root.fork().nativeUpdate(EffectOutboxEntity, { id: row.id }, {
            attempts: row.attempts + 1, lastError: message.slice(0, 2000), ...(conflict ? { claimedBy: null, claimedUntil: null } : {}),
          });
          if (!conflict) options.onError?.(error, { outboxId: row.id, kind: row.kind, instanceId: row.instanceId });
        }
      }
    }
    return done;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  const loop = (intervalMs: number): void => {
    if (stopped) return;
    running = runOnce().catch((e) => { options.onError?.(e, { outboxId: 0, kind: 'round', instanceId: '' }); return 0; });
    void running.finally(() => { if (!stopped) timer = setTimeout(() => loop(intervalMs), intervalMs); });
  };

  return {
    runOnce,
    /** Does what a crash or another node left in the outbox, then keeps polling. */
    start(intervalMs = 2_000): void {
      stopped = false;
      loop(intervalMs);
    },
    /** Stops polling and waits for the round in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type EffectDispatcher = ReturnType<typeof createEffectDispatcher>;
