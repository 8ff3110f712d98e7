import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ResultSet } from '../report/results.js';
import type { BenchMode } from '../support/mode.js';
import { BENCH_DIR } from '../support/referenceFiles.js';

const CHILD = fileURLToPath(new URL('./heapChild.ts', import.meta.url));

/** Runs heapChild.ts in a fresh Node with --expose-gc (and tsx, with the workspace's source condition). */
function child(kind: string, count: number): Promise<{ heapBytes: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', '--conditions=@civicflow/source', CHILD, kind, String(count)], { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    proc.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`heap child (${kind}) exited ${code}:\n${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as { heapBytes: number });
    });
  });
}

/**
 * Heap for `mode.heapSnapshots` live snapshots, each instance waiting for departments B and C:
 * civicflow's snapshots as `step` returns them (they keep the XState snapshot they were made from
 * alive, so a host that holds them holds both), civicflow's snapshots as read back from JSON (what
 * a server holds after loading), and the hand-written XState machine's persisted snapshots.
 */
export async function measureHeap(results: ResultSet, mode: BenchMode, log: (line: string) => void): Promise<void> {
  const n = mode.heapSnapshots;
  const how = `heapUsed after two gc() calls, minus the same before creating them, in a child process (node --expose-gc); ${n.toLocaleString('en')} instances each waiting for departments B and C`;
  const kinds = [
    ['civicflow', 'engine.civicflow.heapMiBPer100k', 'civicflow: heap for 100,000 live snapshots (as step returns them)'],
    ['civicflowRestored', 'engine.civicflow.heapMiBPer100kRestored', 'civicflow: heap for 100,000 snapshots read back from JSON'],
    ['xstatePersisted', 'engine.xstate.heapMiBPer100k', 'XState: heap for 100,000 persisted snapshots read back from JSON'],
  ] as const;
  // Side by side: heap figures do not depend on time, so the children may share the cores.
  const measured = await Promise.all(kinds.map(([kind]) => child(kind, n)));
  kinds.forEach(([kind, key, label], i) => {
    const { heapBytes } = measured[i]!;
    results.add(key, (heapBytes / n) * 100_000 / 1_048_576, 'MiB', label, how);
    log(`  heap ${kind}: ${(heapBytes / n).toFixed(0)} bytes per snapshot`);
  });
}
