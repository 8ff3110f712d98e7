import type { ParallelStep } from '../../definition/types.js';
import type { Compiler } from '../Compiler.js';
import { compileRoutes } from '../routes.js';
import { act } from '../xstateConfig.js';
import type { GuardArgs, NodeConfig } from '../xstateConfig.js';

interface ParallelState { done: Record<string, string> }

/** parallel: general regions; join `all` (default) waits for every branch, `any` for the first. */
export function compileParallel(c: Compiler, id: string, step: ParallelStep): NodeConfig {
  const needed = step.join === 'any' ? 1 : step.branches.length;
  const joined = ({ context }: GuardArgs): boolean => Object.keys((context.steps[id] as ParallelState | undefined)?.done ?? {}).length >= needed;
  const states: Record<string, NodeConfig> = {};
  for (const b of step.branches) states[b.id] = { id: `${id}__${b.id}`, ...c.region(b.steps, b.start) };
  return {
    type: 'parallel',
    entry: act((tx) => tx.setStepState(id, { done: {} } satisfies ParallelState)),
    states,
    always: compileRoutes(id, step.next, {
      guard: joined,
      before: [act((tx) => {
        const done = tx.stepState<ParallelState>(id)!.done;
        tx.log('parallel.joined', { stepId: id, data: { branches: done } });
      })],
    }),
  };
}
