import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Migration } from '@mikro-orm/migrations';
import { formatInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, DEMO_USERS, seedDemoUsers } from '../src/index.js';
import { createSession, SESSION_COOKIE } from '../src/auth/index.js';
import { InstanceEntity, TaskAssigneeEntity } from '../src/entities/index.js';
import { MIGRATIONS } from '../src/migrations/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const mediation = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const TOWN = 'county:huaxi/town:qingshi';
const QINGSHICUN = `${TOWN}/village:qingshicun`;
const XIAHE = `${TOWN}/village:xiahe`;
const SHANGBA = `${TOWN}/village:shangba`;
const DONGYUAN = 'county:huaxi/town:dongshan/community:dongyuan';
const TODAY = formatInstant(Date.now()).slice(0, 10);

const sig = { method: '手写签名', signed_on: TODAY };
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const intake = {
  source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig, received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
};
const rights = {
  mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
  acks: ['A1', 'R1'].map((r) => ({ party_ref: r, signature: sig, date: TODAY })), consent: ['A1', 'R1'].map((r) => ({ party_ref: r, decision: '同意' })),
};
/** A RED risk at grading: the case goes to the township at once (escalation to the town rung). */
const redGrading = () => ({
  grade: 'G1', level: 'TOWN', risk_indicators: ['扬言伤人/自杀'], risk_colour: 'RED', stabiliser: '王主任', override_reason: '扬言同归于尽，红色风险',
  mediators: ['王建国'], assessor: '王建国', assessed_at: formatInstant(Date.now() - 60_000),
});

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
/** A second process with roles of its own (VEC, VOTER), so that supervision depends on the process. */
const notice: ProcessDefinition = {
  schemaVersion: 1, id: 'list-notice', version: 1, title: t('选民名单公告', 'voter list notice'),
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

interface CommandJson { instanceId: string; status: string; tasks: { id: string; stepId: string }[] }
interface ItemJson {
  instanceId: string; definitionId: string; definitionVersion: number; title: { 'zh-CN': string; en: string }; status: string; outcome: string | null;
  orgUnit: string; startedAt: string; updatedAt: string; openTaskCount: number;
}
interface PageJson { items: ItemJson[]; nextCursor: string | null }

describe.each(TEST_DATABASES)('GET /api/instances (the case list, need to know in SQL) on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const users = [...DEMO_USERS.map((u) => u.username), 'admin'];
  /** Every case the suite starts, by a name the tests use. */
  const cases: Record<string, string> = {};

  const as = (user: string) => ({ cookie: cookies.get(user)! });
  const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: as(user) });
  async function start(user: string, payload: Record<string, unknown>): Promise<CommandJson> {
    const res = await app.inject({ method: 'POST', url: '/api/instances', headers: as(user), payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CommandJson;
  }
  async function complete(user: string, instanceId: string, stepId: string, data: unknown): Promise<CommandJson> {
    const view = (await get(user, `/api/instances/${instanceId}`)).json() as CommandJson;
    const task = view.tasks.find((x) => x.stepId === stepId)!;
    const res = await app.inject({
      method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(task.id)}/complete`,
      headers: { ...as(user), 'idempotency-key': `${instanceId}-${task.id}` }, payload: { data },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CommandJson;
  }
  /** Every page of the list for a query, following nextCursor. */
  async function listAll(user: string, query = '', limit = 100): Promise<ItemJson[]> {
    const items: ItemJson[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const sep = query ? '&' : '';
      const res = await get(user, `/api/instances?limit=${limit}${sep}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as PageJson;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('the list does not end');
  }
  const ids = (items: ItemJson[]) => items.map((i) => i.instanceId).sort();
  const visible = async (user: string) => {
    const answers = await Promise.all(Object.values(cases).map(async (id) => [id, (await get(user, `/api/instances/${id}`)).statusCode] as const));
    return answers.filter(([, status]) => status === 200).map(([id]) => id).sort();
  };

  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: open.orm, rateLimit: false });
    await app.definitions!.publish(mediation);
    await app.definitions!.publish(notice);
    // Sessions are made directly: signing 56 users in (scrypt each) is not what this suite tests.
    for (const username of users) cookies.set(username, `${SESSION_COOKIE}=${(await createSession(open.orm.em.fork(), `u-${username}`)).token}`);

    // 青石村: a case waiting at intake, one whose intake a colleague has claimed, one cancelled,
    // and one escalated to the town at grading (RED risk).
    cases['waiting'] = (await start('v_med', { definitionId: 'dispute-mediation' })).instanceId;
    const claimed = await start('v_med_chair', { definitionId: 'dispute-mediation' });
    cases['claimed'] = claimed.instanceId;
    expect((await app.inject({ method: 'POST', url: `/api/tasks/${claimed.instanceId}/${encodeURIComponent(claimed.tasks[0]!.id)}/claim`, headers: as('v_med_chair') })).statusCode).toBe(200);
    cases['cancelled'] = (await start('v_med', { definitionId: 'dispute-mediation' })).instanceId;
    expect((await app.inject({ method: 'POST', url: `/api/instances/${cases['cancelled']}/cancel`, headers: as('admin'), payload: { reason: '当事人撤回' } })).statusCode).toBe(200);
    const escalated = (await start('v_med', { definitionId: 'dispute-mediation' })).instanceId;
    cases['escalated'] = escalated;
    await complete('v_med', escalated, 'intake', intake);
    await complete('v_med', escalated, 'rightsNotice', rights);
    const graded = await complete('v_med', escalated, 'grading', redGrading());
    expect(graded.tasks.map((x) => x.stepId)).toContain('tSession');
    // 下河村 and 上坝村, started by the town; one filed with the town itself (its tasks are the town's)
    cases['xiahe'] = (await start('t_center', { definitionId: 'dispute-mediation', orgUnit: XIAHE })).instanceId;
    cases['shangbaAtTown'] = (await start('t_center', { definitionId: 'dispute-mediation', orgUnit: SHANGBA, data: { filed_with: 'TOWN' } })).instanceId;
    // a case of the town itself: its own staff are not "above" it
    cases['town'] = (await start('t_center', { definitionId: 'dispute-mediation', orgUnit: TOWN })).instanceId;
    // another street
    cases['dongyuan'] = (await start('v_med_dongyuan', { definitionId: 'dispute-mediation' })).instanceId;
    // the election committee's notice, published: now every voter of the village takes part
    const listed = await start('vec', { definitionId: 'list-notice' });
    cases['notice'] = listed.instanceId;
    await complete('vec', listed.instanceId, 'list', { on: TODAY });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('for every demo user, the list is exactly the cases GET /api/instances/:id shows them', async () => {
    const seen = new Map<string, string[]>();
    await Promise.all(users.map(async (user) => {
      const listed = ids(await listAll(user));
      expect(listed, user).toEqual(await visible(user));
      seen.set(user, listed);
    }));
    // the rule is not trivially "all" or "none": spot checks of its branches
    const named = (user: string) => seen.get(user)!.map((id) => Object.keys(cases).find((k) => cases[k] === id)).sort();
    expect(named('admin')).toEqual(Object.keys(cases).sort());
    expect(named('voter')).toEqual(['notice']); // participant (objections) only
    expect(named('v_med_dongyuan')).toEqual(['dongyuan']);
    expect(named('grid')).toEqual([]); // below the village: no case lies within its unit
    // supervisor: a mediation role in the town, every mediation case below the town, not the town's own
    expect(named('police')).toEqual(['cancelled', 'claimed', 'escalated', 'shangbaAtTown', 'waiting', 'xiahe']);
    expect(named('t_center')).toEqual(['cancelled', 'claimed', 'escalated', 'shangbaAtTown', 'town', 'waiting', 'xiahe']); // starter of 'town'
    expect(named('v_med')).toEqual(['cancelled', 'claimed', 'escalated', 'waiting']); // a colleague's claim leaves them a participant
    expect(named('party')).toEqual(['escalated']); // the parties' request task (subtree of the county)
    expect(named('vec')).toEqual(['notice']);
    expect(new Set([...seen.values()].map((v) => v.join())).size).toBeGreaterThan(6);
  }, 120_000);

  it('shows each case as its view does, with the number of open tasks, newest first', async () => {
    const items = await listAll('admin');
    const order = [...items].sort((a, b) => (a.startedAt === b.startedAt ? (a.instanceId < b.instanceId ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1));
    expect(items.map((i) => i.instanceId)).toEqual(order.map((i) => i.instanceId));
    for (const item of items) {
      const view = (await get('admin', `/api/instances/${item.instanceId}`)).json() as {
        definitionId: string; definitionVersion: number; title: unknown; status: string; outcome: { id: string } | null; orgUnit: string; startedAt: string; tasks: unknown[];
      };
      expect(item).toEqual({
        instanceId: item.instanceId, definitionId: view.definitionId, definitionVersion: view.definitionVersion, title: view.title, status: view.status,
        outcome: view.outcome?.id ?? null, orgUnit: view.orgUnit, startedAt: view.startedAt, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
        openTaskCount: view.tasks.length,
      });
    }
    expect(items.find((i) => i.instanceId === cases['cancelled'])).toMatchObject({ status: 'cancelled', outcome: 'CANCELLED', openTaskCount: 0 });
    expect(items.find((i) => i.instanceId === cases['escalated'])!.openTaskCount).toBeGreaterThan(1);
    expect(items.find((i) => i.instanceId === cases['notice'])!.title).toEqual(t('选民名单公告', 'voter list notice'));
  });

  it('pages with a cursor without losing or repeating a case', async () => {
    const all = (await listAll('admin')).map((i) => i.instanceId);
    const first = (await get('admin', '/api/instances?limit=4')).json() as PageJson;
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await listAll('admin', '', 1)).map((i) => i.instanceId)).toEqual(all);
    expect((await listAll('admin', '', 3)).map((i) => i.instanceId)).toEqual(all);
    expect((await listAll('police', '', 2)).map((i) => i.instanceId)).toEqual((await listAll('police')).map((i) => i.instanceId));
  });

  it('filters by process, status and unit subtree, within the actor\'s unit only', async () => {
    expect(ids(await listAll('admin', 'definitionId=list-notice'))).toEqual([cases['notice']]);
    expect(ids(await listAll('admin', 'definitionId=no-such-process'))).toEqual([]);
    expect(ids(await listAll('admin', 'status=cancelled'))).toEqual([cases['cancelled']]);
    expect(ids(await listAll('v_med', 'status=active'))).toEqual([cases['claimed'], cases['escalated'], cases['waiting']].sort());
    expect(ids(await listAll('admin', 'status=done'))).toEqual([]);
    expect(ids(await listAll('admin', `orgUnit=${encodeURIComponent(XIAHE)}`))).toEqual([cases['xiahe']]);
    expect(ids(await listAll('admin', `orgUnit=${encodeURIComponent('county:huaxi/town:dongshan')}`))).toEqual([cases['dongyuan']]);
    expect(ids(await listAll('t_center', `orgUnit=${encodeURIComponent(QINGSHICUN)}&definitionId=dispute-mediation`))).toEqual(
      [cases['cancelled'], cases['claimed'], cases['escalated'], cases['waiting']].sort(),
    );
    // a unit whose path begins like another's is not inside it
    expect(ids(await listAll('admin', `orgUnit=${encodeURIComponent(`${TOWN}/village:xia`)}`))).toEqual([]);
    expect(ids(await listAll('t_center', `orgUnit=${encodeURIComponent(TOWN)}`))).toEqual(ids(await listAll('t_center')));

    const outside = await get('v_med', `/api/instances?orgUnit=${encodeURIComponent(DONGYUAN)}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'CF_SERVER_FORBIDDEN_ORG_UNIT', details: { orgUnit: DONGYUAN, actorUnit: QINGSHICUN } });
    expect((outside.json() as { hint: { en: string } }).hint.en).toContain('omit orgUnit');
    expect((await get('t_center', `/api/instances?orgUnit=${encodeURIComponent('county:huaxi')}`)).statusCode).toBe(403);
    expect((await get('admin', '/api/instances?orgUnit=not%20a%20unit')).json()).toMatchObject({ code: 'CF_ENGINE_ORG_UNIT_INVALID' });
    expect((await get('admin', '/api/instances?status=open')).statusCode).toBe(400);
    expect((await get('admin', '/api/instances?limit=101')).statusCode).toBe(400);
    expect((await get('admin', '/api/instances?cursor=garbage')).json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
    expect((await app.inject({ method: 'GET', url: '/api/instances' })).statusCode).toBe(401);
  });

  it('the migration that added the case list fills it in for the cases that existed before it', async () => {
    const before = new Map<string, string[]>();
    for (const user of ['v_med', 'party', 'police', 'voter', 't_center']) before.set(user, ids(await listAll(user)));
    const em = open.orm.em.fork();
    const orderBefore = (await listAll('admin')).map((i) => [i.instanceId, i.startedAt]);
    await em.nativeUpdate(InstanceEntity, { instanceId: { $ne: '' } }, { startedBy: null, startedAt: null });
    await em.nativeDelete(TaskAssigneeEntity, { taskId: { $ne: '' } });
    expect(ids(await listAll('v_med'))).toEqual([]);

    const entry = MIGRATIONS[db.name].find((m) => m.name === 'Migration20261122030000_caseList')!;
    const MigrationClass = entry.class as unknown as new (driver: unknown, config: unknown) => Migration;
    const migration = new MigrationClass(open.orm.em.getDriver(), open.orm.config);
    await migration.up();
    const backfill = migration.getQueries().map(String).filter((q) => /^(update|insert)\b/i.test(q));
    expect(backfill).toHaveLength(2);
    for (const sql of backfill) await em.getConnection().execute(sql);

    for (const [user, list] of before) expect(ids(await listAll(user)), user).toEqual(list);
    expect((await listAll('admin')).map((i) => [i.instanceId, i.startedAt])).toEqual(orderBefore);
  });

  it('describes the route in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const op = spec.paths['/api/instances']?.['get'];
    expect(op?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['definitionId', 'status', 'orgUnit', 'limit', 'cursor']));
  });
});
