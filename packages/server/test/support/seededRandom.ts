/** The seed of a run's random choices: CIVICFLOW_RELIABILITY_SEED to repeat a run, else a fresh one (printed with the figures). */
export function reliabilitySeed(): number {
  const fromEnv = Number(process.env['CIVICFLOW_RELIABILITY_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() % 2_147_483_647) + 1;
}

/** A small seeded generator (mulberry32): the same seed gives the same moments, to replay a failing run. */
export function seededRandom(seed: number): { next(): number; int(min: number, max: number): number } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}
