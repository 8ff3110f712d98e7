import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, createSqlStore, seedDemoUsers } from '../src/index.js';
import { hashToken, readCookie, SESSION_COOKIE } from '../src/auth/index.js';
import { readSession } from '../src/auth/sessions.js';
import { proveSessionUnchanged } from '../src/auth/sessionProof.js';
import { sqliteAccessOf } from '../src/store/sqliteAccess.js';
import { isNoRowChanged } from '../src/store/plainSql.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// A completion takes the session as this process last read it and proves it inside its own commit
// (SQLite; src/auth/authPlugin.ts, sessionProof.ts). Whatever changed the session meanwhile — here
// written straight into the database, as another node or an administrator would — must count on
// that very completion, exactly as if the session had been read first. On PostgreSQL every
// request reads the session: the same outcomes.

const t = (s: string) => ({ 'zh-CN': s, en: s });
const PASSWORD = 'demo-password-2027';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const REVIEW: ProcessDefinition = {
  schemaVersion: 1, id: 'session-at-commit', version: 1, title: t('session at commit'),
  roles: { V_MED: { title: t('mediator') } },
  forms: { note: { title: t('note'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  start: 'review',
  steps: {
    review: { kind: 'task', title: t('review'), form: 'note', assignee: { role: 'V_MED' }, next: 'confirm' },
    confirm: { kind: 'task', title: t('confirm'), form: 'note', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};

describe.each(TEST_DATABASES)('a completion proves its session at commit on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  const sql = (query: string, params: unknown[] = []) => database.orm.em.fork().getConnection().execute(query, params);
  const yes = db.name === 'sqlite' ? 1 : true;
  const no = db.name === 'sqlite' ? 0 : false;
  beforeAll(async () => {
    database = await db.open();
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD });
    app = await buildApp({ orm: database.orm });
    await app.definitions!.publish(REVIEW);
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const signIn = async (username: string) => String((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } })).headers['set-cookie']).split(';')[0]!;
  const sessionIdOf = (cookie: string) => hashToken(readCookie(cookie, SESSION_COOKIE)!);
  /** A case whose first task is the village mediator's; the session is read (and remembered) on the way. */
  const startCase = async (cookie: string) => {
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: REVIEW.id } });
    expect(started.statusCode, started.body).toBe(201);
    const body = started.json() as { instanceId: string; tasks: { id: string }[] };
    return { instanceId: body.instanceId, taskId: body.tasks[0]!.id };
  };
  const complete = (cookie: string, c: { instanceId: string; taskId: string }, key: string) => app.inject({
    method: 'POST', url: `/api/tasks/${c.instanceId}/${encodeURIComponent(c.taskId)}/complete`, headers: { cookie, 'idempotency-key': key }, payload: { data: { note: key } },
  });
  /** The task is still open; the key was used `times` (a 404 is a user refusal, remembered under its key). */
  const stillOpen = async (c: { instanceId: string; taskId: string }, key: string, times = 0) => {
    const stored = await createSqlStore(database.orm).load(c.instanceId);
    expect(Object.keys(stored!.snapshot.context.tasks)).toEqual([c.taskId]);
    expect(await sql('select count(*) as n from idempotency_key where key = ?', [key])).toEqual([{ n: db.name === 'sqlite' ? times : String(times) }]);
  };

  it('completes without reading the session again (SQLite), and a retry answers the same', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    const access = sqliteAccessOf(database.orm);
    const readsBefore = access?.reads;
    const done = await complete(cookie, c, 'plain');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'active', tasks: [{ stepId: 'confirm' }] });
    // SQLite: neither the session nor the case (as this process wrote it) was read.
    if (access) expect(access.reads).toBe(readsBefore);
    const again = await complete(cookie, c, 'plain');
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(again.body).toBe(done.body);
    // The last task ends the case; a process without subprocesses leaves the outbox nothing to look at.
    const confirm = (done.json() as { tasks: { id: string }[] }).tasks[0]!.id;
    const readsAtEnd = access?.reads;
    const ended = await complete(cookie, { instanceId: c.instanceId, taskId: confirm }, 'last');
    expect([ended.statusCode, (ended.json() as { status: string }).status]).toEqual([200, 'done']);
    if (access) expect(access.reads).toBe(readsAtEnd);
  });

  it('a session revoked meanwhile: 401, nothing committed, the key unused', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    await sql('update session set revoked = ? where id = ?', [yes, sessionIdOf(cookie)]);
    const refused = await complete(cookie, c, 'revoked');
    expect([refused.statusCode, (refused.json() as { code: string }).code]).toEqual([401, 'CF_SERVER_UNAUTHENTICATED']);
    await stillOpen(c, 'revoked');
  });

  it('a session expired meanwhile: 401, nothing committed', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    await sql('update session set expires_at = ? where id = ?', [db.name === 'sqlite' ? Date.now() - 1000 : new Date(Date.now() - 1000), sessionIdOf(cookie)]);
    expect((await complete(cookie, c, 'expired')).statusCode).toBe(401);
    await stillOpen(c, 'expired');
  });

  it('a user disabled meanwhile: 401, nothing committed; enabled again, the session works', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    await sql('update app_user set disabled = ? where username = ?', [yes, 'v_med']);
    try {
      expect((await complete(cookie, c, 'disabled')).statusCode).toBe(401);
      await stillOpen(c, 'disabled');
    } finally {
      await sql('update app_user set disabled = ? where username = ?', [no, 'v_med']);
    }
    expect((await complete(cookie, c, 'enabled')).statusCode).toBe(200);
  });

  it('the role taken away meanwhile: the task is not theirs (404), nothing committed; given back, it is', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    await sql('delete from role_assignment where user_id = ? and role = ? and org_unit = ?', ['u-v_med', 'V_MED', VILLAGE]);
    try {
      const refused = await complete(cookie, c, 'no-role');
      expect([refused.statusCode, (refused.json() as { code: string }).code]).toEqual([404, 'CF_SERVER_NOT_FOUND']);
      await stillOpen(c, 'no-role', 1);
    } finally {
      await sql('insert into role_assignment (user_id, role, org_unit) values (?, ?, ?)', ['u-v_med', 'V_MED', VILLAGE]);
    }
    expect((await complete(cookie, c, 'role-back')).statusCode).toBe(200);
  });

  it('a role given meanwhile: the completion is recorded with the roles held at its commit', async () => {
    const cookie = await signIn('v_med');
    const c = await startCase(cookie);
    await sql('insert into role_assignment (user_id, role, org_unit) values (?, ?, ?)', ['u-v_med', 'V_SEC', VILLAGE]);
    try {
      expect((await complete(cookie, c, 'new-role')).statusCode).toBe(200);
      const completed = (await createSqlStore(database.orm).history(c.instanceId)).find((e) => e.type === 'task.completed');
      expect(completed?.actor?.roles).toContain('V_SEC');
    } finally {
      await sql('delete from role_assignment where user_id = ? and role = ? and org_unit = ?', ['u-v_med', 'V_SEC', VILLAGE]);
    }
  });
});

