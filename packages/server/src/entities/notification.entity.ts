import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import type { LocalizedText } from '@civicflow/engine';

/**
 * A notification the engine asked for (a `notify` effect: a reminder, an overdue alert, an
 * escalation notice), stored in the same transaction as the command that produced it. It is
 * addressed like a task (role within an org unit, optionally one person), so "my notifications"
 * is the same query shape as the inbox. Delivery beyond the studio (SMS, WeChat) reads this table.
 */
export const NotificationEntity = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p.integer().primary().autoincrement(),
    instanceId: p.string().index(),
    stepId: p.string(),
    taskId: p.string().nullable(),
    role: p.string(),
    orgUnit: p.string(),
    person: p.string().nullable(),
    message: p.json<LocalizedText>(),
    createdAt: p.datetime(),
  },
  indexes: [{ properties: ['role', 'orgUnit', 'createdAt'] }],
});

/** A row of `notification`. */
export type NotificationRow = InferEntity<typeof NotificationEntity>;
