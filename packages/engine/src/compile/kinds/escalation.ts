import type { EscalationStep, StepDefinition } from '../../definition/types.js';
import { CivicflowError } from '../../errors.js';
import { ancestorAtLevel } from '../../orgUnits/orgUnitPath.js';
import type { Compiler } from '../Compiler.js';
import { expireDeadline, expiryIsFinal, scheduleDeadline } from '../deadlines.js';
import { envOf } from '../engineEvent.js';
import { applySet, compileRoutes } from '../routes.js';
import { evalIn, truthy } from '../scope.js';
import type { Tx } from '../Tx.js';
import { act, and, ownsTimer, target } from '../xstateConfig.js';
import type { Guard, GuardArgs, NodeConfig, TransitionConfig } from '../xstateConfig.js';

/** One rung's passage, for the record "which rung resolved it" (小事不出村、大事不出镇). */
export interface RungVisit { rung: string; level: string; orgUnit: string; enteredAt: string; leftAt?: string; result?: string }
interface LadderState { rung: string; visits: RungVisit[]; result: { rung: string; outcome: string } | null }

const rungNodeId = (ladderId: string, rungId: string): string => `${ladderId}__${rungId}`;

/** Writes where and how the ladder was left to `data[saveAs ?? ladderId]`. */
export function recordLadderResult(tx: Tx, ladder: StepDefinition, ladderId: string, rungId: string | null, outcome: string): void {
  if (ladder.kind !== 'escalation') return;
  const s = tx.stepState<LadderState>(ladderId)!;
  const visits = s.visits.map((v, i) => (i === s.visits.length - 1 && v.leftAt === undefined ? { ...v, leftAt: tx.env.now, result: outcome } : v));
  const last = visits[visits.length - 1]!;
  tx.setData(ladder.saveAs ?? ladderId, { resolvedAt: rungId, level: last.level, outcome, rungs: visits });
}

function closeVisit(tx: Tx, ladderId: string, result: string): LadderState {
  const s = tx.stepState<LadderState>(ladderId)!;
  const visits = s.visits.map((v, i) => (i === s.visits.length - 1 ? { ...v, leftAt: tx.env.now, result } : v));
  const next = { ...s, visits, result: null };
  tx.setStepState(ladderId, next);
  return next;
}

/**
 * escalation: ordered rungs (village → town → county → court). Each rung is a small flow with its
 * own deadline; a rung ending with outcome `escalate` (or a deadline with goto `$escalate`) moves
 * the case up a rung. Any other rung outcome leaves the ladder, recording where it was resolved.
 */
