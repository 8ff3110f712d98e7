import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@civicflow/engine';
import { SessionEntity } from '../entities/index.js';
import { sqliteAccessOf } from '../store/sqliteAccess.js';

/** Default session lifetime: one working day. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;

/** What a signed-in user may see about themselves (no password hash, no ID number, no relatives). */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  /** The primary org unit, in which the session acts. */
  orgUnit: string;
  /** The unit's Chinese name. */
  orgUnitName: string;
  /** The roles held in the primary unit. */
  roles: string[];
}

/** A resolved session: the engine Actor (with personId/relatives for the engine's rules), the public view, and the session row id. */
export interface SessionContext {
  actor: Actor;
  user: PublicUser;
  sessionId: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The session row id for a token: hex SHA-256. Only this is stored; the token lives in the cookie. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Starts a session for a user: 32 random bytes, base64url (43 characters). */
export async function createSession(em: EntityManager, userId: string, options: { ttlSeconds?: number; now?: Date } = {}): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS) * 1000);
  await em.insert(SessionEntity, { id: hashToken(token), user: userId, createdAt: now, expiresAt, revoked: false });
  return { token, expiresAt };
}

/**
 * The session behind a token, or null when the token is malformed, unknown, revoked or expired,
 * or its user is disabled. The Actor has ONE org unit (the engine's model): the user's primary
 * unit (`app_user.org_unit`) with the roles held there; roles held in other units are not
 * active in this session (switching units is future work).
 */
export async function loadSession(em: EntityManager, token: string | undefined, now: Date = new Date()): Promise<SessionContext | null> {
  return (await readSession(em, token, now))?.context ?? null;
}

/** A session as read, with what it was read from (see sessionProof). */
export interface SessionRead {
  context: SessionContext;
  expiresAtMs: number;
  /** The user's columns the context shows only converted, as the driver returned them. */
  stored: { orgUnitName: string | null; personId: string | null; relatives: unknown };
}

/** loadSession, with what a later check needs to tell whether the session is still as read. */
export async function readSession(em: EntityManager, token: string | undefined, now: Date = new Date()): Promise<SessionRead | null> {
  if (!token || !TOKEN.test(token)) return null;
  const sessionId = hashToken(token);
  // One statement (the session, its user, the user's unit and the roles held there, one row per
  // role) as plain SQL — through the ORM's query builder and hydration the same reads cost several
  // times the CPU. A revocation, a disabled user or a role taken away counts from the next request
  // on, on every server node (see the auth plugin for the one route that proves it at its commit).
  const q = (id: string): string => em.getPlatform().quoteIdentifier(id);
  const sql = `select s.${q('expires_at')}, s.${q('revoked')}, u.${q('id')}, u.${q('username')}, u.${q('display_name')}, u.${q('org_unit')},`
    + ` u.${q('person_id')}, u.${q('relatives')}, u.${q('disabled')}, o.${q('name')} as ${q('org_unit_name')}, r.${q('role')}`
    + ` from ${q('session')} s join ${q('app_user')} u on u.${q('id')} = s.${q('user_id')}`
    + ` left join ${q('org_unit')} o on o.${q('path')} = u.${q('org_unit')}`
    + ` left join ${q('role_assignment')} r on r.${q('user_id')} = u.${q('id')} and r.${q('org_unit')} = u.${q('org_unit')}`
    + ` where s.${q('id')} = ? order by r.${q('role')} asc`;
  // In the caller's transaction, if it has one (the one SQLite connection is that transaction's);
  // otherwise, on SQLite, on a read connection, which sees the last commit without queueing
  // behind the writer (see sqliteAccess).
  const transaction = em.getTransactionContext();
  const reader = transaction ? undefined : sqliteAccessOf(em);
  const rows: SessionJoinRow[] = reader ? await reader.read(sql, [sessionId]) : await em.getConnection().execute(sql, [sessionId], 'all', transaction);
  const user = rows[0];
  const expiresAtMs = user ? epochMs(user.expires_at) : 0;
  if (!user || isTrue(user.revoked) || expiresAtMs <= now.getTime() || isTrue(user.disabled)) return null;
  const orgUnit = user.org_unit;
  const roles = rows.flatMap((r) => (r.role === null ? [] : [r.role]));
  const relatives = (typeof user.relatives === 'string' ? JSON.parse(user.relatives) : user.relatives) as string[] | null;
  const actor: Actor = {
    id: user.id, roles, orgUnit, name: user.display_name,
    ...(user.person_id ? { personId: user.person_id } : {}),
    ...(relatives && relatives.length > 0 ? { relatives: [...relatives] } : {}),
  };
  return {
    context: { actor, sessionId, user: { id: user.id, username: user.username, displayName: user.display_name, orgUnit, orgUnitName: user.org_unit_name ?? orgUnit, roles } },
    expiresAtMs,
    stored: { orgUnitName: user.org_unit_name, personId: user.person_id, relatives: user.relatives },
  };
}

/** A row of loadSession's query: columns as the driver returns them (SQLite: numbers and JSON text; PostgreSQL: Date, boolean, parsed jsonb). */
interface SessionJoinRow {
  expires_at: Date | number | string; revoked: boolean | number; id: string; username: string; display_name: string; org_unit: string;
  person_id: string | null; relatives: string | string[] | null; disabled: boolean | number; org_unit_name: string | null; role: string | null;
}

const isTrue = (v: boolean | number | string): boolean => v === true || v === 1 || v === '1' || v === 't';
const epochMs = (v: Date | number | string): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v));

/** The engine Actor of a session token, or null (see loadSession). */
export async function resolveSession(em: EntityManager, token: string | undefined, now: Date = new Date()): Promise<Actor | null> {
  return (await loadSession(em, token, now))?.actor ?? null;
}

/** Revokes the session of a token (logout). True when a live session was revoked. */
export async function revokeSession(em: EntityManager, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  return (await em.nativeUpdate(SessionEntity, { id: hashToken(token), revoked: false }, { revoked: true })) > 0;
}

/** Revokes every session of a user (password change, user disabled). Returns how many. */
export async function revokeUserSessions(em: EntityManager, userId: string): Promise<number> {
  return em.nativeUpdate(SessionEntity, { user: userId, revoked: false }, { revoked: true });
}

/** Deletes sessions that expired before `now` (housekeeping; revoked rows are kept until they expire). */
export async function purgeExpiredSessions(em: EntityManager, now: Date = new Date()): Promise<number> {
  return em.nativeDelete(SessionEntity, { expiresAt: { $lt: now } });
}
