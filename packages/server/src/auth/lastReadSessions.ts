import type { SessionRead } from './sessions.js';

/** How many sessions a process remembers (the oldest read is forgotten first). */
const MAX_SESSIONS = 10_000;

/**
 * The sessions as this process last read them, by token. A hint, never the truth: the one route
 * that uses it proves the session inside its own commit (see the auth plugin, sessionProof), and
 * any other end of that attempt reads the session again. Entries are frozen: every request that
 * uses one shares it.
 */
export class LastReadSessions {
  readonly #byToken = new Map<string, SessionRead>();

  /** The session as last read, unless it has expired by `nowMs`. */
  get(token: string, nowMs: number): SessionRead | undefined {
    const read = this.#byToken.get(token);
    if (read === undefined || read.expiresAtMs > nowMs) return read;
    this.#byToken.delete(token);
    return undefined;
  }

  /** Remembers what a read found (null: no live session, forgotten). */
  set(token: string, read: SessionRead | null): void {
    this.#byToken.delete(token);
    if (read === null) return;
    if (this.#byToken.size >= MAX_SESSIONS) this.#byToken.delete(this.#byToken.keys().next().value!);
    this.#byToken.set(token, deepFreeze(read));
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
