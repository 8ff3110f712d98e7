import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { OrgUnitEntity } from './orgUnit.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * A role a user holds in an org unit (V_MED at a village, VET_DEPT at a county department).
 * A user may hold several roles in one unit and roles in several units; a session acts with the
 * roles held in the user's primary unit (`app_user.org_unit`).
 */
export const RoleAssignmentEntity = defineEntity({
  name: 'RoleAssignment',
  tableName: 'role_assignment',
  properties: {
    user: () => p.manyToOne(UserEntity).primary().fieldName('user_id'),
    role: p.string().length(64).primary(),
    orgUnit: () => p.manyToOne(OrgUnitEntity).primary().fieldName('org_unit'),
  },
  indexes: [{ properties: ['role', 'orgUnit'] }],
});

/** A row of `role_assignment`. */
export type RoleAssignmentRow = InferEntity<typeof RoleAssignmentEntity>;
