type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object schema and its `allOf` / `then` / `else` parts, whose `properties` and `required` all apply. */
function parts(schema: Json): Json[] {
  const out: Json[] = [schema];
  for (const p of Array.isArray(schema['allOf']) ? schema['allOf'] : []) if (isObject(p)) out.push(p, ...[p['then'], p['else']].filter(isObject));
  for (const k of ['then', 'else'] as const) if (isObject(schema[k])) out.push(schema[k]);
  return out;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

function clean(schema: unknown, value: unknown, depth: number): unknown {
  if (!isObject(schema) || depth > 32) return value;
  if (Array.isArray(value)) {
    const items = parts(schema).map((p) => p['items']).find(isObject);
    return items ? value.map((v) => clean(items, v, depth + 1) ?? {}) : value;
  }
  if (!isObject(value)) return value;
  const ps = parts(schema);
  // Required whatever the conditions say: the schema's own list and its allOf parts' lists. A
  // group required only by a `then`/`else` branch (a unit's legal representative, for a party of
  // the other kind) is dropped when blank: if that branch applies, the validator names the missing
  // group itself instead of every field inside an empty one.
  const always = [schema, ...(Array.isArray(schema['allOf']) ? schema['allOf'].filter(isObject) : [])];
  const required = new Set(always.flatMap((p) => (Array.isArray(p['required']) ? p['required'] : [])));
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = ps.map((p) => (isObject(p['properties']) ? p['properties'][key] : undefined)).find(isObject);
    const next = sub && (isObject(v) || Array.isArray(v)) ? clean(sub, v, depth + 1) : v;
    // An optional group or list nobody filled in is left out, rather than sent as {} or [] and
    // then failing on its own required fields; required ones stay so their errors are shown.
    if (!required.has(key) && (isObject(next) || Array.isArray(next)) && isBlank(next)) continue;
    if (next === undefined) continue;
    out[key] = next;
  }
  return out;
}

/**
 * Removes optional objects and lists that hold nothing (rjsf creates `{}` for a group as soon as
 * one of its fields is touched and cleared), so that an optional group nobody filled in is not
 * submitted — and does not block the submit with its own required fields (the problem rjsf's
 * deprecated `removeOptionalEmptyObjects` addressed). Required groups and lists are kept.
 * `undefined` values go too.
 */
export function dropEmptyOptional(schema: unknown, data: unknown): unknown {
  return clean(schema, data, 0);
}
