import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * An Idempotency-Key seen from an actor, written `done` with the response in the transaction of
 * the command it answers (see idempotency.ts). A retried request with the same key and the same
 * request hash gets the stored response; the same key with another body is refused.
 * `in_progress` rows are claims written by versions before 2026-12-08 (the first request had not
 * finished); a boot on SQLite deletes them, and a stale one is taken over.
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
