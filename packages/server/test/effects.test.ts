import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant, parseInstant, startInstance, step } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, childInstanceId, createEffectDispatcher, createIdempotencyGuard, createSqlStore, createTimerScheduler, seedDemoUsers, serverEngineOptions } from '../src/index.js';
import { EffectOutboxEntity, IdempotencyKeyEntity, InstanceEntity, NotificationEntity, SubprocessLinkEntity } from '../src/entities/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// What a command leaves to the server besides tasks and timers: notifications (stored with the
// command), subprocess cases (started through the outbox, their end reported to the parent), and
// the Idempotency-Key's response (stored in the command's own transaction).

const t = (s: string) => ({ 'zh-CN': s, en: s });
const PASSWORD = 'demo-password-2027';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';

const CHILD: ProcessDefinition = {
  schemaVersion: 1, id: 'effects-child', version: 1, title: t('child'),
  roles: { V_MED: { title: t('mediator') } },
  forms: { ok: { title: t('ok'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  start: 'check',
  steps: {
    check: { kind: 'task', title: t('check'), form: 'ok', assignee: { role: 'V_MED' }, next: 'cleared' },
    cleared: { kind: 'end', outcome: 'CLEARED', title: t('cleared') },
  },
};

const PARENT: ProcessDefinition = {
  schemaVersion: 1, id: 'effects-parent', version: 1, title: t('parent'),
  roles: { V_MED: { title: t('mediator') }, T_CENTER: { title: t('town centre') } },
  forms: { ok: { title: t('ok'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  data: { schema: { type: 'object', properties: { people: { type: 'array', items: { type: 'string' } } } } },
  start: 'vetAll',
  steps: {
    vetAll: { kind: 'subprocess', definition: { id: 'effects-child' }, forEach: 'data.people', input: { person: 'item' }, saveAs: 'vettings', next: 'review' },
    review: {
      kind: 'task', title: t('review'), form: 'ok', assignee: { role: 'V_MED' },
      deadline: { duration: { hours: 2 }, basis: t('internal SLA'), onExpiry: { notify: [{ role: 'T_CENTER', level: 'town', message: t('review overdue') }] } },
      next: 'done',
    },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};

describe.each(TEST_DATABASES)('effects of commands on $name', (database) => {
  let db: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  let clock = Date.parse('2027-03-01T09:00:00+08:00');
  const now = () => formatInstant(clock);

  const as = (user: string) => ({ cookie: cookies.get(user)! });
  async function openTasks(user: string) {
    const res = await app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: as(user) });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { instanceId: string; taskId: string; stepId: string }[] }).items;
  }
  async function complete(user: string, instanceId: string, taskId: string, key: string) {
    return app.inject({ method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`, headers: { ...as(user), 'idempotency-key': key }, payload: { data: { note: 'ok' } } });
  }

  beforeAll(async () => {
    db = await database.open();
    await seedDemoUsers(db.orm, { production: false, password: PASSWORD, adminPassword: 'admin-password-very-long' });
    app = await buildApp({ orm: db.orm, studioDir: false });
    await app.definitions!.publish(CHILD);
    await app.definitions!.publish(PARENT);
    for (const [username, password] of [['v_med', PASSWORD], ['t_center', PASSWORD], ['admin', 'admin-password-very-long']] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect(res.statusCode).toBe(200);
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('starts one subprocess case per item before answering, and the parent moves on when they have all ended', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('v_med'), payload: { definitionId: 'effects-parent', data: { people: ['110101198001010010', '110101199012310056'] } } });
    expect(started.statusCode, started.body).toBe(201);
    const parentId = (started.json() as { instanceId: string }).instanceId;
    const em = db.orm.em.fork();
    const links = await em.find(SubprocessLinkEntity, { parentInstanceId: parentId }, { orderBy: { key: 'asc' } });
    expect(links).toHaveLength(2);
    for (const link of links) expect(link.childInstanceId).toBe(childInstanceId(parentId, link.key));
    const childTasks = (await openTasks('v_med')).filter((task) => links.some((l) => l.childInstanceId === task.instanceId));
    expect(childTasks).toHaveLength(2);
    expect(await em.count(EffectOutboxEntity, { doneAt: null })).toBe(0);

    expect((await complete('v_med', childTasks[0]!.instanceId, childTasks[0]!.taskId, 'child-1')).statusCode).toBe(200);
    let parent = await app.inject({ method: 'GET', url: `/api/instances/${parentId}`, headers: as('v_med') });
    expect((parent.json() as { tasks: unknown[] }).tasks).toEqual([]);

    expect((await complete('v_med', childTasks[1]!.instanceId, childTasks[1]!.taskId, 'child-2')).statusCode).toBe(200);
    parent = await app.inject({ method: 'GET', url: `/api/instances/${parentId}`, headers: as('v_med') });
    const view = parent.json() as { tasks: { stepId: string }[]; data: { vettings: { outcome: string }[] } };
    expect(view.tasks.map((task) => task.stepId)).toEqual(['review']);
    expect(view.data.vettings.map((v) => v.outcome)).toEqual(['CLEARED', 'CLEARED']);
    const history = await app.inject({ method: 'GET', url: `/api/instances/${parentId}/history`, headers: as('v_med') });
    expect((history.json() as { events: { type: string }[] }).events.filter((e) => e.type === 'subprocess.completed')).toHaveLength(2);
  }, DATABASE_TEST_TIMEOUT_MS);

  it('cancels the subprocess cases still running when their parent is cancelled', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('v_med'), payload: { definitionId: 'effects-parent', data: { people: ['110101198001010010'] } } });
    const parentId = (started.json() as { instanceId: string }).instanceId;
    const link = await db.orm.em.fork().findOneOrFail(SubprocessLinkEntity, { parentInstanceId: parentId });
    const cancelled = await app.inject({ method: 'POST', url: `/api/instances/${parentId}/cancel`, headers: as('admin'), payload: { reason: '申请人撤回' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const child = await db.orm.em.fork().findOneOrFail(InstanceEntity, { instanceId: link.childInstanceId }, { disableIdentityMap: true });
    expect(child.status).toBe('cancelled');
    expect((await openTasks('v_med')).some((task) => task.instanceId === link.childInstanceId)).toBe(false);
  }, DATABASE_TEST_TIMEOUT_MS);

  it('does outbox work left behind by a crash exactly once, even with two workers', async () => {
    // A subprocess start committed, but the server died before doing it: the row waits in the outbox.
    const store = createSqlStore(db.orm);
    const parentId = 'crashed-parent';
    const actor = { id: 'u-test', roles: ['V_MED'], orgUnit: VILLAGE };
    const result = startInstance(PARENT, { instanceId: parentId, orgUnit: VILLAGE, data: { people: ['110101198001010010'] } }, { now: now(), actor }, serverEngineOptions());
    await store.create(result.snapshot, result.events, result.effects);
    const em = db.orm.em.fork();
    expect(await em.count(EffectOutboxEntity, { instanceId: parentId, doneAt: null })).toBe(1);
    const definitions = { get: async (id: string, v: number) => (await app.definitions!.get(id, v))?.document, latest: (id: string) => app.definitions!.latest(id) };
    const workers = [db.orm, await db.openAnother()].map((orm, i) => createEffectDispatcher({ orm, store: createSqlStore(orm), definitions, engineOptions: serverEngineOptions(), worker: `w${i}`, now }));
    await Promise.all(workers.map((w) => w.runOnce()));
    expect(await em.count(EffectOutboxEntity, { instanceId: parentId, doneAt: null })).toBe(0);
    expect(await em.count(SubprocessLinkEntity, { parentInstanceId: parentId })).toBe(1);
    expect(await em.count(InstanceEntity, { instanceId: childInstanceId(parentId, (await em.findOneOrFail(SubprocessLinkEntity, { parentInstanceId: parentId })).key) })).toBe(1);
  }, DATABASE_TEST_TIMEOUT_MS);

  it('stores the notifications of a deadline that passed and shows them to the units they are meant for', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('v_med'), payload: { definitionId: 'effects-parent', data: { people: [] } } });
    expect(started.statusCode, started.body).toBe(201);
    const parentId = (started.json() as { instanceId: string }).instanceId;
    const scheduler = createTimerScheduler({
      store: createSqlStore(db.orm), definitions: app.definitions!.asDefinitionSource(), engineOptions: serverEngineOptions(), worker: 'timer-test',
      now: () => formatInstant(parseInstant(now()) + 3 * 3_600_000),
    });
    expect(await scheduler.runOnce()).toBeGreaterThanOrEqual(1);
    const em = db.orm.em.fork();
    const rows = await em.find(NotificationEntity, { instanceId: parentId });
    expect(rows.map((r) => [r.role, r.orgUnit, r.message.en])).toEqual([['T_CENTER', 'county:huaxi/town:qingshi', 'review overdue']]);
    const town = await app.inject({ method: 'GET', url: '/api/notifications', headers: as('t_center') });
    expect(town.statusCode).toBe(200);
    expect((town.json() as { items: { instanceId: string }[] }).items.map((n) => n.instanceId)).toContain(parentId);
    const village = await app.inject({ method: 'GET', url: '/api/notifications', headers: as('v_med') });
    expect((village.json() as { items: { instanceId: string }[] }).items.map((n) => n.instanceId)).not.toContain(parentId);
  }, DATABASE_TEST_TIMEOUT_MS);

  it('answers a retried start with the first case instead of opening a second one', async () => {
    const payload = { definitionId: 'effects-parent', data: { people: [] } };
    const headers = { ...as('v_med'), 'idempotency-key': 'start-once' };
    const first = await app.inject({ method: 'POST', url: '/api/instances', headers, payload });
    const again = await app.inject({ method: 'POST', url: '/api/instances', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await app.inject({ method: 'POST', url: '/api/instances', headers, payload: { ...payload, data: { people: ['110101198001010010'] } } });
    expect(other.statusCode).toBe(422);
    expect((other.json() as { code: string }).code).toBe('CF_SERVER_IDEMPOTENCY_MISMATCH');
    const key = await db.orm.em.fork().findOneOrFail(IdempotencyKeyEntity, { key: 'start-once' });
    expect(key.status).toBe('done');
  }, DATABASE_TEST_TIMEOUT_MS);

  it('keeps a command and its remembered response in one transaction', async () => {
    const store = createSqlStore(db.orm);
    const guard = createIdempotencyGuard(db.orm);
    const actor = { id: 'u-atomic', roles: ['V_MED'], orgUnit: VILLAGE };
    const opened = startInstance(PARENT, { instanceId: 'atomic-case', orgUnit: VILLAGE, data: { people: [] } }, { now: now(), actor }, serverEngineOptions());
    const created = await store.create(opened.snapshot, opened.events, opened.effects);
    const taskId = Object.keys(opened.snapshot.context.tasks)[0]!;
    const completed = step(PARENT, created.snapshot, { type: 'complete', taskId, data: { note: 'ok' } }, { now: now(), actor }, serverEngineOptions());

    // The transaction fails after the response was written into it: neither the step nor the
    // response is stored, and the key is free again, so the retry runs the command.
    await expect(guard.run({ actorId: actor.id, key: 'atomic', requestHash: 'h', work: async (recordWithin) => {
      await store.commit('atomic-case', created.version, completed.snapshot, completed.events, completed.effects, async (em) => {
        await recordWithin({ status: 200, body: { ok: true } })(em);
        throw new Error('disk full');
      });
      return { status: 200, body: { ok: true }, record: true };
    } })).rejects.toThrow('disk full');
    expect((await store.load('atomic-case'))!.version).toBe(created.version);
    expect(await db.orm.em.fork().count(IdempotencyKeyEntity, { key: 'atomic' })).toBe(0);

    // The retry commits both together: the key is done when the command's transaction commits
    // (work answers record: false, so the guard writes nothing itself and answers what was recorded).
    const outcome = await guard.run({ actorId: actor.id, key: 'atomic', requestHash: 'h', work: async (recordWithin) => {
      await store.commit('atomic-case', created.version, completed.snapshot, completed.events, completed.effects, recordWithin({ status: 200, body: { ok: true } }));
      return { status: 200, body: { ok: true }, record: false };
    } });
    expect(outcome.status).toBe(200);
    expect((await store.load('atomic-case'))!.version).toBe(created.version + 1);
    // A later retry whose work fails (as a command finding its task done) answers the recorded response.
    const replay = await guard.run({ actorId: actor.id, key: 'atomic', requestHash: 'h', work: async () => { throw new Error('the task is done'); } });
    expect(replay).toEqual({ status: 200, body: { ok: true }, replayed: true });
  }, DATABASE_TEST_TIMEOUT_MS);
});
