import type { AnyMachineSnapshot } from 'xstate';
import { CalendarError, parseInstant, WEEKENDS_ONLY } from '../calendar/index.js';
import type { HolidayCalendar, Instant } from '../calendar/index.js';
import { compile, CANCELLED_STATE } from '../compile/compileProcess.js';
import type { CompiledProcess } from '../compile/compileProcess.js';
import type { EngineEvent, EventEnv, StartInput } from '../compile/engineEvent.js';
import { evalIn, truthy } from '../compile/scope.js';
import { wasEdited } from '../compile/Tx.js';
import type { CheckRule, ProcessDefinition, StepDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { ExpressionError } from '../expressions/index.js';
import type { Locale } from '../i18n.js';
import { assertOrgUnitPath } from '../orgUnits/orgUnitPath.js';
import type { FormValidator } from '../ports.js';
import { resolveStartConfig } from './config.js';
import { applyClaimCommand, isClaimCommand } from './taskClaims.js';
import type { ClaimCommand } from './taskClaims.js';
import { assertCanAct, assertNoConflict, conflictRulesOf, stepOfTask } from './permissions.js';
import { SNAPSHOT_FORMAT } from './types.js';
import type {
  Actor, AnySnapshot, Command, EngineContext, Effect, HistoryEvent, InstanceSnapshot, StepContext, StepResult, TaskRecord,
} from './types.js';
import { migrateSnapshot } from './migrateSnapshot.js';
import { taskPartOf, taskStepId } from './taskParts.js';
import { isKnownFormat, SNAPSHOT_FORMAT_EXPECTED, upgradeSnapshot } from './upgradeSnapshot.js';

/** What the host supplies besides the command: the form validator and the holiday calendar. */
export interface EngineOptions {
  /** Validates form data before it touches the snapshot; `createFormValidator()` from @civicflow/forms. */
  validator?: FormValidator;
  /** Holiday calendar for working days and rest-day rollover; default: weekends only. */
  calendar?: HolidayCalendar;
  locale?: Locale;
  /** Replay only: commands were checked when first applied, so checks are not repeated. */
  skipChecks?: boolean;
}

export interface StartOptions {
  /** Id of the new instance; the host chooses it (the engine never makes random ids). */
  instanceId: string;
  /** The case's org unit, e.g. `county:huaxi/town:qingshi/village:qingshicun`. */
  orgUnit: string;
  /** Initial case data. */
  data?: Record<string, unknown>;
  /** Overrides of configuration parameters; parameters tagged L (statute) cannot be overridden. */
  config?: Record<string, unknown>;
}

/** The input event types: enough to replay an instance exactly. */
export const INPUT_EVENT_TYPES = [
  'instance.started', 'task.completed', 'timer.fired', 'subprocess.completed', 'cancel.requested', 'task.claimed', 'task.released', 'task.reassigned',
] as const;

/**
 * The machine snapshot a returned snapshot was made from, kept on it (not enumerable, so neither
 * JSON, copies nor comparisons see it) so that stepping it again skips XState's `resolveState`.
 * Only its state nodes are used: the context is rebuilt from the snapshot itself on every step.
 */
const LIVE = Symbol('civicflow.liveMachineSnapshot');
type WithLive = InstanceSnapshot & { [LIVE]?: AnyMachineSnapshot };

function toActorRecord(a: Actor): HistoryEvent['actor'] {
  return { id: a.id, roles: [...a.roles], orgUnit: a.orgUnit };
}

function unwrap(e: unknown): unknown {
  let cur = e;
  for (let i = 0; i < 5 && cur instanceof Error; i++) {
    if (cur instanceof CivicflowError) return cur;
    cur = (cur as Error & { cause?: unknown }).cause;
  }
  return e;
}

function asEngineError(e: unknown): CivicflowError {
  const inner = unwrap(e);
  if (inner instanceof CivicflowError) return inner;
  if (inner instanceof CalendarError) return new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `${inner.code}: ${inner.message}` }, inner);
  if (inner instanceof ExpressionError) return new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: '?', detail: inner.localized.en, expression: '' }, inner);
  const msg = e instanceof Error ? e.message : String(e);
  return new CivicflowError('CF_ENGINE_INTERNAL', { detail: msg }, e);
}

