import { formatInstant, parseInstant, WEEKENDS_ONLY } from '../calendar/index.js';
import type { HolidayCalendar, Instant } from '../calendar/index.js';
import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import type { LocalizedText } from '../i18n.js';
import type { FormValidator } from '../ports.js';
import { activeSteps } from '../runtime/activeSteps.js';
import { openTasks } from '../runtime/openTasks.js';
import type { TaskView } from '../runtime/openTasks.js';
import type { Actor, HistoryEvent, TimerRecord } from '../runtime/types.js';
import { advanceTarget } from './advanceTarget.js';
import { createTestHost } from './createTestHost.js';
import type { TestHost, TestInstance } from './createTestHost.js';
import { SCENARIO_SCHEMA_VERSION } from './scenarioFormat.js';
import type { ExpectedTask, ScenarioExpectation, ScenarioFile, ScenarioStart, ScenarioStep, TaskSelector } from './scenarioFormat.js';

export interface SimulationOptions {
  /** The process to run, and the processes its subprocess steps start (other versions are ignored). */
  definitions: readonly ProcessDefinition[];
  /** Which of `definitions` the case runs on. */
  definition: { id: string; version: number };
  /** The simulated clock's start. */
  now: Instant;
  validator: FormValidator;
  /** Default: weekends only, no holidays. */
  calendar?: HolidayCalendar;
}

/** An open task of the simulated case (its own instance's or a subprocess's), with where it lives. */
export interface SimulationTask extends TaskView {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  /** True for a task of the case's own instance, false for a subprocess's. */
  inRoot: boolean;
}

/** Something that happened in the simulated case: one history event of one of its instances. */
export interface SimulationEntry {
  instanceId: string;
  definitionId: string;
  inRoot: boolean;
  event: HistoryEvent;
}

/** The next timer to fall due anywhere in the case. */
export interface DueTimerView {
  instanceId: string;
  definitionId: string;
  timer: TimerRecord;
}

/** What the case looks like now, in the terms of a scenario's expectations. */
export type SimulationObservation = Required<Pick<ScenarioExpectation, 'now' | 'status' | 'outcome' | 'activeSteps' | 'openTasks'>>;

/** A task selector that could not pick exactly one open task: why, and how to fix the selector. */
export class TaskSelectionError extends Error {
  constructor(readonly problem: LocalizedText, readonly fix: LocalizedText) {
    super(problem.en);
    this.name = 'TaskSelectionError';
  }
}

/**
 * One simulated case on a test host, recorded as it goes: what the studio's simulator drives and
 * what `runScenario` replays through. Every action returns what happened (history events with
 * their simulated time), and `scenario()` writes the run so far as a scenario file, with a
 * checkpoint after every advance that fired a timer and the state reached as its expectation.
 * Pure like the engine: the clock moves only when `advance` is called.
 *
 * @example
 * const sim = createSimulation({ definitions: [mediation], definition: { id: 'dispute-mediation', version: 1 }, now: '2027-03-10T09:00:00+08:00', validator, calendar: CN_2027 });
 * sim.start({ actor: mediator });
 * const [intake] = sim.tasks(mediator);
 * sim.complete(intake!, intakeData, mediator);
 * sim.advance('P1M'); // the timers due on the way fire in order
 * const file = sim.scenario();
 */
