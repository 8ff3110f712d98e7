// The PostgreSQL the server's test suites run on (issue 4): CIVICFLOW_TEST_POSTGRES_URL when set,
// otherwise a throwaway cluster of this repository in .tools/postgres (git-ignored) on
// 127.0.0.1:54329 (+ an offset per checkout, see TEST_POSTGRES_PORT), trust authentication,
// started with pg_ctl when it is not running.
//
// Several test runs may share the cluster (two vitest processes in one working tree): each holds a
// lease (a file named after its pid in .tools/postgres-leases) while it runs, and the last one to
// leave stops the cluster, provided the cluster was started by this module (never one a person
// started by hand). Everything here is synchronous so that a lease can be released from an
// `exit` handler: CI must never be left waiting on a background server.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable that names the PostgreSQL server of the tests (a superuser URL). */
export const TEST_POSTGRES_ENV = 'CIVICFLOW_TEST_POSTGRES_URL';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The port of this checkout's own test cluster: 54329 plus an offset from the checkout's path (not
 * 5432, so it never meets a system PostgreSQL). Two checkouts on one machine used to share 54329:
 * one's run found the other's cluster answering, used it without a lease there, and lost it when
 * the other run ended and stopped its cluster. Now each checkout has a port of its own.
 */
export const TEST_POSTGRES_PORT = 54329 + checkoutOffset(realpathSync(root));

/** 0–199, stable for a path (FNV-1a). */
function checkoutOffset(path) {
  let hash = 0x811c9dc5;
  for (const ch of path) hash = Math.imul(hash ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return hash % 200;
}
const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The directory of Debian's PostgreSQL server binaries (the newest installed major version), or null. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')) ? dir : null;
}

/**
 * Makes sure PostgreSQL's server binaries exist, installing Debian's `postgresql` when they are
 * missing and we are root (as scripts/run.mjs does for Chromium). Returns the bin directory.
 */
export function ensurePostgresInstalled({ log = console.log } = {}) {
  const found = postgresBinDir();
  if (found) return found;
  if (!isRoot) {
    throw new Error(`PostgreSQL is not installed, and the server's test suites run on it too. Install it with: sudo apt-get update && sudo apt-get install -y postgresql (or set ${TEST_POSTGRES_ENV}=postgres://user@host:port/db to a server where that user may create databases).`);
  }
  log('\n▶ PostgreSQL is missing: apt-get install postgresql');
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'postgresql']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}): PostgreSQL could not be installed`);
  }
  const dir = postgresBinDir();
  if (!dir) throw new Error('apt-get installed postgresql, but no pg_ctl was found under /usr/lib/postgresql/*/bin');
  return dir;
}

/**
 * Finds or starts the PostgreSQL of the tests and takes a lease on it.
 * Returns `{ url, release }`: `url` is a superuser URL (on it the harness creates one database
 * per suite); `release()` gives the lease back and stops the cluster when this was its last user.
 * Throws with what to do when PostgreSQL cannot be had. `install: true` lets it apt-get install
 * PostgreSQL first (scripts/run.mjs); the vitest global setup never installs anything.
 */
export function acquireTestPostgres({ install = false, log = console.log } = {}) {
  const fromEnv = process.env[TEST_POSTGRES_ENV]?.trim();
  if (fromEnv) return { url: fromEnv, started: false, release() {} };

  const bin = install ? ensurePostgresInstalled({ log }) : postgresBinDir();
  if (!bin) {
    throw new Error(`PostgreSQL's server binaries were not found (looked in /usr/lib/postgresql/*/bin and pg_config). Install them (apt-get install postgresql; \`npm test\` does it when run as root) or set ${TEST_POSTGRES_ENV}.`);
  }
  const cluster = clusterPaths();
  mkdirSync(cluster.leases, { recursive: true });
  const lease = join(cluster.leases, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(lease, '');
  let started = false;
  let released = false;
  try {
    if (!isReady(bin)) {
      initCluster(bin, cluster);
      started = startCluster(bin, cluster, log);
    }
    // Nobody else is using the cluster: databases left by a run that crashed can go — but only on
    // this checkout's own cluster (another checkout's cluster on the same port has users we cannot see).
    if (liveLeases(cluster).length === 1 && servesDataDirectory(bin, cluster.data)) dropLeftoverDatabases(bin);
  } catch (error) {
    release();
    throw error;
  }
  function release() {
    if (released) return;
    released = true;
    rmSync(lease, { force: true });
    if (liveLeases(cluster).length > 0 || !existsSync(cluster.marker)) return;
    runAsOwner(join(bin, 'pg_ctl'), ['stop', '-D', cluster.data, '-m', 'fast', '-w', '-t', '60']);
    rmSync(cluster.marker, { force: true });
  }
  return { url: `postgres://${SUPERUSER}@${HOST}:${TEST_POSTGRES_PORT}/postgres`, started, release };
}

function clusterPaths() {
  const tools = join(root, '.tools');
  let data = join(tools, 'postgres');
  // The postgres user must reach the data directory; a checkout it cannot enter (e.g. under /root)
  // gets its cluster in the temporary directory instead.
  if (isRoot && !reachableByPostgres(tools)) data = join(tmpdir(), 'civicflow-test-postgres');
  const leases = `${data}-leases`;
  return { data, leases, marker: join(leases, 'started-by-civicflow'), log: join(leases, 'server.log') };
}

