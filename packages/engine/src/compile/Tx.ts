import type { LocalizedText } from '../i18n.js';
import type { Instant } from '../calendar/index.js';
import { taskStepId } from '../runtime/taskParts.js';
import type { EngineContext, Effect, HistoryEvent, ResolvedAssignee, TaskRecord, TimerRecord } from '../runtime/types.js';
import { writePath } from './dataPath.js';
import type { EventEnv } from './engineEvent.js';

type CopyableKey = 'data' | 'tasks' | 'timers' | 'children' | 'steps' | 'journal' | 'outbox';

/**
 * The edit of the engine context by one step (one command, or the start of an instance). The
 * context XState holds during the step is a fresh top-level copy made for that step (by `step`'s
 * restore or the machine's initial context) with fresh `journal` and `outbox` arrays, so the Tx
 * edits it in place; the maps below it are shared with earlier snapshots, so each is copied at most
 * once per step, on its first write (copy on write). Every write goes through here, so ids and
 * journal entries stay uniform.
 */
export class Tx {
  readonly ctx: EngineContext;
  /** The maps this step has copied already (journal and outbox are the step's own from the start). */
  private readonly copied: Record<CopyableKey, boolean> = { data: false, tasks: false, timers: false, children: false, steps: false, journal: true, outbox: true };

  constructor(context: EngineContext, readonly env: EventEnv) {
    this.ctx = context;
    context.now = env.now;
  }

  private own<K extends CopyableKey>(key: K): EngineContext[K] {
    if (!this.copied[key]) {
      const v = this.ctx[key];
      (this.ctx as unknown as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : { ...v };
      this.copied[key] = true;
    }
    return this.ctx[key];
  }

  /**
   * Removes an entry of a map. The first change of a map in a step copies it without the entry:
   * `delete` would turn the copy into a slow dictionary-mode object that every later step copies.
   */
  private remove(key: 'tasks' | 'timers' | 'children' | 'steps', id: string): void {
    if (this.copied[key]) {
      delete (this.ctx[key] as Record<string, unknown>)[id];
      return;
    }
    const source = this.ctx[key] as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(source)) if (k !== id) copy[k] = source[k];
    (this.ctx as unknown as Record<string, unknown>)[key] = copy;
    this.copied[key] = true;
  }

  /** A fresh deterministic id: `prefix:n` from the instance counter. */
  nextId(prefix: string): string {
    this.ctx.seq += 1;
    return `${prefix}:${this.ctx.seq}`;
  }

  log(type: string, fields: Omit<HistoryEvent, 'type' | 'at'> = {}): void {
    this.ctx.journal.push({ type, at: this.env.now, ...fields });
  }

  emit(effect: Effect): void {
    this.ctx.outbox.push(effect);
  }

  stepState<T>(stepId: string): T | undefined {
    return this.ctx.steps[stepId] as T | undefined;
  }

  setStepState(stepId: string, state: unknown): void {
    this.own('steps')[stepId] = state;
  }

  /** Forgets a step's runtime state (a step that keeps its result in the case data, on leaving it). */
  clearStepState(stepId: string): void {
    if (Object.hasOwn(this.ctx.steps, stepId)) this.remove('steps', stepId);
  }

  /** Writes `value` at a dot-separated path under `data`, copying the objects on the way. */
  setData(path: string, value: unknown): void {
    writePath(this.own('data'), path, value);
  }

  /**
   * Opens a task of `stepId` under a fresh id `<stepId>:<n>` and returns the id. The title goes to
   * the history only: the snapshot keeps what the definition cannot give back (see `TaskRecord`).
   */
  openTask(task: { stepId: string; title: LocalizedText; assignee: ResolvedAssignee; role?: string; meta?: Record<string, unknown>; repeatable?: boolean; dueAt?: Instant }): string {
    const id = this.nextId(task.stepId);
    const a = task.assignee;
    // Built field by field: spreading the callers' differently shaped literals is the slow path of V8.
    const assignee: ResolvedAssignee = { role: a.role, orgUnit: a.orgUnit };
    if (a.match === 'subtree') assignee.match = 'subtree';
    if (a.person !== undefined) assignee.person = a.person;
    const record: TaskRecord = { assignee, createdAt: this.env.now };
    if (task.role !== undefined) record.role = task.role;
    if (task.meta !== undefined) record.meta = task.meta;
    if (task.repeatable !== undefined) record.repeatable = task.repeatable;
    if (task.dueAt !== undefined) record.dueAt = task.dueAt;
    this.own('tasks')[id] = record;
    this.log('task.opened', { stepId: task.stepId, taskId: id, data: { title: task.title, assignee: a, dueAt: task.dueAt } });
    return id;
  }

