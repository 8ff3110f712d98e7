import { appendPointer } from './jsonPointer.js';

/** A JSON Schema object (boolean schemas are not objects). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** True for a non-array object. */
export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCHEMA_KEYWORDS = [
  'items', 'additionalItems', 'contains', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
] as const;
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;

/**
 * Calls `visit` for every schema object reachable through the JSON Schema 2020-12 applicators
 * (not through `enum`, `const`, `default`, `examples` or annotation values), with its pointer
 * inside the root schema.
 */
export function walkSchema(schema: unknown, visit: (node: SchemaNode, pointer: string) => void, pointer = ''): void {
  if (!isSchemaNode(schema)) return;
  visit(schema, pointer);
  for (const k of SCHEMA_KEYWORDS) walkSchema(schema[k], visit, appendPointer(pointer, k));
  for (const k of SCHEMA_ARRAY_KEYWORDS) {
    const list = schema[k];
    if (Array.isArray(list)) list.forEach((s, i) => walkSchema(s, visit, appendPointer(appendPointer(pointer, k), String(i))));
  }
  for (const k of SCHEMA_MAP_KEYWORDS) {
    const map = schema[k];
    if (isSchemaNode(map)) {
      for (const [name, s] of Object.entries(map)) walkSchema(s, visit, appendPointer(appendPointer(pointer, k), name));
    }
  }
}
