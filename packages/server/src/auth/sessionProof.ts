import type { PlainSql } from '../store/plainSql.js';
import type { SessionRead } from './sessions.js';

/**
 * Adds to a command's transaction the check that a session read earlier is still exactly as read:
 * not revoked, not expired at `nowMs`, its user enabled and with the same unit, names, personal
 * number and relatives (the engine's recusal rules read them), the unit's name the same, and the
 * same roles held there — everything `readSession` builds the Actor from. Unless it counts one
 * row, the command fails and commits nothing (see PlainSql.checkOne).
 *
 * SQLite only (the auth plugin uses it there): inside the group commit's write transaction the
 * check and the command's writes see one state, and no other writer can commit in between.
 */
export async function proveSessionUnchanged(sql: PlainSql, read: SessionRead, nowMs: number): Promise<void> {
  const { countSql, params } = proofOf(read, sql.quote);
  await sql.checkOne('the session', countSql, [params[0], nowMs, ...params.slice(1)]);
}

/** The check's text and its values but the time: the same for every command of a session, so built once per read. */
const proofs = new WeakMap<SessionRead, { countSql: string; params: readonly unknown[] }>();

function proofOf(read: SessionRead, q: (id: string) => string): { countSql: string; params: readonly unknown[] } {
  let proof = proofs.get(read);
  if (proof) return proof;
  const { context: { sessionId, actor, user }, stored } = read;
  const heldHere = `from ${q('role_assignment')} r where r.${q('user_id')} = u.${q('id')} and r.${q('org_unit')} = u.${q('org_unit')}`;
  const roles = actor.roles;
  const countSql = `select count(*) from ${q('session')} s join ${q('app_user')} u on u.${q('id')} = s.${q('user_id')}`
    + ` where s.${q('id')} = ? and s.${q('revoked')} = 0 and s.${q('expires_at')} > ? and u.${q('disabled')} = 0`
    + ` and u.${q('id')} = ? and u.${q('org_unit')} = ? and u.${q('username')} = ? and u.${q('display_name')} = ?`
    + ` and u.${q('person_id')} is ? and u.${q('relatives')} is ?`
    + ` and (select o.${q('name')} from ${q('org_unit')} o where o.${q('path')} = u.${q('org_unit')}) is ?`
    + ` and (select count(*) ${heldHere}) = ${roles.length}`
    + (roles.length > 0 ? ` and (select count(*) ${heldHere} and r.${q('role')} in (${roles.map(() => '?').join(', ')})) = ${roles.length}` : '');
  // Every value but the time (the second `?`), in order.
  proof = { countSql, params: [sessionId, actor.id, actor.orgUnit, user.username, user.displayName, stored.personId, stored.relatives, stored.orgUnitName, ...roles] };
  proofs.set(read, proof);
  return proof;
}
