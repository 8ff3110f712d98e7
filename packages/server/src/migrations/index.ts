import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './sqlite/Migration20261122000000_initial.js';
import { Migration20261122010000_auth } from './sqlite/Migration20261122010000_auth.js';

/** The database kinds the server runs on. */
export type Dialect = 'sqlite' | 'postgresql';

/**
 * The migrations of each dialect, oldest first. DDL differs between SQLite and PostgreSQL, so
 * each dialect has its own list (listed here rather than globbed from disk, so the same code
 * runs from src/ under vitest/tsx and from dist/). The schema changes only through these.
 * PostgreSQL has none yet: its initial migration is generated once a PostgreSQL test database
 * exists (issue 4, multi-node).
 */
export const MIGRATIONS: Record<Dialect, MigrationObject[]> = {
  sqlite: [
    { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
    { name: 'Migration20261122010000_auth', class: Migration20261122010000_auth },
  ],
  postgresql: [],
};
