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
 * One reviewer's part of the review: who decided what, when, and on which basis. The reviewer's
 * title and extra members are the definition's (`spec` is kept only for reviewers an expression
 * listed: the case data may change later).
 */
export interface ReviewerAnswer {
  id: string;
  status: ReviewerStatus;
  /** The reviewer as the expression listed it; absent when the definition lists the reviewers. */
  spec?: ReviewerSpec;
  decision?: string;
  by?: string;
  at?: string;
  /** The rest of the reviewer's form: the decision field is `decision`; absent when nothing else was filled in. */
  basis?: Record<string, unknown>;
  /** Earlier answers (e.g. NEED_VERIFY before the final PASS/FLAG). */
  earlier?: { decision: string; by: string; at: string; basis?: Record<string, unknown> }[];
}

/** A reviewer's entry in the result saved to the case data (`saveAs`): the answer; its title is the definition's. */
export type ReviewerResult = Omit<ReviewerAnswer, 'spec'>;

/** The outcome of a joint review, null while undecided. */
export type ReviewOutcome = 'approved' | 'rejected' | 'overdue' | null;

/**
 * The stored state of a running joint review: the reviewers with something to remember (an
 * answer, an overdue mark, or the spec an expression listed them with), in list order. A reviewer
 * the definition lists and this leaves out is waiting (their task is open). Absent while nothing is
 * to remember, and removed when the step is left (its result is in the case data).
 */
export interface ReviewState { reviewers: ReviewerAnswer[]; outcome?: Exclude<ReviewOutcome, null> }

/** The reviewer as listed: the stored spec of an expression's reviewer, else the definition's. */
export function reviewerSpecOf(step: JointReviewStep, answer: { id: string; spec?: ReviewerSpec }): ReviewerSpec | undefined {
  if (answer.spec) return answer.spec;
  return typeof step.reviewers === 'string' ? undefined : step.reviewers.find((r) => r.id === answer.id);
}

/**
 * Every reviewer of the review as it stands, in list order: the definition's reviewers (those the
 * state leaves out are waiting), or the ones an expression listed (all kept in the state).
 */
export function reviewersOfState(step: JointReviewStep, state: ReviewState | undefined): ReviewerAnswer[] {
  if (typeof step.reviewers === 'string') return state?.reviewers ?? [];
  const known = state?.reviewers ?? [];
  return step.reviewers.map((r) => known.find((x) => x.id === r.id) ?? { id: r.id, status: 'waiting' });
}

/** Decides the join: all / any / quorum (k of n or a ratio), with optional veto. Null while undecided. */
export function decideJoin(step: JointReviewStep, reviewers: ReviewerAnswer[]): ReviewOutcome {
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
  const taskId = tx.openTask({
    stepId: id, title: step.title, role: 'reviewer',
    assignee: resolveAssignee(tx.ctx, tx.env, id, step.assignee, { reviewer }, level),
    // The reviewer's title is not stored on the task: openTasks() adds it from the reviewer as listed.
    meta: followUp ? { reviewer: reviewer.id, followUp: true } : { reviewer: reviewer.id },
  });
  const spec = followUp ? step.pendingDeadline : step.deadline;
  if (spec) {
    const timer = scheduleDeadline(tx, id, spec, followUp ? 'verify' : 'reply', { reviewer }, { taskId, meta: { reviewer: reviewer.id } });
    tx.updateTask(taskId, { dueAt: timer.dueAt });
  }
  return taskId;
}

/**
 * Saves the decided review to the case data: the outcome, when, and each reviewer's answer (the
 * join rule, veto and reviewer titles are the definition's, not copied).
 */
function saveResult(tx: Tx, stepId: string, saveAs: string, outcome: ReviewOutcome, reviewers: ReviewerAnswer[]): void {
  tx.setData(saveAs, { outcome, decidedAt: tx.env.now, reviewers: reviewers.map(resultOf) });
  const approved: string[] = [];
  const rejected: string[] = [];
  for (const r of reviewers) {
    if (r.status === 'approved') approved.push(r.id);
    else if (r.status === 'rejected') rejected.push(r.id);
  }
  tx.log('review.decided', { stepId, data: { outcome, approved, rejected } });
}

/** A reviewer's entry in the saved result: the answer without the spec an expression listed. */
function resultOf(r: ReviewerAnswer): ReviewerResult {
  const out: ReviewerResult = { id: r.id, status: r.status };
  if (r.decision !== undefined) {
    out.decision = r.decision;
    out.by = r.by!;
    out.at = r.at!;
    if (r.basis !== undefined) out.basis = r.basis;
  }
  if (r.earlier !== undefined) out.earlier = r.earlier;
  return out;
}

