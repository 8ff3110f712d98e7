import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * One unit of the org tree (county → town/street → village/community → grid, and county
 * departments `county:huaxi/dept:gongan`). The key is the engine's org-unit path, whose last
 * segment carries the level, so the engine never needs this table to scope a task; the table
 * gives units their Chinese names and lets the server list a subtree. `parentPath` is the path
 * minus its last segment (null for the root), kept as a column for "children of" queries.
 */
export const OrgUnitEntity = defineEntity({
  name: 'OrgUnit',
  tableName: 'org_unit',
  properties: {
    path: p.string().length(512).primary(),
    level: p.string().length(32),
    /** Name in Chinese, e.g. 青石镇. */
    name: p.string(),
    parentPath: p.string().length(512).nullable().index(),
  },
});

/** A row of `org_unit`. */
export type OrgUnitRow = InferEntity<typeof OrgUnitEntity>;
