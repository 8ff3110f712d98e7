import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ProcessDefinition, TaskRecord } from '@civicflow/engine';
import { createDefinitionRepository } from '../src/definitions/definitionRepository.js';
import { InstanceEntity, TaskEntity } from '../src/entities/index.js';
import { readInbox } from '../src/inbox/readInbox.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// readInbox against a plain reading of the inbox rule, on rows written straight into the tables:
// many cases over a small org tree, every combination of role, unit, match, person, due time
// (with ties) and case status, then each actor's inbox read whole and page by page.

const COUNTY = 'county:c';
const TOWN = 'county:c/town:t1';
const UNITS = [COUNTY, TOWN, 'county:c/town:t1/village:v1', 'county:c/town:t1/village:v2', 'county:c/town:t2', 'county:c/town:t2/village:v3'];
const ROLES = ['CLERK', 'HEAD'];
const MATCHES = ['exact', 'subtree'] as const;
const PERSONS = [null, null, 'u-clerk', 'p-110', 'someone-else'];
const DUE = [null, Date.parse('2027-03-01T01:00:00Z'), Date.parse('2027-03-01T01:00:00Z'), Date.parse('2027-02-27T08:30:00Z'), Date.parse('2027-03-04T00:00:00.250Z')];

const CHECK_TITLE = { 'zh-CN': '核对材料', en: 'check the papers' };
/** The process the cases run on: the inbox shows a task's title and form from its step here. */
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'inbox-test', version: 1, title: { 'zh-CN': '待办测试', en: 'inbox test' },
  roles: { CLERK: { title: { 'zh-CN': '办事员', en: 'clerk' } }, HEAD: { title: { 'zh-CN': '负责人', en: 'head' } } },
  forms: { f: { title: { 'zh-CN': '表', en: 'form' }, schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'check',
  steps: {
    check: { kind: 'task', title: CHECK_TITLE, form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: { 'zh-CN': '完成', en: 'done' } },
  },
};

interface Row { instance: string; taskId: string; role: string; orgUnit: string; match: string; person: string | null; due: number | null; active: boolean }

/** A deterministic spread of rows: cycling through the lists at co-prime strides gives every combination. */
function rows(): Row[] {
  const out: Row[] = [];
  for (let c = 0; c < 150; c++) {
    const instance = `case-${String(c).padStart(4, '0')}`;
    for (let k = 1; k <= 2; k++) {
      const n = c * 2 + k;
      out.push({
        instance, taskId: `check:${k}`, role: ROLES[Math.floor(n / 7) % 2]!, orgUnit: UNITS[n % 6]!, match: MATCHES[Math.floor(n / 6) % 2]!,
        person: PERSONS[n % 5]!, due: DUE[n % 7 % 5]!, active: c % 11 !== 3,
      });
    }
  }
  return out;
}

/** The inbox rule read plainly: role held, unit exact or containing the actor's, person free or the actor, case running; inbox order. */
function expected(all: Row[], actor: Actor): string[] {
  const persons = [actor.id, ...(actor.personId ? [actor.personId] : [])];
  return all
    .filter((r) => r.active && actor.roles.includes(r.role)
      && (r.match === 'exact' ? r.orgUnit === actor.orgUnit : actor.orgUnit === r.orgUnit || actor.orgUnit.startsWith(`${r.orgUnit}/`))
      && (r.person === null || persons.includes(r.person)))
    .sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity) || (a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0) || (a.taskId < b.taskId ? -1 : 1))
    .map((r) => `${r.instance}/${r.taskId}`);
}

const ACTORS: Actor[] = [
  { id: 'u-clerk', roles: ['CLERK'], orgUnit: 'county:c/town:t1/village:v1', personId: 'p-110' },
  { id: 'u-head', roles: ['HEAD', 'CLERK'], orgUnit: TOWN },
  { id: 'u-county', roles: ['HEAD'], orgUnit: COUNTY },
  { id: 'u-nobody', roles: [], orgUnit: TOWN },
];

