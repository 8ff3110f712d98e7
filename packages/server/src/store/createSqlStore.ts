import { LockMode, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import { CivicflowError, parseInstant } from '@civicflow/engine';
import type { DueTimer, Effect, HistoryEvent, InstanceSnapshot, InstanceStore, StoredInstance } from '@civicflow/engine';
import { recordEffects } from '../effects/recordEffects.js';
import { EventEntity, InstanceEntity, TaskEntity, TimerEntity } from '../entities/index.js';
import { canonicalJson } from './canonicalJson.js';
import { GENESIS_HASH, hashEvent } from './eventHash.js';
import { taskRowsOf, timerRowsOf, toDate } from './snapshotRows.js';
import { recordTaskAssignees } from './taskAssignees.js';
import { toStoreError } from './storeError.js';
import { plainSql } from './plainSql.js';

/** Stored values are copies: nothing a caller holds is shared with what the ORM writes or returns. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Runs inside a command's transaction, after the instance is written (e.g. to record the idempotent response). */
export type WithinTransaction = (em: EntityManager) => Promise<void>;

/**
 * The SQL store: the engine's port, whose `create`/`commit` also take work to do inside the same
 * transaction, and `transaction` for work that must be atomic with nothing else.
 */
export interface SqlInstanceStore extends InstanceStore {
  create(snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[], within?: WithinTransaction): Promise<StoredInstance>;
  commit(instanceId: string, expectedVersion: number, snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[], within?: WithinTransaction): Promise<StoredInstance>;
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * The engine's InstanceStore over MikroORM (SQLite or PostgreSQL, same code). Every call runs
 * on its own `em.fork()`, and every write is one transaction: the instance row (optimistic
 * lock on `version`), its hash-chained events, and the task and timer rows materialised from
 * the snapshot, and what the step's effects leave to the server (notifications, subprocess work:
 * see recordEffects) are stored together or not at all. Passes `describeInstanceStoreContract`.
 *
 * @param source the ORM (or an EntityManager to fork from, e.g. a request-scoped one)
 */
export function createSqlStore(source: MikroORM | EntityManager): SqlInstanceStore {
  const root = source instanceof MikroORM ? source.em : source;
  // SQLite has no row locks (its single writer serialises transactions); PostgreSQL takes
  // `FOR UPDATE SKIP LOCKED` when claiming timers (see claimDueTimers).
  const rowLocks = !(root.getPlatform() instanceof BaseSqlitePlatform);

  async function inTransaction<T>(instanceId: string | undefined, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await root.fork().transactional(fn);
    } catch (error) {
      throw toStoreError(error, instanceId);
    }
  }
  async function read<T>(instanceId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await fn(root.fork());
    } catch (error) {
      throw toStoreError(error, instanceId);
    }
  }

  // The chain head of the instances last loaded or committed through this store, with the version
  // it belongs to: a commit on that version appends to it without reading it back (see commit).
  const heads = new Map<string, Head>();
  const q = (id: string): string => root.getPlatform().quoteIdentifier(id);
  const loadSql = `select ${['instance_id', 'definition_id', 'definition_version', 'snapshot', 'version', 'event_count', 'head_hash'].map(q).join(', ')}`
    + ` from ${q('process_instance')} where ${q('instance_id')} = ?`;
  function remember(instanceId: string, head: Head): void {
    heads.delete(instanceId);
    if (heads.size >= MAX_REMEMBERED_HEADS) heads.delete(heads.keys().next().value!);
    heads.set(instanceId, head);
  }

  return {
    transaction: (fn) => root.fork().transactional(fn),

    async create(snapshot, events, effects, within) {
      const instanceId = snapshot.instanceId;
      const saved = copy(snapshot);
      const chain = chainEvents(instanceId, 0, GENESIS_HASH, events);
      try {
        await inTransaction(instanceId, async (em) => {
          const now = new Date();
          await em.insert(InstanceEntity, { ...instanceColumns(saved), version: 1, eventCount: chain.count, headHash: chain.head, createdAt: now, updatedAt: now });
          if (chain.rows.length > 0) await insertEvents(em, chain.rows);
          await recordTaskAssignees(em, instanceId, events);
          await syncTasks(em, saved);
          await syncTimers(em, saved);
          await recordEffects(em, saved, effects ?? [], timeOf(events));
          await within?.(em);
        });
      } catch (error) {
        // The primary key of process_instance is the only unique constraint a create can hit.
        if ((error as { details?: unknown }).details instanceof UniqueConstraintViolationException) throw new CivicflowError('CF_ENGINE_STORE_EXISTS', { instanceId });
        throw error;
      }
      remember(instanceId, { version: 1, eventCount: chain.count, headHash: chain.head });
      return { instanceId, definitionId: saved.definitionId, definitionVersion: saved.definitionVersion, snapshot: copy(saved), version: 1 };
    },

    async load(instanceId) {
      // Every command starts here: plain SQL, as the ORM's query builder and hydration cost a
      // multiple of the read itself. The snapshot is JSON text on SQLite, parsed jsonb on PostgreSQL.
      const rows: LoadedRow[] = await read(instanceId, (em) => em.getConnection().execute(loadSql, [instanceId]));
      const row = rows[0];
      if (!row) return null;
      const version = Number(row.version);
      remember(instanceId, { version, eventCount: Number(row.event_count), headHash: row.head_hash });
      const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as InstanceSnapshot;
      return { instanceId: row.instance_id, definitionId: row.definition_id, definitionVersion: Number(row.definition_version), snapshot, version };
    },

    async commit(instanceId, expectedVersion, snapshot, events, effects, within) {
      const saved = copy(snapshot);
      const known = heads.get(instanceId);
      heads.delete(instanceId);
      let head: Head | undefined;
      await inTransaction(instanceId, async (em) => {
        const columns = { ...instanceColumns(saved), version: expectedVersion + 1, updatedAt: new Date() };
        // The lock comes first: `UPDATE … WHERE version = expected` updates nothing if another
        // commit got in, whenever it got in. Writing before reading also makes SQLite take its
        // write lock at once (waiting out another process's writer via busy_timeout), instead of
        // failing with SQLITE_BUSY when a transaction that has read tries to write.
        // The chain head read with this version (load) is the row's head while the version is
        // unchanged (every write of the head bumps it): the head is then written by the same
        // statement; otherwise it is read once the row is ours.
        const chain = known?.version === expectedVersion ? chainEvents(instanceId, known.eventCount, known.headHash, events) : undefined;
        const updated = await em.nativeUpdate(InstanceEntity, { instanceId, version: expectedVersion }, chain ? { ...columns, eventCount: chain.count, headHash: chain.head } : columns);
        if (updated !== 1) {
          const current = await em.findOne(InstanceEntity, { instanceId }, { fields: ['version'], disableIdentityMap: true });
          if (!current) throw new CivicflowError('CF_ENGINE_STORE_NOT_FOUND', { instanceId });
          throw new CivicflowError('CF_ENGINE_STORE_CONFLICT', { instanceId, expected: expectedVersion, actual: current.version });
        }
        let appended = chain;
        if (!appended) {
          // The row is ours until the transaction ends, so its chain head cannot move under us.
          const row = await em.findOneOrFail(InstanceEntity, { instanceId }, { fields: ['eventCount', 'headHash'], disableIdentityMap: true });
          appended = chainEvents(instanceId, row.eventCount, row.headHash, events);
          if (appended.rows.length > 0) {
            // `version` is named so MikroORM does not bump it a second time (it does for a version property left out).
            await em.nativeUpdate(InstanceEntity, { instanceId }, { eventCount: appended.count, headHash: appended.head, version: expectedVersion + 1 });
          }
        }
        if (appended.rows.length > 0) await insertEvents(em, appended.rows);
        await recordTaskAssignees(em, instanceId, events);
        await syncTasks(em, saved);
        await syncTimers(em, saved);
        await recordEffects(em, saved, effects ?? [], timeOf(events));
        await within?.(em);
        head = { version: expectedVersion + 1, eventCount: appended.count, headHash: appended.head };
      });
      if (head) remember(instanceId, head);
      return { instanceId, definitionId: saved.definitionId, definitionVersion: saved.definitionVersion, snapshot: copy(saved), version: expectedVersion + 1 };
    },

    async history(instanceId) {
      const rows = await read(instanceId, (em) => em.find(EventEntity, { instance: instanceId }, { orderBy: { seq: 'asc' }, disableIdentityMap: true }));
      return rows.map((r) => r.payload);
    },

    async claimDueTimers({ now, limit, worker, leaseMs }) {
      if (limit <= 0) return [];
      const nowMs = parseInstant(now);
      const at = new Date(nowMs);
      const until = new Date(nowMs + leaseMs);
      return inTransaction(undefined, async (em) => {
        // Free: never claimed, or the lease of a worker that died has ended.
        const free = { $or: [{ claimedUntil: null }, { claimedUntil: { $lte: at } }] };
        if (!rowLocks) {
          // SQLite: ended leases are released first. Being a write, this makes SQLite take its
          // write lock before reading (another process's writer is waited out via busy_timeout
          // instead of failing the claim with SQLITE_BUSY); its one writer then runs this alone.
          await em.nativeUpdate(TimerEntity, { claimedUntil: { $lte: at } }, { claimedBy: null, claimedUntil: null });
        }
        // PostgreSQL: several server nodes claim at once. FOR UPDATE SKIP LOCKED makes each skip
        // the rows another node is claiming instead of waiting for it or claiming them twice; no
        // blanket release write, so two claimers never wait on each other's rows (nor deadlock).
        const due = await em.find(TimerEntity, { dueAt: { $lte: at }, ...free }, {
          orderBy: [{ dueAt: 'asc' }, { instance: 'asc' }, { timerId: 'asc' }], limit, disableIdentityMap: true,
          ...(rowLocks ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
        });
        const claimed: DueTimer[] = [];
        for (const t of due) {
          const instanceId = t.instance.instanceId;
          // Conditional again, so a claim stays exclusive even where the select took no lock.
          const n = await em.nativeUpdate(TimerEntity, { instance: instanceId, timerId: t.timerId, ...free }, { claimedBy: worker, claimedUntil: until });
          if (n === 1) claimed.push({ instanceId, timer: t.record });
        }
        return claimed;
      });
    },
  };
}

