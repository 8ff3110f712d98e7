import { computeDue, isLocalDate, parseInstant, startOfDay, toLocalDate } from '../../calendar/index.js';
import type { NoticeStep } from '../../definition/types.js';
import { CivicflowError } from '../../errors.js';
import { resolveAssignee } from '../assignees.js';
import type { Compiler } from '../Compiler.js';
import { expireDeadline, scheduleDeadline } from '../deadlines.js';
import { compileRoutes } from '../routes.js';
import { evalIn, truthy } from '../scope.js';
import type { Tx } from '../Tx.js';
import { act, ownsTask, ownsTimer } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';

/** One objection filed during a notice period. */
export interface Objection {
  id: string;
  filedAt: string;
  filedBy: string;
  data: unknown;
  status: 'pending' | 'upheld' | 'dismissed' | 'rejected_late';
  decision?: unknown;
  decidedAt?: string;
  decidedBy?: string;
  taskId?: string;
}

interface NoticeState {
  publishedOn: string | null;
  windowLastDay: string | null;
  windowEndsAt: string | null;
  windowClosed: boolean;
  objections: Objection[];
}

function publish(tx: Tx, id: string, step: NoticeStep, publishedOn: string, level: string | undefined): void {
  const due = computeDue(tx.env.calendar, startOfDay(publishedOn), step.period);
  const s: NoticeState = { publishedOn, windowLastDay: due.lastDay ?? null, windowEndsAt: due.dueAt, windowClosed: false, objections: [] };
  tx.setStepState(id, s);
  tx.schedule({ stepId: id, purpose: 'window', basis: step.basis, dueAt: due.dueAt });
  tx.log('notice.published', { stepId: id, data: { publishedOn, windowLastDay: s.windowLastDay } });
  if (step.objections) {
    tx.openTask({
      stepId: id, role: 'objection', repeatable: true, title: step.title,
      assignee: resolveAssignee(tx.ctx, tx.env, id, { match: 'subtree', ...step.objections.filedBy }, {}, level), dueAt: due.dueAt,
    });
  }
}

function saveNotice(tx: Tx, id: string, step: NoticeStep, s: NoticeState): void {
  tx.setData(step.saveAs ?? id, {
    publishedOn: s.publishedOn, windowLastDay: s.windowLastDay, objections: s.objections,
    upheld: s.objections.filter((o) => o.status === 'upheld').length,
  });
}

/**
 * notice (公示/公告): publish, stay open for a period counted by the calendar, take objections as
 * tasks during the window (late ones are recorded and rejected as late, with the basis), and move
 * on only when the window has closed and every objection is decided.
 */
export function compileNotice(c: Compiler, id: string, step: NoticeStep): NodeConfig {
  const level = c.defaultLevel(id);
  const settled = ({ context }: GuardArgs): boolean => {
    const s = context.steps[id] as NoticeState | undefined;
    return s !== undefined && s.windowClosed && s.objections.every((o) => o.status !== 'pending');
  };
  return {
    entry: act((tx) => {
      tx.setStepState(id, { publishedOn: null, windowLastDay: null, windowEndsAt: null, windowClosed: false, objections: [] } satisfies NoticeState);
      if (step.publish) {
        tx.openTask({ stepId: id, role: 'publish', title: step.publish.title ?? step.title, assignee: resolveAssignee(tx.ctx, tx.env, id, step.publish.assignee, {}, level) });
      } else {
        publish(tx, id, step, toLocalDate(tx.env.now), level);
      }
    }),
    on: {
      'cf.complete': [
        {
          guard: ownsTask(id, 'publish'),
          actions: act((tx, event) => {
            tx.closeTask(event['taskId'] as string, 'completed');
            const form = event['data'] as Record<string, unknown>;
            const on = step.publish?.publishedOn ? evalIn(tx.ctx, tx.env, id, step.publish.publishedOn, { form }) : toLocalDate(tx.env.now);
            if (!isLocalDate(on)) throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: `publishedOn gave ${JSON.stringify(on)}`, expression: step.publish?.publishedOn });
            publish(tx, id, step, on, level);
            tx.setData(`${step.saveAs ?? id}_publication`, form);
          }),
        },
        {
          guard: ownsTask(id, 'objection'),
          actions: act((tx, event) => {
            const s = tx.stepState<NoticeState>(id)!;
            const objId = tx.nextId(`${id}.objection`);
            const base = { id: objId, filedAt: tx.env.now, filedBy: tx.env.actor.id, data: event['data'] };
            let objection: Objection;
            if (parseInstant(tx.env.now) >= parseInstant(s.windowEndsAt!)) {
              // Filed after the window: kept and visible, decided automatically as late (逾期不予受理).
              objection = { ...base, status: 'rejected_late', decidedAt: tx.env.now, decidedBy: 'engine', decision: { reason: 'late', basis: step.basis } };
              tx.log('notice.objection.late', { stepId: id, data: { objection: objId } });
            } else {
              const o = step.objections!;
              const taskId = tx.openTask({ stepId: id, role: 'handle', title: step.title, assignee: resolveAssignee(tx.ctx, tx.env, id, o.handler, {}, level), meta: { objection: objId } });
              if (o.decideWithin) {
                const timer = scheduleDeadline(tx, id, o.decideWithin, 'decide', {}, { taskId });
                tx.updateTask(taskId, { dueAt: timer.dueAt });
              }
              objection = { ...base, status: 'pending', taskId };
              tx.log('notice.objection.filed', { stepId: id, taskId, data: { objection: objId } });
            }
            const next = { ...s, objections: [...s.objections, objection] };
            tx.setStepState(id, next);
            saveNotice(tx, id, step, next);
          }),
        },
        {
          guard: ownsTask(id, 'handle'),
          actions: act((tx, event) => {
            const taskId = event['taskId'] as string;
            const task = tx.ctx.tasks[taskId]!;
            tx.completeTask(taskId);
            const form = event['data'] as Record<string, unknown>;
            const upheld = truthy(evalIn(tx.ctx, tx.env, id, step.objections!.upheldWhen, { form }));
            const s = tx.stepState<NoticeState>(id)!;
            const next = {
              ...s, objections: s.objections.map((o): Objection => (o.id === task.meta!['objection']
                ? { ...o, status: upheld ? 'upheld' : 'dismissed', decision: form, decidedAt: tx.env.now, decidedBy: tx.env.actor.id } : o)),
            };
            tx.setStepState(id, next);
            saveNotice(tx, id, step, next);
          }),
        },
      ],
      'cf.timer': [
        {
          guard: ownsTimer(id, 'window'),
          actions: act((tx, event) => {
            tx.cancelTimer(event['timerId'] as string);
            const s = { ...tx.stepState<NoticeState>(id)!, windowClosed: true };
            tx.setStepState(id, s);
            saveNotice(tx, id, step, s);
            tx.log('notice.closed', { stepId: id, data: { objections: s.objections.length } });
          }),
        },
        {
          guard: ownsTimer(id, 'decide'),
          actions: act((tx, event) => {
            expireDeadline(tx, id, step.objections!.decideWithin!, tx.ctx.timers[event['timerId'] as string]!, {}, level);
          }),
        },
      ],
    },
    always: compileRoutes(id, step.next, { guard: settled, defaultLevel: level }),
  };
}
