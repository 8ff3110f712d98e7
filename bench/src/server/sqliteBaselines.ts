import sqlite3 from 'sqlite3';
import { join } from 'node:path';
import { createBpmnEngineDriver } from '../engine/bpmnEngineDriver.js';
import { checkRun } from '../workload/referenceWorkload.js';
import type { InstanceOutcome } from '../workload/referenceWorkload.js';

/** A SQLite database opened with the sqlite3 driver (the one under @mikro-orm/sqlite), promisified. */
export interface RawSqlite {
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `file` with the server's settings (packages/server/src/orm/createOrm.ts): WAL, the given
 * `synchronous` level (NORMAL is the server's default), foreign keys on, busy timeout 5 s.
 */
export async function openRawSqlite(file: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): Promise<RawSqlite> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  const run = (sql: string, params: unknown[] = []) => new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
  for (const pragma of ['PRAGMA journal_mode = WAL', `PRAGMA synchronous = ${synchronous}`, 'PRAGMA foreign_keys = ON', 'PRAGMA busy_timeout = 5000']) await run(pragma);
  return { run, close: () => new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve()))) };
}

/**
 * The raw commit ceiling of the driver: single-row upserts, each its own transaction (autocommit),
 * one at a time, for about `ms` milliseconds. Rows the size of a small snapshot (~600 bytes).
 */
export async function rawCommitsPerSecond(dir: string, synchronous: 'NORMAL' | 'FULL', ms: number): Promise<number> {
  const db = await openRawSqlite(join(dir, `raw-${synchronous.toLowerCase()}.sqlite`), synchronous);
  await db.run('create table if not exists kv (id text primary key, version integer not null, value text not null)');
  const value = 'x'.repeat(600);
  for (let i = 0; i < 200; i++) await db.run('insert into kv (id, version, value) values (?, 1, ?) on conflict (id) do update set version = version + 1, value = excluded.value', [`k${i % 100}`, value]);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await db.run('insert into kv (id, version, value) values (?, 1, ?) on conflict (id) do update set version = version + 1, value = excluded.value', [`k${n % 1000}`, value]);
    n += 1;
  }
  const rate = n / ((performance.now() - start) / 1000);
  await db.close();
  return rate;
}

/**
 * bpmn-engine persisting its state to SQLite after every step (and after the start): the
 * engine's `getState()` as JSON, upserted per instance with the same driver and settings.
 * Returns instances/s and commits/s; every instance is checked against the workload.
 */
export async function bpmnEngineWithSqlite(dir: string, sourceContext: unknown, ms: number): Promise<{ instancesPerSecond: number; stepsPerSecond: number; commitsPerSecond: number; instances: number }> {
  const db = await openRawSqlite(join(dir, 'bpmn-engine.sqlite'));
  await db.run('create table if not exists bpmn_state (id text primary key, state text not null)');
  let commits = 0;
  const driver = createBpmnEngineDriver(sourceContext, async (id, state) => {
    await db.run('insert into bpmn_state (id, state) values (?, ?) on conflict (id) do update set state = excluded.state', [id, state]);
    commits += 1;
  });
  await driver.run(0); // warm-up
  commits = 0;
  const outcomes: InstanceOutcome[] = [];
  const start = performance.now();
  let i = 1;
  while (performance.now() - start < ms || outcomes.length < 3) outcomes.push(await driver.run(i++));
  const seconds = (performance.now() - start) / 1000;
  const steps = checkRun('bpmn-engine + SQLite', outcomes, 1, outcomes.length);
  await db.close();
  return { instancesPerSecond: outcomes.length / seconds, stepsPerSecond: steps / seconds, commitsPerSecond: commits / seconds, instances: outcomes.length };
}
