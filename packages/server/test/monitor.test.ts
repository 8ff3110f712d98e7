import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, seedDemoUsers } from '../src/index.js';
import type { MonitorReport } from '../src/index.js';
import { Migration20261123000000_monitor as PgMonitorMigration } from '../src/migrations/postgresql/Migration20261123000000_monitor.js';
import { Migration20261123000000_monitor as SqliteMonitorMigration } from '../src/migrations/sqlite/Migration20261123000000_monitor.js';
import { SLA_BASIS, SLA_PROCESS } from './support/monitorProcess.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';
import { disputeForms } from './support/disputeCase.js';

// GET /api/monitor over real cases driven through the API on a simulated clock, on SQLite and
// PostgreSQL. Two processes: a small SLA process (support/monitorProcess.ts: a one-hour planned
// wait, then a check with a four-hour deadline that only marks the task overdue) and the
// dispute-mediation example, whose village rung runs out after a month and is referred up to the town.

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dispute = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;

const SLA = SLA_PROCESS;

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const START = '2027-03-10T11:00:00+08:00';
const COUNTY = 'county:huaxi';
const TOWN = 'county:huaxi/town:qingshi';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const XIAHE = 'county:huaxi/town:qingshi/village:xiahe';
const DONGYUAN = 'county:huaxi/town:dongshan/community:dongyuan';

// The dispute registered on 2027-03-10 and brought to village mediation (as in studio.escalation.e2e.test.ts).
const FILED_ON = '2027-03-10';
const { intake: INTAKE, rights: RIGHTS, grading: GRADING, timeoutDecision: TIMEOUT_DECISION, referral: REFERRAL } = disputeForms(FILED_ON);
/** The village rung's limit: one month from acceptance, to the end of 2027-04-10. */
const VILLAGE_DEADLINE = '2027-04-11T00:00:00+08:00';

interface CaseJson { instanceId: string; status: string; tasks: { id: string; stepId: string }[] }
interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string } }

