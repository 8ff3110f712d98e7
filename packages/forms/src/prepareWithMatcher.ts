import { normalizeCnIdCard } from './formats/cnIdCard.js';
import { pruneHiddenFields } from './pruneHiddenFields.js';
import type { SchemaMatcher } from './pruneHiddenFields.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

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

/** What preparing data for a schema involves: conditional fields to prune, ID numbers to normalise. */
interface SchemaNeeds {
  prune: boolean;
  normalize: boolean;
}

const needsBySchema = new WeakMap<object, SchemaNeeds>();

/**
 * Whether a schema has conditional fields (`if`, `dependentSchemas`) or ID-number fields anywhere,
 * found once per schema object (schemas are not edited once in use). A `$ref` counts as both: what
 * it points to is not followed here.
 */
function needsOf(schema: object): SchemaNeeds {
  let needs = needsBySchema.get(schema);
  if (needs) return needs;
  needs = { prune: false, normalize: false };
  const found = needs;
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > 64) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const o = node as Json;
    if ('if' in o || 'dependentSchemas' in o || '$ref' in o) found.prune = true;
    if (o['format'] === 'cn-id-card' || '$ref' in o) found.normalize = true;
    for (const v of Object.values(o)) walk(v, depth + 1);
  };
  walk(schema, 0);
  needsBySchema.set(schema, needs);
  return needs;
}

/**
 * The preparation step of every civicflow validator: removes the values of hidden conditional
 * fields (conditions decided by `matches`) and normalises values (ID numbers with a lowercase x).
 * Ajv-free, so that the runtime validator (an Ajv matcher) and the precompiled one (matchers
 * generated ahead of time) share it and prepare data identically. A schema with neither kind of
 * field leaves the data as it is (a shallow copy of an object, as preparing always gave).
 */
export function prepareFormDataWith(schema: object, data: unknown, matches: SchemaMatcher): unknown {
  const needs = needsOf(schema);
  const pruned = needs.prune ? pruneHiddenFields(schema, data, matches) : data;
  if (needs.normalize) return normalizeIdCards(schema, pruned);
  return pruned === data && isObject(data) ? { ...data } : pruned;
}
