/**
 * The scripted workload of the reference process "joint qualification review" (资格联审), identical
 * for every engine (../shared/bench/README.md): instance i submits a candidate, then departments
 * A, B and C complete in that order; every 4th instance (i % 4 === 3) has department B reject.
 * Approved instances complete 5 user tasks (… → publishNotice), rejected ones 4.
 */

/** A department of the joint review. */
export type Department = 'A' | 'B' | 'C';

/** The departments, in the order the workload completes their reviews. */
export const DEPARTMENTS: readonly Department[] = ['A', 'B', 'C'];

/** Where an instance ends: the reference process has two end events. */
export type ExpectedEnd = 'approved' | 'rejected';

/** One user task the workload completes, in order. */
export type ScriptedStep =
  | { task: 'submitCandidate'; candidate: string }
  | { task: 'review'; department: Department; approved: boolean }
  | { task: 'publishNotice' };

/** Whether department `d` approves in instance `i`. */
export function approves(i: number, d: Department): boolean {
  return !(d === 'B' && i % 4 === 3);
}

/** The end instance `i` must reach. */
export function expectedEnd(i: number): ExpectedEnd {
  return DEPARTMENTS.every((d) => approves(i, d)) ? 'approved' : 'rejected';
}

/** The user tasks instance `i` completes, in order (5 when approved, 4 when rejected). */
export function scriptFor(i: number): ScriptedStep[] {
  const steps: ScriptedStep[] = [{ task: 'submitCandidate', candidate: `候选人-${i}` }];
  for (const department of DEPARTMENTS) steps.push({ task: 'review', department, approved: approves(i, department) });
  if (expectedEnd(i) === 'approved') steps.push({ task: 'publishNotice' });
  return steps;
}

/** Average user tasks per instance of the workload (3 of 4 instances complete 5, one 4). */
export const STEPS_PER_INSTANCE = 4.75;

/** The user tasks instances `from` … `from + count - 1` complete together (STEPS_PER_INSTANCE on average). */
export function expectedSteps(from: number, count: number): number {
  let total = 0;
  for (let i = from; i < from + count; i++) total += expectedEnd(i) === 'approved' ? 5 : 4;
  return total;
}

/** What a driver reports for one instance it ran. */
export interface InstanceOutcome {
  /** The instance's index in the workload. */
  index: number;
  /** The end the engine says the instance reached (`approved`, `rejected`), or what it found instead (e.g. `still running at …`). */
  end: string;
  /** User tasks the engine accepted as completed. */
  steps: number;
}

/** A run that did not do what the workload scripted: the bench refuses to report its speed. */
export class WorkloadCheckError extends Error {
  constructor(engine: string, problems: readonly string[], total: number) {
    super(`${engine}: the run did not follow the reference workload, so its figures are not reported — ${problems.length} of ${total} checks failed:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
    this.name = 'WorkloadCheckError';
  }
}

/**
 * Checks a run of instances `from` … `from + count - 1`: every instance reported once, each at its
 * expected end with its expected number of steps, and the step total right. Throws a
 * WorkloadCheckError naming each difference; returns the step total.
 */
export function checkRun(engine: string, outcomes: readonly InstanceOutcome[], from: number, count: number): number {
  const problems: string[] = [];
  if (outcomes.length !== count) problems.push(`expected ${count} instances, got ${outcomes.length}`);
  let steps = 0;
  const seen = new Set<number>();
  for (const o of outcomes) {
    steps += o.steps;
    if (o.index < from || o.index >= from + count || seen.has(o.index)) {
      problems.push(`instance ${o.index} is outside the run or reported twice`);
      continue;
    }
    seen.add(o.index);
    const end = expectedEnd(o.index);
    if (o.end !== end) problems.push(`instance ${o.index} ended at "${o.end}", expected "${end}"`);
    const want = end === 'approved' ? 5 : 4;
    if (o.steps !== want) problems.push(`instance ${o.index} completed ${o.steps} user tasks, expected ${want}`);
  }
  const wantTotal = expectedSteps(from, count);
  if (steps !== wantTotal) problems.push(`step total ${steps}, expected ${wantTotal}`);
  if (problems.length > 0) throw new WorkloadCheckError(engine, problems, count);
  return steps;
}
