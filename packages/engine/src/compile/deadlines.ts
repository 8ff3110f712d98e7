import { computeDue, dueBefore, endOfDay, formatInstant, isLocalDate, parseInstant } from '../calendar/index.js';
import type { Instant } from '../calendar/index.js';
import { CivicflowError } from '../errors.js';
import type { DeadlineSpec } from '../definition/types.js';
import type { TimerRecord } from '../runtime/types.js';
import { sendNotifications } from './routes.js';
import { evalIn } from './scope.js';
import type { Tx } from './Tx.js';

/** The absolute due time of a deadline, computed from the command's clock and the holiday calendar. */
export function dueAtOf(tx: Tx, stepId: string, spec: DeadlineSpec, extra: Record<string, unknown>, from?: Instant): Instant {
  const cal = tx.env.calendar;
  if (spec.duration) return computeDue(cal, from ?? tx.env.now, spec.duration).dueAt;
  if (spec.at) {
    const v = evalIn(tx.ctx, tx.env, stepId, spec.at, extra);
    if (isLocalDate(v)) return endOfDay(v);
    if (typeof v === 'string') return formatInstant(parseInstant(v));
    throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId, detail: `deadline "at" gave ${JSON.stringify(v)}, not a date or instant`, expression: spec.at });
  }
  if (spec.before) {
    const d = evalIn(tx.ctx, tx.env, stepId, spec.before.date, extra);
    if (!isLocalDate(d)) {
      throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId, detail: `deadline "before.date" gave ${JSON.stringify(d)}, not a date`, expression: spec.before.date });
    }
    return dueBefore(d, spec.before.days, spec.before.marginDays ?? 0).dueAt;
  }
  throw new CivicflowError('CF_ENGINE_INTERNAL', { detail: `deadline of ${stepId} has no duration, at or before` });
}

/** Schedules the timer of a deadline; every timer carries its legal basis. */
export function scheduleDeadline(
  tx: Tx, stepId: string, spec: DeadlineSpec, purpose: string, extra: Record<string, unknown>,
  opts: { taskId?: string; meta?: Record<string, unknown>; from?: Instant } = {},
): TimerRecord {
  return tx.schedule({
    stepId, purpose, basis: spec.basis,
    dueAt: dueAtOf(tx, stepId, spec, extra, opts.from),
    ...(opts.taskId ? { taskId: opts.taskId } : {}),
    ...(opts.meta ? { meta: opts.meta } : {}),
  });
}

/** True when the expiry of `timer` is final (no extension left), so `goto` applies. */
export function expiryIsFinal(spec: DeadlineSpec, timer: TimerRecord): boolean {
  return !(spec.onExpiry?.extendOnce && !timer.extended);
}

/**
 * Handles an expired deadline: removes the timer, marks its task overdue, sends the reminders
 * (督办), and extends once if configured. Returns whether the expiry is final.
 */
export function expireDeadline(tx: Tx, stepId: string, spec: DeadlineSpec, timer: TimerRecord, extra: Record<string, unknown>, defaultLevel?: string): 'extended' | 'final' {
  tx.cancelTimer(timer.id);
  tx.log('timer.expired', { stepId, timerId: timer.id, ...(timer.taskId ? { taskId: timer.taskId } : {}), data: { purpose: timer.purpose, basis: timer.basis, dueAt: timer.dueAt } });
  if (timer.taskId) tx.updateTask(timer.taskId, { overdue: true });
  sendNotifications(tx, stepId, spec.onExpiry?.notify, extra, defaultLevel, timer.taskId);
  const ext = spec.onExpiry?.extendOnce;
  if (ext && !timer.extended) {
    // A day-based deadline expires at 24:00 of its last day; an extension counts on from that day.
    const dayBased = ext.hours === undefined && ext.minutes === undefined;
    const from = dayBased ? formatInstant(parseInstant(timer.dueAt) - 1000) : timer.dueAt;
    const extended = tx.schedule({
      stepId, purpose: timer.purpose, basis: timer.basis,
      dueAt: computeDue(tx.env.calendar, from, ext).dueAt, extended: 1,
      ...(timer.taskId ? { taskId: timer.taskId } : {}), ...(timer.meta ? { meta: timer.meta } : {}),
    });
    if (timer.taskId) tx.updateTask(timer.taskId, { dueAt: extended.dueAt });
    return 'extended';
  }
  return 'final';
}
