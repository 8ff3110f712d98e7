import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCivicflowError, openTasks, runCommand, startStored } from '@civicflow/engine';
import type { Actor, InstanceSnapshot, ProcessDefinition } from '@civicflow/engine';
import { closeOrm, createOrm } from '../src/orm/createOrm.js';
import { resolveDatabase } from '../src/orm/resolveDatabase.js';
import type { Orm } from '../src/orm/createOrm.js';
import { TaskEntity, TimerEntity } from '../src/entities/index.js';
import { createSqlStore } from '../src/store/createSqlStore.js';
import { verifyChain } from '../src/store/verifyChain.js';

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

const orms: Orm[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const orm of orms) if (await orm.isConnected()) await closeOrm(orm);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-sql-'));
  dirs.push(dir);
  return dir;
}
async function open(dataDir = freshDir()): Promise<Orm> {
  const orm = await createOrm({ dataDir });
  orms.push(orm);
  return orm;
}
async function start(orm: Orm, instanceId: string) {
  const store = createSqlStore(orm);
  const { stored } = await startStored(store, DEFINITION, { instanceId, orgUnit: 'county:c/town:t' }, { now: at('09:00'), actor: clerk }, options);
  return { store, stored };
}
const onlyTask = (s: InstanceSnapshot) => Object.keys(s.context.tasks)[0]!;
const sql = (orm: Orm, query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params);

