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
  const q = (id: string): string => sql.quote(id);
  const { context: { sessionId, actor }, stored } = read;
  const heldHere = `from ${q('role_assignment')} r where r.${q('user_id')} = u.${q('id')} and r.${q('org_unit')} = u.${q('org_unit')}`;
  const roles = stored.roles;
  const countSql = `select count(*) from ${q('session')} s join ${q('app_user')} u on u.${q('id')} = s.${q('user_id')}`
    + ` where s.${q('id')} = ? and s.${q('revoked')} = 0 and s.${q('expires_at')} > ? and u.${q('disabled')} = 0`
    + ` and u.${q('id')} = ? and u.${q('org_unit')} = ? and u.${q('username')} = ? and u.${q('display_name')} = ?`
    + ` and u.${q('person_id')} is ? and u.${q('relatives')} is ?`
    + ` and (select o.${q('name')} from ${q('org_unit')} o where o.${q('path')} = u.${q('org_unit')}) is ?`
    + ` and (select count(*) ${heldHere}) = ${roles.length}`
    + (roles.length > 0 ? ` and (select count(*) ${heldHere} and r.${q('role')} in (${roles.map(() => '?').join(', ')})) = ${roles.length}` : '');
  await sql.checkOne('the session', countSql, [
    sessionId, nowMs, actor.id, actor.orgUnit, stored.username, stored.displayName, stored.personId, stored.relatives, stored.orgUnitName, ...roles,
  ]);
}
