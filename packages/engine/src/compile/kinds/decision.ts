import type { DecisionStep, WaitStep, EndStep } from '../../definition/types.js';
import { computeDue, endOfDay, formatInstant, isLocalDate, parseInstant } from '../../calendar/index.js';
import { CivicflowError } from '../../errors.js';
import type { Compiler } from '../Compiler.js';
import { compileRoutes } from '../routes.js';
import { recordLadderResult } from './escalation.js';
import { evalIn } from '../scope.js';
import { act, ownsTimer } from '../xstateConfig.js';
import type { NodeConfig } from '../xstateConfig.js';

/** decision: routes by guards, immediately. */
export function compileDecision(_c: Compiler, id: string, step: DecisionStep): NodeConfig {
  return { always: compileRoutes(id, step.next) };
}

/** wait: until a date/instant or for a duration, as a durable timer. */
export function compileWait(_c: Compiler, id: string, step: WaitStep): NodeConfig {
  return {
    entry: act((tx) => {
      let dueAt: string;
      if (step.duration) {
        dueAt = computeDue(tx.env.calendar, tx.env.now, step.duration).dueAt;
      } else {
        const v = evalIn(tx.ctx, tx.env, id, step.until!, {});
        if (isLocalDate(v)) dueAt = endOfDay(v);
        else if (typeof v === 'string') dueAt = formatInstant(parseInstant(v));
        else throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: `until gave ${JSON.stringify(v)}`, expression: step.until });
      }
      tx.schedule({ stepId: id, purpose: 'wait', basis: step.basis, dueAt });
    }),
    on: {
      'cf.timer': compileRoutes(id, step.next, {
        guard: ownsTimer(id, 'wait'),
        before: [act((tx, event) => {
          tx.cancelTimer(event['timerId'] as string);
          tx.log('timer.expired', { stepId: id, timerId: event['timerId'] as string, data: { purpose: 'wait', basis: step.basis } });
        })],
      }),
    },
  };
}

/** end: at top level, the process ends with an outcome; inside a branch or rung, the region does. */
export function compileEnd(c: Compiler, id: string, step: EndStep): NodeConfig {
  const place = c.index.get(id)!.place;
  if (place.region === 'root') {
    return {
      type: 'final',
      entry: act((tx) => {
        tx.ctx.outcome = { id: step.outcome, title: step.title };
        tx.log('instance.ended', { stepId: id, data: { outcome: step.outcome } });
        tx.emit({ type: 'instance.ended', outcome: step.outcome, title: step.title });
      }),
    };
  }
  if (place.region === 'branch') {
    return {
      entry: act((tx) => {
        const s = tx.stepState<{ done: Record<string, string> }>(place.parallelId) ?? { done: {} };
        const done = { ...s.done, [place.branchId]: step.outcome };
        tx.setStepState(place.parallelId, { ...s, done });
        const parallel = c.index.get(place.parallelId)!.step;
        // Saved as each branch ends, so the join's route conditions can read it.
        if (parallel.kind === 'parallel' && parallel.saveAs) tx.setData(parallel.saveAs, { branches: done });
        tx.log('branch.ended', { stepId: id, data: { parallel: place.parallelId, branch: place.branchId, outcome: step.outcome } });
      }),
    };
  }
  return {
    entry: act((tx) => {
      const s = tx.stepState<Record<string, unknown>>(place.ladderId) ?? {};
      tx.setStepState(place.ladderId, { ...s, result: { rung: place.rungId, outcome: step.outcome } });
      // A resolving outcome is recorded at once, so the ladder's route conditions can read it.
      if (step.outcome !== 'escalate') recordLadderResult(tx, c.index.get(place.ladderId)!.step, place.ladderId, place.rungId, step.outcome);
      tx.log('rung.ended', { stepId: id, data: { ladder: place.ladderId, rung: place.rungId, outcome: step.outcome } });
    }),
  };
}
