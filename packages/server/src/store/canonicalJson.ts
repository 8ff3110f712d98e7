/**
 * JSON with object keys sorted at every level and no whitespace, so the same value always gives
 * the same text (and hash) whatever the key order it was built or stored with — PostgreSQL's
 * jsonb, for one, does not keep key order. Values JSON cannot hold are dropped as
 * `JSON.stringify` drops them (undefined members, functions); the input must be JSON-like.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
