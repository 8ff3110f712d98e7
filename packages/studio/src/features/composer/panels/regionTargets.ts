import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { locateStep } from '../model/index.js';
import type { SelectOption } from '../fields/SelectField.js';

/** The steps a route from `stepId` may go to (those of its region), as select options "title（id）". */
export function regionTargets(draft: ProcessDefinition, stepId: string, text: (value: LocalizedText | undefined) => string): SelectOption[] {
  const location = locateStep(draft, stepId);
  if (!location) return [];
  return Object.entries(location.region.steps).map(([id, step]) => ({ value: id, label: `${text(step.title) || id}（${id}）` }));
}