/** The columns `load` reads, as the driver returns them. */
interface LoadedRow {
  instance_id: string; definition_id: string; definition_version: number | string; snapshot: string | InstanceSnapshot;
  version: number | string; event_count: number | string; head_hash: string;
}

/** An instance's chain head (event count and last hash) as of one version of its row. */
interface Head { version: number; eventCount: number; headHash: string }

/** How many instances' chain heads a store remembers (the oldest is forgotten first). */
const MAX_REMEMBERED_HEADS = 10_000;

/** When a write happened, by the engine's clock: its first event's time (wall clock if it has none). */
function timeOf(events: readonly HistoryEvent[]): Date {
  const at = events[0]?.at;
  return at ? new Date(parseInstant(at)) : new Date();
}

/** The instance columns copied out of a snapshot (for queries); the snapshot stays the truth. */
function instanceColumns(s: InstanceSnapshot) {
  return {
    instanceId: s.instanceId, definitionId: s.definitionId, definitionVersion: s.definitionVersion, status: s.status,
    snapshot: s, orgUnit: s.context.case.orgUnit, outcome: s.context.outcome?.id ?? null,
    startedBy: s.context.case.startedBy, startedAt: toDate(s.context.case.startedAt),
    stateValue: JSON.stringify(s.value ?? null),
  };
}

