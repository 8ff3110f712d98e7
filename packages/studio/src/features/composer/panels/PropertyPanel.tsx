import type { ReactElement } from 'react';
import type { DefinitionProblem } from '@civicflow/engine';
import { stepOfPointer } from '../../flow/stepOfPointer.js';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { SelectField } from '../fields/SelectField.js';
import { listRegions, toPointer } from '../model/index.js';
import { nodeOfSelection, selectionOfNode } from '../selection.js';
import type { Selection } from '../selection.js';
import { RegionProperties } from './RegionProperties.js';
import { StepProperties } from './StepProperties.js';

/** The problems that concern one step (by JSON pointer) or one branch / rung (pointers inside it, outside its steps). */
function problemsOf(problems: readonly DefinitionProblem[], selection: Selection, regionPointer: string | undefined): DefinitionProblem[] {
  if (selection.kind === 'step') return problems.filter((p) => stepOfPointer(p.pointer) === selection.id);
  return regionPointer === undefined ? [] : problems.filter((p) => (p.pointer === regionPointer || p.pointer.startsWith(`${regionPointer}/`)) && !p.pointer.startsWith(`${regionPointer}/steps/`));
}

/**
 * The side panel: which step or region is selected (a list of them all — the keyboard way to the
 * diagram's nodes) and its properties.
 */
export function PropertyPanel({ selection, problems, headingId }: { selection: Selection | undefined; problems: readonly DefinitionProblem[]; headingId: string }): ReactElement {
  const { t, text } = useText();
  const { draft, select } = useComposerContext();
  const regions = listRegions(draft);
  const options = regions.flatMap((region) => {
    const prefix = region.kind === 'root' ? '' : `${text(region.title) || String(region.ref?.region)} › `;
    const regionOption = region.ref === null ? [] : [{
      value: `${region.ref.owner}/${region.ref.region}`,
      label: t(region.kind === 'rung' ? 'composer.select.rung' : 'composer.select.branch', { title: text(region.title) || region.ref.region }),
    }];
    return [...regionOption, ...Object.entries(region.steps).map(([stepId, step]) => ({ value: stepId, label: `${prefix}${text(step.title) || stepId}（${stepId}）` }))];
  });
  const regionPointer = selection?.kind === 'region'
    ? regions.find((r) => r.ref?.owner === selection.owner && r.ref.region === selection.region)
    : undefined;
  return (
    <section className="composer-panel" aria-label={t('composer.panel.label')}>
      <SelectField
        label={t('composer.select.label')}
        value={selection ? nodeOfSelection(selection) : ''}
        options={[{ value: '', label: t('composer.select.none') }, ...options]}
        onChange={(value) => select(value === '' ? undefined : selectionOfNode(value))}
      />
      {!selection && <p id={headingId} tabIndex={-1} className="composer-panel__empty">{t('composer.panel.empty')}</p>}
      {selection?.kind === 'step' && <StepProperties stepId={selection.id} problems={problemsOf(problems, selection, undefined)} headingId={headingId} />}
      {selection?.kind === 'region' && (
        <RegionProperties owner={selection.owner} regionId={selection.region}
          problems={problemsOf(problems, selection, regionPointer ? toPointer(regionPointer.path) : undefined)} headingId={headingId} />
      )}
    </section>
  );
}
