import type { RJSFSchema } from '@rjsf/utils';
import { ROOT_SCHEMA_PREFIX, withIdRefPrefix } from '@rjsf/utils';
import type Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createConfiguredAjv } from '../index.js';
import type { CivicflowFormValidator, PrecompiledFormValidator } from '../index.js';

/** Answers rjsf's `isValid`: does `data` match this fragment of the form schema? */
export type FragmentMatcher = (schema: RJSFSchema, data: unknown, rootSchema: RJSFSchema) => boolean;

/**
 * Matches rjsf's `if` conditions and `oneOf` options while rendering. These are fragments of the
 * form schema that strict mode would refuse on their own (no `type`), so they compile in a lenient
 * Ajv used for nothing else; the strict validator still decides what is submitted. The Ajv is
 * built at the first question: a form without conditions or options never needs it.
 */
function createAjvFragmentMatcher(): FragmentMatcher {
  let ajv: Ajv2020 | undefined;
  const cache = new Map<string, ValidateFunction>();
  return (schema, data, rootSchema) => {
    if (typeof schema === 'boolean') return schema;
    ajv ??= createConfiguredAjv({ lenient: true });
    const text = JSON.stringify(schema);
    const usesRef = text.includes('"$ref"');
    // A `$ref` points into the root schema, which rjsf resolves under its own prefix.
    const key = usesRef ? `${JSON.stringify(rootSchema)}\u0000${text}` : text;
    try {
      let fn = cache.get(key);
      if (!fn) {
        if (usesRef) {
          ajv.removeSchema(ROOT_SCHEMA_PREFIX);
          ajv.addSchema(rootSchema, ROOT_SCHEMA_PREFIX);
        }
        fn = ajv.compile(usesRef ? withIdRefPrefix(schema) : schema);
        if (cache.size > 500) cache.clear();
        cache.set(key, fn);
      }
      return fn(data) === true;
    } catch {
      return false;
    }
  };
}

/**
 * The precompiled module's answers (no Ajv, no eval). A fragment the module has no matcher for —
 * rjsf built one its generator did not foresee — counts as not matching, as a fragment Ajv cannot
 * compile does with the Ajv matcher: rjsf then shows the `else` branch or the first option. That
 * changes only what is shown: `prepare` and `validate` use the module's own complete matchers, so
 * the data accepted stays the server's. Each such fragment is reported once on the console.
 */
function createPrecompiledFragmentMatcher(core: PrecompiledFormValidator): FragmentMatcher {
  const reported = new Set<string>();
  return (schema, data) => {
    const answer = core.matchFragment(schema, data);
    if (answer !== undefined) return answer;
    const text = JSON.stringify(schema);
    if (!reported.has(text)) {
      reported.add(text);
      console.warn(`civicflow <TaskForm>: the precompiled validator has no matcher for this schema fragment, which is taken as not matching: ${text.slice(0, 500)}`);
    }
    return false;
  };
}

/** True when `core` is made by `createPrecompiledFormValidator`, whose module answers rjsf's questions. */
export function isPrecompiledValidator(core: CivicflowFormValidator): core is PrecompiledFormValidator {
  return typeof (core as Partial<PrecompiledFormValidator>).matchFragment === 'function';
}

/** The matcher for rjsf's `isValid`: the module's with a precompiled core validator, else a lenient Ajv. */
export function fragmentMatcherFor(core: CivicflowFormValidator): FragmentMatcher {
  return isPrecompiledValidator(core) ? createPrecompiledFragmentMatcher(core) : createAjvFragmentMatcher();
}
