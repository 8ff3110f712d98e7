import { CivicflowError } from '../errors.js';
import type { Next, NotifySpec, Transition } from '../definition/types.js';
import type { EngineContext } from '../runtime/types.js';
import { resolveNotify } from './assignees.js';
import type { EventEnv } from './engineEvent.js';
import { envOf } from './engineEvent.js';
import { evalIn, truthy } from './scope.js';
import type { Tx } from './Tx.js';
import { act, and, fuse, target } from './xstateConfig.js';
import type { Action, Guard, GuardArgs, TransitionConfig } from './xstateConfig.js';

/** Extra expression scope for a route (e.g. `form` for the submitted data). */
export type ScopeOf = (args: GuardArgs) => Record<string, unknown>;

export function normalizeNext(next: Next): Transition[] {
  return typeof next === 'string' ? [{ to: next }] : next;
}

/** Applies `set` assignments: each key a dot path under `data`, each value an expression. */
export function applySet(tx: Tx, stepId: string, set: Record<string, string> | undefined, extra: Record<string, unknown>): void {
  if (!set) return;
  for (const [path, expr] of Object.entries(set)) tx.setData(path, evalIn(tx.ctx, tx.env, stepId, expr, extra));
}

export function sendNotifications(tx: Tx, stepId: string, specs: NotifySpec[] | undefined, extra: Record<string, unknown>, defaultLevel?: string, taskId?: string): void {
  for (const n of specs ?? []) {
    const r = resolveNotify(tx.ctx, tx.env, stepId, n, extra, defaultLevel);
    tx.notify(r.role, r.orgUnit, n.message, stepId, taskId, r.person);
  }
}

export function routeHolds(ctx: EngineContext, env: EventEnv, stepId: string, t: Transition, extra: Record<string, unknown>): boolean {
  return t.when === undefined || truthy(evalIn(ctx, env, stepId, t.when, extra));
}

/**
 * Compiles `next` into XState transitions: each route guarded by `guard` and its `when`, running
 * `before` (the step's own bookkeeping), then the route's `set` and notifications. A last entry
 * fails the command with CF_ENGINE_NO_ROUTE when the guard holds but no route does: a process
 * must never silently stall.
 */
export function compileRoutes(
  stepId: string, next: Next,
  opts: { guard?: Guard; before?: Action[]; scope?: ScopeOf; defaultLevel?: string } = {},
): TransitionConfig[] {
  const scopeOf: ScopeOf = opts.scope ?? (() => ({}));
  const out: TransitionConfig[] = normalizeNext(next).map((t) => ({
    guard: and(opts.guard, (args) => routeHolds(args.context, envOf(args.event), stepId, t, scopeOf(args))),
    target: target(t.to),
    // A route back to its own step (another session, another assessment) must exit and enter
    // again so that a fresh task opens; XState v5 does not re-enter by default.
    ...(t.to === stepId ? { reenter: true } : {}),
    actions: fuse([
      ...(opts.before ?? []),
      act((tx, event) => {
        const extra = scopeOf({ context: tx.ctx, event });
        applySet(tx, stepId, t.set, extra);
        sendNotifications(tx, stepId, t.notify, extra, opts.defaultLevel);
        tx.log('route.taken', { stepId, data: { to: t.to } });
      }),
    ]),
  }));
  out.push({
    guard: opts.guard ?? (() => true),
    actions: act(() => {
      throw new CivicflowError('CF_ENGINE_NO_ROUTE', { stepId });
    }),
  });
  return out;
}
