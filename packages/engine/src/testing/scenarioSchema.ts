import schema from './scenario.schema.json' with { type: 'json' };

/**
 * The JSON Schema (draft 2020-12) of scenario files, format version 1, `$id`
 * `https://civicflow.dev/schemas/scenario-v1.json`: for editors and for checking files with a
 * validator library. `validateScenario` checks the same shape (and that every `as` names an actor)
 * without one. Published as `@civicflow/engine/scenario.schema.json`.
 */
export const SCENARIO_JSON_SCHEMA: Readonly<Record<string, unknown>> = schema;
