import type { FastifyInstance } from 'fastify';
import { requireAuth, requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { idempotencyKeyOf } from '../../idempotency/index.js';
import { actorOf, commandResultSchema, schemas } from '../../instances/http.js';
import { MAX_CASE_LIST_LIMIT } from '../../instances/instanceService.js';
import type { CaseListQuery, InstanceService } from '../../instances/instanceService.js';

export interface InstanceRoutesOptions {
  service: InstanceService;
}

const { errorBody, free, localized, outcome, instanceParams, taskSummary } = schemas;

/**
 * Cases (办件).
 *
 * - GET /api/instances — the cases I may see, newest first, filtered and paginated.
 * - POST /api/instances — start a case (201). The case's unit defaults to the actor's and must lie within it (403 otherwise).
 * - GET /api/instances/:id — the case: state, status, outcome, data, open tasks.
 * - GET /api/instances/:id/history — the timeline, with who acted.
 * - POST /api/instances/:id/cancel — cancel (administrators only, for now).
 *
 * A case is visible to actors whose unit contains the case's unit; to anyone else it answers 404
 * exactly like a case that does not exist, so ids cannot be probed.
 */
export async function instanceRoutes(app: FastifyInstance, options: InstanceRoutesOptions): Promise<void> {
  const { service } = options;

  app.get('/api/instances', {
    preHandler: requireAuth,
    schema: {
      summary: 'List cases',
      description: 'The cases the signed-in actor may see, exactly those GET /api/instances/:id answers: within the actor\'s unit, to administrators, '
        + 'to whoever started the case, to participants (who may act, or could have acted, on one of its tasks) and to supervisors (a unit strictly above the '
        + 'case, holding a role of its process). Newest first (by start, then id). Filters: `definitionId`, `status`, `orgUnit` (the unit and the units below it; '
        + 'it must lie within the actor\'s unit, 403 CF_SERVER_FORBIDDEN_ORG_UNIT otherwise). Pass `nextCursor` back as `cursor` for the next page.',
      tags: ['instances'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          definitionId: { type: 'string', minLength: 1, maxLength: 200 },
          status: { type: 'string', enum: ['active', 'done', 'cancelled'] },
          orgUnit: { type: 'string', minLength: 1, maxLength: 512, description: 'e.g. county:huaxi/town:qingshi (that unit and below)' },
          limit: { type: 'integer', minimum: 1, maximum: MAX_CASE_LIST_LIMIT, default: 20 },
          cursor: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
      response: {
        200: {
          type: 'object', required: ['items', 'nextCursor'],
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                required: ['instanceId', 'definitionId', 'definitionVersion', 'title', 'status', 'outcome', 'orgUnit', 'startedAt', 'updatedAt', 'openTaskCount'],
                properties: {
                  instanceId: { type: 'string' }, definitionId: { type: 'string' }, definitionVersion: { type: 'integer' }, title: localized,
                  status: { type: 'string', enum: ['active', 'done', 'cancelled'] },
                  outcome: { type: 'string', nullable: true, description: 'the outcome code once the case has ended, e.g. RESOLVED or CANCELLED' },
                  orgUnit: { type: 'string' }, startedAt: { type: 'string' }, updatedAt: { type: 'string', description: 'when the case last changed' },
                  openTaskCount: { type: 'integer', minimum: 0 },
                },
              },
            },
            nextCursor: { type: 'string', nullable: true },
          },
        },
        400: errorBody, 401: errorBody, 403: errorBody,
      },
    },
  }, async (request) => service.list(actorOf(request), request.query as CaseListQuery));

  app.post('/api/instances', {
    preHandler: requireAuth,
    schema: {
      summary: 'Start a case',
      description: 'Starts a case of a published process (latest version unless `version` is given) in `orgUnit`, which defaults to the actor\'s unit and must lie within it '
        + '(403 CF_SERVER_FORBIDDEN_ORG_UNIT). The server chooses the instance id. Answers the case\'s status and first open tasks. '
        + 'Optional header `Idempotency-Key`: a retry with the same key and body answers the first start (header `Idempotent-Replayed: true`) instead of opening a second case; '
        + 'the same key with another body is 422 CF_SERVER_IDEMPOTENCY_MISMATCH, a retry while the first is running 409 CF_SERVER_IDEMPOTENCY_IN_PROGRESS.',
      tags: ['instances'],
      headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', description: 'a fresh random value (e.g. a UUID) per start, repeated on retries' } } },
      body: {
        type: 'object', required: ['definitionId'], additionalProperties: false,
        properties: {
          definitionId: { type: 'string', minLength: 1, maxLength: 200 },
          version: { type: 'integer', minimum: 1 },
          orgUnit: { type: 'string', minLength: 1, maxLength: 512 },
          data: { type: 'object', additionalProperties: true },
        },
      },
      response: { 201: commandResultSchema, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
  }, async (request, reply) => {
    const body = request.body as { definitionId: string; version?: number; orgUnit?: string; data?: Record<string, unknown> };
    const header = request.headers['idempotency-key'];
    const outcome = await service.start(actorOf(request), body, header === undefined ? undefined : idempotencyKeyOf(header));
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    if (outcome.status === 201) reply.header('location', `/api/instances/${encodeURIComponent((outcome.body as { instanceId: string }).instanceId)}`);
    return reply.status(outcome.status as 201 | 403 | 404 | 422).send(outcome.body);
  });

  app.get('/api/instances/:id', {
    preHandler: requireAuth,
    schema: {
      summary: 'Get a case',
      description: 'State, status, outcome, data and open tasks of a case within the actor\'s unit; 404 otherwise.',
      tags: ['instances'],
      params: instanceParams,
      response: {
        200: {
          type: 'object',
          required: ['instanceId', 'definitionId', 'definitionVersion', 'title', 'status', 'state', 'outcome', 'orgUnit', 'startedAt', 'startedBy', 'data', 'tasks'],
          properties: {
            instanceId: { type: 'string' }, definitionId: { type: 'string' }, definitionVersion: { type: 'integer' }, title: localized,
            status: { type: 'string' }, state: {}, outcome, orgUnit: { type: 'string' }, startedAt: { type: 'string' }, startedBy: { type: 'string' },
            data: free, tasks: { type: 'array', items: taskSummary },
          },
        },
        401: errorBody, 404: errorBody,
      },
    },
  }, async (request) => service.get(actorOf(request), (request.params as { id: string }).id));

  app.get('/api/instances/:id/history', {
    preHandler: requireAuth,
    schema: {
      summary: 'The timeline of a case',
      description: 'Every event of the case, oldest first, each with who acted (id, roles, unit). Same visibility as the case.',
      tags: ['instances'],
      params: instanceParams,
      response: {
        200: {
          type: 'object', required: ['instanceId', 'events'],
          properties: {
            instanceId: { type: 'string' },
            events: {
              type: 'array',
              items: {
                type: 'object', required: ['seq', 'type', 'at'],
                properties: {
                  seq: { type: 'integer' }, type: { type: 'string' }, at: { type: 'string' }, stepId: { type: 'string' }, taskId: { type: 'string' }, timerId: { type: 'string' },
                  actor: { type: 'object', properties: { id: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, orgUnit: { type: 'string' } } },
                  data: {},
                },
              },
            },
          },
        },
        401: errorBody, 404: errorBody,
      },
    },
  }, async (request) => service.history(actorOf(request), (request.params as { id: string }).id));

  // Cancelling ends a case for everyone in it: administrators only until roles for it are defined.
  app.post('/api/instances/:id/cancel', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Cancel a case',
      description: 'Ends the case as CANCELLED with the reason in its history. Administrators only (role ADMIN), for cases within their unit; 409 CF_ENGINE_INSTANCE_ENDED if it has ended.',
      tags: ['instances'],
      params: instanceParams,
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } },
      response: { 200: commandResultSchema, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request) => service.cancel(actorOf(request), (request.params as { id: string }).id, (request.body as { reason: string }).reason));
}
