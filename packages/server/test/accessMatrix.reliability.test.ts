import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ProcessDefinition } from '@civicflow/engine';
import { ACCESS_DENIED_EVENT, buildApp, closeOrm, createOrm, DEMO_USERS, seedDemoUsers } from '../src/index.js';
import type { Orm } from '../src/index.js';
import { recordReliabilityFigures, RELIABILITY_FULL } from './support/reliabilityFigures.js';

/*
 * Issue 7, row "access": every HTTP route × every role of the examples × org scope, over real
 * HTTP (a loopback port, SQLite), against the expected allow/deny tables below. The tables are
 * the specification, written from the server README (Endpoints, Security) and the domain docs
 * (/work/shared/domain: who acts and who supervises in A–E), not read off the code. The routes
 * are enumerated from the running app: a route without an expectation fails the test, as does
 * an expectation for a route that no longer exists. Every denial must leave one log line with
 * the route, the user's id (never a name or ID number) and the reason.
 */

const EXAMPLES = new URL('../../../examples/', import.meta.url);
const DISPUTE = JSON.parse(readFileSync(new URL('dispute-mediation/process.json', EXAMPLES), 'utf8')) as ProcessDefinition;
const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';

/** The target units: the county, a town, a village of that town, a community of the other street. */
const UNITS = {
  C: 'county:huaxi',
  T: 'county:huaxi/town:qingshi',
  V: 'county:huaxi/town:qingshi/village:qingshicun',
  D: 'county:huaxi/town:dongshan/community:dongyuan',
} as const;
type UnitKey = keyof typeof UNITS;
const UNIT_KEYS = Object.keys(UNITS) as UnitKey[];

/**
 * The actors: anonymous and one demo user per kind of role of the examples — village cadres
 * (mediator with PII, the village Party organisation, a grid worker one level below the village),
 * the town centre and the town's administrator (IT staff), the county centre, the vetting group
 * lead and a vetting department, the county administrator, and for foreign scopes the other
 * street's centre, a community mediator there and a resident of a sibling village.
 */
const ACTORS = ['anonymous', 'v_med', 'v_party', 'grid', 't_center', 't_it', 'c_center', 'county_org', 'vet_gongan', 'admin', 't_center_dongshan', 'v_med_dongyuan', 'resident'] as const;
type ActorKey = (typeof ACTORS)[number];

const unitOfActor = (actor: ActorKey): string | null => {
  if (actor === 'anonymous') return null;
  if (actor === 'admin') return UNITS.C;
  return DEMO_USERS.find((u) => u.username === actor)!.orgUnit;
};

type Scope = 'own' | 'child' | 'parent' | 'foreign' | 'none';
/** Where the target lies seen from the actor: their unit, below it, above it, or neither (a sibling or another subtree). */
function scopeOf(actor: ActorKey, target: UnitKey | null): Scope {
  const mine = unitOfActor(actor);
  if (target === null || mine === null) return 'none';
  const unit = UNITS[target];
  if (unit === mine) return 'own';
  if (unit.startsWith(`${mine}/`)) return 'child';
  if (mine.startsWith(`${unit}/`)) return 'parent';
  return 'foreign';
}

// ---------------------------------------------------------------------------------------------
// The expected tables. Unscoped tables: A allow, d deny per actor. Scoped tables: four letters,
// one per target unit in the order C T V D (county, town 青石镇, village 青石村, community 东苑社区).
// ---------------------------------------------------------------------------------------------
type Verdicts = Record<ActorKey, string>;
const everyone = (v: 'A' | 'd'): Verdicts => Object.fromEntries(ACTORS.map((a) => [a, v])) as Verdicts;
const everyScoped = (v: string): Verdicts => Object.fromEntries(ACTORS.map((a) => [a, v])) as Verdicts;

/** Public: liveness, the API description, sign-in and sign-out, the published procedures (政务公开: a process definition is a public rule, no personal data), checking a draft definition (pure, no data). */
const PUBLIC = everyone('A');
/** Any signed-in user: their own profile, inbox, notifications, published form validators, uploading a file. */
const SIGNED_IN: Verdicts = { ...everyone('A'), anonymous: 'd' };
/** Administrators (ADMIN, at the town or the county) only: publishing, draft validators, the test clock, their own org tree and users. */
const ADMIN_ONLY: Verdicts = { ...everyone('d'), t_it: 'A', admin: 'A' };
/** The uploader only, while no case's form references the file (README: attachments). The fixture file is v_med's. */
const UPLOADER: Verdicts = { ...everyone('d'), v_med: 'A' };

