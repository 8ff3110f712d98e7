import { evaluate } from '@civicflow/engine';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How often computed values are recomputed in one go, so that one may use another. */
const MAX_PASSES = 4;

function subschemas(schema: Json): Json[] {
  const parts: Json[] = [schema];
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const p of list) if (isObject(p)) parts.push(p, ...[p['then'], p['else']].filter(isObject));
  }
  for (const key of ['then', 'else'] as const) if (isObject(schema[key])) parts.push(schema[key]);
  return parts;
}

/** True when the schema has a computed field (`x-cf-compute`) anywhere. */
export function hasComputedFields(schema: unknown): boolean {
  return JSON.stringify(schema ?? null).includes('"x-cf-compute"');
}

function computeOnce(schema: unknown, value: unknown, root: unknown, depth: number): unknown {
  if (!isObject(schema) || depth > 32) return value;
  const expression = schema['x-cf-compute'];
  if (typeof expression === 'string') {
    try {
      const result = evaluate(expression, { form: root });
      return result === null ? undefined : result;
    } catch {
      // An expression that cannot be evaluated yet (a field it uses is still empty) has no value.
      return undefined;
    }
  }
  if (Array.isArray(value)) {
    const items = subschemas(schema).map((p) => p['items']).find(isObject);
    return items ? value.map((v) => computeOnce(items, v, root, depth + 1)) : value;
  }
  if (!isObject(value) && value !== undefined) return value;
  const out: Json = { ...(value ?? {}) };
  let touched = false;
  for (const part of subschemas(schema)) {
    const props = part['properties'];
    if (!isObject(props)) continue;
    for (const [key, sub] of Object.entries(props)) {
      if (!isObject(sub)) continue;
      const isComputed = typeof sub['x-cf-compute'] === 'string';
      // Only recurse where there is data, except for computed leaves, which fill themselves in.
      if (!isComputed && out[key] === undefined) continue;
      const next = computeOnce(sub, out[key], root, depth + 1);
      if (next === undefined) {
        if (key in out) {
          delete out[key];
          touched = true;
        }
      } else if (next !== out[key]) {
        out[key] = next;
        touched = true;
      }
    }
  }
  return touched || value !== undefined ? out : value;
}

/**
 * Fills in every computed field (`readOnly` + `x-cf-compute`) by evaluating its expression with
 * the engine's expression language over the whole form as `form`. Repeats a few times so that a
 * computed value may use another. A field whose expression fails (e.g. a value it needs is still
 * empty) is left out. Returns `data` itself when the schema has no computed fields.
 */
export function computeValues(schema: unknown, data: unknown): unknown {
  if (!hasComputedFields(schema)) return data;
  let current = data;
  for (let i = 0; i < MAX_PASSES; i++) {
    const next = computeOnce(schema, current, current, 0);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}
