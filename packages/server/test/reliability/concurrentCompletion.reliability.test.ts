import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlStore, verifyChain } from '../../src/index.js';
import { TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { completeTask, signIn } from '../support/httpSession.js';
import type { HttpAnswer, HttpSession } from '../support/httpSession.js';
import { DEMO_PASSWORD, serveProcess } from '../support/liveServer.js';
import type { LiveServer, ServedProcess } from '../support/liveServer.js';
import { CHAIN } from '../support/reliabilityProcesses.js';
import { countFor, recordReliability } from '../support/reliabilityFigures.js';

// Issue 7, reliability row 1: many people (or one person's many tabs) submit the same task at
// once. Exactly one submission wins; every other one is told, with a 409 it can act on, that the
// case moved on; the case records one completion and advances one step. Over real HTTP.

const PARALLEL = 50;
const ROUNDS = countFor(5, 100);
/** The 409 codes a losing submission may get: the case changed under it, or the task was closed by the winner. */
const CONFLICT_CODES = ['CF_ENGINE_STORE_CONFLICT', 'CF_SERVER_TASK_CLOSED'];

interface Round { answers: HttpAnswer[]; completions: number; openSteps: string[]; chainOk: boolean }

describe.each(TEST_DATABASES)('concurrent completion of one task over HTTP on $name', { timeout: countFor(120_000, 1_200_000) }, (db) => {
  let served: ServedProcess;
  let database: OpenTestDatabase;
  let server: LiveServer;
  let mediator: HttpSession;
  beforeAll(async () => {
    served = await serveProcess(db, CHAIN);
    ({ database, server } = served);
    mediator = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await served?.close();
  });

  async function round(n: number): Promise<Round> {
    const started = await mediator.post('/api/instances', { definitionId: CHAIN.id });
    expect(started.status, started.text).toBe(201);
    const { instanceId, tasks } = started.body as { instanceId: string; tasks: { id: string; stepId: string }[] };
    const intake = tasks.find((task) => task.stepId === 'intake')!;
    // Same assignee, different Idempotency-Keys: fifty distinct submissions, not retries.
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => completeTask(mediator, instanceId, intake.id, { note: `round ${n} attempt ${i}` }, `r${n}-a${i}-${instanceId}`)));
    const history = await mediator.get(`/api/instances/${instanceId}/history`);
    const events = (history.body as { events: { type: string; data?: { taskId?: string } }[] }).events;
    const view = await mediator.get(`/api/instances/${instanceId}`);
    const openSteps = (view.body as { tasks: { stepId: string }[] }).tasks.map((task) => task.stepId);
    const chain = await verifyChain(database.orm, instanceId);
    const store = await createSqlStore(database.orm).history(instanceId);
    expect(store.length).toBe(events.length);
    return { answers, completions: events.filter((e) => e.type === 'task.completed').length, openSteps, chainOk: chain.ok };
  }

  it(`${ROUNDS} rounds of ${PARALLEL} parallel completions: one success each, the rest a 409 conflict, one event, one advance`, async () => {
    let held = 0;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const r = await round(n);
      for (const a of r.answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      const wins = r.answers.filter((a) => a.status === 200);
      const others = r.answers.filter((a) => a.status !== 200);
      const badOthers = others.filter((a) => a.status !== 409 || !CONFLICT_CODES.includes((a.body as { code?: string } | undefined)?.code ?? ''));
      const winnerAdvanced = wins.length === 1 && JSON.stringify((wins[0]!.body as { tasks: { stepId: string }[] }).tasks.map((task) => task.stepId)) === '["investigate"]';
      const ok = wins.length === 1 && badOthers.length === 0 && r.completions === 1 && JSON.stringify(r.openSteps) === '["investigate"]' && winnerAdvanced && r.chainOk;
      if (ok) held += 1;
      else failures.push(`round ${n}: ${wins.length} successes, ${r.completions} completion events, open ${JSON.stringify(r.openSteps)}, chain ${r.chainOk ? 'ok' : 'broken'}, other answers ${JSON.stringify(badOthers.slice(0, 3).map((a) => `${a.status} ${a.text.slice(0, 200)}`))}`);
    }
    recordReliability({
      check: `concurrent completion (${db.name})`, tried: `${ROUNDS} rounds × ${PARALLEL} parallel completions of one task (one assignee, distinct Idempotency-Keys)`,
      attempts: ROUNDS, held, figures: Object.fromEntries([...statuses].sort(([a], [b]) => a - b).map(([s, c]) => [`HTTP ${s}`, c])),
    });
    expect(failures).toEqual([]);
    expect(held).toBe(ROUNDS);
  });
});
