import type { ProcessDefinition } from '../definition/types.js';
import type { LocalizedText } from '../i18n.js';
import { reviewerSpecOf, reviewersOfState } from '../compile/kinds/jointReview.js';
import type { ReviewState } from '../compile/kinds/jointReview.js';
import type { AnySnapshot, InstanceSnapshot, ResolvedAssignee, TaskRecord } from './types.js';
import { taskPartIn } from './taskParts.js';
import { stepIndexOf, upgradeSnapshot } from './upgradeSnapshot.js';
import { canAct } from './permissions.js';
import type { Actor } from './types.js';

/** An open task as a host shows it: derived from the snapshot and the definition, never stored apart from them. */
export interface TaskView {
  id: string;
  stepId: string;
  /** The step's title for the task's part (the definition's). */
  title: LocalizedText;
  formId: string;
  formSchema: object;
  uiSchema?: Record<string, unknown>;
  /** Who may act on it; `match` always given (a stored task leaves out the default, `exact`). */
  assignee: ResolvedAssignee & { match: 'exact' | 'subtree' };
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  /** The actor id of whoever has claimed the task, or null while anyone eligible may take it. */
  claimedBy: string | null;
  meta: Record<string, unknown>;
}

/**
 * The open tasks of an instance, optionally only those `actor` may act on (eligible, and not
 * claimed by someone else): each task record joined with its step in `definition` (the version the
 * snapshot runs on), which gives its title and form. A snapshot of an earlier format is read
 * through `upgradeSnapshot`.
 */
export function openTasks(definition: ProcessDefinition, stored: AnySnapshot, actor?: Actor): TaskView[] {
  const snapshot = upgradeSnapshot(definition, stored);
  const index = stepIndexOf(definition);
  const views: TaskView[] = [];
  for (const [id, t] of Object.entries(snapshot.context.tasks)) {
    if (actor && !canAct(actor, t)) continue;
    const { stepId, title, form: formId } = taskPartIn(definition, index, id, t);
    const form = definition.forms[formId];
    const a = t.assignee;
    views.push({
      id, stepId, title, formId,
      formSchema: form?.schema ?? {}, ...(form?.uiSchema ? { uiSchema: form.uiSchema } : {}),
      assignee: a.match === undefined ? { ...a, match: 'exact' } : { ...a, match: a.match },
      dueAt: t.dueAt ?? null, overdue: t.overdue ?? false, repeatable: t.repeatable ?? false, claimedBy: t.claimedBy ?? null,
      meta: { ...(t.role ? { part: t.role } : {}), ...metaOf(definition, snapshot, stepId, t) },
    });
  }
  return views;
}

/**
 * A task's meta as hosts see it. A joint review's reviewer task stores only the reviewer's id: its
 * title (`reviewerTitle`) comes from the reviewer as listed — the definition's, or the one an
 * expression listed, kept in the review's state.
 */
function metaOf(definition: ProcessDefinition, snapshot: InstanceSnapshot, stepId: string, task: TaskRecord): Record<string, unknown> {
  const meta = task.meta ?? {};
  if (task.role !== 'reviewer' || typeof meta['reviewer'] !== 'string' || 'reviewerTitle' in meta) return meta;
  const step = stepIndexOf(definition).get(stepId)?.step;
  if (step?.kind !== 'jointReview') return meta;
  const state = snapshot.context.steps[stepId] as ReviewState | undefined;
  const id = meta['reviewer'];
  const spec = reviewerSpecOf(step, reviewersOfState(step, state).find((r) => r.id === id) ?? { id });
  const { reviewer, ...rest } = meta;
  return spec ? { reviewer, reviewerTitle: spec.title, ...rest } : meta;
}

/**
 * The step, title and form of one open task of a snapshot running on `definition`: what a host
 * that keeps task rows apart from the snapshot (an inbox) shows beside the stored record.
 */
export function taskPart(definition: ProcessDefinition, taskId: string, task: TaskRecord): { stepId: string; title: LocalizedText; form: string } {
  return taskPartIn(definition, stepIndexOf(definition), taskId, task);
}
