import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { InstanceEntity } from './instance.entity.js';

/**
 * The assignee of every task ever opened in a case (from its `task.opened` events), kept when the
 * task closes. It answers "who took part in this case, now or earlier" with one indexed query:
 * the case list (GET /api/instances) shows a case to a participant without reading its history.
 * Written by the store at commit time, never changed afterwards.
 */
export const TaskAssigneeEntity = defineEntity({
  name: 'TaskAssignee',
  tableName: 'task_assignee',
  properties: {
    instance: () => p.manyToOne(InstanceEntity).primary().fieldName('instance_id').index(false),
    taskId: p.string().primary(),
    role: p.string(),
    orgUnit: p.string(),
    match: p.string().length(16),
    /** The person the task named, if any (may be a personal number, like `open_task.person`). */
    person: p.string().nullable(),
  },
});

/** A row of `task_assignee`. */
export type TaskAssigneeRow = InferEntity<typeof TaskAssigneeEntity>;
