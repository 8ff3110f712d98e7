import type { FastifyInstance } from 'fastify';
import { logAdminChange } from '../../admin/adminScope.js';
import { createUserAdmin, DEFAULT_USER_PAGE, MAX_USER_PAGE } from '../../admin/userAdmin.js';
import type { NewUser, UserQuery } from '../../admin/userAdmin.js';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';
import { adminUser, orgUnitPath, password, roleName, userParams } from './adminSchemas.js';

const { errorBody } = schemas;
const userResponse = { type: 'object', additionalProperties: false, required: ['user'], properties: { user: adminUser } } as const;

/**
 * Users and roles for administrators (role ADMIN). Every action is limited to users whose unit
 * lies within the administrator's unit (403 CF_SERVER_FORBIDDEN_ORG_UNIT otherwise) and is
 * logged with who made it.
 *
 * - GET /api/admin/users — list, by username, filtered by unit and role, paginated.
 * - POST /api/admin/users — create with an initial password and roles.
 * - PATCH /api/admin/users/:id — display name, disabled (disabling signs the user out everywhere).
 * - POST /api/admin/users/:id/password — set a new password (signs the user out everywhere).
 * - POST /api/admin/users/:id/roles — grant a role in a unit.
 * - DELETE /api/admin/users/:id/roles/:role?orgUnit= — remove it (never your own last ADMIN role).
 */
export async function adminUserRoutes(app: FastifyInstance, options: { orm: Orm }): Promise<void> {
  const users = createUserAdmin(options.orm);
  const preHandler = requireRole(ADMIN_ROLE);

  app.get('/api/admin/users', {
    preHandler,
    schema: {
      summary: 'Users within my unit',
      description: 'Users whose unit is `orgUnit` (default: mine) or below it, optionally only those holding `role` there; by username. '
        + 'Pass `nextCursor` back as `cursor` for the next page. Never returns password hashes or ID numbers.',
      tags: ['admin'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          orgUnit: orgUnitPath, role: roleName,
          limit: { type: 'integer', minimum: 1, maximum: MAX_USER_PAGE, default: DEFAULT_USER_PAGE }, cursor: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
      response: {
        200: { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: adminUser }, nextCursor: { type: 'string', nullable: true } } },
        400: errorBody, 401: errorBody, 403: errorBody,
      },
    },
  }, async (request) => users.list(actorOf(request), request.query as UserQuery));

  app.post('/api/admin/users', {
    preHandler,
    schema: {
      summary: 'Create a user',
      description: 'A user in a unit within mine, with an initial password (policy: 400 CF_SERVER_PASSWORD_POLICY) and roles held in that unit. '
        + 'Usernames are ASCII, lower case; 409 CF_SERVER_CONFLICT if taken. The user id is `u-<username>`.',
      tags: ['admin'],
      body: {
        type: 'object', required: ['username', 'displayName', 'password', 'orgUnit'], additionalProperties: false,
        properties: {
          username: { type: 'string', minLength: 1, maxLength: 64 }, displayName: { type: 'string', minLength: 1, maxLength: 100 }, password, orgUnit: orgUnitPath,
          roles: { type: 'array', items: roleName, maxItems: 20, uniqueItems: true },
        },
      },
      response: { 201: userResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    const admin = actorOf(request);
    const user = await users.create(admin, request.body as NewUser);
    logAdminChange(request.log, admin, 'user.created', { userId: user.id, orgUnit: user.orgUnit, roles: user.roles.map((r) => r.role) });
    reply.status(201).header('location', `/api/admin/users/${encodeURIComponent(user.id)}`);
    return { user };
  });

  app.patch('/api/admin/users/:id', {
    preHandler,
    schema: {
      summary: 'Change a user',
      description: 'Display name and/or `disabled`. Disabling revokes every session of the user; you cannot disable yourself (409 CF_SERVER_SELF_LOCKOUT).',
      tags: ['admin'],
      params: userParams,
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { displayName: { type: 'string', minLength: 1, maxLength: 100 }, disabled: { type: 'boolean' } },
      },
      response: {
        200: { type: 'object', additionalProperties: false, required: ['user', 'sessionsRevoked'], properties: { user: adminUser, sessionsRevoked: { type: 'integer' } } },
        400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody,
      },
    },
  }, async (request) => {
    const admin = actorOf(request);
    const { id } = request.params as { id: string };
    const change = request.body as { displayName?: string; disabled?: boolean };
    const result = await users.update(admin, id, change);
    logAdminChange(request.log, admin, 'user.changed', { userId: id, fields: Object.keys(change), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}), sessionsRevoked: result.sessionsRevoked });
    return result;
  });

  app.post('/api/admin/users/:id/password', {
    preHandler,
    schema: {
      summary: 'Set a user\'s password',
      description: 'Replaces the password (policy: 400 CF_SERVER_PASSWORD_POLICY) and revokes every session of the user.',
      tags: ['admin'],
      params: userParams,
      body: { type: 'object', required: ['password'], additionalProperties: false, properties: { password } },
      response: { 204: { type: 'null' }, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const admin = actorOf(request);
    const { id } = request.params as { id: string };
    const { sessionsRevoked } = await users.resetPassword(admin, id, (request.body as { password: string }).password);
    logAdminChange(request.log, admin, 'user.passwordReset', { userId: id, sessionsRevoked });
    return reply.status(204).send();
  });

  app.post('/api/admin/users/:id/roles', {
    preHandler,
    schema: {
      summary: 'Grant a role',
      description: 'Grants `role` in `orgUnit` (default: the user\'s unit), which must lie within mine. 201 when granted, 200 when held already. '
        + 'Sessions act with the roles held in the user\'s own unit.',
      tags: ['admin'],
      params: userParams,
      body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role: roleName, orgUnit: orgUnitPath } },
      response: { 200: userResponse, 201: userResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const admin = actorOf(request);
    const { id } = request.params as { id: string };
    const { role, orgUnit } = request.body as { role: string; orgUnit?: string };
    const result = await users.grantRole(admin, id, role, orgUnit);
    if (result.created) logAdminChange(request.log, admin, 'role.granted', { userId: id, role, orgUnit: result.orgUnit });
    return reply.status(result.created ? 201 : 200).send({ user: result.user });
  });

  app.delete('/api/admin/users/:id/roles/:role', {
    preHandler,
    schema: {
      summary: 'Remove a role',
      description: 'Removes `role` in `orgUnit` (default: the user\'s unit). 404 if not held; you cannot remove your own last ADMIN role (409 CF_SERVER_SELF_LOCKOUT).',
      tags: ['admin'],
      params: { type: 'object', required: ['id', 'role'], properties: { id: userParams.properties.id, role: roleName } },
      querystring: { type: 'object', additionalProperties: false, properties: { orgUnit: orgUnitPath } },
      response: { 200: userResponse, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request) => {
    const admin = actorOf(request);
    const { id, role } = request.params as { id: string; role: string };
    const result = await users.revokeRole(admin, id, role, (request.query as { orgUnit?: string }).orgUnit);
    logAdminChange(request.log, admin, 'role.revoked', { userId: id, role, orgUnit: result.orgUnit });
    return { user: result.user };
  });
}
