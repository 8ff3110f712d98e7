import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './liveServer.js';
import { SERVER_NODE_FLAGS } from '../../src/serverNodeFlags.js';

// The server as its own operating-system process (src/server.ts, as `npm start` runs it), for
// the suites that must kill it: a crash is SIGKILL, with no chance to finish a request or close
// the database.

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A running server process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, the port it chose (PORT=0). */
  baseUrl: string;
  pid: number;
  /** kill -9, then waits until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (the server closes cleanly), then waits until it is gone. */
  stop(): Promise<void>;
  /** When the server started listening (Date.now() of the line that says so). */
  listeningAt: number;
}

/**
 * Starts src/server.ts on `databaseUrl` (a free loopback port, the synthetic demo users, rate
 * limits off) and resolves once it listens. `env` adds or overrides variables (e.g. the test clock).
 */
export function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--conditions=@civicflow/source', '--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0',
      RATE_LIMIT_PER_MINUTE: 'off', LOGIN_RATE_LIMIT_PER_MINUTE: 'off',
      CIVICFLOW_DEMO_PASSWORD: DEMO_PASSWORD, CIVICFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        ready = true;
        output = '';
        resolve(handle(child, match[1]!, exited));
      } else if (output.length > 200_000) {
        output = output.slice(-100_000);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`the server process ended before listening (exit ${code}, signal ${signal}):\n${output.slice(-4000)}`));
    });
  });
}

function handle(child: ChildProcess, baseUrl: string, exited: Promise<void>): ServerProcess {
  return {
    baseUrl,
    pid: child.pid!,
    listeningAt: Date.now(),
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
