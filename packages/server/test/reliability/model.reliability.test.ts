import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInstant, parseInstant, replay, runCommand, startStored, taskStepId } from '@civicflow/engine';
import type { InstanceSnapshot, ProcessDefinition } from '@civicflow/engine';
import { closeOrm, createDefinitionRepository, createOrm, createSqlStore, createTimerScheduler, serverEngineOptions, verifyChain } from '../../src/index.js';
import type { Orm } from '../../src/index.js';
import { VILLAGE } from '../support/reliabilityProcesses.js';
import { countFor, recordReliability } from '../support/reliabilityFigures.js';
import { reliabilitySeed } from '../support/seededRandom.js';

// Issue 7, reliability row 6: a model-based test. fast-check generates sequences of what happens
// to a township's cases (start one, complete a task, let time pass, restart the server, publish a
// new version of the process) and runs them against the engine over the server's real SQLite store
// and timer scheduler; after every step the stored cases must be where the model (what the domain
// process should do) says they are.
//
// The process, by version: odd versions are 受理 (intake) → a one-hour statutory wait → 回访
// (follow-up) → end; even versions are intake → 复核 (review) → end. A case stays on the version
// it started on; a new case starts on the latest.

// CIVICFLOW_MODEL_RUNS overrides the count (a longer or shorter search than the mode's).
const RUNS = Number(process.env['CIVICFLOW_MODEL_RUNS']) || countFor(60, 10_000);
const MAX_COMMANDS = 12;
const HOUR_MS = 3_600_000;
const START = parseInstant('2027-03-01T09:00:00+08:00');
const mediator = { id: 'v_med', roles: ['V_MED'], orgUnit: VILLAGE };
const engineOptions = serverEngineOptions();
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function versionOf(id: string, version: number): ProcessDefinition {
  const waits = version % 2 === 1;
  const task = (title: ReturnType<typeof t>, next: string) => ({ kind: 'task' as const, title, form: 'note', assignee: { role: 'V_MED' }, next });
  return {
    schemaVersion: 1, id, version, title: t(`模型流程 第${version}版`, `model process v${version}`),
    roles: { V_MED: { title: t('调解员', 'mediator') } },
    forms: { note: { title: t('记录', 'note'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
    start: 'intake',
    steps: waits
      ? {
        intake: task(t('受理', 'intake'), 'wait'),
        wait: { kind: 'wait', duration: { hours: 1 }, basis: t('法定等待期', 'statutory wait'), next: 'followUp' },
        followUp: task(t('回访', 'follow-up'), 'done'),
        done: { kind: 'end', outcome: 'DONE', title: t('办结', 'done') },
      }
      : {
        intake: task(t('受理', 'intake'), 'review'),
        review: task(t('复核', 'review'), 'done'),
        done: { kind: 'end', outcome: 'DONE', title: t('办结', 'done') },
      },
  };
}

/** Where a case is, in the model. */
type Stage = { at: 'intake' } | { at: 'wait'; dueMs: number } | { at: 'followUp' } | { at: 'review' } | { at: 'done' };
interface ModelCase { id: string; version: number; stage: Stage; completed: number; fired: number }
interface Model { clockMs: number; latest: number; cases: ModelCase[] }

/** The system under test: the store and scheduler over one SQLite file, reopened on a restart. */
interface Real { processId: string; orm: Orm; clockMs: number; fired: string[] }

const shared = { databaseUrl: '', orm: undefined as Orm | undefined, commands: 0, restarts: 0 };

async function publish(real: Real, version: number): Promise<void> {
  const result = await createDefinitionRepository(real.orm).publish(versionOf(real.processId, version));
  expect(result.created).toBe(true);
}

/** The stored case against the model: status, the open task's step, which version it runs. */
async function expectMatches(real: Real, model: Model): Promise<void> {
  const store = createSqlStore(real.orm);
  for (const c of model.cases) {
    const stored = (await store.load(c.id))!;
    expect(stored.definitionVersion, c.id).toBe(c.version);
    const open = Object.keys(stored.snapshot.context.tasks).map((taskId) => taskStepId(taskId));
    expect(stored.snapshot.status, c.id).toBe(c.stage.at === 'done' ? 'done' : 'active');
    expect(open, c.id).toEqual(c.stage.at === 'intake' || c.stage.at === 'followUp' || c.stage.at === 'review' ? [c.stage.at] : []);
    const timers = Object.values(stored.snapshot.context.timers).map((timer) => parseInstant(timer.dueAt));
    expect(timers, c.id).toEqual(c.stage.at === 'wait' ? [c.stage.dueMs] : []);
  }
}

class Start implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.cases.length < 6;
  async run(m: Model, r: Real) {
    const latest = (await createDefinitionRepository(r.orm).latest(r.processId))!;
    const id = `${r.processId}-case-${m.cases.length}`;
    await startStored(createSqlStore(r.orm), latest.document, { instanceId: id, orgUnit: VILLAGE }, { now: formatInstant(r.clockMs), actor: mediator }, engineOptions);
    m.cases.push({ id, version: m.latest, stage: { at: 'intake' }, completed: 0, fired: 0 });
    await expectMatches(r, m);
  }
  toString = () => 'start';
}

class Complete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  private open = (m: Readonly<Model>) => m.cases.filter((c) => c.stage.at === 'intake' || c.stage.at === 'followUp' || c.stage.at === 'review');
  check = (m: Readonly<Model>) => this.open(m).length > 0;
  async run(m: Model, r: Real) {
    const c = this.open(m)[this.pick % this.open(m).length]!;
    const store = createSqlStore(r.orm);
    const stored = (await store.load(c.id))!;
    const taskId = Object.keys(stored.snapshot.context.tasks)[0]!;
    expect(taskStepId(taskId)).toBe(c.stage.at);
    const definition = (await createDefinitionRepository(r.orm).get(r.processId, stored.definitionVersion))!.document;
    await runCommand(store, definition, c.id, { type: 'complete', taskId, data: { note: `${c.stage.at} done` } }, { now: formatInstant(r.clockMs), actor: mediator }, engineOptions);
    c.completed += 1;
    c.stage = c.stage.at === 'intake' ? (c.version % 2 === 1 ? { at: 'wait', dueMs: m.clockMs + HOUR_MS } : { at: 'review' }) : { at: 'done' };
    await expectMatches(r, m);
  }
  toString = () => `complete(#${this.pick})`;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.clockMs += this.minutes * 60_000;
    r.clockMs = m.clockMs;
    await fireDue(r);
    let due = 0;
    for (const c of m.cases) {
      if (c.stage.at === 'wait' && c.stage.dueMs <= m.clockMs) {
        c.stage = { at: 'followUp' };
        c.fired += 1;
        due += 1;
      }
    }
    expect(r.fired.length).toBe(due);
    r.fired = [];
    await expectMatches(r, m);
  }
  toString = () => `advance(${this.minutes} min)`;
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    await closeOrm(r.orm);
    r.orm = await createOrm({ databaseUrl: shared.databaseUrl });
    shared.orm = r.orm;
    shared.restarts += 1;
    await expectMatches(r, m);
  }
  toString = () => 'restart';
}