/**
 * A case on a need-to-know basis within the actor's unit (README: GET /api/instances/:id): the
 * administrators above or at it, the starter, participants, and supervisors strictly above the
 * case holding a role of its process (the dispute mediation: PARTY, GRID, V_MED, V_MED_CHAIR,
 * T_CENTER, POLICE, C_CENTER, COURT, JUSTICE_BUREAU). Fixture cases: C started by admin, T by
 * t_center (filed at the town), V by v_med, D by v_med_dongyuan.
 */
const CASE_NEED_TO_KNOW: Verdicts = {
  anonymous: 'dddd',
  v_med: 'ddAd', // own village's case (starter, participant); the town's and county's cases are above: not within the unit
  v_party: 'dddd', // own village, but the village Party organisation has no part in a dispute (B): no need to know
  grid: 'dddd', // the grid lies below the village: the village's case is not within the grid's unit (B: the grid worker reports, the mediator handles)
  t_center: 'dAAd', // own (starter) and the village below (supervisor, T_CENTER is a role of B); not the county's, not the other street's
  t_it: 'dAAd', // administrator of the town: every case in the town's subtree
  // The county centre supervises cases below the county; a case AT the county it neither started nor
  // has a task in: no need to know (the rule is "strictly above"; B has no county intake step).
  c_center: 'dAAA',
  county_org: 'dddd', // the vetting group (A) has no part in a dispute
  vet_gongan: 'dddd', // a county department's unit is a sibling subtree of the towns
  admin: 'AAAA',
  t_center_dongshan: 'dddA', // the other street's centre: only its own community's case
  v_med_dongyuan: 'dddA',
  resident: 'dddd',
};

/** Within the actor's own unit or below it (README: start a case in my unit or below; list filter `orgUnit`). */
const WITHIN_UNIT: Verdicts = {
  anonymous: 'dddd', v_med: 'ddAd', v_party: 'ddAd', grid: 'dddd', t_center: 'dAAd', t_it: 'dAAd', c_center: 'AAAA', county_org: 'AAAA',
  vet_gongan: 'dddd', admin: 'AAAA', t_center_dongshan: 'dddA', v_med_dongyuan: 'dddA', resident: 'dddd',
};

/** Administrators within their subtree: the town's administrator for the town and its village, the county's for all (README: admin, monitor, audit, cancel, reassign). */
const ADMIN_IN_SUBTREE: Verdicts = { ...everyScoped('dddd'), t_it: 'dAAd', admin: 'AAAA' };

/**
 * The open first task of each fixture case, to whoever may act on it (role, unit) — nobody else
 * sees or acts on a task, administrators included (README: a task is visible to the actors who may
 * act on it). C: V_MED at the county (no demo user); T: T_CENTER at the town; V: V_MED at the
 * village; D: V_MED at the community.
 */
const TASK_ACTOR: Verdicts = { ...everyScoped('dddd'), v_med: 'ddAd', t_center: 'dAdd', v_med_dongyuan: 'dddA' };

/**
 * Reassigning (改派) an open task: its holder, an administrator who may see the case, or a holder
 * of the task's role in a unit strictly above the task's (README). No task is claimed when probed
 * and no demo user holds V_MED or T_CENTER above those tasks, so: the administrators in their subtree.
 */
const REASSIGN = ADMIN_IN_SUBTREE;

// ---------------------------------------------------------------------------------------------
// The routes: each with its table and a probe that passes every check that comes AFTER access
// control where possible (allowed → 2xx, 409 or 422; denied → 401, 403 or 404).
// ---------------------------------------------------------------------------------------------
interface Fixtures {
  cases: Record<UnitKey, { id: string; taskId: string }>;
  ended: Record<UnitKey, string>;
  userIn: Record<UnitKey, string>;
  attachmentId: string;
  draftValidatorUrl: string;
  formId: string;
}
interface Probe { method: string; url: string; body?: unknown; headers?: Record<string, string> }
interface RouteSpec {
  table: Verdicts;
  scoped: boolean;
  probe(f: Fixtures, target: UnitKey | null, actor: ActorKey, n: number): Probe;
  /** Sets up what the probe needs, as the county administrator (the role a DELETE removes). */
  before?: (f: Fixtures, target: UnitKey | null) => Probe;
  /** Undoes what an allowed probe changed (a claim), as the same actor. */
  after?: (f: Fixtures, target: UnitKey | null) => Probe;
}