describe.each(TEST_DATABASES)('the inbox query on $name', (database) => {
  let db: OpenTestDatabase;
  const all = rows();
  beforeAll(async () => {
    db = await database.open();
    const em = db.orm.em.fork();
    const at = new Date('2027-01-04T01:00:00Z');
    const cases = [...new Set(all.map((r) => r.instance))];
    await em.insertMany(InstanceEntity, cases.map((instanceId) => ({
      instanceId, definitionId: 'inbox-test', definitionVersion: 1, status: all.find((r) => r.instance === instanceId)!.active ? 'active' : 'completed',
      snapshot: {} as never, orgUnit: TOWN, outcome: null, startedBy: 'u-clerk', startedAt: at, stateValue: null, version: 1, eventCount: 1,
      headHash: '0'.repeat(64), createdAt: at, updatedAt: at,
    })));
    await createDefinitionRepository(db.orm).publish(DEFINITION);
    await em.insertMany(TaskEntity, all.map((r) => {
      // The record as snapshot format 3 stores it: no id, step, title or form (the definition's).
      const record: TaskRecord = {
        assignee: { role: r.role, orgUnit: r.orgUnit, ...(r.match === 'subtree' ? { match: 'subtree' as const } : {}), ...(r.person !== null ? { person: r.person } : {}) },
        createdAt: '2027-01-04T09:00:00+08:00', ...(r.due !== null ? { dueAt: new Date(r.due).toISOString() } : {}),
      };
      return {
        instance: r.instance, taskId: r.taskId, stepId: 'check', role: r.role, orgUnit: r.orgUnit, match: r.match, person: r.person,
        dueAt: r.due === null ? null : new Date(r.due), overdue: r.due !== null && r.due < Date.parse('2027-03-01T00:00:00Z'), record, createdAt: at,
      };
    }));
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => db?.close(), DATABASE_TEST_TIMEOUT_MS);

  it.each(ACTORS.map((actor) => ({ actor, name: actor.id })))('$name sees exactly their tasks, soonest due first, whole and page by page', async ({ actor }) => {
    const want = expected(all, actor);
    if (actor.roles.length > 0) expect(want.length).toBeGreaterThan(4); // the data gives each real actor pages to turn
    const whole = await readInbox(db.orm.em.fork(), actor, { limit: 100 });
    expect(whole.items.map((i) => `${i.instanceId}/${i.taskId}`)).toEqual(want.slice(0, 100));
    expect(whole.nextCursor === null).toBe(want.length <= 100);
    for (const limit of [1, 3, 20]) {
      const paged: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await readInbox(db.orm.em.fork(), actor, { limit, ...(cursor !== undefined ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        paged.push(...page.items.map((i) => `${i.instanceId}/${i.taskId}`));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined && pages < 500);
      expect(paged, `pages of ${limit}`).toEqual(want);
    }
  }, DATABASE_TEST_TIMEOUT_MS);

  it('answers each item with its task and case', async () => {
    const [first] = (await readInbox(db.orm.em.fork(), ACTORS[0]!, { limit: 1 })).items;
    const row = all.find((r) => `${r.instance}/${r.taskId}` === `${first!.instanceId}/${first!.taskId}`)!;
    expect(first).toEqual({
      instanceId: row.instance, taskId: row.taskId, stepId: 'check', title: CHECK_TITLE, formId: 'f',
      dueAt: row.due === null ? null : new Date(row.due).toISOString(), overdue: row.due !== null && row.due < Date.parse('2027-03-01T00:00:00Z'), repeatable: false,
      createdAt: '2027-01-04T09:00:00+08:00', case: { definitionId: 'inbox-test', definitionVersion: 1, orgUnit: TOWN },
    });
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['garbage', Buffer.from(JSON.stringify({ d: 'soon', i: 'case-0001', t: 'task:1' })).toString('base64url')]) {
      await expect(readInbox(db.orm.em.fork(), ACTORS[0]!, { cursor })).rejects.toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
    }
  });
});
