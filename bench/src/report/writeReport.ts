import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './results.js';

const SECTIONS: [prefix: string, title: string][] = [
  ['engine.', 'Engine, in memory (one instance at a time)'],
  ['server.', 'Server over HTTP, and its baselines'],
  ['inbox.', 'Inbox (GET /api/tasks)'],
  ['studio.', 'Studio (Chromium)'],
];

const num = (v: number): string => v.toLocaleString('en', { maximumFractionDigits: 3 });

/** The run as a markdown table: targets (met / missed), ratios, then every figure with its unit. */
export function renderMarkdown(r: BenchResults, command: string): string {
  const lines: string[] = [];
  lines.push(`Measured by \`${command}\` on ${r.startedAt.slice(0, 10)} (${r.mode} run, ${Math.round(r.durationSeconds)} s; Node ${r.machine.node}, ${r.machine.cpus} cores, load average ${r.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start — other work shared the machine, so absolute numbers are noisy; the ratios are measured side by side).`);
  lines.push('', '| target | wanted | this run | |', '| --- | --- | --- | --- |');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.target} | ${t.actual} | ${t.met ? '✅ met' : '❌ missed'} |`);
  lines.push('', '| ratio | value |', '| --- | --- |');
  for (const [key, ratio] of Object.entries(r.ratios)) lines.push(`| \`${key}\`: ${ratio.label} | ${num(ratio.value)}× |`);
  for (const [prefix, title] of SECTIONS) {
    const entries = Object.entries(r.figures).filter(([k]) => k.startsWith(prefix));
    if (entries.length === 0) continue;
    lines.push('', `**${title}**`, '', '| figure | value | unit |', '| --- | --- | --- |');
    for (const [, f] of entries) lines.push(`| ${f.label} | ${num(f.value)} | ${f.unit} |`);
  }
  if (r.notes.length > 0) {
    lines.push('', 'Notes:', '');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:start (written by `pnpm bench`; do not edit by hand) -->';
const END = '<!-- bench:end -->';

/** Replaces the Performance section's table in the README (between the bench markers). */
export function updateReadme(readmeFile: string, markdown: string): void {
  const text = readFileSync(readmeFile, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${readmeFile} has no Performance section markers (${START} … ${END})`);
  writeFileSync(readmeFile, `${text.slice(0, from + START.length)}\n${markdown}${text.slice(to)}`);
}
