import type { InstanceStore } from '../store/InstanceStore.js';
import { startInstance, step } from '../runtime/engine.js';
import type { ProcessDefinition } from '../definition/types.js';
import type { Actor, InstanceSnapshot } from '../runtime/types.js';

/** The test functions the contract runs with (vitest's, jest's, node:test wrappers …). */
export interface ContractHarness {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  expect: (value: unknown) => {
    toBe(v: unknown): void;
    toEqual(v: unknown): void;
    toBeNull(): void;
    toHaveLength(n: number): void;
    rejects: { toMatchObject(v: unknown): Promise<void> };
  };
}

const t = (s: string) => ({ 'zh-CN': s, en: s });
/** A two-step process with a deadline: enough to exercise snapshots, history and timers. */
const CONTRACT_DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'store-contract', version: 1, title: t('store contract'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'first',
  steps: {
    first: { kind: 'task', title: t('first'), form: 'f', assignee: { role: 'CLERK' }, deadline: { duration: { hours: 2 }, basis: t('SLA') }, next: 'second' },
    second: { kind: 'task', title: t('second'), form: 'f', assignee: { role: 'CLERK' }, deadline: { duration: { hours: 1 }, basis: t('SLA') }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const validator = { validate: () => ({ valid: true, errors: [] }) };
const clerk: Actor = { id: 'clerk', roles: ['CLERK'], orgUnit: 'county:c' };

function started(instanceId: string, now = '2027-01-04T09:00:00+08:00') {
  return startInstance(CONTRACT_DEFINITION, { instanceId, orgUnit: 'county:c' }, { now, actor: clerk }, { validator });
}
function advanced(snapshot: InstanceSnapshot) {
  const taskId = Object.keys(snapshot.context.tasks)[0]!;
  return step(CONTRACT_DEFINITION, snapshot, { type: 'complete', taskId, data: { note: 'ok' } }, { now: '2027-01-04T09:30:00+08:00', actor: clerk }, { validator });
}
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/**
 * The behaviour every InstanceStore adapter must show (rjsf-style contract suite): round trips,
 * optimistic locking under concurrency, append-only history, and exactly-once timer claims.
 *
 * @example
 * describeInstanceStoreContract('memory', createMemoryStore, { describe, it, expect });
 */
export function describeInstanceStoreContract(name: string, makeStore: () => Promise<InstanceStore> | InstanceStore, h: ContractHarness): void {
  const { describe, it, expect } = h;
  describe(`InstanceStore contract: ${name}`, () => {
    it('stores a new instance at version 1 and loads the same snapshot back', async () => {
      const store = await makeStore();
      const s = started('c-1');
      const stored = await store.create(s.snapshot, s.events);
      expect(stored.version).toBe(1);
      const loaded = await store.load('c-1');
      expect(json(loaded?.snapshot)).toEqual(json(s.snapshot));
      expect(loaded?.definitionId).toBe('store-contract');
      expect(await store.load('nope')).toBeNull();
    });

    it('refuses a second instance with the same id', async () => {
      const store = await makeStore();
      const s = started('c-2');
      await store.create(s.snapshot, s.events);
      await expect(store.create(s.snapshot, s.events)).rejects.toMatchObject({ code: 'CF_ENGINE_STORE_EXISTS' });
    });

    it('commits with the expected version and refuses a stale one, changing nothing', async () => {
      const store = await makeStore();
      const s = started('c-3');
      await store.create(s.snapshot, s.events);
      const next = advanced(s.snapshot);
      const committed = await store.commit('c-3', 1, next.snapshot, next.events);
      expect(committed.version).toBe(2);
      await expect(store.commit('c-3', 1, next.snapshot, next.events)).rejects.toMatchObject({ code: 'CF_ENGINE_STORE_CONFLICT' });
      const loaded = await store.load('c-3');
      expect(loaded?.version).toBe(2);
      expect(await store.history('c-3')).toHaveLength(s.events.length + next.events.length);
      await expect(store.commit('missing', 1, next.snapshot, next.events)).rejects.toMatchObject({ code: 'CF_ENGINE_STORE_NOT_FOUND' });
    });

    it('lets exactly one of many concurrent commits of the same version win', async () => {
      const store = await makeStore();
      const s = started('c-4');
      await store.create(s.snapshot, s.events);
      const next = advanced(s.snapshot);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.commit('c-4', 1, next.snapshot, next.events)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.history('c-4')).toHaveLength(s.events.length + next.events.length);
    });

    it('keeps the history append-only and in order', async () => {
      const store = await makeStore();
      const s = started('c-5');
      await store.create(s.snapshot, s.events);
      const next = advanced(s.snapshot);
      await store.commit('c-5', 1, next.snapshot, next.events);
      expect(json(await store.history('c-5'))).toEqual(json([...s.events, ...next.events]));
      expect(await store.history('unknown')).toEqual([]);
    });

    it('claims due timers earliest first, once per lease, and forgets them when they leave the snapshot', async () => {
      const store = await makeStore();
      const a = started('c-6', '2027-01-04T09:00:00+08:00'); // due 11:00
      const b = started('c-7', '2027-01-04T08:00:00+08:00'); // due 10:00
      const c = started('c-8', '2027-01-04T12:00:00+08:00'); // due 14:00
      for (const x of [a, b, c]) await store.create(x.snapshot, x.events);
      const claimed = await store.claimDueTimers({ now: '2027-01-04T11:30:00+08:00', limit: 10, worker: 'w1', leaseMs: 60_000 });
      expect(claimed.map((d) => d.instanceId)).toEqual(['c-7', 'c-6']);
      expect(await store.claimDueTimers({ now: '2027-01-04T11:30:30+08:00', limit: 10, worker: 'w2', leaseMs: 60_000 })).toEqual([]);
      const reclaimed = await store.claimDueTimers({ now: '2027-01-04T11:31:00+08:00', limit: 1, worker: 'w2', leaseMs: 60_000 });
      expect(reclaimed.map((d) => d.instanceId)).toEqual(['c-7']);
      const fired = step(CONTRACT_DEFINITION, a.snapshot, { type: 'fireTimer', timerId: claimed[1]!.timer.id }, { now: '2027-01-04T11:30:00+08:00', actor: clerk }, { validator });
      await store.commit('c-6', 1, fired.snapshot, fired.events);
      const later = await store.claimDueTimers({ now: '2027-01-04T13:00:00+08:00', limit: 10, worker: 'w3', leaseMs: 60_000 });
      expect(later.map((d) => d.instanceId)).toEqual(['c-7']);
    });

    it('returns copies: mutating what was passed in or returned does not change the store', async () => {
      const store = await makeStore();
      const s = started('c-9');
      await store.create(s.snapshot, s.events);
      const loaded = await store.load('c-9');
      (loaded!.snapshot.context.data as Record<string, unknown>)['tampered'] = true;
      (s.snapshot.context.data as Record<string, unknown>)['tampered'] = true;
      const again = await store.load('c-9');
      expect((again!.snapshot.context.data as Record<string, unknown>)['tampered']).toBe(undefined);
    });
  });
}
