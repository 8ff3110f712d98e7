import sqlite3 from 'sqlite3';
import type { Database } from 'sqlite3';
import type { Configuration, EntityManager, MikroORM } from '@mikro-orm/core';
import { SQLITE_ONE_ROW_CHECK_TABLE, sqlitePlainSql, sqliteTransactionSql } from './plainSql.js';
import type { PlainSql } from './plainSql.js';
import { sqliteStatements } from './sqliteStatements.js';
import type { SqliteStatements } from './sqliteStatements.js';

/** Commands one group commit takes at most (the rest wait for the next; bounds the write lock's hold). */
const MAX_COMMANDS_PER_COMMIT = 64;
/**
 * Read connections beside the writer. node-sqlite3 runs one call at a time per connection, and a
 * connection's next call starts only once the event loop has taken the previous one's result: on a
 * busy server a read waits for turns of the event loop, not for SQLite, so more connections keep
 * more reads going (measured at 64 clients: 2 → 8 readers, a load's wait 26 → 13 ms, 850 → 1,000
 * completions/s; 16 gain nothing). libuv still runs at most 4 at once (its thread pool).
 */
const READERS = 8;
/** The writer's progress mark through a group commit: the group's number and the last command released in it. */
const PROGRESS = 'cf_group_progress';
/** Run once per writer connection, outside any transaction (see commitGroup). */
const PROGRESS_TABLE = `create temp table if not exists ${PROGRESS} (group_number integer not null, command integer not null);\n`
  + `insert into temp.${PROGRESS} (group_number, command) select 0, -1 where not exists (select 1 from temp.${PROGRESS})`;
/** Undoes the command whose savepoint is open, which then fails alone. */
const UNDO_COMMAND = 'ROLLBACK TO command; RELEASE command';

/**
 * The command path on SQLite, without MikroORM and knex in between (each of their statements cost
 * a multiple of SQLite's own work, and every query queued on the ORM's one connection):
 *
 * - **Reads** (sessions, instance loads) on read connections of their own. In WAL mode a reader
 *   sees the last commit and never waits for the writer, so a request's reads do not queue behind
 *   other requests' write transactions.
 * - **Writes** by group commit on the ORM's own connection (borrowed from its pool of one, so the
 *   ORM's cold-path statements and these never contend for SQLite's write lock within a process):
 *   the writes waiting at that moment run in ONE transaction (`BEGIN IMMEDIATE`, which waits out
 *   another process's writer via busy_timeout), each in its own SAVEPOINT — a write that fails
 *   (a version conflict, a constraint) rolls back to it and fails alone — and every write is
 *   answered only after the COMMIT returned: nothing is acknowledged before it is as durable as the
 *   `synchronous` setting makes a commit (see createOrm), and one commit (one WAL append, one
 *   sync under FULL) serves many commands.
 *
 * A write job does SQL only (its values are computed before it is queued): the transaction, and
 * every command behind it, waits for each of its statements. It must not queue another write.
 */
export interface SqliteAccess {
  /** Runs `job` in the next group commit, in its own savepoint; resolves once that commit is durable. */
  write<T>(job: (sql: PlainSql) => Promise<T>): Promise<T>;
  /** A query on a read connection (the last committed state). */
  read<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** How many group commits have committed, and how many writes they carried (failed ones included). */
  readonly committed: { groups: number; writes: number };
  /** How many reads have started on the read connections. */
  readonly reads: number;
  /** Waits for the writes queued, then closes the read connections and finalizes the writer's statements. */
  close(): Promise<void>;
}

/** The SQLite access of the ORM an EntityManager belongs to, if it has one (SQLite opened by createOrm). */
export function sqliteAccessOf(source: MikroORM | EntityManager): SqliteAccess | undefined {
  return accesses.get(source.config);
}

/** Keyed by the ORM's configuration, which the ORM and all its EntityManager forks share. */
const accesses = new WeakMap<Configuration, SqliteAccess>();

/** The knex pool MikroORM's SQLite connection draws its one connection from. */
interface KnexPool { client: { pool?: { numPendingAcquires(): number }; acquireConnection(): Promise<Database>; releaseConnection(conn: Database): Promise<unknown> } }

