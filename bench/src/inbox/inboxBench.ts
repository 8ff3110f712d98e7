import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultSet } from '../report/results.js';
import { BENCH_PASSWORD } from '../server/benchUsers.js';
import { createHttpClient } from '../server/httpClient.js';
import { startServerProcess } from '../server/serverProcess.js';
import { openRawSqlite } from '../server/sqliteBaselines.js';
import type { BenchMode } from '../support/mode.js';
import { percentile } from '../support/stats.js';
import { fillInbox } from './inboxData.js';

/** The inboxes timed: a village's election committee, a town's government, a county department (the largest). */
const INBOX_USERS = ['bench-vec', 'bench-twp-gov', 'bench-dept-a'] as const;

interface InboxPage { items: { dueAt: string | null; instanceId: string }[]; nextCursor: string | null }

/**
 * `GET /api/tasks` (the first page, 20 tasks, soonest due first) on the real server over SQLite
 * with 100,000 and, in the full run, 1,000,000 open tasks generated directly in the database.
 * Requests one at a time, rotating over three users' inboxes; each answer is checked (200, a full
 * page, due dates in order).
 */
export async function runInboxBench(results: ResultSet, mode: BenchMode, log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-bench-inbox-'));
  try {
    for (const size of mode.inboxSizes) {
      const folder = join(dir, String(size));
      mkdirSync(folder);
      const file = join(folder, 'civicflow.sqlite');
      const databaseUrl = `sqlite:${file}`;
      // 1. The server creates the schema (its migrations) and the bench users.
      await (await startServerProcess(databaseUrl)).stop();
      // 2. The open tasks, written directly (no server running).
      const t0 = performance.now();
      const db = await openRawSqlite(file);
      await db.run('PRAGMA synchronous = OFF');
      const filled = await fillInbox(db, size, log);
      await db.run('PRAGMA wal_checkpoint(TRUNCATE)');
      await db.close();
      const fillSeconds = (performance.now() - t0) / 1000;
      log(`  inbox: ${filled.tasks.toLocaleString('en')} open tasks in ${filled.instances.toLocaleString('en')} cases generated in ${fillSeconds.toFixed(0)} s (${(statSync(file).size / 1_048_576).toFixed(0)} MiB)`);
      // 3. The server again, on the filled database.
      const server = await startServerProcess(databaseUrl, ['--no-seed']);
      const client = createHttpClient(server.url, 2);
      try {
        const cookies = await Promise.all(INBOX_USERS.map((u) => client.login(u, BENCH_PASSWORD)));
        const byUser: number[][] = INBOX_USERS.map(() => []);
        const warmUp = mode.quick ? 6 : 30;
        const total = mode.inboxRequests + warmUp;
        let timedFrom = 0;
        for (let k = 0; k < total; k++) {
          if (k === warmUp) timedFrom = performance.now();
          if (k >= warmUp + 30 && performance.now() - timedFrom > mode.inboxBudgetMs) break;
          const u = k % INBOX_USERS.length;
          const r = await client.send('GET', '/api/tasks?limit=20', { cookie: cookies[u]! });
          const page = r.body as InboxPage;
          if (r.status !== 200 || page.items?.length !== 20) throw new Error(`inbox of ${INBOX_USERS[u]} with ${size} open tasks: HTTP ${r.status}, ${page.items?.length ?? 0} items (expected a full page of 20): ${JSON.stringify(r.body).slice(0, 300)}`);
          const due = page.items.map((i) => i.dueAt).filter((d): d is string => d !== null);
          if (due.some((d, i) => i > 0 && Date.parse(d) < Date.parse(due[i - 1]!))) throw new Error(`inbox of ${INBOX_USERS[u]}: tasks not in due order`);
          if (k >= warmUp) byUser[u]!.push(r.ms); // the first requests warm the server and the page cache
        }
        const all = byUser.flat();
        const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
        const per = INBOX_USERS.map((u, i) => `${u} p50 ${percentile(byUser[i]!, 50).toFixed(1)} / p99 ${percentile(byUser[i]!, 99).toFixed(1)} ms`).join('; ');
        results.add(`inbox.${label}.p50Ms`, percentile(all, 50), 'ms', `GET /api/tasks with ${size.toLocaleString('en')} open tasks: p50`, `${all.length} requests one at a time over 3 inboxes (${per}); ${filled.instances.toLocaleString('en')} cases over 400 villages of 20 towns; data generated in ${fillSeconds.toFixed(0)} s`);
        results.add(`inbox.${label}.p99Ms`, percentile(all, 99), 'ms', `GET /api/tasks with ${size.toLocaleString('en')} open tasks: p99`);
        log(`  inbox ${label}: p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms (${per})`);
      } finally {
        client.close();
        await server.stop();
      }
      rmSync(folder, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
