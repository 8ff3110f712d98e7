import { validateDefinition } from '@civicflow/engine';
import type { DefinitionProblem, ProcessDefinition } from '@civicflow/engine';
import { checkAuthoredSchema } from '@civicflow/forms';
import { toPointer } from './draftStructure.js';

/**
 * Every problem of the draft, as publishing will find them: the engine's `validateDefinition` and,
 * for each form, the safety checks for authored schemas (what the server's validate and publish
 * run, so that the composer shows before publishing what would be refused).
 */
export function draftProblems(draft: ProcessDefinition): DefinitionProblem[] {
  const problems = validateDefinition(draft);
  for (const [formId, form] of Object.entries(draft.forms ?? {})) {
    for (const p of checkAuthoredSchema(form?.schema)) {
      problems.push({ pointer: `${toPointer(['forms', formId, 'schema'])}${p.pointer}`, code: p.code, severity: 'error', message: p.message, hint: p.message });
    }
  }
  return problems;
}
