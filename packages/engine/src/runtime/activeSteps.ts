import type { ProcessDefinition, StepDefinition } from '../definition/types.js';

/**
 * The steps a case is at, from its XState state value (the snapshot's `value`). The engine
 * compiles each step to a state node keyed by the step id; a parallel step holds one region per
 * branch and a ladder one state per rung, each keyed by the branch's / rung's id and holding that
 * region's steps. Other steps may have inner states of their own (a joint review's waiting, a
 * notice's period), which are not steps. So the value is read against the definition: the deepest
 * step ids are returned. Anything that is not a step (the cancelled state, a ladder choosing its
 * first rung) gives the enclosing step or nothing.
 *
 * @example
 * activeSteps(disputeMediation, { handling: { mediationTrack: { ladder: { VILLAGE: 'vSession' } }, riskTrack: 'stabilise' } })
 * // → ['vSession', 'stabilise']
 */
export function activeSteps(definition: ProcessDefinition, stateValue: unknown): string[] {
  return inRegion(definition.steps, stateValue);
}

function inRegion(steps: Record<string, StepDefinition>, value: unknown): string[] {
  if (typeof value === 'string') return Object.hasOwn(steps, value) ? [value] : [];
  if (!isRecord(value)) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const step = Object.hasOwn(steps, key) ? steps[key] : undefined;
    if (!step) continue;
    const regions = step.kind === 'parallel' ? step.branches : step.kind === 'escalation' ? step.rungs : [];
    const nested = isRecord(inner)
      ? regions.flatMap((region) => (Object.hasOwn(inner, region.id) ? inRegion(region.steps, inner[region.id]) : []))
      : [];
    found.push(...(nested.length > 0 ? nested : [key]));
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
