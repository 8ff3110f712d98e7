import type { DeadlineSpec } from '../definition/types.js';
import { expireDeadline, expiryIsFinal } from './deadlines.js';
import { applySet } from './routes.js';
import { act, and, ownsTimer, target } from './xstateConfig.js';
import type { Guard, TransitionConfig } from './xstateConfig.js';

/**
 * Transitions for an expiring deadline of a step: on a final expiry with `goto`, take that route;
 * otherwise mark overdue, remind, and extend once if configured.
 */
export function expiryTransitions(stepId: string, spec: DeadlineSpec | undefined, purpose: string, opts: { defaultLevel?: string; guard?: Guard } = {}): TransitionConfig[] {
  if (!spec) return [];
  const own = and(ownsTimer(stepId, purpose), opts.guard);
  const expire = act((tx, event) => {
    const timer = tx.ctx.timers[event['timerId'] as string]!;
    if (expireDeadline(tx, stepId, spec, timer, {}, opts.defaultLevel) === 'final') applySet(tx, stepId, spec.onExpiry?.set, {});
  });
  const goto = spec.onExpiry?.goto;
  const out: TransitionConfig[] = [];
  if (goto && goto !== '$escalate') {
    out.push({
      guard: and(own, ({ context, event }) => expiryIsFinal(spec, context.timers[event['timerId'] as string]!)),
      target: target(goto),
      ...(goto === stepId ? { reenter: true } : {}),
      actions: expire,
    });
  }
  out.push({ guard: own, actions: expire });
  return out;
}
