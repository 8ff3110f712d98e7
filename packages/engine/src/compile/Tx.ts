import type { LocalizedText } from '../i18n.js';
import type { EngineContext, Effect, HistoryEvent, TaskRecord, TimerRecord } from '../runtime/types.js';
import { writePath } from './dataPath.js';
import type { EventEnv } from './engineEvent.js';

type CopyableKey = 'data' | 'tasks' | 'timers' | 'children' | 'steps' | 'journal' | 'outbox';

/**
 * A copy-on-write edit of the engine context inside one XState `assign`. Each top-level map is
 * copied at most once per action, so an action that opens fifteen reviewer tasks costs one copy of
 * `tasks`, not fifteen. Every write goes through here, so ids and journal entries stay uniform.
 */
export class Tx {
  readonly ctx: EngineContext;
  private readonly copied = new Set<CopyableKey>();

  constructor(base: EngineContext, readonly env: EventEnv) {
    this.ctx = { ...base, now: env.now };
  }

  private own<K extends CopyableKey>(key: K): EngineContext[K] {
    if (!this.copied.has(key)) {
      const v = this.ctx[key];
      (this.ctx as unknown as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : { ...v };
      this.copied.add(key);
    }
    return this.ctx[key];
  }

  /** A fresh deterministic id: `prefix:n` from the instance counter. */
  nextId(prefix: string): string {
    this.ctx.seq += 1;
    return `${prefix}:${this.ctx.seq}`;
  }

  log(type: string, fields: Omit<HistoryEvent, 'type' | 'at'> = {}): void {
    this.own('journal').push({ type, at: this.env.now, ...fields });
  }

  emit(effect: Effect): void {
    this.own('outbox').push(effect);
  }

  stepState<T>(stepId: string): T | undefined {
    return this.ctx.steps[stepId] as T | undefined;
  }

  setStepState(stepId: string, state: unknown): void {
    this.own('steps')[stepId] = state;
  }

  /** Writes `value` at a dot-separated path under `data`, copying the objects on the way. */
  setData(path: string, value: unknown): void {
    writePath(this.own('data'), path, value);
  }

  openTask(task: Omit<TaskRecord, 'id' | 'createdAt'> & { id?: string }): TaskRecord {
    const record: TaskRecord = { ...task, id: task.id ?? this.nextId(task.stepId), createdAt: this.env.now };
    this.own('tasks')[record.id] = record;
    this.log('task.opened', { stepId: record.stepId, taskId: record.id, data: { title: record.title, assignee: record.assignee, dueAt: record.dueAt } });
    return record;
  }

  updateTask(taskId: string, patch: Partial<TaskRecord>): void {
    const t = this.ctx.tasks[taskId];
    if (t) this.own('tasks')[taskId] = { ...t, ...patch };
  }

  closeTask(taskId: string, reason: 'completed' | 'cancelled'): void {
    const t = this.ctx.tasks[taskId];
    if (!t) return;
    delete this.own('tasks')[taskId];
    this.log('task.closed', { stepId: t.stepId, taskId, data: { reason } });
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
    delete this.own('timers')[timerId];
  }

  addChild(key: string, child: EngineContext['children'][string]): void {
    this.own('children')[key] = child;
  }

  removeChild(key: string): void {
    if (this.ctx.children[key]) delete this.own('children')[key];
  }

  /**
   * Closes every task and cancels every timer of a step (on leaving it). XState runs exit actions
   * before the transition's own actions, so the task being completed and the timer being fired by
   * `event` are left for those actions to close with the right reason.
   */
  cleanupStep(stepId: string, event?: { type: string } & Record<string, unknown>): void {
    const completing = event?.type === 'cf.complete' ? event['taskId'] : undefined;
    const firing = event?.type === 'cf.timer' ? event['timerId'] : undefined;
    for (const t of Object.values(this.ctx.tasks)) if (t.stepId === stepId && t.id !== completing) this.closeTask(t.id, 'cancelled');
    for (const t of Object.values(this.ctx.timers)) if (t.stepId === stepId && t.id !== firing) this.cancelTimer(t.id);
    for (const c of Object.values(this.ctx.children)) if (c.stepId === stepId) this.removeChild(c.key);
  }

  notify(role: string, orgUnit: string, message: LocalizedText, stepId: string, taskId?: string, person?: string): void {
    this.emit({ type: 'notify', role, orgUnit, ...(person ? { person } : {}), message, stepId, ...(taskId ? { taskId } : {}) });
    // The person id may be an ID number: the history records that a person was notified, not who.
    this.log('notified', { stepId, ...(taskId ? { taskId } : {}), data: { role, orgUnit, message, ...(person ? { toPerson: true } : {}) } });
  }
}
