/**
 * How a reliability or security suite reports what it tried and what held (issue 7).
 *
 * A suite runs in one of two modes: `fast` (the default, under `npm test`) with counts small
 * enough for CI, and `full` (`pnpm test:reliability`, which sets CIVICFLOW_RELIABILITY=full) with
 * the counts RELIABILITY.md quotes. The test that makes the check records its figures on its own
 * test case (`task.meta`), before it asserts them: vitest's JSON report carries them to
 * `reliability/run.mjs`, which renders one row per check. Nothing is written by the suite itself,
 * so a check may run in Node or in Chromium alike. See reliability/README.md.
 */
import type { TestContext } from 'vitest';

/** `fast` under `npm test`, `full` under `pnpm test:reliability`. */
export type ReliabilityMode = 'fast' | 'full';

/** One row of RELIABILITY.md: what a check tried and what held, as figures. */
export interface ReliabilityRow {
  /** Stable id of the check, e.g. `hostile-bodies`; one row per id (the last recorded wins). */
  check: string;
  /** What the check is, in a few words (English; RELIABILITY.md is a developer document). */
  title: string;
  /** What was tried, as counts: `{ 'hostile bodies': 1200, routes: 14 }`. */
  tried: Record<string, number>;
  /** What held, as figures the check asserts: `{ accepted: 0, '5xx': 0, crashes: 0 }`. */
  held: Record<string, number>;
  /** The mode the figures were measured in. */
  mode: ReliabilityMode;
  /** One short sentence: how it was tried (real HTTP, SQLite …) — optional. */
  how?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set by recordReliability (one row, or several when one test checks several databases); read from vitest's JSON report by reliability/run.ts. */
    reliability?: ReliabilityRow | ReliabilityRow[];
  }
}

/** The environment variable that selects the mode (`full`; anything else is `fast`). */
export const RELIABILITY_MODE_ENV = 'CIVICFLOW_RELIABILITY';

/** The mode of this run: `full` only when CIVICFLOW_RELIABILITY=full. */
export function reliabilityMode(): ReliabilityMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[RELIABILITY_MODE_ENV] === 'full' ? 'full' : 'fast';
}

/**
 * The count to try in this run's mode.
 * @example const bodies = reliabilityCount({ fast: 150, full: 1_200 });
 */
export function reliabilityCount(counts: { fast: number; full: number }): number {
  return reliabilityMode() === 'full' ? counts.full : counts.fast;
}

/**
 * Records the check's row on the running test. Call it before asserting the figures, so that a
 * failing check still shows what it found.
 * @example
 * it('refuses every hostile body', async ({ task }) => {
 *   …
 *   recordReliability(task, { check: 'hostile-bodies', title: 'Hostile request bodies', tried: { bodies }, held: { accepted } });
 *   expect(accepted).toBe(0);
 * });
 */
export function recordReliability(task: TestContext['task'], row: Omit<ReliabilityRow, 'mode'>): void {
  const recorded: ReliabilityRow = { ...row, mode: reliabilityMode() };
  const before = task.meta.reliability;
  // A second row on the same test (another check id) is kept beside the first; the same id again replaces it.
  const others = (Array.isArray(before) ? before : before ? [before] : []).filter((r) => r.check !== row.check);
  task.meta.reliability = others.length > 0 ? [...others, recorded] : recorded;
}