const task = (f: Fixtures, t: UnitKey | null) => `/api/tasks/${f.cases[t!].id}/${encodeURIComponent(f.cases[t!].taskId)}`;
const CHILD_LEVEL: Record<UnitKey, string> = { C: 'town', T: 'village', V: 'grid', D: 'grid' };

const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/health' }) },
  'GET /api/openapi.json': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/openapi.json' }) },
  'GET /api/docs': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs' }) },
  'GET /api/docs/': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/' }) },
  'GET /api/docs/static/index.html': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/static/index.html' }) },
  'GET /api/docs/static/swagger-initializer.js': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' }) },
  'GET /api/docs/*': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/static/swagger-ui.css' }) },
  'GET /api/docs/json': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/json' }) },
  'GET /api/docs/yaml': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/docs/yaml' }) },
  'POST /api/auth/login': { table: PUBLIC, scoped: false, probe: (_f, _t, actor) => ({ method: 'POST', url: '/api/auth/login', body: credentials(actor === 'anonymous' ? 'voter' : actor) }) },
  // Signing out is open to anyone (it only ends the caller's own session); the probe signs out a fresh session.
  'POST /api/auth/logout': { table: PUBLIC, scoped: false, probe: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/me': { table: SIGNED_IN, scoped: false, probe: () => ({ method: 'GET', url: '/api/me' }) },
  'POST /api/definitions/validate': { table: PUBLIC, scoped: false, probe: () => ({ method: 'POST', url: '/api/definitions/validate', body: DISPUTE }) },
  'GET /api/definitions': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: '/api/definitions' }) },
  'GET /api/definitions/:id/versions/:version': { table: PUBLIC, scoped: false, probe: () => ({ method: 'GET', url: `/api/definitions/${DISPUTE.id}/versions/1` }) },
  // Publishing changes what every unit runs: administrators (the town's IT staff compose and publish, README demo users).
  'POST /api/definitions': { table: ADMIN_ONLY, scoped: false, probe: () => ({ method: 'POST', url: '/api/definitions', body: DISPUTE }) },
  'GET /api/definitions/:id/versions/:version/forms/:formId/validator.js': {
    table: SIGNED_IN, scoped: false, probe: (f) => ({ method: 'GET', url: `/api/definitions/${DISPUTE.id}/versions/1/forms/${f.formId}/validator.js` }),
  },
  'POST /api/forms/validators': { table: ADMIN_ONLY, scoped: false, probe: () => ({ method: 'POST', url: '/api/forms/validators', body: { schema: { type: 'object', properties: { a: { type: 'string' } } } } }) },
  'GET /api/forms/validators/:file': { table: ADMIN_ONLY, scoped: false, probe: (f) => ({ method: 'GET', url: f.draftValidatorUrl }) },
  'GET /api/test/clock': { table: ADMIN_ONLY, scoped: false, probe: () => ({ method: 'GET', url: '/api/test/clock' }) },
  'POST /api/test/clock': { table: ADMIN_ONLY, scoped: false, probe: () => ({ method: 'POST', url: '/api/test/clock', body: { advance: { minutes: 1 } } }) },
  'GET /api/tasks': { table: SIGNED_IN, scoped: false, probe: () => ({ method: 'GET', url: '/api/tasks' }) },
  'GET /api/notifications': { table: SIGNED_IN, scoped: false, probe: () => ({ method: 'GET', url: '/api/notifications' }) },
  'POST /api/attachments': { table: SIGNED_IN, scoped: false, probe: () => upload('note.txt', 'hello') },
  'GET /api/attachments/:id': { table: UPLOADER, scoped: false, probe: (f) => ({ method: 'GET', url: `/api/attachments/${f.attachmentId}` }) },
  'GET /api/attachments/:id/meta': { table: UPLOADER, scoped: false, probe: (f) => ({ method: 'GET', url: `/api/attachments/${f.attachmentId}/meta` }) },
  'GET /api/admin/org-units': { table: ADMIN_ONLY, scoped: false, probe: () => ({ method: 'GET', url: '/api/admin/org-units' }) },

  'GET /api/instances': { table: WITHIN_UNIT, scoped: true, probe: (_f, t) => ({ method: 'GET', url: `/api/instances?orgUnit=${encodeURIComponent(UNITS[t!])}` }) },
  // No definition declares who may start it, so anyone may start a case within their unit (README); see the report.
  'POST /api/instances': { table: WITHIN_UNIT, scoped: true, probe: (_f, t) => ({ method: 'POST', url: '/api/instances', body: { definitionId: DISPUTE.id, orgUnit: UNITS[t!] } }) },
  'GET /api/instances/:id': { table: CASE_NEED_TO_KNOW, scoped: true, probe: (f, t) => ({ method: 'GET', url: `/api/instances/${f.cases[t!].id}` }) },
  'GET /api/instances/:id/history': { table: CASE_NEED_TO_KNOW, scoped: true, probe: (f, t) => ({ method: 'GET', url: `/api/instances/${f.cases[t!].id}/history` }) },
  // Probed on an ended case: allowed → 409 CF_ENGINE_INSTANCE_ENDED, so the fixtures stay open.
  'POST /api/instances/:id/cancel': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'POST', url: `/api/instances/${f.ended[t!]}/cancel`, body: { reason: '测试' } }) },
  'GET /api/tasks/:instanceId/:taskId': { table: TASK_ACTOR, scoped: true, probe: (f, t) => ({ method: 'GET', url: task(f, t) }) },
  // Empty form data: allowed → 422 (the form refuses it), so the task stays open.
  'POST /api/tasks/:instanceId/:taskId/complete': {
    table: TASK_ACTOR, scoped: true, probe: (f, t, actor, n) => ({ method: 'POST', url: `${task(f, t)}/complete`, body: { data: {} }, headers: { 'idempotency-key': `matrix-${actor}-${n}` } }),
  },
  'POST /api/tasks/:instanceId/:taskId/claim': { table: TASK_ACTOR, scoped: true, probe: (f, t) => ({ method: 'POST', url: `${task(f, t)}/claim` }), after: (f, t) => ({ method: 'POST', url: `${task(f, t)}/release` }) },
  'POST /api/tasks/:instanceId/:taskId/release': { table: TASK_ACTOR, scoped: true, probe: (f, t) => ({ method: 'POST', url: `${task(f, t)}/release` }) },
  // An unknown target user: allowed → 422 CF_SERVER_REASSIGN_TARGET_UNKNOWN, so nothing moves.
  'POST /api/tasks/:instanceId/:taskId/reassign': { table: REASSIGN, scoped: true, probe: (f, t) => ({ method: 'POST', url: `${task(f, t)}/reassign`, body: { to: 'u-nobody', reason: '测试' } }) },
  // Moving a case to another version is an administrator's act within their subtree (the probe moves it to its own version: nothing to map).
  'POST /api/admin/instances/:id/migrate': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'POST', url: `/api/admin/instances/${f.cases[t!].id}/migrate`, body: { toVersion: 1 } }) },
  'GET /api/audit/verify': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'GET', url: `/api/audit/verify?instanceId=${f.cases[t!].id}` }) },
  'GET /api/monitor': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (_f, t) => ({ method: 'GET', url: `/api/monitor?orgUnit=${encodeURIComponent(UNITS[t!])}` }) },
  'POST /api/admin/org-units': {
    table: ADMIN_IN_SUBTREE, scoped: true, probe: (_f, t, actor, n) => ({ method: 'POST', url: '/api/admin/org-units', body: { parent: UNITS[t!], level: CHILD_LEVEL[t!], code: `m${n}${actor.replace(/_/g, '')}`, name: '测试单位' } }),
  },
  'GET /api/admin/users': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (_f, t) => ({ method: 'GET', url: `/api/admin/users?orgUnit=${encodeURIComponent(UNITS[t!])}` }) },
  'POST /api/admin/users': {
    table: ADMIN_IN_SUBTREE, scoped: true, probe: (_f, t, actor, n) => ({ method: 'POST', url: '/api/admin/users', body: { username: `m${n}${actor.replace(/_/g, '')}`, displayName: '测试用户', password: 'matrix-password-2027', orgUnit: UNITS[t!] } }),
  },
  'PATCH /api/admin/users/:id': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'PATCH', url: `/api/admin/users/${f.userIn[t!]}`, body: { disabled: false } }) },
  'POST /api/admin/users/:id/password': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'POST', url: `/api/admin/users/${f.userIn[t!]}/password`, body: { password: 'matrix-password-2027' } }) },
  'POST /api/admin/users/:id/roles': { table: ADMIN_IN_SUBTREE, scoped: true, probe: (f, t) => ({ method: 'POST', url: `/api/admin/users/${f.userIn[t!]}/roles`, body: { role: 'GRID', orgUnit: UNITS[t!] } }) },
  'DELETE /api/admin/users/:id/roles/:role': {
    table: ADMIN_IN_SUBTREE, scoped: true,
    before: (f, t) => ({ method: 'POST', url: `/api/admin/users/${f.userIn[t!]}/roles`, body: { role: 'GRID', orgUnit: UNITS[t!] } }),
    probe: (f, t) => ({ method: 'DELETE', url: `/api/admin/users/${f.userIn[t!]}/roles/GRID?orgUnit=${encodeURIComponent(UNITS[t!])}` }) },
};

