import type { ValidateFunction } from 'ajv';
import { createConfiguredAjv } from './createAjv.js';
import type { SchemaMatcher } from './pruneHiddenFields.js';
import { prepareFormDataWith } from './prepareWithMatcher.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A matcher for `if` conditions. Conditions are fragments of an already-validated form schema
 * (e.g. `{ properties: { kind: { const: 'X' } }, required: ['kind'] }`) that strict mode would
 * refuse on their own for lacking `type`, so they compile in a lenient instance used for nothing
 * else.
 */
function createConditionMatcher(): SchemaMatcher {
  const ajv = createConfiguredAjv({ lenient: true });
  const cache = new WeakMap<object, ValidateFunction>();
  return (subschema, value) => {
    if (typeof subschema === 'boolean') return subschema;
    if (!isObject(subschema)) return false;
    let fn = cache.get(subschema);
    if (!fn) {
      fn = ajv.compile(subschema);
      cache.set(subschema, fn);
    }
    return fn(value) === true;
  };
}

/**
 * Prepares submitted form data the same way in the browser and on the server: removes the values
 * of hidden conditional fields and normalises values (ID numbers with a lowercase x).
 */
export function createFormDataPreparer(): (schema: object, data: unknown) => unknown {
  const matches = createConditionMatcher();
  return (schema, data) => prepareFormDataWith(schema, data, matches);
}
