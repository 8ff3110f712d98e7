import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM, ReflectMetadataProvider } from '@mikro-orm/core';
import type { IDatabaseDriver, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';
import { attachSqliteAccess } from '../store/sqliteAccess.js';
import { resolveDatabase } from './resolveDatabase.js';
import type { DatabaseTarget } from './resolveDatabase.js';

/** How to open the database. */
export interface CreateOrmOptions {
  /** `postgres://…` selects PostgreSQL, `sqlite:<path>` a SQLite file; unset: `${dataDir}/civicflow.sqlite`. The server passes `process.env.DATABASE_URL`. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded SQLite database, created if missing. Default `./data`. */
  dataDir?: string | undefined;
  /** Log every query (MikroORM debug mode) and the migrations applied. */
  debug?: boolean | undefined;
  /**
   * PostgreSQL: the most connections this server node opens (default 10). Every node of a
   * cluster has its own pool, so nodes × poolMax must stay below the server's max_connections.
   */
  poolMax?: number | undefined;
  /**
   * SQLite `synchronous` level. NORMAL (default) in WAL mode syncs at checkpoints rather than at
   * every commit: the file can never be corrupted, and a crashed *process* loses nothing, but a
   * power cut may roll back the last commits. FULL syncs every commit (slower on the cheap
   * disks of township offices). Choose FULL where the machine has no UPS.
   */
  sqliteSynchronous?: 'NORMAL' | 'FULL' | undefined;
}

/** The ORM of a server, typed on MikroORM's generic driver so no code depends on the dialect. */
export type Orm = MikroORM<IDatabaseDriver>;

/**
 * Opens the database, brings its schema up to date with the migrations of its dialect, and
 * returns the ORM. Entities are `defineEntity` schemas, so `ReflectMetadataProvider` needs no
 * decorators and no ts-morph (which fails under vitest).
 */
export async function createOrm(options: CreateOrmOptions = {}): Promise<Orm> {
  const target = resolveDatabase(options);
  const connection = driverOptions(target, options);
  const migrations = MIGRATIONS[target.dialect];
  if (migrations.length === 0) throw new Error(`civicflow has no ${target.dialect} migrations yet: its schema cannot be created`);
  const common: Options = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    debug: options.debug ?? false,
    // A migration either applies completely or not at all; no snapshot file is written at run time.
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: !options.debug },
  };
  const orm = await MikroORM.init({ ...common, ...connection });
  if (target.dialect === 'postgresql') {
    // MikroORM only logs a failed connect; the migrator would then create a missing database.
    const check = await orm.checkConnection();
    if (!check.ok) {
      await orm.close(true);
      throw unreachable(target.url, check.error ?? check.reason);
    }
  }
  try {
    await orm.migrator.up();
    // The command path's own connections on the file (see sqliteAccess); orm.close() closes them.
    if (target.dialect === 'sqlite') await attachSqliteAccess(orm, target.file);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/** Closes the ORM and its connections (the SQLite file is checkpointed and released). */
export async function closeOrm(orm: Orm): Promise<void> {
  await orm.close(true);
}

function driverOptions(target: DatabaseTarget, options: CreateOrmOptions): Options {
  if (target.dialect === 'postgresql') {
    return {
      driver: PostgreSqlDriver,
      clientUrl: target.url,
      // A database missing (a typo in DATABASE_URL) is an error, not a new empty database.
      ensureDatabase: false,
      // Connections open on demand and close after a minute idle, so an idle node holds none;
      // waiting for a free one is bounded, so an overloaded database answers with an error
      // instead of requests piling up behind the pool.
      pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: 60_000, acquireTimeoutMillis: 15_000 },
      driverOptions: {
        connection: {
          // Names the node in pg_stat_activity; a server that does not answer fails the connect.
          application_name: 'civicflow',
          connectionTimeoutMillis: 10_000,
        },
      },
    };
  }
  mkdirSync(dirname(target.file), { recursive: true });
  const pragmas = [
    // WAL: readers never block the writer and a commit is one append to the log.
    'PRAGMA journal_mode = WAL',
    `PRAGMA synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`,
    // SQLite leaves foreign keys off unless asked, per connection.
    'PRAGMA foreign_keys = ON',
    // Another process holding the write lock (a CLI, a backup) makes us wait, not fail.
    'PRAGMA busy_timeout = 5000',
    // Savepoint journals and temporary tables in memory: a group commit opens a savepoint per
    // command, and on disk its journal is a temporary file written page by page (two system calls
    // a page, most of a commit's I/O). What is durable is the WAL; these die with the transaction.
    'PRAGMA temp_store = MEMORY',
  ].join(';\n');
  return {
    driver: SqliteDriver,
    dbName: target.file,
    // SQLite has one writer: one connection per process makes concurrent transactions queue
    // in-process instead of failing with SQLITE_BUSY. Pragmas are per connection, so they are
    // set whenever the pool (re)creates it.
    pool: {
      min: 1, max: 1,
      afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.exec(pragmas, (err) => done(err, conn));
      },
    },
  };
}

/**
 * The error of a PostgreSQL server that cannot be used: where (host, port, database, user), why,
 * and what to check; never the password of the URL.
 */
function unreachable(url: string, cause: unknown): Error {
  let where = 'the PostgreSQL server of DATABASE_URL';
  let password = '';
  try {
    const u = new URL(url);
    password = decodeURIComponent(u.password);
    where = `PostgreSQL at ${u.hostname}:${u.port || '5432'} (database "${decodeURIComponent(u.pathname.slice(1))}", user "${decodeURIComponent(u.username)}")`;
  } catch { /* not a URL the WHATWG parser reads: name no part of it */ }
  let reason = (cause instanceof Error ? cause.message : String(cause)).split(url).join('DATABASE_URL');
  if (password) reason = reason.split(password).join('***');
  return new Error(`cannot open ${where}: ${reason}. Check DATABASE_URL (postgres://user:password@host:port/database), that the server is running and accepts connections from this machine, and that the database exists (createdb).`);
}
