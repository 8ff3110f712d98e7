import type { FastifyInstance } from 'fastify';
import type { Orm } from '../../orm/createOrm.js';
import { adminInstanceMigrationRoutes } from './instanceMigration.routes.js';
import { adminOrgUnitRoutes } from './orgUnits.routes.js';
import { adminUserRoutes } from './users.routes.js';

export interface AdminRoutesOptions {
  orm: Orm;
}

/** Registers the administration routes (org units, users, roles, case migration). Needs the database and auth. */
export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  await app.register(adminOrgUnitRoutes, options);
  await app.register(adminUserRoutes, options);
  await app.register(adminInstanceMigrationRoutes, options);
}

export { adminInstanceMigrationRoutes, adminOrgUnitRoutes, adminUserRoutes };
