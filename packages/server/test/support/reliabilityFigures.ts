import { TestRunner } from 'vitest';
import { recordReliability as recordRow, reliabilityCount, reliabilityMode } from '../../../../reliability/reliabilityCheck.js';

// The server's reliability and security suites report through the shared runner
// (reliability/reliabilityCheck.ts: the row travels on the running test to RELIABILITY.md). These
// two shapes are how the suites state their figures; both become the runner's rows here.

/** `full` with CIVICFLOW_RELIABILITY=full (`pnpm test:reliability`), else `fast` (what `npm test` runs). */
export const RELIABILITY_MODE = reliabilityMode();
/** Whether this run takes the full counts. */
export const RELIABILITY_FULL = RELIABILITY_MODE === 'full';

/** The count of this mode: `fast` for `npm test`, `full` for the reliability run. */
export function countFor(fast: number, full: number): number {
  return reliabilityCount({ fast, full });
}

/** One check: what was tried, how often, and how often the property held. */
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

/** Records one check on the running test (and prints it). Call it before asserting, so a failing check still shows its figures. */
export function recordReliability(row: ReliabilityRow): void {
  const numbers = Object.fromEntries(Object.entries(row.figures ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const words = Object.entries(row.figures ?? {}).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}: ${v}`);
  recordRow(currentTest(), {
    check: slug(row.check), title: row.check, tried: { attempts: row.attempts }, held: { held: row.held, ...numbers },
    how: [row.tried, ...words].join('; '),
  });
  console.log(`[reliability ${RELIABILITY_MODE}] ${row.check}: ${row.held}/${row.attempts} held (${row.tried})`);
}

/** Figures that count a failure of the property (leaks, mismatches, executions …): they go to "held", the counts of what was tried to "tried". */
const FAILURE_FIGURE = /leak|mismatch|unlogged|execution|violation|injected|unaudited|leaked|accepted|crash|miss/i;

/** Records one check stated as named figures (`{ cellsChecked: 598, mismatches: 0 }`) on the running test. */
export function recordReliabilityFigures(check: string, figures: Record<string, number | string | boolean>): void {
  const tried: Record<string, number> = {};
  const held: Record<string, number> = {};
  for (const [name, value] of Object.entries(figures)) {
    const n = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : Number.NaN;
    if (Number.isNaN(n)) continue;
    (FAILURE_FIGURE.test(name) ? held : tried)[name] = n;
  }
  recordRow(currentTest(), { check, title: check.replaceAll('-', ' '), tried, held });
}

function currentTest() {
  const test = TestRunner.getCurrentTest();
  if (!test) throw new Error('record a reliability row inside a test (it travels on the test to RELIABILITY.md)');
  return test;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
