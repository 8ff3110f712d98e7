import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { isWithin } from '@civicflow/engine';
import type { Actor } from '@civicflow/engine';
import { normalizeUsername } from '../auth/login.js';
import { hashPassword } from '../auth/passwords.js';
import { ADMIN_ROLE } from '../auth/roles.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { OrgUnitEntity, RoleAssignmentEntity, UserEntity } from '../entities/index.js';
import type { RoleAssignmentRow, UserRow } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';
import { ServerError } from '../plugins/serverError.js';
import { alreadyExists, badUsername, orgUnitNotFound, roleNotHeld, selfLockout, userNotFound, weakPassword } from './adminErrors.js';
import { assertInScope, subtreeCondition } from './adminScope.js';
import { passwordProblem } from './passwordPolicy.js';

/** A user as administrators see them: never the password hash, the ID number or relatives. */
export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  orgUnit: string;
  orgUnitName: string;
  disabled: boolean;
  createdAt: string;
  /** The roles held within the administrator's subtree. */
  roles: { role: string; orgUnit: string }[];
}

export interface UserPage {
  items: AdminUserView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface UserQuery {
  /** Users whose primary unit is this unit or below it; default the administrator's unit. */
  orgUnit?: string | undefined;
  /** Only users holding this role (in a unit within `orgUnit`). */
  role?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  orgUnit: string;
  /** Roles held in `orgUnit`. */
  roles?: string[] | undefined;
}

export const MAX_USER_PAGE = 100;
export const DEFAULT_USER_PAGE = 50;

/** Usernames after normalizeUsername: ASCII, lower case, 2–64 characters. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/**
 * Users and their roles, as administrators manage them. Every action is limited to users whose
 * primary unit lies within the administrator's subtree and who hold no role outside it (an
 * administrator of a town cannot take over a county official by resetting a password).
 */
export function createUserAdmin(orm: Orm) {
  async function views(em: EntityManager, admin: Actor, users: UserRow[]): Promise<AdminUserView[]> {
    if (users.length === 0) return [];
    const ids = users.map((u) => u.id);
    const [assignments, units] = await Promise.all([
      em.find(RoleAssignmentEntity, { user: { $in: ids } }, { disableIdentityMap: true }),
      em.find(OrgUnitEntity, { path: { $in: [...new Set(users.map((u) => u.orgUnit.path))] } }, { disableIdentityMap: true }),
    ]);
    const nameOf = new Map(units.map((u) => [u.path, u.name]));
    return users.map((u) => ({
      id: u.id, username: u.username, displayName: u.displayName, orgUnit: u.orgUnit.path, orgUnitName: nameOf.get(u.orgUnit.path) ?? u.orgUnit.path,
      disabled: u.disabled, createdAt: new Date(u.createdAt).toISOString(),
      roles: assignments.filter((a) => a.user.id === u.id && isWithin(a.orgUnit.path, admin.orgUnit)).map((a) => ({ role: a.role, orgUnit: a.orgUnit.path })).sort(byRoleThenUnit),
    }));
  }

  /** The user, if the administrator may manage them: primary unit and every role within the subtree. */
  async function manageable(em: EntityManager, admin: Actor, id: string): Promise<{ user: UserRow; assignments: RoleAssignmentRow[] }> {
    const user = await em.findOne(UserEntity, { id }, { disableIdentityMap: true });
    if (!user) throw userNotFound(id);
    assertInScope(admin, user.orgUnit.path);
    const assignments = await em.find(RoleAssignmentEntity, { user: id }, { disableIdentityMap: true });
    for (const a of assignments) assertInScope(admin, a.orgUnit.path);
    return { user, assignments };
  }

  async function unitInScope(em: EntityManager, admin: Actor, unit: string): Promise<void> {
    assertInScope(admin, unit);
    if (!(await em.findOne(OrgUnitEntity, { path: unit }, { fields: ['path'], disableIdentityMap: true }))) throw orgUnitNotFound(unit);
  }

  async function viewOf(em: EntityManager, admin: Actor, id: string): Promise<AdminUserView> {
    const user = await em.findOneOrFail(UserEntity, { id }, { disableIdentityMap: true });
    return (await views(em, admin, [user]))[0]!;
  }

  return {
    /** Users within the administrator's subtree, by username, keyset-paginated. */
    async list(admin: Actor, query: UserQuery = {}): Promise<UserPage> {
      const unit = query.orgUnit ?? admin.orgUnit;
      assertInScope(admin, unit);
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_USER_PAGE, 1), MAX_USER_PAGE);
      const em = orm.em.fork();
      const conditions: FilterQuery<UserRow>[] = [subtreeCondition('orgUnit', unit) as FilterQuery<UserRow>];
      if (query.role !== undefined) {
        const holders = await em.find(RoleAssignmentEntity, { $and: [{ role: query.role }, subtreeCondition('orgUnit', unit)] } as FilterQuery<RoleAssignmentRow>, { disableIdentityMap: true });
        conditions.push({ id: { $in: [...new Set(holders.filter((a) => isWithin(a.orgUnit.path, unit)).map((a) => a.user.id))] } });
      }
      // LIKE over-matches (see subtreeCondition): read on until a page of exact matches is full.
      const found: UserRow[] = [];
      let after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
      for (;;) {
        const batch = await em.find(UserEntity, { $and: [...conditions, ...(after !== undefined ? [{ username: { $gt: after } }] : [])] }, {
          orderBy: { username: 'asc' }, limit: limit + 1, disableIdentityMap: true,
        });
        found.push(...batch.filter((u) => isWithin(u.orgUnit.path, unit)));
        if (found.length > limit || batch.length <= limit) break;
        after = batch[batch.length - 1]!.username;
      }
      const page = found.slice(0, limit);
      return { items: await views(em, admin, page), nextCursor: found.length > limit ? encodeCursor(page[page.length - 1]!.username) : null };
    },

