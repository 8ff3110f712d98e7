import { CN_2027, WEEKENDS_ONLY } from '../calendar/index.js';
import type { HolidayCalendar } from '../calendar/index.js';
import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError, isCivicflowError } from '../errors.js';
import type { LocalizedText } from '../i18n.js';
import type { FormValidator } from '../ports.js';
import type { InstanceSnapshot } from '../runtime/types.js';
import { checkExpectation, whereText } from './checkExpectation.js';
import { createSimulation, TaskSelectionError } from './createSimulation.js';
import type { Simulation, SimulationObservation } from './createSimulation.js';
import type { TestInstance } from './createTestHost.js';
import type { ScenarioExpectation, ScenarioFile, ScenarioStep } from './scenarioFormat.js';
import { validateScenario } from './validateScenario.js';

export interface RunScenarioOptions {
  validator: FormValidator;
  /** Calendars a scenario may name by id; default CN_2027 and WEEKENDS_ONLY. */
  calendars?: readonly HolidayCalendar[];
}

/** What a scenario run reached (after every expectation held). */
export interface ScenarioRun {
  scenario: ScenarioFile;
  simulation: Simulation;
  /** The case's own instance. */
  instance: TestInstance;
  snapshot: InstanceSnapshot;
  observed: SimulationObservation;
}

/** Structured details of a scenario failure (`CivicflowError.details`). */
export interface ScenarioFailureDetails {
  /** Index of the scenario step, `start` or `end`. */
  step: number | 'start' | 'end';
  /** JSON pointer into the scenario file. */
  pointer: string;
  /** The engine's own error, when it refused a command. */
  cause?: { code: string; message: LocalizedText; details?: unknown };
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

function describeStep(step: ScenarioStep): string {
  if ('advance' in step) return `advance ${step.advance}`;
  if ('complete' in step) return `complete ${step.complete.process ? `${step.complete.process}/` : ''}${step.complete.step} as ${step.complete.as}`;
  if ('cancel' in step) return `cancel as ${step.cancel.as}`;
  return 'expect';
}

/**
 * Replays a scenario file on a test host: starts the case, performs each step on the simulated
 * clock, checks every `expect` (checkpoints and the end), and finally that each instance's history
 * rebuilds its snapshot. Pure: no I/O, no wall clock; the definitions (the scenario's process and
 * the subprocesses it starts) and the form validator come from the caller.
 *
 * When the scenario does not replay it throws a CivicflowError that says where, what was expected
 * and what happened, in zh-CN and en: CF_ENGINE_SCENARIO_INVALID (the file's shape;
 * `details` lists every problem), CF_ENGINE_SCENARIO_DEFINITION_MISSING,
 * CF_ENGINE_SCENARIO_CALENDAR_UNKNOWN, CF_ENGINE_SCENARIO_STEP_FAILED (a task not found, a command
 * refused or a refusal that did not come) or CF_ENGINE_SCENARIO_EXPECTATION_FAILED; `details`
 * is a {@link ScenarioFailureDetails}.
 *
 * @example
 * const run = runScenario([mediation], JSON.parse(readFileSync(file, 'utf8')), { validator: createFormValidator() });
 * expect(run.instance.outcome).toBe('RESOLVED');
 */
export function runScenario(definitions: ProcessDefinition | readonly ProcessDefinition[], scenario: unknown, options: RunScenarioOptions): ScenarioRun {
  const problems = validateScenario(scenario);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new CivicflowError('CF_ENGINE_SCENARIO_INVALID', {
      count: problems.length,
      first: t(`${first.pointer || '/'}：${first.message['zh-CN']}`, `${first.pointer || '/'}: ${first.message.en}`),
    }, problems);
  }
  const file = scenario as ScenarioFile;
  const list: readonly ProcessDefinition[] = Array.isArray(definitions) ? definitions : [definitions as ProcessDefinition];
  const calendars = options.calendars ?? [CN_2027, WEEKENDS_ONLY];
  const calendarId = file.calendar ?? WEEKENDS_ONLY.id;
  const calendar = calendars.find((c) => c.id === calendarId);
  if (!calendar) throw new CivicflowError('CF_ENGINE_SCENARIO_CALENDAR_UNKNOWN', { calendar: calendarId, known: calendars.map((c) => c.id).join(', ') });

  const simulation = createSimulation({ definitions: list, definition: file.definition, now: file.start.at, validator: options.validator, calendar });
  const actor = (name: string) => file.actors[name]!;

