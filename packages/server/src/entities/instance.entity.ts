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
    /**
     * The snapshot's XState state value as JSON text (`"intake"`, `{"handling":{…}}`): where the
     * case is, for the monitor's "running cases by step" without reading any snapshot. Always
     * written by the store; nullable only because SQLite cannot add a NOT NULL column to a filled
     * table (the migration that added it filled the existing rows).
     */
    stateValue: p.text().nullable(),
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
    // The monitor counts running cases by process, unit and state from this index alone: on SQLite
    // reading a column that follows the snapshot would walk the snapshot's overflow pages.
    { name: 'process_instance_running_index', properties: ['status', 'definitionId', 'orgUnit', 'definitionVersion', 'stateValue'] },
  ],
});

/** A row of `process_instance`. */
export type InstanceRow = InferEntity<typeof InstanceEntity>;
