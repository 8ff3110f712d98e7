import type { LocalizedText, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import type { Path } from './patches.js';

/**
 * A region of the draft: its top level (`null`), or one branch of a parallel step / one rung of an
 * escalation ladder, named by the owning step's id and the branch's or rung's id. Step ids are
 * unique across the whole definition, so this names a region without a path.
 */
export type RegionRef = { readonly owner: string; readonly region: string } | null;

/** The process's top level. */
export const ROOT_REGION: RegionRef = null;

/** A region with where it sits in the document. */
export interface RegionInfo {
  ref: RegionRef;
  kind: 'root' | 'branch' | 'rung';
  /** Path of the object holding `start` and `steps` (`[]` for the top level). */
  path: Path;
  start: unknown;
  steps: Record<string, StepDefinition>;
  title?: LocalizedText | undefined;
  /** Index of the branch or rung in its step. */
  index?: number | undefined;
}

/** A step with where it sits. */
export interface StepLocation {
  id: string;
  step: StepDefinition;
  /** Path of the step object. */
  path: Path;
  region: RegionInfo;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The steps of a region object, or none when the document holds no object there. */
function stepsOf(holder: unknown): Record<string, StepDefinition> {
  return isObject(holder) && isObject(holder['steps']) ? holder['steps'] as Record<string, StepDefinition> : {};
}

/** Every region, the top level first, then depth-first in document order. */
export function listRegions(draft: ProcessDefinition): RegionInfo[] {
  const regions: RegionInfo[] = [];
  const walk = (region: RegionInfo): void => {
    regions.push(region);
    for (const [id, step] of Object.entries(region.steps)) {
      if (!isObject(step)) continue;
      const stepPath = [...region.path, 'steps', id];
      const children = step.kind === 'parallel' ? step.branches : step.kind === 'escalation' ? step.rungs : undefined;
      if (!Array.isArray(children)) continue;
      const kind = step.kind === 'parallel' ? 'branch' : 'rung';
      children.forEach((child: unknown, index) => {
        if (!isObject(child)) return;
        walk({
          ref: { owner: id, region: String(child['id']) }, kind, path: [...stepPath, step.kind === 'parallel' ? 'branches' : 'rungs', index],
          start: child['start'], steps: stepsOf(child), title: child['title'] as LocalizedText | undefined, index,
        });
      });
    }
  };
  walk({ ref: null, kind: 'root', path: [], start: draft.start, steps: stepsOf(draft), title: draft.title });
  return regions;
}

/** True when the two refs name the same region. */
export function sameRegion(a: RegionRef, b: RegionRef): boolean {
  return a === b || (a !== null && b !== null && a.owner === b.owner && a.region === b.region);
}

/** The region `ref` names, if it exists. */
export function findRegion(draft: ProcessDefinition, ref: RegionRef): RegionInfo | undefined {
  return listRegions(draft).find((r) => sameRegion(r.ref, ref));
}

/** Every step with its place, regions in {@link listRegions} order. */
export function listSteps(draft: ProcessDefinition): StepLocation[] {
  return listRegions(draft).flatMap((region) =>
    Object.entries(region.steps).map(([id, step]) => ({ id, step, path: [...region.path, 'steps', id], region })));
}

/** The step with id `id` anywhere in the draft (the first one, should an imported draft repeat an id). */
export function locateStep(draft: ProcessDefinition, id: string): StepLocation | undefined {
  return listSteps(draft).find((s) => s.id === id);
}

/** Every step id in the draft. */
export function allStepIds(draft: ProcessDefinition): Set<string> {
  return new Set(listSteps(draft).map((s) => s.id));
}

/** The ids of a step and every step nested in its branches or rungs. */
export function nestedStepIds(step: StepDefinition, id: string): string[] {
  const inner = step.kind === 'parallel' ? step.branches : step.kind === 'escalation' ? step.rungs : [];
  return [id, ...(Array.isArray(inner) ? inner : []).flatMap((r) => Object.entries(stepsOf(r)).flatMap(([childId, child]) => nestedStepIds(child, childId)))];
}

/** `path` as a JSON pointer (`~` and `/` escaped). */
export function toPointer(path: Path): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** A step id not yet taken: `base1`, `base2`, … (or `base` itself when `numbered` is false and it is free). */
export function uniqueStepId(taken: ReadonlySet<string>, base: string, numbered = true): string {
  if (!numbered && !taken.has(base)) return base;
  for (let n = 1; ; n += 1) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}
