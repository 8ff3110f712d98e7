import { raw } from '@mikro-orm/core';

/**
 * Rows whose org unit is `scope` or lies below it (the engine's `isWithin`), in SQL: the column
 * equals the unit or starts with `unit/`. substr, not LIKE (`_` is a legal code character) and not
 * a range (collations order '/' differently).
 *
 * @param quote the platform's identifier quoting (`em.getPlatform().quoteIdentifier`)
 */
export function withinUnit(scope: string, quote: (id: string) => string, property = 'orgUnit', column = 'org_unit'): Record<string, unknown> {
  const prefix = `${scope}/`;
  const below = (alias: string) => `substr(${alias}.${quote(column)}, 1, ${[...prefix].length})`;
  return { $or: [{ [property]: scope }, { [raw(below)]: prefix }] };
}
