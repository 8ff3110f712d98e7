import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, seedDemoUsers } from '../src/index.js';
import { RoleAssignmentEntity, UserEntity } from '../src/entities/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const mediation = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const TOWN = 'county:huaxi/town:qingshi';
const GONGAN = 'county:huaxi/dept:gongan';
const TODAY = formatInstant(Date.now()).slice(0, 10);
const sig = { method: '手写签名', signed_on: TODAY };
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const intake = {
  source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig, received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
};

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
/** A voter-list notice: the committee publishes it, then every voter may file objections (a standing, repeatable task). */
const notice: ProcessDefinition = {
  schemaVersion: 1, id: 'claims-notice', version: 1, title: t('选民名单公告', 'voter list notice'),
  roles: { VEC: { title: t('村民选举委员会', 'election committee') }, VOTER: { title: t('选民', 'voter') } },
  forms: {
    publish: { title: t('公布', 'publish'), schema: { type: 'object', properties: { on: { type: 'string', format: 'date' } }, required: ['on'] } },
    objection: { title: t('异议', 'objection'), schema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } },
    decide: { title: t('处理', 'decision'), schema: { type: 'object', properties: { decision: { type: 'string' } }, required: ['decision'] } },
  },
  start: 'list',
  steps: {
    list: {
      kind: 'notice', title: t('选民名单公告', 'voter list notice'),
      publish: { form: 'publish', assignee: { role: 'VEC' }, publishedOn: 'form.on' },
      period: { days: 5 }, basis: t('村民委员会组织法第十四条', 'VCOL Art 14'),
      objections: { form: 'objection', filedBy: { role: 'VOTER' }, handler: { role: 'VEC' }, handleForm: 'decide', upheldWhen: "form.decision == 'UPHELD'" },
      next: 'final',
    },
    final: { kind: 'end', outcome: 'FINAL', title: t('名单确定', 'list final') },
  },
};

/** A county department checks something about a village case: its task lies outside the case's unit. */
const vetting: ProcessDefinition = {
  schemaVersion: 1, id: 'claims-vetting', version: 1, title: t('部门核查', 'department check'),
  roles: { VET_DEPT: { title: t('联审部门', 'vetting department') } },
  forms: { note: { title: t('核查意见', 'finding'), schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } } },
  start: 'check',
  steps: {
    check: { kind: 'task', title: t('公安核查', 'police check'), form: 'note', assignee: { role: 'VET_DEPT', orgUnit: "unit('county') + '/dept:gongan'" }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('核查完毕', 'checked') },
  },
};

interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string }; details?: Record<string, unknown> }
interface TaskJson { id: string; stepId: string; canAct: boolean; claimedBy: string | null; repeatable: boolean }
interface CommandJson { instanceId: string; status: string; tasks: TaskJson[] }
interface HistoryJson { events: { type: string; taskId?: string; actor?: { id: string }; data?: unknown }[] }

