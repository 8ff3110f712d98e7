import type { FastifyRequest } from 'fastify';
import type { Actor } from '@civicflow/engine';
import { ServerError } from '../plugins/serverError.js';

/** The signed-in actor (routes run `requireAuth` first, so it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ServerError('CF_SERVER_UNAUTHENTICATED', 401, { 'zh-CN': '请先登录', en: 'please sign in first' });
  return request.actor;
}

const localized = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const free = { type: 'object', additionalProperties: true };

/** JSON schemas shared by the instance and task routes (responses are serialised through them). */
export const schemas = {
  localized,
  free,
  errorBody: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: localized, hint: localized, details: {} } },
  taskSummary: {
    type: 'object',
    required: ['id', 'stepId', 'title', 'formId', 'assignee', 'dueAt', 'overdue', 'repeatable', 'claimedBy', 'canAct'],
    properties: {
      id: { type: 'string' }, stepId: { type: 'string' }, title: localized, formId: { type: 'string' }, assignee: free,
      dueAt: { type: 'string', nullable: true }, overdue: { type: 'boolean' }, repeatable: { type: 'boolean' },
      claimedBy: { type: 'string', nullable: true, description: 'the user id of whoever has claimed it (认领), or null while anyone eligible may take it' },
      canAct: { type: 'boolean', description: 'whether the signed-in actor may complete it (eligible, and nobody else holds it)' },
    },
  },
  outcome: { type: 'object', nullable: true, properties: { id: { type: 'string' }, title: localized } },
  instanceParams: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
  taskParams: {
    type: 'object', required: ['instanceId', 'taskId'],
    properties: { instanceId: { type: 'string', minLength: 1, maxLength: 100 }, taskId: { type: 'string', minLength: 1, maxLength: 100, description: 'the task id within the case, e.g. `task:3` (URL-encode the colon or not)' } },
  },
} as const;

/** The response of a command (start, complete, cancel, claim, release, reassign): the case's status and open tasks after it. */
export const commandResultSchema = {
  type: 'object',
  required: ['instanceId', 'definitionId', 'definitionVersion', 'status', 'outcome', 'tasks'],
  properties: {
    instanceId: { type: 'string' }, definitionId: { type: 'string' }, definitionVersion: { type: 'integer' },
    status: { type: 'string', enum: ['active', 'done', 'cancelled'] }, outcome: schemas.outcome, tasks: { type: 'array', items: schemas.taskSummary },
  },
} as const;
