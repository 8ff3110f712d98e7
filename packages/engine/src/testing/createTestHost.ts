import { formatInstant, parseInstant, WEEKENDS_ONLY } from '../calendar/index.js';
import type { DurationSpec, HolidayCalendar, Instant } from '../calendar/index.js';
import { CivicflowError } from '../errors.js';
import type { ProcessDefinition } from '../definition/types.js';
import type { FormValidator } from '../ports.js';
import { replay, startInstance, step } from '../runtime/engine.js';
import type { EngineOptions } from '../runtime/engine.js';
import { openTasks } from '../runtime/openTasks.js';
import { advanceTarget } from './advanceTarget.js';
import type { TaskView } from '../runtime/openTasks.js';
import type { Actor, Command, Effect, HistoryEvent, InstanceSnapshot, StepResult } from '../runtime/types.js';

/** The actor the host uses for timers and subprocess bookkeeping. */
export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['SYSTEM'], orgUnit: 'system:host' };

export interface TestHostOptions {
  /** The simulated clock's start, e.g. '2027-05-01T09:00:00+08:00'. */
  now: Instant;
  validator: FormValidator;
  calendar?: HolidayCalendar;
}

export interface TestStartOptions {
  /** Initial case data. */
  input?: Record<string, unknown>;
  actor: Actor;
  /** Case org unit; default: the actor's. */
  orgUnit?: string;
  config?: Record<string, unknown>;
  instanceId?: string;
}

/** A task as the test host lists it. */
export type TestTask = Pick<TaskView, 'id' | 'stepId' | 'title' | 'formSchema' | 'assignee' | 'dueAt'> & { overdue: boolean; meta: Record<string, unknown> };

/** A running instance in the test host. */
export interface TestInstance {
  readonly id: string;
  readonly definition: ProcessDefinition;
  readonly snapshot: InstanceSnapshot;
  readonly status: InstanceSnapshot['status'];
  readonly outcome: string | null;
  readonly data: Record<string, unknown>;
  /** Open tasks, or only those `actor` may act on. */
  tasks(actor?: Actor): TestTask[];
  /** Completes a task; throws a CivicflowError (with a catalogue `code`) on bad data or permission. */
  complete(taskId: string, data: unknown, actor: Actor): StepResult;
  cancel(reason: string, actor: Actor): StepResult;
  history(): HistoryEvent[];
  /** Effects of every step so far, in order (what a server would have executed). */
  effects(): Effect[];
  /** The subprocess instances this one started, by key. */
  children(): TestInstance[];
}

export interface TestHost {
  readonly now: Instant;
  start(definition: ProcessDefinition, options: TestStartOptions): TestInstance;
  /** Makes a definition available to `subprocess` steps. */
  register(definition: ProcessDefinition): void;
  /** Moves the clock forward by an ISO-8601 duration ('PT2H', 'P3D') or a DurationSpec, or to a date/instant, firing due timers in order. */
  advance(to: string | DurationSpec): Instant;
  instances(): TestInstance[];
  /** Replays an instance from its history and returns the rebuilt snapshot. */
  replay(instance: TestInstance): InstanceSnapshot;
}

/**
 * An in-memory host for tests and demos: a simulated clock, durable-timer semantics (timers fire
 * in due order when the clock is advanced), subprocess wiring, and the full history per instance.
 *
 * @example
 * const host = createTestHost({ now: '2027-03-10T09:00:00+08:00', validator: createFormValidator() });
 * const inst = host.start(definition, { input: {}, actor: mediator });
 * inst.complete(inst.tasks()[0]!.id, { result: 'agreed' }, mediator);
 * host.advance('P1M');
 */
