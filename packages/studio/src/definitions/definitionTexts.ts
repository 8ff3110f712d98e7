import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import type { DefinitionListing } from '../api/types.js';

/** The title of a process version from the listing (the version's own title, else the latest's). */
export function processTitle(listing: readonly DefinitionListing[] | undefined, id: string, version: number): LocalizedText | undefined {
  const process = listing?.find((d) => d.id === id);
  return process?.versions.find((v) => v.version === version)?.title ?? process?.title;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLocalized(value: unknown): value is LocalizedText {
  return isObject(value) && typeof value['zh-CN'] === 'string' && typeof value['en'] === 'string';
}

/**
 * Calls `visit` for every step of a process, including steps nested in parallel branches,
 * escalation rungs and the like (any `steps` map at any depth), each id once.
 */
export function walkSteps(definition: ProcessDefinition | undefined, visit: (id: string, step: Record<string, unknown>) => void): void {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    const steps = node['steps'];
    if (isObject(steps)) {
      for (const [id, step] of Object.entries(steps)) {
        if (isObject(step) && !seen.has(id)) {
          seen.add(id);
          visit(id, step);
        }
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'forms' && key !== 'data') walk(value);
  };
  if (definition) walk({ steps: definition.steps });
}

/** Titles of every step of a process by id (see {@link walkSteps}). */
export function stepTitles(definition: ProcessDefinition | undefined): Map<string, LocalizedText> {
  const titles = new Map<string, LocalizedText>();
  walkSteps(definition, (id, step) => {
    if (isLocalized(step['title'])) titles.set(id, step['title']);
  });
  return titles;
}

/** The title of a role of the process (`V_MED` → 村(居)调委会调解员), when the process names it. */
export function roleTitle(definition: ProcessDefinition | undefined, role: string): LocalizedText | undefined {
  return definition?.roles[role]?.title;
}

/** The title of a form of the process. */
export function formTitle(definition: ProcessDefinition | undefined, formId: string): LocalizedText | undefined {
  return definition?.forms[formId]?.title;
}
