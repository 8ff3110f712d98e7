import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, requestHash, seedDemoUsers } from '../src/index.js';
import type { Orm } from '../src/index.js';
import { IdempotencyKeyEntity, TaskEntity } from '../src/entities/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const example = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const OTHER_VILLAGE = 'county:huaxi/town:qingshi/village:xiahe';
/** Today in China: the intake form's dates may not lie in the future. */
const TODAY = formatInstant(Date.now()).slice(0, 10);
const ID_A = '110101198001010010';
const ID_D = '110101199012310056';
const ID_BAD = '110101198001010011'; // wrong check digit

const sig = { method: '手写签名', signed_on: TODAY };
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const intake = (applicantId = ID_A) => ({
  source: '当事人申请', applicants: [person('A1', '张三', applicantId)], respondents: [person('R1', '李四', ID_D)], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig, received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
});
const rights = () => ({
  mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
  acks: ['A1', 'R1'].map((r) => ({ party_ref: r, signature: sig, date: TODAY })), consent: ['A1', 'R1'].map((r) => ({ party_ref: r, decision: '同意' })),
});

interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: unknown; details?: unknown }
interface TaskSummaryJson { id: string; stepId: string; canAct: boolean; assignee: { role: string; orgUnit: string } }
interface CommandJson { instanceId: string; status: string; outcome: unknown; tasks: TaskSummaryJson[] }
interface InboxJson { items: { instanceId: string; taskId: string; stepId: string; case: { orgUnit: string } }[]; nextCursor: string | null }
interface HistoryJson { events: { seq: number; type: string; taskId?: string; actor?: { id: string; roles: string[]; orgUnit: string } }[] }

// The app and sessions of the database being run (the describe blocks of the dialects run one after the other).
let orm: Orm;
let app: FastifyInstance;
const cookies = new Map<string, string>();

const as = (user: string) => ({ cookie: cookies.get(user)! });
const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: as(user) });
const start = (user: string, payload: Record<string, unknown> = { definitionId: 'dispute-mediation' }) =>
  app.inject({ method: 'POST', url: '/api/instances', headers: as(user), payload });