export interface Simulation {
  readonly host: TestHost;
  readonly definition: ProcessDefinition;
  readonly now: Instant;
  /** The case's own instance, once started. */
  readonly root: TestInstance | undefined;
  /** Starts the case at the current simulated time. */
  start(options: { actor: Actor; orgUnit?: string; input?: Record<string, unknown>; config?: Record<string, unknown> }): SimulationEntry[];
  /** Open tasks of the case and its subprocesses, or only those `actor` may act on. */
  tasks(actor?: Actor): SimulationTask[];
  /** The one open task a selector names; throws TaskSelectionError when it names none or several. */
  select(selector: TaskSelector): SimulationTask;
  /** Submits a task's form; throws the engine's CivicflowError when refused (nothing changes then). */
  complete(task: Pick<SimulationTask, 'instanceId' | 'id'>, data: unknown, actor: Actor): SimulationEntry[];
  cancel(reason: string, actor: Actor): SimulationEntry[];
  /** Moves the clock (ISO-8601 duration, date or instant), firing due timers one due time at a time. */
  advance(to: string): SimulationEntry[];
  /** The timer that falls due next, if any. */
  nextDue(): DueTimerView | undefined;
  activeSteps(): string[];
  observe(): SimulationObservation;
  /** Everything that happened so far, in order. */
  log(): SimulationEntry[];
  /** The run so far as a scenario file, ending with the state reached as its expectation. */
  scenario(options?: { title?: LocalizedText }): ScenarioFile;
}

