import type { ProcessDefinition } from '@civicflow/engine';
import { findRegion, locateStep } from './model/index.js';
import type { RegionRef } from './model/index.js';

/** What the property panel shows: a step (parallel and ladder steps included), or one branch / rung. */
export type Selection = { kind: 'step'; id: string } | { kind: 'region'; owner: string; region: string };

/**
 * The selection a diagram node stands for: a branch's or rung's group is `owner/region` (step ids
 * cannot hold a `/`), anything else is a step.
 */
export function selectionOfNode(nodeId: string): Selection {
  const slash = nodeId.indexOf('/');
  return slash < 0 ? { kind: 'step', id: nodeId } : { kind: 'region', owner: nodeId.slice(0, slash), region: nodeId.slice(slash + 1) };
}

/** The diagram node of a selection. */
export function nodeOfSelection(selection: Selection): string {
  return selection.kind === 'step' ? selection.id : `${selection.owner}/${selection.region}`;
}

/** The selection if it still exists in `draft` (an undo may have taken it away). */
export function liveSelection(draft: ProcessDefinition, selection: Selection | undefined): Selection | undefined {
  if (!selection) return undefined;
  if (selection.kind === 'step') return locateStep(draft, selection.id) ? selection : undefined;
  return findRegion(draft, { owner: selection.owner, region: selection.region }) ? selection : undefined;
}

/** Where the palette adds a step for this selection: into the region, after the selected step. */
export function insertionPoint(draft: ProcessDefinition, selection: Selection | undefined): { region: RegionRef; after?: string | undefined } {
  if (!selection) return { region: null };
  if (selection.kind === 'region') return { region: { owner: selection.owner, region: selection.region } };
  const location = locateStep(draft, selection.id);
  return location ? { region: location.region.ref, after: selection.id } : { region: null };
}
