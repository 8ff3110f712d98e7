import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { InstanceSnapshot } from '@civicflow/engine';

/**
 * One process instance (办件): the snapshot the engine steps, plus columns copied out of it for
 * queries (status, org unit, outcome, who started it and when). `version` is the optimistic lock:
 * every commit is an `UPDATE … WHERE version = expected`. `eventCount`/`headHash` name the end of the hash-chained
 * event log, so a commit appends without scanning the log and truncating the log is detectable.
 */
export const InstanceEntity = defineEntity({
  name: 'Instance',
  tableName: 'process_instance',
  properties: {
    instanceId: p.string().primary(),
    definitionId: p.string(),
    definitionVersion: p.integer(),
    status: p.string().length(16),
    snapshot: p.json<InstanceSnapshot>(),
    orgUnit: p.string(),
    outcome: p.string().nullable(),
    /**
     * Who started the case and when (the snapshot's `case`), for the case list's need-to-know rule
     * and order. Always written by the store; nullable only because SQLite cannot add a NOT NULL
     * column to a filled table (the migration that added them filled the existing rows).
     */
    startedBy: p.string().nullable(),
    startedAt: p.datetime().nullable(),
    version: p.integer().version(),
    eventCount: p.integer(),
    headHash: p.string().length(64),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [
    { properties: ['definitionId', 'definitionVersion'] },
    { properties: ['orgUnit', 'status'] },
    { properties: ['startedAt', 'instanceId'] },
  ],
});

/** A row of `process_instance`. */
export type InstanceRow = InferEntity<typeof InstanceEntity>;
