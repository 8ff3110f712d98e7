import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { inject } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { closeOrm, createOrm } from '../../src/index.js';
import type { Orm } from '../../src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL (a superuser URL), or why there is none: from scripts/postgresGlobalSetup.mjs. */
    civicflowTestPostgres: { url: string } | { error: string };
  }
}

/**
 * Timeout of tests and hooks that drive many transactions (hundreds of statements, scrypt for
 * demo users): a real database on CI's 2 cores, shared by two vitest workers and the PostgreSQL
 * server, needs more than vitest's 5 s default.
 */
export const DATABASE_TEST_TIMEOUT_MS = 30_000;

/** The environment variable scripts/run.mjs (or a developer) sets to the test PostgreSQL. */
export const TEST_POSTGRES_ENV = 'CIVICFLOW_TEST_POSTGRES_URL';

/** A fresh, migrated, empty database opened for one test file (or one describe block). */
export interface OpenTestDatabase {
  orm: Orm;
  /** What `buildApp({ databaseUrl })` / `createOrm({ databaseUrl })` takes to reach this same database. */
  databaseUrl: string;
  /** A second ORM on the same database: a second server node sharing it (closed by `close()`). */
  openAnother(): Promise<Orm>;
  /** Closes every ORM opened here and removes the database. */
  close(): Promise<void>;
}

/** A kind of database the server suites run against. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgresql';
  open(): Promise<OpenTestDatabase>;
}

/** Opens ORMs on one database URL and closes them all at once. */
function ormsOn(databaseUrl: string, first: Orm) {
  const others: Orm[] = [];
  return {
    async openAnother() {
      const another = await createOrm({ databaseUrl });
      others.push(another);
      return another;
    },
    async closeAll() {
      for (const o of [...others, first]) if (await o.isConnected()) await closeOrm(o);
    },
  };
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'civicflow-test-'));
    const databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
    const orm = await createOrm({ databaseUrl });
    const orms = ormsOn(databaseUrl, orm);
    return {
      orm, databaseUrl,
      openAnother: orms.openAnother,
      async close() {
        await orms.closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The superuser URL of the test PostgreSQL; throws why there is none (the suite fails, it is never skipped). */
function postgresAdminUrl(): string {
  const fromEnv = process.env[TEST_POSTGRES_ENV]?.trim();
  if (fromEnv) return fromEnv;
  const provided = inject('civicflowTestPostgres');
  if (provided && 'url' in provided) return provided.url;
  const why = provided?.error ?? 'vitest ran without scripts/postgresGlobalSetup.mjs (the globalSetup of the node project in vitest.config.ts)';
  throw new Error(`the PostgreSQL suites need a PostgreSQL server and none could be had: ${why}\nRun \`npm test\` (it installs and starts one), or set ${TEST_POSTGRES_ENV}=postgres://user@host:port/db (a user that may create databases).`);
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the test database). */
async function onAdminDatabase(adminUrl: string, statements: string[]): Promise<void> {
  const admin = await MikroORM.init({
    driver: PostgreSqlDriver, clientUrl: adminUrl, entities: [], ensureDatabase: false,
    discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 },
  });
  try {
    const check = await admin.checkConnection();
    if (!check.ok) throw new Error(`the PostgreSQL suites need a PostgreSQL server, and the one at ${new URL(adminUrl).host} does not answer: ${check.reason}\nStart it (\`npm test\` or a plain \`pnpm exec vitest run\` start the repository's own), or point ${TEST_POSTGRES_ENV} at one.`);
    for (const sql of statements) await admin.em.getConnection().execute(sql);
  } finally {
    await admin.close(true);
  }
}

let opened = 0;

const postgresql: TestDatabase = {
  name: 'postgresql',
  async open() {
    const adminUrl = postgresAdminUrl();
    // Unique across vitest's worker threads (one pid) and across runs sharing the cluster.
    const name = `cf_test_${process.pid}_${threadId}_${++opened}_${randomBytes(3).toString('hex')}`;
    await onAdminDatabase(adminUrl, [`create database "${name}"`]);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    let orm: Orm;
    try {
      orm = await createOrm({ databaseUrl });
    } catch (error) {
      await onAdminDatabase(adminUrl, [`drop database if exists "${name}" with (force)`]);
      throw error;
    }
    const orms = ormsOn(databaseUrl, orm);
    return {
      orm, databaseUrl,
      openAnother: orms.openAnother,
      async close() {
        await orms.closeAll();
        // FORCE: an app that a failed test left open must not keep the database alive.
        await onAdminDatabase(adminUrl, [`drop database if exists "${name}" with (force)`]);
      },
    };
  },
};

/**
 * The databases every server suite runs on: `describe.each(TEST_DATABASES)('… on $name', (db) => …)`.
 * SQLite (a file in a temporary directory) and PostgreSQL (a fresh database per `open()` on the
 * test cluster of scripts/postgres.mjs, dropped by `close()`).
 */
export const TEST_DATABASES: readonly TestDatabase[] = [sqlite, postgresql];
