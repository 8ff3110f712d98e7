import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { HistoryEvent } from '@civicflow/engine';
import { InstanceEntity } from './instance.entity.js';

/**
 * The append-only history of an instance: seq 1..n per instance, each row hash-chained to the
 * one before (`hash = sha256(prevHash + canonical JSON of {instanceId, seq, event})`, see
 * store/eventHash.ts), so an edited, deleted or reordered row is found by `verifyChain`.
 * `type` and `at` repeat fields of `payload` for queries; `payload` is the event as given.
 */
export const EventEntity = defineEntity({
  name: 'Event',
  tableName: 'instance_event',
  properties: {
    instance: () => p.manyToOne(InstanceEntity).primary().fieldName('instance_id'),
    seq: p.integer().primary(),
    type: p.string(),
    at: p.string().length(40),
    payload: p.json<HistoryEvent>(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
  // The monitor's daily series and SLA breaches: events of a few types within a date range.
  indexes: [{ properties: ['type', 'at'] }],
});

/** A row of `instance_event`. */
export type EventRow = InferEntity<typeof EventEntity>;
