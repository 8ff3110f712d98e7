import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOrm, createDefinitionRepository, createOrm } from '../../src/index.js';
import { sessionWith, signIn } from '../support/httpSession.js';
import type { HttpAnswer } from '../support/httpSession.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from '../support/liveServer.js';
import { CHAIN } from '../support/reliabilityProcesses.js';
import { countFor, recordReliability } from '../support/reliabilityFigures.js';
import { reliabilitySeed, seededRandom } from '../support/seededRandom.js';
import { startServerProcess } from '../support/serverProcess.js';
import type { ServerProcess } from '../support/serverProcess.js';

// Issue 7, reliability row 3: the server process is killed (SIGKILL: no request finishes, nothing
// is flushed or closed) at random moments while clients drive cases over HTTP, and restarted each
// time. Nothing a client was told is lost, nothing happens twice, the SQLite file is intact and
// every case's audit chain verifies.

const STEPS = countFor(100, 1_000);
const KILLS = countFor(2, 20);
/** Clients working at once, so that a kill finds requests in flight. */
const LANES = 4;

type Task = { id: string; stepId: string };
type Acknowledged = { instanceId: string; completed: string[] };

describe('kill -9 of the server while clients drive cases, on SQLite', { timeout: countFor(180_000, 1_800_000) }, () => {
  let dir: string;
  let databaseUrl: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civicflow-crash-'));
    databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
    const orm = await createOrm({ databaseUrl });
    await createDefinitionRepository(orm).publish(CHAIN);
    await closeOrm(orm);
  }, 60_000);
  afterAll(async () => {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${KILLS} kills at random moments during ${STEPS} steps: 0 lost acknowledgements, 0 duplicates, integrity ok, chains verify`, async () => {
    const seed = reliabilitySeed();
    const random = seededRandom(seed);
    server = await startServerProcess(databaseUrl);
    const { cookie } = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD) as unknown as { cookie: string };
    // Where the server is reachable; replaced (before the kill) by the restart in progress.
    let up: Promise<string> = Promise.resolve(server.baseUrl);

    const figures = { networkFailures: 0, serverErrors: 0, replays: 0, keysStuckInProgress: 0, restarts: 0, slowestRestartMs: 0 };
    const kills: number[] = [];
    const thresholds = Array.from({ length: KILLS }, () => random.int(1, STEPS - 1)).sort((a, b) => a - b);
    let acknowledged = 0;
    let killing = false;
    const acks = new Map<string, Acknowledged>();

    function kill(): void {
      killing = true;
      kills.push(acknowledged);
      const victim = server!;
      up = (async () => {
        await victim.kill9();
        const killedAt = Date.now();
        server = await startServerProcess(databaseUrl);
        figures.slowestRestartMs = Math.max(figures.slowestRestartMs, server.listeningAt - killedAt);
        figures.restarts += 1;
        return server.baseUrl;
      })();
      void up.finally(() => { killing = false; });
    }
    function acknowledge(): void {
      acknowledged += 1;
      if (!killing && thresholds.length > 0 && acknowledged >= thresholds[0]!) {
        thresholds.shift();
        // Taken now, not when the kill fires: another answer within those 25 ms must not schedule a
        // second kill, whose restart would leave a server running beside its successor.
        killing = true;
        // A random moment: up to 25 ms after this answer, with the other clients' requests in flight.
        setTimeout(kill, random.int(0, 25));
      }
    }

    /** POSTs until the server gives a final answer: a dropped connection is retried with the same key once the server is back. */
    async function post(path: string, body: unknown, key: string): Promise<HttpAnswer> {
      for (;;) {
        const current = up;
        const base = await current;
        try {
          const answer = await sessionWith(base, cookie).post(path, body, { 'idempotency-key': key });
          if (answer.status >= 500) {
            figures.serverErrors += 1;
            continue;
          }
          if (answer.replayed) figures.replays += 1;
          return answer;
        } catch (error) {
          figures.networkFailures += 1;
          // Connections drop only when the server is killed, and the kill replaces `up` first.
          if (up === current) throw error;
        }
      }
    }
    const isStuck = (a: HttpAnswer) => a.status === 409 && (a.body as { code?: string }).code === 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS';

    async function startCase(): Promise<{ instanceId: string; tasks: Task[] }> {
      for (;;) {
        const answer = await post('/api/instances', { definitionId: CHAIN.id }, randomUUID());
        if (answer.status === 201) return answer.body as { instanceId: string; tasks: Task[] };
        // A key the crash cut short must not stay "in progress": the restarted server releases it at
        // boot (store/releaseClaimsAtBoot.ts). Counted (and asserted 0); a new key goes on.
        if (!isStuck(answer)) throw new Error(`starting a case answered ${answer.status}: ${answer.text}`);
        figures.keysStuckInProgress += 1;
      }
    }
    async function complete(instanceId: string, task: Task): Promise<Task[]> {
      for (;;) {
        const answer = await post(`/api/tasks/${instanceId}/${encodeURIComponent(task.id)}/complete`, { data: { note: `${task.stepId} of ${instanceId}` } }, randomUUID());
        if (answer.status === 200) return (answer.body as { tasks: Task[] }).tasks;
        if (!isStuck(answer)) throw new Error(`completing ${task.id} of ${instanceId} answered ${answer.status}: ${answer.text}`);
        figures.keysStuckInProgress += 1;
      }
    }

    async function lane(): Promise<void> {
      while (acknowledged < STEPS) {
        const started = await startCase();
        const ack: Acknowledged = { instanceId: started.instanceId, completed: [] };
        acks.set(started.instanceId, ack);
        acknowledge();
        let tasks = started.tasks;
        while (tasks.length > 0 && acknowledged < STEPS) {
          const task = tasks[0]!;
          tasks = await complete(started.instanceId, task);
          ack.completed.push(task.id);
          acknowledge();
        }
      }
    }
    await Promise.all(Array.from({ length: LANES }, lane));
    // A kill scheduled by the last answers, and its restart, end before the checks.
    while (killing) await new Promise((resolve) => setTimeout(resolve, 10));
    await up;

    // After the last restart: every acknowledged step is in its case's history, once; nothing else is.
    const mediator = sessionWith(server.baseUrl, cookie);
    let lost = 0;
    let duplicates = 0;
    let unacknowledged = 0;
    for (const ack of acks.values()) {
      const history = await mediator.get(`/api/instances/${ack.instanceId}/history`);
      if (history.status !== 200) {
        lost += 1 + ack.completed.length;
        continue;
      }
      const completed = (history.body as { events: { type: string; taskId?: string }[] }).events.filter((e) => e.type === 'task.completed').map((e) => e.taskId);
      for (const taskId of ack.completed) {
        const times = completed.filter((id) => id === taskId).length;
        if (times === 0) lost += 1;
        if (times > 1) duplicates += times - 1;
      }
      unacknowledged += completed.filter((id) => !ack.completed.includes(id!)).length;
    }
    const admin = await signIn(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const audit = (await admin.get('/api/audit/verify')).body as { ok: boolean; instancesChecked: number; problems: unknown[] };
    await server.stop();
    server = undefined;

    // The file itself, with the server gone: SQLite's own check, and no case nobody was told about.
    const orm = await createOrm({ databaseUrl });
    const integrity = await orm.em.getConnection().execute('PRAGMA integrity_check') as { integrity_check: string }[];
    const cases = await orm.em.getConnection().execute('select instance_id from process_instance where definition_id = ?', [CHAIN.id]) as { instance_id: string }[];
    await closeOrm(orm);
    const extraCases = cases.filter((c) => !acks.has(c.instance_id)).length;
    const steps = [...acks.values()].reduce((n, a) => n + 1 + a.completed.length, 0);

    recordReliability({
      check: 'crash (kill -9) and restart (sqlite)', tried: `${kills.length} kills at random moments while ${LANES} clients drove ${steps} acknowledged steps (starts and completions)`,
      attempts: steps, held: steps - lost - duplicates,
      figures: {
        seed, 'killed after step': kills.join(' '), 'lost acknowledged': lost, duplicates, 'unacknowledged completions': unacknowledged, 'cases nobody was told about': extraCases,
        'integrity_check': integrity.map((r) => r.integrity_check).join(';'), 'audit chains': audit.ok ? `ok (${audit.instancesChecked} cases)` : `${audit.problems.length} problems`,
        'dropped connections (retried)': figures.networkFailures, 'replayed answers': figures.replays, 'keys stuck in progress': figures.keysStuckInProgress, 'answers 5xx': figures.serverErrors, 'slowest restart (ms)': figures.slowestRestartMs,
      },
    });
    expect(kills.length).toBe(KILLS);
    expect(figures.restarts).toBe(KILLS);
    expect({ lost, duplicates, unacknowledged, extraCases }).toEqual({ lost: 0, duplicates: 0, unacknowledged: 0, extraCases: 0 });
    expect(integrity).toEqual([{ integrity_check: 'ok' }]);
    expect(audit).toMatchObject({ ok: true, problems: [] });
    expect(audit.instancesChecked).toBeGreaterThanOrEqual(acks.size);
    expect(figures.serverErrors).toBe(0);
    expect(figures.keysStuckInProgress).toBe(0);
  });
});
