import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { createDefinitionRepository, createSqlStore, serverEngineOptions } from '../../src/index.js';
import { TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { completeTask, signIn } from '../support/httpSession.js';
import type { HttpSession } from '../support/httpSession.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, serveProcess } from '../support/liveServer.js';
import type { LiveServer, ServedProcess } from '../support/liveServer.js';
import { CHAIN } from '../support/reliabilityProcesses.js';
import { recordReliability } from '../support/reliabilityFigures.js';

// Issue 7, reliability row 7: a case stays on the version it started on when a new version is
// published, and an administrator can move a running case to the new version with an explicit
// mapping of its steps (POST /api/admin/instances/:id/migrate), or is told why it cannot move.

/** Version 2: the investigation is now an inquiry (调查 → 问询), and there is no separate closing step. */
const CHAIN_V2: ProcessDefinition = {
  ...CHAIN, version: 2,
  steps: {
    intake: { ...CHAIN.steps['intake']!, next: 'inquiry' } as ProcessDefinition['steps'][string],
    inquiry: { kind: 'task', title: { 'zh-CN': '问询', en: 'inquiry' }, form: 'note', assignee: { role: 'V_MED' }, next: 'done' },
    done: CHAIN.steps['done']!,
  },
};

type CaseAnswer = { instanceId: string; definitionVersion: number; status: string; tasks: { id: string; stepId: string }[] };

describe.each(TEST_DATABASES)('versions of a process over HTTP on $name', { timeout: 120_000 }, (db) => {
  let served: ServedProcess;
  let database: OpenTestDatabase;
  let server: LiveServer;
  let mediator: HttpSession;
  let admin: HttpSession;
  beforeAll(async () => {
    served = await serveProcess(db, CHAIN);
    ({ database, server } = served);
    mediator = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD);
    admin = await signIn(server.baseUrl, 'admin', ADMIN_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await served?.close();
  });

  const start = async (body: Record<string, unknown>) => (await mediator.post('/api/instances', { definitionId: CHAIN.id, ...body })).body as CaseAnswer;
  const complete = async (c: { instanceId: string; tasks: { id: string }[] }) => {
    const answer = await completeTask(mediator, c.instanceId, c.tasks[0]!.id, { note: 'ok' }, `${c.instanceId}-${c.tasks[0]!.id}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body as CaseAnswer;
  };

  it('cases stay on their version; a case moves to v2 only with a mapping of its steps, and is refused, untouched, without one', async () => {
    const pinned = await complete(await start({}));
    expect(pinned.tasks.map((t) => t.stepId)).toEqual(['investigate']);
    const published = await admin.post('/api/definitions', CHAIN_V2);
    expect(published.status, published.text).toBe(201);

    // The case started on v1 runs on v1: after the investigation comes v1's closing step.
    const stillV1 = await complete(pinned);
    expect({ version: stillV1.definitionVersion, steps: stillV1.tasks.map((t) => t.stepId) }).toEqual({ version: 1, steps: ['close'] });
    // A new case starts on the latest version.
    const onV2 = await complete(await start({}));
    expect({ version: onV2.definitionVersion, steps: onV2.tasks.map((t) => t.stepId) }).toEqual({ version: 2, steps: ['inquiry'] });

    // A case on v1 at the investigation: v2 has no such step.
    const moving = await complete(await start({ version: 1 }));
    expect(moving.tasks.map((t) => t.stepId)).toEqual(['investigate']);
    const refused = await admin.post(`/api/admin/instances/${moving.instanceId}/migrate`, { toVersion: 2 });
    expect(refused.status, refused.text).toBe(422);
    const refusal = refused.body as { code: string; message: { 'zh-CN': string; en: string }; hint: { 'zh-CN': string; en: string } };
    expect(refusal.code).toBe('CF_ENGINE_MIGRATION_REFUSED');
    expect(refusal.message.en).toContain('investigate');
    expect(refusal.message['zh-CN']).toContain('第 2 版');
    expect(refusal.hint.en).toMatch(/map that step/);
    const untouched = (await mediator.get(`/api/instances/${moving.instanceId}`)).body as CaseAnswer;
    expect({ version: untouched.definitionVersion, steps: untouched.tasks.map((t) => t.stepId) }).toEqual({ version: 1, steps: ['investigate'] });

    // Not an administrator: 403. An ended case: refused.
    expect((await mediator.post(`/api/admin/instances/${moving.instanceId}/migrate`, { toVersion: 2, steps: { investigate: 'inquiry' } })).status).toBe(403);
    const ended = await complete(stillV1);
    expect(ended.status).toBe('done');
    const endedAnswer = await admin.post(`/api/admin/instances/${ended.instanceId}/migrate`, { toVersion: 2 });
    expect(endedAnswer.status).toBe(422);
    expect((await admin.post(`/api/admin/instances/${moving.instanceId}/migrate`, { toVersion: 7, steps: { investigate: 'inquiry' } })).status).toBe(404);

    // With the mapping: the case is on v2 at the inquiry, and runs on v2 to its end.
    const moved = await admin.post(`/api/admin/instances/${moving.instanceId}/migrate`, { toVersion: 2, steps: { investigate: 'inquiry' } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toEqual({ instanceId: moving.instanceId, definitionId: CHAIN.id, fromVersion: 1, toVersion: 2, status: 'active' });
    const onNew = (await mediator.get(`/api/instances/${moving.instanceId}`)).body as CaseAnswer;
    expect({ version: onNew.definitionVersion, steps: onNew.tasks.map((t) => t.stepId) }).toEqual({ version: 2, steps: ['inquiry'] });
    const finished = await complete(onNew);
    expect(finished.status).toBe('done');
    const history = (await mediator.get(`/api/instances/${moving.instanceId}/history`)).body as { events: { type: string; data?: unknown }[] };
    expect(history.events.filter((e) => e.type === 'instance.migrated').map((e) => e.data)).toEqual([{ fromVersion: 1, toVersion: 2, steps: { investigate: 'inquiry' } }]);
    const audit = (await admin.get(`/api/audit/verify?instanceId=${moving.instanceId}`)).body as { ok: boolean };
    expect(audit.ok).toBe(true);
    // The determinism check holds across the migration: the stored history, replayed on v1 then
    // moved to v2 by its instance.migrated event, rebuilds the stored snapshot.
    const store = createSqlStore(database.orm);
    const definitions = createDefinitionRepository(database.orm);
    const versions = await Promise.all([1, 2].map(async (v) => (await definitions.get(CHAIN.id, v))!.document));
    const stored = (await store.load(moving.instanceId))!;
    const replayed = replay(versions, await store.history(moving.instanceId), serverEngineOptions());
    // (Compared as values: PostgreSQL's jsonb stores object keys in its own order.)
    expect(replayed.snapshot).toEqual(stored.snapshot);
    recordReliability({ check: `versions: pinned cases and migration (${db.name})`, tried: 'v1 case across a v2 publish; new case on v2; migration refused without mapping, done with one; the migrated history replays to its snapshot', attempts: 6, held: 6 });
  });
});
