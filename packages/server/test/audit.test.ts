import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runCommand, startStored } from '@civicflow/engine';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import { buildApp, createSqlStore, seedDemoUsers, verifyAuditChains } from '../src/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const TOWN = 'county:huaxi/town:qingshi';
const VILLAGE = `${TOWN}/village:qingshicun`;
const COMMUNITY = 'county:huaxi/town:dongshan/community:dongyuan';

const t = (s: string) => ({ 'zh-CN': s, en: s });
/** Two tasks in a row: every case has a history of several entries to tamper with. */
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'audit-test', version: 1, title: t('audit test'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'first',
  steps: {
    first: { kind: 'task', title: t('first'), form: 'f', assignee: { role: 'CLERK' }, next: 'second' },
    second: { kind: 'task', title: t('second'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const engineOptions = { validator: { validate: () => ({ valid: true, errors: [] }) } };
const at = (hhmm: string) => `2027-01-04T${hhmm}:00+08:00`;

interface ReportJson { ok: boolean; instancesChecked: number; eventsChecked: number; truncated: boolean; problems: { instanceId: string; seq: number; reason: string; message: { 'zh-CN': string; en: string } }[] }

describe.each(TEST_DATABASES)('audit chain verification on $name', (db) => {
  let opened: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const sql = (query: string, params: unknown[] = []) => opened.orm.em.fork().getConnection().execute(query, params);

  /** A case with one task completed: several history entries. */
  async function caseIn(instanceId: string, orgUnit: string): Promise<void> {
    const store = createSqlStore(opened.orm);
    const clerk: Actor = { id: 'clerk', roles: ['CLERK'], orgUnit };
    const { stored } = await startStored(store, DEFINITION, { instanceId, orgUnit }, { now: at('09:00'), actor: clerk }, engineOptions);
    const taskId = Object.keys(stored.snapshot.context.tasks)[0]!;
    await runCommand(store, DEFINITION, instanceId, { type: 'complete', taskId, data: { note: `notes of ${instanceId}` } }, { now: at('09:30'), actor: clerk }, engineOptions);
  }

  beforeAll(async () => {
    opened = await db.open();
    await seedDemoUsers(opened.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: opened.orm });
    for (const [username, password] of [['admin', ADMIN_PASSWORD], ['v_med', PASSWORD]] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
    const created = await app.inject({
      method: 'POST', url: '/api/admin/users', headers: { cookie: cookies.get('admin')! },
      payload: { username: 'admin_qingshi', displayName: '青石镇管理员', password: 'qingshi town admin 2027', orgUnit: TOWN, roles: ['ADMIN'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin_qingshi', password: 'qingshi town admin 2027' } });
    cookies.set('admin_qingshi', String(login.headers['set-cookie']).split(';')[0]!);

    for (const id of ['case-intact', 'case-edited', 'case-deleted', 'case-swapped']) await caseIn(id, VILLAGE);
    await caseIn('case-town', TOWN);
    await caseIn('case-other-street', COMMUNITY);
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  const verify = async (user: string, query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/audit/verify${query}`, headers: { cookie: cookies.get(user)! } });
    return { status: res.statusCode, body: res.json() as ReportJson };
  };
  const eventRows = async (ids: string[]) => {
    const rows = (await sql(`select count(*) as n from instance_event where instance_id in (${ids.map(() => '?').join(', ')})`, ids)) as { n: number | string }[];
    return Number(rows[0]!.n);
  };

  it('finds nothing wrong in untouched histories', async () => {
    const { status, body } = await verify('admin');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, instancesChecked: 6, eventsChecked: await eventRows(['case-intact', 'case-edited', 'case-deleted', 'case-swapped', 'case-town', 'case-other-street']), problems: [], truncated: false });
    expect(body.eventsChecked).toBeGreaterThanOrEqual(6 * 4);
  });

  it('names an edited payload, a deleted entry and two swapped entries, each in its case', async () => {
    // Edited: the completion's form data rewritten in place.
    const [row] = (await sql("select seq, payload from instance_event where instance_id = ? and type = 'task.completed'", ['case-edited'])) as { seq: number; payload: unknown }[];
    const payload = (typeof row!.payload === 'string' ? JSON.parse(row!.payload) : row!.payload) as Record<string, unknown>;
    await sql('update instance_event set payload = ? where instance_id = ? and seq = ?', [JSON.stringify({ ...payload, data: { note: 'forged' } }), 'case-edited', row!.seq]);
    // Deleted: the second entry removed.
    await sql('delete from instance_event where instance_id = ? and seq = 2', ['case-deleted']);
    // Swapped: entries 2 and 3 exchange places.
    await sql('update instance_event set seq = 1000 where instance_id = ? and seq = 2', ['case-swapped']);
    await sql('update instance_event set seq = 2 where instance_id = ? and seq = 3', ['case-swapped']);
    await sql('update instance_event set seq = 3 where instance_id = ? and seq = 1000', ['case-swapped']);
    // Another street's case is broken too: only administrators above it see that.
    await sql('delete from instance_event where instance_id = ? and seq = 1', ['case-other-street']);

    const { status, body } = await verify('admin');
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.instancesChecked).toBe(6);
    expect(body.problems.map(({ instanceId, seq, reason }) => ({ instanceId, seq, reason }))).toEqual([
      { instanceId: 'case-deleted', seq: 2, reason: 'missing' },
      { instanceId: 'case-edited', seq: row!.seq, reason: 'hash' },
      { instanceId: 'case-other-street', seq: 1, reason: 'missing' },
      { instanceId: 'case-swapped', seq: 2, reason: 'link' },
    ]);
    expect(body.problems[0]!.message).toEqual({ 'zh-CN': '缺少这一条记录（被删除）', en: 'this entry is missing (deleted)' });
  });

  it('checks only the cases within the administrator\'s unit, or one case', async () => {
    const town = await verify('admin_qingshi');
    expect(town.body.instancesChecked).toBe(5);
    expect(town.body.problems.map((p) => p.instanceId)).toEqual(['case-deleted', 'case-edited', 'case-swapped']);

    const one = await verify('admin_qingshi', '?instanceId=case-intact');
    expect(one.body).toEqual({ ok: true, instancesChecked: 1, eventsChecked: await eventRows(['case-intact']), problems: [], truncated: false });
    expect((await verify('admin_qingshi', '?instanceId=case-swapped')).body.problems.map((p) => p.reason)).toEqual(['link']);
    const outside = await verify('admin_qingshi', '?instanceId=case-other-street');
    expect([outside.status, (outside.body as unknown as { code: string }).code]).toEqual([404, 'CF_SERVER_NOT_FOUND']);
    expect((await verify('admin_qingshi', '?instanceId=no-such-case')).status).toBe(404);
    expect((await verify('v_med')).status).toBe(403);
  });

  it('reads the cases in batches: any batch size gives the same report', async () => {
    const whole = await verifyAuditChains(opened.orm, 'county:huaxi');
    for (const batchSize of [1, 2, 5]) {
      expect(await verifyAuditChains(opened.orm, 'county:huaxi', { batchSize, concurrency: 2 }), `batch ${batchSize}`).toEqual(whole);
    }
    const capped = await verifyAuditChains(opened.orm, 'county:huaxi', { maxProblems: 2 });
    expect({ ok: capped.ok, problems: capped.problems.length, truncated: capped.truncated }).toEqual({ ok: false, problems: 2, truncated: true });
    // LIKE would let `_` stand for any character and ignore case: neither unit contains the town's cases.
    expect((await verifyAuditChains(opened.orm, 'county:huaxi/town:qingsh_')).instancesChecked).toBe(0);
    expect((await verifyAuditChains(opened.orm, 'county:huaxi/town:QINGSHI')).instancesChecked).toBe(0);
  });
});
