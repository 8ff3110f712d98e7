import type { ProcessDefinition, StepDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import type { LocalizedText } from '../i18n.js';
import type { TaskRecord } from './types.js';

/**
 * The step of an open task: the one its id names (the engine makes task ids `<stepId>:<n>`, and
 * step ids have no `:`), unless the record names another (a migration renamed the step).
 */
export function taskStepId(taskId: string, task?: Pick<TaskRecord, 'stepId'>): string {
  return task?.stepId ?? taskId.slice(0, taskId.lastIndexOf(':'));
}

/** The title and form of a task of `step` serving `role` (the step's part): the definition's, never stored. */
export function taskPartOf(step: StepDefinition, role: string | undefined): { title: LocalizedText; form: string } | undefined {
  switch (step.kind) {
    case 'task':
    case 'jointReview':
      return { title: step.title, form: step.form };
    case 'vote':
      return { title: step.title, form: role === 'count' ? step.form : step.supplementaryForm ?? step.form };
    case 'notice':
      if (role === 'publish' && step.publish) return { title: step.publish.title ?? step.title, form: step.publish.form };
      if (role === 'objection' && step.objections) return { title: step.title, form: step.objections.form };
      if (role === 'handle' && step.objections) return { title: step.title, form: step.objections.handleForm };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The title and form of an open task, from its step in the definition; CF_ENGINE_SNAPSHOT_MALFORMED
 * when the definition has no such step or part (a snapshot of another version).
 */
export function taskPartIn(definition: ProcessDefinition, index: ReadonlyMap<string, { step: StepDefinition }>, taskId: string, task: TaskRecord): { stepId: string; title: LocalizedText; form: string } {
  const stepId = taskStepId(taskId, task);
  const step = index.get(stepId)?.step;
  const part = step ? taskPartOf(step, task.role) : undefined;
  if (!part) throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: `task ${taskId} names step ${stepId}${task.role ? ` (part ${task.role})` : ''}, which has no task in ${definition.id}@${definition.version}` });
  return { stepId, title: part.title, form: part.form };
}
