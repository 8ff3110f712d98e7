import type { SubprocessStep } from '../../definition/types.js';
import { CivicflowError } from '../../errors.js';
import { isOrgUnitPath } from '../../orgUnits/orgUnitPath.js';
import type { Compiler } from '../Compiler.js';
import { compileRoutes } from '../routes.js';
import { evalIn } from '../scope.js';
import type { Tx } from '../Tx.js';
import { act } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';

interface ChildResult { key: string; item?: unknown; outcome?: string; output?: unknown }
interface SubprocessState { children: ChildResult[] }

/** Saved as each child ends (outcome undefined while running), so route conditions can read it. */
function saveChildren(tx: Tx, id: string, step: SubprocessStep, s: SubprocessState): void {
  const results = s.children.map((ch) => ({ ...(step.forEach ? { item: ch.item } : {}), outcome: ch.outcome ?? null, output: ch.output ?? null }));
  tx.setData(step.saveAs ?? id, step.forEach ? results : results[0]);
}

/**
 * subprocess: starts another definition (one child, or one per item of `forEach`) through a
 * `subprocess.start` effect, and waits for the host's `completeSubprocess` of each.
 */
export function compileSubprocess(_c: Compiler, id: string, step: SubprocessStep): NodeConfig {
  const allDone = ({ context }: GuardArgs): boolean => {
    const s = context.steps[id] as SubprocessState | undefined;
    return s !== undefined && s.children.every((ch) => ch.outcome !== undefined);
  };
  return {
    entry: act((tx) => {
      let items: unknown[] = [undefined];
      if (step.forEach) {
        const list = evalIn(tx.ctx, tx.env, id, step.forEach);
        if (!Array.isArray(list)) throw new CivicflowError('CF_ENGINE_EXPRESSION_FAILED', { stepId: id, detail: 'forEach did not give a list', expression: step.forEach });
        items = list;
      }
      const children: ChildResult[] = [];
      for (const item of items) {
        const key = tx.nextId(id);
        const extra = step.forEach ? { item } : {};
        const input: Record<string, unknown> = {};
        for (const [k, expr] of Object.entries(step.input ?? {})) input[k] = evalIn(tx.ctx, tx.env, id, expr, extra);
        const orgUnit = step.orgUnit ? evalIn(tx.ctx, tx.env, id, step.orgUnit, extra) : tx.ctx.case.orgUnit;
        if (!isOrgUnitPath(orgUnit)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit: String(orgUnit) });
        tx.addChild(key, { key, stepId: id, definitionId: step.definition.id, ...(step.definition.version ? { version: step.definition.version } : {}), ...(step.forEach ? { item } : {}) });
        tx.emit({ type: 'subprocess.start', key, definitionId: step.definition.id, ...(step.definition.version ? { version: step.definition.version } : {}), input, orgUnit });
        tx.log('subprocess.started', { stepId: id, data: { key, definitionId: step.definition.id } });
        children.push({ key, ...(step.forEach ? { item } : {}) });
      }
      tx.setStepState(id, { children } satisfies SubprocessState);
    }),
    on: {
      'cf.child': {
        guard: ({ context, event }: GuardArgs) => context.children[event['key'] as string]?.stepId === id,
        actions: act((tx, event) => {
          const key = event['key'] as string;
          tx.removeChild(key);
          const s = tx.stepState<SubprocessState>(id)!;
          const next = { children: s.children.map((ch) => (ch.key === key ? { ...ch, outcome: event['outcome'] as string, output: event['output'] ?? null } : ch)) };
          tx.setStepState(id, next);
          saveChildren(tx, id, step, next);
        }),
      },
    },
    always: compileRoutes(id, step.next, {
      guard: allDone,
      before: [act((tx) => saveChildren(tx, id, step, tx.stepState<SubprocessState>(id)!))],
    }),
  };
}
