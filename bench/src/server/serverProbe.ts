/**
 * `pnpm bench:probe [clients] [ms]` — where a server completion's CPU goes, for the next round of
 * profiling (Linux only: it reads /proc). Starts the bench's server on SQLite (a temporary
 * directory, the production Node flags), warms it with 16 clients, then runs `clients` (64) for
 * `ms` (8,000) and prints, per completion: the CPU of each server thread (main, libuv's pool,
 * V8's helpers), of the whole server and of the load generator; system calls, KiB written and
 * context switches; and the main thread's garbage-collection pauses. Not a benchmark (no
 * baseline, no target): CPU per completion moves less with the machine's load than throughput
 * does, so compare runs of two versions alternated, several times.
 * Extra arguments go to the server's Node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../support/stats.js';
import { createHttpClient } from './httpClient.js';
import { runClients, signInWorkloadUsers, startInstances } from './httpWorkload.js';
import { startServerProcess } from './serverProcess.js';
import { STEPS_PER_INSTANCE } from '../workload/referenceWorkload.js';

/** Counters the Linux kernel keeps for a process, summed over its threads where per thread. */
interface ProcessCounters { cpuMsByThread: Map<string, number>; syscalls: number; bytesWritten: number; contextSwitches: number; pageFaults: number }

function countersOf(pid: number): ProcessCounters {
  const cpuMsByThread = new Map<string, number>();
  let contextSwitches = 0;
  // minflt + majflt of the whole process (every thread's): on a virtual machine a page the process
  // touches for the first time can cost microseconds.
  const processStat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const processFields = processStat.slice(processStat.lastIndexOf(')') + 2).split(' ');
  const pageFaults = Number(processFields[7]) + Number(processFields[9]);
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, in clock ticks of 10 ms.
      cpuMsByThread.set(tid === String(pid) ? 'main' : `thread ${tid}`, (Number(fields[11]) + Number(fields[12])) * 10);
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      contextSwitches += Number(/\bvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0) + Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch { /* the thread ended meanwhile */ }
  }
  const io = Object.fromEntries(readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n').map((line) => {
    const [key, value] = line.split(': ');
    return [key!, Number(value)];
  }));
  return { cpuMsByThread, syscalls: (io['syscr'] ?? 0) + (io['syscw'] ?? 0), bytesWritten: io['wchar'] ?? 0, contextSwitches, pageFaults };
}

/** A preload for the server: counts its GC pauses between two SIGUSR2 and writes them to `file`. */
function gcWatcher(file: string): string {
  return `const { PerformanceObserver, constants } = require('node:perf_hooks');
const kinds = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
const stats = {}; let on = false;
new PerformanceObserver((list) => { if (!on) return; for (const e of list.getEntries()) { const k = kinds[e.detail?.kind] ?? 'other'; const s = stats[k] ??= { count: 0, ms: 0 }; s.count += 1; s.ms += e.duration; } }).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => { on = !on; if (!on) require('node:fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(stats)); });
`;
}

const [clientsArg, msArg, ...nodeArgs] = process.argv.slice(2);
const clients = Number(clientsArg ?? 64);
const ms = Number(msArg ?? 8_000);
if (!(clients >= 1) || !(ms >= 500)) throw new Error('usage: pnpm bench:probe [clients ≥ 1] [ms ≥ 500] [node flags for the server…]');

const dir = mkdtempSync(join(tmpdir(), 'civicflow-probe-'));
const gcFile = join(dir, 'gc.json');
writeFileSync(join(dir, 'gc-watch.cjs'), gcWatcher(gcFile));
const server = await startServerProcess(`sqlite:${join(dir, 'civicflow.sqlite')}`, [], ['--require', join(dir, 'gc-watch.cjs'), ...nodeArgs]);
const client = createHttpClient(server.url, clients + 4);
try {
  const sessions = await signInWorkloadUsers(client);
  // Warm-up at 16 clients for 3 s, so that the timed run does not pay for JIT compilation.
  let pool = await startInstances(client, sessions, 0, 600, 16);
  const warm = await runClients(client, sessions, pool, 16, 3_000, 'probe warm-up');
  pool = [...warm.leftover, ...await startInstances(client, sessions, warm.nextIndex, Math.ceil((ms / 1000) * 2_500 / STEPS_PER_INSTANCE) + clients, 16)];

  const before = countersOf(server.pid);
  const cpuBefore = process.cpuUsage();
  process.kill(server.pid, 'SIGUSR2');
  const run = await runClients(client, sessions, pool, clients, ms, `probe with ${clients} clients`);
  process.kill(server.pid, 'SIGUSR2');
  const cpuGenerator = process.cpuUsage(cpuBefore);
  const after = countersOf(server.pid);
  await new Promise((resolve) => setTimeout(resolve, 200));

  const n = run.completions;
  const perCompletion = (total: number) => (1000 * total / n).toFixed(0);
  console.log(`${clients} clients: ${(n / (run.wallMs / 1000)).toFixed(0)} completions/s, p50 ${percentile(run.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(run.latenciesMs, 99).toFixed(1)} ms (${n} completions)`);
  console.log('CPU per completion (µs):');
  let serverCpu = 0;
  for (const [thread, cpuMs] of after.cpuMsByThread) {
    const spent = cpuMs - (before.cpuMsByThread.get(thread) ?? 0);
    serverCpu += spent;
    if (spent > 0) console.log(`  ${thread.padEnd(14)} ${perCompletion(spent).padStart(5)}`);
  }
  console.log(`  ${'server'.padEnd(14)} ${perCompletion(serverCpu).padStart(5)}`);
  console.log(`  ${'load generator'.padEnd(14)} ${((cpuGenerator.user + cpuGenerator.system) / n).toFixed(0).padStart(5)}`);
  console.log(`per completion: ${((after.syscalls - before.syscalls) / n).toFixed(1)} read/write system calls, ${((after.bytesWritten - before.bytesWritten) / n / 1024).toFixed(1)} KiB written, ${((after.contextSwitches - before.contextSwitches) / n).toFixed(1)} context switches, ${((after.pageFaults - before.pageFaults) / n).toFixed(1)} page faults`);
  const gc = JSON.parse(readFileSync(gcFile, 'utf8')) as Record<string, { count: number; ms: number }>;
  console.log(`main thread GC: ${Object.entries(gc).map(([kind, s]) => `${kind} ${s.count}× ${(1000 * s.ms / n).toFixed(0)} µs/completion`).join(', ') || 'none'}`);
} finally {
  client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
