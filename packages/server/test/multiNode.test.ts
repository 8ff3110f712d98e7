import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant, parseInstant, startStored } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';
import { buildApp, closeOrm, createDefinitionRepository, createSqlStore, createTimerScheduler, seedDemoUsers, verifyChain } from '../src/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// Two server nodes sharing one database, as behind a load balancer: each node is its own ORM
// (its own connection pool) and its own app or timer worker, in this one test process.

const t = (s: string) => ({ 'zh-CN': s, en: s });
const PASSWORD = 'demo-password-2027';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';

/** One task for the village mediator, then the end. */
const REVIEW: ProcessDefinition = {
  schemaVersion: 1, id: 'multi-node-review', version: 1, title: t('multi-node review'),
  roles: { V_MED: { title: t('mediator') } },
  forms: { note: { title: t('note'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  start: 'review',
  steps: {
    review: { kind: 'task', title: t('review'), form: 'note', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};

/** A one-hour wait, then a task: each instance has exactly one timer to fire. */
const WAIT: ProcessDefinition = {
  schemaVersion: 1, id: 'multi-node-wait', version: 1, title: t('multi-node wait'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('f'), schema: { type: 'object', properties: {} } } },
  start: 'wait',
  steps: {
    wait: { kind: 'wait', duration: { hours: 1 }, basis: t('test'), next: 'task' },
    task: { kind: 'task', title: t('task'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const engineOptions = { validator: createFormValidator() };
const clerk = { id: 'c', roles: ['CLERK'], orgUnit: 'county:x' };

describe.each(TEST_DATABASES)('two server nodes on one $name database', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  let nodeA: FastifyInstance;
  let nodeB: FastifyInstance;
  beforeAll(async () => {
    database = await db.open();
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD });
    nodeA = await buildApp({ orm: database.orm });
    nodeB = await buildApp({ orm: await database.openAnother() });
    await nodeA.definitions!.publish(REVIEW);
    await nodeA.definitions!.publish(WAIT);
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await database?.close();
  });

  it('20 parallel completions of one task spread over both nodes: one 2xx, the rest 409, one event, an intact chain', async () => {
    // Signed in on node A; the session lives in the shared database, so node B knows it too.
    const login = await nodeA.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'v_med', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await nodeB.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);

    const started = await nodeB.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: REVIEW.id } });
    expect(started.statusCode).toBe(201);
    const { instanceId, tasks } = started.json() as { instanceId: string; tasks: { id: string; assignee: { orgUnit: string } }[] };
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.assignee.orgUnit).toBe(VILLAGE);
    const taskId = tasks[0]!.id;

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? nodeA : nodeB).inject({
      method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`,
      headers: { cookie, 'idempotency-key': `multi-node-${i}` }, payload: { data: { note: `attempt ${i}` } },
    })));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(['CF_ENGINE_STORE_CONFLICT', 'CF_SERVER_TASK_CLOSED']).toContain((r.json() as { code: string }).code);
    }

    const store = createSqlStore(database.orm);
    const history = await store.history(instanceId);
    expect(history.filter((e) => e.type === 'task.completed')).toHaveLength(1);
    expect((await store.load(instanceId))!.snapshot.status).toBe('done');
    expect(await verifyChain(database.orm, instanceId)).toEqual({ ok: true, events: history.length });
  });

  it('a node completes from the case as it wrote it only while no other node has written it since', async () => {
    const signIn = async (username: string) => String((await nodeA.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).headers['set-cookie']).split(';')[0]!;
    const [mediator, chair] = [await signIn('v_med'), await signIn('v_med_chair')];
    const complete = (node: FastifyInstance, cookie: string, instanceId: string, taskId: string, key: string) => node.inject({
      method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`, headers: { cookie, 'idempotency-key': key }, payload: { data: { note: key } },
    });
    const startOnA = async () => {
      const started = (await nodeA.inject({ method: 'POST', url: '/api/instances', headers: { cookie: mediator }, payload: { definitionId: REVIEW.id } })).json() as { instanceId: string; tasks: { id: string }[] };
      return { instanceId: started.instanceId, taskId: started.tasks[0]!.id };
    };

    // Node A started the case; node B completed its task since. Node A answers as the case is now
    // (the task is closed), not as it wrote it, and not with a bare version conflict.
    const closed = await startOnA();
    expect((await complete(nodeB, mediator, closed.instanceId, closed.taskId, 'b-first')).statusCode).toBe(200);
    const late = await complete(nodeA, chair, closed.instanceId, closed.taskId, 'a-late');
    expect(late.statusCode).toBe(409);
    expect((late.json() as { code: string }).code).toBe('CF_SERVER_TASK_CLOSED');

    // Node A wrote the mediator's claim; node B released it since. The chair, refused by the claim
    // as node A wrote it, completes the task: the refusal is decided again on the case as it is.
    const released = await startOnA();
    const claimUrl = (verb: string) => `/api/tasks/${released.instanceId}/${encodeURIComponent(released.taskId)}/${verb}`;
    expect((await nodeA.inject({ method: 'POST', url: claimUrl('claim'), headers: { cookie: mediator } })).statusCode).toBe(200);
    expect((await nodeB.inject({ method: 'POST', url: claimUrl('release'), headers: { cookie: mediator } })).statusCode).toBe(200);
    const done = await complete(nodeA, chair, released.instanceId, released.taskId, 'a-after-release');
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as { status: string }).status).toBe('done');
    expect(await verifyChain(database.orm, released.instanceId)).toMatchObject({ ok: true });
  });

  it('two timer workers, one per node, running rounds at once fire each of 30 due timers exactly once', async () => {
    // 10 timers fell due while the whole service was down (a node that has since gone) ...
    const gone = await database.openAnother();
    for (let i = 0; i < 10; i++) {
      await startStored(createSqlStore(gone), WAIT, { instanceId: `down-${i}`, orgUnit: 'county:x' }, { now: formatInstant(parseInstant('2027-01-04T06:00:00+08:00') + i * 60_000), actor: clerk }, engineOptions);
    }
    await closeOrm(gone);
    // ... and 20 more fall due while both nodes run, started on either node.
    const [ormA, ormB] = [nodeA.orm!, nodeB.orm!];
    for (let i = 0; i < 20; i++) {
      await startStored(createSqlStore(i % 2 ? ormA : ormB), WAIT, { instanceId: `up-${i}`, orgUnit: 'county:x' }, { now: formatInstant(parseInstant('2027-01-04T10:00:00+08:00') + i * 60_000), actor: clerk }, engineOptions);
    }
    const ids = [...Array.from({ length: 10 }, (_, i) => `down-${i}`), ...Array.from({ length: 20 }, (_, i) => `up-${i}`)];

    const firedBy = new Map<string, string[]>();
    const errors: unknown[] = [];
    const worker = (name: string, orm: typeof ormA, batchSize: number) => createTimerScheduler({
      store: createSqlStore(orm), definitions: createDefinitionRepository(orm).asDefinitionSource(), engineOptions, worker: name,
      now: () => '2027-01-04T12:00:00+08:00', batchSize,
      onFired: (instanceId) => { firedBy.set(instanceId, [...(firedBy.get(instanceId) ?? []), name]); },
      onError: (error) => { errors.push(error); },
    });
    // Small batches, so that the two workers' claims interleave over several rounds each.
    const [a, b] = [worker('node-a', ormA, 4), worker('node-b', ormB, 3)];
    let fired = 0;
    for (let round = 0; round < 3; round++) {
      const [fa, fb] = await Promise.all([a.runOnce(), b.runOnce()]);
      fired += fa + fb;
    }

    expect(errors).toEqual([]);
    expect(fired).toBe(30);
    expect([...firedBy.keys()].sort()).toEqual([...ids].sort());
    expect([...firedBy.values()].filter((workers) => workers.length !== 1)).toEqual([]);
    const store = createSqlStore(database.orm);
    for (const id of ids) {
      expect((await store.history(id)).filter((e) => e.type === 'timer.fired'), id).toHaveLength(1);
    }
  });
});
