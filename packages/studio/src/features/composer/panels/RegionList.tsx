import type { ReactElement } from 'react';
import type { EscalationStep, ParallelStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { SelectField } from '../fields/SelectField.js';
import { addRegion, removeRegion, setStepProperty } from '../model/index.js';

/**
 * The branches of a parallel step (with its join: all or any) or the rungs of a ladder: each can
 * be opened (its own properties: title, level, deadline) or removed, and one can be added.
 */
export function RegionList({ stepId, step }: { stepId: string; step: ParallelStep | EscalationStep }): ReactElement {
  const { t, text } = useText();
  const { run, select } = useComposerContext();
  const parallel = step.kind === 'parallel';
  const regions: { id: string; title?: { 'zh-CN': string; en: string } | undefined; level?: string }[] = parallel ? step.branches : step.rungs;
  const word = parallel ? 'branch' : 'rung';
  return (
    <>
      {parallel && (
        <SelectField
          label={t('composer.parallel.join')}
          value={step.join ?? 'all'}
          options={[{ value: 'all', label: t('composer.parallel.joinAll') }, { value: 'any', label: t('composer.parallel.joinAny') }]}
          onChange={(join) => run(setStepProperty(stepId, ['join'], join === 'all' && step.join === undefined ? undefined : join))}
        />
      )}
      <fieldset className="composer-fieldset">
        <legend>{t(parallel ? 'composer.region.branches' : 'composer.region.rungs')}</legend>
        <ul className="composer-region-list">
          {regions.map((region) => {
            const name = text(region.title) || region.id;
            return (
              <li key={region.id}>
                <span>{name}{region.level !== undefined && `（${t('flow.level', { level: region.level })}）`}</span>
                <button type="button" className="button button--quiet" onClick={() => select({ kind: 'region', owner: stepId, region: region.id })}>
                  {t(`composer.region.open.${word}`, { name })}
                </button>
                <button type="button" className="button button--quiet" onClick={() => run(removeRegion(stepId, region.id))}>
                  {t(`composer.region.remove.${word}`, { name })}
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" className="button" onClick={() => run(addRegion(stepId))}>{t(`composer.region.add.${word}`)}</button>
      </fieldset>
    </>
  );
}
