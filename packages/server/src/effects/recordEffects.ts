import type { EntityManager } from '@mikro-orm/core';
import type { Effect, InstanceSnapshot } from '@civicflow/engine';
import { asPlainSql } from '../store/plainSql.js';
import type { PlainSql } from '../store/plainSql.js';
import { SUBPROCESS_ACTOR_ID } from './subprocessActor.js';

const OUTBOX_COLUMNS = ['instance_id', 'kind', 'payload', 'created_at', 'done_at', 'attempts', 'last_error', 'claimed_by', 'claimed_until'];

/**
 * Stores what a command's effects leave to the server, inside the command's own transaction:
 * notifications as rows (delivered from there), and subprocess work (start a child, report a
 * child's end to its parent) as outbox rows for the dispatcher. Tasks and timers need nothing
 * here: the store materialises them from the snapshot. Plain SQL (it runs in every command's
 * transaction; see PlainSql), or an EntityManager in its transaction.
 */
export async function recordEffects(tx: EntityManager | PlainSql, snapshot: InstanceSnapshot, effects: readonly Effect[], when: Date): Promise<void> {
  const sql = asPlainSql(tx);
  const q = sql.quote;
  const instanceId = snapshot.instanceId;
  const notifications: unknown[][] = [];
  const outbox: unknown[][] = [];
  const outboxRow = (kind: string, payload: Record<string, unknown>) => [instanceId, kind, payload, when, null, 0, null, null, null];
  // Only a case the dispatcher started has a link to a parent to report its end to (the one
  // statement here carrying the case's data: most ends skip it).
  const child = snapshot.context.case.startedBy === SUBPROCESS_ACTOR_ID;
  for (const effect of effects) {
    if (effect.type === 'notify') {
      notifications.push([instanceId, effect.stepId, effect.taskId ?? null, effect.role, effect.orgUnit, effect.person ?? null, effect.message, when]);
    } else if (effect.type === 'subprocess.start') {
      outbox.push(outboxRow('subprocess.start', { ...effect }));
    } else if (effect.type === 'instance.ended' && sql.sqlite) {
      // As below, with the links read by the inserts themselves: statements whose result is not
      // read, which a SQLite group commit runs with the others' (no round trip of their own).
      if (outbox.length > 0) await sql.insert('effect_outbox', OUTBOX_COLUMNS, outbox.splice(0));
      const columns = OUTBOX_COLUMNS.map(q).join(', ');
      await sql.runLater(`insert into ${q('effect_outbox')} (${columns}) select ?, 'subprocess.cancel', json_object('childInstanceId', ${q('child_instance_id')}, 'reason', ?),`
        + ` ?, null, 0, null, null, null from ${q('subprocess_link')} where ${q('parent_instance_id')} = ?`, [instanceId, `parent case ended: ${effect.outcome}`, when, instanceId]);
      if (child) {
        await sql.runLater(`insert into ${q('effect_outbox')} (${columns}) select ?, 'subprocess.ended', json_object('parentInstanceId', ${q('parent_instance_id')}, 'key', ${q('key')},`
          + ` 'outcome', ?, 'output', json(?)), ? , null, 0, null, null, null from ${q('subprocess_link')} where ${q('child_instance_id')} = ? limit 1`,
        [instanceId, effect.outcome, JSON.stringify(snapshot.context.data), when, instanceId]);
      }
    } else if (effect.type === 'instance.ended') {
      // Subprocesses still running when their parent ends (cancelled, or routed past them) end with it.
      const children = await sql.all<{ child_instance_id: string }>(
        `select ${q('child_instance_id')} from ${q('subprocess_link')} where ${q('parent_instance_id')} = ?`, [instanceId]);
      for (const child of children) {
        outbox.push(outboxRow('subprocess.cancel', { childInstanceId: child.child_instance_id, reason: `parent case ended: ${effect.outcome}` }));
      }
      const [link] = child ? await sql.all<{ parent_instance_id: string; key: string }>(
        `select ${q('parent_instance_id')}, ${q('key')} from ${q('subprocess_link')} where ${q('child_instance_id')} = ?`, [instanceId]) : [];
      if (link) {
        outbox.push(outboxRow('subprocess.ended', { parentInstanceId: link.parent_instance_id, key: link.key, outcome: effect.outcome, output: snapshot.context.data }));
      }
    }
  }
  if (notifications.length > 0) {
    await sql.insert('notification', ['instance_id', 'step_id', 'task_id', 'role', 'org_unit', 'person', 'message', 'created_at'], notifications);
  }
  if (outbox.length > 0) await sql.insert('effect_outbox', OUTBOX_COLUMNS, outbox);
}
