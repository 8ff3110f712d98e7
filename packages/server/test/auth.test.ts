import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOrgUnitPath, isWithin } from '@civicflow/engine';
import type { Actor } from '@civicflow/engine';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Orm } from '../src/orm/createOrm.js';
import {
  createLoginLimiter, createSession, readCookie, registerAuth, requireRole, resolveSession, revokeSession, hashToken,
} from '../src/auth/index.js';
import { ADMIN_USERNAME, DEMO_ORG_UNITS, DEMO_USERS, demoUsersMarkdown, seedDemoUsers } from '../src/demo/index.js';
import { RoleAssignmentEntity, UserEntity } from '../src/entities/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase, TestDatabase } from './support/testDatabases.js';

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
// Every describe block runs on each test database; each openOrm() is a fresh, migrated database.
const opened: OpenTestDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});
async function openOrm(db: TestDatabase): Promise<Orm> {
  const o = await db.open();
  opened.push(o);
  return o.orm;
}
const sql = (orm: Orm, query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params);
/** The tables of the database (SQLite's catalogue, or PostgreSQL's information schema). */
const tablesOf = async (db: TestDatabase, orm: Orm): Promise<string[]> => (await sql(orm, db.name === 'sqlite'
  ? "select name from sqlite_master where type = 'table'"
  : 'select table_name as name from information_schema.tables where table_schema = current_schema()')).map((r: { name: string }) => r.name);
/** `true` as a raw query returns a boolean column: 1 on SQLite, true on PostgreSQL. */
const sqlTrue = (db: TestDatabase): unknown => (db.name === 'sqlite' ? 1 : true);

