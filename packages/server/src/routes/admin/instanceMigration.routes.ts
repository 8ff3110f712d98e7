import type { FastifyInstance } from 'fastify';
import { isWithin, migrateSnapshot } from '@civicflow/engine';
import { logAdminChange } from '../../admin/adminScope.js';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { createDefinitionRepository } from '../../definitions/definitionRepository.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';
import { ServerError } from '../../plugins/serverError.js';
import { createSqlStore } from '../../store/index.js';

const { errorBody, instanceParams } = schemas;

/**
 * POST /api/admin/instances/:id/migrate — moves a running case to another published version of
 * its process (版本迁移), with an explicit mapping of the steps it is in. Cases otherwise stay on
 * the version they started on; this is the deliberate exception, done by an administrator. The
 * engine's `migrateSnapshot` decides (pure); the store commits the new snapshot and the
 * `instance.migrated` event under the case's version (a concurrent change is 409).
 */
export async function adminInstanceMigrationRoutes(app: FastifyInstance, options: { orm: Orm }): Promise<void> {
  const store = createSqlStore(options.orm);
  const definitions = createDefinitionRepository(options.orm);

  app.post('/api/admin/instances/:id/migrate', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Move a running case to another version (版本迁移)',
      description: 'Moves the case to version `toVersion` of its process. `steps` maps each step the case is in (active steps, open tasks, pending timers) '
        + 'to its counterpart in the new version; steps not named keep their id. Refused with 422 CF_ENGINE_MIGRATION_REFUSED, saying which step has no '
        + 'counterpart (or that the case has ended), when the case cannot move as a whole: it is then left untouched on its version. 404 when the case is not '
        + 'within my unit or the version is not published; 409 CF_ENGINE_STORE_CONFLICT when the case changed meanwhile (reload and retry). Administrators only.',
      tags: ['admin'],
      params: instanceParams,
      body: {
        type: 'object', required: ['toVersion'], additionalProperties: false,
        properties: {
          toVersion: { type: 'integer', minimum: 1 },
          steps: { type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 200 }, maxProperties: 500, description: 'old step id → new step id' },
        },
      },
      response: {
        200: {
          type: 'object', required: ['instanceId', 'definitionId', 'fromVersion', 'toVersion', 'status'],
          properties: { instanceId: { type: 'string' }, definitionId: { type: 'string' }, fromVersion: { type: 'integer' }, toVersion: { type: 'integer' }, status: { type: 'string' } },
        },
        400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody,
      },
    },
  }, async (request) => {
    const admin = actorOf(request);
    const { id } = request.params as { id: string };
    const { toVersion, steps } = request.body as { toVersion: number; steps?: Record<string, string> };
    const stored = await store.load(id);
    if (!stored || !isWithin(stored.snapshot.context.case.orgUnit, admin.orgUnit)) throw caseNotFound(id);
    const from = await definitions.get(stored.definitionId, stored.definitionVersion);
    const to = await definitions.get(stored.definitionId, toVersion);
    if (!from || !to) throw versionNotFound(stored.definitionId, toVersion);
    const { snapshot, event } = migrateSnapshot(stored.snapshot, from.document, to.document, steps ? { steps } : {});
    await store.commit(id, stored.version, snapshot, [{ ...event, actor: { id: admin.id, roles: [...admin.roles], orgUnit: admin.orgUnit } }]);
    logAdminChange(request.log, admin, 'instance.migrated', { instanceId: id, fromVersion: from.version, toVersion });
    return { instanceId: id, definitionId: stored.definitionId, fromVersion: from.version, toVersion, status: snapshot.status };
  });
}

function caseNotFound(instanceId: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `您的单位内没有办件 ${instanceId}`, en: `there is no case ${instanceId} within your unit` }, {
    hint: { 'zh-CN': '只能迁移本单位及下级单位的办件', en: 'you can migrate cases of your unit and the units below it' },
    details: { instanceId },
  });
}

function versionNotFound(definitionId: string, version: number): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `流程 ${definitionId} 没有已发布的第 ${version} 版`, en: `process ${definitionId} has no published version ${version}` }, {
    hint: { 'zh-CN': '先发布目标版本（POST /api/definitions），再迁移办件', en: 'publish the target version first (POST /api/definitions), then migrate' },
    details: { definitionId, version },
  });
}
