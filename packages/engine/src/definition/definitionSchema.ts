import schema from './definition.schema.json' with { type: 'json' };

/**
 * The JSON Schema (draft 2020-12) of definition format v1, `$id`
 * `https://civicflow.dev/schemas/definition-v1.json`. It checks the shape of a document (members,
 * types, step kinds, id formats, deadlines) so editors and the studio can validate and offer help
 * while typing; `validateDefinition` also checks the graph, roles, forms, expressions and statutes.
 * The same document is published as `@civicflow/engine/definition.schema.json`.
 *
 * @example
 * import Ajv2020 from 'ajv/dist/2020.js';
 * const check = new Ajv2020({ strict: true }).compile(DEFINITION_JSON_SCHEMA);
 * check(doc); // false for { schemaVersion: 2, … }
 */
export const DEFINITION_JSON_SCHEMA: Readonly<Record<string, unknown>> = schema;
