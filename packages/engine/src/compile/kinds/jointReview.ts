import type { JointReviewStep, ReviewerSpec } from '../../definition/types.js';
import { CivicflowError } from '../../errors.js';
import { resolveAssignee } from '../assignees.js';
import type { Compiler } from '../Compiler.js';
import { expireDeadline, scheduleDeadline } from '../deadlines.js';
import { compileRoutes } from '../routes.js';
import { evalIn } from '../scope.js';
import type { Tx } from '../Tx.js';
import { act, ownsTask, ownsTimer } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';

type ReviewerStatus = 'waiting' | 'approved' | 'rejected' | 'verifying' | 'overdue';

/** One reviewer's part of the aggregated result: who decided what, when, and on which basis. */
export interface ReviewerAnswer {
  id: string;
  title: ReviewerSpec['title'];
  status: ReviewerStatus;
  taskId: string | null;
  decision?: string;
  by?: string;
  at?: string;
  basis?: unknown;
  /** The reviewer as listed (with its extra members), for follow-up tasks. */
  spec: ReviewerSpec;
  /** Earlier answers (e.g. NEED_VERIFY before the final PASS/FLAG). */
  earlier?: { decision: string; by: string; at: string; basis: unknown }[];
}

interface ReviewState { reviewers: ReviewerAnswer[]; outcome: 'approved' | 'rejected' | 'overdue' | null }

/** Decides the join: all / any / quorum (k of n or a ratio), with optional veto. Null while undecided. */
export function decideJoin(step: JointReviewStep, reviewers: ReviewerAnswer[]): ReviewState['outcome'] {
  const n = reviewers.length;
  const approved = reviewers.filter((r) => r.status === 'approved').length;
  const rejected = reviewers.filter((r) => r.status === 'rejected').length;
  const overdue = reviewers.filter((r) => r.status === 'overdue').length;
  const open = n - approved - rejected - overdue;
  if (step.veto && rejected > 0) return 'rejected';
  let need: number;
  if (step.join.rule === 'all') need = n;
  else if (step.join.rule === 'any') need = Math.min(1, n);
  else if (step.join.count !== undefined) need = step.join.count;
  else {
    const [num, den] = (step.join.ratio ?? '1/2').split('/').map(Number) as [number, number];
    need = Math.ceil((n * num) / den);
  }
  if (approved >= need) return 'approved';
  // Without veto a negative result waits for every answer: the record must hold each
  // department's conclusion, and nobody aggregates a batch with answers missing (未经联审者不得任职).
  if (open > 0) return null;
  return overdue > 0 && approved + overdue >= need ? 'overdue' : 'rejected';
}

function reviewersOf(tx: Tx, id: string, step: JointReviewStep): ReviewerSpec[] {
  if (typeof step.reviewers !== 'string') return step.reviewers;
  const list = evalIn(tx.ctx, tx.env, id, step.reviewers);
  if (!Array.isArray(list) || !list.every((r) => r && typeof r === 'object' && typeof (r as ReviewerSpec).id === 'string')) {
    throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: 'reviewers must be a list of { id, title }', expression: step.reviewers });
  }
  return list as ReviewerSpec[];
}

function openReviewerTask(tx: Tx, id: string, step: JointReviewStep, reviewer: ReviewerSpec, level: string | undefined, followUp: boolean): string {
  const task = tx.openTask({
    stepId: id, title: step.title, form: step.form, role: 'reviewer',
    assignee: resolveAssignee(tx.ctx, tx.env, id, step.assignee, { reviewer }, level),
    meta: { reviewer: reviewer.id, reviewerTitle: reviewer.title, ...(followUp ? { followUp: true } : {}) },
  });
  const spec = followUp ? step.pendingDeadline : step.deadline;
  if (spec) {
    const timer = scheduleDeadline(tx, id, spec, followUp ? 'verify' : 'reply', { reviewer }, { taskId: task.id, meta: { reviewer: reviewer.id } });
    tx.updateTask(task.id, { dueAt: timer.dueAt });
  }
  return task.id;
}

function saveResult(tx: Tx, id: string, step: JointReviewStep, s: ReviewState): void {
  tx.setData(step.saveAs ?? id, {
    outcome: s.outcome, rule: step.join.rule, veto: step.veto ?? false, decidedAt: tx.env.now,
    reviewers: s.reviewers.map(({ taskId: _t, spec: _s, ...r }) => r),
  });
  tx.log('review.decided', { stepId: id, data: { outcome: s.outcome, approved: s.reviewers.filter((r) => r.status === 'approved').map((r) => r.id), rejected: s.reviewers.filter((r) => r.status === 'rejected').map((r) => r.id) } });
}

