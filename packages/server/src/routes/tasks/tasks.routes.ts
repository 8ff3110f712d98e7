import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../auth/index.js';
import { idempotencyKeyOf } from '../../idempotency/index.js';
import { actorOf, commandResultSchema, schemas } from '../../instances/http.js';
import type { InstanceService } from '../../instances/instanceService.js';
import { MAX_INBOX_LIMIT, readInbox } from '../../inbox/readInbox.js';
import type { Orm } from '../../orm/createOrm.js';

export interface TaskRoutesOptions {
  service: InstanceService;
  /** The database the inbox is read from (one plain statement, see readInbox). */
  orm: Orm;
}

const { errorBody, free, localized, outcome, taskParams } = schemas;

/**
 * The inbox and the work on a task. A task is addressed by its case and its id within the case:
 * `/api/tasks/:instanceId/:taskId` (task ids look like `task:3`).
 *
 * - GET /api/tasks — my open tasks, soonest due first, paginated (`limit` ≤ 100, `cursor`).
 * - GET /api/tasks/:instanceId/:taskId — the form (schema, uiSchema) and the case; 404 unless I may act on it.
 * - POST /api/tasks/:instanceId/:taskId/complete — submit the form; `Idempotency-Key` header required.
 * - POST /api/tasks/:instanceId/:taskId/claim — take the task (认领): colleagues no longer see it in their inboxes.
 * - POST /api/tasks/:instanceId/:taskId/release — give a claimed task back (释放).
 * - POST /api/tasks/:instanceId/:taskId/reassign — hand the task to another user (改派): its holder, an administrator or a supervisor.
 */
