import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
