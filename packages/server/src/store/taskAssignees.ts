import type { HistoryEvent, ResolvedAssignee } from '@civicflow/engine';
import type { PlainSql } from './plainSql.js';

/** The columns of a `task_assignee` row. */
export interface TaskAssigneeRowData {
  instance: string; taskId: string; role: string; orgUnit: string; match: string; person: string | null;
}

/** The assignee of every task a batch of history events opens (`task.opened` carries it). */
export function taskAssigneeRowsOf(instanceId: string, events: readonly HistoryEvent[]): TaskAssigneeRowData[] {
  const rows: TaskAssigneeRowData[] = [];
  for (const e of events) {
    const assignee = e.type === 'task.opened' ? (e.data as { assignee?: ResolvedAssignee } | undefined)?.assignee : undefined;
    if (!assignee || !e.taskId) continue;
    rows.push({ instance: instanceId, taskId: e.taskId, role: assignee.role, orgUnit: assignee.orgUnit, match: assignee.match ?? 'exact', person: assignee.person ?? null });
  }
  return rows;
}

/**
 * Records the assignees of the tasks the events open, in the transaction that appends the events.
 * Rows are only ever added: a participant stays one after their task closes.
 */
export async function recordTaskAssignees(sql: PlainSql, instanceId: string, events: readonly HistoryEvent[]): Promise<void> {
  const rows = taskAssigneeRowsOf(instanceId, events);
  if (rows.length > 0) {
    await sql.insert('task_assignee', ['instance_id', 'task_id', 'role', 'org_unit', 'match', 'person'],
      rows.map((r) => [r.instance, r.taskId, r.role, r.orgUnit, r.match, r.person]));
  }
}
