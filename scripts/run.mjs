#!/usr/bin/env node
// The two commands of the README, on a machine that has only Node 20 and npm:
//   npm start  → installs what is needed, builds the studio, then runs the server (API + studio)
//   npm test   → installs what is needed, then lints, typechecks and runs every test suite
// pnpm is installed into ./.tools (inside the repo, git-ignored) when it is not on the PATH,
// so nothing is cached or installed outside the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireTestPostgres, ensurePostgresInstalled, TEST_POSTGRES_ENV } from './postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const task = process.argv[2];

function run(cmd, args, opts = {}) {
  console.log(`\n▶ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function pnpmBinary() {
  try {
    const v = execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (v === PNPM_VERSION) return 'pnpm';
  } catch { /* not on PATH */ }
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) run('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-audit', '--no-fund', `pnpm@${PNPM_VERSION}`]);
  return local;
}

const pnpm = pnpmBinary();
run(pnpm, ['install', '--frozen-lockfile']);

/** Component and end-to-end tests drive Debian's Chromium; install it when missing (never a Playwright download). */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.error(`Chromium is missing at ${path}. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium']);
}

/**
 * The studio is in Chinese: without a CJK font Chromium draws boxes, and the screenshots the
 * end-to-end tests leave as artifacts cannot be read. Debian's WenQuanYi Micro Hei is small (~5 MB).
 */
function ensureChineseFont() {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() !== '') return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    console.warn('No Chinese font found: screenshots of the studio will show boxes. Install one with: sudo apt-get install -y fonts-wqy-microhei');
    return;
  }
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'fonts-wqy-microhei'], { cwd: root, stdio: 'inherit' }).status === 0;
  if (!install()) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'fonts-wqy-microhei']);
  }
}

/**
 * The server's suites run on PostgreSQL too: install Debian's PostgreSQL when missing (as root; a
 * clear message otherwise), unless CIVICFLOW_TEST_POSTGRES_URL names a server to use.
 */
function ensurePostgres() {
  if (process.env[TEST_POSTGRES_ENV]) return;
  try {
    ensurePostgresInstalled();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

/** Starts (or finds) the test PostgreSQL for vitest; it is stopped when this script exits, so CI never waits on a background server. */
function startTestPostgres() {
  try {
    const lease = acquireTestPostgres();
    process.on('exit', () => lease.release());
    // Ctrl-C or a CI timeout: exit through the handler above rather than leave the server running.
    process.on('SIGINT', () => process.exit(130));
    process.on('SIGTERM', () => process.exit(143));
    return { ...process.env, [TEST_POSTGRES_ENV]: lease.url };
  } catch (error) {
    console.error(`The test PostgreSQL could not be started: ${error.message}`);
    process.exit(1);
  }
}

if (task === 'test') {
  ensureChromium();
  ensureChineseFont();
  ensurePostgres();
  run(pnpm, ['run', 'lint']);
  run(pnpm, ['run', 'typecheck']);
  // Storybook documents every reusable component; a story that does not build fails the run (built before the tests so that their summary closes the output).
  run(pnpm, ['--filter', '@civicflow/forms', 'run', 'storybook:build']);
  run(pnpm, ['--filter', '@civicflow/studio', 'run', 'storybook:build']);
  // The studio, built once: the server's tests serve it and drive it in Chromium.
  run(pnpm, ['--filter', '@civicflow/studio', 'run', 'build']);
  // The React embedding example, built as a developer would build it (its test serves the build under a strict CSP).
  run(pnpm, ['--filter', '@civicflow/embed-react', 'run', 'build']);
  // vitest's own summary is not one CI reads, so a plain "N passed, N failed" line closes the run.
  mkdirSync(join(root, '.tools'), { recursive: true });
  const report = join(root, '.tools', 'vitest-report.json');
  const env = startTestPostgres();
  const r = spawnSync(pnpm, ['run', 'test:unit', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, stdio: 'inherit', env });
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    // A file that fails to load fails its suite without any failed test: count it as a failure.
    const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed')).length;
    console.log(`\nTests: ${j.numPassedTests} passed, ${j.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
} else if (task === 'start') {
  // The studio is built, then the server serves it and the API at http://127.0.0.1:3000 (PORT, HOST,
  // DATA_DIR, DATABASE_URL, CIVICFLOW_ADMIN_PASSWORD …); it prints the address and the demo sign-in.
  run(pnpm, ['--filter', '@civicflow/studio', 'run', 'build']);
  run(pnpm, ['--filter', '@civicflow/server', 'start']);
} else {
  console.error('usage: node scripts/run.mjs test|start');
  process.exit(2);
}
