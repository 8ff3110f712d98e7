import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * An Idempotency-Key seen from an actor. A retried request with the same key and the same
 * request hash gets the stored response; the same key with another body is refused; a key still
 * `in_progress` means the first request has not finished.
 */
export const IdempotencyKeyEntity = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    key: p.string().primary(),
    actor: p.string().primary(),
    requestHash: p.string().length(64),
    status: p.enum(['in_progress', 'done']),
    response: p.json<unknown>().nullable(),
    createdAt: p.datetime(),
  },
});

/** A row of `idempotency_key`. */
export type IdempotencyKeyRow = InferEntity<typeof IdempotencyKeyEntity>;
