import type { ProcessDefinition } from '@civicflow/engine';
import { loadDefinition, loadDefinitions } from '../../definitions/definitionCache.js';
import { walkSteps } from '../../definitions/definitionTexts.js';

/** What the simulator runs: the published version, and every process its subprocess steps start (and theirs). */
export interface SimulatedProcess {
  definition: ProcessDefinition;
  /** The process itself first, then the subprocesses' definitions. */
  definitions: ProcessDefinition[];
}

/** The processes a definition's subprocess steps start: `{ id, version }`, version absent for "the latest". */
export function subprocessReferences(definition: ProcessDefinition): { id: string; version?: number }[] {
  const found: { id: string; version?: number }[] = [];
  walkSteps(definition, (_id, step) => {
    if (step['kind'] !== 'subprocess') return;
    const ref = step['definition'] as { id?: unknown; version?: unknown } | undefined;
    if (typeof ref?.id !== 'string') return;
    found.push({ id: ref.id, ...(typeof ref.version === 'number' ? { version: ref.version } : {}) });
  });
  return found;
}

/**
 * Loads a published version and, following its subprocess steps, the published versions they
 * start (a step without a version starts the latest, as the server does). Each is fetched once
 * per page (`definitionCache`).
 */
export async function loadSimulatedProcess(id: string, version: number): Promise<SimulatedProcess> {
  const root = (await loadDefinition(id, version)).document;
  const definitions = [root];
  const seen = new Set([`${root.id}@${root.version}`]);
  for (let i = 0; i < definitions.length; i += 1) {
    for (const ref of subprocessReferences(definitions[i]!)) {
      const childVersion = ref.version ?? (await loadDefinitions()).find((d) => d.id === ref.id)?.latestVersion;
      if (childVersion === undefined) continue; // not published: the engine says so when the step starts it
      const key = `${ref.id}@${childVersion}`;
      if (seen.has(key)) continue;
      seen.add(key);
      definitions.push((await loadDefinition(ref.id, childVersion)).document);
    }
  }
  return { definition: root, definitions };
}
