import { WEEKENDS_ONLY } from '@civicflow/engine';
import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { runScenario, validateScenario } from '@civicflow/engine/testing';
import type { ScenarioFile, ScenarioProblem, Simulation } from '@civicflow/engine/testing';
import { walkSteps } from '../../definitions/definitionTexts.js';
import type { SimulatedProcess } from './loadSimulatedProcess.js';
import type { SimulationValidator } from './simulationValidator.js';
import { SIMULATION_CALENDAR } from './useSimulator.js';

/** Why a file could not be opened: not JSON or not a scenario file (with its problems), or another process's. */
export class ScenarioFileError extends Error {
  constructor(readonly reason: 'json' | 'invalid' | 'otherProcess', readonly problems: ScenarioProblem[] = [], readonly found?: { id: string; version: number }) {
    super(`scenario file not opened: ${reason}`);
    this.name = 'ScenarioFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every form id a step mentions (a task's form, a notice's publish / objection / handling forms…). */
function formsOfStep(definition: ProcessDefinition, step: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && Object.hasOwn(definition.forms, v)) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) for (const [key, inner] of Object.entries(v)) if (key !== 'steps') walk(inner);
  };
  walk(step);
  return found;
}

/** The forms a scenario's `complete` steps submit, by process: their validators must be loaded before it replays. */
export function formsUsedBy(file: ScenarioFile, definitions: readonly ProcessDefinition[]): { definition: ProcessDefinition; formId: string }[] {
  const wanted = new Map<string, { definition: ProcessDefinition; formId: string }>();
  const stepIds = new Set(file.steps.flatMap((s) => ('complete' in s ? [s.complete.step] : [])));
  for (const definition of definitions) {
    walkSteps(definition, (id, step) => {
      if (!stepIds.has(id)) return;
      for (const formId of formsOfStep(definition, step)) wanted.set(`${definition.id}@${definition.version}/${formId}`, { definition, formId });
    });
  }
  return [...wanted.values()];
}

/**
 * Opens a saved scenario file in the simulator: checks it (`validateScenario`), that it is of this
 * process version, loads the validators of the forms it submits, and replays it with `runScenario`
 * — every checkpoint and expectation must hold, as in the engine's tests. The replayed simulation
 * goes on recording: continuing and saving again extends the same run.
 *
 * @throws ScenarioFileError for a file that is not a scenario of this version; the engine's
 *   CivicflowError (CF_ENGINE_SCENARIO_…) when it does not replay.
 */
export async function openScenario(text: string, process: SimulatedProcess, validator: SimulationValidator): Promise<{ file: ScenarioFile; simulation: Simulation }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    throw new ScenarioFileError('json');
  }
  const problems = validateScenario(doc);
  if (problems.length > 0) throw new ScenarioFileError('invalid', problems);
  const file = doc as ScenarioFile;
  if (file.definition.id !== process.definition.id || file.definition.version !== process.definition.version) {
    throw new ScenarioFileError('otherProcess', [], file.definition);
  }
  await Promise.all(formsUsedBy(file, process.definitions).map(({ definition, formId }) => validator.load(definition, formId)));
  const run = runScenario(process.definitions, file, { validator, calendars: [SIMULATION_CALENDAR, WEEKENDS_ONLY] });
  return { file, simulation: run.simulation };
}

/** The first problems of a file that is not a scenario file, for the message. */
export function problemList(problems: readonly ScenarioProblem[], max = 5): { pointer: string; message: LocalizedText }[] {
  return problems.slice(0, max).map((p) => ({ pointer: p.pointer || '/', message: p.message }));
}

