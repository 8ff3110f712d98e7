import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * A login session. `id` is the hex SHA-256 of the token held in the browser's cookie: the raw
 * token is never stored, so a copy of the database cannot be used to sign in. A session ends
 * at `expiresAt` or when `revoked` (logout, password change, user disabled).
 */
export const SessionEntity = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.string().length(64).primary(),
    user: () => p.manyToOne(UserEntity).fieldName('user_id'),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    revoked: p.boolean(),
  },
});

/** A row of `session`. */
export type SessionRow = InferEntity<typeof SessionEntity>;
