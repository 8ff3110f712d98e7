import { createHash, randomBytes } from 'node:crypto';
import { LoadStrategy } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@civicflow/engine';
import { RoleAssignmentEntity, SessionEntity } from '../entities/index.js';

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
  if (!token || !TOKEN.test(token)) return null;
  const sessionId = hashToken(token);
  // Every request reads this: the session with its user and the user's unit in one joined query,
  // then the roles (two statements; nothing is cached, so a revocation, a disabled user or a role
  // taken away counts from the next request on, on every server node).
  const session = await em.findOne(SessionEntity, { id: sessionId }, { populate: ['user.orgUnit'], strategy: LoadStrategy.JOINED });
  if (!session || session.revoked || session.expiresAt.getTime() <= now.getTime()) return null;
  const user = session.user;
  if (user.disabled) return null;
  const unit = user.orgUnit;
  const orgUnit = unit.path;
  const assignments = await em.find(RoleAssignmentEntity, { user: user.id, orgUnit }, { orderBy: { role: 'asc' } });
  const roles = assignments.map((a) => a.role);
  const actor: Actor = {
    id: user.id, roles, orgUnit, name: user.displayName,
    ...(user.personId ? { personId: user.personId } : {}),
    ...(user.relatives && user.relatives.length > 0 ? { relatives: [...user.relatives] } : {}),
  };
  return { actor, sessionId, user: { id: user.id, username: user.username, displayName: user.displayName, orgUnit, orgUnitName: unit.name, roles } };
}

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
