import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { TaskRecord } from '@civicflow/engine';
import { InstanceEntity } from './instance.entity.js';

/**
 * An open task, materialised from the snapshot on every commit so that inboxes ("my open
 * tasks by role and org unit, soonest due first") are one indexed query instead of a scan of
 * every snapshot. The snapshot stays the truth; these rows are rewritten from it.
 * Task ids are per instance (`task:3`), hence the key (instance, taskId).
 */
export const TaskEntity = defineEntity({
  name: 'Task',
  tableName: 'open_task',
  properties: {
    instance: () => p.manyToOne(InstanceEntity).primary().fieldName('instance_id').index(false),
    taskId: p.string().primary(),
    stepId: p.string(),
    role: p.string(),
    orgUnit: p.string(),
    match: p.string().length(16),
    person: p.string().nullable(),
    dueAt: p.datetime().nullable(),
    overdue: p.boolean(),
    /** The task as the snapshot holds it (part, meta, dates), so an inbox renders without the snapshot (title and form from the definition). */
    record: p.json<TaskRecord>(),
    createdAt: p.datetime(),
  },
  indexes: [
    // The inbox: each (role, unit) range read in the inbox's order (due, case, task) — see readInbox.
    { properties: ['role', 'orgUnit', 'dueAt', 'instance', 'taskId'] },
    { properties: ['person'] },
    // The monitor's overdue tasks: open tasks due before now.
    { properties: ['dueAt'] },
  ],
});

/** A row of `open_task`. */
export type TaskRow = InferEntity<typeof TaskEntity>;
