import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import { isOrgUnitPath, isWithin, levelOf } from '@civicflow/engine';
import type { Actor } from '@civicflow/engine';
import { OrgUnitEntity } from '../entities/index.js';
import type { OrgUnitRow } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';
import { alreadyExists, badUnitCode, levelNotAllowed, orgUnitNotFound } from './adminErrors.js';
import { assertInScope, subtreeCondition } from './adminScope.js';
import { childLevelsOf } from './orgLevels.js';

/** A unit and the units below it. */
export interface OrgUnitNode {
  path: string;
  level: string;
  /** The last segment's code (`qingshi` of `town:qingshi`). */
  code: string;
  name: string;
  children: OrgUnitNode[];
}

export interface NewOrgUnit {
  parent: string;
  level: string;
  code: string;
  name: string;
}

function nodeOf(row: Pick<OrgUnitRow, 'path' | 'level' | 'name'>): OrgUnitNode {
  const last = row.path.slice(row.path.lastIndexOf('/') + 1);
  return { path: row.path, level: row.level, code: last.slice(last.indexOf(':') + 1), name: row.name, children: [] };
}

/** The org tree as administrators see and extend it: their own unit and below. */
export function createOrgUnitAdmin(orm: Orm) {
  return {
    /** The tree under the administrator's unit, children sorted by path. */
    async tree(admin: Actor): Promise<OrgUnitNode> {
      const rows = await orm.em.fork().find(OrgUnitEntity, subtreeCondition('path', admin.orgUnit) as FilterQuery<OrgUnitRow>, { orderBy: { path: 'asc' }, disableIdentityMap: true });
      const nodes = new Map(rows.filter((r) => isWithin(r.path, admin.orgUnit)).map((r) => [r.path, nodeOf(r)]));
      const root = nodes.get(admin.orgUnit);
      if (!root) throw orgUnitNotFound(admin.orgUnit);
      for (const node of nodes.values()) {
        if (node === root) continue;
        // A unit whose parent row is missing hangs from its nearest existing ancestor.
        let parent = node.path.slice(0, node.path.lastIndexOf('/'));
        while (!nodes.has(parent) && parent.includes('/')) parent = parent.slice(0, parent.lastIndexOf('/'));
        (nodes.get(parent) ?? root).children.push(node);
      }
      return root;
    },

    /** Creates `parent/level:code`, below the parent's level as CHILD_LEVELS allows, within the administrator's subtree. */
    async create(admin: Actor, input: NewOrgUnit): Promise<OrgUnitNode> {
      assertInScope(admin, input.parent);
      const path = `${input.parent}/${input.level}:${input.code}`;
      if (!isOrgUnitPath(`${input.level}:${input.code}`) || !isOrgUnitPath(path)) throw badUnitCode(input.code);
      const em = orm.em.fork();
      const parent = await em.findOne(OrgUnitEntity, { path: input.parent }, { disableIdentityMap: true });
      if (!parent) throw orgUnitNotFound(input.parent);
      const parentLevel = levelOf(parent.path);
      const allowed = childLevelsOf(parentLevel);
      if (!allowed.includes(input.level)) throw levelNotAllowed(input.level, parent.path, parentLevel, allowed);
      if (await em.findOne(OrgUnitEntity, { path }, { disableIdentityMap: true })) throw alreadyExists('orgUnit', path);
      const row = { path, level: input.level, name: input.name.trim(), parentPath: parent.path };
      try {
        await em.insert(OrgUnitEntity, row);
      } catch (error) {
        // Two administrators creating the same unit at once: the second is told, not failed.
        if (error instanceof UniqueConstraintViolationException) throw alreadyExists('orgUnit', path);
        throw error;
      }
      return nodeOf(row);
    },
  };
}

export type OrgUnitAdmin = ReturnType<typeof createOrgUnitAdmin>;