function persist(compiled: CompiledProcess, xs: AnyMachineSnapshot): InstanceSnapshot {
  const context = xs.context as EngineContext;
  const status = xs.status === 'done' ? (context.outcome?.id === 'CANCELLED' ? 'cancelled' : 'done') : 'active';
  const snapshot: InstanceSnapshot = {
    format: SNAPSHOT_FORMAT,
    definitionId: compiled.definition.id,
    definitionVersion: compiled.definition.version,
    instanceId: context.instanceId,
    status,
    value: xs.value,
    context: storedContext(context),
  };
  Object.defineProperty(snapshot, LIVE, { value: xs });
  return snapshot;
}

/** What the snapshot keeps of the context: not the instance id (the snapshot's own), the journal or the outbox. */
function storedContext(c: EngineContext): InstanceSnapshot['context'] {
  const context: InstanceSnapshot['context'] = {
    case: c.case, config: c.config, data: c.data,
    tasks: c.tasks, timers: c.timers, children: c.children, steps: c.steps, seq: c.seq, now: c.now,
  };
  if (c.outcome !== undefined) context.outcome = c.outcome;
  return context;
}

/**
 * The context a step works on: a fresh top-level copy of the stored one with its own journal and
 * outbox, its fields in the order of the machine's initial context (one object shape for V8).
 */
function workingContext(snapshot: InstanceSnapshot): EngineContext {
  const c = snapshot.context;
  const context: EngineContext = {
    instanceId: snapshot.instanceId, case: c.case, config: c.config, data: c.data,
    tasks: c.tasks, timers: c.timers, children: c.children, steps: c.steps, seq: c.seq, now: c.now, journal: [], outbox: [],
  };
  if (c.outcome !== undefined) context.outcome = c.outcome;
  return context;
}

/**
 * The snapshot in the current format and the machine snapshot to step from. Each step gets a fresh
 * top-level copy of the context with its own journal and outbox, which its actions edit in place.
 */
function restore(compiled: CompiledProcess, stored: AnySnapshot): { snapshot: InstanceSnapshot; xs: AnyMachineSnapshot } {
  const def = compiled.definition;
  if (!stored || !isKnownFormat(stored.format) || !stored.context) {
    throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: SNAPSHOT_FORMAT_EXPECTED });
  }
  if (stored.definitionId !== def.id || stored.definitionVersion !== def.version) {
    throw new CivicflowError('CF_ENGINE_SNAPSHOT_VERSION_MISMATCH', {
      snapshotId: stored.definitionId, snapshotVersion: stored.definitionVersion, definitionId: def.id, definitionVersion: def.version,
    });
  }
  const snapshot = upgradeSnapshot(def, stored);
  const context = workingContext(snapshot);
  const cached = (snapshot as WithLive)[LIVE];
  if (cached) {
    // Only this module holds a machine snapshot; the state nodes stay, the context is the step's own.
    (cached as { context: unknown }).context = context;
    return { snapshot, xs: cached };
  }
  return { snapshot, xs: compiled.machine.resolveState({ value: snapshot.value as never, context: context as never }) };
}

/** The open tasks and timers before a command: the maps themselves (the step copies a map before it writes to it). */
interface Before {
  tasks: EngineContext['tasks'];
  timers: EngineContext['timers'];
}

/** Net effects of a command: task and timer changes from the snapshot diff, then the actions' own effects. */
function effectsOf(before: Before | null, after: EngineContext, firedTimer?: string): Effect[] {
  const effects: Effect[] = [];
  const closedReason = new Map<string, 'completed' | 'cancelled'>();
  for (const e of after.journal) if (e.type === 'task.closed' && e.taskId) closedReason.set(e.taskId, (e.data as { reason: 'completed' | 'cancelled' }).reason);
  const beforeTasks = before?.tasks ?? {};
  const beforeTimers = before?.timers ?? {};
  for (const id of Object.keys(beforeTasks)) if (!after.tasks[id]) effects.push({ type: 'task.close', taskId: id, reason: closedReason.get(id) ?? 'cancelled' });
  for (const id of Object.keys(beforeTimers)) if (!after.timers[id] && id !== firedTimer) effects.push({ type: 'timer.cancel', timerId: id });
  for (const [id, t] of Object.entries(after.tasks)) {
    const prev = beforeTasks[id];
    if (!prev) effects.push({ type: 'task.open', taskId: id, stepId: taskStepId(id, t), task: t });
    else if (prev !== t) effects.push({ type: 'task.update', taskId: id, stepId: taskStepId(id, t), task: t });
  }
  for (const [id, t] of Object.entries(after.timers)) if (!beforeTimers[id]) effects.push({ type: 'timer.schedule', timer: t });
  effects.push(...after.outbox);
  return effects;
}

