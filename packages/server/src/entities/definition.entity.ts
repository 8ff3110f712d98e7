import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { ProcessDefinition } from '@civicflow/engine';

/**
 * A stored process definition, one row per (id, version). Instances pin the version they
 * started on, so a row is never changed once published; `sha256` (of the canonical JSON) lets
 * the server refuse a re-publication of the same version with different content.
 */
export const DefinitionEntity = defineEntity({
  name: 'Definition',
  tableName: 'process_definition',
  properties: {
    id: p.string().primary(),
    version: p.integer().primary(),
    document: p.json<ProcessDefinition>(),
    published: p.boolean(),
    sha256: p.string().length(64),
    createdAt: p.datetime(),
  },
});

/** A row of `process_definition`. */
export type DefinitionRow = InferEntity<typeof DefinitionEntity>;
