/**
 * Renders RELIABILITY.md from vitest's JSON report: one row per check recorded with
 * recordReliability (reliabilityCheck.ts), with whether the test that recorded it passed.
 */
import { relative } from 'node:path';
import type { ReliabilityRow } from './reliabilityCheck.js';

/** The part of vitest's JSON report (`--reporter=json`) the rows are read from. */
export interface VitestJsonReport {
  testResults?: Array<{
    name: string;
    assertionResults?: Array<{ fullName: string; status: string; meta?: { reliability?: ReliabilityRow | ReliabilityRow[] } }>;
  }>;
}

/** A recorded row, with the status of the test that recorded it and its file. */
export interface RenderedRow extends ReliabilityRow {
  status: string;
  file: string;
}

/** How the run went, for the header. */
export interface RunFacts {
  date: string;
  seconds: number;
  machine: string;
  root: string;
}

const number = new Intl.NumberFormat('en-US');

/** `{ bodies: 1200, routes: 14 }` → `1,200 bodies · 14 routes`. */
function counts(record: Record<string, number>): string {
  return Object.entries(record).map(([name, value]) => `${number.format(value)} ${name}`).join(' · ');
}

/** `{ accepted: 0, crashes: 0 }` → `accepted 0 · crashes 0` (the name first: it reads as a claim). */
function claims(record: Record<string, number>): string {
  return Object.entries(record).map(([name, value]) => `${name} ${number.format(value)}`).join(' · ');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The rows recorded in a vitest JSON report, one per check id (the last one wins), in the order the files ran. */
export function reliabilityRows(report: VitestJsonReport, root: string): RenderedRow[] {
  const rows = new Map<string, RenderedRow>();
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      const recorded = test.meta?.reliability;
      for (const row of Array.isArray(recorded) ? recorded : recorded ? [recorded] : []) {
        rows.set(row.check, { ...row, status: test.status, file: relative(root, file.name) });
      }
    }
  }
  return [...rows.values()];
}

/** The whole RELIABILITY.md. */
export function renderReliability(report: VitestJsonReport, run: RunFacts): string {
  const rows = reliabilityRows(report, run.root);
  const failed = rows.filter((r) => r.status !== 'passed').length;
  const modes = [...new Set(rows.map((r) => r.mode))].join(' and ') || 'no';
  return [
    '# Reliability and security (issue 7)',
    '',
    '<!-- Written by `pnpm test:reliability` (reliability/run.ts); do not edit by hand. -->',
    '',
    `Measured by \`pnpm test:reliability\` on ${run.date} (${modes} mode, ${run.seconds} s; ${run.machine}).`,
    `${rows.length} checks: ${rows.length - failed} held${failed ? `, **${failed} did not hold**` : ''}.`,
    '`npm test` runs the same checks with smaller counts (fast mode); this table quotes what the run above tried.',
    '',
    '| check | what was tried | what held | result | mode | suite |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.title)} | ${cell(counts(r.tried))}${r.how ? ` (${cell(r.how)})` : ''} | ${cell(claims(r.held))} | ${r.status === 'passed' ? '✅ held' : `❌ ${r.status}`} | ${r.mode} | \`${cell(r.file)}\` |`),
    '',
    '## Adding a check',
    '',
    'Name the test file `*.reliability.test.ts` (`.tsx` for a Chromium suite) in any vitest project,',
    'take its counts from `reliabilityCount({ fast, full })` and record its figures with',
    '`recordReliability(task, { check, title, tried, held })` before asserting them',
    '(`reliability/reliabilityCheck.ts`, described in `reliability/README.md`). The next',
    '`pnpm test:reliability` adds the row.',
    '',
  ].join('\n');
}
