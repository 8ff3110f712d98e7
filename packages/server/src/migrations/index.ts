import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_initial } from './sqlite/Migration20261122000000_initial.js';
import { Migration20261122010000_auth } from './sqlite/Migration20261122010000_auth.js';
import { Migration20261122000000_initial as PgMigration20261122000000_initial } from './postgresql/Migration20261122000000_initial.js';
import { Migration20261122010000_auth as PgMigration20261122010000_auth } from './postgresql/Migration20261122010000_auth.js';
import { Migration20261122030000_caseList } from './sqlite/Migration20261122030000_caseList.js';
import { Migration20261122030000_caseList as PgMigration20261122030000_caseList } from './postgresql/Migration20261122030000_caseList.js';
import { Migration20261122040000_attachments } from './sqlite/Migration20261122040000_attachments.js';
import { Migration20261122040000_attachments as PgMigration20261122040000_attachments } from './postgresql/Migration20261122040000_attachments.js';
import { Migration20261122050000_piiAccess } from './sqlite/Migration20261122050000_piiAccess.js';
import { Migration20261122050000_piiAccess as PgMigration20261122050000_piiAccess } from './postgresql/Migration20261122050000_piiAccess.js';
import { Migration20261122060000_effects } from './sqlite/Migration20261122060000_effects.js';
import { Migration20261122060000_effects as PgMigration20261122060000_effects } from './postgresql/Migration20261122060000_effects.js';
import { Migration20261123000000_monitor } from './sqlite/Migration20261123000000_monitor.js';
import { Migration20261123000000_monitor as PgMigration20261123000000_monitor } from './postgresql/Migration20261123000000_monitor.js';
import { Migration20261207000000_authoredDefinition } from './sqlite/Migration20261207000000_authoredDefinition.js';
import { Migration20261207000000_authoredDefinition as PgMigration20261207000000_authoredDefinition } from './postgresql/Migration20261207000000_authoredDefinition.js';
import { Migration20261207010000_inboxOrder } from './sqlite/Migration20261207010000_inboxOrder.js';
import { Migration20261207010000_inboxOrder as PgMigration20261207010000_inboxOrder } from './postgresql/Migration20261207010000_inboxOrder.js';
import { Migration20261207050000_openTaskForm } from './sqlite/Migration20261207050000_openTaskForm.js';
import { Migration20261207050000_openTaskForm as PgMigration20261207050000_openTaskForm } from './postgresql/Migration20261207050000_openTaskForm.js';
import { Migration20261208000000_writeAmplification } from './sqlite/Migration20261208000000_writeAmplification.js';
import { Migration20261208000000_writeAmplification as PgMigration20261208000000_writeAmplification } from './postgresql/Migration20261208000000_writeAmplification.js';

/** The database kinds the server runs on. */
export type Dialect = 'sqlite' | 'postgresql';

/**
 * The migrations of each dialect, oldest first. DDL differs between SQLite and PostgreSQL, so
 * each dialect has its own list (listed here rather than globbed from disk, so the same code
 * runs from src/ under vitest/tsx and from dist/). The schema changes only through these.
 * Both lists carry the same names, so a migration means the same change on either dialect.
 */
export const MIGRATIONS: Record<Dialect, MigrationObject[]> = {
  sqlite: [
    { name: 'Migration20261122000000_initial', class: Migration20261122000000_initial },
    { name: 'Migration20261122010000_auth', class: Migration20261122010000_auth },
    { name: 'Migration20261122030000_caseList', class: Migration20261122030000_caseList },
    { name: 'Migration20261122040000_attachments', class: Migration20261122040000_attachments },
    { name: 'Migration20261122050000_piiAccess', class: Migration20261122050000_piiAccess },
    { name: 'Migration20261122060000_effects', class: Migration20261122060000_effects },
    { name: 'Migration20261123000000_monitor', class: Migration20261123000000_monitor },
    { name: 'Migration20261207000000_authoredDefinition', class: Migration20261207000000_authoredDefinition },
    { name: 'Migration20261207010000_inboxOrder', class: Migration20261207010000_inboxOrder },
    { name: 'Migration20261207050000_openTaskForm', class: Migration20261207050000_openTaskForm },
    { name: 'Migration20261208000000_writeAmplification', class: Migration20261208000000_writeAmplification },
  ],
  postgresql: [
    { name: 'Migration20261122000000_initial', class: PgMigration20261122000000_initial },
    { name: 'Migration20261122010000_auth', class: PgMigration20261122010000_auth },
    { name: 'Migration20261122030000_caseList', class: PgMigration20261122030000_caseList },
    // After the initial PostgreSQL migrations (it references app_user and process_instance).
    { name: 'Migration20261122040000_attachments', class: PgMigration20261122040000_attachments },
    { name: 'Migration20261122050000_piiAccess', class: PgMigration20261122050000_piiAccess },
    { name: 'Migration20261122060000_effects', class: PgMigration20261122060000_effects },
    { name: 'Migration20261123000000_monitor', class: PgMigration20261123000000_monitor },
    { name: 'Migration20261207000000_authoredDefinition', class: PgMigration20261207000000_authoredDefinition },
    { name: 'Migration20261207010000_inboxOrder', class: PgMigration20261207010000_inboxOrder },
    { name: 'Migration20261207050000_openTaskForm', class: PgMigration20261207050000_openTaskForm },
    { name: 'Migration20261208000000_writeAmplification', class: PgMigration20261208000000_writeAmplification },
  ],
};
