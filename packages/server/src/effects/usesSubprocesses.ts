import type { ProcessDefinition, StepDefinition } from '@civicflow/engine';

const known = new WeakMap<ProcessDefinition, boolean>();

/** Whether a definition has a subprocess step anywhere (parallel branches and ladder rungs included). Remembered per document. */
export function usesSubprocesses(definition: ProcessDefinition): boolean {
  let uses = known.get(definition);
  if (uses === undefined) known.set(definition, (uses = anySubprocess(definition.steps)));
  return uses;
}

function anySubprocess(steps: Readonly<Record<string, StepDefinition>>): boolean {
  return Object.values(steps).some((step) => step.kind === 'subprocess'
    || (step.kind === 'parallel' && step.branches.some((b) => anySubprocess(b.steps)))
    || (step.kind === 'escalation' && step.rungs.some((r) => anySubprocess(r.steps))));
}
