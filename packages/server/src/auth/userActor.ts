import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@civicflow/engine';
import { RoleAssignmentEntity, UserEntity } from '../entities/index.js';

/**
 * The engine Actor of a user as a session of theirs would act: the primary unit with the roles
 * held there, and the person id and relatives for the engine's person and conflict rules (as
 * `loadSession` builds it). Null when there is no such user or the user is disabled. Used to
 * check that a task can be handed to someone (reassignment) before they ever sign in.
 */
export async function actorOfUser(em: EntityManager, userId: string): Promise<Actor | null> {
  const user = await em.findOne(UserEntity, { id: userId }, { disableIdentityMap: true });
  if (!user || user.disabled) return null;
  const orgUnit = user.orgUnit.path;
  const assignments = await em.find(RoleAssignmentEntity, { user: user.id, orgUnit }, { orderBy: { role: 'asc' }, disableIdentityMap: true });
  return {
    id: user.id, roles: assignments.map((a) => a.role), orgUnit, name: user.displayName,
    ...(user.personId ? { personId: user.personId } : {}),
    ...(user.relatives && user.relatives.length > 0 ? { relatives: [...user.relatives] } : {}),
  };
}