/** Creates a simulation; see {@link Simulation}. */
export function createSimulation(options: SimulationOptions): Simulation {
  const definition = options.definitions.find((d) => d.id === options.definition.id && d.version === options.definition.version);
  if (!definition) {
    throw new CivicflowError('CF_ENGINE_SCENARIO_DEFINITION_MISSING', {
      id: options.definition.id, version: options.definition.version, given: options.definitions.map((d) => `${d.id}@${d.version}`).join(', ') || '-',
    });
  }
  const calendar = options.calendar ?? WEEKENDS_ONLY;
  const host = createTestHost({ now: options.now, validator: options.validator, calendar });
  for (const d of options.definitions) if (d !== definition) host.register(d);

  let root: TestInstance | undefined;
  let start: ScenarioStart | undefined;
  const steps: ScenarioStep[] = [];
  const actors: Record<string, Actor> = {};
  const seen = new Map<string, number>();
  const log: SimulationEntry[] = [];

  /** Names an actor in the file: by id, or by id and a number when one id acts with different roles or units. */
  const nameOf = (actor: Actor): string => {
    const plain = JSON.parse(JSON.stringify(actor)) as Actor;
    const same = (a: Actor) => JSON.stringify(a) === JSON.stringify(plain);
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? actor.id : `${actor.id}~${n}`;
      const known = actors[name];
      if (!known) {
        actors[name] = plain;
        return name;
      }
      if (same(known)) return name;
    }
  };

  /** History events added since the last call, oldest first (stable across instances). */
  const collect = (): SimulationEntry[] => {
    const fresh: SimulationEntry[] = [];
    for (const inst of host.instances()) {
      const history = inst.history();
      const from = seen.get(inst.id) ?? 0;
      for (const event of history.slice(from)) fresh.push({ instanceId: inst.id, definitionId: inst.definition.id, inRoot: inst.id === root?.id, event });
      seen.set(inst.id, history.length);
    }
    const ordered = fresh.map((e, i) => ({ e, i })).sort((a, b) => parseInstant(a.e.event.at) - parseInstant(b.e.event.at) || a.i - b.i).map((x) => x.e);
    log.push(...ordered);
    return ordered;
  };

  const instance = (id: string): TestInstance => {
    const found = host.instances().find((i) => i.id === id);
    if (!found) throw new TaskSelectionError({ 'zh-CN': `没有办件实例 ${id}`, en: `there is no instance ${id}` }, { 'zh-CN': '检查实例标识', en: 'check the instance id' });
    return found;
  };

  const tasks = (actor?: Actor): SimulationTask[] =>
    host.instances().filter((i) => i.status === 'active').flatMap((i) =>
      openTasks(i.definition, i.snapshot, actor).map((task) => ({
        ...task, instanceId: i.id, definitionId: i.definition.id, definitionVersion: i.definition.version, inRoot: i.id === root?.id,
      })));

  const requireStarted = (): TestInstance => {
    if (!root) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'the simulated case has not started yet' });
    return root;
  };

  const select = (selector: TaskSelector): SimulationTask => {
    const open = tasks();
    const found = open.filter((task) => matchesSelector(task, selector));
    if (found.length === 1) return found[0]!;
    const list = open.map(describeTask).join(', ') || '-';
    if (found.length === 0) {
      return fail(
        { 'zh-CN': `没有与 ${describeSelector(selector)} 对应的待办；当前待办：${list}`, en: `no open task matches ${describeSelector(selector)}; open tasks: ${list}` },
        { 'zh-CN': '检查步骤标识及之前的步骤：流程可能走了另一条路线，或期限已经到达', en: 'check the step id and the steps before: the case may have taken another route, or a deadline may have passed' },
      );
    }
    return fail(
      { 'zh-CN': `${found.length} 项待办都与 ${describeSelector(selector)} 对应：${found.map(describeTask).join(', ')}`, en: `${found.length} open tasks match ${describeSelector(selector)}: ${found.map(describeTask).join(', ')}` },
      { 'zh-CN': '加上 meta（如审查部门）、process、instance 或 task 以选定其中一项', en: 'add meta (e.g. the reviewer), process, instance or task to pick one' },
    );
  };

  /** The smallest selector that names exactly this task among the open ones. */
  const selectorFor = (task: SimulationTask): TaskSelector => {
    const open = tasks();
    const selector: TaskSelector = { step: task.stepId, ...(task.inRoot ? {} : { process: task.definitionId }) };
    const count = () => open.filter((t) => matchesSelector(t, selector)).length;
    if (count() === 1) return selector;
    // One distinguishing meta value (a reviewer, a part) reads best; all of them if none is enough.
    const meta = primitiveMeta(task.meta);
    for (const [key, value] of Object.entries(meta)) {
      selector.meta = { [key]: value };
      if (count() === 1) return selector;
    }
    if (Object.keys(meta).length > 0) selector.meta = meta;
    else delete selector.meta;
    if (count() === 1) return selector;
    if (!task.inRoot) selector.instance = task.instanceId;
    if (count() === 1) return selector;
    selector.task = task.id;
    return selector;
  };

  const activeOf = (): string[] => (root ? activeSteps(definition, root.snapshot.value) : []);
  const observe = (): SimulationObservation => ({
    now: host.now,
    status: root?.status ?? 'active',
    outcome: root?.outcome ?? null,
    activeSteps: activeOf(),
    openTasks: tasks().map(expectedTaskOf),
  });

  const nextDue = (): DueTimerView | undefined => {
    let next: DueTimerView | undefined;
    for (const inst of host.instances()) {
      if (inst.status !== 'active') continue;
      for (const timer of Object.values(inst.snapshot.context.timers)) {
        if (!next || parseInstant(timer.dueAt) < parseInstant(next.timer.dueAt)) next = { instanceId: inst.id, definitionId: inst.definition.id, timer };
      }
    }
    return next;
  };

  return {
    host,
    definition,
    get now() { return host.now; },
    get root() { return root; },
    start(o) {
      if (root) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'the simulated case has already started; reset to start again' });
      root = host.start(definition, { actor: o.actor, ...(o.orgUnit ? { orgUnit: o.orgUnit } : {}), input: o.input ?? {}, ...(o.config ? { config: o.config } : {}) });
      start = {
        at: host.now, as: nameOf(o.actor),
        ...(o.orgUnit && o.orgUnit !== o.actor.orgUnit ? { orgUnit: o.orgUnit } : {}),
        ...(o.input && Object.keys(o.input).length > 0 ? { input: o.input } : {}),
        ...(o.config ? { config: o.config } : {}),
      };
      return collect();
    },
    tasks,
    select,
    complete(ref, data, actor) {
      requireStarted();
      const task = tasks().find((t) => t.instanceId === ref.instanceId && t.id === ref.id);
      if (!task) {
        throw new CivicflowError('CF_ENGINE_TASK_NOT_FOUND', { taskId: ref.id, open: tasks().map((t) => t.id).join(', ') || '-' });
      }
      const selector = selectorFor(task);
      instance(ref.instanceId).complete(ref.id, data, actor);
      steps.push({ complete: { ...selector, as: nameOf(actor), data: JSON.parse(JSON.stringify(data ?? null)) as unknown } });
      return collect();
    },
    cancel(reason, actor) {
      requireStarted().cancel(reason, actor);
      steps.push({ cancel: { as: nameOf(actor), reason } });
      return collect();
    },
    advance(to) {
      const until = advanceTarget(host.now, to);
      const untilMs = parseInstant(until);
      if (untilMs < parseInstant(host.now)) {
        throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `the clock cannot go back from ${host.now} to ${until}` });
      }
      const happened: SimulationEntry[] = [];
      let fired = false;
      // One due time at a time, so that what each timer caused carries that time.
      for (let due = nextDue(); due && parseInstant(due.timer.dueAt) <= untilMs; due = nextDue()) {
        const at = formatInstant(Math.max(parseInstant(due.timer.dueAt), parseInstant(host.now)));
        host.advance(at);
        happened.push(...collect());
        fired = true;
      }
      host.advance(until);
      happened.push(...collect());
      if (root) {
        steps.push({ advance: to });
        if (fired) {
          const now = observe();
          steps.push({ expect: { now: now.now, status: now.status, activeSteps: now.activeSteps, openTasks: now.openTasks } });
        }
      }
      return happened;
    },
    nextDue,
    activeSteps: activeOf,
    observe,
    log: () => [...log],
    scenario(o = {}) {
      if (!start) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'start the simulated case before saving it as a scenario' });
      const { now, ...state } = observe();
      return {
        schemaVersion: SCENARIO_SCHEMA_VERSION,
        ...(o.title ? { title: o.title } : {}),
        definition: { id: definition.id, version: definition.version },
        calendar: calendar.id,
        actors: JSON.parse(JSON.stringify(actors)) as Record<string, Actor>,
        start: { ...start },
        steps: JSON.parse(JSON.stringify(steps)) as ScenarioStep[],
        expect: { now, ...state },
      };
    },
  };
}

