import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, createTestClock, seedDemoUsers, testClockFromEnv } from '../src/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const START = '2027-01-04T09:00:00+08:00';

/** A one-hour wait, then a task for the administrator: one timer to fire. */
const WAIT: ProcessDefinition = {
  schemaVersion: 1, id: 'test-clock-wait', version: 1, title: t('test clock wait'),
  roles: { ADMIN: { title: t('administrator') } },
  forms: { f: { title: t('f'), schema: { type: 'object', properties: {} } } },
  start: 'wait',
  steps: {
    wait: { kind: 'wait', duration: { hours: 1 }, basis: t('test'), next: 'task' },
    task: { kind: 'task', title: t('task'), form: 'f', assignee: { role: 'ADMIN' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};

interface HistoryEvent { type: string; at: string; actor?: { id: string } }

describe('the simulated clock', () => {
  it('ticks with the wall clock from its start, moves forward only, and counts instants to the second', () => {
    let wall = parseInstant(START) - 5_000;
    const clock = createTestClock({ start: START, wallMs: () => wall });
    wall += 2_000;
    expect(clock.now()).toBe('2027-01-04T09:00:02+08:00');
    expect(clock.advance({ days: 1, hours: 2, minutes: 3 })).toBe('2027-01-05T11:03:02+08:00');
    expect(clock.moveTo('2027-01-06T00:00:00+08:00')).toBe('2027-01-06T00:00:00+08:00');
    expect(clock.moveTo('2027-01-06T00:00:00+08:00')).toBe('2027-01-06T00:00:00+08:00');
    expect(() => clock.moveTo('2027-01-05T23:59:59+08:00')).toThrow(/never runs backwards/);
    expect(clock.now()).toBe('2027-01-06T00:00:00+08:00');
  });

  it('is turned on only by CIVICFLOW_TEST_CLOCK=1, and never in production', () => {
    expect(testClockFromEnv({})).toEqual({});
    expect(testClockFromEnv({ CIVICFLOW_TEST_CLOCK: 'true' })).toEqual({});
    expect(testClockFromEnv({ CIVICFLOW_TEST_CLOCK: '1' })).toEqual({ testClock: {} });
    expect(() => testClockFromEnv({ CIVICFLOW_TEST_CLOCK: '1', NODE_ENV: 'production' })).toThrow(/refused with NODE_ENV=production/);
  });
});

describe.each(TEST_DATABASES)('POST /api/test/clock on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  let plain: FastifyInstance;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const login = async (on: FastifyInstance, username: string, password: string) => {
    const res = await on.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  };

  beforeAll(async () => {
    database = await db.open();
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    plain = await buildApp({ orm: database.orm });
    app = await buildApp({ orm: database.orm, testClock: { start: START } });
    await app.definitions!.publish(WAIT);
    cookies.set('admin', await login(app, 'admin', ADMIN_PASSWORD));
    cookies.set('v_med', await login(app, 'v_med', PASSWORD));
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await plain?.close();
    await app?.close();
    await database?.close();
  });

  it('does not exist without the test clock, not even for administrators, nor in the API description', async () => {
    const cookie = await login(plain, 'admin', ADMIN_PASSWORD);
    expect((await plain.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie } })).statusCode).toBe(404);
    expect((await plain.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { days: 1 } } })).statusCode).toBe(404);
    const spec = (await plain.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).not.toContain('/api/test/clock');
    const testSpec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { post?: { tags?: string[] } }> };
    expect(testSpec.paths['/api/test/clock']?.post?.tags).toEqual(['test']);
  });

  it('answers 401 without a session and 403 to anyone who is no administrator', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/test/clock' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/test/clock', payload: { advance: { days: 1 } } })).statusCode).toBe(401);
    const cookie = cookies.get('v_med')!;
    expect((await app.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie } })).statusCode).toBe(403);
    const refused = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { days: 1 } } });
    expect(refused.statusCode).toBe(403);
    // Nothing moved.
    const { now } = (await app.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie: cookies.get('admin')! } })).json() as { now: string };
    expect(parseInstant(now) - parseInstant(START)).toBeLessThan(60_000);
  });

  it('commands run at the simulated time; advancing past a wait fires its timer exactly once', async () => {
    const cookie = cookies.get('admin')!;
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: WAIT.id } });
    expect(started.statusCode).toBe(201);
    const { instanceId } = started.json() as { instanceId: string };
    const history = async () => ((await app.inject({ method: 'GET', url: `/api/instances/${instanceId}/history`, headers: { cookie } })).json() as { events: HistoryEvent[] }).events;
    const startedAt = (await history())[0]!.at;
    expect(parseInstant(startedAt) - parseInstant(START)).toBeLessThan(60_000);

    // 59 minutes: not yet due.
    const early = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { minutes: 59 } } });
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ timersFired: 0 });
    expect((await history()).filter((e) => e.type === 'timer.fired')).toHaveLength(0);

    const due = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { minutes: 2 } } });
    expect(due.statusCode).toBe(200);
    const { now, timersFired } = due.json() as { now: string; timersFired: number };
    expect(timersFired).toBe(1);
    expect(parseInstant(now) - parseInstant(startedAt)).toBeGreaterThanOrEqual(61 * 60_000);
    expect((await app.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie } })).json()).toMatchObject({ now: expect.any(String) as string });

    // Moving on fires nothing more: the timer left the snapshot when it fired.
    const later = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { days: 3 } } });
    expect(later.json()).toMatchObject({ timersFired: 0 });
    const fired = (await history()).filter((e) => e.type === 'timer.fired');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.actor?.id).toBe('system:timer');
    const open = (await app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: { cookie } })).json() as { tasks: { stepId: string }[] };
    expect(open.tasks.map((x) => x.stepId)).toEqual(['task']);
  });

  it('refuses to move backwards or to a malformed instant, in both languages, and keeps the time', async () => {
    const cookie = cookies.get('admin')!;
    const { now } = (await app.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie } })).json() as { now: string };
    const back = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { to: START } });
    expect(back.statusCode).toBe(422);
    const body = back.json() as { code: string; message: { 'zh-CN': string; en: string } };
    expect(body.code).toBe('CF_SERVER_TEST_CLOCK_BACKWARDS');
    expect(body.message['zh-CN']).toContain('不能倒退');
    expect(body.message.en).toContain('never runs backwards');
    const malformed = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { to: '2027-13-01' } });
    expect(malformed.statusCode).toBe(422);
    expect((malformed.json() as { code: string }).code).toBe('CF_SERVER_TEST_CLOCK_BAD_INSTANT');
    expect((await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { days: 1 }, to: now } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { advance: { days: -1 } } })).statusCode).toBe(400);
    const after = (await app.inject({ method: 'GET', url: '/api/test/clock', headers: { cookie } })).json() as { now: string };
    expect(parseInstant(after.now) - parseInstant(now)).toBeLessThan(60_000);
    expect(parseInstant(after.now)).toBeGreaterThanOrEqual(parseInstant(now));

    const forward = await app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie }, payload: { to: '2030-01-01T00:00:00+08:00' } });
    expect(forward.statusCode).toBe(200);
    expect(forward.json()).toMatchObject({ now: '2030-01-01T00:00:00+08:00', timersFired: 0 });
  });
});
