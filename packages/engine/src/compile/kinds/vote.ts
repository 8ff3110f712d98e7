import type { VoteStep } from '../../definition/types.js';
import { CivicflowError } from '../../errors.js';
import {
  checkComposition, countElection, countResolution, countSupplementary, sexFromIdCard,
} from '../../vote/index.js';
import type { CandidateVotes, CompositionMember, ElectionTally, ResolutionTally } from '../../vote/index.js';
import { resolveAssignee } from '../assignees.js';
import type { Compiler } from '../Compiler.js';
import { scheduleDeadline } from '../deadlines.js';
import { expiryTransitions } from '../expiry.js';
import { compileRoutes } from '../routes.js';
import { evalIn } from '../scope.js';
import type { Tx } from '../Tx.js';
import { act, ownsTask } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';
import { effectiveRules, weakenedRules } from './voteRules.js';

interface ElectedSeat { post: string; candidate: string; votes: number; round: 'main' | 'second' }
interface OpenPost { post: string; seats: number; candidates: string[] }
interface VoteState {
  outcome: 'result' | 'invalid' | null;
  elected: ElectedSeat[];
  open: OpenPost[];
  rounds: unknown[];
}

type Form = Record<string, unknown>;

function seatsOf(tx: Tx, id: string, step: VoteStep): Record<string, number> {
  const s = typeof step.seats === 'string' ? evalIn(tx.ctx, tx.env, id, step.seats) : step.seats ?? {};
  if (!s || typeof s !== 'object') throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: 'seats must be an object { post: seats }', expression: String(step.seats) });
  return s as Record<string, number>;
}

function openCountTask(tx: Tx, id: string, step: VoteStep, level: string | undefined, role: 'count' | 'second', meta: Record<string, unknown> = {}): void {
  const taskId = tx.openTask({
    stepId: id, role, title: step.title,
    assignee: resolveAssignee(tx.ctx, tx.env, id, step.assignee, {}, level), meta,
  });
  if (step.deadline && role === 'count') {
    const timer = scheduleDeadline(tx, id, step.deadline, 'deadline', {}, { taskId });
    tx.updateTask(taskId, { dueAt: timer.dueAt });
  }
}

function finish(tx: Tx, id: string, step: VoteStep, s: VoteState, summary: Record<string, unknown>): void {
  const previous = tx.ctx.data[step.saveAs ?? id] as { attempt?: number } | undefined;
  const attempt = (previous?.attempt ?? 0) + 1;
  tx.setStepState(id, s);
  tx.setData(step.saveAs ?? id, { attempt, countedAt: tx.env.now, ...summary, rounds: s.rounds });
  tx.log('vote.counted', { stepId: id, data: { attempt, ...summary } });
}

function finishElection(tx: Tx, id: string, step: VoteStep, s: VoteState): void {
  const vacancies = s.open.filter((p) => p.seats > 0).map((p) => ({ post: p.post, seats: p.seats }));
  let composition: unknown = null;
  if (step.composition) {
    const c = step.composition;
    const members = s.elected.map((e): CompositionMember => {
      const sex = c.sexOf ? evalIn(tx.ctx, tx.env, id, c.sexOf, { candidate: e.candidate }) : sexFromIdCard(e.candidate);
      const ethnicity = c.ethnicityOf ? evalIn(tx.ctx, tx.env, id, c.ethnicityOf, { candidate: e.candidate }) : undefined;
      return { person: e.candidate, ...(sex === 'F' || sex === 'M' ? { sex: sex as 'F' | 'M' } : {}), ...(typeof ethnicity === 'string' ? { ethnicity } : {}) };
    });
    composition = checkComposition(members, {
      minSize: c.minSize ?? 0, maxSize: c.maxSize ?? Number.MAX_SAFE_INTEGER,
      requireWoman: c.requireWoman ?? false, requireMinority: c.requireMinority ?? false,
      ...(c.majorityEthnicity ? { majorityEthnicity: c.majorityEthnicity } : {}),
    });
  }
  finish(tx, id, step, { ...s, outcome: 'result' }, { valid: true, elected: s.elected, vacancies, composition });
}

