/** The seed of a run's random choices: CIVICFLOW_RELIABILITY_SEED to repeat a run, else a fresh one (printed with the figures). */
export function reliabilitySeed(): number {
  const fromEnv = Number(process.env['CIVICFLOW_RELIABILITY_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() % 2_147_483_647) + 1;
}

/** A seeded random source: the same seed gives the same sequence, so a miss can be replayed from its seed. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  below(n: number): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** A small seeded generator (mulberry32) for the reliability suites. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return { next, below, int: (min, max) => min + below(max - min + 1), pick: (items) => items[below(items.length)]! };
}
