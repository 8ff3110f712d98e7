import { parseInstant } from '../calendar/index.js';
import { CivicflowError } from '../errors.js';
import type { DueTimer, InstanceStore, StoredInstance } from '../store/InstanceStore.js';
import type { HistoryEvent, InstanceSnapshot } from '../runtime/types.js';

interface Row { stored: StoredInstance; history: HistoryEvent[] }

/** Stored values are copies: a caller mutating what it passed in or got back cannot change the store. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * An in-memory InstanceStore for tests and embedders' prototypes. It passes the store contract;
 * it is not durable. Writes are applied synchronously inside each call, which is what makes its
 * optimistic check race-free on one event loop.
 */
export function createMemoryStore(): InstanceStore {
  const rows = new Map<string, Row>();
  const claims = new Map<string, { worker: string; until: number }>();
  const timerKey = (instanceId: string, timerId: string) => `${instanceId}\u0000${timerId}`;

  return {
    async create(snapshot: InstanceSnapshot, events) {
      if (rows.has(snapshot.instanceId)) throw new CivicflowError('CF_ENGINE_STORE_EXISTS', { instanceId: snapshot.instanceId });
      const stored: StoredInstance = {
        instanceId: snapshot.instanceId, definitionId: snapshot.definitionId, definitionVersion: snapshot.definitionVersion, snapshot: copy(snapshot), version: 1,
      };
      rows.set(snapshot.instanceId, { stored, history: copy([...events]) });
      return copy(stored);
    },
    async load(instanceId) {
      const row = rows.get(instanceId);
      return row ? copy(row.stored) : null;
    },
    async commit(instanceId, expectedVersion, snapshot, events) {
      const row = rows.get(instanceId);
      if (!row) throw new CivicflowError('CF_ENGINE_STORE_NOT_FOUND', { instanceId });
      if (row.stored.version !== expectedVersion) throw new CivicflowError('CF_ENGINE_STORE_CONFLICT', { instanceId, expected: expectedVersion, actual: row.stored.version });
      row.stored = { ...row.stored, definitionVersion: snapshot.definitionVersion, snapshot: copy(snapshot), version: expectedVersion + 1 };
      row.history.push(...copy([...events]));
      for (const key of [...claims.keys()]) {
        const [id, timerId] = key.split('\u0000') as [string, string];
        if (id === instanceId && !snapshot.context.timers[timerId]) claims.delete(key);
      }
      return copy(row.stored);
    },
    async history(instanceId) {
      return copy(rows.get(instanceId)?.history ?? []);
    },
    async claimDueTimers({ now, limit, worker, leaseMs }) {
      const nowMs = parseInstant(now);
      const due: (DueTimer & { at: number })[] = [];
      for (const [instanceId, row] of rows) {
        if (row.stored.snapshot.status !== 'active') continue;
        for (const timer of Object.values(row.stored.snapshot.context.timers)) {
          const at = parseInstant(timer.dueAt);
          const claim = claims.get(timerKey(instanceId, timer.id));
          if (at <= nowMs && (!claim || claim.until <= nowMs)) due.push({ instanceId, timer: copy(timer), at });
        }
      }
      due.sort((a, b) => a.at - b.at || a.instanceId.localeCompare(b.instanceId) || a.timer.id.localeCompare(b.timer.id));
      const picked = due.slice(0, limit);
      for (const d of picked) claims.set(timerKey(d.instanceId, d.timer.id), { worker, until: nowMs + leaseMs });
      return picked.map(({ instanceId, timer }) => ({ instanceId, timer }));
    },
  };
}