function fail(problem: LocalizedText, fix: LocalizedText): never {
  throw new TaskSelectionError(problem, fix);
}

/** The task's meta values that are plain strings, numbers or booleans (what tells tasks of one step apart). */
function primitiveMeta(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'));
}

function matchesSelector(task: SimulationTask, s: TaskSelector): boolean {
  if (task.stepId !== s.step) return false;
  if (s.process !== undefined && task.definitionId !== s.process) return false;
  if (s.instance !== undefined && task.instanceId !== s.instance) return false;
  if (s.task !== undefined && task.id !== s.task) return false;
  return s.meta === undefined || Object.entries(s.meta).every(([k, v]) => JSON.stringify(task.meta[k]) === JSON.stringify(v));
}

function describeSelector(s: TaskSelector): string {
  const parts = [`step ${s.step}`];
  if (s.process) parts.push(`process ${s.process}`);
  if (s.instance) parts.push(`instance ${s.instance}`);
  if (s.task) parts.push(`task ${s.task}`);
  if (s.meta) parts.push(`meta ${JSON.stringify(s.meta)}`);
  return parts.join(' ');
}

/** A task in a few words: `vTimeout (V_MED_CHAIR @ county:huaxi/…)`, with its process when it is a subprocess's. */
export function describeTask(task: Pick<SimulationTask, 'stepId' | 'assignee' | 'inRoot' | 'definitionId' | 'meta'>): string {
  const meta = primitiveMeta(task.meta);
  const extra = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
  return `${task.inRoot ? '' : `${task.definitionId}/`}${task.stepId} (${task.assignee.role} @ ${task.assignee.orgUnit})${extra}`;
}

/** An open task as a scenario's expectation lists it. */
function expectedTaskOf(task: SimulationTask): ExpectedTask {
  const meta = primitiveMeta(task.meta);
  return {
    step: task.stepId,
    ...(task.inRoot ? {} : { process: task.definitionId }),
    role: task.assignee.role,
    orgUnit: task.assignee.orgUnit,
    dueAt: task.dueAt,
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  };
}