function checksOf(step: StepDefinition, task: TaskRecord): CheckRule[] {
  if (step.kind === 'notice') return task.role === 'publish' ? step.publish?.checks ?? [] : [];
  return 'checks' in step && step.checks ? step.checks : [];
}

function runChecks(ctx: EngineContext, env: EventEnv, stepId: string, taskId: string, task: TaskRecord, checks: CheckRule[], form: unknown): void {
  const failed = checks.filter((c) => !truthy(evalIn(ctx, env, stepId, c.assert, { form, task: { id: taskId, meta: task.meta ?? {} } })));
  if (failed.length === 0) return;
  const summary = { 'zh-CN': failed.map((c) => c.message['zh-CN']).join('；'), en: failed.map((c) => c.message.en).join('; ') };
  throw new CivicflowError('CF_ENGINE_CHECK_FAILED', { summary }, failed.map((c) => ({ pointer: c.pointer ?? '', message: c.message })));
}

/** The form of an open task: its step's for the task's part (snapshot format 3 does not store it). */
function formOfTask(def: ProcessDefinition, step: StepDefinition, taskId: string, task: TaskRecord): string {
  const part = taskPartOf(step, task.role);
  if (!part) throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: `task ${taskId} is no task of its step${task.role ? ` (part ${task.role})` : ''} in ${def.id}@${def.version}` });
  return part.form;
}

/** Prepares (prunes hidden fields, normalises) and validates submitted data; returns what is stored. */
function validateForm(def: ProcessDefinition, formId: string, submitted: unknown, options: EngineOptions): unknown {
  const form = Object.hasOwn(def.forms, formId) ? def.forms[formId] : undefined;
  if (!form) throw new CivicflowError('CF_ENGINE_INTERNAL', { detail: `form ${formId} missing from ${def.id}` });
  if (!options.validator) throw new CivicflowError('CF_ENGINE_INTERNAL', { detail: 'no form validator: pass createFormValidator() from @civicflow/forms in the engine options' });
  const data = options.validator.prepare ? options.validator.prepare(form.schema, submitted) : submitted;
  const locale = options.locale ?? 'zh-CN';
  const r = options.validator.validate(form.schema, data, { locale });
  if (!r.valid) {
    const summary = r.errors.slice(0, 5).map((e) => e.message).join('; ');
    throw new CivicflowError('CF_ENGINE_FORM_INVALID', { form: form.title, summary }, r.errors);
  }
  return data;
}

function envFor(ctx: StepContext, options: EngineOptions): EventEnv {
  try {
    parseInstant(ctx.now);
  } catch (e) {
    throw asEngineError(e);
  }
  return { now: ctx.now, actor: ctx.actor, calendar: options.calendar ?? WEEKENDS_ONLY };
}

/**
 * Starts an instance: the pure initial transition. Returns the first snapshot, the history
 * (`instance.started` first) and the effects (tasks to open, timers to schedule). A definition
 * with a `startForm` has its start data prepared and validated with that form first, like a task's
 * submission (refused with `CF_ENGINE_FORM_INVALID`, the fields at fault in its details).
 */
export function startInstance(definition: ProcessDefinition, start: StartOptions, ctx: StepContext, options: EngineOptions = {}): StepResult {
  const compiled = compile(definition);
  const env = envFor(ctx, options);
  assertOrgUnitPath(start.orgUnit);
  const config = resolveStartConfig(definition, start.config ?? {});
  // The start form (if any) checks the start input like a task's submission; replays skip it.
  const data = definition.startForm !== undefined && !options.skipChecks
    ? validateForm(definition, definition.startForm, start.data ?? {}, options) as Record<string, unknown>
    : start.data ?? {};
  const input: StartInput = { now: env.now, actor: env.actor, calendar: env.calendar, instanceId: start.instanceId, orgUnit: start.orgUnit, data, config };
  let xs: AnyMachineSnapshot;
  try {
    xs = compiled.machine.getInitialSnapshot(compiled.scope, input) as AnyMachineSnapshot;
  } catch (e) {
    throw asEngineError(e);
  }
  const context = xs.context as EngineContext;
  const first = context.journal[0]!;
  first.data = { instanceId: start.instanceId, orgUnit: start.orgUnit, data, config: start.config ?? {} };
  first.actor = toActorRecord(ctx.actor);
  return { snapshot: persist(compiled, xs), events: [...context.journal], effects: effectsOf(null, context) };
}

/**
 * The pure step: (definition, snapshot, command, {now, actor}) → (next snapshot, events, effects).
 * Checks permission, separation of duties, the form schema and the step's rules before the command
 * touches the snapshot; a refused command throws a CivicflowError and changes nothing.
 */