/** The event rows appended after `count` events ending in `head`, each hashed onto the one before. */
function chainEvents(instanceId: string, count: number, head: string, events: readonly HistoryEvent[]) {
  const rows = [];
  let prevHash = head;
  let seq = count;
  for (const e of events) {
    const event = copy(e);
    seq += 1;
    const hash = hashEvent(prevHash, instanceId, seq, event);
    rows.push({ instance: instanceId, seq, type: event.type, at: event.at, payload: event, prevHash, hash });
    prevHash = hash;
  }
  return { rows, count: seq, head: prevHash };
}

/** Rewrites the open-task rows of an instance from its snapshot. */
async function syncTasks(em: EntityManager, snapshot: InstanceSnapshot): Promise<void> {
  const sql = plainSql(em);
  await sql.deleteWhere('open_task', 'instance_id', snapshot.instanceId);
  const rows = taskRowsOf(snapshot);
  if (rows.length > 0) {
    await sql.insert('open_task', ['instance_id', 'task_id', 'step_id', 'role', 'org_unit', 'match', 'person', 'due_at', 'overdue', 'form_id', 'record', 'created_at'],
      rows.map((r) => [r.instance, r.taskId, r.stepId, r.role, r.orgUnit, r.match, r.person, r.dueAt, r.overdue, r.formId, r.record, r.createdAt]));
  }
}

/** Appends hash-chained event rows (see chainEvents). */
async function insertEvents(em: EntityManager, rows: ReturnType<typeof chainEvents>['rows']): Promise<void> {
  await plainSql(em).insert('instance_event', ['instance_id', 'seq', 'type', 'at', 'payload', 'prev_hash', 'hash'],
    rows.map((r) => [r.instance, r.seq, r.type, r.at, r.payload, r.prevHash, r.hash]));
}

/**
 * Makes the timer rows of an instance exactly the timers of its snapshot: removed timers are
 * deleted (with their claims), new ones inserted, and timers still present keep their claim
 * so a worker firing one is not raced by another.
 */
async function syncTimers(em: EntityManager, snapshot: InstanceSnapshot): Promise<void> {
  const instanceId = snapshot.instanceId;
  const wanted = timerRowsOf(snapshot);
  if (wanted.length === 0) {
    // None wanted: whatever rows there are go, claimed or not (one statement, nothing to read).
    await plainSql(em).deleteWhere('instance_timer', 'instance_id', instanceId);
    return;
  }
  const existing = new Map((await em.find(TimerEntity, { instance: instanceId }, { disableIdentityMap: true })).map((t) => [t.timerId, t]));
  const gone = [...existing.keys()].filter((id) => !wanted.some((w) => w.timerId === id));
  if (gone.length > 0) await em.nativeDelete(TimerEntity, { instance: instanceId, timerId: { $in: gone } });
  const fresh = wanted.filter((w) => !existing.has(w.timerId));
  if (fresh.length > 0) await em.insertMany(TimerEntity, fresh.map((w) => ({ ...w, claimedBy: null, claimedUntil: null })));
  for (const w of wanted) {
    const old = existing.get(w.timerId);
    if (old && canonicalJson(old.record) !== canonicalJson(w.record)) {
      await em.nativeUpdate(TimerEntity, { instance: instanceId, timerId: w.timerId }, { stepId: w.stepId, dueAt: w.dueAt, purpose: w.purpose, record: w.record });
    }
  }
}