/** Counts the main ballot (A §5.5 steps 1–4) and decides whether a second ballot is needed. */
function countMain(tx: Tx, id: string, step: VoteStep, form: Form, level: string | undefined): void {
  const rules = effectiveRules(step);
  const seats = seatsOf(tx, id, step);
  const registered = step.electorate ? evalIn(tx.ctx, tx.env, id, step.electorate) : form['registered'];
  const posts = (form['posts'] as { post: string; results: CandidateVotes[] }[] | undefined) ?? [];
  const tally: ElectionTally = {
    registered: registered as number, issued: form['issued'] as number, returned: form['returned'] as number,
    voters: form['voters'] as number, ...(typeof form['valid'] === 'number' ? { valid: form['valid'] } : {}),
    posts: posts.map((p) => ({ post: p.post, seats: seats[p.post] ?? 0, results: p.results })),
  };
  const outcome = countElection(tally, rules);
  const round = { round: 'main', at: tx.env.now, tally, outcome };
  if (!outcome.valid) {
    finish(tx, id, step, { outcome: 'invalid', elected: [], open: [], rounds: [round] }, { valid: false, invalidReason: outcome.invalidReason, problems: outcome.problems });
    return;
  }
  const elected: ElectedSeat[] = outcome.posts.flatMap((p) => p.elected.map((e) => ({ post: p.post, candidate: e.candidate, votes: e.votes, round: 'main' as const })));
  const open: OpenPost[] = outcome.posts.filter((p) => p.unfilled > 0).map((p) => ({ post: p.post, seats: p.unfilled, candidates: p.supplementaryCandidates }));
  const s: VoteState = { outcome: null, elected, open, rounds: [round] };
  if (open.every((p) => p.candidates.length === 0)) {
    finishElection(tx, id, step, s);
    return;
  }
  // 另行选举 (and re-votes of ties at the cut-off) in the same sitting [Inf, see A §8].
  tx.setStepState(id, s);
  openCountTask(tx, id, step, level, 'second', { posts: open });
}

/** Counts the supplementary ballot: highest votes win with at least the statutory share (1/3). */
function countSecond(tx: Tx, id: string, step: VoteStep, form: Form): void {
  const rules = effectiveRules(step);
  const s = tx.stepState<VoteState>(id)!;
  const given = (form['posts'] as { post: string; ballotsCast?: number; results: CandidateVotes[] }[] | undefined) ?? [];
  const elected = [...s.elected];
  const outcomes: unknown[] = [];
  const open = s.open.map((p) => {
    const g = given.find((x) => x.post === p.post);
    const ballotsCast = g?.ballotsCast ?? (form['ballotsCast'] as number);
    const o = countSupplementary({ post: p.post, seats: p.seats, ballotsCast, results: g?.results ?? [] }, rules);
    outcomes.push(o);
    elected.push(...o.elected.map((e) => ({ post: p.post, candidate: e.candidate, votes: e.votes, round: 'second' as const })));
    return { ...p, seats: o.vacant };
  });
  finishElection(tx, id, step, { outcome: null, elected, open, rounds: [...s.rounds, { round: 'second', at: tx.env.now, form, outcomes }] });
}

function countResolutionVote(tx: Tx, id: string, step: VoteStep, form: Form): void {
  const outcome = countResolution(form as unknown as ResolutionTally, step.resolution!);
  const round = { round: 'main', at: tx.env.now, tally: form, outcome };
  const valid = outcome.quorumMet && outcome.problems.length === 0;
  finish(tx, id, step, { outcome: valid ? 'result' : 'invalid', elected: [], open: [], rounds: [round] }, {
    valid, passed: outcome.passed, perDimension: outcome.perDimension, problems: outcome.problems,
    ...(valid ? {} : { invalidReason: outcome.problems.length ? 'INCONSISTENT_TALLY' : 'NO_QUORUM' }),
  });
}

/**
 * vote: tellers enter the count sheet; the engine applies the statute's quorum and winning rules
 * (strictly more than half, 600 of 1,200 is not enough), runs the supplementary ballot for open
 * seats (at least 1/3 of ballots cast), checks the committee's composition, and routes an invalid
 * ballot to a re-run instead of a result. Resolution votes support several weighted dimensions.
 */
export function compileVote(c: Compiler, id: string, step: VoteStep): NodeConfig {
  const level = c.defaultLevel(id);
  const outcomeIs = (o: VoteState['outcome']) => ({ context }: GuardArgs): boolean => (context.steps[id] as VoteState | undefined)?.outcome === o;
  return {
    entry: act((tx) => {
      const weakened = weakenedRules(step);
      if (weakened.length) throw new CivicflowError('CF_ENGINE_VOTE_LAW_VIOLATION', { detail: `step ${id} weakens ${weakened.map((w) => w.key).join(', ')} below ${step.statute}` });
      tx.setStepState(id, { outcome: null, elected: [], open: [], rounds: [] } satisfies VoteState);
      openCountTask(tx, id, step, level, 'count');
    }),
    on: {
      'cf.complete': {
        guard: ownsTask(id),
        actions: act((tx, event) => {
          const taskId = event['taskId'] as string;
          const task = tx.ctx.tasks[taskId]!;
          tx.completeTask(taskId);
          const form = event['data'] as Form;
          if (step.mode === 'resolution') countResolutionVote(tx, id, step, form);
          else if (task.role === 'count') countMain(tx, id, step, form, level);
          else countSecond(tx, id, step, form);
        }),
      },
      'cf.timer': expiryTransitions(id, step.deadline, 'deadline', { defaultLevel: level }),
    },
    always: [
      ...compileRoutes(id, step.next.invalid, { guard: outcomeIs('invalid'), defaultLevel: level }),
      ...compileRoutes(id, step.next.result, { guard: outcomeIs('result'), defaultLevel: level }),
    ],
  };
}