    /** Creates a user in a unit within the subtree, with an initial password and roles held in that unit. */
    async create(admin: Actor, input: NewUser): Promise<AdminUserView> {
      const username = normalizeUsername(input.username);
      if (!USERNAME.test(username)) throw badUsername(input.username);
      const problem = passwordProblem(input.password, username);
      if (problem) throw weakPassword(problem);
      const em = orm.em.fork();
      await unitInScope(em, admin, input.orgUnit);
      if (await em.findOne(UserEntity, { username }, { fields: ['id'], disableIdentityMap: true })) throw alreadyExists('username', username);
      const passwordHash = await hashPassword(input.password);
      // Ids follow the seed's convention (u-<username>): they appear in case histories.
      const id = `u-${username}`;
      try {
        await em.transactional(async (tx) => {
          await tx.insert(UserEntity, { id, username, displayName: input.displayName.trim(), passwordHash, orgUnit: input.orgUnit, personId: null, relatives: null, disabled: false, createdAt: new Date() });
          for (const role of new Set(input.roles ?? [])) await tx.insert(RoleAssignmentEntity, { user: id, role, orgUnit: input.orgUnit });
        });
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw alreadyExists('username', username);
        throw error;
      }
      return viewOf(em, admin, id);
    },

    /** Changes the display name and/or disables or re-enables a user; disabling revokes every session. */
    async update(admin: Actor, id: string, change: { displayName?: string | undefined; disabled?: boolean | undefined }): Promise<{ user: AdminUserView; sessionsRevoked: number }> {
      const em = orm.em.fork();
      await manageable(em, admin, id);
      if (change.disabled === true && id === admin.id) throw selfLockout('disableSelf');
      const set: Partial<Pick<UserRow, 'displayName' | 'disabled'>> = {};
      if (change.displayName !== undefined) set.displayName = change.displayName.trim();
      if (change.disabled !== undefined) set.disabled = change.disabled;
      let sessionsRevoked = 0;
      await em.transactional(async (tx) => {
        if (Object.keys(set).length > 0) await tx.nativeUpdate(UserEntity, { id }, set);
        if (change.disabled === true) sessionsRevoked = await revokeUserSessions(tx, id);
      });
      return { user: await viewOf(em, admin, id), sessionsRevoked };
    },

