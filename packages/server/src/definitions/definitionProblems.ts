import { validateDefinition } from '@civicflow/engine';
import type { DefinitionProblem } from '@civicflow/engine';
import { checkAuthoredSchema } from '@civicflow/forms';

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every problem of a definition at once: the engine's checks (shape, graph, expressions,
 * deadlines, statutes) and, for each form, the safety checks for authored schemas, with JSON
 * pointers into the whole definition. Used by validate and by publish, so both say the same.
 */
export function definitionProblems(def: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = validateDefinition(def).map((p) => ({ ...p }));
  const forms = def && typeof def === 'object' && (def as Record<string, unknown>)['forms'];
  if (!forms || typeof forms !== 'object' || Array.isArray(forms)) return problems;
  for (const [formId, form] of Object.entries(forms as Record<string, { schema?: unknown } | null>)) {
    for (const p of checkAuthoredSchema(form?.schema)) {
      problems.push({ pointer: `/forms/${escapePointer(formId)}/schema${p.pointer}`, code: p.code, severity: 'error', message: p.message, hint: p.message });
    }
  }
  return problems;
}
