import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { InstanceSnapshot } from '@civicflow/engine';

/**
 * One process instance (办件): the snapshot the engine steps, plus columns copied out of it for
 * queries (status, org unit, outcome). `version` is the optimistic lock: every commit is an
 * `UPDATE … WHERE version = expected`. `eventCount`/`headHash` name the end of the hash-chained
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
    version: p.integer().version(),
    eventCount: p.integer(),
    headHash: p.string().length(64),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [
    { properties: ['definitionId', 'definitionVersion'] },
    { properties: ['orgUnit', 'status'] },
  ],
});

/** A row of `process_instance`. */
export type InstanceRow = InferEntity<typeof InstanceEntity>;
