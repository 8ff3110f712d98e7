import type { TaskStep } from '../../definition/types.js';
import { resolveAssignee } from '../assignees.js';
import type { Compiler } from '../Compiler.js';
import { scheduleDeadline } from '../deadlines.js';
import { expiryTransitions } from '../expiry.js';
import { applySet, compileRoutes } from '../routes.js';
import type { Tx } from '../Tx.js';
import { savedValue, writePath } from '../dataPath.js';
import { act, ownsTask } from '../xstateConfig.js';
import type { NodeConfig } from '../xstateConfig.js';

/** `data` as it will be once the form is saved: a task's route guards see their own save. */
export function withSaved(data: Record<string, unknown>, key: string, collect: boolean | undefined, form: unknown): Record<string, unknown> {
  const out = { ...data };
  writePath(out, key, savedValue(data, key, collect, form));
  return out;
}

/** Stores submitted form data under `saveAs` (default: the step id), appending when `collect`. */
export function saveForm(tx: Tx, stepId: string, saveAs: string | undefined, collect: boolean | undefined, data: unknown): void {
  const key = saveAs ?? stepId;
  tx.setData(key, savedValue(tx.ctx.data, key, collect, data));
}

/** task: one human task with a form, an assignee, an optional deadline, and routes. */
export function compileTask(c: Compiler, id: string, step: TaskStep): NodeConfig {
  const level = c.defaultLevel(id);
  return {
    entry: act((tx) => {
      const taskId = tx.openTask({ stepId: id, title: step.title, assignee: resolveAssignee(tx.ctx, tx.env, id, step.assignee, {}, level) });
      if (step.deadline) {
        const timer = scheduleDeadline(tx, id, step.deadline, 'deadline', {}, { taskId });
        tx.updateTask(taskId, { dueAt: timer.dueAt });
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
