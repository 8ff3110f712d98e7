/** Idempotency keys (issue 4 §4): a retried submission answers the first response, never a second effect. */
export { createIdempotencyGuard, idempotencyKeyOf, requestHash, DEFAULT_STALE_AFTER_MS, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency.js';
export type { IdempotencyGuard, IdempotencyGuardOptions, IdempotentOutcome, RecordWithin, StoredResponse, WorkResult } from './idempotency.js';
