import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * One API response that showed personal numbers unmasked to a holder of the PII role (see
 * src/privacy): who, when, which route, which case, how many numbers. It never holds the numbers
 * themselves, nor the raw URL (only the route pattern), so the audit is no second copy of them.
 * `user_id` has no foreign key: the audit outlives whatever happens to the user.
 */
export const PiiAccessEntity = defineEntity({
  name: 'PiiAccess',
  tableName: 'pii_access',
  properties: {
    id: p.string().length(36).primary(),
    userId: p.string().length(64),
    /** The unit the session acted in. */
    orgUnit: p.string().length(512),
    at: p.datetime(),
    method: p.string().length(10),
    /** The route pattern, e.g. `/api/instances/:id` (never the URL as sent). */
    route: p.string().length(255),
    /** The case the URL names, if it names one. */
    instanceId: p.string().length(100).nullable(),
    status: p.integer(),
    idNumbers: p.integer(),
    phoneNumbers: p.integer(),
  },
  indexes: [{ properties: ['userId', 'at'] }, { properties: ['instanceId'] }],
});

/** A row of `pii_access`. */
export type PiiAccessRow = InferEntity<typeof PiiAccessEntity>;
