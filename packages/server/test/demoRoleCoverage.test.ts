import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorAtLevel, evaluate, isEligible } from '@civicflow/engine';
import type { Actor, AssigneeSpec, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { buildApp, DEMO_USERS, demoUsersMarkdown, seedDemoUsers, seedExamples } from '../src/index.js';
import { actorOfUser } from '../src/auth/userActor.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// Every task of every seeded example process has a demo user who may act on it, for a case
// opened where the README's tour opens it. Not a hand-written list of roles: the definitions are
// the ones the server publishes at `npm start` (seedExamples), each task's assignee is resolved as
// the engine resolves it (level → the case unit's ancestor, `orgUnit` expressions evaluated with
// the values the tour's forms enter, ladder rungs at their level, subprocess children at their
// unit with the input the parent passes), and each demo user is the Actor the server builds for
// their session (`actorOfUser`) checked with the engine's own `isEligible` — the test the inbox
// and task completion apply. Cross-checked against the running server: each tour's first tasks,
// as a real case opens them, are resolved the same here and are in a demo user's GET /api/tasks.

const COUNTY = 'county:huaxi';
const TOWN = `${COUNTY}/town:qingshi`;
const STREET = `${COUNTY}/town:dongshan`;
const QINGSHICUN = `${TOWN}/village:qingshicun`;
const XIAHE = `${TOWN}/village:xiahe`;
const SHANGBA = `${TOWN}/village:shangba`;
const GRID2 = `${QINGSHICUN}/grid:02`;
const DONGYUAN = `${STREET}/community:dongyuan`;
const personOf = (username: string): string => {
  const id = DEMO_USERS.find((u) => u.username === username)?.personId;
  if (!id) throw new Error(`demo user ${username} has no person id`);
  return id;
};

/**
 * Where the README's tour opens each process (the starter's own unit: the studio starts a case
 * there), and what its forms enter that decides who acts next (units, persons, rosters).
 * Subprocess children are not listed: they get the input their parent passes.
 */
const TOURS: Record<string, { starter: string; data: Record<string, unknown>; input?: Record<string, unknown> }> = {
  'village-election': {
    starter: 'twp_guide',
    data: {
      partyRecommendation: { shortlist: [{ person: personOf('candidate'), post: '书记', political_status: '中共党员' }] },
      partyBackfill: { added: [{ person: personOf('candidate'), post: '委员', political_status: '中共党员' }] },
      nominations: { nominees: [{ person: personOf('candidate'), post: '主任' }] },
      current_election_date: '2027-05-15',
    },
  },
  'dispute-mediation': { starter: 'v_med', data: {} },
  'emergency-mobilisation': {
    starter: 'twp_duty',
    input: { villages: [{ id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe' }, orgUnit: XIAHE }, { id: 'shangba', title: { 'zh-CN': '上坝村', en: 'Shangba' }, orgUnit: SHANGBA }] },
    data: {
      villages: [{ id: 'xiahe', title: '下河村', orgUnit: XIAHE }, { id: 'shangba', title: '上坝村', orgUnit: SHANGBA }],
      response: { villages: ['xiahe', 'shangba'], level: 'Ⅱ' },
      evacuees: [{ village: 'xiahe', name: '苏秀珍' }],
    },
  },
  'grid-event': {
    starter: 'grid2',
    data: {
      report: { resident_contact: { person_id: personOf('resident2') } },
      // D-F2: 镇城建办 leads, 青石村's station co-handles; D-F7 calls 县自然资源局.
      dispatch: { lead: { unit: `${TOWN}/office:chengjian` }, co_handlers: [{ id: 'station', unit: QINGSHICUN }] },
      county_call: { called_dept: { unit: `${COUNTY}/dept:ziran` } },
    },
  },
  'service-order': { starter: 'resident2', data: { claim: { member: { person_id: personOf('pm') } } } },
  'community-affairs-access': { starter: 'req_weijian', data: { precheck_unit: STREET }, input: { precheck_unit: STREET } },
  'community-task-type-gate': { starter: 'req_weijian', data: {} },
  'community-task-refusal': { starter: 'community_dongyuan', data: { refusal: { dept_unit: `${COUNTY}/dept:weijian` } } },
  'community-emergency-exemption': { starter: 'twp_cmd', data: {} },
  'community-certificate-check': { starter: 'community_dongyuan', data: {} },
};

const PASSWORD = 'demo-password-2027';

/** What the forms of processes that only run as subprocesses enter that decides who acts next. */
const CHILD_FORMS: Record<string, Record<string, unknown>> = {
  'candidate-vetting': {},
  'emergency-evacuee': { baobao: { responsible_person_id: personOf('baobao') } },
};
const formsOf = (id: string): Record<string, unknown> => TOURS[id]?.data ?? CHILD_FORMS[id] ?? {};

/** One task a case can open: which step, who may act (as the engine resolves it), in which case. */
interface ResolvedTask { where: string; assignee: { role: string; orgUnit: string; match: 'exact' | 'subtree'; person?: string } }

/** Walks a definition's steps (branches, rungs, notices, joint reviews, subprocesses) and resolves every task's assignee. */
function tasksOf(definitions: Map<string, ProcessDefinition>, definition: ProcessDefinition, caseUnit: string, data: Record<string, unknown>, seen = new Set<string>()): ResolvedTask[] {
  const key = `${definition.id}@${caseUnit}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const config = Object.fromEntries(Object.entries(definition.config ?? {}).map(([k, v]) => [k, v.value]));
  const functions = { unit: (level: unknown) => ancestorAtLevel(caseUnit, String(level)) ?? null };
  const scope = (extra: Record<string, unknown>) => ({ data, config, case: { id: 'tour', orgUnit: caseUnit }, today: '2027-03-01', now: '2027-03-01T09:00:00+08:00', ...extra });
  const run = (expression: string, extra: Record<string, unknown> = {}): unknown => evaluate(expression, scope(extra), { functions });
  const out: ResolvedTask[] = [];
  const resolve = (where: string, spec: AssigneeSpec, extra: Record<string, unknown> = {}, rungLevel?: string): void => {
    const level = spec.level ?? rungLevel;
    const orgUnit = spec.orgUnit ? run(spec.orgUnit, extra) : level ? ancestorAtLevel(caseUnit, level) : caseUnit;
    expect(typeof orgUnit, `${definition.id} ${where}: no unit for ${JSON.stringify(spec)} in ${caseUnit}`).toBe('string');
    const person = spec.person ? run(spec.person, extra) : undefined;
    out.push({ where: `${definition.id} ${where} (case in ${caseUnit})`, assignee: { role: spec.role, orgUnit: orgUnit as string, match: spec.match ?? 'exact', ...(typeof person === 'string' ? { person } : {}) } });
  };
  const walk = (steps: Record<string, StepDefinition>, rungLevel?: string): void => {
    for (const [id, step] of Object.entries(steps)) {
      switch (step.kind) {
        case 'task': case 'vote': resolve(id, step.assignee, {}, rungLevel); break;
        case 'jointReview': {
          const reviewers = (typeof step.reviewers === 'string' ? run(step.reviewers) : step.reviewers) as Record<string, unknown>[];
          expect(reviewers.length, `${definition.id} ${id}: the tour names no reviewers`).toBeGreaterThan(0);
          for (const reviewer of reviewers) resolve(`${id}[${String(reviewer['id'])}]`, step.assignee, { reviewer }, rungLevel);
          break;
        }
        case 'notice':
          if (step.publish) resolve(`${id}.publish`, step.publish.assignee, {}, rungLevel);
          if (step.objections) {
            resolve(`${id}.objection`, step.objections.filedBy, {}, rungLevel);
            resolve(`${id}.objectionHandling`, step.objections.handler, {}, rungLevel);
          }
          break;
        case 'escalation': for (const rung of step.rungs) walk(rung.steps, rung.level); break;
        case 'parallel': for (const branch of step.branches) walk(branch.steps, rungLevel); break;
        case 'subprocess': {
          const child = definitions.get(step.definition.id);
          expect(child, `${definition.id} ${id}: subprocess ${step.definition.id} is not published`).toBeDefined();
          const items = step.forEach ? run(step.forEach) as unknown[] : [undefined];
          expect(items.length, `${definition.id} ${id}: the tour gives no item for forEach`).toBeGreaterThan(0);
          const item = items[0];
          const childUnit = step.orgUnit ? run(step.orgUnit, { item }) as string : caseUnit;
          const input = Object.fromEntries(Object.entries(step.input ?? {}).map(([k, e]) => [k, run(e, { item })]));
          out.push(...tasksOf(definitions, child!, childUnit, { ...formsOf(child!.id), ...input }, seen));
          break;
        }
        case 'decision': case 'wait': case 'end': break;
      }
    }
  };
  walk(definition.steps);
  return out;
}

describe.each(TEST_DATABASES)('every task of every seeded example has a demo user on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const definitions = new Map<string, ProcessDefinition>();
  const actors: Actor[] = [];

  beforeAll(async () => {
    database = await db.open();
    app = await buildApp({ orm: database.orm, rateLimit: false });
    const seeded = await seedExamples(app.definitions!, fileURLToPath(new URL('../../../examples/', import.meta.url)));
    for (const d of seeded.published) definitions.set(d.id, (await app.definitions!.get(d.id, d.version))!.document);
    await seedDemoUsers(database.orm, { production: false, password: PASSWORD });
    const em = database.orm.em.fork();
    for (const u of DEMO_USERS) {
      const actor = await actorOfUser(em, `u-${u.username}`);
      expect(actor, u.username).not.toBeNull();
      actors.push(actor!);
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('publishes the twelve example definitions of the five processes, and the tour opens each top-level one in its starter\'s unit', () => {
    expect([...definitions.keys()].sort()).toEqual([...Object.keys(TOURS), ...Object.keys(CHILD_FORMS)].sort());
    for (const [id, tour] of Object.entries(TOURS)) {
      const starter = actors.find((a) => a.id === `u-${tour.starter}`);
      expect(starter, `${id}: starter ${tour.starter}`).toBeDefined();
    }
  });

  it('resolves every task of every step to a unit and role some demo user acts in', () => {
    const uncovered: string[] = [];
    let count = 0;
    for (const [id, tour] of Object.entries(TOURS)) {
      const starter = actors.find((a) => a.id === `u-${tour.starter}`)!;
      for (const task of tasksOf(definitions, definitions.get(id)!, starter.orgUnit, tour.data)) {
        count++;
        const holders = actors.filter((a) => isEligible(a, { assignee: task.assignee }));
        if (holders.length === 0) uncovered.push(`${task.where}: ${JSON.stringify(task.assignee)}`);
      }
    }
    expect(uncovered).toEqual([]);
    expect(count).toBeGreaterThan(150);
  });

  it('agrees with the server: a case started by each tour\'s starter opens its first tasks as resolved here, and they are in a demo user\'s inbox', async () => {
    const cookies = new Map<string, string>();
    const cookieOf = async (username: string): Promise<string> => {
      if (!cookies.has(username)) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
        expect(res.statusCode, res.body).toBe(200);
        cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
      }
      return cookies.get(username)!;
    };
    for (const [id, tour] of Object.entries(TOURS)) {
      const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: await cookieOf(tour.starter) }, payload: { definitionId: id, ...(tour.input ? { data: tour.input } : {}) } });
      expect(started.statusCode, started.body).toBe(201);
      const { instanceId, tasks } = started.json() as { instanceId: string; tasks: { id: string; stepId: string; assignee: ResolvedTask['assignee'] }[] };
      expect(tasks.length, id).toBeGreaterThan(0);
      const starter = actors.find((a) => a.id === `u-${tour.starter}`)!;
      const resolved = tasksOf(definitions, definitions.get(id)!, starter.orgUnit, tour.data);
      for (const task of tasks) {
        // The walk above resolves this step's task to the unit the engine gave it.
        expect(resolved.filter((r) => r.where.startsWith(`${id} ${task.stepId} `)).map((r) => r.assignee), `${id} ${task.stepId}`).toContainEqual(task.assignee);
        // And the server's inbox (GET /api/tasks) lists it for a demo user who may act on it.
        const holder = actors.find((a) => isEligible(a, { assignee: task.assignee }))!;
        const inbox = await app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: { cookie: await cookieOf(holder.id.slice(2)) } });
        expect((inbox.json() as { items: { instanceId: string; taskId: string }[] }).items, `${id} ${task.stepId} in ${holder.id}'s inbox`).toContainEqual(expect.objectContaining({ instanceId, taskId: task.id }));
      }
    }
  });

  it('can fail: a role nobody holds, or a unit outside the demo tree, has no holder', () => {
    expect(actors.some((a) => isEligible(a, { assignee: { role: 'NOBODY', orgUnit: TOWN, match: 'subtree' } }))).toBe(false);
    expect(actors.some((a) => isEligible(a, { assignee: { role: 'BRAIN', orgUnit: STREET, match: 'exact' } }))).toBe(false);
    expect(actors.some((a) => isEligible(a, { assignee: { role: 'BRAIN', orgUnit: TOWN, match: 'exact' } }))).toBe(true);
  });
});

describe('the demo users in the server README', () => {
  it('are the table demoUsersMarkdown() writes', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`${demoUsersMarkdown()}\n`);
  });
});
