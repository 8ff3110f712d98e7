import type { ValidateFunction } from 'ajv';
import { createConfiguredAjv } from './createAjv.js';
import { normalizeCnIdCard } from './formats/index.js';
import { pruneHiddenFields } from './pruneHiddenFields.js';
import type { SchemaMatcher } from './pruneHiddenFields.js';

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

/** Uppercases the check character `x` of every `cn-id-card` value, wherever the schema declares one. */
function normalizeIdCards(schema: unknown, value: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 32) return value;
  if (typeof value === 'string') return schema['format'] === 'cn-id-card' ? normalizeCnIdCard(value) : value;
  const parts = [schema, ...(Array.isArray(schema['allOf']) ? schema['allOf'] : []), schema['then'], schema['else']].filter(isObject);
  for (const part of Array.isArray(schema['allOf']) ? schema['allOf'] : []) if (isObject(part)) parts.push(...[part['then'], part['else']].filter(isObject));
  if (Array.isArray(value)) {
    const items = parts.map((p) => p['items']).find(isObject);
    return items ? value.map((v) => normalizeIdCards(items, v, depth + 1)) : value;
  }
  if (!isObject(value)) return value;
  const out: Json = { ...value };
  for (const [k, v] of Object.entries(value)) {
    const sub = parts.map((p) => (isObject(p['properties']) ? p['properties'][k] : undefined)).find(isObject);
    if (sub) out[k] = normalizeIdCards(sub, v, depth + 1);
  }
  return out;
}

/**
 * Prepares submitted form data the same way in the browser and on the server: removes the values
 * of hidden conditional fields and normalises values (ID numbers with a lowercase x).
 */
export function createFormDataPreparer(): (schema: object, data: unknown) => unknown {
  const matches = createConditionMatcher();
  return (schema, data) => normalizeIdCards(schema, pruneHiddenFields(schema, data, matches));
}
