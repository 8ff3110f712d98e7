import type { FastifyInstance } from 'fastify';
import { createOrgUnitAdmin } from '../../admin/orgUnitAdmin.js';
import type { NewOrgUnit } from '../../admin/orgUnitAdmin.js';
import { logAdminChange } from '../../admin/adminScope.js';
import { CHILD_LEVELS } from '../../admin/orgLevels.js';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';
import { orgUnitNode, orgUnitPath } from './adminSchemas.js';

const { errorBody } = schemas;
const levels = [...new Set(Object.values(CHILD_LEVELS).flat())];

/**
 * The org tree for administrators (role ADMIN), limited to their own unit and below:
 *
 * - GET /api/admin/org-units — the tree under my unit.
 * - POST /api/admin/org-units — create a unit below one of mine (county → town/street → village/community → grid; departments below a county).
 */
export async function adminOrgUnitRoutes(app: FastifyInstance, options: { orm: Orm }): Promise<void> {
  const units = createOrgUnitAdmin(options.orm);

  app.get('/api/admin/org-units', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'The org tree under my unit',
      description: 'My unit with every unit below it, nested (`children`, sorted by path). Administrators only.',
      tags: ['admin'],
      response: { 200: orgUnitNode, 401: errorBody, 403: errorBody, 404: errorBody },
    },
  }, async (request) => units.tree(actorOf(request)));

  app.post('/api/admin/org-units', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Create an org unit',
      description: 'Creates `parent/level:code`. The parent must exist within my unit (403 CF_SERVER_FORBIDDEN_ORG_UNIT otherwise); the level must fit below the parent\'s '
        + '(county → town|street|dept → village|community → grid; 400 CF_SERVER_ORG_LEVEL with the allowed levels otherwise); 409 CF_SERVER_CONFLICT if it exists.',
      tags: ['admin'],
      body: {
        type: 'object', required: ['parent', 'level', 'code', 'name'], additionalProperties: false,
        properties: {
          parent: orgUnitPath,
          level: { type: 'string', enum: levels },
          code: { type: 'string', minLength: 1, maxLength: 64, description: 'letters, digits, _ . -; usually pinyin, e.g. qingshi' },
          name: { type: 'string', minLength: 1, maxLength: 100, description: 'Chinese name, e.g. 青石镇' },
        },
      },
      response: { 201: orgUnitNode, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    const admin = actorOf(request);
    const unit = await units.create(admin, request.body as NewOrgUnit);
    logAdminChange(request.log, admin, 'orgUnit.created', { orgUnit: unit.path, level: unit.level });
    return reply.status(201).send(unit);
  });
}
