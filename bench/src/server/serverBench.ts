import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBpmn } from '../engine/bpmnEngineDriver.js';
import type { ResultSet } from '../report/results.js';
import type { BenchMode } from '../support/mode.js';
import { readReferenceBpmn } from '../support/referenceFiles.js';
import { percentile } from '../support/stats.js';
import { createHttpClient } from './httpClient.js';
import { runClients, signInWorkloadUsers, startInstances } from './httpWorkload.js';
import type { StartedInstance } from './httpWorkload.js';
import { benchPostgres } from './postgresForBench.js';
import { startServerProcess } from './serverProcess.js';
import { bpmnEngineWithSqlite, rawCommitsPerSecond } from './sqliteBaselines.js';
import { STEPS_PER_INSTANCE } from '../workload/referenceWorkload.js';

/**
 * The real server (buildApp from @civicflow/server, in its own process, on a loopback port)
 * completing the reference workload's tasks over HTTP with 1, 16 and 64 concurrent clients, on
 * SQLite (a temporary directory) and on PostgreSQL when one is available; and, in the same run,
 * the baselines: raw single-row SQLite commits with the same driver and settings, and
 * bpmn-engine persisting its state to SQLite after every step.
 */
export async function runServerBench(results: ResultSet, mode: BenchMode, log: (line: string) => void, options: { postgres: boolean; serverNodeArgs?: readonly string[] }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-bench-'));
  try {
    const baselineMs = mode.quick ? 1_000 : 4_000;
    // Measured before the server runs and again right after them (the ratio takes their mean): the
    // machine's speed drifts over a run (shared cores), and a baseline minutes away from the runs
    // it divides would carry that drift into the ratio.
    const rawBefore = await rawCommitsPerSecond(dir, 'NORMAL', baselineMs);
    const rawFull = await rawCommitsPerSecond(dir, 'FULL', baselineMs);
    results.add('server.sqliteRawFull.commitsPerSecond', rawFull, 'commits/s', 'raw SQLite: the same with synchronous=FULL (the server\'s option for machines without a UPS)');
    log(`  raw SQLite commits/s: ${rawBefore.toFixed(0)} (NORMAL), ${rawFull.toFixed(0)} (FULL)`);
    const bpmn = await bpmnEngineWithSqlite(dir, await parseBpmn(readReferenceBpmn()), mode.quick ? 1_500 : 5_000);
    results.add('server.bpmnEngineSqlite.instancesPerSecond', bpmn.instancesPerSecond, 'instances/s', 'bpmn-engine persisting its state to SQLite after every step: instances per second', `${bpmn.instances} instances checked`);
    results.add('server.bpmnEngineSqlite.stepsPerSecond', bpmn.stepsPerSecond, 'steps/s', 'bpmn-engine persisting its state to SQLite after every step: user tasks per second');
    log(`  bpmn-engine + SQLite: ${bpmn.instancesPerSecond.toFixed(1)} instances/s`);

    await serverOn(results, mode, log, 'sqlite', `sqlite:${join(dir, 'server', 'civicflow.sqlite')}`, options.serverNodeArgs);
    const rawAfter = await rawCommitsPerSecond(dir, 'NORMAL', baselineMs);
    const raw = (rawBefore + rawAfter) / 2;
    results.add('server.sqliteRaw.commitsPerSecond', raw, 'commits/s', 'raw SQLite: single-row upsert commits (sqlite3 driver, WAL, synchronous=NORMAL as the server)',
      `one at a time, each its own transaction; the mean of ${rawBefore.toFixed(0)}/s before the server runs and ${rawAfter.toFixed(0)}/s right after them`);
    log(`  raw SQLite commits/s after the server runs: ${rawAfter.toFixed(0)} (NORMAL); mean ${raw.toFixed(0)}`);
    const at64 = results.value('server.sqlite.c64.completionsPerSecond');
    if (at64 !== undefined) results.ratio('serverVsSqliteRaw', at64 / raw, 'server completions/s on SQLite at 64 clients ÷ raw single-row SQLite commits/s (same driver, same settings)');

    if (options.postgres) {
      const pg = await benchPostgres();
      if ('unavailable' in pg) {
        results.note(`PostgreSQL: not measured — ${pg.unavailable.split('\n')[0]}`);
        log(`  PostgreSQL not available: ${pg.unavailable.split('\n')[0]}`);
      } else {
        try {
          await serverOn(results, mode, log, 'postgresql', pg.databaseUrl, options.serverNodeArgs);
          results.note(`PostgreSQL: ${pg.source}.`);
        } catch (error) {
          // A PostgreSQL that goes away mid-run (another checkout's test cluster on the same port) costs its figures, not the run.
          results.note(`PostgreSQL: the run failed and is not reported — ${(error as Error).message.split('\n')[0]}`);
          log(`  PostgreSQL run failed: ${(error as Error).message.split('\n')[0]}`);
        } finally {
          await pg.drop().catch(() => {});
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serverOn(results: ResultSet, mode: BenchMode, log: (line: string) => void, db: 'sqlite' | 'postgresql', databaseUrl: string, nodeArgs: readonly string[] = []): Promise<void> {
  const server = await startServerProcess(databaseUrl, [], nodeArgs);
  const maxClients = Math.max(...mode.clients);
  const client = createHttpClient(server.url, maxClients + 4);
  try {
    const sessions = await signInWorkloadUsers(client);
    // Warm-up: compiled code paths, the definition cache, the database's pages.
    let pool: StartedInstance[] = await startInstances(client, sessions, 0, mode.quick ? 12 : 40, 8);
    const warm = await runClients(client, sessions, pool, mode.quick ? 4 : 8, 0, `server (${db}) warm-up`);
    pool = warm.leftover;
    let next = warm.nextIndex;
    let rate = 300; // completions/s guessed for sizing the first pool; then the last run's
    for (const clients of mode.clients) {
      // Instances are started before the clock starts, so the timed run is completions only.
      const want = Math.ceil((rate * (clients > 1 ? 2 : 1) * (mode.serverRunMs / 1000) * 1.3) / STEPS_PER_INSTANCE) + clients;
      if (pool.length < want) {
        const more = await startInstances(client, sessions, next, want - pool.length, 16);
        pool = [...pool, ...more];
        next += more.length;
      }
      const run = await runClients(client, sessions, pool, clients, mode.serverRunMs, `server (${db}) with ${clients} clients`);
      pool = run.leftover;
      next = Math.max(next, run.nextIndex);
      rate = run.completions / (run.wallMs / 1000);
      const key = `server.${db}.c${clients}`;
      results.add(`${key}.completionsPerSecond`, rate, 'completions/s', `server on ${db}, ${clients} concurrent client${clients > 1 ? 's' : ''}: task completions per second`,
        `${run.completions} completions of ${run.instances} instances over HTTP keep-alive, each checked${run.startsDuringRun > 0 ? `; ${run.startsDuringRun} instances had to be started during the run` : ''}`);
      results.add(`${key}.p50Ms`, percentile(run.latenciesMs, 50), 'ms', `server on ${db}, ${clients} clients: completion latency p50`);
      results.add(`${key}.p99Ms`, percentile(run.latenciesMs, 99), 'ms', `server on ${db}, ${clients} clients: completion latency p99`);
      log(`  server ${db} ${clients} clients: ${rate.toFixed(0)} completions/s, p50 ${percentile(run.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(run.latenciesMs, 99).toFixed(1)} ms`);
    }
  } finally {
    client.close();
    await server.stop();
  }
}