export function compileEscalation(c: Compiler, id: string, step: EscalationStep): NodeConfig {
  const saveKey = step.saveAs ?? id;
  const result = ({ context }: GuardArgs) => (context.steps[id] as LadderState | undefined)?.result ?? null;
  const states: Record<string, NodeConfig> = {};
  step.rungs.forEach((rung) => {
    const rungTimer: Guard = and(ownsTimer(id, 'rung'), ({ context, event }) => context.timers[event['timerId'] as string]!.meta?.['rung'] === rung.id);
    const expire = act((tx, event) => {
      const timer = tx.ctx.timers[event['timerId'] as string]!;
      if (expireDeadline(tx, id, rung.deadline!, timer, {}, rung.level) !== 'final') return;
      applySet(tx, id, rung.deadline!.onExpiry?.set, {});
      if (rung.deadline!.onExpiry?.goto === '$escalate') {
        tx.setStepState(id, { ...tx.stepState<LadderState>(id)!, result: { rung: rung.id, outcome: 'escalate' } });
      }
    });
    const timerTransitions: TransitionConfig[] = [];
    const goto = rung.deadline?.onExpiry?.goto;
    if (rung.deadline && goto && goto !== '$escalate') {
      timerTransitions.push({
        guard: and(rungTimer, ({ context, event }) => expiryIsFinal(rung.deadline!, context.timers[event['timerId'] as string]!)),
        target: target(goto), actions: expire,
      });
    }
    if (rung.deadline) timerTransitions.push({ guard: rungTimer, actions: expire });
    states[rung.id] = {
      id: rungNodeId(id, rung.id),
      ...c.region(rung.steps, rung.start),
      entry: act((tx) => {
        const s = tx.stepState<LadderState>(id)!;
        const orgUnit = ancestorAtLevel(tx.ctx.case.orgUnit, rung.level) ?? tx.ctx.case.orgUnit;
        tx.setStepState(id, { ...s, rung: rung.id, visits: [...s.visits, { rung: rung.id, level: rung.level, orgUnit, enteredAt: tx.env.now }] });
        tx.log('rung.entered', { stepId: id, data: { rung: rung.id, level: rung.level, orgUnit } });
        if (rung.deadline) scheduleDeadline(tx, id, rung.deadline, 'rung', {}, { meta: { rung: rung.id } });
      }),
      exit: act((tx) => {
        for (const t of Object.values(tx.ctx.timers)) if (t.stepId === id && t.meta?.['rung'] === rung.id) tx.cancelTimer(t.id);
      }),
      on: { 'cf.timer': timerTransitions },
    };
  });

  const always: TransitionConfig[] = [];
  step.rungs.forEach((rung, i) => {
    const up = step.rungs[i + 1];
    if (!up) return;
    if (rung.escalateWhen) {
      const when = rung.escalateWhen;
      always.push({
        guard: ({ context, event }: GuardArgs) => (context.steps[id] as LadderState | undefined)?.rung === rung.id && result({ context, event }) === null
          && truthy(evalIn(context, envOf(event), id, when)),
        target: target(rungNodeId(id, up.id)),
        actions: act((tx) => {
          closeVisit(tx, id, 'escalated');
          const toOrgUnit = ancestorAtLevel(tx.ctx.case.orgUnit, up.level) ?? tx.ctx.case.orgUnit;
          tx.log('case.escalated', { stepId: id, data: { from: rung.id, to: up.id, toOrgUnit, condition: when } });
          tx.emit({ type: 'case.escalated', stepId: id, fromRung: rung.id, toRung: up.id, toOrgUnit });
        }),
      });
    }
    always.push({
      guard: (args: GuardArgs) => result(args)?.rung === rung.id && result(args)?.outcome === 'escalate',
      target: target(rungNodeId(id, up.id)),
      actions: act((tx) => {
        closeVisit(tx, id, 'escalated');
        const toOrgUnit = ancestorAtLevel(tx.ctx.case.orgUnit, up.level) ?? tx.ctx.case.orgUnit;
        tx.log('case.escalated', { stepId: id, data: { from: rung.id, to: up.id, toOrgUnit } });
        tx.emit({ type: 'case.escalated', stepId: id, fromRung: rung.id, toRung: up.id, toOrgUnit });
      }),
    });
  });
  const finish = (exhausted: boolean) => act((tx) => {
    const r = tx.stepState<LadderState>(id)!.result!;
    if (exhausted) recordLadderResult(tx, step, id, null, 'exhausted');
    const s = closeVisit(tx, id, exhausted ? 'exhausted' : r.outcome);
    const last = s.visits[s.visits.length - 1]!;
    tx.setData(saveKey, { resolvedAt: exhausted ? null : r.rung, level: last.level, outcome: exhausted ? 'exhausted' : r.outcome, rungs: s.visits });
    tx.log('ladder.left', { stepId: id, data: { rung: r.rung, level: last.level, outcome: r.outcome, exhausted } });
  });
  const lastRung = step.rungs[step.rungs.length - 1]!;
  always.push(...compileRoutes(id, step.exhausted, {
    guard: (args) => result(args)?.rung === lastRung.id && result(args)?.outcome === 'escalate',
    before: [finish(true)],
  }));
  always.push(...compileRoutes(id, step.next, {
    guard: (args) => result(args) !== null && result(args)!.outcome !== 'escalate',
    before: [finish(false)],
  }));

  // With `startAt`, a transient first state picks the rung, so no visit is recorded for rungs skipped.
  const START = '__start';
  if (step.startAt) {
    const startAt = step.startAt;
    const chosen = ({ context, event }: GuardArgs): unknown => evalIn(context, envOf(event), id, startAt);
    states[START] = {
      always: [
        ...step.rungs.map((r) => ({ guard: (args: GuardArgs) => chosen(args) === r.id, target: r.id })),
        { actions: act(() => { throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: `startAt must give one of ${step.rungs.map((r) => r.id).join(', ')}`, expression: startAt }); }) },
      ],
    };
  }
  return {
    initial: step.startAt ? START : step.rungs[0]!.id,
    entry: act((tx) => tx.setStepState(id, { rung: step.rungs[0]!.id, visits: [], result: null } satisfies LadderState)),
    states,
    always,
  };
}
