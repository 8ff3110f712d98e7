import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CN_2027, replay, WEEKENDS_ONLY } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { runScenario } from '@civicflow/engine/testing';
import type { ScenarioFile } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';
import { TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { completeTask, signIn } from '../support/httpSession.js';
import type { HttpSession } from '../support/httpSession.js';
import { DEMO_PASSWORD, listenOn, serveProcess } from '../support/liveServer.js';
import type { LiveServer, ServedProcess } from '../support/liveServer.js';
import { CHAIN } from '../support/reliabilityProcesses.js';
import { recordReliability } from '../support/reliabilityFigures.js';

// Issue 7, reliability row 5: the same history always gives the same case. Every saved scenario
// of the examples, run twice, gives the same histories byte for byte, and replaying each
// instance's history rebuilds its snapshot and its history byte for byte. And a published
// definition edited in the database under the same version is refused, not run.

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const validator = createFormValidator();

function definitionsOf(example: string): ProcessDefinition[] {
  return readdirSync(join(examplesDir, example)).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(examplesDir, example, f), 'utf8')) as Partial<ProcessDefinition>)
    .filter((d): d is ProcessDefinition => typeof d.id === 'string' && typeof d.steps === 'object' && d.schemaVersion !== undefined);
}

const scenarios = readdirSync(examplesDir, { withFileTypes: true }).filter((d) => d.isDirectory() && readdirSync(join(examplesDir, d.name)).includes('scenarios'))
  .flatMap((d) => readdirSync(join(examplesDir, d.name, 'scenarios')).filter((f) => f.endsWith('.scenario.json')).map((f) => ({ example: d.name, file: join(examplesDir, d.name, 'scenarios', f) })));

describe('replaying the examples\' saved scenarios', () => {
  it('finds scenarios in every example that has a scenarios folder', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  it('every instance of every scenario: a second run writes the same history, and its history replays to the same snapshot and history, byte for byte', { timeout: 120_000 }, () => {
    let instances = 0;
    let held = 0;
    let events = 0;
    const failures: string[] = [];
    for (const { example, file } of scenarios) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as ScenarioFile;
      const definitions = definitionsOf(example);
      const calendar = [CN_2027, WEEKENDS_ONLY].find((c) => c.id === (doc.calendar ?? WEEKENDS_ONLY.id))!;
      const first = runScenario(definitions, doc, { validator }).simulation.host.instances();
      const second = runScenario(definitions, doc, { validator }).simulation.host.instances();
      expect(second.map((i) => i.id)).toEqual(first.map((i) => i.id));
      for (const [n, instance] of first.entries()) {
        instances += 1;
        events += instance.history().length;
        const rebuilt = replay(instance.definition, instance.history(), { validator, calendar });
        const sameRun = JSON.stringify(second[n]!.history()) === JSON.stringify(instance.history()) && JSON.stringify(second[n]!.snapshot) === JSON.stringify(instance.snapshot);
        const sameReplay = JSON.stringify(rebuilt.snapshot) === JSON.stringify(instance.snapshot) && JSON.stringify(rebuilt.events) === JSON.stringify(instance.history());
        if (sameRun && sameReplay) held += 1;
        else failures.push(`${file.slice(examplesDir.length + 1)} ${instance.id}: ${sameRun ? '' : 'a second run differs; '}${sameReplay ? '' : 'the replay differs'}`);
      }
    }
    recordReliability({ check: 'determinism: replay of the examples\' scenarios', tried: `${scenarios.length} scenario files, ${instances} instances (subprocesses included), ${events} history events`, attempts: instances, held });
    expect(failures).toEqual([]);
    expect(instances).toBeGreaterThanOrEqual(scenarios.length);
  });
});

/** Each way a row of process_definition can be edited under its published version. */
const TAMPERINGS: { name: string; sql: (definition: ProcessDefinition) => { set: Record<string, string> } }[] = [
  { name: 'the served text (authored_json): a step\'s next changed', sql: (d) => ({ set: { authored_json: JSON.stringify({ ...d, steps: { ...d.steps, intake: { ...d.steps['intake']!, next: 'done' } } }) } }) },
  { name: 'the canonical document column: a title changed', sql: (d) => ({ set: { document: JSON.stringify({ ...d, title: { 'zh-CN': '改过的', en: 'edited' } }) } }) },
  { name: 'both columns, consistently', sql: (d) => { const edited = JSON.stringify({ ...d, steps: { ...d.steps, intake: { ...d.steps['intake']!, next: 'done' } } }); return { set: { authored_json: edited, document: edited } }; } },
];

describe.each(TEST_DATABASES)('a published definition edited in the database under the same version, on $name', { timeout: 120_000 }, (db) => {
  let served: ServedProcess;
  let database: OpenTestDatabase;
  let server: LiveServer;
  let mediator: HttpSession;
  beforeAll(async () => {
    served = await serveProcess(db, CHAIN);
    ({ database, server } = served);
    mediator = await signIn(server.baseUrl, 'v_med', DEMO_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await served?.close();
  });

  it.each(TAMPERINGS)('$name: reading it, starting a case on it, and (on a restarted node) advancing a case on it are refused CF_SERVER_DEFINITION_TAMPERED', async ({ name, sql }) => {
    const started = await mediator.post('/api/instances', { definitionId: CHAIN.id });
    expect(started.status).toBe(201);
    const { instanceId, tasks } = started.body as { instanceId: string; tasks: { id: string }[] };
    const connection = database.orm.em.getConnection();
    const original = (await connection.execute('select authored_json, document from process_definition where id = ? and version = 1', [CHAIN.id]))[0] as Record<string, unknown>;
    const { set } = sql(CHAIN);
    const columns = Object.keys(set);
    const update = `update process_definition set ${columns.map((c) => `${c} = ?`).join(', ')} where id = ? and version = 1`;
    await connection.execute(update, [...columns.map((c) => set[c]!), CHAIN.id]);
    // A node that starts after the edit (a restart, or another node) has read nothing yet.
    const restarted = await listenOn(database.orm);
    try {
      const read = await mediator.get(`/api/definitions/${CHAIN.id}/versions/1`);
      const start = await mediator.post('/api/instances', { definitionId: CHAIN.id });
      const restartedSession = await signIn(restarted.baseUrl, 'v_med', DEMO_PASSWORD);
      const complete = await completeTask(restartedSession, instanceId, tasks[0]!.id, { note: 'on edited text' }, `tampered-${instanceId}`);
      for (const answer of [read, start, complete]) {
        expect(answer.status, answer.text).toBe(500);
        expect((answer.body as { code: string }).code).toBe('CF_SERVER_DEFINITION_TAMPERED');
      }
    } finally {
      await restarted.close();
      const restore = `update process_definition set authored_json = ?, document = ? where id = ? and version = 1`;
      const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
      await connection.execute(restore, [original['authored_json'] === null ? null : text(original['authored_json']), text(original['document']), CHAIN.id]);
    }
    // Restored to what was published: the case runs again, one step.
    const after = await completeTask(mediator, instanceId, tasks[0]!.id, { note: 'on published text' }, `restored-${instanceId}`);
    expect(after.status, after.text).toBe(200);
    expect((after.body as { tasks: { stepId: string }[] }).tasks.map((t) => t.stepId)).toEqual(['investigate']);
    recordReliability({ check: `tampered definition refused (${db.name})`, tried: `${name}; then read, start, complete on a restarted node`, attempts: 3, held: 3 });
  });
});