/** The basis of an answer: the form without its decision field (kept as `decision`), or undefined when nothing else is in it. */
function basisOf(form: Record<string, unknown>, decisionField: string): Record<string, unknown> | undefined {
  let basis: Record<string, unknown> | undefined;
  for (const k in form) {
    if (k === decisionField || !Object.hasOwn(form, k)) continue;
    (basis ??= {})[k] = form[k];
  }
  return basis;
}

/**
 * Stores the review's state (see `ReviewState`): reviewers the definition lists are kept only
 * once there is something to remember about them; nothing at all is kept while nothing is.
 */
function storeState(tx: Tx, id: string, listed: boolean, reviewers: ReviewerAnswer[], outcome: ReviewOutcome): void {
  const kept = listed ? reviewers.filter((r) => r.status !== 'waiting') : reviewers;
  if (kept.length === 0 && outcome === null) {
    tx.clearStepState(id);
    return;
  }
  tx.setStepState(id, outcome === null ? { reviewers: kept } : { reviewers: kept, outcome } satisfies ReviewState);
}

/**
 * jointReview (资格联审 / 会签): one task per reviewer, in parallel; join all / any / quorum; veto;
 * per-reviewer deadlines with reminders and one extension; answers that need verification keep the
 * reviewer's task open. The result records each reviewer's decision, actor, time and basis.
 */
export function compileJointReview(c: Compiler, id: string, step: JointReviewStep): NodeConfig {
  const level = c.defaultLevel(id);
  const listed = typeof step.reviewers !== 'string';
  const saveAs = step.saveAs ?? id;
  const reviewerSpec = (tx: Tx, reviewerId: string): ReviewerSpec => {
    return reviewerSpecOf(step, reviewersOfState(step, tx.stepState<ReviewState>(id)).find((x) => x.id === reviewerId)!)!;
  };
  const update = (tx: Tx, reviewerId: string, patch: (r: ReviewerAnswer) => ReviewerAnswer): void => {
    const reviewers = reviewersOfState(step, tx.stepState<ReviewState>(id)).map((r) => (r.id === reviewerId ? patch(r) : r));
    const outcome = decideJoin(step, reviewers);
    storeState(tx, id, listed, reviewers, outcome);
    if (outcome) saveResult(tx, id, saveAs, outcome, reviewers);
  };
  const decided = (outcome: ReviewOutcome) => ({ context }: GuardArgs): boolean => (context.steps[id] as ReviewState | undefined)?.outcome === outcome;

  return {
    entry: act((tx) => {
      const reviewers: ReviewerAnswer[] = [];
      for (const r of reviewersOf(tx, id, step)) {
        openReviewerTask(tx, id, step, r, level, false);
        reviewers.push(listed ? { id: r.id, status: 'waiting' } : { id: r.id, status: 'waiting', spec: r });
      }
      const outcome = reviewers.length === 0 ? decideJoin(step, reviewers) : null;
      storeState(tx, id, listed, reviewers, outcome);
      if (outcome) saveResult(tx, id, saveAs, outcome, reviewers);
    }),
    on: {
      'cf.complete': {
        guard: ownsTask(id, 'reviewer'),
        actions: act((tx, event) => {
          const taskId = event['taskId'] as string;
          const reviewerId = tx.ctx.tasks[taskId]!.meta!['reviewer'] as string;
          const form = event['data'] as Record<string, unknown>;
          const decision = String(form[step.decisionField]);
          const basis = basisOf(form, step.decisionField);
          tx.completeTask(taskId);
          const status: ReviewerStatus = step.approveValues.includes(decision) ? 'approved'
            : step.rejectValues.includes(decision) ? 'rejected' : 'verifying';
          tx.log('review.answered', { stepId: id, taskId, data: { reviewer: reviewerId, decision } });
          if (status === 'verifying') openReviewerTask(tx, id, step, reviewerSpec(tx, reviewerId), level, true);
          update(tx, reviewerId, (r) => {
            const next: ReviewerAnswer = { id: r.id, status };
            if (r.spec) next.spec = r.spec;
            next.decision = decision;
            next.by = tx.env.actor.id;
            next.at = tx.env.now;
            if (basis !== undefined) next.basis = basis;
            if (r.decision !== undefined) {
              const earlier: NonNullable<ReviewerAnswer['earlier']>[number] = { decision: r.decision, by: r.by!, at: r.at! };
              if (r.basis !== undefined) earlier.basis = r.basis;
              next.earlier = [...(r.earlier ?? []), earlier];
            } else if (r.earlier) next.earlier = r.earlier;
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
