import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeOrm, createOrm } from '../../src/index.js';
import type { Orm } from '../../src/index.js';

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

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'civicflow-test-'));
    const databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
    const orm = await createOrm({ databaseUrl });
    const others: Orm[] = [];
    return {
      orm, databaseUrl,
      async openAnother() {
        const another = await createOrm({ databaseUrl });
        others.push(another);
        return another;
      },
      async close() {
        for (const o of [...others, orm]) await closeOrm(o);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * The databases every server suite runs on: `describe.each(TEST_DATABASES)('… on $name', (db) => …)`.
 * SQLite always; PostgreSQL is added by the PostgreSQL harness (issue 4 §6).
 */
export const TEST_DATABASES: readonly TestDatabase[] = [sqlite];