const credentials = (username: string) => ({ username, password: username === 'admin' ? ADMIN_PASSWORD : PASSWORD });
const BOUNDARY = 'matrix-boundary';
function upload(name: string, content: string): Probe {
  const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`;
  return { method: 'POST', url: '/api/attachments', body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** `METHOD path` of every route the app serves, read from fastify's route tree (HEAD is fastify's twin of GET and is checked to have one). */
export function enumerateRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const found = new Set<string>();
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const start = line.search(/[^│├└─\s]/u);
    if (start < 0) continue;
    const depth = Math.floor(start / 4);
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(start))!;
    stack.length = depth;
    stack[depth] = m[1]!;
    const path = stack.join('');
    for (const method of (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) found.add(`${method} ${path}`);
  }
  for (const r of found) if (r.startsWith('HEAD ') && !found.has(`GET ${r.slice(5)}`)) throw new Error(`HEAD without GET: ${r}`);
  return [...found].filter((r) => !r.startsWith('HEAD ')).sort();
}

describe('access matrix: every route × role × org scope over HTTP (SQLite)', () => {
  let dir: string;
  let orm: Orm;
  let app: FastifyInstance;
  let base: string;
  const logLines: string[] = [];
  const cookies = new Map<ActorKey, string>();
  let fixtures: Fixtures;

  async function send(probe: Probe, cookie: string | undefined): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { ...(probe.headers ?? {}) };
    if (cookie) headers['cookie'] = cookie;
    let body: string | undefined;
    if (probe.body !== undefined) {
      body = typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${probe.url}`, { method: probe.method, headers, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, text: await res.text() };
  }
  const as = async (actor: ActorKey, probe: Probe) => send(probe, cookies.get(actor));
  async function login(username: string): Promise<string> {
    const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials(username)) });
    expect(r.status, username).toBe(200);
    return r.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  async function startCase(actor: ActorKey, unit: UnitKey, data?: Record<string, unknown>) {
    const res = await as(actor, { method: 'POST', url: '/api/instances', body: { definitionId: DISPUTE.id, orgUnit: UNITS[unit], ...(data ? { data } : {}) } });
    expect(res.status, res.text).toBe(201);
    const body = JSON.parse(res.text) as { instanceId: string; tasks: { id: string }[] };
    return { id: body.instanceId, taskId: body.tasks[0]!.id };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civicflow-access-'));
    orm = await createOrm({ dataDir: dir });
    await seedDemoUsers(orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    // Rate limits are proved in security.test.ts; here they would only count the probes.
    app = await buildApp({ orm, studioDir: false, rateLimit: false, testClock: {}, logger: { level: 'info', stream: { write: (line: string) => { logLines.push(line); } } } });
    await app.definitions!.publish(DISPUTE);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const actor of ACTORS) if (actor !== 'anonymous') cookies.set(actor, await login(actor));

    const cases = {
      C: await startCase('admin', 'C'),
      T: await startCase('t_center', 'T', { filed_with: 'TOWN' }),
      V: await startCase('v_med', 'V'),
      D: await startCase('v_med_dongyuan', 'D'),
    };
    const ended = {} as Record<UnitKey, string>;
    for (const [unit, starter] of [['C', 'admin'], ['T', 't_center'], ['V', 'v_med'], ['D', 'v_med_dongyuan']] as const) {
      const { id } = await startCase(starter, unit, unit === 'T' ? { filed_with: 'TOWN' } : undefined);
      const res = await as('admin', { method: 'POST', url: `/api/instances/${id}/cancel`, body: { reason: '测试' } });
      expect(res.status, res.text).toBe(200);
      ended[unit] = id;
    }
    const clerk = await as('admin', { method: 'POST', url: '/api/admin/users', body: { username: 'd_clerk', displayName: '测试文书', password: 'clerk-password-2027', orgUnit: UNITS.D } });
    expect(clerk.status, clerk.text).toBe(201);
    const uploaded = await as('v_med', upload('evidence.txt', '现场照片说明'));
    expect(uploaded.status, uploaded.text).toBe(201);
    const draft = await as('admin', { method: 'POST', url: '/api/forms/validators', body: { schema: { type: 'object', properties: { b: { type: 'string' } } } } });
    expect(draft.status, draft.text).toBe(200);
    fixtures = {
      cases, ended, userIn: { C: 'u-court', T: 'u-police', V: 'u-teller', D: 'u-d_clerk' },
      attachmentId: (JSON.parse(uploaded.text) as { id: string }).id,
      draftValidatorUrl: (JSON.parse(draft.text) as { url: string }).url,
      formId: Object.keys(DISPUTE.forms)[0]!,
    };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (orm) await closeOrm(orm);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has an expectation for every route the app serves, and no expectation for a route it does not serve', () => {
    const served = enumerateRoutes(app);
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((r) => !(r in ROUTES)), 'routes without an expected allow/deny table').toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !served.includes(r)), 'expectations for routes the app does not serve').toEqual([]);
  });

  it('answers every route × role × scope as the tables expect, and logs every denial with route, user id and reason', async () => {
    const mismatches: string[] = [];
    const unlogged: string[] = [];
    let cells = 0;
    let denials = 0;
    let n = 0;
    const scopes = new Set<string>();
    for (const [a, actor] of ACTORS.entries()) {
      for (const [r, [route, spec]] of Object.entries(ROUTES).entries()) {
        const verdicts = spec.table[actor];
        const targets: (UnitKey | null)[] = spec.scoped ? UNIT_KEYS : [null];
        expect(verdicts.length, `${route} ${actor}: one verdict per target`).toBe(targets.length);
        for (const [i, target] of targets.entries()) {
          // The fast form (npm test) checks every route × role on one target unit each, rotating so
          // every unit and scope is covered; the full form (CIVICFLOW_RELIABILITY=full) all four.
          if (!RELIABILITY_FULL && targets.length > 1 && i !== (a + r) % targets.length) continue;
          n++;
          const expected = verdicts[i] === 'A' ? 'allow' : 'deny';
          const probe = spec.probe(fixtures, target, actor, n);
          // Signing in and out replace or end the session they are sent with: use a fresh one.
          const cookie = (route === 'POST /api/auth/logout' || route === 'POST /api/auth/login') && actor !== 'anonymous' ? await login(actor) : cookies.get(actor);
          if (spec.before) await send(spec.before(fixtures, target), cookies.get('admin'));
          const logsBefore = logLines.length;
          const res = await send(probe, cookie);
          const got = res.status === 401 || res.status === 403 || res.status === 404 ? 'deny' : 'allow';
          const scope = scopeOf(actor, target);
          scopes.add(scope);
          cells++;
          const where = `${route} as ${actor} on ${target ?? '-'} (${scope})`;
          if (got !== expected || res.status >= 500) mismatches.push(`${where}: expected ${expected}, got ${res.status} ${res.text.slice(0, 160)}`);
          if (got === 'deny') {
            denials++;
            const userId = actor === 'anonymous' ? null : `u-${actor}`;
            const lines = logLines.slice(logsBefore).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === ACCESS_DENIED_EVENT);
            const ok = lines.some((l) => l['route'] === route.slice(route.indexOf(' ') + 1) && l['method'] === probe.method && l['userId'] === userId && typeof l['reason'] === 'string' && l['status'] === res.status);
            if (!ok) unlogged.push(where);
          }
          if (got === 'allow' && spec.after) await send(spec.after(fixtures, target), cookie);
        }
      }
    }
    recordReliabilityFigures('access-matrix', {
      routes: Object.keys(ROUTES).length, roles: ACTORS.length, scopes: [...scopes].filter((s) => s !== 'none').length,
      cellsChecked: cells, denials, mismatches: mismatches.length, unloggedDenials: unlogged.length,
    });
    expect(mismatches).toEqual([]);
    expect(unlogged, 'denials without a log line naming route, user id and reason').toEqual([]);
    expect(scopes).toEqual(new Set(['own', 'child', 'parent', 'foreign', 'none']));
  }, 300_000);

  it('names users in denial lines by id only: no display name or ID number of any demo user reaches the log', () => {
    const log = logLines.join('\n');
    expect(log).toContain(ACCESS_DENIED_EVENT);
    for (const u of DEMO_USERS) {
      expect(log, u.username).not.toContain(u.displayName);
      if (u.personId) expect(log, u.username).not.toContain(u.personId);
    }
  });
});
