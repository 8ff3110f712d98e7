import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../auth/index.js';
import { idempotencyKeyOf } from '../../idempotency/index.js';
import { actorOf, commandResultSchema, schemas } from '../../instances/http.js';
import { MAX_INBOX_LIMIT } from '../../instances/instanceService.js';
import type { InstanceService } from '../../instances/instanceService.js';

export interface TaskRoutesOptions {
  service: InstanceService;
}

const { errorBody, free, localized, outcome, taskParams } = schemas;

/**
 * The inbox and the work on a task. A task is addressed by its case and its id within the case:
 * `/api/tasks/:instanceId/:taskId` (task ids look like `task:3`).
 *
 * - GET /api/tasks — my open tasks, soonest due first, paginated (`limit` ≤ 100, `cursor`).
 * - GET /api/tasks/:instanceId/:taskId — the form (schema, uiSchema) and the case; 404 unless I may act on it.
 * - POST /api/tasks/:instanceId/:taskId/complete — submit the form; `Idempotency-Key` header required.
 */
export async function taskRoutes(app: FastifyInstance, options: TaskRoutesOptions): Promise<void> {
  const { service } = options;

  app.get('/api/tasks', {
    preHandler: requireAuth,
    schema: {
      summary: 'My inbox',
      description: 'Open tasks for my roles whose assignee unit matches mine (exact: my unit; subtree: a unit containing mine) and that name no other person; '
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
  }, async (request) => service.inbox(actorOf(request), request.query as { limit?: number; cursor?: string }));

  app.get('/api/tasks/:instanceId/:taskId', {
    preHandler: requireAuth,
    schema: {
      summary: 'Open a task',
      description: 'The task\'s form (JSON Schema and uiSchema) and the case it belongs to. 404 unless the signed-in actor may act on it.',
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
                dueAt: { type: 'string', nullable: true }, overdue: { type: 'boolean' }, repeatable: { type: 'boolean' }, meta: free,
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
    const outcome = await service.complete(actorOf(request), instanceId, taskId, (request.body as { data: unknown }).data, key);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(outcome.status as 200 | 403 | 404 | 409 | 422).send(outcome.body);
  });
}
