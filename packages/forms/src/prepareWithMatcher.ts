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

/**
 * The preparation step of every civicflow validator: removes the values of hidden conditional
 * fields (conditions decided by `matches`) and normalises values (ID numbers with a lowercase x).
 * Ajv-free, so that the runtime validator (an Ajv matcher) and the precompiled one (matchers
 * generated ahead of time) share it and prepare data identically.
 */
export function prepareFormDataWith(schema: object, data: unknown, matches: SchemaMatcher): unknown {
  return normalizeIdCards(schema, pruneHiddenFields(schema, data, matches));
}
