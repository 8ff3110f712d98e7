import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * Work a command leaves for the server to do after it commits — start a subprocess, tell a parent
 * case that its subprocess ended, cancel the subprocesses of a case that ended without them — written in the command's own transaction, so it is never lost
 * even if the server dies right after the commit. A dispatcher claims rows with a lease (several
 * nodes may share one database), does the work idempotently, and marks them done.
 */
export const EffectOutboxEntity = defineEntity({
  name: 'EffectOutbox',
  tableName: 'effect_outbox',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The case whose command produced the work. */
    instanceId: p.string(),
    kind: p.string().length(32).$type<'subprocess.start' | 'subprocess.ended' | 'subprocess.cancel'>(),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
    doneAt: p.datetime().nullable(),
    attempts: p.integer(),
    lastError: p.text().nullable(),
    claimedBy: p.string().nullable(),
    claimedUntil: p.datetime().nullable(),
  },
  indexes: [{ properties: ['doneAt', 'id'] }],
});

/** A row of `effect_outbox`. */
export type EffectOutboxRow = InferEntity<typeof EffectOutboxEntity>;
