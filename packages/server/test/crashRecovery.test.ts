import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, startStored } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { closeOrm, createDefinitionRepository, createOrm, createSqlStore, requestHash, serverEngineOptions } from '../src/index.js';
import type { Orm } from '../src/index.js';
import { completeTask, signIn } from './support/httpSession.js';
import { DEMO_PASSWORD } from './support/liveServer.js';
import { CHAIN, VILLAGE } from './support/reliabilityProcesses.js';
import { startServerProcess } from './support/serverProcess.js';
import type { ServerProcess } from './support/serverProcess.js';

// What a kill -9 leaves claimed in a SQLite file — an Idempotency-Key `in_progress`, outbox work
// leased to the dead process — is released when the server boots again (src/server.ts), so a
// client's retry and the subprocess work go ahead at once: not after the key goes stale (5 min)
// or the lease runs out (30 s). The state is written into the file while the server is down,
// exactly as the killed process left it; the server runs as its own process.

const t = (s: string) => ({ 'zh-CN': s, en: s });
const CHILD: ProcessDefinition = {
  schemaVersion: 1, id: 'recovery-child', version: 1, title: t('child'),
  roles: { V_MED: { title: t('mediator') } },
  forms: { ok: { title: t('ok'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  start: 'check',
  steps: {
    check: { kind: 'task', title: t('check'), form: 'ok', assignee: { role: 'V_MED' }, next: 'cleared' },
    cleared: { kind: 'end', outcome: 'CLEARED', title: t('cleared') },
  },
};
const PARENT: ProcessDefinition = {
  schemaVersion: 1, id: 'recovery-parent', version: 1, title: t('parent'),
  roles: { V_MED: { title: t('mediator') } },
  forms: { ok: { title: t('ok'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 50 } } } } },
  start: 'vet',
  steps: {
    vet: { kind: 'subprocess', definition: { id: CHILD.id }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
/** What "at once" means here: well under the lease the dead process took (LEASE_MS) and the stale-key age (5 min). */
const AT_ONCE_MS = 20_000;
/** The lease the dead process took on its outbox work (longer than the server's 30 s, so a slow boot on a busy machine cannot outlast it). */
const LEASE_MS = 600_000;

describe('after a kill -9, the restarted server (SQLite) releases what the dead process had claimed', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-recovery-'));
  const databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    const orm = await createOrm({ databaseUrl });
    const definitions = createDefinitionRepository(orm);
    for (const definition of [CHAIN, CHILD, PARENT]) await definitions.publish(definition);
    await closeOrm(orm);
  }, 60_000);
  afterAll(async () => {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the SQLite file (a second connection while the server runs), runs `write`, closes it. */
  async function withFile<T>(write: (orm: Orm) => Promise<T>): Promise<T> {
    const orm = await createOrm({ databaseUrl });
    try {
      return await write(orm);
    } finally {
      await closeOrm(orm);
    }
  }

  it('a retry with the Idempotency-Key of a command the crash cut short runs the command (not 409), once; a retry of that answers it again', async () => {
    server = await startServerProcess(databaseUrl);
    const before = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD);
    const started = await before.post('/api/instances', { definitionId: CHAIN.id }, { 'idempotency-key': randomUUID() });
    expect(started.status, started.text).toBe(201);
    const { instanceId, tasks } = started.body as { instanceId: string; tasks: { id: string }[] };
    const taskId = tasks[0]!.id;
    await server.kill9();

    // The crash struck between the key's claim and the command's commit: the key is in_progress, the task still open.
    const key = randomUUID();
    const data = { note: 'after the crash' };
    await withFile(async (orm) => {
      const actor = (await createSqlStore(orm).load(instanceId))!.snapshot.context.case.startedBy;
      await orm.em.fork().getConnection().execute(
        `insert into "idempotency_key" ("key", "actor", "request_hash", "status", "response", "created_at") values (?, ?, ?, 'in_progress', null, ?)`,
        [key, actor, requestHash('POST', `/api/tasks/${instanceId}/${taskId}/complete`, { data }), Date.now()], 'run');
    });

    server = await startServerProcess(databaseUrl);
    const after = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD);
    const retried = await completeTask(after, instanceId, taskId, data, key);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.replayed).toBe(false);
    const again = await completeTask(after, instanceId, taskId, data, key);
    expect({ status: again.status, replayed: again.replayed, text: again.text }).toEqual({ status: 200, replayed: true, text: retried.text });
    // Still: the same key with another body is refused.
    expect((await completeTask(after, instanceId, taskId, { note: 'other' }, key)).status).toBe(422);
    const history = (await after.get(`/api/instances/${instanceId}/history`)).body as { events: { type: string }[] };
    expect(history.events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
    await server.stop();
    server = undefined;
  });

  it('subprocess work leased to the dead process is done within seconds of boot, not when its lease runs out', async () => {
    const parentId = `recovery-parent-${randomUUID()}`;
    // A parent case started by the process that died: its outbox row (start the child) claimed, lease running.
    const leasedUntil = await withFile(async (orm) => {
      const store = createSqlStore(orm);
      const at = Date.now();
      await startStored(store, PARENT, { instanceId: parentId, orgUnit: VILLAGE }, { now: formatInstant(at), actor: { id: 'u-v_med', roles: ['V_MED'], orgUnit: VILLAGE } }, serverEngineOptions());
      const until = at + LEASE_MS;
      const claimed = await orm.em.fork().getConnection().execute(
        `update "effect_outbox" set "claimed_by" = 'dead@127.0.0.1:1', "claimed_until" = ? where "instance_id" = ? and "done_at" is null`, [until, parentId], 'run') as { affectedRows?: number };
      expect(claimed.affectedRows).toBe(1);
      return until;
    });

    server = await startServerProcess(databaseUrl);
    const bootedAt = server.listeningAt;
    // Watched through a second connection to the file (as the timers suite does), polled.
    let startedAt: number | undefined;
    await withFile(async (orm) => {
      await pollFor(async () => {
        const links = await orm.em.fork().getConnection().execute('select "child_instance_id" from "subprocess_link" where "parent_instance_id" = ?', [parentId]) as unknown[];
        if (links.length > 0) startedAt = Date.now();
        return links.length > 0;
      });
    });
    expect(startedAt! - bootedAt).toBeLessThan(AT_ONCE_MS);
    expect(startedAt!).toBeLessThan(leasedUntil);
    await server.stop();
    server = undefined;
  });
});

/** Polls until `condition` holds (a condition, not a fixed sleep); fails after AT_ONCE_MS. */
async function pollFor(condition: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + AT_ONCE_MS;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`not done ${AT_ONCE_MS} ms after boot`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