export function step(definition: ProcessDefinition, stored: AnySnapshot, command: Command, ctx: StepContext, options: EngineOptions = {}): StepResult {
  const compiled = compile(definition);
  const { snapshot, xs } = restore(compiled, stored);
  const before = xs.context as EngineContext;
  if (snapshot.status !== 'active') throw new CivicflowError('CF_ENGINE_INSTANCE_ENDED', { status: snapshot.status });
  const env = envFor(ctx, options);
  if (isClaimCommand(command)) return stepClaim(compiled, snapshot, xs, command, ctx, options);
  let event: EngineEvent;
  let record: HistoryEvent;
  const actor = toActorRecord(ctx.actor);
  switch (command?.type) {
    case 'complete': {
      const taskId = command.taskId;
      const task = before.tasks[taskId];
      if (!task) throw new CivicflowError('CF_ENGINE_TASK_NOT_FOUND', { taskId, open: Object.keys(before.tasks).join(', ') || '—' });
      const stepId = taskStepId(taskId, task);
      let data = command.data;
      if (!options.skipChecks) {
        assertCanAct(ctx.actor, taskId, task);
        const stepDef = stepOfTask(definition, compiled.index, taskId, task);
        data = validateForm(definition, formOfTask(definition, stepDef, taskId, task), data, options);
        assertNoConflict(before, env, taskId, task, conflictRulesOf(stepDef), data);
        runChecks(before, env, stepId, taskId, task, checksOf(stepDef, task), data);
      }
      event = { type: 'cf.complete', taskId, data: data as Record<string, unknown>, now: env.now, actor: env.actor, calendar: env.calendar };
      record = { type: 'task.completed', at: env.now, stepId, taskId, actor, data };
      break;
    }
    case 'fireTimer': {
      const timer = before.timers[command.timerId];
      if (!timer) return { snapshot, events: [], effects: [] }; // already fired or cancelled: idempotent
      if (parseInstant(env.now) < parseInstant(timer.dueAt)) throw new CivicflowError('CF_ENGINE_TIMER_NOT_DUE', { timerId: timer.id, dueAt: timer.dueAt });
      event = { type: 'cf.timer', timerId: timer.id, now: env.now, actor: env.actor, calendar: env.calendar };
      record = { type: 'timer.fired', at: env.now, stepId: timer.stepId, timerId: timer.id, actor, data: { dueAt: timer.dueAt, purpose: timer.purpose } };
      break;
    }
    case 'completeSubprocess': {
      if (!before.children[command.key]) throw new CivicflowError('CF_ENGINE_SUBPROCESS_NOT_FOUND', { key: command.key });
      event = { type: 'cf.child', key: command.key, outcome: command.outcome, output: command.output, now: env.now, actor: env.actor, calendar: env.calendar };
      record = { type: 'subprocess.completed', at: env.now, stepId: before.children[command.key]!.stepId, actor, data: { key: command.key, outcome: command.outcome, output: command.output ?? null } };
      break;
    }
    case 'cancel': {
      event = { type: 'cf.cancel', reason: String(command.reason ?? ''), now: env.now, actor: env.actor, calendar: env.calendar };
      record = { type: 'cancel.requested', at: env.now, actor, data: { reason: String(command.reason ?? '') } };
      break;
    }
    default:
      throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `unknown command type ${JSON.stringify((command as { type?: unknown })?.type)}` });
  }
  // The machine's actions edit `before` in place (see Tx); its maps are copied before they change.
  const previous: Before = { tasks: before.tasks, timers: before.timers };
  let next: AnyMachineSnapshot;
  try {
    next = compiled.machine.transition(xs, event as never, compiled.scope) as AnyMachineSnapshot;
  } catch (e) {
    throw asEngineError(e);
  }
  if (next === xs && !wasEdited(before)) throw new CivicflowError('CF_ENGINE_INTERNAL', { detail: `no state of ${JSON.stringify(xs.value)} handles ${event.type}` });
  const after = next.context as EngineContext;
  return {
    snapshot: persist(compiled, next),
    events: [record, ...after.journal],
    effects: effectsOf(previous, after, command.type === 'fireTimer' ? command.timerId : undefined),
  };
}

/**
 * A claim command changes one task's holder and nothing else: no machine transition runs, the
 * state stays where it is, and the effect is a `task.update` of that task.
 */
