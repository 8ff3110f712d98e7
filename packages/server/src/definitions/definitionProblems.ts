import { validateDefinition } from '@civicflow/engine';
import type { DefinitionProblem } from '@civicflow/engine';
import { FormSchemaError, checkAuthoredSchema, createConfiguredAjv } from '@civicflow/forms';

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The forms' own Ajv, for checking schemas against the JSON Schema meta-schema (made once: it keeps nothing per schema). */
let metaSchemaAjv: ReturnType<typeof createConfiguredAjv> | undefined;

/**
 * Whether a (safe) form schema is valid JSON Schema as the runtime's compiler reads it: without
 * this, a schema the runtime cannot compile (`multipleOf: 0`, `maximum: null`, `type: "nonsense"`)
 * was published and failed only when someone submitted the form. The meta-schema check, not a
 * full compile: publishing and validating stay fast (a full compile of the example forms takes
 * seconds on a loaded machine).
 */
function metaSchemaProblem(schema: object): FormSchemaError | undefined {
  metaSchemaAjv ??= createConfiguredAjv();
  try {
    if (metaSchemaAjv.validateSchema(schema) === true) return undefined;
    return new FormSchemaError([metaSchemaAjv.errorsText(metaSchemaAjv.errors, { dataVar: 'schema' })]);
  } catch (error) {
    // e.g. a $schema naming a meta-schema Ajv does not know.
    return new FormSchemaError([(error as Error).message], { cause: error });
  }
}

/**
 * Every problem of a definition at once: the engine's checks (shape, graph, expressions,
 * deadlines, statutes) and, for each form, the safety checks for authored schemas and then the
 * JSON Schema meta-schema, with JSON pointers into the whole definition. Used by validate and by publish, so both say the same.
 */
export function definitionProblems(def: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = validateDefinition(def).map((p) => ({ ...p }));
  const forms = def && typeof def === 'object' && (def as Record<string, unknown>)['forms'];
  if (!forms || typeof forms !== 'object' || Array.isArray(forms)) return problems;
  for (const [formId, form] of Object.entries(forms as Record<string, { schema?: unknown } | null>)) {
    const pointer = `/forms/${escapePointer(formId)}/schema`;
    const safety = checkAuthoredSchema(form?.schema);
    for (const p of safety) {
      problems.push({ pointer: `${pointer}${p.pointer}`, code: p.code, severity: 'error', message: p.message, hint: p.message });
    }
    if (safety.length > 0 || !form?.schema || typeof form.schema !== 'object') continue;
    const invalid = metaSchemaProblem(form.schema);
    if (invalid) problems.push({ pointer, code: invalid.code, severity: 'error', message: invalid.localized, hint: invalid.localized });
  }
  return problems;
}
