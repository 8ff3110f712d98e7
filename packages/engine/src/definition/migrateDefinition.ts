import { CivicflowError } from '../errors.js';
import { CURRENT_SCHEMA_VERSION } from './types.js';
import type { ProcessDefinition } from './types.js';

/** A migration upgrades a document from `schemaVersion` n to n + 1. */
export type DefinitionMigration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Registered format migrations, keyed by the version they upgrade from. Version 1 is the first
 * published format, so the list is empty; each future bump adds one entry here and never edits
 * an old one, so that any stored document can be walked up to the current format.
 */
export const DEFINITION_MIGRATIONS: Readonly<Record<number, DefinitionMigration>> = {};

/**
 * Upgrades a stored definition document to the current `schemaVersion`, one step at a time.
 * A document newer than this engine is refused with a message that says to upgrade the engine.
 */
export function migrateDefinition(doc: Record<string, unknown>, migrations: Readonly<Record<number, DefinitionMigration>> = DEFINITION_MIGRATIONS, target = CURRENT_SCHEMA_VERSION): ProcessDefinition {
  let current = doc;
  let v = current['schemaVersion'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `schemaVersion ${JSON.stringify(v)} is not an integer version` });
  }
  if (v > target) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `schemaVersion ${v} is newer than this engine (${target}); upgrade @civicflow/engine` });
  while (v < target) {
    const m = migrations[v];
    if (!m) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `no migration from schemaVersion ${v} to ${v + 1}` });
    current = { ...m(current), schemaVersion: v + 1 };
    v += 1;
  }
  return current as unknown as ProcessDefinition;
}
