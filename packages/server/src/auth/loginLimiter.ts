/**
 * Login rate limiting without a library: an in-memory sliding window of failed attempts per
 * (client IP, username). After `maxFailures` failures inside `windowMs` further attempts are
 * refused (even with the right password) until the oldest failure leaves the window; a
 * successful login clears the key. Per process: several server nodes each count on their own.
 */
export interface LoginLimiterOptions {
  /** Failures allowed in the window. Default 5. */
  maxFailures?: number;
  /** Window length in ms. Default 15 minutes. */
  windowMs?: number;
  /** Keys kept at most (the least recently failed are dropped first). Default 10 000. */
  maxKeys?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface LoginLimiter {
  /** null when an attempt may proceed, else how many seconds to wait. */
  blocked(ip: string, username: string): number | null;
  fail(ip: string, username: string): void;
  succeed(ip: string, username: string): void;
}

export function createLoginLimiter(options: LoginLimiterOptions = {}): LoginLimiter {
  const max = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  // Map iteration order is insertion order: re-inserting on failure keeps the oldest first.
  const failures = new Map<string, number[]>();
  const keyOf = (ip: string, username: string) => `${ip}\u0000${username.normalize('NFKC').trim().toLowerCase()}`;
  const live = (key: string, t: number): number[] => {
    const times = (failures.get(key) ?? []).filter((x) => x > t - windowMs);
    if (times.length === 0) failures.delete(key);
    return times;
  };
  return {
    blocked(ip, username) {
      const t = now();
      const times = live(keyOf(ip, username), t);
      if (times.length < max) return null;
      return Math.max(1, Math.ceil((times[times.length - max]! + windowMs - t) / 1000));
    },
    fail(ip, username) {
      const key = keyOf(ip, username);
      const t = now();
      const times = live(key, t);
      times.push(t);
      failures.delete(key);
      failures.set(key, times.slice(-max));
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
    succeed(ip, username) {
      failures.delete(keyOf(ip, username));
    },
  };
}
