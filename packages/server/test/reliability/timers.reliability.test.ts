import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, startStored } from '@civicflow/engine';
import { closeOrm, createDefinitionRepository, createOrm, createSqlStore, serverEngineOptions } from '../../src/index.js';
import type { Orm } from '../../src/index.js';
import { TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { VILLAGE, WAIT_HOUR } from '../support/reliabilityProcesses.js';
import { countFor, recordReliability } from '../support/reliabilityFigures.js';
import { startServerProcess } from '../support/serverProcess.js';
import type { ServerProcess } from '../support/serverProcess.js';

// Issue 7, reliability row 4: durable timers (statutory periods) fire exactly once whatever
// happens to the server: timers that fell due while it was down fire right after it boots, a
// kill -9 in the middle of firing loses none and fires none twice, and two server nodes on one
// PostgreSQL database never fire one timer twice. The server runs as its own process, on the
// wall clock.

const TIMERS = countFor(50, 500);
/** How soon after boot a timer that was already overdue must have fired. */
const OVERDUE_WITHIN_MS = 5_000;
const HOUR_MS = 3_600_000;
const mediator = { id: 'v_med', roles: ['V_MED'], orgUnit: VILLAGE };

/** Starts cases of WAIT_HOUR directly in the database (as a node that has since gone would have), each due at `dueAt(i)`. */
async function startWaiting(orm: Orm, prefix: string, count: number, dueAt: (i: number) => number): Promise<string[]> {
  const store = createSqlStore(orm);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const instanceId = `${prefix}-${i}`;
    await startStored(store, WAIT_HOUR, { instanceId, orgUnit: VILLAGE }, { now: formatInstant(dueAt(i) - HOUR_MS), actor: mediator }, serverEngineOptions());
    ids.push(instanceId);
  }
  return ids;
}

/** Each instance's timer.fired events: how many, and when the first fired (ms). */
async function firings(orm: Orm): Promise<Map<string, { count: number; firstAt: number }>> {
  const rows = await orm.em.fork().getConnection().execute(`select instance_id, at from instance_event where type = 'timer.fired'`) as { instance_id: string; at: string }[];
  const fired = new Map<string, { count: number; firstAt: number }>();
  for (const r of rows) {
    const seen = fired.get(r.instance_id);
    const at = parseInstant(r.at);
    fired.set(r.instance_id, { count: (seen?.count ?? 0) + 1, firstAt: Math.min(seen?.firstAt ?? at, at) });
  }
  return fired;
}

/** Polls the database until `condition` holds (a condition, not a fixed sleep); fails after `ms`. */
async function waitUntil(what: string, ms: number, condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`waited ${ms} ms and still not: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('timers across a kill -9 and a restart, on SQLite', { timeout: countFor(240_000, 900_000) }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-timers-'));
  const databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
  let orm: Orm | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill9();
    if (orm) await closeOrm(orm);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${TIMERS} timers, half overdue at boot and half falling due while it runs: each fires once, the overdue within ${OVERDUE_WITHIN_MS / 1000} s of boot`, async () => {
    orm = await createOrm({ databaseUrl });
    await createDefinitionRepository(orm).publish(WAIT_HOUR);
    // Overdue by up to an hour when the server boots.
    const overdue = await startWaiting(orm, 'overdue', TIMERS / 2, (i) => Date.now() - 1_000 - (i * HOUR_MS) / TIMERS);
    const first = await startServerProcess(databaseUrl);
    server = first;
    // Due within the next seconds, while the server runs (written by another node on the same file).
    const soon = await startWaiting(orm, 'soon', TIMERS / 2, (i) => Date.now() + 1_000 + (i * 3_000) / (TIMERS / 2));
    // Killed once the first of them fired: the rest fall due while it is down, or just before.
    await waitUntil('a timer falling due after boot fired', 60_000, async () => [...(await firings(orm!)).keys()].some((id) => id.startsWith('soon-')));
    await first.kill9();
    const killedAt = Date.now();
    const firedBeforeKill = (await firings(orm)).size;
    const second = await startServerProcess(databaseUrl);
    server = second;
    await waitUntil(`all ${TIMERS} timers fired`, 120_000, async () => (await firings(orm!)).size === TIMERS);
    await second.stop();
    server = undefined;

    const fired = await firings(orm);
    const twice = [...fired.values()].filter((f) => f.count > 1).length;
    const missing = [...overdue, ...soon].filter((id) => !fired.has(id)).length;
    // An instant has whole seconds: a timer fired during the boot's last second counts as on time.
    const lateOverdue = overdue.filter((id) => fired.get(id)!.firstAt > first.listeningAt + OVERDUE_WITHIN_MS).length;
    const dueWhileDown = soon.filter((id) => fired.get(id)!.firstAt >= Math.floor(killedAt / 1000) * 1000);
    const lateAfterRestart = dueWhileDown.filter((id) => fired.get(id)!.firstAt > second.listeningAt + OVERDUE_WITHIN_MS).length;
    const slowest = Math.max(...overdue.map((id) => fired.get(id)!.firstAt - first.listeningAt), ...dueWhileDown.map((id) => fired.get(id)!.firstAt - second.listeningAt));
    recordReliability({
      check: 'timers across kill -9 and restart (sqlite)', tried: `${TIMERS} timers: ${overdue.length} overdue at boot, ${soon.length} falling due while running; kill -9 after ${firedBeforeKill} fired, restart`,
      attempts: TIMERS, held: TIMERS - twice - missing - lateOverdue - lateAfterRestart,
      figures: { 'fired twice': twice, 'never fired': missing, 'overdue, fired > 5 s after boot': lateOverdue + lateAfterRestart, 'fired by the restarted server': dueWhileDown.length, 'latest after boot (ms)': slowest },
    });
    expect({ twice, missing, lateOverdue, lateAfterRestart }).toEqual({ twice: 0, missing: 0, lateOverdue: 0, lateAfterRestart: 0 });
  });
});

