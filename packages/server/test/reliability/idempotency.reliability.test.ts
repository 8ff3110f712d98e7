import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase, TestDatabase } from '../support/testDatabases.js';
import { completeTask, signIn } from '../support/httpSession.js';
import type { HttpAnswer, HttpSession } from '../support/httpSession.js';
import { DEMO_PASSWORD, listenOn, seedUsers } from '../support/liveServer.js';
import type { LiveServer } from '../support/liveServer.js';
import { CHAIN } from '../support/reliabilityProcesses.js';
import { countFor, recordReliability } from '../support/reliabilityFigures.js';

// Issue 7, reliability row 2: a submission retried with its Idempotency-Key (a flaky network, a
// double click, a client that timed out) takes effect once and is answered the same every time.
// Over real HTTP.

const RETRIES = 20;
/** Cases per form (sequential, concurrent): each case is one key retried RETRIES times. */
const CASES = countFor(2, 25);

type Case = { instanceId: string; taskId: string };

/** One server over a fresh database, v_med signed in, CHAIN published. */
function useServer(db: TestDatabase) {
  const ctx = {} as { database: OpenTestDatabase; server: LiveServer; mediator: HttpSession };
  beforeAll(async () => {
    ctx.database = await db.open();
    await seedUsers(ctx.database.orm);
    ctx.server = await listenOn(ctx.database.orm);
    await ctx.server.app.definitions!.publish(CHAIN);
    ctx.mediator = await signIn(ctx.server.baseUrl, 'v_med', DEMO_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await ctx.server?.close();
    await ctx.database?.close();
  });
  return ctx;
}

async function startCase(mediator: HttpSession): Promise<Case> {
  const started = await mediator.post('/api/instances', { definitionId: CHAIN.id });
  expect(started.status, started.text).toBe(201);
  const { instanceId, tasks } = started.body as { instanceId: string; tasks: { id: string }[] };
  return { instanceId, taskId: tasks[0]!.id };
}

/** How many times the case's first task was completed, and the steps open now. */
async function effectOf(mediator: HttpSession, c: Case): Promise<{ completions: number; open: string[] }> {
  const history = (await mediator.get(`/api/instances/${c.instanceId}/history`)).body as { events: { type: string }[] };
  const view = (await mediator.get(`/api/instances/${c.instanceId}`)).body as { tasks: { stepId: string }[] };
  return { completions: history.events.filter((e) => e.type === 'task.completed').length, open: view.tasks.map((t) => t.stepId) };
}

const isInProgress = (a: HttpAnswer) => a.status === 409 && (a.body as { code?: string }).code === 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS';

describe.each(TEST_DATABASES)('retries with one Idempotency-Key over HTTP on $name', { timeout: countFor(60_000, 600_000) }, (db) => {
  const ctx = useServer(db);

  it(`${CASES} cases × ${RETRIES} sequential retries: identical answers (status and body byte for byte), one effect`, async () => {
    let held = 0;
    const failures: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const c = await startCase(ctx.mediator);
      const key = `seq-${n}-${c.instanceId}`;
      const answers: HttpAnswer[] = [];
      for (let i = 0; i < RETRIES; i++) answers.push(await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'once' }, key));
      const effect = await effectOf(ctx.mediator, c);
      const ok = answers[0]!.status === 200 && !answers[0]!.replayed && answers.slice(1).every((a) => a.replayed && a.status === 200 && a.text === answers[0]!.text)
        && effect.completions === 1 && JSON.stringify(effect.open) === '["investigate"]';
      if (ok) held += 1;
      else failures.push(`case ${n}: ${JSON.stringify(answers.map((a) => `${a.status}${a.replayed ? ' replayed' : ''}`))}, ${JSON.stringify(effect)}`);
    }
    recordReliability({ check: `idempotent retries, sequential (${db.name})`, tried: `${CASES} cases × ${RETRIES} sequential submissions with one key`, attempts: CASES, held });
    expect(failures).toEqual([]);
  });

  it(`${CASES} cases × ${RETRIES} concurrent retries: those told "in progress" retry; every final answer is the first one, one effect`, async () => {
    let held = 0;
    let toldInProgress = 0;
    const failures: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const c = await startCase(ctx.mediator);
      const key = `par-${n}-${c.instanceId}`;
      const send = () => completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'once' }, key);
      const first = await Promise.all(Array.from({ length: RETRIES }, send));
      toldInProgress += first.filter(isInProgress).length;
      // A client told "still in progress" retries; by then the first has answered (every request is awaited above).
      const final = await Promise.all(first.map((a) => (isInProgress(a) ? send() : a)));
      const originals = final.filter((a) => !a.replayed);
      const effect = await effectOf(ctx.mediator, c);
      const ok = originals.length === 1 && originals[0]!.status === 200 && final.every((a) => a.status === 200 && a.text === originals[0]!.text)
        && effect.completions === 1 && JSON.stringify(effect.open) === '["investigate"]';
      if (ok) held += 1;
      else failures.push(`case ${n}: ${JSON.stringify(final.map((a) => `${a.status}${a.replayed ? ' replayed' : ''} ${a.status !== 200 ? a.text.slice(0, 120) : ''}`))}, ${JSON.stringify(effect)}`);
    }
    recordReliability({
      check: `idempotent retries, concurrent (${db.name})`, tried: `${CASES} cases × ${RETRIES} simultaneous submissions with one key`, attempts: CASES, held,
      figures: { 'answered 409 in progress, then retried': toldInProgress },
    });
    expect(failures).toEqual([]);
  });

  it('the same key with another body is 422 CF_SERVER_IDEMPOTENCY_MISMATCH, with no second effect', async () => {
    let held = 0;
    for (let n = 0; n < CASES; n++) {
      const c = await startCase(ctx.mediator);
      const key = `mismatch-${n}-${c.instanceId}`;
      const first = await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'first' }, key);
      const other = await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'changed' }, key);
      const again = await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'first' }, key);
      const effect = await effectOf(ctx.mediator, c);
      expect(first.status).toBe(200);
      expect(other.status, other.text).toBe(422);
      expect((other.body as { code: string }).code).toBe('CF_SERVER_IDEMPOTENCY_MISMATCH');
      expect(again.text).toBe(first.text);
      expect(effect).toEqual({ completions: 1, open: ['investigate'] });
      held += 1;
    }
    recordReliability({ check: `idempotency key reused with another body (${db.name})`, tried: `${CASES} cases: key, same key + other body, key again`, attempts: CASES, held });
  });
});