describe.each(TEST_DATABASES.filter((d) => d.name === 'sqlite'))('the session proof on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  const sql = (query: string, params: unknown[] = []) => database.orm.em.fork().getConnection().execute(query, params);
  beforeAll(async () => {
    database = await db.open();
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD });
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await database?.close();
  });

  it('holds while nothing the session is built from changed, and fails on each change of it', async () => {
    const app = await buildApp({ orm: database.orm });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'v_med', password: PASSWORD } });
    await app.close();
    const token = readCookie(String(login.headers['set-cookie']), SESSION_COOKIE)!;
    const read = (await readSession(database.orm.em, token))!;
    expect(read.context.actor).toMatchObject({ id: 'u-v_med', orgUnit: VILLAGE });
    const access = sqliteAccessOf(database.orm)!;
    const proof = (nowMs = Date.now()) => access.write((s) => proveSessionUnchanged(s, read, nowMs));
    await expect(proof()).resolves.toBeUndefined();
    // A moment past the session's end.
    expect(isNoRowChanged(await proof(read.expiresAtMs).catch((e: unknown) => e))).toBe(true);

    const sessionId = hashToken(token);
    const changes: [what: string, change: [string, unknown[]], undo: [string, unknown[]]][] = [
      ['revoked', ['update session set revoked = 1 where id = ?', [sessionId]], ['update session set revoked = 0 where id = ?', [sessionId]]],
      ['disabled', ['update app_user set disabled = 1 where id = ?', ['u-v_med']], ['update app_user set disabled = 0 where id = ?', ['u-v_med']]],
      ['display name', ['update app_user set display_name = ? where id = ?', ['王建国（调解员）', 'u-v_med']], ['update app_user set display_name = ? where id = ?', ['王建国', 'u-v_med']]],
      ['username', ['update app_user set username = ? where id = ?', ['v_med_2', 'u-v_med']], ['update app_user set username = ? where id = ?', ['v_med', 'u-v_med']]],
      ['personal number', ['update app_user set person_id = null where id = ?', ['u-v_med']], ['update app_user set person_id = ? where id = ?', [read.stored.personId, 'u-v_med']]],
      ['relatives', ['update app_user set relatives = ? where id = ?', ['[]', 'u-v_med']], ['update app_user set relatives = ? where id = ?', [read.stored.relatives, 'u-v_med']]],
      ['unit', ['update app_user set org_unit = ? where id = ?', ['county:huaxi/town:qingshi', 'u-v_med']], ['update app_user set org_unit = ? where id = ?', [VILLAGE, 'u-v_med']]],
      ['unit name', ['update org_unit set name = ? where path = ?', ['青石', VILLAGE]], ['update org_unit set name = ? where path = ?', [read.stored.orgUnitName, VILLAGE]]],
      ['a role more', ['insert into role_assignment (user_id, role, org_unit) values (?, ?, ?)', ['u-v_med', 'V_SEC', VILLAGE]], ['delete from role_assignment where user_id = ? and role = ?', ['u-v_med', 'V_SEC']]],
      ['a role less', ['delete from role_assignment where user_id = ? and role = ?', ['u-v_med', 'V_MED']], ['insert into role_assignment (user_id, role, org_unit) values (?, ?, ?)', ['u-v_med', 'V_MED', VILLAGE]]],
    ];
    for (const [what, [change, changeParams], [undo, undoParams]] of changes) {
      await sql(change, changeParams);
      const failed = await proof().catch((e: unknown) => e);
      expect(isNoRowChanged(failed), what).toBe(true);
      await sql(undo, undoParams);
      await expect(proof(), `${what} undone`).resolves.toBeUndefined();
    }
    // The same number of roles, one of them another: still a change.
    await sql('delete from role_assignment where user_id = ? and role = ?', ['u-v_med', 'V_MED']);
    await sql('insert into role_assignment (user_id, role, org_unit) values (?, ?, ?)', ['u-v_med', 'V_SEC', VILLAGE]);
    expect(isNoRowChanged(await proof().catch((e: unknown) => e)), 'a role swapped').toBe(true);
  });
});
