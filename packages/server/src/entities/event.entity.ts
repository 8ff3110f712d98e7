import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { HistoryEvent } from '@civicflow/engine';
import { InstanceEntity } from './instance.entity.js';

/** The event types of the monitor's series (instances started and ended, escalations, deadlines run out). */
export const SERIES_EVENT_TYPES = ['instance.started', 'instance.ended', 'case.escalated', 'timer.expired'] as const;
/** The partial index of those events by type and time; a query uses it when its WHERE names the types as literals. */
const SERIES_INDEX = 'instance_event_series_at_index';
/** The index's condition (SQL both SQLite and PostgreSQL read). */
const SERIES_INDEX_WHERE = `"type" in (${SERIES_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`;

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
    instance: () => p.manyToOne(InstanceEntity).primary().fieldName('instance_id').index(false),
    seq: p.integer().primary(),
    type: p.string(),
    at: p.string().length(40),
    payload: p.json<HistoryEvent>(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
  // The monitor's daily series and SLA breaches: events of a few types within a date range. Only
  // those types are indexed (most events are tasks opened and completed: an index of every
  // event's type would take a write on a page of each type at every command).
  indexes: [{ name: SERIES_INDEX, expression: `create index "${SERIES_INDEX}" on "instance_event" ("type", "at") where ${SERIES_INDEX_WHERE}` }],
});

/** A row of `instance_event`. */
export type EventRow = InferEntity<typeof EventEntity>;
