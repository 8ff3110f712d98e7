import type { LocalizedText } from '@civicflow/engine';
import { groupOf } from './diffDefinitions.js';
import type { ChangeGroup, DefinitionChange } from './diffDefinitions.js';

/** The order the groups are shown in. */
export const CHANGE_GROUPS: readonly ChangeGroup[] = ['definition', 'roles', 'forms', 'config', 'steps', 'routes'];

/** The changes about one thing: a form (its fields), a step (its properties, branches or rungs), or nothing in particular. */
export interface ChangeSubject {
  /** The form or step id; empty for changes listed on their own (roles, parameters, routes). */
  id: string;
  title: LocalizedText | undefined;
  changes: DefinitionChange[];
}

/** One group of changes (表单, 步骤…) with its subjects. */
export interface ChangeSection {
  group: ChangeGroup;
  count: number;
  subjects: ChangeSubject[];
}

/** What a change is about, for the forms and steps groups. */
function subjectOf(change: DefinitionChange): { id: string; title: LocalizedText | undefined } {
  switch (change.kind) {
    case 'form.added':
    case 'form.removed':
    case 'form.changed':
      return { id: change.formId, title: change.title };
    case 'field.added':
    case 'field.removed':
    case 'field.changed':
      return { id: change.formId, title: change.formTitle };
    case 'step.added':
    case 'step.removed':
    case 'step.changed':
    case 'step.moved':
      return { id: change.stepId, title: change.title };
    case 'region.added':
    case 'region.removed':
    case 'region.changed':
      return { id: change.stepId, title: change.stepTitle };
    default:
      return { id: '', title: undefined };
  }
}

/**
 * The changes by group in reading order (process, roles, forms, configuration, steps, routes),
 * leaving out empty groups; within forms and steps, the changes of one form or step together, in
 * the order they first appear.
 */
export function groupChanges(changes: readonly DefinitionChange[]): ChangeSection[] {
  return CHANGE_GROUPS.map((group) => {
    const inGroup = changes.filter((c) => groupOf(c) === group);
    const subjects = new Map<string, ChangeSubject>();
    for (const change of inGroup) {
      const { id, title } = subjectOf(change);
      const subject = subjects.get(id) ?? { id, title, changes: [] };
      subject.changes.push(change);
      subjects.set(id, subject);
    }
    return { group, count: inGroup.length, subjects: [...subjects.values()] };
  }).filter((section) => section.count > 0);
}