/**
 * Gives a SQLite ORM its SqliteAccess (createOrm does, for the file it opened); `orm.close()`
 * then closes it first.
 */
export async function attachSqliteAccess(orm: MikroORM, file: string): Promise<SqliteAccess> {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): KnexPool }).getKnex();
  const platform = orm.em.getPlatform();
  const driver = orm.em.getDriver();
  // Memoised: the command path quotes the same few names in every statement it builds.
  const quoted = new Map<string, string>();
  const quote = (id: string): string => {
    let q = quoted.get(id);
    if (q === undefined) quoted.set(id, (q = platform.quoteIdentifier(id)));
    return q;
  };
  const convert = (error: Error): Error => driver.convertException(error);

  const readers = await Promise.all(Array.from({ length: READERS }, () => openReader(file, quote, convert)));
  const busy = readers.map(() => 0);
  const writerStatements = new WeakMap<Database, SqliteStatements>();
  const statementsOf = (db: Database): SqliteStatements => {
    let s = writerStatements.get(db);
    if (!s) writerStatements.set(db, (s = sqliteStatements(db)));
    return s;
  };
  const used = new Set<SqliteStatements>();

  interface Pending { job: (sql: PlainSql) => Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void }
  const queue: Pending[] = [];
  let draining: Promise<void> | undefined;
  let closed = false;
  let groupNumber = 0;
  let reads = 0;

  /**
   * Group commits until nothing waits. The connection is held from one group to the next and handed
   * back when the queue is empty or the ORM's own statements wait for it (timers, outbox claims,
   * administration): taking it from the pool for every group cost a wait of several event-loop
   * turns behind other requests' work, and the writer sat idle for half of a busy server's time.
   */
  async function drain(): Promise<void> {
    let conn: Database | undefined;
    try {
      while (queue.length > 0) {
        if (!conn) {
          try {
            conn = await knex.client.acquireConnection();
          } catch (error) {
            // A connection that could not be had fails the writes waiting for it.
            for (const p of queue.splice(0, MAX_COMMANDS_PER_COMMIT)) p.reject(error);
            continue;
          }
        }
        await commitGroup(conn);
        if ((knex.client.pool?.numPendingAcquires() ?? 0) > 0) {
          await knex.client.releaseConnection(conn);
          conn = undefined;
        }
      }
    } finally {
      draining = undefined;
      if (conn) await knex.client.releaseConnection(conn);
    }
  }

  /**
   * One group commit of the writes queued now (those queued meanwhile join it), in as few calls
   * into the driver as its jobs allow (each call is a round trip through libuv's thread pool that
   * the whole group waits for). A job's statements whose result is not read come back as SQL text (see sqliteTransactionSql); a finished command's text waits,
   * wrapped in its SAVEPOINT and RELEASE and followed by a progress mark, and runs with whatever
   * runs next: the next job's first statement whose result is read, or the COMMIT. A group whose
   * jobs read nothing is then ONE call: BEGIN, every command, COMMIT.
   *
   * When such a call fails, the progress mark says how far it got: the command after the last one
   * marked is the one that failed; it is rolled back to its savepoint and fails alone, and the
   * commands after it run again (their text, not their jobs). A transaction SQLite rolled back as
   * a whole (an I/O error, a full disk) leaves the mark of an earlier group: the whole group fails.
   */
  async function commitGroup(conn: Database): Promise<void> {
    const group = queue.splice(0, MAX_COMMANDS_PER_COMMIT);
    if (group.length === 0) return;
    try {
      const statements = statementsOf(conn);
      if (!used.has(statements)) await statements.exec(`${SQLITE_ONE_ROW_CHECK_TABLE};\n${PROGRESS_TABLE}`);
      used.add(statements);
      groupNumber += 1;
      const number = groupNumber;
      const outcomes: ({ ok: true; value: unknown } | { ok: false; value: unknown } | undefined)[] = group.map(() => undefined);
      // Finished commands whose text has not run yet: their index and text (savepoint to progress mark).
      let waiting: { index: number; text: string }[] = [];
      let begin = `BEGIN IMMEDIATE;\nupdate temp.${PROGRESS} set group_number = ${number}, command = -1;\n`;

      /** Runs what waits, then `then`; a command among the waiting that fails is undone and fails alone. */
      const runWaiting = async (then: string): Promise<void> => {
        for (;;) {
          try {
            // One flat string (join copies once): the driver converts it to UTF-8, and a concatenation
            // would first be flattened by another copy of the whole group's text.
            await statements.exec([begin, ...waiting.map((w) => w.text), then].join(''));
            begin = '';
            waiting = [];
            return;
          } catch (error) {
            const [mark] = await statements.all<{ group_number: number; command: number }>(`select group_number, command from temp.${PROGRESS}`);
            if (mark?.group_number !== number) throw error; // never begun, or rolled back as a whole
            begin = '';
            const failed = waiting.findIndex((w) => w.index > mark.command);
            if (failed < 0) {
              // In `then`: the caller's own statements (every command waiting got through).
              waiting = [];
              throw error;
            }
            await statements.exec(UNDO_COMMAND);
            outcomes[waiting[failed]!.index] = { ok: false, value: convert(error as Error) };
            waiting = waiting.slice(failed + 1);
          }
        }
      };

      for (const [index, pending] of group.entries()) {
        // Whether this command's savepoint has been opened (by a statement whose result it reads).
        let open = false;
        const sql = sqliteTransactionSql(statements, quote, convert, true, async (deferred) => {
          const then = open ? deferred : `SAVEPOINT command;\n${deferred}`;
          // Open from here on, even if its own statements fail: the SAVEPOINT comes first.
          open = true;
          await runWaiting(then);
        });
        let value: unknown;
        try {
          value = await pending.job(sql);
        } catch (error) {
          // Nothing of it has run unless it opened its savepoint: then that is undone (nothing else waits meanwhile).
          if (open) await statements.exec(UNDO_COMMAND);
          outcomes[index] = { ok: false, value: error };
          continue;
        }
        outcomes[index] = { ok: true, value };
        const mark = `RELEASE command;\nupdate temp.${PROGRESS} set command = ${index};\n`;
        waiting.push({ index, text: `${open ? '' : 'SAVEPOINT command;\n'}${sql.takeDeferred()}${mark}` });
      }
      await runWaiting('COMMIT');
      access.committed.groups += 1;
      access.committed.writes += group.length;
      group.forEach((p, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) p.resolve(outcome.value);
        else p.reject(outcome.value);
      });
    } catch (error) {
      // No transaction may be left open on the connection (this fails harmlessly when none is).
      await statementsOf(conn).exec('ROLLBACK').catch(() => undefined);
      for (const p of group) p.reject(error);
    }
  }

  async function read<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    // The least busy reader.
    let i = 0;
    for (let j = 1; j < readers.length; j += 1) if (busy[j]! < busy[i]!) i = j;
    busy[i]! += 1;
    reads += 1;
    try {
      return await readers[i]!.sql.all<T>(sql, params);
    } finally {
      busy[i]! -= 1;
    }
  }

  const access: SqliteAccess = {
    write<T>(job: (sql: PlainSql) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('the database is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
        draining ??= drain();
      });
    },
    read,
    committed: { groups: 0, writes: 0 },
    get reads() { return reads; },
    async close() {
      closed = true;
      await draining;
      await Promise.all([...used].map((s) => s.finalize()));
      await Promise.all(readers.map((r) => r.close()));
    },
  };
  accesses.set(orm.config, access);
  const closeOrm = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await access.close();
    return closeOrm(force);
  };
  return access;
}

/** A read connection: plain SQL on it, and its close. */
interface Reader { sql: PlainSql; close(): Promise<void> }

async function openReader(file: string, quote: (id: string) => string, convert: (error: Error) => Error): Promise<Reader> {
  const db = await new Promise<Database>((resolve, reject) => {
    const opened: Database = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (error: Error | null) => (error ? reject(error) : resolve(opened)));
  });
  const statements = sqliteStatements(db);
  // Waits out a checkpoint or recovery rather than failing; and refuses writes, which go through the writer.
  await statements.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = 1');
  return {
    sql: sqlitePlainSql(statements, quote, convert),
    async close() {
      await statements.finalize();
      await new Promise<void>((resolve) => { db.close(() => resolve()); });
    },
  };
}
