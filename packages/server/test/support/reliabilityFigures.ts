import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Issue 7 (reliability): every reliability suite states, as figures, what it tried and what held.
// `npm test` runs the fast form of each check; CIVICFLOW_RELIABILITY=full runs the full counts
// (`pnpm test:reliability`). The figures go through `recordReliability` alone, so that the shared
// runner that renders RELIABILITY.md can take them over by swapping this one function.

/** The environment variable that selects the full counts (`full`); anything else is the fast form. */
export const RELIABILITY_ENV = 'CIVICFLOW_RELIABILITY';

/** `full` with CIVICFLOW_RELIABILITY=full, else `fast` (the default, what `npm test` runs). */
export const RELIABILITY_MODE: 'fast' | 'full' = process.env[RELIABILITY_ENV] === 'full' ? 'full' : 'fast';

/** The count of this mode: `fast` for `npm test`, `full` for the reliability run. */
export function countFor(fast: number, full: number): number {
  return RELIABILITY_MODE === 'full' ? full : fast;
}

/** One row of the reliability table: what was tried, how often, and how often the property held. */
export interface ReliabilityRow {
  /** The check, e.g. `concurrent completion (SQLite)`. */
  check: string;
  /** What was tried, e.g. `100 rounds × 50 parallel completions`. */
  tried: string;
  /** How many attempts the figures cover and how many held (held === attempts when it passed). */
  attempts: number;
  held: number;
  /** Figures worth reading beside the verdict (answers by status, longest wait …). */
  figures?: Record<string, number | string>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Where the rows of a run are appended (git-ignored), one JSON object a line. */
export const RELIABILITY_FIGURES_FILE = join(root, '.tools', 'reliability', 'figures.jsonl');

/** Records one row (appended to RELIABILITY_FIGURES_FILE and printed). Call it after the assertions held. */
export function recordReliability(row: ReliabilityRow): void {
  const line = { ...row, mode: RELIABILITY_MODE, at: new Date().toISOString() };
  mkdirSync(dirname(RELIABILITY_FIGURES_FILE), { recursive: true });
  appendFileSync(RELIABILITY_FIGURES_FILE, `${JSON.stringify(line)}\n`);
  console.log(`[reliability ${RELIABILITY_MODE}] ${row.check}: ${row.held}/${row.attempts} held (${row.tried})${row.figures ? ` ${JSON.stringify(row.figures)}` : ''}`);
}


/**
 * Where the security suites leave their figures for RELIABILITY.md (issue 7). This is the one
 * place to swap for the shared runner of `pnpm test:reliability` once it is merged: each suite
 * calls `recordReliabilityFigures` once per row with what it measured.
 */
const RESULTS_DIR = fileURLToPath(new URL('../../../../reliability-results/', import.meta.url));

/** Whether the suite runs its full counts (`CIVICFLOW_RELIABILITY=full`) or the fast form of `npm test`. */
export const RELIABILITY_FULL = process.env['CIVICFLOW_RELIABILITY'] === 'full';

/** Writes `<row>.json` with the row's figures (counts, mismatches, leaks, executions) and when. */
export function recordReliabilityFigures(row: string, figures: Record<string, number | string | boolean>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${row}.json`, `${JSON.stringify({ row, mode: RELIABILITY_FULL ? 'full' : 'fast', at: new Date().toISOString(), figures }, null, 2)}\n`);
}