    /** Sets a new password (policy checked) and revokes every session of the user. */
    async resetPassword(admin: Actor, id: string, password: string): Promise<{ sessionsRevoked: number }> {
      const em = orm.em.fork();
      const { user } = await manageable(em, admin, id);
      const problem = passwordProblem(password, user.username);
      if (problem) throw weakPassword(problem);
      const passwordHash = await hashPassword(password);
      let sessionsRevoked = 0;
      await em.transactional(async (tx) => {
        await tx.nativeUpdate(UserEntity, { id }, { passwordHash });
        sessionsRevoked = await revokeUserSessions(tx, id);
      });
      return { sessionsRevoked };
    },

    /** Grants `role` in `orgUnit` (default: the user's unit), within the subtree. `created` is false when it was held already. */
    async grantRole(admin: Actor, id: string, role: string, orgUnit?: string): Promise<{ user: AdminUserView; created: boolean; orgUnit: string }> {
      const em = orm.em.fork();
      const { user, assignments } = await manageable(em, admin, id);
      const unit = orgUnit ?? user.orgUnit.path;
      await unitInScope(em, admin, unit);
      let created = !assignments.some((a) => a.role === role && a.orgUnit.path === unit);
      if (created) {
        try {
          await em.insert(RoleAssignmentEntity, { user: id, role, orgUnit: unit });
        } catch (error) {
          if (!(error instanceof UniqueConstraintViolationException)) throw error;
          created = false; // granted at the same moment by someone else
        }
      }
      return { user: await viewOf(em, admin, id), created, orgUnit: unit };
    },

    /** Removes `role` in `orgUnit` (default: the user's unit). An administrator keeps at least one ADMIN role of their own. */
    async revokeRole(admin: Actor, id: string, role: string, orgUnit?: string): Promise<{ user: AdminUserView; orgUnit: string }> {
      const em = orm.em.fork();
      const { user } = await manageable(em, admin, id);
      const unit = orgUnit ?? user.orgUnit.path;
      assertInScope(admin, unit);
      await em.transactional(async (tx) => {
        if ((await tx.count(RoleAssignmentEntity, { user: id, role, orgUnit: unit })) === 0) throw roleNotHeld(id, role, unit);
        if (id === admin.id && role === ADMIN_ROLE && (await tx.count(RoleAssignmentEntity, { user: id, role: ADMIN_ROLE })) <= 1) throw selfLockout('lastAdminRole');
        await tx.nativeDelete(RoleAssignmentEntity, { user: id, role, orgUnit: unit });
      });
      return { user: await viewOf(em, admin, id), orgUnit: unit };
    },
  };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;

/** Code-unit order, the same on every database collation. */
function byRoleThenUnit(a: { role: string; orgUnit: string }, b: { role: string; orgUnit: string }): number {
  const x = `${a.role}\u0000${a.orgUnit}`;
  const y = `${b.role}\u0000${b.orgUnit}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

function encodeCursor(username: string): string {
  return Buffer.from(username, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const username = Buffer.from(cursor, 'base64url').toString('utf8');
  if (USERNAME.test(username)) return username;
  throw new ServerError('CF_SERVER_BAD_REQUEST', 400, { 'zh-CN': '分页游标无效', en: 'the page cursor is invalid' }, {
    hint: { 'zh-CN': '使用上一页返回的 nextCursor，或不带 cursor 从第一页开始', en: 'pass the nextCursor of the previous page, or omit cursor to start over' },
  });
}