describe.each(TEST_DATABASES)('GET /api/monitor on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const ids: Record<string, string> = {};
  let keys = 0;

  const as = (user: string) => ({ cookie: cookies.get(user)! });
  const login = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, username).toBe(200);
    cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
  };
  const monitor = async (user: string, query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/monitor${query}`, headers: as(user) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as MonitorReport;
  };
  const start = async (user: string, definitionId: string, orgUnit?: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/instances', headers: as(user), payload: { definitionId, ...(orgUnit ? { orgUnit } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as CaseJson).instanceId;
  };
  const openTasks = async (instanceId: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: as('admin') });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as CaseJson).tasks;
  };
  const complete = async (user: string, instanceId: string, stepId: string, data: unknown) => {
    const task = (await openTasks(instanceId)).find((x) => x.stepId === stepId);
    expect(task, `${stepId} is not open`).toBeDefined();
    const res = await app.inject({
      method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(task!.id)}/complete`,
      headers: { ...as(user), 'idempotency-key': `monitor-${++keys}` }, payload: { data },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const clockTo = async (to: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/test/clock', headers: as('admin'), payload: { to } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { now: string; timersFired: number };
  };

  beforeAll(async () => {
    database = await db.open();
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: database.orm, testClock: { start: START } });
    await app.definitions!.publish(dispute);
    await app.definitions!.publish(SLA);
    await login('admin', ADMIN_PASSWORD);
    for (const user of ['v_med', 'v_med_chair', 'v_med_dongyuan']) await login(user, PASSWORD);
    // The county administrator makes an administrator for the town 青石镇, through the API.
    const created = await app.inject({
      method: 'POST', url: '/api/admin/users', headers: as('admin'),
      payload: { username: 'town_admin', displayName: '青石镇管理员', password: PASSWORD, orgUnit: TOWN, roles: ['ADMIN'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    await login('town_admin', PASSWORD);

    // 2027-03-10 11:00 — four SLA cases wait for their papers; a dispute reaches village mediation.
    ids['a1'] = await start('v_med', SLA.id);
    ids['a2'] = await start('v_med', SLA.id);
    ids['a3'] = await start('admin', SLA.id, XIAHE);
    ids['b1'] = await start('v_med_dongyuan', SLA.id);
    ids['d1'] = await start('v_med', dispute.id);
    await complete('v_med', ids['d1'], 'intake', INTAKE);
    await complete('v_med', ids['d1'], 'rightsNotice', RIGHTS);
    await complete('v_med', ids['d1'], 'grading', GRADING);

    // 12:01 — the planned waits have ended (no breach); the checks open, due at 16:01. a1 is checked in time.
    expect((await clockTo('2027-03-10T12:01:00+08:00')).timersFired).toBe(4);
    await complete('v_med', ids['a1'], 'check', { note: '已核查' });

    // The next morning the other three checks are past their deadline: a2 is checked late, a3 cancelled.
    expect((await clockTo('2027-03-11T09:00:00+08:00')).timersFired).toBe(3);
    await complete('v_med', ids['a2'], 'check', { note: '补办核查' });
    const cancelled = await app.inject({ method: 'POST', url: `/api/instances/${ids['a3']}/cancel`, headers: as('admin'), payload: { reason: '重复登记' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    // The village rung's month runs out; the chair refers the dispute up to the town.
    expect((await clockTo(VILLAGE_DEADLINE)).timersFired).toBe(1);
    await complete('v_med_chair', ids['d1'], 'vTimeout', TIMEOUT_DECISION);
    await complete('v_med_chair', ids['d1'], 'vEscalate', REFERRAL);
    expect((await openTasks(ids['d1'])).map((x) => x.stepId)).toContain('tSession');

    // A fifth SLA case starts on 2027-04-11 and is still waiting for its papers.
    ids['a4'] = await start('v_med', SLA.id);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 401 without a session and 403 to anyone who is no administrator', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/monitor' })).statusCode).toBe(401);
    for (const user of ['v_med', 'v_med_chair']) {
      const refused = await app.inject({ method: 'GET', url: '/api/monitor', headers: as(user) });
      expect(refused.statusCode, user).toBe(403);
      expect((refused.json() as ErrorJson).code).toBe('CF_SERVER_FORBIDDEN');
    }
  });

  it('counts the running cases of the county by process, unit and the steps they are at', async () => {
    const report = await monitor('admin', '?from=2027-03-10&to=2027-04-11');
    expect(report).toMatchObject({ orgUnit: COUNTY, orgUnitName: '华溪县', definitionId: null, from: '2027-03-10', to: '2027-04-11' });
    expect(parseInstant(report.now)).toBeGreaterThanOrEqual(parseInstant(VILLAGE_DEADLINE));
    // a1 and a2 ended, a3 was cancelled: d1 in the village, a4 in the village, b1 in 东苑社区 are running.
    expect(report.running.total).toBe(3);
    const groups = report.running.groups.map((g) => ({ definitionId: g.definitionId, orgUnit: g.orgUnit, orgUnitName: g.orgUnitName, cases: g.cases }));
    expect(groups).toEqual([
      { definitionId: dispute.id, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 1 },
      { definitionId: SLA.id, orgUnit: DONGYUAN, orgUnitName: '东苑社区', cases: 1 },
      { definitionId: SLA.id, orgUnit: VILLAGE, orgUnitName: '青石村', cases: 1 },
    ]);
    const [disputeGroup, dongyuan, village] = report.running.groups;
    expect(disputeGroup!.title).toEqual(dispute.title);
    // The dispute is at the town's mediation session (a rung of the ladder in the mediation branch) and at the risk and party branches' steps.
    expect(disputeGroup!.steps.map((s) => [s.stepId, s.cases])).toEqual([['partyRequests', 1], ['riskReassess', 1], ['tSession', 1]]);
    expect(disputeGroup!.steps.find((s) => s.stepId === 'tSession')!.title['zh-CN']).toBe('镇调委会调解（调解记录）');
    expect(dongyuan!.steps).toEqual([{ stepId: 'check', title: SLA.steps['check']!.title, cases: 1 }]);
    expect(village!.steps).toEqual([{ stepId: 'pause', title: SLA.steps['pause']!.title, cases: 1 }]);
  });

  it('lists the open tasks past their due time by the server\'s clock, and only those', async () => {
    const report = await monitor('admin');
    expect(report.overdueTasks).toMatchObject({ total: 1, truncated: false });
    const [task] = report.overdueTasks.items;
    expect(task).toMatchObject({
      instanceId: ids['b1'], definitionId: SLA.id, processTitle: SLA.title, orgUnit: DONGYUAN, orgUnitName: '东苑社区',
      stepId: 'check', title: SLA.steps['check']!.title, assignee: { role: 'V_MED', roleTitle: SLA.roles['V_MED']!.title, orgUnit: DONGYUAN },
    });
    // Due four hours after the wait ended at 12:01 on 2027-03-10; overdue by the simulated now, a month later.
    expect(task!.dueAt.slice(0, 13)).toBe('2027-03-10T16');
    expect(task!.overdueMinutes).toBe(Math.floor((parseInstant(report.now) - parseInstant(task!.dueAt)) / 60_000));
    expect(task!.overdueMinutes).toBeGreaterThan(31 * 24 * 60);
  });

  it('lists the deadlines that ran out as SLA breaches, with their legal basis, but no planned wait', async () => {
    const report = await monitor('admin', '?from=2027-03-10&to=2027-04-11');
    expect(report.breaches).toMatchObject({ total: 4, truncated: false });
    // Latest due first: the dispute's village rung at the end of 2027-04-10, then the three checks due at 16:01 on 2027-03-10,
    // which the server found run out when the clock moved on to the next morning.
    const [rung, ...checks] = report.breaches.items;
    expect(rung).toMatchObject({
      instanceId: ids['d1'], definitionId: dispute.id, orgUnit: VILLAGE, caseStatus: 'active', stepId: 'ladder', taskId: null, purpose: 'rung',
      dueAt: VILLAGE_DEADLINE, taskCompletedAt: null,
    });
    expect(rung!.basis?.['zh-CN']).toContain('人民调解工作若干规定第三十三条');
    expect(rung!.expiredAt.slice(0, 10)).toBe('2027-04-11');
    expect(checks.map((b) => b.instanceId).sort()).toEqual([ids['a2'], ids['a3'], ids['b1']].sort());
    for (const b of checks) {
      expect(b).toMatchObject({ definitionId: SLA.id, stepId: 'check', stepTitle: SLA.steps['check']!.title, purpose: 'deadline', basis: SLA_BASIS });
      expect(b.dueAt?.slice(0, 13)).toBe('2027-03-10T16');
      expect(b.expiredAt.slice(0, 13)).toBe('2027-03-11T09');
      expect(b.taskId).toMatch(/^check:/);
    }
    const byCase = new Map(checks.map((b) => [b.instanceId, b]));
    // a2 was checked late the next morning; a3 was cancelled with its task; b1's task is still open.
    expect(byCase.get(ids['a2']!)!.taskCompletedAt?.slice(0, 10)).toBe('2027-03-11');
    expect(byCase.get(ids['a2']!)).toMatchObject({ caseStatus: 'done' });
    expect(byCase.get(ids['a3']!)).toMatchObject({ caseStatus: 'cancelled', taskCompletedAt: null, orgUnit: XIAHE, orgUnitName: '下河村' });
    expect(byCase.get(ids['b1']!)).toMatchObject({ caseStatus: 'active', taskCompletedAt: null });
  });

  it('gives every process a dense daily series of cases opened, resolved, escalated and overdue', async () => {
    const report = await monitor('admin', '?from=2027-03-10&to=2027-04-11');
    expect(report.series.map((s) => s.definitionId)).toEqual([dispute.id, SLA.id]);
    for (const s of report.series) {
      expect(s.days).toHaveLength(33);
      expect(s.days[0]!.date).toBe('2027-03-10');
      expect(s.days[32]!.date).toBe('2027-04-11');
    }
    const [disputeSeries, slaSeries] = report.series;
    const nonZero = (days: MonitorReport['series'][number]['days']) => days.filter((d) => d.opened + d.resolved + d.escalated + d.overdue > 0);
    expect(nonZero(slaSeries!.days)).toEqual([
      { date: '2027-03-10', opened: 4, resolved: 1, escalated: 0, overdue: 3 },
      { date: '2027-03-11', opened: 0, resolved: 1, escalated: 0, overdue: 0 },
      { date: '2027-04-11', opened: 1, resolved: 0, escalated: 0, overdue: 0 },
    ]);
    expect(slaSeries!.totals).toEqual({ opened: 5, resolved: 2, escalated: 0, overdue: 3 });
    expect(nonZero(disputeSeries!.days)).toEqual([
      { date: '2027-03-10', opened: 1, resolved: 0, escalated: 0, overdue: 0 },
      { date: '2027-04-11', opened: 0, resolved: 0, escalated: 1, overdue: 1 },
    ]);
    expect(disputeSeries!.title).toEqual(dispute.title);
  });

  it('counts only the days asked for: one day holds only what happened on it', async () => {
    const report = await monitor('admin', '?from=2027-03-11&to=2027-03-11');
    expect(report.breaches).toMatchObject({ total: 0, items: [] });
    expect(report.series.find((s) => s.definitionId === SLA.id)!.days).toEqual([{ date: '2027-03-11', opened: 0, resolved: 1, escalated: 0, overdue: 0 }]);
    // What is running and overdue now does not depend on the range.
    expect(report.running.total).toBe(3);
    expect(report.overdueTasks.total).toBe(1);
  });

  it('defaults to the 30 days up to today by the server\'s clock', async () => {
    const report = await monitor('admin');
    expect(report).toMatchObject({ from: '2027-03-13', to: '2027-04-11' });
    expect(report.series[0]!.days).toHaveLength(30);
    expect(report.breaches.total).toBe(1);
  });

  it('filters by process and by a unit within the administrator\'s', async () => {
    const disputeOnly = await monitor('admin', `?from=2027-03-10&to=2027-04-11&definitionId=${dispute.id}`);
    expect(disputeOnly.definitionId).toBe(dispute.id);
    expect(disputeOnly.running.total).toBe(1);
    expect(disputeOnly.overdueTasks.total).toBe(0);
    expect(disputeOnly.breaches.items.map((b) => b.instanceId)).toEqual([ids['d1']]);
    expect(disputeOnly.series.map((s) => s.definitionId)).toEqual([dispute.id]);

    const village = await monitor('admin', `?from=2027-03-10&to=2027-04-11&orgUnit=${encodeURIComponent(VILLAGE)}`);
    expect(village).toMatchObject({ orgUnit: VILLAGE, orgUnitName: '青石村' });
    expect(village.running.total).toBe(2);
    expect(village.overdueTasks.total).toBe(0);
    expect(village.breaches.items.map((b) => b.instanceId).sort()).toEqual([ids['d1'], ids['a2']].sort());
    expect(village.series.find((s) => s.definitionId === SLA.id)!.totals).toEqual({ opened: 3, resolved: 2, escalated: 0, overdue: 1 });
  });

  it('shows the administrator of a town only the cases of the town and below', async () => {
    const report = await monitor('town_admin', '?from=2027-03-10&to=2027-04-11');
    expect(report).toMatchObject({ orgUnit: TOWN, orgUnitName: '青石镇' });
    // b1 lies in 东山街道, another street: not counted anywhere.
    expect(report.running.total).toBe(2);
    expect(report.running.groups.map((g) => [g.definitionId, g.orgUnit])).toEqual([[dispute.id, VILLAGE], [SLA.id, VILLAGE]]);
    expect(report.overdueTasks).toMatchObject({ total: 0, items: [] });
    expect(report.breaches.items.map((b) => b.instanceId).sort()).toEqual([ids['d1'], ids['a2'], ids['a3']].sort());
    expect(report.series.find((s) => s.definitionId === SLA.id)!.totals).toEqual({ opened: 4, resolved: 2, escalated: 0, overdue: 2 });
    expect(JSON.stringify(report)).not.toContain(DONGYUAN);

    const outside = await app.inject({ method: 'GET', url: `/api/monitor?orgUnit=${encodeURIComponent(DONGYUAN)}`, headers: as('town_admin') });
    expect(outside.statusCode).toBe(403);
    const body = outside.json() as ErrorJson;
    expect(body.code).toBe('CF_SERVER_FORBIDDEN_ORG_UNIT');
    expect(body.message['zh-CN']).toContain(DONGYUAN);
    expect(body.message.en).toContain('outside');
    expect((await app.inject({ method: 'GET', url: `/api/monitor?orgUnit=${COUNTY}`, headers: as('town_admin') })).statusCode).toBe(403);
  });

  it('refuses a bad range, an unknown process or unit with a clear reason in both languages', async () => {
    const refuse = async (query: string, status: number, code: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/monitor${query}`, headers: as('admin') });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(status);
      const body = res.json() as ErrorJson;
      expect(body.code, query).toBe(code);
      return body;
    };
    const backwards = await refuse('?from=2027-04-02&to=2027-04-01', 400, 'CF_SERVER_MONITOR_RANGE');
    expect(backwards.message['zh-CN']).toContain('晚于结束日期');
    expect(backwards.message.en).toContain('after the end date');
    expect(backwards.hint?.en).toContain('YYYY-MM-DD');
    expect((await refuse('?from=2026-01-01&to=2027-04-01', 400, 'CF_SERVER_MONITOR_RANGE')).message.en).toContain('longer than 366 days');
    expect((await refuse('?from=2027-02-30&to=2027-03-01', 400, 'CF_SERVER_MONITOR_RANGE')).message.en).toContain('does not exist');
    await refuse('?from=yesterday', 400, 'CF_SERVER_BAD_REQUEST');
    const unknown = await refuse('?definitionId=no-such-process', 404, 'CF_SERVER_NOT_FOUND');
    expect(unknown.message['zh-CN']).toContain('no-such-process');
    const badUnit = await app.inject({ method: 'GET', url: '/api/monitor?orgUnit=not%20a%20unit', headers: as('admin') });
    expect(badUnit.statusCode).toBe(400);
  });

  it('counts cases stored before the monitor existed by the state the migration fills in from their snapshots', async () => {
    const query = '?from=2027-03-10&to=2027-04-11';
    const before = await monitor('admin', query);
    const connection = database.orm.em.getConnection();
    await connection.execute('update process_instance set state_value = null');
    const migration = new (db.name === 'sqlite' ? SqliteMonitorMigration : PgMonitorMigration)(database.orm.em.getDriver() as never, database.orm.config);
    await migration.up();
    const fill = migration.getQueries().map(String).filter((sql) => sql.startsWith('update'));
    expect(fill).toHaveLength(1);
    await connection.execute(fill[0]!);
    const rows = await connection.execute('select state_value from process_instance where state_value is null');
    expect(rows).toEqual([]);
    expect((await monitor('admin', query)).running).toEqual(before.running);
  });

  it('answers every query from an index, never by scanning a table (so it stays fast with many cases)', async () => {
    const orm = database.orm;
    const logger = orm.config.getLogger();
    const logQuery = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (context) => {
      const sql = String(context.query);
      // The monitor's own queries (the others read sessions, definitions and unit names by key).
      if (/^select/i.test(sql) && /instance_event|open_task|process_instance/.test(sql)) statements.push(orm.em.getPlatform().formatQuery(sql, (context.params ?? []) as unknown[]));
      logQuery(context);
    };
    try {
      await monitor('admin', '?from=2027-03-10&to=2027-04-11');
    } finally {
      logger.logQuery = logQuery;
    }
    // Running cases, overdue tasks (count, list), breaches (count, list), completions, daily counts.
    expect(statements).toHaveLength(7);
    const plans: string[] = [];
    for (const sql of statements) {
      if (db.name === 'sqlite') {
        const rows = (await orm.em.getConnection().execute(`explain query plan ${sql}`)) as { detail: string }[];
        plans.push(rows.map((r) => r.detail).join('\n'));
      } else {
        // The test tables are tiny, where scanning is cheapest: forbid it to see whether an index serves the query.
        const rows = await orm.em.fork().transactional(async (em) => {
          const connection = em.getConnection();
          await connection.execute('set local enable_seqscan = off', [], 'run', em.getTransactionContext());
          return (await connection.execute(`explain ${sql}`, [], 'all', em.getTransactionContext())) as { 'QUERY PLAN': string }[];
        });
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    for (const plan of plans) expect(plan).not.toMatch(db.name === 'sqlite' ? /^SCAN /m : /Seq Scan/);
    const all = plans.join('\n');
    expect(all).toContain('process_instance_running_index');
    // The breach count, the breach list and the daily counts read events by the partial index of the series' types.
    expect(plans.filter((plan) => plan.includes('instance_event_series_at_index'))).toHaveLength(3);
    if (db.name === 'sqlite') {
      expect(all).toContain('COVERING INDEX process_instance_running_index');
      expect(all).toContain('open_task_due_at_index');
    }
  });

  it('is described in the API documentation', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }> };
    const get = spec.paths['/api/monitor']?.get;
    expect(get?.tags).toEqual(['monitor']);
    expect(get?.parameters?.map((p) => p.name).sort()).toEqual(['definitionId', 'from', 'orgUnit', 'to']);
  });
});