// PostgreSQL has row locks: holding the case's row from another connection holds the first request
// inside its commit for as long as the test needs: no sleep, no race.
describe('a retry while the first request is still running, on postgresql', { timeout: countFor(60_000, 300_000) }, () => {
  const ctx = useServer(TEST_DATABASES.find((d) => d.name === 'postgresql')!);

  it('is 409 CF_SERVER_IDEMPOTENCY_IN_PROGRESS; once the first ends, a retry answers what the first answered', async () => {
    let held = 0;
    for (let n = 0; n < CASES; n++) {
      const c = await startCase(ctx.mediator);
      const key = `running-${n}-${c.instanceId}`;
      const knex = (ctx.database.orm.em.getConnection() as unknown as PostgreSqlConnection).getKnex();
      const lock = await knex.transaction();
      let first: Promise<HttpAnswer> | undefined;
      try {
        await lock.raw('select 1 from process_instance where instance_id = ? for update', [c.instanceId]);
        first = completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'slow' }, key);
        // The first request is running once its commit waits for the row (it cannot finish: the row is ours).
        await waitFor(async () => (await knex.raw(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%update%process_instance%'`)).rows.length > 0);
        const retry = await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'slow' }, key);
        expect(retry.status, retry.text).toBe(409);
        expect((retry.body as { code: string }).code).toBe('CF_SERVER_IDEMPOTENCY_IN_PROGRESS');
      } finally {
        await lock.commit();
      }
      const answered = await first!;
      expect(answered.status, answered.text).toBe(200);
      const later = await completeTask(ctx.mediator, c.instanceId, c.taskId, { note: 'slow' }, key);
      expect(later.replayed).toBe(true);
      expect(later.text).toBe(answered.text);
      expect(await effectOf(ctx.mediator, c)).toEqual({ completions: 1, open: ['investigate'] });
      held += 1;
    }
    recordReliability({ check: 'retry while the first request runs (postgresql)', tried: `${CASES} cases: first request held in its commit by a row lock, retry, release`, attempts: CASES, held });
  });
});

/** Polls `condition` until it holds (a condition, not a fixed sleep); fails after 20 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('waitFor: the condition did not hold within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