describe('database', () => {
  it('is chosen by DATABASE_URL: SQLite in the data dir by default, PostgreSQL for postgres://', async () => {
    expect(resolveDatabase({})).toEqual({ dialect: 'sqlite', file: join(process.cwd(), 'data', 'civicflow.sqlite') });
    expect(resolveDatabase({ dataDir: '/srv/cf' })).toEqual({ dialect: 'sqlite', file: '/srv/cf/civicflow.sqlite' });
    expect(resolveDatabase({ databaseUrl: 'sqlite:/srv/cf/x.sqlite' })).toEqual({ dialect: 'sqlite', file: '/srv/cf/x.sqlite' });
    expect(resolveDatabase({ databaseUrl: 'postgresql://cf@db/cf' })).toEqual({ dialect: 'postgresql', url: 'postgresql://cf@db/cf' });
    expect(() => resolveDatabase({ databaseUrl: 'mysql://root:secret@db/cf' })).toThrow(/^(?!.*secret).*postgres:\/\//);
    // @mikro-orm/postgresql is not installed yet: the error says what to do.
    await expect(createOrm({ databaseUrl: 'postgres://cf@127.0.0.1:1/cf' })).rejects.toThrow(/install @mikro-orm\/postgresql/);
  });

  it('is created from nothing by the migrations, which agree with the entities', async () => {
    const orm = await open();
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    expect(await orm.migrator.getPendingMigrations()).toEqual([]);
  });

  it('runs in WAL mode with synchronous=NORMAL and foreign keys on', async () => {
    const orm = await open();
    expect(await sql(orm, 'pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await sql(orm, 'pragma synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await sql(orm, 'pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });
});

describe('SQL store', () => {
  it('keeps a verifiable hash chain and finds an edited, a deleted and a cut-off row', async () => {
    const orm = await open();
    const { store } = await start(orm, 'chain-1');
    let loaded = (await store.load('chain-1'))!;
    await runCommand(store, DEFINITION, 'chain-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'a' } }, { now: at('09:30'), actor: clerk }, options);
    loaded = (await store.load('chain-1'))!;
    await runCommand(store, DEFINITION, 'chain-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'b' } }, { now: at('10:00'), actor: head }, options);
    const events = (await store.history('chain-1')).length;
    expect(events).toBeGreaterThanOrEqual(4);
    expect(await verifyChain(orm, 'chain-1')).toEqual({ ok: true, events });

    const original = (await sql(orm, 'select payload from instance_event where instance_id = ? and seq = 2', ['chain-1'])) as { payload: string }[];
    const edited = JSON.stringify({ ...JSON.parse(original[0]!.payload) as object, data: { note: 'forged' } });
    await sql(orm, 'update instance_event set payload = ? where instance_id = ? and seq = 2', [edited, 'chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: 2, reason: 'hash' });
    await sql(orm, 'update instance_event set payload = ? where instance_id = ? and seq = 2', [original[0]!.payload, 'chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: true });

    await sql(orm, 'delete from instance_event where instance_id = ? and seq = ?', ['chain-1', events]);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: events, reason: 'head' });
    await sql(orm, 'delete from instance_event where instance_id = ? and seq = 3', ['chain-1']);
    expect(await verifyChain(orm, 'chain-1')).toMatchObject({ ok: false, seq: 3, reason: 'missing' });
  });

  it('mirrors the open tasks and timers of the snapshot after every commit', async () => {
    const orm = await open();
    const { store } = await start(orm, 'mirror-1');
    const rows = async () => {
      const em = orm.em.fork();
      const tasks = await em.find(TaskEntity, { instance: 'mirror-1' }, { orderBy: { taskId: 'asc' } });
      const timers = await em.find(TimerEntity, { instance: 'mirror-1' }, { orderBy: { timerId: 'asc' } });
      return {
        tasks: tasks.map((r) => ({ id: r.taskId, stepId: r.stepId, role: r.role, orgUnit: r.orgUnit, formId: r.formId, dueAt: r.dueAt?.getTime() ?? null })),
        timers: timers.map((r) => ({ id: r.timerId, dueAt: r.dueAt.getTime(), purpose: r.purpose })),
      };
    };
    const expected = (s: InstanceSnapshot) => ({
      tasks: openTasks(DEFINITION, s).map((v) => ({ id: v.id, stepId: v.stepId, role: v.assignee.role, orgUnit: v.assignee.orgUnit, formId: v.formId, dueAt: v.dueAt ? Date.parse(v.dueAt) : null }))
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

  it('survives a restart: the same file gives the same snapshot and version', async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    const { store } = await start(first, 'restart-1');
    const loaded = (await store.load('restart-1'))!;
    const { stored } = await runCommand(store, DEFINITION, 'restart-1', { type: 'complete', taskId: onlyTask(loaded.snapshot), data: { note: 'x' } }, { now: at('09:30'), actor: clerk }, options);
    const history = await store.history('restart-1');
    await closeOrm(first);

    const second = await open(dataDir);
    const again = createSqlStore(second);
    expect(await again.load('restart-1')).toEqual(stored);
    expect((await again.load('restart-1'))!.version).toBe(2);
    expect(await again.history('restart-1')).toEqual(history);
    expect(await verifyChain(second, 'restart-1')).toMatchObject({ ok: true });
  });

  it('lets exactly one of 20 parallel completions of the same task commit', async () => {
    const orm = await open();
    const { stored } = await start(orm, 'race-1');
    const taskId = onlyTask(stored.snapshot);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      runCommand(createSqlStore(orm.em.fork()), DEFINITION, 'race-1', { type: 'complete', taskId, data: { note: `n${i}` } }, { now: at('09:30'), actor: clerk }, options)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused).toHaveLength(19);
    expect(refused.every((e) => isCivicflowError(e, 'CF_ENGINE_STORE_CONFLICT'))).toBe(true);

    const store = createSqlStore(orm);
    expect((await store.load('race-1'))!.version).toBe(2);
    expect((await store.history('race-1')).filter((e) => e.type === 'task.completed')).toHaveLength(1);
    expect(await verifyChain(orm, 'race-1')).toMatchObject({ ok: true });
  });

  it('stays exact with two connections on one file (a second process): commits and timer claims', async () => {
    const dataDir = freshDir();
    const [a, b] = [await open(dataDir), await open(dataDir)] as const;
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
  });
});