/** buildApp() does not call ready(), so plugins can still be registered on it. */
async function appWith(orm: Orm, extra?: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = await buildApp();
  await registerAuth(app, { orm });
  extra?.(app);
  await app.ready();
  return app;
}
const login = (app: FastifyInstance, username: string, password: string, remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

describe.each(TEST_DATABASES)('auth schema on $name', (db) => {
  it('is created by the migrations, which agree with the entities', async () => {
    const orm = await openOrm(db);
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    expect(await orm.migrator.getPendingMigrations()).toEqual([]);
    const tables = await tablesOf(db, orm);
    expect(tables).toEqual(expect.arrayContaining(['org_unit', 'app_user', 'role_assignment', 'session']));
  });
});

describe.each(TEST_DATABASES)('login, sessions and /api/me on $name', (db) => {
  let orm: Orm;
  let app: FastifyInstance;
  beforeAll(async () => {
    orm = await openOrm(db);
    await seedDemoUsers(orm, { password: PASSWORD, production: false, adminPassword: ADMIN_PASSWORD });
    app = await appWith(orm, (a) => {
      a.get('/test/admin-only', { preHandler: requireRole('ADMIN') }, async () => ({ ok: true }));
    });
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => { await app.close(); });

  it('signs in: an httpOnly SameSite=Strict session cookie, and the user without personal numbers', async () => {
    const res = await login(app, 'v_med', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: { id: 'u-v_med', username: 'v_med', displayName: '王建国', orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', orgUnitName: '青石村', roles: ['PII', 'V_MED'] } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^cf_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(setCookie).not.toContain('Secure'); // only with secureCookies

    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `theme=dark; ${cookieOf(res)}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(res.json());
    // PII: the ID number and relatives the Actor carries never leave through /api/me.
    const wang = DEMO_USERS.find((u) => u.username === 'v_med')!;
    expect(wang.personId).toMatch(/^\d{17}[\dX]$/);
    expect(me.body).not.toContain(wang.personId);
    expect(me.body).not.toContain(wang.relatives![0]);
    expect(me.body).not.toMatch(/personId|relatives|passwordHash|scrypt/);
  });

  it('usernames are case-insensitive', async () => {
    expect((await login(app, 'V_Med', PASSWORD, '10.0.0.9')).statusCode).toBe(200);
  });

  it('answers /api/me with 401 CF_SERVER_UNAUTHENTICATED without a (valid) session', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ code: 'CF_SERVER_UNAUTHENTICATED', message: { 'zh-CN': '请先登录', en: 'please sign in first' } });
    const forged = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `cf_session=${'A'.repeat(43)}` } });
    expect(forged.statusCode).toBe(401);
    const junk = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'cf_session=../../etc' } });
    expect(junk.statusCode).toBe(401);
  });

  it('gives the same 401 body for a wrong password and an unknown user', async () => {
    const wrong = await login(app, 't_center', 'not-the-password', '10.0.1.1');
    const unknown = await login(app, 'nobody', 'not-the-password', '10.0.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toMatchObject({ code: 'CF_SERVER_BAD_CREDENTIALS', message: { 'zh-CN': '用户名或密码错误' } });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('takes as long for an unknown user as for a wrong password (one scrypt either way)', async () => {
    const time = async (username: string, i: number) => {
      const t0 = performance.now();
      await login(app, username, 'wrong', `10.0.9.${i}`);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('twp_gov', i));
      unknown.push(await time(`ghost${i}`, i));
    }
    // Without the dummy hash an unknown user would answer in ~1 ms against tens of ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('refuses the 6th attempt after 5 failures with 429 and Retry-After, for that IP and username only', async () => {
    const ip = '10.0.2.2';
    for (let i = 0; i < 5; i++) expect((await login(app, 'police', `wrong-${i}`, ip)).statusCode).toBe(401);
    const sixth = await login(app, 'police', PASSWORD, ip); // even the right password
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'CF_SERVER_TOO_MANY_ATTEMPTS' });
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await login(app, 'police', PASSWORD, '10.0.2.3')).statusCode).toBe(200);
    expect((await login(app, 'twp_cmd', PASSWORD, ip)).statusCode).toBe(200);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const res = await login(app, 'twp_lead', PASSWORD, '10.0.3.3');
    const cookie = cookieOf(res);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^cf_session=; .*Max-Age=0/);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    const token = cookie.slice('cf_session='.length);
    expect(await sql(orm, 'select revoked from session where id = ?', [hashToken(token)])).toEqual([{ revoked: sqlTrue(db) }]);
  });

  it('stores session tokens only as SHA-256 hashes', async () => {
    const res = await login(app, 'vec', PASSWORD, '10.0.4.4');
    const token = cookieOf(res).slice('cf_session='.length);
    const rows = (await sql(orm, 'select * from session')) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(rows.map((r) => r['id'])).toContain(hashToken(token));
    for (const r of rows) expect(r['id']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('requireRole: 401 without a session, 403 CF_SERVER_FORBIDDEN without the role, through with it', async () => {
    expect((await app.inject({ method: 'GET', url: '/test/admin-only' })).statusCode).toBe(401);
    const vmed = cookieOf(await login(app, 'v_med', PASSWORD, '10.0.5.5'));
    const denied = await app.inject({ method: 'GET', url: '/test/admin-only', headers: { cookie: vmed } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'CF_SERVER_FORBIDDEN' });
    const admin = cookieOf(await login(app, ADMIN_USERNAME, ADMIN_PASSWORD, '10.0.5.5'));
    expect((await app.inject({ method: 'GET', url: '/test/admin-only', headers: { cookie: admin } })).json()).toEqual({ ok: true });
  });

  it('a disabled user can neither sign in nor keep using a session', async () => {
    const cookie = cookieOf(await login(app, 'teller', PASSWORD, '10.0.6.6'));
    await orm.em.fork().nativeUpdate(UserEntity, { username: 'teller' }, { disabled: true });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    const res = await login(app, 'teller', PASSWORD, '10.0.6.6');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_BAD_CREDENTIALS' });
  });

  it('lists the auth routes in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/logout', '/api/me']));
  });

  it('sets Secure on the cookie when asked', async () => {
    const secure = await buildApp();
    await registerAuth(secure, { orm, secureCookies: true });
    await secure.ready();
    const res = await login(secure, 'grid', PASSWORD);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
    await secure.close();
  });
});

describe.each(TEST_DATABASES)('sessions (direct) on $name', (db) => {
  it('create → resolve to an Actor → revoke; expired sessions resolve to null', async () => {
    const orm = await openOrm(db);
    await seedDemoUsers(orm, { password: PASSWORD, production: false });
    const em = orm.em.fork();
    const { token, expiresAt } = await createSession(em, 'u-v_med_chair', { ttlSeconds: 60 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const actor = await resolveSession(orm.em.fork(), token);
    expect(actor).toMatchObject({ id: 'u-v_med_chair', roles: ['PII', 'V_MED', 'V_MED_CHAIR'], orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', name: '刘桂英' });
    expect(actor!.personId).toMatch(/^110101/); // the engine gets it, for conflict-of-interest rules
    expect(await resolveSession(orm.em.fork(), token, new Date(Date.now() + 61_000))).toBeNull();
    expect(await revokeSession(orm.em.fork(), token)).toBe(true);
    expect(await resolveSession(orm.em.fork(), token)).toBeNull();
    expect(await revokeSession(orm.em.fork(), token)).toBe(false);
  });

  it('acts in the primary unit only, with the roles held there', async () => {
    const orm = await openOrm(db);
    await seedDemoUsers(orm, { password: PASSWORD, production: false });
    const em = orm.em.fork();
    // 李明华 also mediates at the village; the session still acts at the town with T_CENTER.
    await em.insert(RoleAssignmentEntity, { user: 'u-t_center', role: 'V_MED', orgUnit: 'county:huaxi/town:qingshi/village:qingshicun' });
    await em.insert(RoleAssignmentEntity, { user: 'u-t_center', role: 'POLICE', orgUnit: 'county:huaxi/town:qingshi' });
    const { token } = await createSession(em, 'u-t_center');
    expect(await resolveSession(orm.em.fork(), token)).toMatchObject({ roles: ['POLICE', 'T_CENTER'], orgUnit: 'county:huaxi/town:qingshi' });
  });

  it('the limiter slides: failures older than the window no longer count', () => {
    let t = 0;
    const limiter = createLoginLimiter({ maxFailures: 2, windowMs: 1000, now: () => t });
    limiter.fail('ip', 'a');
    t = 500;
    limiter.fail('ip', 'A '); // same key: usernames are normalised
    expect(limiter.blocked('ip', 'a')).toBe(1);
    t = 1001;
    expect(limiter.blocked('ip', 'a')).toBeNull();
    limiter.fail('ip', 'a');
    expect(limiter.blocked('ip', 'a')).toBe(1);
    limiter.succeed('ip', 'a');
    expect(limiter.blocked('ip', 'a')).toBeNull();
  });

  it('reads the session cookie among others', () => {
    expect(readCookie('a=1; cf_session=abc; b=2', 'cf_session')).toBe('abc');
    expect(readCookie('xcf_session=no', 'cf_session')).toBeUndefined();
    expect(readCookie(undefined, 'cf_session')).toBeUndefined();
  });
});

describe.each(TEST_DATABASES)('demo data on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  const exampleRoles = (): Set<string> => {
    const roles = new Set<string>();
    const root = new URL('../../../examples/', import.meta.url);
    for (const dir of ['dispute-mediation', 'emergency-mobilisation', 'village-election', 'grid-event-loop', 'community-affairs-access']) {
      for (const file of readdirSync(new URL(`${dir}/`, root)).filter((f) => f.endsWith('.json'))) {
        const doc = JSON.parse(readFileSync(new URL(`${dir}/${file}`, root), 'utf8')) as { roles?: Record<string, unknown> };
        for (const r of Object.keys(doc.roles ?? {})) roles.add(r);
      }
    }
    return roles;
  };

  it('has a demo user for every role of the five example processes, in valid units of the demo tree', () => {
    const held = new Set(DEMO_USERS.flatMap((u) => u.roles));
    const roles = exampleRoles();
    expect(roles.size).toBeGreaterThan(20);
    expect([...roles].filter((r) => !held.has(r))).toEqual([]);
    const units = new Set(DEMO_ORG_UNITS.map((u) => u.path));
    for (const u of DEMO_ORG_UNITS) {
      expect(isOrgUnitPath(u.path)).toBe(true);
      const cut = u.path.lastIndexOf('/');
      if (cut > 0) expect(units.has(u.path.slice(0, cut))).toBe(true);
    }
    for (const u of DEMO_USERS) {
      expect(units.has(u.orgUnit), u.username).toBe(true);
      expect(u.username).toMatch(/^[a-z0-9_]+$/);
    }
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    expect(DEMO_ORG_UNITS.filter((u) => u.path.startsWith('county:huaxi/dept:'))).toHaveLength(15);
    expect(demoUsersMarkdown()).toContain('| `v_med` | 王建国 | V_MED |');
  });

  it('seeds idempotently, and every seeded user resolves to a valid engine Actor', async () => {
    const orm = await openOrm(db);
    const first = await seedDemoUsers(orm, { password: PASSWORD, production: false, adminPassword: ADMIN_PASSWORD });
    expect(first.usersCreated).toHaveLength(DEMO_USERS.length + 1);
    const count = async () => (await sql(orm, 'select (select count(*) from app_user) u, (select count(*) from org_unit) o, (select count(*) from role_assignment) r'))[0];
    const before = await count();
    const second = await seedDemoUsers(orm, { password: 'another-password', production: false, adminPassword: 'another-admin-password' });
    expect(second).toMatchObject({ orgUnitsCreated: 0, usersCreated: [] });
    expect(await count()).toEqual(before);
    // passwords were not reset by the second run
    const app = await appWith(orm);
    expect((await login(app, 'v_med', PASSWORD)).statusCode).toBe(200);
    await app.close();

    for (const user of [...DEMO_USERS.map((u) => u.username), ADMIN_USERNAME]) {
      const row = await orm.em.fork().findOneOrFail(UserEntity, { username: user });
      const { token } = await createSession(orm.em.fork(), row.id);
      const actor = (await resolveSession(orm.em.fork(), token)) as Actor;
      expect(isOrgUnitPath(actor.orgUnit), user).toBe(true);
      // The county's tree, and the city's plaque reviewers of example E (city:jiangcheng/dept:…, as its definition names them).
      expect(isWithin(actor.orgUnit, 'county:huaxi') || isWithin(actor.orgUnit, 'city:jiangcheng'), user).toBe(true);
      expect(actor.roles.length, user).toBeGreaterThan(0);
      const demo = DEMO_USERS.find((u) => u.username === user);
      if (demo) expect(actor).toMatchObject({ roles: [...demo.roles].sort(), orgUnit: demo.orgUnit });
    }
  });

  it('skips the demo data in production (unless forced); the admin still needs a strong password', async () => {
    const orm = await openOrm(db);
    const prod = await seedDemoUsers(orm, { production: true, adminPassword: ADMIN_PASSWORD });
    expect(prod).toMatchObject({ demo: false, usersCreated: [ADMIN_USERNAME], orgUnitsCreated: 1 });
    expect(await sql(orm, 'select username from app_user')).toEqual([{ username: ADMIN_USERNAME }]);
    await expect(seedDemoUsers(orm, { production: true, adminPassword: 'short' })).rejects.toThrow(/12 characters/);
    await expect(seedDemoUsers(orm, { production: false })).rejects.toThrow(/password/);
    const forced = await seedDemoUsers(orm, { production: true, force: true, password: PASSWORD });
    expect(forced.usersCreated).toHaveLength(DEMO_USERS.length);
  });
});
