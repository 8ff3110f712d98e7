import { LockMode, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import { CivicflowError, parseInstant } from '@civicflow/engine';
import type { DueTimer, Effect, HistoryEvent, InstanceSnapshot, InstanceStore, StoredInstance, TimerRecord } from '@civicflow/engine';
import { recordEffects } from '../effects/recordEffects.js';
import { EventEntity, TimerEntity } from '../entities/index.js';
import { canonicalJson } from './canonicalJson.js';
import { GENESIS_HASH, hashEvent } from './eventHash.js';
import { taskRowsOf, timerRowsOf, toDate } from './snapshotRows.js';
import { recordTaskAssignees } from './taskAssignees.js';
import { toStoreError } from './storeError.js';
import { isNoRowChanged, plainSql } from './plainSql.js';
import type { PlainSql } from './plainSql.js';
import { sqliteAccessOf } from './sqliteAccess.js';
import { WrittenSnapshots } from './writtenSnapshots.js';

/**
 * Runs inside a command's transaction, after the instance is written (e.g. to record the idempotent
 * response): plain SQL only (see PlainSql), as on SQLite that transaction is a group commit's.
 */
export type WithinTransaction = (sql: PlainSql) => Promise<void>;

/**
 * The SQL store: the engine's port, whose `create`/`commit` also take work to do inside the same
 * transaction, and `transaction` for work that must be atomic with nothing else.
 */
export interface SqlInstanceStore extends InstanceStore {
  create(snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[], within?: WithinTransaction): Promise<StoredInstance>;
  commit(instanceId: string, expectedVersion: number, snapshot: InstanceSnapshot, events: readonly HistoryEvent[], effects?: readonly Effect[], within?: WithinTransaction): Promise<StoredInstance>;
  /**
   * The instance as this store last wrote it (create or commit), if it still remembers it: a copy
   * of its own, without a read. A hint, not the truth: another store or server node may have
   * written since. A commit on its version succeeds only if the row still has that version, and so
   * that snapshot; a caller decides nothing else on it (see instanceService's complete).
   */
  remembered(instanceId: string): StoredInstance | undefined;
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * The engine's InstanceStore over MikroORM (SQLite or PostgreSQL, same code). Every write is one
 * transaction: the instance row (optimistic lock on `version`), its hash-chained events, and the
 * task and timer rows materialised from the snapshot, and what the step's effects leave to the
 * server (notifications, subprocess work: see recordEffects) are stored together or not at all.
 * Passes `describeInstanceStoreContract`.
 *
 * A command's statements are plain SQL (see PlainSql). On PostgreSQL they run in a transaction
 * of MikroORM's on its own `em.fork()`. On SQLite opened by createOrm, loads read a read
 * connection and writes join a group commit on the writer (see sqliteAccess): one transaction
 * for the commands waiting at that moment, each in its own savepoint, each answered after the
 * COMMIT.
 *
 * @param source the ORM (or an EntityManager to fork from, e.g. a request-scoped one)
 */
export function createSqlStore(source: MikroORM | EntityManager): SqlInstanceStore {
  const root = source instanceof MikroORM ? source.em : source;
  // SQLite has no row locks (its single writer serialises transactions); PostgreSQL takes
  // `FOR UPDATE SKIP LOCKED` when claiming timers (see claimDueTimers).
  const rowLocks = !(root.getPlatform() instanceof BaseSqlitePlatform);
  const sqlite = sqliteAccessOf(root);

  async function inTransaction<T>(instanceId: string | undefined, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await root.fork().transactional(fn);
    } catch (error) {
      throw toStoreError(error, instanceId);
    }
  }
  /** A command's write: a savepoint of a group commit on SQLite, else its own ORM transaction. */
  async function write<T>(instanceId: string, job: (sql: PlainSql) => Promise<T>): Promise<T> {
    try {
      return sqlite ? await sqlite.write(job) : await root.fork().transactional((em) => job(plainSql(em)));
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
  const versionSql = `select ${q('version')} from ${q('process_instance')} where ${q('instance_id')} = ?`;
  const readVersion = (instanceId: string): Promise<{ version: number | string }[]> =>
    (sqlite ? sqlite.read<{ version: number | string }>(versionSql, [instanceId]) : root.fork().getConnection().execute(versionSql, [instanceId]))
      .catch((error: unknown) => { throw toStoreError(error, instanceId); });
  function remember(instanceId: string, head: Head): void {
    heads.delete(instanceId);
    if (heads.size >= MAX_REMEMBERED_HEADS) heads.delete(heads.keys().next().value!);
    heads.set(instanceId, head);
  }
  // The snapshots this store wrote last, as their JSON text (parsed anew for each caller, so no
  // caller's change reaches another), with the version they were written as (see `remembered`).
  const written = new WrittenSnapshots();
  // A case that has ended takes no more completions: its room goes to the cases in progress.
  const rememberWritten = (saved: InstanceSnapshot, version: number, text: string): void => {
    if (saved.status === 'active') written.set(saved.instanceId, { version, text, definitionId: saved.definitionId, definitionVersion: saved.definitionVersion });
    else written.delete(saved.instanceId);
  };

  /** Everything a write stores beside the instance row, in its transaction. */
  async function writeConsequences(sql: PlainSql, saved: InstanceSnapshot, rows: ChainRow[], events: readonly HistoryEvent[], effects: readonly Effect[] | undefined, within: WithinTransaction | undefined): Promise<void> {
    if (rows.length > 0) await insertEvents(sql, rows);
    await recordTaskAssignees(sql, saved.instanceId, events);
    await syncTasks(sql, saved);
    await syncTimers(sql, saved);
    await recordEffects(sql, saved, effects ?? [], timeOf(events));
    await within?.(sql);
  }

  return {
    transaction: (fn) => root.fork().transactional(fn),

    async create(snapshot, events, effects, within) {
      const instanceId = snapshot.instanceId;
      // Serialised once: the column's JSON text, and the copy the rows are made from, which is
      // the copy returned once stored (the caller's objects may change meanwhile; this one does not).
      const text = JSON.stringify(snapshot);
      const saved = JSON.parse(text) as InstanceSnapshot;
      const chain = chainEvents(instanceId, 0, GENESIS_HASH, events);
      const now = new Date();
      const row = { ...instanceColumns(saved, text), version: 1, event_count: chain.count, head_hash: chain.head, created_at: now, updated_at: now };
      try {
        await write(instanceId, async (sql) => {
          await sql.insert('process_instance', Object.keys(row), [Object.values(row)]);
          await writeConsequences(sql, saved, chain.rows, events, effects, within);
        });
      } catch (error) {
        // The case's primary key; another table's (an Idempotency-Key recorded within) is the caller's to read.
        const details = (error as { details?: unknown }).details;
        if (details instanceof UniqueConstraintViolationException && details.message.includes('process_instance')) throw new CivicflowError('CF_ENGINE_STORE_EXISTS', { instanceId });
        throw error;
      }
      remember(instanceId, { version: 1, eventCount: chain.count, headHash: chain.head, status: saved.status, definitionVersion: saved.definitionVersion });
      rememberWritten(saved, 1, text);
      return { instanceId, definitionId: saved.definitionId, definitionVersion: saved.definitionVersion, snapshot: saved, version: 1 };
    },

    remembered(instanceId) {
      const entry = written.get(instanceId);
      if (!entry) return undefined;
      return { instanceId, definitionId: entry.definitionId, definitionVersion: entry.definitionVersion, snapshot: JSON.parse(entry.text) as InstanceSnapshot, version: entry.version };
    },

    async load(instanceId) {
      // Every command starts here: plain SQL, as the ORM's query builder and hydration cost a
      // multiple of the read itself (on SQLite, on a read connection: see sqliteAccess). The
      // snapshot is JSON text on SQLite, parsed jsonb on PostgreSQL.
      const rows: LoadedRow[] = sqlite
        ? await sqlite.read<LoadedRow>(loadSql, [instanceId]).catch((error: unknown) => { throw toStoreError(error, instanceId); })
        : await read(instanceId, (em) => em.getConnection().execute(loadSql, [instanceId]));
      const row = rows[0];
      if (!row) return null;
      const version = Number(row.version);
      const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as InstanceSnapshot;
      remember(instanceId, { version, eventCount: Number(row.event_count), headHash: row.head_hash, status: snapshot.status, definitionVersion: Number(row.definition_version) });
      if (written.get(instanceId)?.version !== version) written.delete(instanceId); // written since by another store or node
      return { instanceId: row.instance_id, definitionId: row.definition_id, definitionVersion: Number(row.definition_version), snapshot, version };
    },

    async commit(instanceId, expectedVersion, snapshot, events, effects, within) {
      // As in create: the column's text, and the copy stored and then returned.
      const text = JSON.stringify(snapshot);
      const saved = JSON.parse(text) as InstanceSnapshot;
      const known = heads.get(instanceId);
      heads.delete(instanceId);
      written.delete(instanceId);
      // Computed before the transaction: the row's columns, and the events chained onto the head
      // read with this version (load), which is the row's head while the version is unchanged
      // (every write of the head bumps it); otherwise the head is read once the row is ours.
      const current = known?.version === expectedVersion ? known : undefined;
      const columns = { ...changedColumns(saved, text, current), version: expectedVersion + 1, updated_at: new Date() };
      const chain = current ? chainEvents(instanceId, current.eventCount, current.headHash, events) : undefined;
      let head: Head;
      try {
        head = await write(instanceId, async (sql): Promise<Head> => {
          // The lock comes first: `UPDATE … WHERE version = expected` updates nothing if another
          // commit got in, whenever it got in, and the command fails (updateOne; in a group commit
          // when its statements run). Writing before reading also makes SQLite take its write lock
          // at once on the ORM's path (waiting out another process's writer via busy_timeout)
          // instead of failing with SQLITE_BUSY when a transaction that has read tries to write;
          // the group commit begins IMMEDIATE.
          await sql.updateOne('process_instance', chain ? { ...columns, event_count: chain.count, head_hash: chain.head } : columns,
            { instance_id: instanceId, version: expectedVersion });
          let appended = chain;
          if (!appended) {
            // The row is ours until the transaction ends, so its chain head cannot move under us.
            const [row] = await sql.all<{ event_count: number | string; head_hash: string }>(
              `select ${q('event_count')}, ${q('head_hash')} from ${q('process_instance')} where ${q('instance_id')} = ?`, [instanceId]);
            appended = chainEvents(instanceId, Number(row!.event_count), row!.head_hash, events);
            if (appended.rows.length > 0) {
              await sql.updateAll('process_instance', { event_count: appended.count, head_hash: appended.head }, { instance_id: instanceId });
            }
          }
          await writeConsequences(sql, saved, appended.rows, events, effects, within);
          return { version: expectedVersion + 1, eventCount: appended.count, headHash: appended.head, status: saved.status, definitionVersion: saved.definitionVersion };
        });
      } catch (error) {
        if (!isNoRowChanged(error)) throw error;
        // Refused by the version check: the row as it is now says why.
        const [current] = await readVersion(instanceId);
        if (!current) throw new CivicflowError('CF_ENGINE_STORE_NOT_FOUND', { instanceId });
        throw new CivicflowError('CF_ENGINE_STORE_CONFLICT', { instanceId, expected: expectedVersion, actual: Number(current.version) });
      }
      remember(instanceId, head);
      rememberWritten(saved, expectedVersion + 1, text);
      return { instanceId, definitionId: saved.definitionId, definitionVersion: saved.definitionVersion, snapshot: saved, version: expectedVersion + 1 };
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

/**
 * What a store knows of an instance's row as of one version of it: its chain head (event count
 * and last hash), and the indexed columns a command may change.
 */
interface Head { version: number; eventCount: number; headHash: string; status: string; definitionVersion: number }

/** How many instances' chain heads a store remembers (the oldest is forgotten first; as many as snapshots, see WrittenSnapshots). */
const MAX_REMEMBERED_HEADS = 20_000;



/** When a write happened, by the engine's clock: its first event's time (wall clock if it has none). */
function timeOf(events: readonly HistoryEvent[]): Date {
  const at = events[0]?.at;
  return at ? new Date(parseInstant(at)) : new Date();
}

/**
 * The columns a commit sets: those a step can change, and of them the indexed ones (status, the
 * version a migration moves the case to) only when they differ from the row as `current` knew it.
 * SQLite rewrites an index entry whenever one of its columns is assigned, changed or not, and every
 * page rewritten is a page in the WAL and again at the checkpoint; assigning the primary key also
 * compiles its foreign keys' ON UPDATE actions into the statement.
 */
function changedColumns(s: InstanceSnapshot, json: string, current: Head | undefined) {
  return {
    snapshot: json, outcome: s.context.outcome?.id ?? null, state_value: JSON.stringify(s.value ?? null),
    ...(current?.status === s.status ? {} : { status: s.status }),
    ...(current?.definitionVersion === s.definitionVersion ? {} : { definition_version: s.definitionVersion }),
  };
}

/** The instance columns copied out of a snapshot (for queries); the snapshot (given as its JSON text too) stays the truth. */
function instanceColumns(s: InstanceSnapshot, json: string) {
  return {
    instance_id: s.instanceId, definition_id: s.definitionId, org_unit: s.context.case.orgUnit,
    started_by: s.context.case.startedBy, started_at: toDate(s.context.case.startedAt),
    ...changedColumns(s, json, undefined),
  };
}

/** An event row of the chain: its columns (the payload as its JSON text). */
interface ChainRow { instance: string; seq: number; type: string; at: string; payload: string; prevHash: string; hash: string }

/**
 * The event rows appended after `count` events ending in `head`, each hashed onto the one before.
 * Computed when the command is queued (the caller may change its objects afterwards): the
 * payload's JSON text, and the hash, whose canonical JSON is that of the payload read back.
 */
function chainEvents(instanceId: string, count: number, head: string, events: readonly HistoryEvent[]): { rows: ChainRow[]; count: number; head: string } {
  const rows: ChainRow[] = [];
  let prevHash = head;
  let seq = count;
  for (const event of events) {
    seq += 1;
    const hash = hashEvent(prevHash, instanceId, seq, event);
    rows.push({ instance: instanceId, seq, type: event.type, at: event.at, payload: JSON.stringify(event), prevHash, hash });
    prevHash = hash;
  }
  return { rows, count: seq, head: prevHash };
}

/** Rewrites the open-task rows of an instance from its snapshot. */
async function syncTasks(sql: PlainSql, snapshot: InstanceSnapshot): Promise<void> {
  await sql.deleteWhere('open_task', 'instance_id', snapshot.instanceId);
  const rows = taskRowsOf(snapshot);
  if (rows.length > 0) {
    await sql.insert('open_task', ['instance_id', 'task_id', 'step_id', 'role', 'org_unit', 'match', 'person', 'due_at', 'overdue', 'record', 'created_at'],
      rows.map((r) => [r.instance, r.taskId, r.stepId, r.role, r.orgUnit, r.match, r.person, r.dueAt, r.overdue, r.record, r.createdAt]));
  }
}

/** Appends hash-chained event rows (see chainEvents). */
async function insertEvents(sql: PlainSql, rows: readonly ChainRow[]): Promise<void> {
  await sql.insert('instance_event', ['instance_id', 'seq', 'type', 'at', 'payload', 'prev_hash', 'hash'],
    rows.map((r) => [r.instance, r.seq, r.type, r.at, r.payload, r.prevHash, r.hash]));
}

/**
 * Makes the timer rows of an instance exactly the timers of its snapshot: removed timers are
 * deleted (with their claims), new ones inserted, and timers still present keep their claim
 * so a worker firing one is not raced by another.
 */
async function syncTimers(sql: PlainSql, snapshot: InstanceSnapshot): Promise<void> {
  const instanceId = snapshot.instanceId;
  const wanted = timerRowsOf(snapshot);
  if (wanted.length === 0) {
    // None wanted: whatever rows there are go, claimed or not (one statement, nothing to read).
    await sql.deleteWhere('instance_timer', 'instance_id', instanceId);
    return;
  }
  const q = sql.quote;
  const rows = await sql.all<{ timer_id: string; record: string | TimerRecord }>(
    `select ${q('timer_id')}, ${q('record')} from ${q('instance_timer')} where ${q('instance_id')} = ?`, [instanceId]);
  const existing = new Map(rows.map((r) => [r.timer_id, typeof r.record === 'string' ? JSON.parse(r.record) as TimerRecord : r.record]));
  const gone = [...existing.keys()].filter((id) => !wanted.some((w) => w.timerId === id));
  if (gone.length > 0) {
    await sql.run(`delete from ${q('instance_timer')} where ${q('instance_id')} = ? and ${q('timer_id')} in (${gone.map(() => '?').join(', ')})`, [instanceId, ...gone]);
  }
  const fresh = wanted.filter((w) => !existing.has(w.timerId));
  if (fresh.length > 0) {
    await sql.insert('instance_timer', ['instance_id', 'timer_id', 'step_id', 'due_at', 'purpose', 'record', 'claimed_by', 'claimed_until'],
      fresh.map((w) => [w.instance, w.timerId, w.stepId, w.dueAt, w.purpose, w.record, null, null]));
  }
  for (const w of wanted) {
    const old = existing.get(w.timerId);
    if (old && canonicalJson(old) !== canonicalJson(w.record)) {
      await sql.updateAll('instance_timer', { step_id: w.stepId, due_at: w.dueAt, purpose: w.purpose, record: w.record }, { instance_id: instanceId, timer_id: w.timerId });
    }
  }
}