function stepClaim(compiled: CompiledProcess, snapshot: InstanceSnapshot, xs: AnyMachineSnapshot, command: ClaimCommand, ctx: StepContext, options: EngineOptions): StepResult {
  const before = xs.context as EngineContext;
  const change = applyClaimCommand(before, command, ctx.actor, ctx.now, options.skipChecks === true);
  if (!change) return { snapshot, events: [], effects: [] };
  const after: EngineContext = { ...before, now: ctx.now, tasks: { ...before.tasks, [command.taskId]: change.task } };
  const next = { ...xs, context: after } as AnyMachineSnapshot;
  return { snapshot: persist(compiled, next), events: [change.event], effects: effectsOf(before, after) };
}

/**
 * Rebuilds an instance from its history: the input events (`instance.started`, `task.completed`,
 * `timer.fired`, `subprocess.completed`, `cancel.requested`, and the claims `task.claimed`,
 * `task.released`, `task.reassigned`) are applied again in order, and an `instance.migrated`
 * event moves the snapshot to its new version with the same `migrateSnapshot` and step mapping.
 * The result must equal the stored snapshot exactly; derived events are reproduced too.
 *
 * `definition` is the version the instance ran on; a history with migrations needs every version
 * it ran on (a list, in any order: each is picked by its `version`).
 */
export function replay(definition: ProcessDefinition | readonly ProcessDefinition[], events: readonly HistoryEvent[], options: Omit<EngineOptions, 'skipChecks'> = {}): StepResult {
  const inputs = events.filter((e) => e.type === 'instance.migrated' || (INPUT_EVENT_TYPES as readonly string[]).includes(e.type));
  const first = inputs[0];
  if (!first || first.type !== 'instance.started') throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'a history starts with instance.started' });
  const versions: readonly ProcessDefinition[] = Array.isArray(definition) ? definition : [definition as ProcessDefinition];
  const firstMigration = inputs.find((e) => e.type === 'instance.migrated')?.data as { fromVersion: number } | undefined;
  const versionOf = (version: number): ProcessDefinition => {
    const found = versions.find((d) => d.version === version);
    if (!found) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: `the history ran on version ${version} (it was migrated): pass every version it ran on to replay, version ${version} included` });
    return found;
  };
  if (!firstMigration && versions.length !== 1) throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'the history has no migration: pass the one version it ran on to replay' });
  let current = firstMigration ? versionOf(firstMigration.fromVersion) : versions[0]!;
  const actorOf = (e: HistoryEvent): Actor => ({ id: e.actor?.id ?? 'system', roles: e.actor?.roles ?? [], orgUnit: e.actor?.orgUnit ?? '' });
  const s = first.data as { instanceId: string; orgUnit: string; data: Record<string, unknown>; config: Record<string, unknown> };
  let result = startInstance(current, s, { now: first.at, actor: actorOf(first) }, { ...options, skipChecks: true });
  const all: HistoryEvent[] = [...result.events];
  for (const e of inputs.slice(1)) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'instance.migrated') {
      const to = versionOf(d['toVersion'] as number);
      const moved = migrateSnapshot(result.snapshot, current, to, { steps: d['steps'] as Record<string, string> });
      result = { snapshot: moved.snapshot, events: [e.actor ? { ...moved.event, actor: e.actor } : moved.event], effects: [] };
      current = to;
      all.push(...result.events);
      continue;
    }
    const command: Command = e.type === 'task.completed' ? { type: 'complete', taskId: e.taskId!, data: e.data }
      : e.type === 'timer.fired' ? { type: 'fireTimer', timerId: e.timerId! }
      : e.type === 'subprocess.completed' ? { type: 'completeSubprocess', key: d['key'] as string, outcome: d['outcome'] as string, output: d['output'] }
      : e.type === 'task.claimed' ? { type: 'claim', taskId: e.taskId! }
      : e.type === 'task.released' ? { type: 'release', taskId: e.taskId! }
      : e.type === 'task.reassigned' ? { type: 'reassign', taskId: e.taskId!, to: { id: d['to'] as string, roles: [], orgUnit: '' }, reason: d['reason'] as string }
      : { type: 'cancel', reason: d['reason'] as string };
    result = step(current, result.snapshot, command, { now: e.at as Instant, actor: actorOf(e) }, { ...options, skipChecks: true });
    all.push(...result.events);
  }
  return { snapshot: result.snapshot, events: all, effects: [] };
}

/** Whether a snapshot rests in the cancelled state. */
export function isCancelled(snapshot: InstanceSnapshot): boolean {
  return snapshot.value === CANCELLED_STATE;
}