export async function taskRoutes(app: FastifyInstance, options: TaskRoutesOptions): Promise<void> {
  const { service, orm } = options;

  app.get('/api/tasks', {
    preHandler: requireAuth,
    schema: {
      summary: 'My inbox',
      description: 'Open tasks for my roles whose assignee unit matches mine (exact: my unit; subtree: a unit containing mine), that name no other person '
        + 'and that nobody else has claimed; '
        + 'soonest due first (tasks without a due date last). Pass `nextCursor` back as `cursor` for the next page.',
      tags: ['tasks'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_INBOX_LIMIT, default: 20 }, cursor: { type: 'string', minLength: 1, maxLength: 1000 } },
      },
      response: {
        200: {
          type: 'object', required: ['items', 'nextCursor'],
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object', required: ['instanceId', 'taskId', 'stepId', 'title', 'formId', 'dueAt', 'overdue', 'repeatable', 'createdAt', 'case'],
                properties: {
                  instanceId: { type: 'string' }, taskId: { type: 'string' }, stepId: { type: 'string' }, title: localized, formId: { type: 'string' },
                  dueAt: { type: 'string', nullable: true }, overdue: { type: 'boolean' }, repeatable: { type: 'boolean' }, createdAt: { type: 'string' },
                  case: { type: 'object', properties: { definitionId: { type: 'string' }, definitionVersion: { type: 'integer' }, orgUnit: { type: 'string' } } },
                },
              },
            },
            nextCursor: { type: 'string', nullable: true },
          },
        },
        400: errorBody, 401: errorBody,
      },
    },
  }, async (request) => readInbox(orm.em.fork(), actorOf(request), request.query as { limit?: number; cursor?: string }));

  app.get('/api/tasks/:instanceId/:taskId', {
    preHandler: requireAuth,
    schema: {
      summary: 'Open a task',
      description: 'The task\'s form (JSON Schema and uiSchema) and the case it belongs to. 404 unless the signed-in actor may act on it (a task someone else has claimed is theirs).',
      tags: ['tasks'],
      params: taskParams,
      response: {
        200: {
          type: 'object', required: ['instanceId', 'task', 'case'],
          properties: {
            instanceId: { type: 'string' },
            task: {
              type: 'object',
              properties: {
                id: { type: 'string' }, stepId: { type: 'string' }, title: localized, formId: { type: 'string' }, formSchema: free, uiSchema: free, assignee: free,
                dueAt: { type: 'string', nullable: true }, overdue: { type: 'boolean' }, repeatable: { type: 'boolean' },
                claimedBy: { type: 'string', nullable: true, description: 'the user id of whoever has claimed it, or null' }, meta: free,
              },
            },
            case: {
              type: 'object',
              properties: {
                instanceId: { type: 'string' }, definitionId: { type: 'string' }, definitionVersion: { type: 'integer' }, title: localized,
                status: { type: 'string' }, state: {}, outcome, orgUnit: { type: 'string' }, startedAt: { type: 'string' }, startedBy: { type: 'string' }, data: free,
              },
            },
          },
        },
        401: errorBody, 404: errorBody,
      },
    },
  }, async (request) => {
    const { instanceId, taskId } = request.params as { instanceId: string; taskId: string };
    return service.task(actorOf(request), instanceId, taskId);
  });

  app.post('/api/tasks/:instanceId/:taskId/complete', {
    preHandler: requireAuth,
    // The hot path: the session is proven in the completion's own commit rather than read first.
    config: { sessionProvenAtCommit: true },
    schema: {
      summary: 'Complete a task',
      description: 'Submits the form as one transaction. Header `Idempotency-Key` (required, per actor): the same key and body again answer the first response '
        + '(header `Idempotent-Replayed: true`) without a second effect; the same key with another body is 422 CF_SERVER_IDEMPOTENCY_MISMATCH; a retry while the first '
        + 'is still running is 409 CF_SERVER_IDEMPOTENCY_IN_PROGRESS. Invalid form data is 422 CF_ENGINE_FORM_INVALID with JSON pointers in `details`; '
        + 'a concurrent change of the case is 409 CF_ENGINE_STORE_CONFLICT and a task completed meanwhile 409 CF_SERVER_TASK_CLOSED (reload; these two are not remembered under the key).',
      tags: ['tasks'],
      params: taskParams,
      headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', description: 'a fresh random value (e.g. a UUID) per submission, repeated on retries' } } },
      body: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: {} } },
      response: { 200: commandResultSchema, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
  }, async (request, reply) => {
    const { instanceId, taskId } = request.params as { instanceId: string; taskId: string };
    const key = idempotencyKeyOf(request.headers['idempotency-key']);
    const { data } = request.body as { data: unknown };
    const unproven = request.unprovenSession;
    if (unproven) {
      const proven = await service.completeUnproven(actorOf(request), unproven.prove, instanceId, taskId, data, key);
      if (proven) {
        request.unprovenSession = null;
        return reply.status(200).send(proven.body);
      }
      await unproven.confirm();
    }
    const outcome = await service.complete(actorOf(request), instanceId, taskId, data, key);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(outcome.status as 200 | 403 | 404 | 409 | 422).send(outcome.body);
  });

  app.post('/api/tasks/:instanceId/:taskId/claim', {
    preHandler: requireAuth,
    schema: {
      summary: 'Claim a task (认领)',
      description: 'Takes an open task so that colleagues holding the same role leave it alone: until it is released or reassigned, it is in the '
        + 'claimer\'s inbox only and only they may complete it. Claiming a task you hold already changes nothing (200). '
        + '404 unless you may act on the task; 409 CF_ENGINE_TASK_CLAIMED when someone else holds it (`details.holder` names them: ask them to release it, '
        + 'or someone allowed to reassign it; reload your inbox); 422 CF_ENGINE_TASK_NOT_CLAIMABLE for a standing task open to everyone (such as filing objections during a notice); '
        + '409 CF_SERVER_TASK_CLOSED when it was completed meanwhile.',
      tags: ['tasks'],
      params: taskParams,
      response: { 200: commandResultSchema, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
  }, async (request) => {
    const { instanceId, taskId } = request.params as { instanceId: string; taskId: string };
    return service.claim(actorOf(request), instanceId, taskId);
  });

  app.post('/api/tasks/:instanceId/:taskId/release', {
    preHandler: requireAuth,
    schema: {
      summary: 'Release a claimed task (释放)',
      description: 'Gives a task you hold back to everyone who may act on it. Releasing a task nobody holds changes nothing (200). '
        + '404 unless you may act on the task or hold it; 409 CF_ENGINE_TASK_CLAIMED when someone else holds it (only they release it); '
        + '422 CF_ENGINE_TASK_NOT_CLAIMABLE for a standing task.',
      tags: ['tasks'],
      params: taskParams,
      response: { 200: commandResultSchema, 401: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
  }, async (request) => {
    const { instanceId, taskId } = request.params as { instanceId: string; taskId: string };
    return service.release(actorOf(request), instanceId, taskId);
  });

  app.post('/api/tasks/:instanceId/:taskId/reassign', {
    preHandler: requireAuth,
    schema: {
      summary: 'Reassign a task (改派)',
      description: 'Hands the task to the user `to`, who then holds it; the history records who did it, from whom, to whom and why. '
        + 'Allowed to the task\'s holder (hand-over), to an administrator (ADMIN) within the case\'s unit, and to a supervisor: a holder of the task\'s role '
        + 'in a unit strictly above the task\'s (403 CF_SERVER_FORBIDDEN otherwise). `to` must be an active user (422 CF_SERVER_REASSIGN_TARGET_UNKNOWN) '
        + 'holding the task\'s role in its unit, as their own session would act (422 CF_ENGINE_REASSIGN_TARGET_INELIGIBLE, saying why). '
        + 'Separation of duties is checked when the new holder completes the task. 404 when the case is not visible to you or has no such task.',
      tags: ['tasks'],
      params: taskParams,
      body: {
        type: 'object', required: ['to', 'reason'], additionalProperties: false,
        properties: {
          to: { type: 'string', minLength: 1, maxLength: 64, description: 'the user id of the person taking the task over' },
          reason: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S', description: 'why, for the case history' },
        },
      },
      response: { 200: commandResultSchema, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
    },
  }, async (request) => {
    const { instanceId, taskId } = request.params as { instanceId: string; taskId: string };
    return service.reassign(actorOf(request), instanceId, taskId, request.body as { to: string; reason: string });
  });
}
