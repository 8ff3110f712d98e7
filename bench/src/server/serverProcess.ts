import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '@civicflow/server';
import { BENCH_DIR } from '../support/referenceFiles.js';

const CHILD = fileURLToPath(new URL('./serverChild.ts', import.meta.url));

/** A server running in its own process: its address, and how to stop it. */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts serverChild.ts in a fresh Node (tsx, the workspace's source condition) on `databaseUrl`
 * with the Node flags the server runs with in production (SERVER_NODE_FLAGS, as `npm start`), and
 * waits until it listens. `nodeArgs` go to Node too (e.g. `--cpu-prof` to profile the server).
 */
export function startServerProcess(databaseUrl: string, args: readonly string[] = [], nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', '--conditions=@civicflow/source', CHILD, databaseUrl, ...args], {
      cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' },
    });
    let out = '';
    let err = '';
    let ready = false;
    proc.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
      if (!line || ready) return;
      ready = true;
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({
        url, pid,
        stop: () => new Promise<void>((done) => {
          if (proc.exitCode !== null) return done();
          proc.once('exit', () => done());
          proc.kill('SIGTERM');
        }),
      });
    });
    proc.on('error', reject);
    proc.on('exit', (code) => { if (!ready) reject(new Error(`the server process exited (${code}) before listening:\n${err.slice(-4000)}`)); });
  });
}
