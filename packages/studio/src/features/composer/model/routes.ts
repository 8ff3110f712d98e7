import type { Next, ProcessDefinition, StepDefinition, StepKind, Transition } from '@civicflow/engine';
import { getAt } from './patches.js';
import type { Path } from './patches.js';
import { listRegions, listSteps } from './draftStructure.js';

/**
 * Which set of routes of a step: `next` for most kinds; a joint review's `approved` / `rejected` /
 * `overdue`, a vote's `result` / `invalid`, a ladder's `next` and `exhausted`.
 */
export type RouteOutcome = 'next' | 'approved' | 'rejected' | 'overdue' | 'result' | 'invalid' | 'exhausted';

/** The outcomes each step kind routes on (an end step has none). */
export const ROUTE_OUTCOMES: Readonly<Record<StepKind, readonly RouteOutcome[]>> = {
  task: ['next'],
  jointReview: ['approved', 'rejected', 'overdue'],
  vote: ['result', 'invalid'],
  notice: ['next'],
  escalation: ['next', 'exhausted'],
  decision: ['next'],
  wait: ['next'],
  parallel: ['next'],
  subprocess: ['next'],
  end: [],
};

/** Outcomes a step may leave out (a joint review without deadlines has no `overdue` route). */
export const OPTIONAL_OUTCOMES: ReadonlySet<RouteOutcome> = new Set(['overdue']);

/** Where a step keeps the routes of `outcome`, relative to the step. */
export function outcomePath(kind: StepKind, outcome: RouteOutcome): Path {
  if (kind === 'jointReview' || kind === 'vote') return ['next', outcome];
  if (kind === 'escalation' && outcome === 'exhausted') return ['exhausted'];
  return ['next'];
}

/** True when the step kind routes on `outcome`. */
export function hasOutcome(kind: StepKind, outcome: RouteOutcome): boolean {
  return ROUTE_OUTCOMES[kind].includes(outcome);
}

/** The routes of `outcome` as a list: a plain step id is one unguarded route, a missing one none. */
export function routesOf(step: StepDefinition, outcome: RouteOutcome): Transition[] {
  const next = getAt(step, outcomePath(step.kind, outcome)) as Next | undefined;
  if (typeof next === 'string') return [{ to: next }];
  return Array.isArray(next) ? next : [];
}

/** The index of the default route (the last one without `when`), or -1. */
export function defaultRouteIndex(routes: readonly Transition[]): number {
  const last = routes.length - 1;
  return last >= 0 && routes[last]?.when === undefined ? last : -1;
}

/** Something in the draft that names a step: a route, a deadline's `goto`, or a region's `start`. */
export type StepReference =
  /** An outcome written as a plain step id; `path` is the outcome's. */
  | { kind: 'plain'; path: Path; to: string; optional: boolean }
  /** One route of a list; `path` is the route object's. */
  | { kind: 'route'; path: Path; to: string }
  /** A deadline's `onExpiry`; `path` is the onExpiry object's. */
  | { kind: 'expiry'; path: Path; to: string }
  /** A region's start; `path` is the `start` member's. */
  | { kind: 'start'; path: Path; to: string };

/** Paths (relative to a step) where its deadlines sit. */
const DEADLINE_PATHS: readonly Path[] = [['deadline'], ['pendingDeadline'], ['objections', 'decideWithin']];

function expiryReference(deadlinePath: Path, deadline: unknown): StepReference[] {
  const goto = getAt(deadline, ['onExpiry', 'goto']);
  return typeof goto === 'string' && goto !== '$escalate' ? [{ kind: 'expiry', path: [...deadlinePath, 'onExpiry'], to: goto }] : [];
}

/** Every place in the draft that names a step. */
export function stepReferences(draft: ProcessDefinition): StepReference[] {
  const refs: StepReference[] = [];
  for (const region of listRegions(draft)) {
    if (typeof region.start === 'string') refs.push({ kind: 'start', path: [...region.path, 'start'], to: region.start });
    if (region.kind === 'rung') {
      const deadlinePath = [...region.path, 'deadline'];
      refs.push(...expiryReference(deadlinePath, getAt(draft, deadlinePath)));
    }
  }
  for (const { step, path } of listSteps(draft)) {
    if (typeof step !== 'object' || step === null) continue;
    for (const outcome of ROUTE_OUTCOMES[step.kind] ?? []) {
      const at = [...path, ...outcomePath(step.kind, outcome)];
      const next = getAt(draft, at);
      if (typeof next === 'string') refs.push({ kind: 'plain', path: at, to: next, optional: OPTIONAL_OUTCOMES.has(outcome) });
      else if (Array.isArray(next)) {
        next.forEach((route: unknown, i) => {
          const to = getAt(route, ['to']);
          if (typeof to === 'string') refs.push({ kind: 'route', path: [...at, i], to });
        });
      }
    }
    for (const relative of DEADLINE_PATHS) refs.push(...expiryReference([...path, ...relative], getAt(step, relative)));
  }
  return refs;
}