  updateTask(taskId: string, patch: Partial<TaskRecord>): void {
    const t = this.ctx.tasks[taskId];
    if (t) this.own('tasks')[taskId] = { ...t, ...patch };
  }

  closeTask(taskId: string, reason: 'completed' | 'cancelled'): void {
    const t = this.ctx.tasks[taskId];
    if (!t) return;
    this.remove('tasks', taskId);
    this.log('task.closed', { stepId: taskStepId(taskId, t), taskId, data: { reason } });
  }

  /** Closes a completed task and cancels the timers that watched it (its deadline, a follow-up). */
  completeTask(taskId: string): void {
    this.closeTask(taskId, 'completed');
    for (const t of Object.values(this.ctx.timers)) if (t.taskId === taskId) this.cancelTimer(t.id);
  }

  schedule(timer: Omit<TimerRecord, 'id'> & { id?: string }): TimerRecord {
    const record: TimerRecord = { ...timer, id: timer.id ?? this.nextId('timer') };
    this.own('timers')[record.id] = record;
    this.log('timer.scheduled', { stepId: record.stepId, timerId: record.id, data: { dueAt: record.dueAt, purpose: record.purpose, basis: record.basis } });
    return record;
  }

  cancelTimer(timerId: string): void {
    if (!this.ctx.timers[timerId]) return;
    this.remove('timers', timerId);
  }

  addChild(key: string, child: EngineContext['children'][string]): void {
    this.own('children')[key] = child;
  }

  removeChild(key: string): void {
    if (this.ctx.children[key]) this.remove('children', key);
  }

  /**
   * Closes every task and cancels every timer of a step (on leaving it). XState runs exit actions
   * before the transition's own actions, so the task being completed and the timer being fired by
   * `event` are left for those actions to close with the right reason.
   */
  cleanupStep(stepId: string, event?: { type: string } & Record<string, unknown>): void {
    const completing = event?.type === 'cf.complete' ? event['taskId'] : undefined;
    const firing = event?.type === 'cf.timer' ? event['timerId'] : undefined;
    for (const [id, t] of Object.entries(this.ctx.tasks)) if (id !== completing && taskStepId(id, t) === stepId) this.closeTask(id, 'cancelled');
    for (const t of Object.values(this.ctx.timers)) if (t.stepId === stepId && t.id !== firing) this.cancelTimer(t.id);
    for (const c of Object.values(this.ctx.children)) if (c.stepId === stepId) this.removeChild(c.key);
  }

  notify(role: string, orgUnit: string, message: LocalizedText, stepId: string, taskId?: string, person?: string): void {
    this.emit({ type: 'notify', role, orgUnit, ...(person ? { person } : {}), message, stepId, ...(taskId ? { taskId } : {}) });
    // The person id may be an ID number: the history records that a person was notified, not who.
    this.log('notified', { stepId, ...(taskId ? { taskId } : {}), data: { role, orgUnit, message, ...(person ? { toPerson: true } : {}) } });
  }
}

/** The Tx of the step running now: steps are synchronous, so one at a time. */
let current: Tx | null = null;

/**
 * The Tx of the step that owns `context`, made on the step's first edit. Told apart by the context
 * object: each step works on its own fresh copy of the context (see `Tx`).
 */
export function txOf(context: EngineContext, env: EventEnv): Tx {
  if (current?.ctx !== context) current = new Tx(context, env);
  return current;
}

/** Whether any action of the step that owns `context` has run. */
export function wasEdited(context: EngineContext): boolean {
  return current?.ctx === context;
}
