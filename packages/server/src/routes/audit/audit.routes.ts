import type { FastifyInstance } from 'fastify';
import { verifyAuditChains } from '../../admin/auditChains.js';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';

export interface AuditRoutesOptions {
  orm: Orm;
}

const { errorBody, localized } = schemas;

/**
 * GET /api/audit/verify — recomputes the hash chains of the case histories within the
 * administrator's unit (or of one case) and names every case whose history was edited, cut or
 * reordered, with the first broken entry.
 */
export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions): Promise<void> {
  app.get('/api/audit/verify', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Verify the case histories (audit)',
      description: 'Verifies the hash chain of every case within my unit, or only `instanceId` (404 unless within my unit). Each problem names the case, the first broken '
        + 'entry (`seq`) and why: `missing` (deleted), `link` (deleted, inserted or reordered), `hash` (edited), `columns` (edited), `head` (cut off the end). '
        + 'At most 1000 problems are listed (`truncated`); `ok` covers every case. Administrators only.',
      tags: ['audit'],
      querystring: { type: 'object', additionalProperties: false, properties: { instanceId: { type: 'string', minLength: 1, maxLength: 100 } } },
      response: {
        200: {
          type: 'object', required: ['ok', 'instancesChecked', 'eventsChecked', 'problems', 'truncated'],
          properties: {
            ok: { type: 'boolean' }, instancesChecked: { type: 'integer' }, eventsChecked: { type: 'integer' }, truncated: { type: 'boolean' },
            problems: {
              type: 'array',
              items: {
                type: 'object', required: ['instanceId', 'seq', 'reason', 'message'],
                properties: {
                  instanceId: { type: 'string' }, seq: { type: 'integer' },
                  reason: { type: 'string', enum: ['missing', 'link', 'hash', 'columns', 'head'] }, message: localized,
                },
              },
            },
          },
        },
        401: errorBody, 403: errorBody, 404: errorBody,
      },
    },
  }, async (request) => {
    const admin = actorOf(request);
    const { instanceId } = request.query as { instanceId?: string };
    const report = await verifyAuditChains(options.orm, admin.orgUnit, { instanceId });
    const summary = { ok: report.ok, instancesChecked: report.instancesChecked, eventsChecked: report.eventsChecked, problems: report.problems.length, ...(instanceId ? { instanceId } : {}) };
    if (report.ok) request.log.info({ event: 'audit.verified', by: admin.id, ...summary }, 'audit chains verified');
    // A broken chain means someone wrote to the database outside the server: operators must see it.
    else request.log.warn({ event: 'audit.problems', by: admin.id, ...summary, first: report.problems.slice(0, 20).map((p) => ({ instanceId: p.instanceId, seq: p.seq, reason: p.reason })) }, 'audit chains broken');
    return report;
  });
}
