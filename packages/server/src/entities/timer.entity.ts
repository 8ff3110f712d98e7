import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { TimerRecord } from '@civicflow/engine';
import { InstanceEntity } from './instance.entity.js';

/**
 * A pending timer of an active instance, materialised from the snapshot on every commit, so
 * that workers find due timers with one indexed query. `claimedBy`/`claimedUntil` are a lease:
 * a worker that dies loses its claim when the lease ends.
 */
export const TimerEntity = defineEntity({
  name: 'Timer',
  tableName: 'instance_timer',
  properties: {
    instance: () => p.manyToOne(InstanceEntity).primary().fieldName('instance_id').index(false),
    timerId: p.string().primary(),
    stepId: p.string(),
    dueAt: p.datetime().index(),
    purpose: p.string(),
    /** The timer as the snapshot holds it, handed back to the worker as is. */
    record: p.json<TimerRecord>(),
    claimedBy: p.string().nullable(),
    claimedUntil: p.datetime().nullable(),
  },
});

/** A row of `instance_timer`. */
export type TimerRow = InferEntity<typeof TimerEntity>;
