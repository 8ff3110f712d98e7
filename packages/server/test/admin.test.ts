import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, DEMO_USERS, seedDemoUsers } from '../src/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const TOWN_ADMIN_PASSWORD = 'qingshi town admin 2027';
const COUNTY = 'county:huaxi';
const TOWN = 'county:huaxi/town:qingshi';
const STREET = 'county:huaxi/town:dongshan';
const VILLAGE = `${TOWN}/village:qingshicun`;

interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string }; details?: Record<string, unknown> }
interface UnitJson { path: string; level: string; code: string; name: string; children: UnitJson[] }
interface UserJson { id: string; username: string; displayName: string; orgUnit: string; orgUnitName: string; disabled: boolean; createdAt: string; roles: { role: string; orgUnit: string }[] }
interface PageJson { items: UserJson[]; nextCursor: string | null }

const paths = (node: UnitJson): string[] => [node.path, ...node.children.flatMap(paths)];

describe.each(TEST_DATABASES)('administration on $name', (db) => {
  let opened: OpenTestDatabase;
  let app: FastifyInstance;
  const logLines: string[] = [];
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    opened = await db.open();
    await seedDemoUsers(opened.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: opened.orm, logger: { level: 'info', stream: { write: (line) => { logLines.push(line); } } } });
    await login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  async function login(username: string, password: string): Promise<number> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode === 200) cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    return res.statusCode;
  }
  const call = (user: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: user ? { cookie: cookies.get(user)! } : {}, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const me = (user: string) => call(user, 'GET', '/api/me');
  const listAll = async (user: string, query: string): Promise<UserJson[]> => {
    const res = await call(user, 'GET', `/api/admin/users?limit=100${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as PageJson).items;
  };
  const logged = (event: string) => logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === event);

  it('is for administrators only: 401 without a session, 403 with another role', async () => {
    expect((await call(undefined, 'GET', '/api/admin/users')).statusCode).toBe(401);
    await login('v_med', PASSWORD);
    for (const [method, url] of [['GET', '/api/admin/org-units'], ['GET', '/api/admin/users'], ['POST', '/api/admin/users/u-voter/password'], ['GET', '/api/audit/verify']] as const) {
      const res = await call('v_med', method, url, method === 'POST' ? { password: 'x'.repeat(20) } : undefined);
      expect([res.statusCode, (res.json() as ErrorJson).code], url).toEqual([403, 'CF_SERVER_FORBIDDEN']);
    }
  });

  it('shows the org tree under the administrator\'s unit', async () => {
    const res = await call('admin', 'GET', '/api/admin/org-units');
    expect(res.statusCode).toBe(200);
    const tree = res.json() as UnitJson;
    expect(tree).toMatchObject({ path: COUNTY, level: 'county', code: 'huaxi', name: '华溪县' });
    const town = tree.children.find((c) => c.path === TOWN)!;
    expect(town).toMatchObject({ level: 'town', code: 'qingshi', name: '青石镇' });
    expect(town.children.map((c) => c.name)).toEqual(expect.arrayContaining(['青石村', '上坝村', '下河村']));
    expect(town.children.find((c) => c.path === VILLAGE)!.children.map((c) => c.path)).toEqual([`${VILLAGE}/grid:01`, `${VILLAGE}/grid:02`]);
    expect(paths(tree).sort()).toEqual(paths(tree).slice().sort());
    expect(new Set(paths(tree)).size).toBe(paths(tree).length);
    expect(tree.children.filter((c) => c.level === 'dept')).toHaveLength(15);
  });

  it('creates units only in the shape county → town|street → village|community → grid', async () => {
    const create = (payload: Record<string, string>) => call('admin', 'POST', '/api/admin/org-units', payload);
    const street = await create({ parent: COUNTY, level: 'street', code: 'xiyuan', name: '西苑街道' });
    expect(street.statusCode, street.body).toBe(201);
    expect(street.json()).toEqual({ path: `${COUNTY}/street:xiyuan`, level: 'street', code: 'xiyuan', name: '西苑街道', children: [] });
    expect((await create({ parent: `${COUNTY}/street:xiyuan`, level: 'community', code: 'heping', name: '和平社区' })).statusCode).toBe(201);
    expect((await create({ parent: `${COUNTY}/street:xiyuan/community:heping`, level: 'grid', code: '01', name: '和平社区第一网格' })).statusCode).toBe(201);

    const villageInVillage = await create({ parent: VILLAGE, level: 'village', code: 'x', name: '某村' });
    expect(villageInVillage.statusCode).toBe(400);
    expect(villageInVillage.json()).toMatchObject({ code: 'CF_SERVER_ORG_LEVEL', details: { allowed: ['grid'] } });
    expect((villageInVillage.json() as ErrorJson).message['zh-CN']).toBe(`村 (village)（${VILLAGE}）下不能设立 村 (village)`);
    const belowGrid = await create({ parent: `${VILLAGE}/grid:01`, level: 'grid', code: '02', name: '网格' });
    expect(belowGrid.json()).toMatchObject({ code: 'CF_SERVER_ORG_LEVEL', details: { allowed: [] } });
    const townBelowTown = await create({ parent: TOWN, level: 'town', code: 'y', name: '某镇' });
    expect(townBelowTown.json()).toMatchObject({ code: 'CF_SERVER_ORG_LEVEL', details: { allowed: ['village', 'community'] } });

    expect((await create({ parent: COUNTY, level: 'street', code: 'xiyuan', name: '重复' })).json()).toMatchObject({ code: 'CF_SERVER_CONFLICT' });
    expect((await create({ parent: COUNTY, level: 'street', code: 'a b', name: '空格' })).json()).toMatchObject({ code: 'CF_SERVER_ORG_CODE' });
    expect((await create({ parent: `${TOWN}/village:nowhere`, level: 'grid', code: '01', name: '无' })).statusCode).toBe(404);
    expect((await create({ parent: COUNTY, level: 'province', code: 'x', name: '省' })).statusCode).toBe(400);

    const tree = (await call('admin', 'GET', '/api/admin/org-units')).json() as UnitJson;
    expect(paths(tree)).toContain(`${COUNTY}/street:xiyuan/community:heping/grid:01`);
    expect(logged('admin.orgUnit.created').map((l) => [l['by'], l['orgUnit']])).toContainEqual(['u-admin', `${COUNTY}/street:xiyuan`]);
  });

  it('creates users with a password that meets the policy, and never returns password hashes', async () => {
    const base = { username: 'Admin_QingShi', displayName: '青石镇管理员', password: TOWN_ADMIN_PASSWORD, orgUnit: TOWN, roles: ['ADMIN'] };
    for (const [password, problem] of [['short-pw', 'short'], ['admin_qingshi-2027!', 'username']] as const) {
      const res = await call('admin', 'POST', '/api/admin/users', { ...base, password });
      expect([res.statusCode, (res.json() as ErrorJson).code, (res.json() as ErrorJson).details?.['problem']]).toEqual([400, 'CF_SERVER_PASSWORD_POLICY', problem]);
    }
    expect((await call('admin', 'POST', '/api/admin/users', { ...base, username: '王五' })).json()).toMatchObject({ code: 'CF_SERVER_USERNAME' });
    expect((await call('admin', 'POST', '/api/admin/users', { ...base, orgUnit: `${TOWN}/village:nowhere` })).statusCode).toBe(404);

    const res = await call('admin', 'POST', '/api/admin/users', base);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      user: { id: 'u-admin_qingshi', username: 'admin_qingshi', displayName: '青石镇管理员', orgUnit: TOWN, orgUnitName: '青石镇', disabled: false, createdAt: expect.any(String), roles: [{ role: 'ADMIN', orgUnit: TOWN }] },
    });
    expect(res.body).not.toMatch(/scrypt|passwordHash|password/i);
    expect((await call('admin', 'POST', '/api/admin/users', { ...base, username: 'ADMIN_qingshi' })).json()).toMatchObject({ code: 'CF_SERVER_CONFLICT' });
    expect(await login('admin_qingshi', TOWN_ADMIN_PASSWORD)).toBe(200);
    expect((await me('admin_qingshi')).json()).toMatchObject({ user: { orgUnit: TOWN, roles: ['ADMIN'] } });

    const list = await call('admin', 'GET', '/api/admin/users?limit=100');
    expect(list.body).not.toMatch(/scrypt|passwordHash|personId|relatives/);
    const wang = DEMO_USERS.find((u) => u.username === 'v_med')!;
    expect(list.body).not.toContain(wang.personId);
  });

  it('logs every change with who made it, masking personal numbers and never the password', async () => {
    const res = await call('admin', 'POST', '/api/admin/users', { username: '13800000000', displayName: '电话号登录的网格员', password: 'grid worker password 1', orgUnit: `${VILLAGE}/grid:01`, roles: ['GRID'] });
    expect(res.statusCode, res.body).toBe(201);
    const [line] = logged('admin.user.created').filter((l) => String(l['userId']).startsWith('u-138'));
    expect(line).toMatchObject({ by: 'u-admin', byOrgUnit: COUNTY, userId: 'u-138****0000', orgUnit: `${VILLAGE}/grid:01`, roles: ['GRID'] });
    const all = logLines.join('\n');
    expect(all).not.toContain('13800000000');
    expect(all).not.toContain('grid worker password 1');
    expect(all).not.toContain(TOWN_ADMIN_PASSWORD);
  });

  it('limits a town administrator to the town: tree, users, filters and pagination', async () => {
    const tree = (await call('admin_qingshi', 'GET', '/api/admin/org-units')).json() as UnitJson;
    expect(tree.path).toBe(TOWN);
    expect(paths(tree).every((p) => p === TOWN || p.startsWith(`${TOWN}/`))).toBe(true);

    const users = await listAll('admin_qingshi', '');
    const expected = DEMO_USERS.filter((u) => u.orgUnit === TOWN || u.orgUnit.startsWith(`${TOWN}/`)).map((u) => u.username);
    // The user who signs in with a phone number is listed masked: responses mask phone numbers for actors without the PII role.
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining([...expected, 'admin_qingshi', '138****0000']));
    expect(users.every((u) => u.orgUnit === TOWN || u.orgUnit.startsWith(`${TOWN}/`))).toBe(true);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);

    expect((await listAll('admin_qingshi', '&role=V_MED')).map((u) => u.username)).toEqual(['v_med', 'v_med_chair']);
    expect((await listAll('admin', `&role=V_MED&orgUnit=${encodeURIComponent(STREET)}`)).map((u) => u.username)).toEqual(['v_med_dongyuan']);
    expect((await listAll('admin_qingshi', `&orgUnit=${encodeURIComponent(VILLAGE)}`)).every((u) => u.orgUnit.startsWith(VILLAGE))).toBe(true);

    // Pages of 4 walk through the same users, each once.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await call('admin_qingshi', 'GET', `/api/admin/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json() as PageJson;
      expect(page.items.length).toBeLessThanOrEqual(4);
      walked.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(users.map((u) => u.username));
    expect((await call('admin_qingshi', 'GET', '/api/admin/users?cursor=%25%25')).statusCode).toBe(400);

    const outside = await call('admin_qingshi', 'GET', `/api/admin/users?orgUnit=${encodeURIComponent(STREET)}`);
    expect(outside.statusCode).toBe(403);
    const error = outside.json() as ErrorJson;
    expect(error.code).toBe('CF_SERVER_FORBIDDEN_ORG_UNIT');
    expect(error.message['zh-CN']).toBe(`您只能管理本单位（${TOWN}）及其下级单位，${STREET} 不在此范围内`);
    expect(error.message.en).toContain('outside');
    expect(error.hint?.['zh-CN']).toBeTruthy();
  });

  it('refuses every action outside the administrator\'s subtree with 403', async () => {
    const attempts: [string, 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['create a unit in another street', 'POST', '/api/admin/org-units', { parent: STREET, level: 'community', code: 'z', name: '某社区' }],
      ['create a user in another street', 'POST', '/api/admin/users', { username: 'someone', displayName: '某人', password: 'long enough password', orgUnit: STREET }],
      ['rename a county official', 'PATCH', '/api/admin/users/u-c_center', { displayName: '改名' }],
      ['reset a county official\'s password', 'POST', '/api/admin/users/u-c_center/password', { password: 'a new long password' }],
      ['grant a role in the county', 'POST', '/api/admin/users/u-v_med/roles', { role: 'C_CENTER', orgUnit: COUNTY }],
      ['remove the county administrator\'s role', 'DELETE', '/api/admin/users/u-admin/roles/ADMIN', undefined],
    ];
    for (const [what, method, url, payload] of attempts) {
      const res = await call('admin_qingshi', method, url, payload);
      expect([res.statusCode, (res.json() as ErrorJson).code], what).toEqual([403, 'CF_SERVER_FORBIDDEN_ORG_UNIT']);
    }
    expect((await call('admin', 'GET', '/api/admin/users?limit=100')).json()).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ id: 'u-c_center', displayName: '周立新' })]) });
  });

  it('disables and re-enables a user: disabling ends every session at once', async () => {
    await login('v_med', PASSWORD);
    expect((await me('v_med')).statusCode).toBe(200);
    const renamed = await call('admin_qingshi', 'PATCH', '/api/admin/users/u-v_med', { displayName: '王建国（调解员）' });
    expect(renamed.json()).toMatchObject({ user: { displayName: '王建国（调解员）', disabled: false }, sessionsRevoked: 0 });

    const disabled = await call('admin_qingshi', 'PATCH', '/api/admin/users/u-v_med', { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect((disabled.json() as { sessionsRevoked: number }).sessionsRevoked).toBeGreaterThanOrEqual(1);
    expect((await me('v_med')).statusCode).toBe(401);
    expect(await login('v_med', PASSWORD)).toBe(401);

    expect((await call('admin_qingshi', 'PATCH', '/api/admin/users/u-v_med', { disabled: false })).json()).toMatchObject({ user: { disabled: false } });
    expect(await login('v_med', PASSWORD)).toBe(200);
    expect((await call('admin_qingshi', 'PATCH', '/api/admin/users/u-v_med', {})).statusCode).toBe(400);
    expect((await call('admin_qingshi', 'PATCH', '/api/admin/users/u-nobody', { disabled: true })).statusCode).toBe(404);
    expect(logged('admin.user.changed').filter((l) => l['userId'] === 'u-v_med' && l['by'] === 'u-admin_qingshi').map((l) => l['disabled'])).toEqual([undefined, true, false]);
  });

  it('resets a password: the old one stops working and every session ends', async () => {
    await login('voter', PASSWORD);
    expect((await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/password', { password: 'short' })).json()).toMatchObject({ code: 'CF_SERVER_PASSWORD_POLICY' });
    const res = await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/password', { password: '选民新密码 2027 秋' });
    expect(res.statusCode).toBe(204);
    expect((await me('voter')).statusCode).toBe(401);
    expect(await login('voter', PASSWORD)).toBe(401);
    expect(await login('voter', '选民新密码 2027 秋')).toBe(200);
    expect(logged('admin.user.passwordReset')).toContainEqual(expect.objectContaining({ by: 'u-admin_qingshi', userId: 'u-voter', sessionsRevoked: 1 }));
  });

  it('grants and removes roles within the subtree; the roles take effect on the next request', async () => {
    const granted = await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/roles', { role: 'TELLER' });
    expect(granted.statusCode).toBe(201);
    expect((granted.json() as { user: UserJson }).user.roles).toEqual([{ role: 'TELLER', orgUnit: VILLAGE }, { role: 'VOTER', orgUnit: VILLAGE }]);
    expect((await me('voter')).json()).toMatchObject({ user: { roles: ['TELLER', 'VOTER'] } });
    expect((await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/roles', { role: 'TELLER' })).statusCode).toBe(200);
    const elsewhere = await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/roles', { role: 'V_2W', orgUnit: `${TOWN}/village:xiahe` });
    expect((elsewhere.json() as { user: UserJson }).user.roles).toContainEqual({ role: 'V_2W', orgUnit: `${TOWN}/village:xiahe` });
    expect((await call('admin_qingshi', 'POST', '/api/admin/users/u-voter/roles', { role: 'not a role' })).statusCode).toBe(400);

    const removed = await call('admin_qingshi', 'DELETE', '/api/admin/users/u-voter/roles/TELLER');
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as { user: UserJson }).user.roles.map((r) => r.role)).toEqual(['VOTER', 'V_2W']);
    expect((await me('voter')).json()).toMatchObject({ user: { roles: ['VOTER'] } });
    expect((await call('admin_qingshi', 'DELETE', '/api/admin/users/u-voter/roles/TELLER')).json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    expect((await call('admin_qingshi', 'DELETE', `/api/admin/users/u-voter/roles/V_2W?orgUnit=${encodeURIComponent(`${TOWN}/village:xiahe`)}`)).statusCode).toBe(200);
    expect(logged('admin.role.granted').filter((l) => l['userId'] === 'u-voter').map((l) => l['role'])).toEqual(['TELLER', 'V_2W']);
    expect(logged('admin.role.revoked').filter((l) => l['userId'] === 'u-voter').map((l) => [l['role'], l['orgUnit']])).toEqual([['TELLER', VILLAGE], ['V_2W', `${TOWN}/village:xiahe`]]);
  });

  it('protects users who hold roles outside the subtree from an administrator below them', async () => {
    expect((await call('admin', 'POST', '/api/admin/users/u-t_center/roles', { role: 'C_CENTER', orgUnit: COUNTY })).statusCode).toBe(201);
    const res = await call('admin_qingshi', 'POST', '/api/admin/users/u-t_center/password', { password: 'take over the county' });
    expect([res.statusCode, (res.json() as ErrorJson).code]).toEqual([403, 'CF_SERVER_FORBIDDEN_ORG_UNIT']);
    expect((await call('admin', 'DELETE', `/api/admin/users/u-t_center/roles/C_CENTER?orgUnit=${COUNTY}`)).statusCode).toBe(200);
    expect((await call('admin_qingshi', 'PATCH', '/api/admin/users/u-t_center', { displayName: '李明华' })).statusCode).toBe(200);
  });

  it('never lets an administrator lock themselves out', async () => {
    const last = await call('admin_qingshi', 'DELETE', '/api/admin/users/u-admin_qingshi/roles/ADMIN');
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({ code: 'CF_SERVER_SELF_LOCKOUT', message: { 'zh-CN': '不能移除您自己最后一个管理员（ADMIN）角色' } });
    const disableSelf = await call('admin_qingshi', 'PATCH', '/api/admin/users/u-admin_qingshi', { disabled: true });
    expect([disableSelf.statusCode, (disableSelf.json() as ErrorJson).code]).toEqual([409, 'CF_SERVER_SELF_LOCKOUT']);
    expect((await me('admin_qingshi')).statusCode).toBe(200);

    // With a second ADMIN assignment the first may go; another administrator may remove the last one.
    expect((await call('admin_qingshi', 'POST', '/api/admin/users/u-admin_qingshi/roles', { role: 'ADMIN', orgUnit: VILLAGE })).statusCode).toBe(201);
    expect((await call('admin_qingshi', 'DELETE', `/api/admin/users/u-admin_qingshi/roles/ADMIN?orgUnit=${encodeURIComponent(VILLAGE)}`)).statusCode).toBe(200);
    expect((await call('admin', 'DELETE', '/api/admin/users/u-admin_qingshi/roles/ADMIN')).statusCode).toBe(200);
    expect((await call('admin_qingshi', 'GET', '/api/admin/users')).statusCode).toBe(403);
  });

  it('describes the admin routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/admin/org-units'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/admin/users'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/admin/users/{id}'] ?? {})).toEqual(['patch']);
    expect(spec.paths['/api/admin/users/{id}/password']?.['post']).toBeDefined();
    expect(spec.paths['/api/admin/users/{id}/roles']?.['post']).toBeDefined();
    expect(spec.paths['/api/admin/users/{id}/roles/{role}']?.['delete']).toBeDefined();
  });
});
