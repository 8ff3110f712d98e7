/**
 * The Idempotency-Key of each submission of a task's form: a fresh random key for every new
 * submission, and the same key again when the same data is sent again after an answer that left
 * the outcome unknown (no answer, a server failure, still running) — so that the server carries
 * the submission out at most once however often it is retried.
 *
 * @example
 * const keys = createSubmissionKeys();
 * const key = keys.keyFor(data);   // send with header Idempotency-Key
 * keys.settled();                  // on any definite answer (success, 4xx): the next submission is new
 */
export interface SubmissionKeys {
  /** The key to send `data` with: the pending submission's key when it is the same data, else a new one. */
  keyFor(data: unknown): string;
  /** The server answered definitely: forget the pending submission. */
  settled(): void;
}

export function createSubmissionKeys(newKey: () => string = () => crypto.randomUUID()): SubmissionKeys {
  let pending: { body: string; key: string } | undefined;
  return {
    keyFor(data) {
      // The server compares the body too: a key may be reused only with exactly the same data.
      const body = JSON.stringify(data) ?? 'undefined';
      if (pending?.body !== body) pending = { body, key: newKey() };
      return pending.key;
    },
    settled() {
      pending = undefined;
    },
  };
}
