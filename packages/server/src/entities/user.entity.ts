import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { OrgUnitEntity } from './orgUnit.entity.js';

/**
 * A person who signs in. `orgUnit` is the user's primary unit: the engine's Actor has one org
 * unit, so a session acts in this unit with the roles the user holds there (see
 * auth/sessions.ts). `personId` (居民身份证号) and `relatives` feed the engine's person and
 * conflict-of-interest rules; they are personal data, never returned by /api/me and never logged.
 * `passwordHash` is `scrypt$N$r$p$salt$hash` (auth/passwords.ts).
 */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.string().length(64).primary(),
    username: p.string().length(64).unique(),
    displayName: p.string(),
    passwordHash: p.string(),
    orgUnit: () => p.manyToOne(OrgUnitEntity).fieldName('org_unit'),
    personId: p.string().length(32).nullable(),
    relatives: p.json<string[]>().nullable(),
    disabled: p.boolean(),
    createdAt: p.datetime(),
  },
});

/** A row of `app_user`. */
export type UserRow = InferEntity<typeof UserEntity>;