describe('two server nodes on one PostgreSQL database', { timeout: countFor(240_000, 900_000) }, () => {
  let database: OpenTestDatabase | undefined;
  const nodes: ServerProcess[] = [];
  afterAll(async () => {
    for (const node of nodes) await node.kill9();
    await database?.close();
  });

  it(`fire each of ${TIMERS} timers exactly once, half overdue at boot and half falling due while both run`, async () => {
    database = await TEST_DATABASES.find((d) => d.name === 'postgresql')!.open();
    await createDefinitionRepository(database.orm).publish(WAIT_HOUR);
    const overdue = await startWaiting(database.orm, 'down', TIMERS / 2, (i) => Date.now() - 1_000 - i * 1_000);
    // Both nodes boot at once and race for the overdue timers ...
    const booted = await Promise.allSettled([startServerProcess(database.databaseUrl), startServerProcess(database.databaseUrl)]);
    // Kept before any failure is raised, so that afterAll stops a node whose partner failed to boot.
    for (const b of booted) if (b.status === 'fulfilled') nodes.push(b.value);
    for (const b of booted) if (b.status === 'rejected') throw b.reason;
    const bootedAt = Math.max(...nodes.map((n) => n.listeningAt));
    // ... and, with both certainly polling, for timers that all fall due at one instant: both nodes'
    // rounds then claim from the same due list at the same time.
    const together = Math.ceil((Date.now() + countFor(5_000, 30_000)) / 1000) * 1000;
    const ids = [...overdue, ...await startWaiting(database.orm, 'up', TIMERS / 2, () => together)];
    await waitUntil(`all ${TIMERS} timers fired`, 120_000, async () => (await firings(database!.orm)).size === TIMERS);
    // Each node finishes its round in progress before it exits (SIGTERM): nothing fires after the count.
    await Promise.all(nodes.map((n) => n.stop()));
    const fired = await firings(database.orm);
    const twice = [...fired.values()].filter((f) => f.count > 1).length;
    const missing = ids.filter((id) => !fired.has(id)).length;
    recordReliability({
      check: 'two server nodes firing timers (postgresql)', tried: `${TIMERS} timers (${TIMERS / 2} overdue at boot, ${TIMERS / 2} falling due at one instant while both ran), two server processes on one database`,
      attempts: TIMERS, held: TIMERS - twice - missing,
      figures: { 'fired twice': twice, 'never fired': missing, 'last fired after both booted (ms)': Math.max(...[...fired.values()].map((f) => f.firstAt)) - bootedAt },
    });
    expect({ twice, missing }).toEqual({ twice: 0, missing: 0 });
  });
});
