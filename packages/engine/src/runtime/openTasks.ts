import type { ProcessDefinition } from '../definition/types.js';
import type { LocalizedText } from '../i18n.js';
import { reviewerSpecOf } from '../compile/kinds/jointReview.js';
import type { ReviewState } from '../compile/kinds/jointReview.js';
import type { InstanceSnapshot, ResolvedAssignee, TaskRecord } from './types.js';
import { stepIndexOf } from './upgradeSnapshot.js';
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
        meta: { ...(t.role ? { part: t.role } : {}), ...metaOf(definition, snapshot, t) },
      };
    });
}

/**
 * A task's meta as hosts see it. A joint review's reviewer task stores only the reviewer's id: its
 * title (`reviewerTitle`) comes from the reviewer as listed — the definition's, or the one an
 * expression listed, kept in the review's state.
 */
function metaOf(definition: ProcessDefinition, snapshot: InstanceSnapshot, task: TaskRecord): Record<string, unknown> {
  const meta = task.meta ?? {};
  if (task.role !== 'reviewer' || typeof meta['reviewer'] !== 'string' || 'reviewerTitle' in meta) return meta;
  const step = stepIndexOf(definition).get(task.stepId)?.step;
  if (step?.kind !== 'jointReview') return meta;
  const state = snapshot.context.steps[task.stepId] as ReviewState | undefined;
  const id = meta['reviewer'];
  const spec = reviewerSpecOf(step, state?.reviewers.find((r) => r.id === id) ?? { id });
  const { reviewer, ...rest } = meta;
  return spec ? { reviewer, reviewerTitle: spec.title, ...rest } : meta;
}
