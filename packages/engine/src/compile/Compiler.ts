import type { ProcessDefinition, StepDefinition } from '../definition/types.js';
import type { NodeConfig } from './xstateConfig.js';

/** Where a step lives: top level, a parallel branch, or a ladder rung. */
export type StepPlace =
  | { region: 'root' }
  | { region: 'branch'; parallelId: string; branchId: string }
  | { region: 'rung'; ladderId: string; rungId: string; level: string };

export interface IndexedStep {
  id: string;
  step: StepDefinition;
  place: StepPlace;
}

/** Every step of a definition by id (ids are unique across nested regions). */
export function indexSteps(def: ProcessDefinition): Map<string, IndexedStep> {
  const index = new Map<string, IndexedStep>();
  const walk = (steps: Record<string, StepDefinition>, place: StepPlace): void => {
    for (const [id, step] of Object.entries(steps)) {
      index.set(id, { id, step, place });
      if (step.kind === 'parallel') for (const b of step.branches) walk(b.steps, { region: 'branch', parallelId: id, branchId: b.id });
      if (step.kind === 'escalation') for (const r of step.rungs) walk(r.steps, { region: 'rung', ladderId: id, rungId: r.id, level: r.level });
    }
  };
  walk(def.steps, { region: 'root' });
  return index;
}

/** What kind compilers get: the definition, the step index and a way to compile nested regions. */
export interface Compiler {
  def: ProcessDefinition;
  index: Map<string, IndexedStep>;
  /** The org level tasks default to (a rung's level), if any. */
  defaultLevel(stepId: string): string | undefined;
  /** Compiles a nested region of steps into `{ initial, states }`. */
  region(steps: Record<string, StepDefinition>, start: string): { initial: string; states: Record<string, NodeConfig> };
}
