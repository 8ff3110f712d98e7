import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockMode } from '@mikro-orm/core';
import { isCivicflowError, openTasks, runCommand, startStored } from '@civicflow/engine';
import type { Actor, InstanceSnapshot, ProcessDefinition } from '@civicflow/engine';
import { closeOrm, createOrm } from '../src/orm/createOrm.js';
import { resolveDatabase } from '../src/orm/resolveDatabase.js';
import type { Orm } from '../src/orm/createOrm.js';
import { TaskEntity, TimerEntity } from '../src/entities/index.js';
import { createSqlStore } from '../src/store/createSqlStore.js';
import { verifyChain } from '../src/store/verifyChain.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase, TestDatabase } from './support/testDatabases.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
/** Accept → review → end, each task with a deadline: tasks, timers and history on every commit. */
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'sql-store', version: 1, title: t('sql store'),
  roles: { CLERK: { title: t('clerk') }, HEAD: { title: t('head') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'accept',
  steps: {
    accept: { kind: 'task', title: t('accept'), form: 'f', assignee: { role: 'CLERK' }, deadline: { duration: { hours: 2 }, basis: t('SLA') }, next: 'review' },
    review: { kind: 'task', title: t('review'), form: 'f', assignee: { role: 'HEAD' }, deadline: { duration: { hours: 4 }, basis: t('SLA') }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const options = { validator: { validate: () => ({ valid: true, errors: [] }) } };
const clerk: Actor = { id: 'clerk', roles: ['CLERK'], orgUnit: 'county:c/town:t' };
const head: Actor = { id: 'head', roles: ['HEAD'], orgUnit: 'county:c/town:t' };
const at = (hhmm: string) => `2027-01-04T${hhmm}:00+08:00`;

async function start(orm: Orm, instanceId: string) {
  const store = createSqlStore(orm);
  const { stored } = await startStored(store, DEFINITION, { instanceId, orgUnit: 'county:c/town:t' }, { now: at('09:00'), actor: clerk }, options);
  return { store, stored };
}
const onlyTask = (s: InstanceSnapshot) => Object.keys(s.context.tasks)[0]!;
const sql = (orm: Orm, query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params);
/** A JSON column as a raw query returns it: text on SQLite, already parsed on PostgreSQL (jsonb). */
const jsonColumn = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
const dialect = (name: TestDatabase['name']): TestDatabase => TEST_DATABASES.find((d) => d.name === name)!;

/** The SQL statements an ORM sends while `fn` runs (each passes MikroORM's query logger, enabled or not). */
async function statementsDuring(orm: Orm, fn: () => Promise<unknown>): Promise<string[]> {
  const logger = orm.config.getLogger();
  const logQuery = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (context) => {
    seen.push(String(context.query));
    logQuery(context);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = logQuery;
  }
  return seen;
}

describe('database', () => {
  it('is chosen by DATABASE_URL: SQLite in the data dir by default, PostgreSQL for postgres://', () => {
    expect(resolveDatabase({})).toEqual({ dialect: 'sqlite', file: join(process.cwd(), 'data', 'civicflow.sqlite') });
    expect(resolveDatabase({ dataDir: '/srv/cf' })).toEqual({ dialect: 'sqlite', file: '/srv/cf/civicflow.sqlite' });
    expect(resolveDatabase({ databaseUrl: 'sqlite:/srv/cf/x.sqlite' })).toEqual({ dialect: 'sqlite', file: '/srv/cf/x.sqlite' });
    expect(resolveDatabase({ databaseUrl: 'postgresql://cf@db/cf' })).toEqual({ dialect: 'postgresql', url: 'postgresql://cf@db/cf' });
    expect(() => resolveDatabase({ databaseUrl: 'mysql://root:secret@db/cf' })).toThrow(/^(?!.*secret).*postgres:\/\//);
  });

  it('refuses a PostgreSQL server that does not answer, saying where and never the password', async () => {
    const error = await createOrm({ databaseUrl: 'postgres://cf:s3cret-pw@127.0.0.1:1/civicflow' }).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/^cannot open PostgreSQL at 127\.0\.0\.1:1 \(database "civicflow", user "cf"\): .*ECONNREFUSED.*Check DATABASE_URL/);
    expect(error!.message).not.toContain('s3cret-pw');
  });

  it('on SQLite runs in WAL mode with synchronous=NORMAL and foreign keys on', async () => {
    const db = await dialect('sqlite').open();
    try {
      expect(await sql(db.orm, 'pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await sql(db.orm, 'pragma synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await sql(db.orm, 'pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('on PostgreSQL', () => {
  let db: OpenTestDatabase;
  beforeAll(async () => { db = await dialect('postgresql').open(); });
  afterAll(async () => { await db?.close(); });

  it('names its connections and refuses a missing database instead of creating an empty one', async () => {
    expect(await sql(db.orm, 'select application_name from pg_stat_activity where pid = pg_backend_pid()')).toEqual([{ application_name: 'civicflow' }]);
    const missing = new URL(db.databaseUrl);
    missing.pathname = '/cf_no_such_database';
    missing.password = 'pw-not-to-print';
    // Twice: had the first call created the database, the second would open it.
    for (let i = 0; i < 2; i++) {
      const error = await createOrm({ databaseUrl: missing.toString() }).then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).toMatch(/database "cf_no_such_database" does not exist/);
      expect(error?.message).not.toContain('pw-not-to-print');
    }
  });

  it('claims timers with FOR UPDATE SKIP LOCKED: a row another node is claiming is skipped, not waited for', async () => {
    for (const id of ['skip-1', 'skip-2', 'skip-3']) await start(db.orm, id);
    const other = await db.openAnother();
    const claim = (orm: Orm, worker: string) => createSqlStore(orm).claimDueTimers({ now: at('13:00'), limit: 10, worker, leaseMs: 60_000 });

    // Node A holds skip-2's timer row, as in the middle of its own claim. (begin/rollback rather
    // than transactional(): MikroORM's async context would hand node B's fork A's transaction.)
    const nodeA = db.orm.em.fork();
    await nodeA.begin();
    let sent: string[];
    try {
      const held = await nodeA.find(TimerEntity, { instance: 'skip-2' }, { lockMode: LockMode.PESSIMISTIC_WRITE, disableIdentityMap: true });
      expect(held).toHaveLength(1);
      // Node B claims meanwhile: it gets the other two at once instead of blocking on the row.
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the claim waited for a row locked by another node')), 5_000));
      sent = await statementsDuring(other, async () => {
        const claimed = await Promise.race([claim(other, 'node-b'), timeout]);
        expect(claimed.map((d) => d.instanceId).sort()).toEqual(['skip-1', 'skip-3']);
      });
    } finally {
      await nodeA.rollback();
    }
    expect(sent.some((s) => /select .* from "instance_timer" .* for update skip locked/i.test(s))).toBe(true);
    // Released (and never claimed by A): B takes it in its next round.
    expect((await claim(other, 'node-b')).map((d) => d.instanceId)).toEqual(['skip-2']);
  });
});

describe.each(TEST_DATABASES)('SQL store on $name', (db) => {
  let open: OpenTestDatabase;
  let orm: Orm;
  beforeAll(async () => {
    open = await db.open();
    orm = open.orm;
  });
  afterAll(async () => { await open?.close(); });

  it('is created from nothing by the migrations, which agree with the entities', async () => {
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    expect(await orm.migrator.getPendingMigrations()).toEqual([]);
  });

  it('keeps a verifiable hash chain and finds an edited, a deleted and a cut-off row', async () => {
    const { store } = await start(orm, 'chain-1');
    let loaded = (await store.load('chain-1'))!;
    await runCommand(store, DEFINITION, 'chain-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'a' } }, { now: at('09:30'), actor: clerk }, options);
    loaded = (await store.load('chain-1'))!;
    await runCommand(store, DEFINITION, 'chain-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'b' } }, { now: at('10:00'), actor: head }, options);
    const events = (await store.history('chain-1')).length;
    expect(events).toBeGreaterThanOrEqual(4);
    expect(await verifyChain(orm, 'chain-1')).toEqual({ ok: true, events });

    const original = (await sql(orm, 'select payload from instance_event where instance_id = ? and seq = 2', ['chain-1'])) as { payload: unknown }[];
    const originalPayload = JSON.stringify(jsonColumn(original[0]!.payload));
    const edited = JSON.stringify({ ...jsonColumn(original[0]!.payload), data: { note: 'forged' } });
    await sql(orm, 'update instance_event set payload = ? where instance_id = ? and seq = 2', [edited, 'chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: 2, reason: 'hash' });
    await sql(orm, 'update instance_event set payload = ? where instance_id = ? and seq = 2', [originalPayload, 'chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: true });

    await sql(orm, 'delete from instance_event where instance_id = ? and seq = ?', ['chain-1', events]);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: events, reason: 'head' });
    await sql(orm, 'delete from instance_event where instance_id = ? and seq = 3', ['chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: 3, reason: 'missing' });
  });

  it('mirrors the open tasks and timers of the snapshot after every commit', async () => {
    const { store } = await start(orm, 'mirror-1');
    const rows = async () => {
      const em = orm.em.fork();
      const tasks = await em.find(TaskEntity, { instance: 'mirror-1' }, { orderBy: { taskId: 'asc' } });
      const timers = await em.find(TimerEntity, { instance: 'mirror-1' }, { orderBy: { timerId: 'asc' } });
      return {
        tasks: tasks.map((r) => ({ id: r.taskId, stepId: r.stepId, role: r.role, orgUnit: r.orgUnit, dueAt: r.dueAt?.getTime() ?? null })),
        timers: timers.map((r) => ({ id: r.timerId, dueAt: r.dueAt.getTime(), purpose: r.purpose })),
      };
    };
    const expected = (s: InstanceSnapshot) => ({
      tasks: openTasks(DEFINITION, s).map((v) => ({ id: v.id, stepId: v.stepId, role: v.assignee.role, orgUnit: v.assignee.orgUnit, dueAt: v.dueAt ? Date.parse(v.dueAt) : null }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      timers: Object.values(s.context.timers).map((x) => ({ id: x.id, dueAt: Date.parse(x.dueAt), purpose: x.purpose })).sort((a, b) => a.id.localeCompare(b.id)),
    });

    let snapshot = (await store.load('mirror-1'))!.snapshot;
    expect((await rows()).tasks).toHaveLength(1);
    expect(await rows()).toEqual(expected(snapshot));
    for (const [actor, now] of [[clerk, at('09:30')], [head, at('10:00')]] as const) {
      const { result } = await runCommand(store, DEFINITION, 'mirror-1', { type: 'complete', taskId: onlyTask(snapshot), data: {} }, { now, actor }, options);
      snapshot = result.snapshot;
      expect(await rows()).toEqual(expected(snapshot));
    }
    expect(snapshot.status).toBe('done');
    expect(await rows()).toEqual({ tasks: [], timers: [] });
  });

  it('survives a restart: the same database gives the same snapshot and version', async () => {
    const first = await open.openAnother();
    const { store } = await start(first, 'restart-1');
    const loaded = (await store.load('restart-1'))!;
    const { stored } = await runCommand(store, DEFINITION, 'restart-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'x' } }, { now: at('09:30'), actor: clerk }, options);
    const history = await store.history('restart-1');
    await closeOrm(first);

    const second = await open.openAnother();
    const again = createSqlStore(second);
    expect(await again.load('restart-1')).toEqual(stored);
    expect((await again.load('restart-1'))!.version).toBe(2);
    expect(await again.history('restart-1')).toEqual(history);
    expect(await verifyChain(second, 'restart-1')).toMatchObject({ ok: true });
  });

  it('remembers what it wrote last as a copy of its own, for as long as no other write is known', async () => {
    const { store, stored } = await start(orm, 'remembered-1');
    const first = store.remembered('remembered-1')!;
    expect(first).toEqual(stored);
    // A copy per caller: a change made to one reaches neither the store nor the next caller.
    first.snapshot.context.data['tampered'] = true;
    expect(store.remembered('remembered-1')).toEqual(stored);
    const { stored: second } = await runCommand(store, DEFINITION, 'remembered-1', { type: 'complete', taskId: onlyTask(stored.snapshot), data: { note: 'x' } }, { now: at('09:30'), actor: clerk }, options);
    expect(store.remembered('remembered-1')).toEqual(second);
    expect(second.version).toBe(2);
    // Another store (another node) writes: the first one, loading the newer version, forgets its own.
    const other = createSqlStore(orm.em.fork());
    await runCommand(other, DEFINITION, 'remembered-1', { type: 'complete', taskId: onlyTask(second.snapshot), data: {} }, { now: at('10:00'), actor: head }, options);
    expect(store.remembered('remembered-1')!.version).toBe(2);
    expect((await store.load('remembered-1'))!.version).toBe(3);
    expect(store.remembered('remembered-1')).toBeUndefined();
    // The other store wrote the case's end: a case that has ended is not remembered (it takes no more completions).
    expect(other.remembered('remembered-1')).toBeUndefined();
    // A commit that fails (on a version it did not know was old) leaves nothing remembered either.
    const third = (await other.load('remembered-1'))!;
    await expect(store.commit('remembered-1', 2, third.snapshot, [])).rejects.toSatisfy((e: unknown) => isCivicflowError(e, 'CF_ENGINE_STORE_CONFLICT'));
    expect(store.remembered('remembered-1')).toBeUndefined();
    expect(store.remembered('never-written')).toBeUndefined();
  });

  it('lets exactly one of 20 parallel completions of the same task commit', async () => {
    const { stored } = await start(orm, 'race-1');
    const taskId = onlyTask(stored.snapshot);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      runCommand(createSqlStore(orm.em.fork()), DEFINITION, 'race-1', { type: 'complete', taskId, data: { note: `n${i}` } }, { now: at('09:30'), actor: clerk }, options)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused).toHaveLength(19);
    // Refused by the version check; or, for a completion that loaded the case after the winner had
    // committed (loads do not queue behind commits on SQLite), by the engine: the task is gone.
    expect(refused.every((e) => isCivicflowError(e, 'CF_ENGINE_STORE_CONFLICT') || isCivicflowError(e, 'CF_ENGINE_TASK_NOT_FOUND'))).toBe(true);
    expect(refused.some((e) => isCivicflowError(e, 'CF_ENGINE_STORE_CONFLICT'))).toBe(true);

    const store = createSqlStore(orm);
    expect((await store.load('race-1'))!.version).toBe(2);
    expect((await store.history('race-1')).filter((e) => e.type === 'task.completed')).toHaveLength(1);
    expect(await verifyChain(orm, 'race-1')).toMatchObject({ ok: true });
  });

  it('stays exact with two connections on one database (a second process or node): commits and timer claims', async () => {
    // A database of its own: the timers of the other tests must not be due here.
    const shared = await db.open();
    try {
      const [a, b] = [shared.orm, await shared.openAnother()] as const;
      const { stored } = await start(a, 'two-1');
      for (const id of ['two-2', 'two-3']) await start(b, id);
      const taskId = onlyTask(stored.snapshot);
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
        runCommand(createSqlStore(i % 2 ? a : b), DEFINITION, 'two-1', { type: 'complete', taskId, data: {} }, { now: at('09:30'), actor: clerk }, options)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.every((r) => r.status === 'fulfilled' || isCivicflowError(r.reason, 'CF_ENGINE_STORE_CONFLICT'))).toBe(true);

      // Two timers are due at 13:00 (two-1's review timer only at 13:30): each claimed once in all.
      const claims = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        createSqlStore(i % 2 ? a : b).claimDueTimers({ now: at('13:00'), limit: 1, worker: `w${i}`, leaseMs: 60_000 })));
      expect(claims.flat().map((d) => d.instanceId).sort()).toEqual(['two-2', 'two-3']);
    } finally {
      await shared.close();
    }
  });
});

describe('the SQLite file', () => {
  const dirs: string[] = [];
  afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

  it('is created in the data directory, and reopened from there after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'civicflow-sql-'));
    dirs.push(dataDir);
    const first = await createOrm({ dataDir });
    await start(first, 'file-1');
    await closeOrm(first);
    const second = await createOrm({ dataDir });
    try {
      expect((await createSqlStore(second).load('file-1'))?.version).toBe(1);
    } finally {
      await closeOrm(second);
    }
  });
});