describe.each(TEST_DATABASES)('claiming, releasing and reassigning tasks over HTTP on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    const em = open.orm.em.fork();
    // A town official who also holds the village mediators' role at the town: their supervisor.
    await em.insert(RoleAssignmentEntity, { user: 'u-t_center', role: 'V_MED', orgUnit: TOWN });
    // A mediator of the village whose account is disabled.
    await em.insert(UserEntity, { id: 'u-gone', username: 'gone', displayName: '离职调解员', passwordHash: 'x', orgUnit: VILLAGE, personId: null, relatives: null, disabled: true, createdAt: new Date() });
    await em.insert(RoleAssignmentEntity, { user: 'u-gone', role: 'V_MED', orgUnit: VILLAGE });
    // A second reviewer of the county police's vetting desk.
    await em.insert(UserEntity, { id: 'u-vet_gongan_2', username: 'vet_gongan_2', displayName: '公安联审二', passwordHash: 'x', orgUnit: GONGAN, personId: null, relatives: null, disabled: false, createdAt: new Date() });
    await em.insert(RoleAssignmentEntity, { user: 'u-vet_gongan_2', role: 'VET_DEPT', orgUnit: GONGAN });
    app = await buildApp({ orm: open.orm, rateLimit: false });
    await app.definitions!.publish(mediation);
    await app.definitions!.publish(notice);
    await app.definitions!.publish(vetting);
    for (const username of ['v_med', 'v_med_chair', 'v_med_dongyuan', 't_center', 't_center_dongshan', 'voter', 'vec', 'vet_gongan', 'admin']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: username === 'admin' ? ADMIN_PASSWORD : PASSWORD } });
      expect(res.statusCode, username).toBe(200);
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
  });
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  const as = (user: string) => ({ cookie: cookies.get(user)! });
  const taskUrl = (instanceId: string, taskId: string, action: string) => `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/${action}`;
  const claim = (user: string, instanceId: string, taskId: string) => app.inject({ method: 'POST', url: taskUrl(instanceId, taskId, 'claim'), headers: as(user) });
  const release = (user: string, instanceId: string, taskId: string) => app.inject({ method: 'POST', url: taskUrl(instanceId, taskId, 'release'), headers: as(user) });
  const reassign = (user: string, instanceId: string, taskId: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: taskUrl(instanceId, taskId, 'reassign'), headers: as(user), payload });
  const inboxTasks = async (user: string) => ((await app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: as(user) })).json() as { items: { instanceId: string; taskId: string }[] }).items;
  const history = async (user: string, id: string) => (await app.inject({ method: 'GET', url: `/api/instances/${id}/history`, headers: as(user) })).json() as HistoryJson;
  const caseTasks = async (user: string, id: string) => ((await app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: as(user) })).json() as { tasks: TaskJson[] }).tasks;
  async function startMediation(): Promise<{ id: string; task: string }> {
    const res = await app.inject({ method: 'POST', url: '/api/instances', headers: as('v_med'), payload: { definitionId: 'dispute-mediation' } });
    expect(res.statusCode).toBe(201);
    const body = res.json() as CommandJson;
    return { id: body.instanceId, task: body.tasks[0]!.id };
  }
  const inInbox = async (user: string, c: { id: string; task: string }) => (await inboxTasks(user)).some((i) => i.instanceId === c.id && i.taskId === c.task);

  it('a claimed task leaves the colleagues\' inboxes, shows its holder, and only the holder may act on it', async () => {
    const c = await startMediation();
    expect(await inInbox('v_med', c)).toBe(true);
    expect(await inInbox('v_med_chair', c)).toBe(true);

    const res = await claim('v_med_chair', c.id, c.task);
    expect(res.statusCode).toBe(200);
    expect((res.json() as CommandJson).tasks).toEqual([expect.objectContaining({ id: c.task, claimedBy: 'u-v_med_chair', canAct: true })]);
    expect(await inInbox('v_med_chair', c)).toBe(true);
    expect(await inInbox('v_med', c)).toBe(false);
    expect(await caseTasks('v_med', c.id)).toEqual([expect.objectContaining({ id: c.task, claimedBy: 'u-v_med_chair', canAct: false })]);
    const opened = await app.inject({ method: 'GET', url: `/api/tasks/${c.id}/${encodeURIComponent(c.task)}`, headers: as('v_med_chair') });
    expect(opened.json()).toMatchObject({ task: { id: c.task, claimedBy: 'u-v_med_chair' } });
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${c.id}/${encodeURIComponent(c.task)}`, headers: as('v_med') })).statusCode).toBe(404);
    expect((await history('v_med', c.id)).events.filter((e) => e.type === 'task.claimed')).toEqual([expect.objectContaining({ taskId: c.task, actor: expect.objectContaining({ id: 'u-v_med_chair' }) })]);

    // a colleague is told who holds it, what to do, and to reload (409)
    const taken = await claim('v_med', c.id, c.task);
    expect(taken.statusCode).toBe(409);
    const err = taken.json() as ErrorJson;
    expect(err).toMatchObject({ code: 'CF_ENGINE_TASK_CLAIMED', details: { taskId: c.task, holder: 'u-v_med_chair' } });
    expect(err.message['zh-CN']).toContain('u-v_med_chair');
    expect(err.message.en).toContain('claimed by u-v_med_chair');
    expect(err.hint?.en).toMatch(/release it.*reload/);
    expect(err.hint?.['zh-CN']).toContain('刷新');
    expect((await release('v_med', c.id, c.task)).json()).toMatchObject({ code: 'CF_ENGINE_TASK_CLAIMED' });

    // claiming it again is harmless: no second event
    expect((await claim('v_med_chair', c.id, c.task)).statusCode).toBe(200);
    expect((await history('v_med', c.id)).events.filter((e) => e.type === 'task.claimed')).toHaveLength(1);
  });

  it('answers 404 to those who may not act on the task, for unknown tasks and cases, and 401 without a session', async () => {
    const c = await startMediation();
    for (const user of ['v_med_dongyuan', 't_center_dongshan', 'voter', 'admin']) {
      const res = await claim(user, c.id, c.task);
      expect(res.statusCode, user).toBe(404);
      expect(res.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    }
    expect((await claim('v_med', c.id, 'intake:999')).statusCode).toBe(404);
    expect((await claim('v_med', '00000000-0000-4000-8000-000000000000', c.task)).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: taskUrl(c.id, c.task, 'claim') })).statusCode).toBe(401);
  });

  it('release gives the task back to everyone eligible; releasing a free task changes nothing', async () => {
    const c = await startMediation();
    await claim('v_med', c.id, c.task);
    expect(await inInbox('v_med_chair', c)).toBe(false);
    const res = await release('v_med', c.id, c.task);
    expect(res.statusCode).toBe(200);
    expect((res.json() as CommandJson).tasks[0]).toMatchObject({ claimedBy: null, canAct: true });
    expect(await inInbox('v_med_chair', c)).toBe(true);
    expect((await release('v_med', c.id, c.task)).statusCode).toBe(200);
    expect((await history('v_med', c.id)).events.filter((e) => e.type === 'task.released')).toHaveLength(1);
  });

  it('two colleagues claiming at once: exactly one holds the task, the other gets 409', async () => {
    const c = await startMediation();
    const results = await Promise.all([claim('v_med', c.id, c.task), claim('v_med_chair', c.id, c.task)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!.json() as ErrorJson;
    expect(['CF_ENGINE_TASK_CLAIMED', 'CF_ENGINE_STORE_CONFLICT']).toContain(loser.code);
    expect((await history('v_med', c.id)).events.filter((e) => e.type === 'task.claimed')).toHaveLength(1);
  });

  it('the holder hands a task over; the new holder completes it, with the form checked as for anyone', async () => {
    const c = await startMediation();
    await claim('v_med_chair', c.id, c.task);
    const res = await reassign('v_med_chair', c.id, c.task, { to: 'u-v_med', reason: '主任外出，交调解员办理' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as CommandJson).tasks[0]).toMatchObject({ claimedBy: 'u-v_med', canAct: false });
    const event = (await history('v_med', c.id)).events.find((e) => e.type === 'task.reassigned');
    expect(event).toMatchObject({ taskId: c.task, actor: { id: 'u-v_med_chair' }, data: { from: 'u-v_med_chair', to: 'u-v_med', reason: '主任外出，交调解员办理' } });
    expect(await inInbox('v_med', c)).toBe(true);
    expect(await inInbox('v_med_chair', c)).toBe(false);
    const complete = (user: string, data: unknown, key: string) =>
      app.inject({ method: 'POST', url: taskUrl(c.id, c.task, 'complete'), headers: { ...as(user), 'idempotency-key': `${key}-${c.id}` }, payload: { data } });
    expect((await complete('v_med', {}, 'empty')).json()).toMatchObject({ code: 'CF_ENGINE_FORM_INVALID' });
    // the former holder no longer may: a colleague holds it now (409 naming the holder, as claim answers)
    const former = await complete('v_med_chair', intake, 'former');
    expect(former.statusCode).toBe(409);
    expect(former.json()).toMatchObject({ code: 'CF_ENGINE_TASK_CLAIMED', details: { holder: 'u-v_med' } });
    const done = await complete('v_med', intake, 'intake');
    expect(done.statusCode).toBe(200);
    expect((done.json() as CommandJson).tasks.map((x) => [x.stepId, x.claimedBy])).toEqual([['rightsNotice', null]]);
  });

  it('reassigning is for the holder, an administrator of the case\'s unit, or a supervisor above the task\'s unit (403 for a colleague, 404 outside)', async () => {
    const c = await startMediation();
    await claim('v_med', c.id, c.task);
    const colleague = await reassign('v_med_chair', c.id, c.task, { to: 'u-v_med_chair', reason: '我来办' });
    expect(colleague.statusCode).toBe(403);
    const err = colleague.json() as ErrorJson;
    expect(err.code).toBe('CF_SERVER_FORBIDDEN');
    expect(err.hint?.en).toContain(`a holder of V_MED in a unit above ${VILLAGE}`);
    expect(err.hint?.['zh-CN']).toContain('管理员');
    for (const outsider of ['t_center_dongshan', 'v_med_dongyuan', 'voter']) expect((await reassign(outsider, c.id, c.task, { to: 'u-v_med_chair', reason: 'x' })).statusCode, outsider).toBe(404);

    expect((await reassign('admin', c.id, c.task, { to: 'u-v_med_chair', reason: '管理员调整' })).json()).toMatchObject({ tasks: [{ claimedBy: 'u-v_med_chair' }] });
    expect((await reassign('t_center', c.id, c.task, { to: 'u-v_med', reason: '镇综治中心统筹' })).json()).toMatchObject({ tasks: [{ claimedBy: 'u-v_med' }] });
    const events = (await history('admin', c.id)).events.filter((e) => e.type === 'task.reassigned');
    expect(events.map((e) => [e.actor?.id, e.data])).toEqual([
      ['u-admin', { from: 'u-v_med', to: 'u-v_med_chair', reason: '管理员调整' }],
      ['u-t_center', { from: 'u-v_med_chair', to: 'u-v_med', reason: '镇综治中心统筹' }],
    ]);
  });

  it('a holder hands over a task that lies outside the case\'s unit (a county department\'s check of a village case)', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('vec'), payload: { definitionId: 'claims-vetting' } });
    const { instanceId, tasks } = started.json() as CommandJson;
    const task = tasks[0]!.id;
    // the department does not see the village's case as such, but the task is theirs
    expect((await app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: as('vet_gongan') })).statusCode).toBe(404);
    expect((await reassign('vet_gongan', instanceId, task, { to: 'u-vet_gongan_2', reason: 'x' })).statusCode).toBe(404);
    expect((await claim('vet_gongan', instanceId, task)).statusCode).toBe(200);
    const handed = await reassign('vet_gongan', instanceId, task, { to: 'u-vet_gongan_2', reason: '出差，交同事核查' });
    expect(handed.statusCode).toBe(200);
    expect((handed.json() as CommandJson).tasks[0]).toMatchObject({ claimedBy: 'u-vet_gongan_2', canAct: false });
    // no longer the holder: back to 404
    expect((await reassign('vet_gongan', instanceId, task, { to: 'u-vet_gongan', reason: 'x' })).statusCode).toBe(404);
  });

  it('refuses a target who is unknown, disabled or cannot act on the task (422, saying why), and a request without a reason (400)', async () => {
    const c = await startMediation();
    const unknown = await reassign('admin', c.id, c.task, { to: 'u-nobody', reason: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'CF_SERVER_REASSIGN_TARGET_UNKNOWN', details: { to: 'u-nobody' } });
    expect((await reassign('admin', c.id, c.task, { to: 'u-gone', reason: 'x' })).json()).toMatchObject({ code: 'CF_SERVER_REASSIGN_TARGET_UNKNOWN' });

    const wrongRole = await reassign('admin', c.id, c.task, { to: 'u-voter', reason: 'x' });
    expect(wrongRole.statusCode).toBe(422);
    const e1 = wrongRole.json() as ErrorJson;
    expect(e1.code).toBe('CF_ENGINE_REASSIGN_TARGET_INELIGIBLE');
    expect(e1.message.en).toContain('u-voter does not hold the role V_MED');
    expect(e1.hint?.['zh-CN']).toContain('V_MED');
    const wrongUnit = (await reassign('admin', c.id, c.task, { to: 'u-v_med_dongyuan', reason: 'x' })).json() as ErrorJson;
    expect(wrongUnit.message.en).toContain(`not in ${VILLAGE}`);
    // the supervisor holds V_MED, but in the town: a task of the village cannot be handed to them
    expect((await reassign('admin', c.id, c.task, { to: 'u-t_center', reason: 'x' })).json()).toMatchObject({ code: 'CF_ENGINE_REASSIGN_TARGET_INELIGIBLE' });

    for (const payload of [{ to: 'u-v_med' }, { to: 'u-v_med', reason: '   ' }, { reason: 'x' }]) {
      const res = await reassign('admin', c.id, c.task, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await history('admin', c.id)).events.some((e) => e.type === 'task.reassigned')).toBe(false);
  });

  it('a standing task (filing objections during a notice) cannot be claimed or reassigned (422)', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('vec'), payload: { definitionId: 'claims-notice' } });
    expect(started.statusCode).toBe(201);
    const { instanceId, tasks } = started.json() as CommandJson;
    const published = await app.inject({
      method: 'POST', url: taskUrl(instanceId, tasks[0]!.id, 'complete'), headers: { ...as('vec'), 'idempotency-key': `publish-${instanceId}` }, payload: { data: { on: TODAY } },
    });
    expect(published.statusCode).toBe(200);
    const filing = (published.json() as CommandJson).tasks.find((x) => x.repeatable)!;
    expect(filing).toBeDefined();
    const res = await claim('voter', instanceId, filing.id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CF_ENGINE_TASK_NOT_CLAIMABLE' });
    expect((res.json() as ErrorJson).hint?.en).toContain('needs no claim');
    expect((await reassign('admin', instanceId, filing.id, { to: 'u-voter', reason: 'x' })).json()).toMatchObject({ code: 'CF_ENGINE_TASK_NOT_CLAIMABLE' });
  });

  it('a task completed meanwhile is 409 CF_SERVER_TASK_CLOSED', async () => {
    const c = await startMediation();
    await app.inject({ method: 'POST', url: `/api/instances/${c.id}/cancel`, headers: as('admin'), payload: { reason: '撤回' } });
    expect((await claim('v_med', c.id, c.task)).json()).toMatchObject({ code: 'CF_SERVER_TASK_CLOSED' });
    expect((await reassign('admin', c.id, c.task, { to: 'u-v_med', reason: 'x' })).json()).toMatchObject({ code: 'CF_SERVER_TASK_CLOSED' });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
    for (const action of ['claim', 'release', 'reassign']) {
      const op = spec.paths[`/api/tasks/{instanceId}/{taskId}/${action}`]?.['post'];
      expect(op, action).toBeDefined();
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
    }
    expect(spec.paths['/api/tasks/{instanceId}/{taskId}/reassign']!['post']!.requestBody).toBeDefined();
  });
});
