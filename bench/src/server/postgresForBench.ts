import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../support/referenceFiles.js';

/** A throwaway PostgreSQL database for the bench, and how it was had. */
export interface BenchPostgres {
  databaseUrl: string;
  /** Where it came from: CIVICFLOW_TEST_POSTGRES_URL, or the repository's test cluster (scripts/postgres.mjs). */
  source: string;
  drop(): Promise<void>;
}

async function onAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: adminUrl, entities: [], ensureDatabase: false, discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } });
  try {
    const check = await admin.checkConnection();
    if (!check.ok) throw new Error(`PostgreSQL at ${new URL(adminUrl).host} does not answer: ${check.reason}`);
    await admin.em.getConnection().execute(sql);
  } finally {
    await admin.close(true);
  }
}

/**
 * A fresh database on the PostgreSQL the server's tests use: CIVICFLOW_TEST_POSTGRES_URL when set,
 * otherwise the repository's own test cluster, started by scripts/postgres.mjs when PostgreSQL's
 * binaries are installed (never installed by the bench). Returns why not when there is none.
 */
export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const mod = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'postgres.mjs')).href)) as {
    acquireTestPostgres(options: { install: boolean; log: (line: string) => void }): { url: string; release(): void };
  };
  let lease: { url: string; release(): void };
  try {
    lease = mod.acquireTestPostgres({ install: false, log: () => {} });
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
  const name = `cf_bench_${process.pid}_${Date.now()}`;
  try {
    await onAdmin(lease.url, `create database "${name}"`);
  } catch (error) {
    lease.release();
    return { unavailable: (error as Error).message };
  }
  const url = new URL(lease.url);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    source: process.env['CIVICFLOW_TEST_POSTGRES_URL'] ? 'CIVICFLOW_TEST_POSTGRES_URL' : 'the repository\'s test cluster (scripts/postgres.mjs: fsync and synchronous_commit off)',
    async drop() {
      try {
        await onAdmin(lease.url, `drop database if exists "${name}" with (force)`);
      } finally {
        lease.release();
      }
    },
  };
}
