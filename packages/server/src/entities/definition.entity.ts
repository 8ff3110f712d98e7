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
    /** The document with its keys sorted (canonical JSON): what `sha256` is computed over. */
    document: p.json<ProcessDefinition>(),
    /**
     * The document's text as authored. Key order means something to people (a form's fields show
     * in the order of its `properties`), and a JSON column does not keep it everywhere (jsonb sorts
     * keys); null on rows published before it existed.
     */
    authoredJson: p.text().nullable(),
    published: p.boolean(),
    sha256: p.string().length(64),
    createdAt: p.datetime(),
  },
});

/** A row of `process_definition`. */
export type DefinitionRow = InferEntity<typeof DefinitionEntity>;