  const stepFailed = (index: number | 'start', pointer: string, what: string, problem: LocalizedText, fix: LocalizedText, cause?: unknown): never => {
    const details: ScenarioFailureDetails = { step: index, pointer, ...(isCivicflowError(cause) ? { cause: { code: cause.code, message: cause.localized, details: cause.details } } : {}) };
    throw new CivicflowError('CF_ENGINE_SCENARIO_STEP_FAILED', { where: whereText(index, what), problem, fix }, details);
  };
  const refusedText = (e: unknown): LocalizedText => (isCivicflowError(e)
    ? t(`引擎拒绝了：${e.code} ${e.localized['zh-CN']}`, `the engine refused: ${e.code} ${e.localized.en}`)
    : t(`出错：${String(e)}`, `it failed: ${String(e)}`));
  const hintOf = (e: unknown): LocalizedText => (isCivicflowError(e) ? e.hint : t('检查这一步的数据', 'check the data of this step'));
  const expectHolds = (index: number | 'end', pointer: string, expected: ScenarioExpectation, what: string): void => {
    const mismatch = checkExpectation(simulation, expected);
    if (!mismatch) return;
    const details: ScenarioFailureDetails = { step: index, pointer };
    throw new CivicflowError('CF_ENGINE_SCENARIO_EXPECTATION_FAILED', { where: whereText(index, what), ...mismatch }, details);
  };

  try {
    simulation.start({ actor: actor(file.start.as), ...(file.start.orgUnit ? { orgUnit: file.start.orgUnit } : {}), input: file.start.input ?? {}, ...(file.start.config ? { config: file.start.config } : {}) });
  } catch (e) {
    stepFailed('start', '/start', 'start', refusedText(e), hintOf(e), e);
  }

  file.steps.forEach((step, index) => {
    const pointer = `/steps/${index}`;
    const what = describeStep(step);
    if ('expect' in step) {
      expectHolds(index, `${pointer}/expect`, step.expect, what);
      return;
    }
    if ('advance' in step) {
      try {
        simulation.advance(step.advance);
      } catch (e) {
        stepFailed(index, `${pointer}/advance`, what, refusedText(e), hintOf(e), e);
      }
      return;
    }
    const refusal = step.refusedWith;
    let accepted = false;
    try {
      if ('complete' in step) {
        const { as, data, ...selector } = step.complete;
        const task = simulation.select(selector);
        simulation.complete(task, data, actor(as));
      } else {
        simulation.cancel(step.cancel.reason, actor(step.cancel.as));
      }
      accepted = true;
    } catch (e) {
      if (e instanceof TaskSelectionError) stepFailed(index, `${pointer}/complete`, what, e.problem, e.fix);
      if (refusal === undefined) stepFailed(index, pointer, what, refusedText(e), hintOf(e), e);
      if (!isCivicflowError(e, refusal)) {
        stepFailed(index, `${pointer}/refusedWith`, what,
          t(`预期引擎以 ${refusal} 拒绝，${refusedText(e)['zh-CN']}`, `expected a refusal with ${refusal}, but ${refusedText(e).en}`),
          t('核对 refusedWith 与这一步的数据', 'check refusedWith and the data of this step'), e);
      }
    }
    if (accepted && refusal !== undefined) {
      stepFailed(index, `${pointer}/refusedWith`, what,
        t(`预期引擎以 ${refusal} 拒绝，但它接受了`, `expected a refusal with ${refusal}, but the engine accepted it`),
        t('这一步的数据现在能通过：流程的规则是否被放宽了？', 'the data of this step now passes: were the rules of the process relaxed?'));
    }
  });

  if (file.expect) expectHolds('end', '/expect', file.expect, '');
  const instance = simulation.root!;
  for (const inst of simulation.host.instances()) {
    if (JSON.stringify(simulation.host.replay(inst)) !== JSON.stringify(inst.snapshot)) {
      throw new CivicflowError('CF_ENGINE_SCENARIO_EXPECTATION_FAILED', {
        where: whereText('end'), field: `replay(${inst.id})`, expected: t('历史重建出同一快照', 'the history to rebuild the same snapshot'), actual: t('快照不同', 'a different snapshot'),
      }, { step: 'end', pointer: '' } satisfies ScenarioFailureDetails);
    }
  }
  return { scenario: file, simulation, instance, snapshot: instance.snapshot, observed: simulation.observe() };
}
