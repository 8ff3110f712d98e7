import type { EntityManager } from '@mikro-orm/core';
import type { Effect, InstanceSnapshot } from '@civicflow/engine';
import { EffectOutboxEntity, NotificationEntity, SubprocessLinkEntity } from '../entities/index.js';
import type { EffectOutboxRow } from '../entities/index.js';

/**
 * Stores what a command's effects leave to the server, inside the command's own transaction:
 * notifications as rows (delivered from there), and subprocess work (start a child, report a
 * child's end to its parent) as outbox rows for the dispatcher. Tasks and timers need nothing
 * here: the store materialises them from the snapshot.
 */
export async function recordEffects(em: EntityManager, snapshot: InstanceSnapshot, effects: readonly Effect[], when: Date): Promise<void> {
  const instanceId = snapshot.instanceId;
  for (const effect of effects) {
    if (effect.type === 'notify') {
      await em.insert(NotificationEntity, {
        instanceId, stepId: effect.stepId, taskId: effect.taskId ?? null, role: effect.role, orgUnit: effect.orgUnit,
        person: effect.person ?? null, message: effect.message, createdAt: when,
      });
    } else if (effect.type === 'subprocess.start') {
      await em.insert(EffectOutboxEntity, outboxRow(instanceId, 'subprocess.start', { ...effect }, when));
    } else if (effect.type === 'instance.ended') {
      // Subprocesses still running when their parent ends (cancelled, or routed past them) end with it.
      const children = await em.find(SubprocessLinkEntity, { parentInstanceId: instanceId }, { disableIdentityMap: true });
      for (const child of children) {
        await em.insert(EffectOutboxEntity, outboxRow(instanceId, 'subprocess.cancel', { childInstanceId: child.childInstanceId, reason: `parent case ended: ${effect.outcome}` }, when));
      }
      const link = await em.findOne(SubprocessLinkEntity, { childInstanceId: instanceId }, { disableIdentityMap: true });
      if (link) {
        await em.insert(EffectOutboxEntity, outboxRow(instanceId, 'subprocess.ended', {
          parentInstanceId: link.parentInstanceId, key: link.key, outcome: effect.outcome, output: snapshot.context.data,
        }, when));
      }
    }
  }
}

function outboxRow(instanceId: string, kind: EffectOutboxRow['kind'], payload: Record<string, unknown>, createdAt: Date) {
  return { instanceId, kind, payload, createdAt, doneAt: null, attempts: 0, lastError: null, claimedBy: null, claimedUntil: null };
}
