import { compile } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { Engine } from 'bpmn-engine';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultSet } from '../report/results.js';
import type { BenchMode } from '../support/mode.js';
import { loadReferenceMachine, readReferenceBpmn, REPO_ROOT } from '../support/referenceFiles.js';
import { median } from '../support/stats.js';
import { JOINT_QUALIFICATION_REVIEW, JOINT_QUALIFICATION_REVIEW_PARALLEL } from '../workload/jointQualificationReview.js';
import { checkRun } from '../workload/referenceWorkload.js';
import type { InstanceOutcome } from '../workload/referenceWorkload.js';
import { createBpmnEngineDriver, parseBpmn } from './bpmnEngineDriver.js';
import { createCivicflowDriver } from './civicflowDriver.js';
import { measureHeap } from './heap.js';
import { createXstateDriver } from './xstateDriver.js';

interface TimedDriver {
  key: string;
  label: string;
  run(i: number): InstanceOutcome | Promise<InstanceOutcome>;
  /** Instances run so far: each round continues the workload where the last one stopped. */
  next: number;
  /** At least this many instances per round, whatever the time. */
  minPerRound: number;
  rates: number[];
  stepRates: number[];
}

/**
 * Runs `driver` for about `ms` milliseconds (at least `minPerRound` instances), then checks every
 * instance of the round against the workload; returns instances/s and steps/s of the round.
 */
async function round(driver: TimedDriver, ms: number): Promise<{ instances: number; steps: number }> {
  const outcomes: InstanceOutcome[] = [];
  const from = driver.next;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms || outcomes.length < driver.minPerRound) {
    outcomes.push(await driver.run(driver.next++));
    elapsed = performance.now() - start;
  }
  const steps = checkRun(driver.label, outcomes, from, outcomes.length);
  return { instances: outcomes.length / (elapsed / 1000), steps: steps / (elapsed / 1000) };
}

/**
 * The engine in memory: civicflow's pure step (the reference process as a jointReview, and as a
 * parallel step + decision), the hand-written XState machine and bpmn-engine, one instance at a
 * time, on the same scripted workload. Rounds are interleaved (civicflow, XState, bpmn-engine,
 * then again) so that load from other processes falls on all of them alike; the first round is
 * a warm-up; figures are medians of the rest.
 */
