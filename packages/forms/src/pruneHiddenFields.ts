/**
 * Conditional fields: a field declared only in the branch of an `if`/`then`/`else` (or a
 * `dependentSchemas` entry) that does not apply is hidden, and a hidden field's value is removed
 * before validation and storage — the most common complaint of rjsf users (rjsf#816, #2955,
 * #4089): hidden answers that are still submitted, or still required.
 *
 * The same function runs in the browser (before submit) and on the server (before validation),
 * so both accept exactly the same data.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Decides whether `value` satisfies a subschema (an `if`); supplied by the validator. */
export type SchemaMatcher = (subschema: unknown, value: unknown) => boolean;

interface ActiveShape {
  properties: Map<string, unknown[]>;
  /** Keys declared only in branches that do not apply. */
  hidden: Set<string>;
  items: unknown[];
}

/** Collects the property schemas that apply to `value`, following allOf, if/then/else and dependentSchemas. */
function activeShape(schema: unknown, value: unknown, matches: SchemaMatcher, root: Json): ActiveShape {
  const shape: ActiveShape = { properties: new Map(), hidden: new Set(), items: [] };
  const declaredInactive = new Set<string>();
  const visit = (s: unknown, active: boolean, depth: number): void => {
    if (!isObject(s) || depth > 32) return;
    const resolved = typeof s['$ref'] === 'string' && s['$ref'].startsWith('#') ? resolveRef(root, s['$ref']) : undefined;
    if (resolved) visit(resolved, active, depth + 1);
    if (isObject(s['properties'])) {
      for (const [k, sub] of Object.entries(s['properties'])) {
        if (active) shape.properties.set(k, [...(shape.properties.get(k) ?? []), sub]);
        else declaredInactive.add(k);
      }
    }
    if (active && s['items'] !== undefined) shape.items.push(s['items']);
    if (Array.isArray(s['allOf'])) for (const part of s['allOf']) visit(part, active, depth + 1);
    if (s['if'] !== undefined && (s['then'] !== undefined || s['else'] !== undefined)) {
      const holds = active && matches(s['if'], value);
      visit(s['then'], active && holds, depth + 1);
      visit(s['else'], active && !holds, depth + 1);
    }
    if (isObject(s['dependentSchemas'])) {
      for (const [k, sub] of Object.entries(s['dependentSchemas'])) visit(sub, active && isObject(value) && k in value, depth + 1);
    }
  };
  visit(schema, true, 0);
  for (const k of declaredInactive) if (!shape.properties.has(k)) shape.hidden.add(k);
  return shape;
}

function resolveRef(root: Json, ref: string): unknown {
  if (ref === '#') return root;
  let cur: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function pruneOnce(schemas: unknown[], value: unknown, matches: SchemaMatcher, root: Json): unknown {
  if (Array.isArray(value)) {
    const items = schemas.flatMap((s) => activeShape(s, value, matches, root).items);
    return items.length ? value.map((v) => pruneOnce(items, v, matches, root)) : value;
  }
  if (!isObject(value)) return value;
  const shapes = schemas.map((s) => activeShape(s, value, matches, root));
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const declared = shapes.flatMap((sh) => sh.properties.get(k) ?? []);
    const hidden = shapes.some((sh) => sh.hidden.has(k)) && declared.length === 0;
    if (hidden) continue;
    out[k] = declared.length ? pruneOnce(declared, v, matches, root) : v;
  }
  return out;
}

/**
 * Returns `data` without the values of hidden fields, recursively (groups and repeatable lists
 * included). Conditions are evaluated again on the pruned data until nothing changes, so a field
 * that depends on a field that just became hidden is hidden too. Undeclared keys are kept, so
 * the validator can name them; `data` is never mutated.
 */
export function pruneHiddenFields(schema: object, data: unknown, matches: SchemaMatcher): unknown {
  let current = data;
  for (let i = 0; i < 10; i++) {
    const next = pruneOnce([schema], current, matches, schema as Json);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}
