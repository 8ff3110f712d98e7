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

/**
 * One reviewer's part of the review while it runs (the step's state in the snapshot): who decided
 * what, when, and on which basis. The reviewer's title and extra members are the definition's
 * (`spec` is kept only for reviewers an expression listed: the case data may change later).
 */
export interface ReviewerAnswer {
  id: string;
  status: ReviewerStatus;
  /** The reviewer as the expression listed it; absent when the definition lists the reviewers. */
  spec?: ReviewerSpec;
  decision?: string;
  by?: string;
  at?: string;
  basis?: unknown;
  /** Earlier answers (e.g. NEED_VERIFY before the final PASS/FLAG). */
  earlier?: { decision: string; by: string; at: string; basis: unknown }[];
}

/** A reviewer's entry in the result saved to the case data (`saveAs`). */
export interface ReviewerResult extends Omit<ReviewerAnswer, 'spec'> {
  title: ReviewerSpec['title'];
}

/** The state of a running joint review; removed when the step is left (its result is in the case data). */
export interface ReviewState { reviewers: ReviewerAnswer[]; outcome: 'approved' | 'rejected' | 'overdue' | null }

/** The reviewer as listed: the stored spec of an expression's reviewer, else the definition's. */
export function reviewerSpecOf(step: JointReviewStep, answer: { id: string; spec?: ReviewerSpec }): ReviewerSpec | undefined {
  if (answer.spec) return answer.spec;
  return typeof step.reviewers === 'string' ? undefined : step.reviewers.find((r) => r.id === answer.id);
}

/** Decides the join: all / any / quorum (k of n or a ratio), with optional veto. Null while undecided. */
export function decideJoin(step: JointReviewStep, reviewers: ReviewerAnswer[]): ReviewState['outcome'] {
  const n = reviewers.length;
  let approved = 0;
  let rejected = 0;
  let overdue = 0;
  for (const r of reviewers) {
    if (r.status === 'approved') approved++;
    else if (r.status === 'rejected') rejected++;
    else if (r.status === 'overdue') overdue++;
  }
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
    // The reviewer's title is not stored on the task: openTasks() adds it from the reviewer as listed.
    meta: followUp ? { reviewer: reviewer.id, followUp: true } : { reviewer: reviewer.id },
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
    reviewers: s.reviewers.map((r) => resultOf(step, r)),
  });
  const approved: string[] = [];
  const rejected: string[] = [];
  for (const r of s.reviewers) {
    if (r.status === 'approved') approved.push(r.id);
    else if (r.status === 'rejected') rejected.push(r.id);
  }
  tx.log('review.decided', { stepId: id, data: { outcome: s.outcome, approved, rejected } });
}

/** A reviewer's entry in the saved result, its keys in the order the result has always had. */
function resultOf(step: JointReviewStep, r: ReviewerAnswer): ReviewerResult {
  const out: ReviewerResult = { id: r.id, title: reviewerSpecOf(step, r)?.title ?? { 'zh-CN': r.id, en: r.id }, status: r.status };
  if (r.decision !== undefined) {
    out.decision = r.decision;
    out.by = r.by!;
    out.at = r.at!;
    out.basis = r.basis;
  }
  if (r.earlier !== undefined) out.earlier = r.earlier;
  return out;
}

/**
 * jointReview (资格联审 / 会签): one task per reviewer, in parallel; join all / any / quorum; veto;
 * per-reviewer deadlines with reminders and one extension; answers that need verification keep the
 * reviewer's task open. The result records each reviewer's decision, actor, time and basis.
 */
export function compileJointReview(c: Compiler, id: string, step: JointReviewStep): NodeConfig {
  const level = c.defaultLevel(id);
  const listed = typeof step.reviewers !== 'string';
  const reviewerSpec = (tx: Tx, reviewerId: string): ReviewerSpec => {
    return reviewerSpecOf(step, tx.stepState<ReviewState>(id)!.reviewers.find((x) => x.id === reviewerId)!)!;
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
        openReviewerTask(tx, id, step, r, level, false);
        reviewers.push(listed ? { id: r.id, status: 'waiting' } : { id: r.id, status: 'waiting', spec: r });
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
          if (status === 'verifying') openReviewerTask(tx, id, step, reviewerSpec(tx, reviewerId), level, true);
          update(tx, reviewerId, (r) => {
            const next: ReviewerAnswer = { id: r.id, status };
            if (r.spec) next.spec = r.spec;
            next.decision = decision;
            next.by = tx.env.actor.id;
            next.at = tx.env.now;
            next.basis = form;
            if (r.decision !== undefined) next.earlier = [...(r.earlier ?? []), { decision: r.decision, by: r.by!, at: r.at!, basis: r.basis }];
            else if (r.earlier) next.earlier = r.earlier;
            return next;
          });
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
    // Once left, the review's result is in the case data: the running state is not kept beside it.
    exit: act((tx) => tx.clearStepState(id)),
    always: [
      ...compileRoutes(id, step.next.approved, { guard: decided('approved'), defaultLevel: level }),
      ...compileRoutes(id, step.next.rejected, { guard: decided('rejected'), defaultLevel: level }),
      ...(step.next.overdue ? compileRoutes(id, step.next.overdue, { guard: decided('overdue'), defaultLevel: level }) : []),
    ],
  };
}
