import type { TaskStep } from '../../definition/types.js';
import { resolveAssignee } from '../assignees.js';
import type { Compiler } from '../Compiler.js';
import { scheduleDeadline } from '../deadlines.js';
import { expiryTransitions } from '../expiry.js';
import { applySet, compileRoutes } from '../routes.js';
import type { Tx } from '../Tx.js';
import { act, ownsTask } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';

export const formScope = ({ event }: GuardArgs): Record<string, unknown> => (event.type === 'cf.complete' ? { form: event['data'] } : {});

/** `data` as it will be once the form is saved: a task's route guards see their own save. */
export function withSaved(data: Record<string, unknown>, key: string, collect: boolean | undefined, form: unknown): Record<string, unknown> {
  const keys = key.split('.');
  const out: Record<string, unknown> = { ...data };
  let parent = out;
  for (let i = 0; i < keys.length - 1; i++) {
    const child = parent[keys[i]!];
    const copy = child !== null && typeof child === 'object' && !Array.isArray(child) ? { ...(child as object) } : {};
    parent[keys[i]!] = copy;
    parent = copy as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  parent[last] = collect ? [...(Array.isArray(parent[last]) ? parent[last] as unknown[] : []), form] : form;
  return out;
}

/** Stores submitted form data under `saveAs` (default: the step id), appending when `collect`. */
export function saveForm(tx: Tx, stepId: string, saveAs: string | undefined, collect: boolean | undefined, data: unknown): void {
  const key = saveAs ?? stepId;
  if (collect) {
    const prev = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tx.ctx.data);
    tx.setData(key, [...(Array.isArray(prev) ? prev : []), data]);
  } else {
    tx.setData(key, data);
  }
}

/** task: one human task with a form, an assignee, an optional deadline, and routes. */
export function compileTask(c: Compiler, id: string, step: TaskStep): NodeConfig {
  const level = c.defaultLevel(id);
  return {
    entry: act((tx) => {
      const task = tx.openTask({ stepId: id, title: step.title, form: step.form, assignee: resolveAssignee(tx.ctx, tx.env, id, step.assignee, {}, level) });
      if (step.deadline) {
        const timer = scheduleDeadline(tx, id, step.deadline, 'deadline', {}, { taskId: task.id });
        tx.updateTask(task.id, { dueAt: timer.dueAt });
      }
    }),
    on: {
      'cf.complete': compileRoutes(id, step.next, {
        guard: ownsTask(id),
        scope: ({ context, event }) => (event.type === 'cf.complete'
          ? { form: event['data'], data: withSaved(context.data, step.saveAs ?? id, step.collect, event['data']) } : {}),
        defaultLevel: level,
        before: [act((tx, event) => {
          tx.closeTask(event['taskId'] as string, 'completed');
          saveForm(tx, id, step.saveAs, step.collect, event['data']);
          applySet(tx, id, step.set, { form: event['data'] });
        })],
      }),
      'cf.timer': expiryTransitions(id, step.deadline, 'deadline', { defaultLevel: level }),
    },
  };
}