/** util-linux's runuser, by its path: it lives in /usr/sbin or /sbin, which a CI PATH may leave out. */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((f) => existsSync(f)) ?? 'runuser';

function reachableByPostgres(dir) {
  mkdirSync(dir, { recursive: true });
  return spawnSync(RUNUSER, ['-u', SUPERUSER, '--', 'test', '-x', dir], { stdio: 'ignore' }).status === 0;
}

/** Runs a PostgreSQL binary as the cluster's owner: `postgres` when we are root (PostgreSQL refuses to run as root). */
function runAsOwner(cmd, args) {
  const [file, argv] = isRoot ? [RUNUSER, ['-u', SUPERUSER, '--', cmd, ...args]] : [cmd, args];
  return spawnSync(file, argv, { encoding: 'utf8', cwd: tmpdir() });
}

function isReady(bin) {
  return spawnSync(join(bin, 'pg_isready'), ['-q', '-h', HOST, '-p', String(TEST_POSTGRES_PORT), '-t', '2'], { stdio: 'ignore' }).status === 0;
}

function initCluster(bin, cluster) {
  const versionFile = join(cluster.data, 'PG_VERSION');
  // A cluster of another major version (PostgreSQL was upgraded) cannot start: it holds only
  // test databases, so it is made anew.
  const major = basename(dirname(bin));
  if (existsSync(versionFile) && (!/^\d+$/.test(major) || readFileSync(versionFile, 'utf8').trim() === major)) return;
  if (isRoot && spawnSync('id', ['-u', SUPERUSER], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`there is no "${SUPERUSER}" user to run PostgreSQL as (PostgreSQL refuses to run as root): reinstall Debian's postgresql package, or set ${TEST_POSTGRES_ENV}`);
  }
  rmSync(cluster.data, { recursive: true, force: true });
  mkdirSync(cluster.data, { recursive: true, mode: 0o700 });
  if (isRoot) chownToPostgres(cluster.data);
  // C collation: ORDER BY compares bytes, as SQLite does, so both dialects page inboxes alike.
  const r = runAsOwner(join(bin, 'initdb'), ['-D', cluster.data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-instructions']);
  if (r.status !== 0) throw new Error(`initdb of the test cluster in ${cluster.data} failed:\n${r.stderr || r.stdout || r.error?.message}`);
}

function chownToPostgres(path) {
  const uid = Number(spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).stdout.trim());
  chownSync(path, uid, gid);
}

/** Starts the cluster; true when this call started it, false when another run did so meanwhile. */
function startCluster(bin, cluster, log) {
  // A throwaway cluster: no fsync (tests never survive a power cut), no Unix socket, loopback only.
  const settings = [
    `port=${TEST_POSTGRES_PORT}`, `listen_addresses=${HOST}`, "unix_socket_directories=''",
    'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300',
  ].map((s) => `-c ${s}`).join(' ');
  writeFileSync(cluster.log, '');
  if (isRoot) chownToPostgres(cluster.log);
  log(`\n▶ starting the test PostgreSQL on ${HOST}:${TEST_POSTGRES_PORT} (${cluster.data})`);
  const r = runAsOwner(join(bin, 'pg_ctl'), ['start', '-D', cluster.data, '-l', cluster.log, '-w', '-t', '60', '-o', settings]);
  if (r.status === 0) {
    writeFileSync(cluster.marker, `${userInfo().username} ${new Date().toISOString()}\n`);
    return true;
  }
  if (isReady(bin)) return false; // another run started it first
  const tail = existsSync(cluster.log) ? readFileSync(cluster.log, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`the test PostgreSQL did not start (pg_ctl exit ${r.status}):\n${r.stderr || r.stdout}\n${tail}`);
}

/** True when the server on the test port runs on `data` (this checkout's cluster). */
function servesDataDirectory(bin, data) {
  const r = spawnSync(join(bin, 'psql'), ['-h', HOST, '-p', String(TEST_POSTGRES_PORT), '-U', SUPERUSER, '-d', 'postgres', '-Atqc', 'show data_directory'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  try {
    return realpathSync(r.stdout.trim()) === realpathSync(data);
  } catch {
    return false;
  }
}

/** Test databases (cf_test_…) of earlier runs that died before dropping them. */
function dropLeftoverDatabases(bin) {
  const psql = (sql) => spawnSync(join(bin, 'psql'), ['-h', HOST, '-p', String(TEST_POSTGRES_PORT), '-U', SUPERUSER, '-d', 'postgres', '-Atqc', sql], { encoding: 'utf8' });
  const r = psql("select datname from pg_database where datname like 'cf\\_test\\_%'");
  if (r.status !== 0) return;
  for (const name of r.stdout.split('\n').map((s) => s.trim()).filter((s) => /^cf_test_\w+$/.test(s))) psql(`drop database if exists "${name}" with (force)`);
}

/** Leases whose process is still alive (leases of dead processes are removed). */
function liveLeases(cluster) {
  if (!existsSync(cluster.leases)) return [];
  return readdirSync(cluster.leases).filter((name) => {
    const pid = Number(name.split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      if (error.code === 'EPERM') return true;
      rmSync(join(cluster.leases, name), { force: true });
      return false;
    }
  });
}
