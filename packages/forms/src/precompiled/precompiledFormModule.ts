import type { ErrorObject } from 'ajv/dist/2020.js';
import { appendPointer } from '../jsonPointer.js';
import { isSchemaNode, walkSchema } from '../schemaWalk.js';

/**
 * The shape of the generated modules. It changes when the module's exports change, and
 * `createPrecompiledFormValidator` refuses a module of another shape (say, one a browser cached
 * from an older server). 2 added `matchesFragment` (rjsf's questions while rendering).
 */
export const PRECOMPILED_FORM_MODULE_FORMAT = 'civicflow-form-validator/2';

/**
 * The exports of a module made by `compileFormValidatorModule` (`import * as m from '…/validator.js'`):
 * one form's validators as plain functions, with no imports and no eval.
 */
export interface PrecompiledFormModule {
  /** {@link PRECOMPILED_FORM_MODULE_FORMAT} of the generator that wrote the module. */
  readonly format: string;
  /** The form schema the module was compiled from (messages and `prepare` read it). */
  readonly schema: object;
  /**
   * The strict validator (the options of `createFormValidator`): `null` when `data` is valid,
   * else Ajv's errors (verbose: with `schema`, `parentSchema` and `data`). `today` is the reference
   * date of the ID number's "birth date not in the future" check; without it there is none.
   */
  validate(data: unknown, options?: { today?: string | undefined }): readonly ErrorObject[] | null;
  /**
   * The lenient matcher of the `if` condition at `pointer` (a JSON pointer into `schema` ending
   * in `/if`), as `prepare` uses it to hide conditional fields. Throws for a pointer the module
   * has no condition for.
   */
  matchesCondition(pointer: string, value: unknown): boolean;
  /**
   * The lenient matcher of a schema fragment rjsf asks its validator's `isValid` about while it
   * renders the form (an `if` condition, a `oneOf`/`anyOf` option as rjsf probes it …), by the
   * fragment's canonical JSON (`canonicalJson`: keys sorted at every level): whether `value`
   * matches it, or `undefined` for a fragment the module has no matcher for. The answers are
   * those of `createRjsfValidator`'s Ajv matcher.
   */
  matchesFragment(key: string, value: unknown): boolean | undefined;
}

/** An `if` subschema of a form and where it is. */
export interface FormCondition {
  /** JSON pointer of the `if` inside the form schema (`/allOf/0/if`). */
  pointer: string;
  schema: object;
}

/**
 * Every object `if` of the schema, reached through all applicators (a superset of those
 * `pruneHiddenFields` evaluates), with its pointer. The generator compiles one matcher per entry
 * and the browser-side factory finds them again by walking the module's schema the same way.
 */
export function formConditions(schema: unknown): FormCondition[] {
  const out: FormCondition[] = [];
  walkSchema(schema, (node, pointer) => {
    const condition = node['if'];
    if (isSchemaNode(condition)) out.push({ pointer: appendPointer(pointer, 'if'), schema: condition });
  });
  return out;
}
