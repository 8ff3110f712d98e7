import { afterEach, describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, startStored } from '@civicflow/engine';
import type { Instant, InstanceStore, ProcessDefinition } from '@civicflow/engine';
import { createMemoryStore } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';
import { createSqlStore } from '../src/store/createSqlStore.js';
import { createTimerScheduler } from '../src/timers/createTimerScheduler.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const definition: ProcessDefinition = {
  schemaVersion: 1, id: 'timer-test', version: 1, title: t('timers'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('f'), schema: { type: 'object', properties: {} } } },
  start: 'wait',
  steps: {
    wait: { kind: 'wait', duration: { hours: 1 }, basis: t('test'), next: 'task' },
    task: { kind: 'task', title: t('task'), form: 'f', assignee: { role: 'CLERK' }, deadline: { duration: { hours: 2 }, basis: t('SLA'), onExpiry: { goto: 'late' } }, next: 'done' },
    late: { kind: 'end', outcome: 'LATE', title: t('late') },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const definitions = { get: async (id: string, v: number) => (id === definition.id && v === 1 ? definition : undefined) };
const engineOptions = { validator: createFormValidator() };
const clerk = { id: 'c', roles: ['CLERK'], orgUnit: 'county:x' };

/** Where the scheduler runs: the engine's memory store, and the SQL store on every test database. */
interface StoreKind { name: string; open(): Promise<{ store: InstanceStore; close(): Promise<void> }> }
const STORES: StoreKind[] = [
  { name: 'memory', open: async () => ({ store: createMemoryStore(), close: async () => {} }) },
  ...TEST_DATABASES.map((db): StoreKind => ({
    name: db.name,
    open: async () => {
      const opened = await db.open();
      return { store: createSqlStore(opened.orm), close: opened.close };
    },
  })),
];

describe.each(STORES)('durable timer scheduler on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (kind) => {
  // Every test seeds instances t-0 … t-n and fires whatever is due: each gets an empty store.
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function seed(count: number, start: Instant) {
    const { store, close } = await kind.open();
    closers.push(close);
    for (let i = 0; i < count; i++) {
      const at = formatInstant(parseInstant(start) + i * 60_000);
      await startStored(store, definition, { instanceId: `t-${i}`, orgUnit: 'county:x' }, { now: at, actor: clerk }, engineOptions);
    }
    return store;
  }

  async function firedCounts(store: InstanceStore, count: number) {
    const counts: number[] = [];
    for (let i = 0; i < count; i++) counts.push((await store.history(`t-${i}`)).filter((e) => e.type === 'timer.fired').length);
    return counts;
  }

  it('fires timers that fell due while the server was down, each exactly once, in the first round', async () => {
    const store = await seed(50, '2027-01-04T09:00:00+08:00');
    let clock = '2027-01-04T12:00:00+08:00'; // all 50 waits (due 10:00–10:49) are overdue; their 2-hour task deadlines are not yet
    const scheduler = createTimerScheduler({ store, definitions, engineOptions, worker: 'node-1', now: () => clock });
    expect(await scheduler.runOnce()).toBe(50);
    expect(await firedCounts(store, 50)).toEqual(Array(50).fill(1));
    expect(await scheduler.runOnce()).toBe(0);
    clock = '2027-01-04T15:00:00+08:00'; // now the task deadlines (12:00 + 2 h) are due too
    expect(await scheduler.runOnce()).toBe(50);
    expect(((await store.load('t-7'))!.snapshot.context.outcome)?.id).toBe('LATE');
  });

  it('two workers on one store never fire the same timer twice', async () => {
    const store = await seed(40, '2027-01-04T09:00:00+08:00');
    const clock = () => '2027-01-04T12:00:00+08:00';
    const a = createTimerScheduler({ store, definitions, engineOptions, worker: 'node-a', now: clock, batchSize: 7 });
    const b = createTimerScheduler({ store, definitions, engineOptions, worker: 'node-b', now: clock, batchSize: 5 });
    const [fa, fb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(fa + fb).toBe(40);
    expect(await firedCounts(store, 40)).toEqual(Array(40).fill(1));
  });

  it('a timer claimed by a worker that died is fired by another after the lease', async () => {
    const store = await seed(1, '2027-01-04T09:00:00+08:00');
    await store.claimDueTimers({ now: '2027-01-04T12:00:00+08:00', limit: 10, worker: 'dead-node', leaseMs: 60_000 });
    let clock = '2027-01-04T12:00:30+08:00';
    const scheduler = createTimerScheduler({ store, definitions, engineOptions, worker: 'node-2', now: () => clock, leaseMs: 60_000 });
    expect(await scheduler.runOnce()).toBe(0);
    clock = '2027-01-04T12:01:00+08:00';
    expect(await scheduler.runOnce()).toBe(1);
  });

  it('start() fires at once and keeps polling; stop() waits for the round', async () => {
    const store = await seed(3, '2027-01-04T09:00:00+08:00');
    const fired: string[] = [];
    const scheduler = createTimerScheduler({ store, definitions, engineOptions, worker: 'n', now: () => '2027-01-04T12:00:00+08:00', intervalMs: 5, onFired: (id) => { fired.push(id); } });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(fired.sort()).toEqual(['t-0', 't-1', 't-2']);
  });
});