export async function runEngineBench(results: ResultSet, mode: BenchMode, log: (line: string) => void): Promise<void> {
  const machine = await loadReferenceMachine();
  const bpmnSource = readReferenceBpmn();
  const sourceContext = await parseBpmn(bpmnSource);
  const civicflow = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW);
  const civicflowParallel = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW_PARALLEL);
  const xstate = createXstateDriver(machine);
  const bpmn = createBpmnEngineDriver(sourceContext);
  const drivers: TimedDriver[] = [
    { key: 'civicflow', label: 'civicflow (jointReview)', run: (i) => civicflow.run(i), next: 0, minPerRound: 20, rates: [], stepRates: [] },
    { key: 'xstate', label: 'XState (hand-written machine)', run: (i) => xstate.run(i), next: 0, minPerRound: 20, rates: [], stepRates: [] },
    { key: 'bpmnEngine', label: 'bpmn-engine', run: (i) => bpmn.run(i), next: 0, minPerRound: 3, rates: [], stepRates: [] },
    { key: 'civicflowParallel', label: 'civicflow (parallel + decision)', run: (i) => civicflowParallel.run(i), next: 0, minPerRound: 20, rates: [], stepRates: [] },
  ];
  for (let r = 0; r <= mode.engineRounds; r++) {
    const line: string[] = [];
    for (const d of drivers) {
      const { instances, steps } = await round(d, mode.engineRoundMs);
      if (r > 0) { d.rates.push(instances); d.stepRates.push(steps); }
      line.push(`${d.key} ${instances.toFixed(0)}/s`);
    }
    log(`  engine round ${r === 0 ? 'warm-up' : r}: ${line.join(', ')}`);
  }
  for (const d of drivers) {
    results.add(`engine.${d.key}.instancesPerSecond`, median(d.rates), 'instances/s', `${d.label}: instances per second`, `median of ${d.rates.length} rounds of ~${mode.engineRoundMs} ms after a warm-up round; one instance at a time; ${d.next} instances checked`);
    results.add(`engine.${d.key}.stepsPerSecond`, median(d.stepRates), 'steps/s', `${d.label}: user tasks completed per second`);
  }
  const rate = (k: string) => results.value(`engine.${k}.instancesPerSecond`)!;
  results.ratio('engineVsXstate', rate('civicflow') / rate('xstate'), 'civicflow instances/s ÷ hand-written XState instances/s (in memory)');
  results.ratio('engineVsBpmnEngine', rate('civicflow') / rate('bpmnEngine'), 'civicflow instances/s ÷ bpmn-engine instances/s (in memory)');

  // Snapshot bytes: what a host stores per instance (UTF-8 JSON), largest over the instance's life and at its end.
  const sizes = (i: number) => {
    const sizesOf: number[] = [];
    for (let until = 0; until <= 5; until++) sizesOf.push(Buffer.byteLength(JSON.stringify(civicflow.run(i, until).snapshot)));
    return sizesOf;
  };
  const approvedSizes = sizes(0);
  const rejectedSizes = sizes(3);
  results.add('engine.civicflow.snapshotBytesMax', Math.max(...approvedSizes, ...rejectedSizes), 'bytes', 'civicflow snapshot, largest in an instance\'s life (UTF-8 JSON)', `after each step of an approved and a rejected instance: ${approvedSizes.join(', ')} / ${rejectedSizes.join(', ')} bytes`);
  results.add('engine.civicflow.snapshotBytesLive', approvedSizes[2]!, 'bytes', 'civicflow snapshot while waiting for departments B and C');
  const xs = (i: number, until?: number) => Buffer.byteLength(JSON.stringify(xstate.run(i, until).persisted));
  results.add('engine.xstate.snapshotBytesMax', Math.max(...[0, 1, 2, 3, 4, 5].map((u) => Math.max(xs(0, u), xs(3, u)))), 'bytes', 'XState persisted snapshot, largest in an instance\'s life (JSON)');
  results.add('engine.bpmnEngine.stateBytes', Math.max((await bpmn.run(0, { stateBytes: true })).stateBytes, (await bpmn.run(3, { stateBytes: true })).stateBytes), 'bytes', 'bpmn-engine getState() at the end of an instance (JSON)');

  // Compile time: a definition not seen before is validated and compiled (compile() caches per content, so each copy gets a new version).
  const compileMs = (def: ProcessDefinition, n: number): number => {
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const fresh = { ...structuredClone(def), version: 1_000_000 + k + Math.floor(performance.now() * 1000) % 1_000_000 };
      const t0 = performance.now();
      compile(fresh);
      times.push(performance.now() - t0);
    }
    return median(times.slice(Math.min(2, n - 1)));
  };
  results.add('engine.civicflow.compileMs', compileMs(JOINT_QUALIFICATION_REVIEW, mode.quick ? 30 : 100), 'ms', 'civicflow: validate + compile the reference definition', 'median; each compile is of a definition not seen before (compile() caches per content)');
  for (const [name, def] of exampleDefinitions()) {
    results.add(`engine.civicflow.compileMs.${name}`, compileMs(def, mode.quick ? 5 : 20), 'ms', `civicflow: validate + compile examples/${name}`);
  }
  const parseTimes: number[] = [];
  for (let k = 0; k < (mode.quick ? 5 : 15); k++) {
    const t0 = performance.now();
    await new Engine({ source: bpmnSource }).getDefinitions();
    parseTimes.push(performance.now() - t0);
  }
  results.add('engine.bpmnEngine.compileMs', median(parseTimes.slice(1)), 'ms', 'bpmn-engine: parse + load the BPMN file');

  log(`  heap: ${mode.heapSnapshots.toLocaleString('en')} live snapshots in child processes (--expose-gc)…`);
  await measureHeap(results, mode, log);
}

/** The example processes' definitions, by file (examples/<folder>/<file>.json). */
function exampleDefinitions(): [string, ProcessDefinition][] {
  const root = join(REPO_ROOT, 'examples');
  const found: [string, ProcessDefinition][] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'node_modules') continue;
    for (const file of readdirSync(join(root, folder.name))) {
      if (!file.endsWith('.json')) continue;
      const doc = JSON.parse(readFileSync(join(root, folder.name, file), 'utf8')) as ProcessDefinition;
      if (doc.schemaVersion === 1 && doc.steps) found.push([`${folder.name}/${file}`, doc]);
    }
  }
  return found;
}