const complete = (user: string, instanceId: string, taskId: string, data: unknown, key?: string) => app.inject({
  method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`,
  headers: { ...as(user), ...(key !== undefined ? { 'idempotency-key': key } : {}) }, payload: { data },
});
const inbox = async (user: string, query = '') => (await get(user, `/api/tasks${query}`)).json() as InboxJson;
const history = async (user: string, id: string) => (await get(user, `/api/instances/${id}/history`)).json() as HistoryJson;
const completions = (h: HistoryJson, taskId: string) => h.events.filter((e) => e.type === 'task.completed' && e.taskId === taskId).length;

describe.each(TEST_DATABASES)('cases and tasks over HTTP on $name (demo users)', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await db.open();
    orm = database.orm;
    cookies.clear();
    await seedDemoUsers(orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm });
    await app.definitions!.publish(example);
    for (const [username, password] of [['v_med', PASSWORD], ['v_med_dongyuan', PASSWORD], ['t_center', PASSWORD], ['t_center_dongshan', PASSWORD], ['voter', PASSWORD], ['teller', PASSWORD], ['admin', ADMIN_PASSWORD]] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect(res.statusCode, username).toBe(200);
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  let caseId = '';
  let intakeTask = '';
  let rightsTask = '';

  it('starting a case needs a session, a published process and a unit within the actor\'s', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/instances', payload: { definitionId: 'dispute-mediation' } })).statusCode).toBe(401);
    const elsewhere = await start('v_med', { definitionId: 'dispute-mediation', orgUnit: OTHER_VILLAGE });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'CF_SERVER_FORBIDDEN_ORG_UNIT', details: { orgUnit: OTHER_VILLAGE, actorUnit: VILLAGE } });
    expect((await start('v_med', { definitionId: 'no-such-process' })).json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    expect((await start('v_med', { definitionId: 'dispute-mediation', version: 9 })).statusCode).toBe(404);
    expect((await start('v_med', { definitionId: 'dispute-mediation', orgUnit: 'not a unit' })).statusCode).toBe(400);
  });

  it('the village mediator starts a dispute-mediation case in their village (201, server-chosen id, first task)', async () => {
    const res = await start('v_med');
    expect(res.statusCode).toBe(201);
    const body = res.json() as CommandJson & { definitionId: string; definitionVersion: number };
    expect(body.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['location']).toBe(`/api/instances/${body.instanceId}`);
    expect(body).toMatchObject({ definitionId: 'dispute-mediation', definitionVersion: 1, status: 'active', outcome: null });
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0]).toMatchObject({ stepId: 'intake', canAct: true, assignee: { role: 'V_MED', orgUnit: VILLAGE } });
    caseId = body.instanceId;
    intakeTask = body.tasks[0]!.id;
  });

  it('the task is in v_med\'s inbox and nobody else\'s (other street\'s mediator, other street\'s centre, the town centre)', async () => {
    const mine = await inbox('v_med');
    expect(mine.items.map((i) => [i.instanceId, i.taskId, i.stepId])).toEqual([[caseId, intakeTask, 'intake']]);
    expect(mine.items[0]!.case.orgUnit).toBe(VILLAGE);
    for (const other of ['v_med_dongyuan', 't_center_dongshan', 't_center']) expect((await inbox(other)).items, other).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
    expect((await get('v_med', '/api/tasks?limit=101')).json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
    expect((await get('v_med', '/api/tasks?cursor=garbage')).json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
  });

  it('opens the task with its form for v_med, 404 for those who may not act on it', async () => {
    const res = await get('v_med', `/api/tasks/${caseId}/${encodeURIComponent(intakeTask)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { task: { formId: string; formSchema: { properties: Record<string, unknown> } }; case: { orgUnit: string; status: string; definitionId: string } };
    expect(body.task.formId).toBe('BF1');
    expect(body.task.formSchema.properties).toHaveProperty('applicants');
    expect(body.case).toMatchObject({ orgUnit: VILLAGE, status: 'active', definitionId: 'dispute-mediation' });
    for (const other of ['v_med_dongyuan', 't_center']) {
      const denied = await get(other, `/api/tasks/${caseId}/${encodeURIComponent(intakeTask)}`);
      expect(denied.statusCode, other).toBe(404);
      expect(denied.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    }
    expect((await get('v_med', `/api/tasks/${caseId}/task:999`)).statusCode).toBe(404);
  });

  it('refuses a completion without an Idempotency-Key (400)', async () => {
    const res = await complete('v_med', caseId, intakeTask, intake());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_KEY_REQUIRED' });
  });

  it('refuses a bad ID number with 422 and the pointer, and answers the same refusal to a retry with that key', async () => {
    const res = await complete('v_med', caseId, intakeTask, intake(ID_BAD), 'key-bad-id');
    expect(res.statusCode).toBe(422);
    const err = res.json() as ErrorJson & { details: { pointer: string; code: string }[] };
    expect(err.code).toBe('CF_ENGINE_FORM_INVALID');
    expect(err.details.map((d) => d.pointer)).toContain('/applicants/0/id_no');
    const again = await complete('v_med', caseId, intakeTask, intake(ID_BAD), 'key-bad-id');
    expect(again.statusCode).toBe(422);
    expect(again.body).toBe(res.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(completions(await history('v_med', caseId), intakeTask)).toBe(0);
  });

  it('completes the task (200) and the next one appears; a replay answers the same without a second event', async () => {
    const res = await complete('v_med', caseId, intakeTask, intake(), 'key-intake');
    expect(res.statusCode).toBe(200);
    const body = res.json() as CommandJson;
    expect(body.status).toBe('active');
    expect(body.tasks.map((t) => t.stepId)).toEqual(['rightsNotice']);
    rightsTask = body.tasks[0]!.id;
    expect((await inbox('v_med')).items.map((i) => i.stepId)).toEqual(['rightsNotice']);

    const replay = await complete('v_med', caseId, intakeTask, intake(), 'key-intake');
    expect(replay.statusCode).toBe(200);
    expect(replay.body).toBe(res.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(completions(await history('v_med', caseId), intakeTask)).toBe(1);
    expect((await history('v_med', caseId)).events.filter((e) => e.type === 'task.completed')).toHaveLength(1);

    const other = await complete('v_med', caseId, intakeTask, { ...intake(), summary: '另一份内容，另一份内容，另一份内容，另一份内容。' }, 'key-intake');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_MISMATCH' });
    // The same key on another task's URL is another request too.
    expect((await complete('v_med', caseId, rightsTask, intake(), 'key-intake')).json()).toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_MISMATCH' });
    // Keys are per actor: another user's identical key is their own (and they may not act: 404).
    expect((await complete('v_med_dongyuan', caseId, intakeTask, intake(), 'key-intake')).statusCode).toBe(404);
  });

  it('a completed task submitted again under a new key is 409 CF_SERVER_TASK_CLOSED (not remembered under that key)', async () => {
    const res = await complete('v_med', caseId, intakeTask, intake(), 'key-late');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_TASK_CLOSED' });
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: 'key-late' })).toBe(0);
  });

  it('answers 409 CF_SERVER_IDEMPOTENCY_IN_PROGRESS while the first request with the key is running', async () => {
    const data = rights();
    const path = `/api/tasks/${caseId}/${rightsTask}/complete`;
    await orm.em.fork().insert(IdempotencyKeyEntity, { key: 'key-running', actor: 'u-v_med', requestHash: requestHash('POST', path, { data }), status: 'in_progress', response: null, createdAt: new Date() });
    const res = await complete('v_med', caseId, rightsTask, data, 'key-running');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS' });
    expect(completions(await history('v_med', caseId), rightsTask)).toBe(0);
  });

  it('20 parallel completions of one task with different keys: exactly one 2xx, the rest 409, one event', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => complete('v_med', caseId, rightsTask, rights(), `key-race-${i}`)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      const err = r.json() as ErrorJson;
      expect(['CF_ENGINE_STORE_CONFLICT', 'CF_SERVER_TASK_CLOSED']).toContain(err.code);
      if (err.code === 'CF_ENGINE_STORE_CONFLICT') expect(err.message.en).toContain('changed by someone else');
    }
    expect(completions(await history('v_med', caseId), rightsTask)).toBe(1);
    // Only the winner's key is remembered.
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: { $like: 'key-race-%' } })).toBe(1);
  });

  it('shows the case and its timeline to the town centre above the village, 404 to another street\'s centre', async () => {
    const view = await get('t_center', `/api/instances/${caseId}`);
    expect(view.statusCode).toBe(200);
    const body = view.json() as { status: string; orgUnit: string; definitionVersion: number; data: Record<string, unknown>; tasks: TaskSummaryJson[]; state: unknown };
    expect(body).toMatchObject({ status: 'active', orgUnit: VILLAGE, definitionVersion: 1 });
    expect(body.data).toHaveProperty('intake');
    expect(body.tasks.every((t) => !t.canAct)).toBe(true);

    const timeline = await get('t_center', `/api/instances/${caseId}/history`);
    expect(timeline.statusCode).toBe(200);
    const h = timeline.json() as HistoryJson;
    expect(h.events[0]).toMatchObject({ seq: 1, type: 'instance.started', actor: { id: 'u-v_med', orgUnit: VILLAGE } });
    expect(h.events.filter((e) => e.type === 'task.completed').map((e) => e.actor?.id)).toEqual(['u-v_med', 'u-v_med']);

    const missing = await get('t_center_dongshan', `/api/instances/00000000-0000-4000-8000-000000000000`);
    for (const url of [`/api/instances/${caseId}`, `/api/instances/${caseId}/history`]) {
      const denied = await get('t_center_dongshan', url);
      expect(denied.statusCode, url).toBe(404);
      expect((denied.json() as ErrorJson).code).toBe((missing.json() as ErrorJson).code);
      expect(denied.body).not.toContain('qingshicun');
    }
    expect((await get('v_med_dongyuan', `/api/instances/${caseId}`)).statusCode).toBe(404);
  });

  it('need to know: villagers of the same village who take no part in the case cannot read it (404)', async () => {
    for (const resident of ['voter', 'teller']) {
      for (const url of [`/api/instances/${caseId}`, `/api/instances/${caseId}/history`]) {
        const res = await get(resident, url);
        expect(res.statusCode, `${resident} ${url}`).toBe(404);
        expect(res.body).not.toContain('110101');
      }
    }
    expect((await get('v_med', `/api/instances/${caseId}`)).statusCode).toBe(200);
    expect((await get('admin', `/api/instances/${caseId}`)).statusCode).toBe(200);
  });

  it('pages the inbox soonest due first without losing or repeating tasks', async () => {
    for (let i = 0; i < 3; i++) expect((await start('v_med')).statusCode).toBe(201);
    const all = await inbox('v_med', '?limit=100');
    expect(all.items).toHaveLength(4);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: InboxJson = await inbox('v_med', `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((i) => `${i.instanceId}/${i.taskId}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all.items.map((i) => `${i.instanceId}/${i.taskId}`));

    // With due dates (set on the materialised rows): soonest first, undated last, pages agree.
    const [a, b, c, d] = all.items;
    await orm.em.fork().nativeUpdate(TaskEntity, { instance: c!.instanceId, taskId: c!.taskId }, { dueAt: new Date('2027-03-01T09:00:00+08:00') });
    await orm.em.fork().nativeUpdate(TaskEntity, { instance: a!.instanceId, taskId: a!.taskId }, { dueAt: new Date('2027-03-05T09:00:00+08:00') });
    await orm.em.fork().nativeUpdate(TaskEntity, { instance: d!.instanceId, taskId: d!.taskId }, { dueAt: new Date('2027-03-01T09:00:00+08:00') });
    const sameDue = [c!, d!].sort((x, y) => (x.instanceId < y.instanceId ? -1 : 1)).map((i) => `${i.instanceId}/${i.taskId}`);
    const expected = [...sameDue, `${a!.instanceId}/${a!.taskId}`, `${b!.instanceId}/${b!.taskId}`];
    expect((await inbox('v_med', '?limit=100')).items.map((i) => `${i.instanceId}/${i.taskId}`)).toEqual(expected);
    const paged: string[] = [];
    cursor = null;
    pages = 0;
    do {
      const page: InboxJson = await inbox('v_med', `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.items.map((i) => `${i.instanceId}/${i.taskId}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(paged).toEqual(expected);
  });

  it('cancelling is for administrators; a cancelled case leaves the inbox', async () => {
    const denied = await app.inject({ method: 'POST', url: `/api/instances/${caseId}/cancel`, headers: as('v_med'), payload: { reason: '当事人撤回申请' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'CF_SERVER_FORBIDDEN' });
    const res = await app.inject({ method: 'POST', url: `/api/instances/${caseId}/cancel`, headers: as('admin'), payload: { reason: '当事人撤回申请' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', outcome: { id: 'CANCELLED' }, tasks: [] });
    expect((await inbox('v_med')).items.map((i) => i.instanceId)).not.toContain(caseId);
    const again = await app.inject({ method: 'POST', url: `/api/instances/${caseId}/cancel`, headers: as('admin'), payload: { reason: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CF_ENGINE_INSTANCE_ENDED' });
  });

  it('describes the new paths in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/instances', '/api/instances/{id}', '/api/instances/{id}/history', '/api/instances/{id}/cancel',
      '/api/tasks', '/api/tasks/{instanceId}/{taskId}', '/api/tasks/{instanceId}/{taskId}/complete',
    ]));
  });
});
