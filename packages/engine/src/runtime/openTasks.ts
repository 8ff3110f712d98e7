import type { ProcessDefinition } from '../definition/types.js';
import type { LocalizedText } from '../i18n.js';
import type { InstanceSnapshot, ResolvedAssignee } from './types.js';
import { canAct } from './permissions.js';
import type { Actor } from './types.js';

/** An open task as a host shows it: derived from the snapshot, never stored apart from it. */
export interface TaskView {
  id: string;
  stepId: string;
  title: LocalizedText;
  formId: string;
  formSchema: object;
  uiSchema?: Record<string, unknown>;
  assignee: ResolvedAssignee;
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  /** The actor id of whoever has claimed the task, or null while anyone eligible may take it. */
  claimedBy: string | null;
  meta: Record<string, unknown>;
}

/** The open tasks of an instance, optionally only those `actor` may act on (eligible, and not claimed by someone else). */
export function openTasks(definition: ProcessDefinition, snapshot: InstanceSnapshot, actor?: Actor): TaskView[] {
  return Object.values(snapshot.context.tasks)
    .filter((t) => !actor || canAct(actor, t))
    .map((t) => {
      const form = definition.forms[t.form];
      return {
        id: t.id, stepId: t.stepId, title: t.title, formId: t.form,
        formSchema: form?.schema ?? {}, ...(form?.uiSchema ? { uiSchema: form.uiSchema } : {}),
        assignee: t.assignee, dueAt: t.dueAt ?? null, overdue: t.overdue ?? false, repeatable: t.repeatable ?? false, claimedBy: t.claimedBy ?? null,
        meta: { ...(t.role ? { part: t.role } : {}), ...(t.meta ?? {}) },
      };
    });
}
