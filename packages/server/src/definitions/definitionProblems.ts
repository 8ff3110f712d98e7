import { validateDefinition } from '@civicflow/engine';
import type { DefinitionProblem } from '@civicflow/engine';
import { FormSchemaError, checkAuthoredSchema, createFormValidator } from '@civicflow/forms';

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every problem of a definition at once: the engine's checks (shape, graph, expressions,
 * deadlines, statutes) and, for each form, the safety checks for authored schemas and then its
 * compilation, with JSON pointers into the whole definition. Used by validate and by publish, so both say the same.
 */
export function definitionProblems(def: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = validateDefinition(def).map((p) => ({ ...p }));
  const forms = def && typeof def === 'object' && (def as Record<string, unknown>)['forms'];
  if (!forms || typeof forms !== 'object' || Array.isArray(forms)) return problems;
  // One compiler per call: a definition's forms are compiled once here, and nothing is cached between definitions.
  let compiler: ReturnType<typeof createFormValidator> | undefined;
  for (const [formId, form] of Object.entries(forms as Record<string, { schema?: unknown } | null>)) {
    const pointer = `/forms/${escapePointer(formId)}/schema`;
    const safety = checkAuthoredSchema(form?.schema);
    for (const p of safety) {
      problems.push({ pointer: `${pointer}${p.pointer}`, code: p.code, severity: 'error', message: p.message, hint: p.message });
    }
    // A safe schema is compiled as the runtime will compile it, so that a schema the runtime
    // would refuse (`multipleOf: 0`, `maximum: null`, an unknown keyword …) is refused now, at
    // publish time, rather than when someone submits the form.
    if (safety.length > 0 || !form?.schema || typeof form.schema !== 'object') continue;
    compiler ??= createFormValidator();
    try {
      compiler.validate(form.schema, {});
    } catch (error) {
      if (!(error instanceof FormSchemaError)) throw error;
      problems.push({ pointer, code: error.code, severity: 'error', message: error.localized, hint: error.localized });
    }
  }
  return problems;
}
