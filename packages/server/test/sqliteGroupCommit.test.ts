import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCivicflowError, startStored, step } from '@civicflow/engine';
import type { Actor, InstanceSnapshot, ProcessDefinition } from '@civicflow/engine';
import { closeOrm, createOrm } from '../src/orm/createOrm.js';
import type { Orm } from '../src/orm/createOrm.js';
import { createSqlStore } from '../src/store/createSqlStore.js';
import { sqliteAccessOf } from '../src/store/sqliteAccess.js';
import { isNoRowChanged } from '../src/store/plainSql.js';
import { verifyChain } from '../src/store/verifyChain.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'group-commit', version: 1, title: t('group commit'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'accept',
  steps: {
    accept: { kind: 'task', title: t('accept'), form: 'f', assignee: { role: 'CLERK' }, deadline: { duration: { hours: 2 }, basis: t('SLA') }, next: 'review' },
    review: { kind: 'task', title: t('review'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const options = { validator: { validate: () => ({ valid: true, errors: [] }) } };
const clerk: Actor = { id: 'clerk', roles: ['CLERK'], orgUnit: 'county:c/town:t' };
const now = '2027-01-04T09:30:00+08:00';
const onlyTask = (s: InstanceSnapshot) => Object.keys(s.context.tasks)[0]!;

/** SQLite's command path (src/store/sqliteAccess.ts): reads beside the writer, group commits with a savepoint per command. */
describe('SQLite group commit', () => {
  let dir: string;
  let orm: Orm;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civicflow-group-'));
    orm = await createOrm({ dataDir: dir });
  });
  afterAll(async () => {
    await closeOrm(orm);
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the commands queued together in one transaction, each failing alone, and answers none before the commit', async () => {
    const store = createSqlStore(orm);
    const ids = Array.from({ length: 12 }, (_, i) => `group-${i}`);
    const started = await Promise.all(ids.map(async (instanceId) =>
      (await startStored(store, DEFINITION, { instanceId, orgUnit: 'county:c/town:t' }, { now, actor: clerk }, options)).stored));
    const access = sqliteAccessOf(orm)!;
    const before = { ...access.committed };
    // A second connection, as another process would read the file: what a commit answered must be there.
    const other = new sqlite3.Database(join(dir, 'civicflow.sqlite'));
    const versionSeenElsewhere = (instanceId: string) => new Promise<number>((resolve, reject) => {
      other.get('select version from process_instance where instance_id = ?', [instanceId], (error: Error | null, row: { version: number }) => (error ? reject(error) : resolve(row.version)));
    });
    try {
      const commands = started.flatMap((stored, i) => {
        const taskId = onlyTask(stored.snapshot);
        const next = step(DEFINITION, stored.snapshot, { type: 'complete', taskId, data: { note: `n${i}` } }, { now, actor: clerk }, options);
        const commit = (within?: () => Promise<void>) => store.commit(stored.instanceId, stored.version, next.snapshot, next.events, next.effects, within)
          .then(async (s) => ({ version: s.version, seen: await versionSeenElsewhere(stored.instanceId) }));
        // Every third case: its command fails inside its transaction, after its rows were written.
        if (i % 3 === 2) return [commit(async () => { throw new Error(`disk full ${i}`); })];
        // The others: the command, and a second one on the same version (which must lose).
        return [commit(), commit()];
      });
      const results = await Promise.allSettled(commands);

      let k = 0;
      for (const [i, stored] of started.entries()) {
        if (i % 3 === 2) {
          const failed = results[k++]!;
          expect(failed.status === 'rejected' && String(failed.reason)).toContain(`disk full ${i}`);
          const reloaded = (await store.load(stored.instanceId))!;
          expect(reloaded.version).toBe(1);
          expect(Object.keys(reloaded.snapshot.context.tasks)).toEqual([onlyTask(stored.snapshot)]);
          expect((await store.history(stored.instanceId)).map((e) => e.type)).not.toContain('task.completed');
        } else {
          const pair = [results[k++]!, results[k++]!];
          const won = pair.filter((r) => r.status === 'fulfilled');
          expect(won).toHaveLength(1);
          // Answered after the commit: another connection already reads the new version.
          expect(won[0]!.status === 'fulfilled' && won[0]!.value).toEqual({ version: 2, seen: 2 });
          const lost = pair.find((r) => r.status === 'rejected')!;
          expect(lost.status === 'rejected' && isCivicflowError(lost.reason, 'CF_ENGINE_STORE_CONFLICT')).toBe(true);
          expect((await store.history(stored.instanceId)).filter((e) => e.type === 'task.completed')).toHaveLength(1);
        }
        expect(await verifyChain(orm, stored.instanceId)).toMatchObject({ ok: true });
      }
      // 20 writes queued at once: far fewer transactions than writes.
      const groups = access.committed.groups - before.groups;
      expect(access.committed.writes - before.writes).toBe(commands.length);
      expect(groups).toBeLessThan(commands.length / 2);
    } finally {
      await new Promise<void>((resolve) => { other.close(() => resolve()); });
    }
  });

  it('runs the commands that read nothing in one call, and a command failing among them fails alone', async () => {
    const access = sqliteAccessOf(orm)!;
    const columns = ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'];
    const row = (key: string) => [key, 'batch', 'h', 'in_progress', null, new Date(0)];
    await access.write((sql) => sql.insert('idempotency_key', columns, ['a', 'b', 'c', 'e'].map((k) => row(`batch-${k}`))));
    // Each job writes a row of its own first, then marks a key done with a checked update (one row
    // or the command fails): jobs 2 and 4 repeat a key already done, so their update changes no
    // row; job 5 inserts a key twice (a constraint fails).
    const keys = ['a', 'b', 'a', 'c', 'b', 'd', 'e'];
    const before = { ...access.committed };
    const results = await Promise.allSettled(keys.map((key, i) => access.write(async (sql) => {
      await sql.insert('idempotency_key', columns, [row(`side-${i}`)]);
      if (i === 5) await sql.insert('idempotency_key', columns, [row(`batch-${key}`), row(`batch-${key}`)]);
      else await sql.updateOne('idempotency_key', { status: 'done' }, { key: `batch-${key}`, status: 'in_progress' });
      return i;
    })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(isNoRowChanged((results[2] as PromiseRejectedResult).reason)).toBe(true);
    expect(isNoRowChanged((results[4] as PromiseRejectedResult).reason)).toBe(true);
    expect(String((results[5] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(access.committed.writes - before.writes).toBe(keys.length);
    // The jobs that read nothing ran in a few calls into the driver, not one transaction each.
    expect(access.committed.groups - before.groups).toBeLessThan(keys.length);
    const stored = (await access.read<{ key: string; status: string }>(`select key, status from idempotency_key where actor = 'batch' order by key`, []))
      .map((r) => `${r.key}:${r.status}`);
    // The failed jobs left nothing, not even the row each wrote before failing.
    expect(stored).toEqual(['batch-a:done', 'batch-b:done', 'batch-c:done', 'batch-e:done', 'side-0:in_progress', 'side-1:in_progress', 'side-3:in_progress', 'side-6:in_progress']);
  });

  it('checkOne: a count of one lets the command through; any other count fails it alone, deferred or run at once', async () => {
    const access = sqliteAccessOf(orm)!;
    const columns = ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'];
    await access.write((sql) => sql.insert('idempotency_key', columns, [['check-1', 'check', 'h', 'done', null, new Date(0)], ['check-2', 'check', 'h', 'done', null, new Date(0)], ['check-3', 'check', 'h', 'done', null, new Date(0)]]));
    // A pattern holding NUL has no SQL literal: those checks run at once, with parameters (LIKE reads up to the NUL).
    const counts: [pattern: string, expected: 'fulfilled' | 'rejected'][] = [
      ['check-1', 'fulfilled'], ['check-%', 'rejected'], ['none', 'rejected'], ['none\u0000', 'rejected'], ['check-3\u0000', 'fulfilled'],
    ];
    const results = await Promise.allSettled(counts.map(([pattern], i) => access.write(async (sql) => {
      await sql.insert('idempotency_key', columns, [[`checked-${i}`, 'check', 'h', 'done', null, new Date(0)]]);
      await sql.checkOne('the test key', 'select count(*) from idempotency_key where actor = ? and key like ?', ['check', pattern]);
    })));
    expect(results.map((r) => r.status)).toEqual(counts.map(([, expected]) => expected));
    for (const r of results) if (r.status === 'rejected') expect(isNoRowChanged(r.reason)).toBe(true);
    const written = await access.read<{ key: string }>(`select key from idempotency_key where key like 'checked-%' order by key`, []);
    expect(written.map((r) => r.key)).toEqual(['checked-0', 'checked-4']);
  });

  it('hands the connection to the ORM between group commits while writes keep coming', async () => {
    const access = sqliteAccessOf(orm)!;
    const columns = ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'];
    // Writers that queue their next write as soon as the last one committed: the queue is never empty
    // until they stop, so the writer never hands the connection back for lack of work.
    let stop = false;
    let written = 0;
    const writers = Array.from({ length: 8 }, (_, w) => (async () => {
      for (let i = 0; !stop && i < 5_000; i += 1) {
        await access.write((sql) => sql.insert('idempotency_key', columns, [[`stream-${w}-${i}`, 'stream', 'h', 'done', null, new Date(0)]]));
        written += 1;
      }
    })());
    try {
      while (written < 50) await new Promise((resolve) => setTimeout(resolve, 5));
      // The ORM's own statements (timers, outbox, administration) take the same connection from its pool of one.
      const atOrm = written;
      const rows = await orm.em.fork().getConnection().execute(`select count(*) as n from idempotency_key where actor = 'stream'`);
      expect(Number((rows as { n: number }[])[0]!.n)).toBeGreaterThanOrEqual(atOrm);
      // It was answered while the writes went on, not after they ran out.
      expect(stop).toBe(false);
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    expect(written).toBeLessThan(8 * 5_000);
  });

  it('waits for another process holding the write lock instead of failing, and reads meanwhile', async () => {
    const store = createSqlStore(orm);
    const { stored } = await startStored(store, DEFINITION, { instanceId: 'locked-1', orgUnit: 'county:c/town:t' }, { now, actor: clerk }, options);
    const next = step(DEFINITION, stored.snapshot, { type: 'complete', taskId: onlyTask(stored.snapshot), data: {} }, { now, actor: clerk }, options);
    const other = new sqlite3.Database(join(dir, 'civicflow.sqlite'));
    const exec = (sql: string) => new Promise<void>((resolve, reject) => { other.exec(sql, (e: Error | null) => (e ? reject(e) : resolve())); });
    try {
      await exec('BEGIN IMMEDIATE');
      const committing = store.commit('locked-1', stored.version, next.snapshot, next.events, next.effects);
      // Reads go on while the writer waits: the read connections never queue behind it.
      expect((await store.load('locked-1'))!.version).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await exec('COMMIT');
      expect((await committing).version).toBe(2);
      expect((await store.load('locked-1'))!.version).toBe(2);
    } finally {
      await new Promise<void>((resolve) => { other.close(() => resolve()); });
    }
  });
});
