import { parseInstant, taskStepId } from '@civicflow/engine';
import type { InstanceSnapshot, Instant, TaskRecord, TimerRecord } from '@civicflow/engine';

/** An instant of the engine as a Date column value. */
export const toDate = (instant: Instant): Date => new Date(parseInstant(instant));

/** The columns of an `open_task` row for one open task of a snapshot. */
export interface TaskRowData {
  instance: string; taskId: string; stepId: string; role: string; orgUnit: string; match: string;
  person: string | null; dueAt: Date | null; overdue: boolean; record: TaskRecord; createdAt: Date;
}

/** The columns of an `instance_timer` row, without the claim. */
export interface TimerRowData {
  instance: string; timerId: string; stepId: string; dueAt: Date; purpose: string; record: TimerRecord;
}

/**
 * The open tasks of a snapshot as rows: every task in `context.tasks` (what `openTasks` shows).
 * `person` is whom the inbox shows the task to besides the role and unit match: its holder once
 * claimed (an actor id), else the person the task names, else anyone (null). The record is the
 * task as the snapshot holds it (format 3): its title and form are the definition's, joined when
 * the inbox is read (`taskPart`).
 */
export function taskRowsOf(snapshot: InstanceSnapshot): TaskRowData[] {
  return Object.entries(snapshot.context.tasks).map(([taskId, t]) => ({
    instance: snapshot.instanceId, taskId, stepId: taskStepId(taskId, t),
    role: t.assignee.role, orgUnit: t.assignee.orgUnit, match: t.assignee.match ?? 'exact', person: t.claimedBy ?? t.assignee.person ?? null,
    dueAt: t.dueAt ? toDate(t.dueAt) : null, overdue: t.overdue ?? false,
    record: t, createdAt: toDate(t.createdAt),
  }));
}

/**
 * The timers a worker may fire: those of the snapshot while the instance is active (an ended
 * instance has nothing to wait for, as in the engine's memory store).
 */
export function timerRowsOf(snapshot: InstanceSnapshot): TimerRowData[] {
  if (snapshot.status !== 'active') return [];
  return Object.values(snapshot.context.timers).map((t) => ({
    instance: snapshot.instanceId, timerId: t.id, stepId: t.stepId, dueAt: toDate(t.dueAt), purpose: t.purpose, record: t,
  }));
}
