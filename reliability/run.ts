// `pnpm test:reliability`: runs every reliability/security suite (files named
// `*.reliability.test.ts` or `.tsx`, in any vitest project) with the full counts
// (CIVICFLOW_RELIABILITY=full), then rewrites RELIABILITY.md from the rows the suites recorded
// (reliability/reliabilityCheck.ts → task.meta → vitest's JSON report in .tools/reliability/).
//   pnpm test:reliability               full counts, rewrites RELIABILITY.md
//   pnpm test:reliability --fast        fast counts (as under npm test); prints the table, writes nothing
//   pnpm test:reliability --render      renders the last results file again, runs nothing
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReliability } from './renderReliability.js';
import type { VitestJsonReport } from './renderReliability.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.tools', 'reliability');
const resultsFile = join(resultsDir, 'vitest-results.json');
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const renderOnly = args.includes('--render');
const mode = fast ? 'fast' : 'full';

const machine = `Node ${process.versions.node}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the start`;
const started = Date.now();
let status = 0;
/**
 * Suites whose figures are times (overdue timers firing within 5 s of boot, crash recovery): they run
 * first, one file at a time, with nothing else on the machine's cores; the rest run after them in
 * parallel. Sharing the cores with the model-based suite made boot-to-fire times slip past the limit.
 */
const TIMED_SUITES = ['timers.reliability.test.ts', 'crash.reliability.test.ts'];
const phaseFile = (phase: string) => join(resultsDir, `vitest-results.${phase}.json`);
if (!renderOnly) {
  mkdirSync(resultsDir, { recursive: true });
  const vitest = join(root, 'node_modules', '.bin', 'vitest');
  const phases: { name: string; args: string[] }[] = [
    { name: 'timed', args: [...TIMED_SUITES, '--no-file-parallelism'] },
    { name: 'rest', args: ['reliability.test', ...TIMED_SUITES.flatMap((f) => ['--exclude', `**/${f}`])] },
  ];
  const merged: VitestJsonReport = { testResults: [] };
  for (const phase of phases) {
    rmSync(phaseFile(phase.name), { force: true });
    const r = spawnSync(vitest, ['run', ...phase.args, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${phaseFile(phase.name)}`], {
      cwd: root, stdio: 'inherit', env: { ...process.env, CIVICFLOW_RELIABILITY: mode },
    });
    status ||= r.status ?? 1;
    if (existsSync(phaseFile(phase.name))) merged.testResults!.push(...((JSON.parse(readFileSync(phaseFile(phase.name), 'utf8')) as VitestJsonReport).testResults ?? []));
  }
  writeFileSync(resultsFile, JSON.stringify(merged));
}
const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJsonReport;
const markdown = renderReliability(report, {
  date: new Date(started).toISOString().slice(0, 10),
  seconds: Math.round((Date.now() - started) / 1000),
  machine,
  root,
});
if (fast) {
  console.log(`\n${markdown}`);
  console.log('Fast mode: RELIABILITY.md is left as it is (it quotes the full counts).');
} else {
  writeFileSync(join(root, 'RELIABILITY.md'), markdown);
  console.log(`\nRELIABILITY.md rewritten (${mode} mode).`);
}
process.exit(status);