/**
 * jointReview (资格联审 / 会签): one task per reviewer, in parallel; join all / any / quorum; veto;
 * per-reviewer deadlines with reminders and one extension; answers that need verification keep the
 * reviewer's task open. The result records each reviewer's decision, actor, time and basis.
 */
export function compileJointReview(c: Compiler, id: string, step: JointReviewStep): NodeConfig {
  const level = c.defaultLevel(id);
  const reviewerSpec = (tx: Tx, reviewerId: string): ReviewerSpec => {
    return tx.stepState<ReviewState>(id)!.reviewers.find((x) => x.id === reviewerId)!.spec;
  };
  const update = (tx: Tx, reviewerId: string, patch: (r: ReviewerAnswer) => ReviewerAnswer): ReviewState => {
    const s = tx.stepState<ReviewState>(id)!;
    const reviewers = s.reviewers.map((r) => (r.id === reviewerId ? patch(r) : r));
    const next: ReviewState = { reviewers, outcome: decideJoin(step, reviewers) };
    tx.setStepState(id, next);
    if (next.outcome) saveResult(tx, id, step, next);
    return next;
  };
  const decided = (outcome: ReviewState['outcome']) => ({ context }: GuardArgs): boolean => (context.steps[id] as ReviewState | undefined)?.outcome === outcome;

  return {
    entry: act((tx) => {
      const reviewers: ReviewerAnswer[] = [];
      for (const r of reviewersOf(tx, id, step)) {
        reviewers.push({ id: r.id, title: r.title, status: 'waiting', spec: r, taskId: openReviewerTask(tx, id, step, r, level, false) });
      }
      const s: ReviewState = { reviewers, outcome: reviewers.length === 0 ? decideJoin(step, reviewers) : null };
      tx.setStepState(id, s);
      if (s.outcome) saveResult(tx, id, step, s);
    }),
    on: {
      'cf.complete': {
        guard: ownsTask(id, 'reviewer'),
        actions: act((tx, event) => {
          const task = tx.ctx.tasks[event['taskId'] as string]!;
          const reviewerId = task.meta!['reviewer'] as string;
          const form = event['data'] as Record<string, unknown>;
          const decision = String(form[step.decisionField]);
          tx.completeTask(task.id);
          const status: ReviewerStatus = step.approveValues.includes(decision) ? 'approved'
            : step.rejectValues.includes(decision) ? 'rejected' : 'verifying';
          tx.log('review.answered', { stepId: id, taskId: task.id, data: { reviewer: reviewerId, decision } });
          const followUpTask = status === 'verifying' ? openReviewerTask(tx, id, step, reviewerSpec(tx, reviewerId), level, true) : null;
          update(tx, reviewerId, (r) => ({
            ...r, status, decision, by: tx.env.actor.id, at: tx.env.now, basis: form, taskId: followUpTask,
            ...(r.decision !== undefined ? { earlier: [...(r.earlier ?? []), { decision: r.decision, by: r.by!, at: r.at!, basis: r.basis }] } : {}),
          }));
        }),
      },
      'cf.timer': {
        guard: ownsTimer(id),
        actions: act((tx, event) => {
          const timer = tx.ctx.timers[event['timerId'] as string]!;
          const reviewerId = timer.meta!['reviewer'] as string;
          const spec = timer.purpose === 'verify' ? step.pendingDeadline! : step.deadline!;
          const reviewer = reviewerSpec(tx, reviewerId);
          if (expireDeadline(tx, id, spec, timer, { reviewer }, level) === 'final') {
            // D_OVERDUE: the answer is still awaited; with an `overdue` route the review stops here.
            if (step.next.overdue) update(tx, reviewerId, (r) => ({ ...r, status: 'overdue' }));
          }
        }),
      },
    },
    always: [
      ...compileRoutes(id, step.next.approved, { guard: decided('approved'), defaultLevel: level }),
      ...compileRoutes(id, step.next.rejected, { guard: decided('rejected'), defaultLevel: level }),
      ...(step.next.overdue ? compileRoutes(id, step.next.overdue, { guard: decided('overdue'), defaultLevel: level }) : []),
    ],
  };
}