export function createTestHost(options: TestHostOptions): TestHost {
  let now = formatInstant(parseInstant(options.now));
  const engineOptions: EngineOptions = { validator: options.validator, calendar: options.calendar ?? WEEKENDS_ONLY };
  const registry = new Map<string, ProcessDefinition[]>();
  const records = new Map<string, { definition: ProcessDefinition; snapshot: InstanceSnapshot; history: HistoryEvent[]; effects: Effect[]; children: string[]; parent?: { id: string; key: string } }>();
  let counter = 0;

  const register = (d: ProcessDefinition): void => {
    const list = registry.get(d.id) ?? [];
    if (!list.some((x) => x.version === d.version)) list.push(d);
    registry.set(d.id, list);
  };

  const pending: (() => void)[] = [];
  const apply = (id: string, result: StepResult): StepResult => {
    const r = records.get(id)!;
    r.snapshot = result.snapshot;
    r.history.push(...result.events);
    r.effects.push(...result.effects);
    for (const e of result.effects) {
      if (e.type === 'subprocess.start') {
        const versions = registry.get(e.definitionId) ?? [];
        const def = e.version ? versions.find((v) => v.version === e.version) : versions[versions.length - 1];
        if (!def) throw new CivicflowError('CF_ENGINE_SUBPROCESS_NOT_FOUND', { key: `${e.key} (${e.definitionId} is not registered with the test host)` });
        pending.push(() => {
          const child = startRecord(def, { input: e.input, actor: SYSTEM_ACTOR, orgUnit: e.orgUnit }, { id, key: e.key });
          r.children.push(child);
        });
      }
      if (e.type === 'instance.ended' && r.parent) {
        const parent = r.parent;
        const data = r.snapshot.context.data;
        pending.push(() => {
          const p = records.get(parent.id)!;
          if (p.snapshot.status !== 'active') return;
          apply(parent.id, step(p.definition, p.snapshot, { type: 'completeSubprocess', key: parent.key, outcome: e.outcome, output: data }, { now, actor: SYSTEM_ACTOR }, engineOptions));
        });
      }
    }
    return result;
  };
  const drain = (): void => {
    while (pending.length) pending.shift()!();
  };

  const startRecord = (definition: ProcessDefinition, o: TestStartOptions, parent?: { id: string; key: string }): string => {
    register(definition);
    counter += 1;
    const id = o.instanceId ?? `${definition.id}-${counter}`;
    const result = startInstance(definition, { instanceId: id, orgUnit: o.orgUnit ?? o.actor.orgUnit, data: o.input ?? {}, ...(o.config ? { config: o.config } : {}) }, { now, actor: o.actor }, engineOptions);
    records.set(id, { definition, snapshot: result.snapshot, history: [], effects: [], children: [], ...(parent ? { parent } : {}) });
    apply(id, result);
    return id;
  };

  const view = (id: string): TestInstance => {
    const r = () => records.get(id)!;
    const command = (c: Command, actor: Actor): StepResult => {
      const res = apply(id, step(r().definition, r().snapshot, c, { now, actor }, engineOptions));
      drain();
      return res;
    };
    return {
      id,
      get definition() { return r().definition; },
      get snapshot() { return r().snapshot; },
      get status() { return r().snapshot.status; },
      get outcome() { return r().snapshot.context.outcome?.id ?? null; },
      get data() { return r().snapshot.context.data; },
      tasks: (actor) => openTasks(r().definition, r().snapshot, actor).map((t) => ({
        id: t.id, stepId: t.stepId, title: t.title, formSchema: t.formSchema, assignee: t.assignee, dueAt: t.dueAt, overdue: t.overdue, meta: t.meta,
      })),
      complete: (taskId, data, actor) => command({ type: 'complete', taskId, data }, actor),
      cancel: (reason, actor) => command({ type: 'cancel', reason }, actor),
      history: () => [...r().history],
      effects: () => [...r().effects],
      children: () => r().children.map(view),
    };
  };

  return {
    get now() { return now; },
    register,
    start(definition, o) {
      const id = startRecord(definition, o);
      drain();
      return view(id);
    },
    advance(to) {
      const until = advanceTarget(now, to);
      const untilMs = parseInstant(until);
      if (untilMs < parseInstant(now)) throw new Error(`advance: ${until} is before the current time ${now}`);
      for (;;) {
        let next: { id: string; timerId: string; due: number } | undefined;
        for (const [id, r] of records) {
          if (r.snapshot.status !== 'active') continue;
          for (const t of Object.values(r.snapshot.context.timers)) {
            const due = parseInstant(t.dueAt);
            if (due <= untilMs && (!next || due < next.due)) next = { id, timerId: t.id, due };
          }
        }
        if (!next) break;
        if (next.due > parseInstant(now)) now = formatInstant(next.due);
        const r = records.get(next.id)!;
        apply(next.id, step(r.definition, r.snapshot, { type: 'fireTimer', timerId: next.timerId }, { now, actor: SYSTEM_ACTOR }, engineOptions));
        drain();
      }
      now = until;
      return now;
    },
    instances: () => [...records.keys()].map(view),
    replay: (instance) => replay(instance.definition, instance.history(), engineOptions).snapshot,
  };
}
