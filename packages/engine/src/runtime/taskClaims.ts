import { CivicflowError } from '../errors.js';
import { assertEligible, ineligibilityOf, isClaimedByOther, taskClaimed } from './permissions.js';
import type { Instant } from '../calendar/index.js';
import { taskStepId } from './taskParts.js';
import type { Actor, Command, EngineContext, HistoryEvent, TaskRecord } from './types.js';

/** The commands that change who holds a task, and nothing else. */
export type ClaimCommand = Extract<Command, { type: 'claim' | 'release' | 'reassign' }>;

/** What a claim command does to its task: the task as it becomes, and the history entry. */
export interface ClaimChange {
  task: TaskRecord;
  event: HistoryEvent;
}

/** True for `claim`, `release` and `reassign`. */
export function isClaimCommand(command: Command): command is ClaimCommand {
  const type = (command as Command | undefined)?.type; // a malformed command is refused by `step`
  return type === 'claim' || type === 'release' || type === 'reassign';
}

/**
 * Applies `claim`, `release` or `reassign` to its task (认领 / 释放 / 改派). Returns null when the
 * command would change nothing, which is not an error, so that a retried click is harmless:
 * claiming a task you hold, releasing a task nobody holds, reassigning to the current holder.
 *
 * - claim: the actor must be eligible (role, unit, person); a task someone else holds is
 *   CF_ENGINE_TASK_CLAIMED (its holder must release it, or it must be reassigned).
 * - release: only the holder releases; anyone else eligible gets CF_ENGINE_TASK_CLAIMED.
 * - reassign: the target must be eligible, the current claim aside (CF_ENGINE_REASSIGN_TARGET_INELIGIBLE
 *   otherwise); who may reassign is the host's policy. Separation of duties is checked when the
 *   new holder completes the task, because its rules read the submitted form.
 *
 * Standing (repeatable) tasks are open to every eligible person at once and are never claimed:
 * CF_ENGINE_TASK_NOT_CLAIMABLE. With `skipChecks` (replay) the change is applied as recorded.
 */
export function applyClaimCommand(ctx: EngineContext, command: ClaimCommand, actor: Actor, at: Instant, skipChecks: boolean): ClaimChange | null {
  const task = ctx.tasks[command.taskId];
  if (!task) throw new CivicflowError('CF_ENGINE_TASK_NOT_FOUND', { taskId: command.taskId, open: Object.keys(ctx.tasks).join(', ') || '—' });
  if (task.repeatable) throw new CivicflowError('CF_ENGINE_TASK_NOT_CLAIMABLE', { taskId: command.taskId, role: task.assignee.role });
  const entry = (type: string, data?: unknown): HistoryEvent => ({
    type, at, stepId: taskStepId(command.taskId, task), taskId: command.taskId, actor: { id: actor.id, roles: [...actor.roles], orgUnit: actor.orgUnit }, ...(data !== undefined ? { data } : {}),
  });
  switch (command.type) {
    case 'claim': {
      if (!skipChecks) {
        assertEligible(actor, task);
        if (isClaimedByOther(actor, task)) throw taskClaimed(command.taskId, task);
      }
      if (task.claimedBy === actor.id) return null;
      return { task: { ...task, claimedBy: actor.id }, event: entry('task.claimed') };
    }
    case 'release': {
      if (task.claimedBy === actor.id) {
        const { claimedBy: _released, ...free } = task;
        return { task: free, event: entry('task.released') };
      }
      if (!skipChecks) {
        assertEligible(actor, task);
        if (isClaimedByOther(actor, task)) throw taskClaimed(command.taskId, task);
      }
      return null;
    }
    case 'reassign': {
      const to = command.to;
      if (!to || typeof to.id !== 'string' || to.id === '') throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'reassign needs `to`, the actor who takes the task' });
      const reason = typeof command.reason === 'string' ? command.reason.trim() : '';
      if (reason === '') throw new CivicflowError('CF_ENGINE_COMMAND_INVALID', { detail: 'reassign needs a `reason` (it is recorded in the history)' });
      if (!skipChecks) {
        const why = ineligibilityOf(to, task);
        if (why) {
          throw new CivicflowError('CF_ENGINE_REASSIGN_TARGET_INELIGIBLE', { taskId: command.taskId, to: to.id, reason: why, role: task.assignee.role, orgUnit: task.assignee.orgUnit }, { taskId: command.taskId, to: to.id });
        }
      }
      if (task.claimedBy === to.id) return null;
      return { task: { ...task, claimedBy: to.id }, event: entry('task.reassigned', { from: task.claimedBy ?? null, to: to.id, reason }) };
    }
  }
}