class Publish implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.latest < 4;
  async run(m: Model, r: Real) {
    m.latest += 1;
    await publish(r, m.latest);
    await expectMatches(r, m);
  }
  toString = () => 'publish next version';
}

/** One round of the server's timer scheduler at the real clock; this run's fired timers are collected. */
async function fireDue(r: Real): Promise<void> {
  const definitions = createDefinitionRepository(r.orm).asDefinitionSource();
  const scheduler = createTimerScheduler({
    store: createSqlStore(r.orm), definitions, engineOptions, worker: 'model', now: () => formatInstant(r.clockMs),
    onFired: (instanceId) => { if (instanceId.startsWith(`${r.processId}-`)) r.fired.push(instanceId); },
    onError: (error) => { throw error; },
  });
  await scheduler.runOnce();
}

/**
 * A memory-backed directory for the model's SQLite file when the machine has a roomy one: the
 * file is as real (same SQLite, WAL, connections, restarts), only its checkpoints and reopenings
 * skip the disk (a run took about a quarter less here). What a crash does to the disk is the crash
 * suite's business (kill -9 of a server process on a file on disk).
 */
function memoryBackedTmp(): string | undefined {
  const shm = '/dev/shm';
  if (!existsSync(shm)) return undefined;
  const { bavail, bsize } = statfsSync(shm);
  return bavail * bsize > 2 ** 30 ? shm : undefined;
}

const commands = [
  fc.constant(new Start()),
  fc.nat({ max: 5 }).map((pick) => new Complete(pick)),
  fc.integer({ min: 1, max: 150 }).map((minutes) => new Advance(minutes)),
  fc.constant(new Restart()),
  fc.constant(new Publish()),
];

describe('model-based: start, complete, time, restart and new versions against the engine over the SQLite store', { timeout: countFor(300_000, 7_200_000) }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(memoryBackedTmp() ?? tmpdir(), 'civicflow-model-'));
    shared.databaseUrl = `sqlite:${join(dir, 'civicflow.sqlite')}`;
    shared.orm = await createOrm({ databaseUrl: shared.databaseUrl });
  }, 60_000);
  afterAll(async () => {
    if (shared.orm) await closeOrm(shared.orm);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${RUNS} runs of up to ${MAX_COMMANDS} commands: every case where the model says, each timer fired once, histories replay and chains verify`, async () => {
    const seed = reliabilitySeed();
    let run = 0;
    const property = fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS }), async (cmds) => {
      run += 1;
      const real: Real = { processId: `model-${seed}-${run}`, orm: shared.orm!, clockMs: START, fired: [] };
      await publish(real, 1);
      const model: Model = { clockMs: START, latest: 1, cases: [] };
      await fc.asyncModelRun(() => ({ model, real }), cmds);
      shared.commands += [...cmds].length;
      // Drain: a day later every wait has ended, so nothing of this run is left to fire in a later one.
      await new Advance(24 * 60).run(model, real);
      const store = createSqlStore(real.orm);
      for (const c of model.cases) {
        const stored = (await store.load(c.id))!;
        const history = await store.history(c.id);
        expect(history.filter((e) => e.type === 'task.completed').length, c.id).toBe(c.completed);
        expect(history.filter((e) => e.type === 'timer.fired').length, c.id).toBe(c.fired);
        const definition = versionOf(real.processId, c.version);
        expect(JSON.stringify(replay(definition, history, engineOptions).snapshot satisfies InstanceSnapshot), c.id).toBe(JSON.stringify(stored.snapshot));
        expect(await verifyChain(real.orm, c.id), c.id).toEqual({ ok: true, events: history.length });
      }
    });
    let counterexample: string | undefined;
    const details = await fc.check(property, { numRuns: RUNS, seed });
    if (details.failed) counterexample = `${details.counterexample ? fc.stringify(details.counterexample) : ''}: ${String(details.errorInstance)}`;
    recordReliability({
      check: 'model-based test (engine over the SQLite store)', tried: `${details.numRuns} runs of up to ${MAX_COMMANDS} commands (start, complete, advance time, restart, publish a version)`,
      attempts: details.numRuns, held: details.failed ? details.numRuns - 1 : details.numRuns,
      figures: { seed, counterexamples: details.failed ? 1 : 0, commands: shared.commands, restarts: shared.restarts },
    });
    expect(counterexample).toBeUndefined();
  });
});
