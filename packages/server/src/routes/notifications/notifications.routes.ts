import type { FastifyInstance } from 'fastify';
import type { FilterQuery } from '@mikro-orm/core';
import { requireAuth } from '../../auth/index.js';
import { NotificationEntity } from '../../entities/index.js';
import type { NotificationRow } from '../../entities/index.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';
import { withinUnit } from '../../sql/withinUnit.js';

export interface NotificationRoutesOptions {
  orm: Orm;
}

const MAX_LIMIT = 100;

/**
 * GET /api/notifications — what the processes told me: reminders, overdue alerts, escalations.
 * Addressed like tasks (a role within an org unit, optionally one person): a notification reaches
 * an actor holding its role in its unit, or in a unit above it (the town hears about its villages),
 * unless it names another person. Newest first; `before` (an id) pages back.
 */
export async function notificationRoutes(app: FastifyInstance, options: NotificationRoutesOptions): Promise<void> {
  app.get('/api/notifications', {
    preHandler: requireAuth,
    schema: {
      summary: 'My notifications',
      description: 'Notifications of the processes addressed to my roles within my unit or the units below it (and to me by name), newest first. '
        + 'Pass `nextBefore` back as `before` for older ones.',
      tags: ['tasks'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 20 }, before: { type: 'integer', minimum: 1 } },
      },
      response: {
        200: {
          type: 'object', required: ['items', 'nextBefore'],
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object', required: ['id', 'instanceId', 'stepId', 'taskId', 'role', 'orgUnit', 'message', 'createdAt'],
                properties: {
                  id: { type: 'integer' }, instanceId: { type: 'string' }, stepId: { type: 'string' }, taskId: { type: 'string', nullable: true },
                  role: { type: 'string' }, orgUnit: { type: 'string' }, message: schemas.localized, createdAt: { type: 'string' },
                },
              },
            },
            nextBefore: { type: 'integer', nullable: true },
          },
        },
        400: schemas.errorBody, 401: schemas.errorBody,
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { limit = 20, before } = request.query as { limit?: number; before?: number };
    const persons = [actor.id, ...(actor.personId ? [actor.personId] : [])];
    const em = options.orm.em.fork();
    const conditions: FilterQuery<NotificationRow>[] = [
      { role: { $in: actor.roles } },
      withinUnit(actor.orgUnit, (id) => em.getPlatform().quoteIdentifier(id)) as FilterQuery<NotificationRow>,
      { $or: [{ person: null }, { person: { $in: persons } }] },
    ];
    if (before !== undefined) conditions.push({ id: { $lt: before } });
    const rows = await em.find(NotificationEntity, { $and: conditions } as FilterQuery<NotificationRow>, {
      orderBy: { id: 'desc' }, limit: limit + 1, disableIdentityMap: true,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((n) => ({
        id: n.id, instanceId: n.instanceId, stepId: n.stepId, taskId: n.taskId ?? null, role: n.role, orgUnit: n.orgUnit,
        message: n.message, createdAt: (n.createdAt instanceof Date ? n.createdAt : new Date(n.createdAt)).toISOString(),
      })),
      nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  });
}
