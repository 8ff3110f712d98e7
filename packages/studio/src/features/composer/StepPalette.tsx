import type { ReactElement } from 'react';
import { STEP_KINDS } from '@civicflow/engine';
import type { ProcessDefinition, StepKind } from '@civicflow/engine';
import { useText } from '../../preferences/PreferencesContext.js';
import { findRegion, locateStep } from './model/index.js';
import type { RegionRef } from './model/index.js';

/**
 * The step kinds, one button each ("添加步骤：人工办理"): a click or Enter adds a step of that kind
 * to the region of the selection — after the selected step (which then leads to it), or at the
 * end of a selected branch or rung, or at the top level when nothing is selected.
 */
export function StepPalette({ draft, region, after, onAdd }: {
  draft: ProcessDefinition;
  region: RegionRef;
  after?: string | undefined;
  onAdd(kind: StepKind): void;
}): ReactElement {
  const { t, text } = useText();
  const target = findRegion(draft, region);
  const regionName = region === null
    ? t('composer.palette.top')
    : t(target?.kind === 'rung' ? 'composer.palette.rung' : 'composer.palette.branch', { title: text(target?.title) || region.region });
  const afterStep = after !== undefined ? locateStep(draft, after) : undefined;
  return (
    <section className="composer-palette" aria-labelledby="composer-palette-heading">
      <h2 id="composer-palette-heading">{t('composer.palette.heading')}</h2>
      <p className="field__hint" id="composer-palette-target">
        {afterStep ? t('composer.palette.targetAfter', { region: regionName, step: text(afterStep.step.title) || afterStep.id }) : t('composer.palette.target', { region: regionName })}
      </p>
      <ul className="composer-palette__kinds">
        {STEP_KINDS.map((kind) => (
          <li key={kind}>
            <button type="button" className={`button composer-palette__kind composer-palette__kind--${kind}`} aria-describedby="composer-palette-target" onClick={() => onAdd(kind)}>
              {t('composer.palette.add', { kind: t(`composer.kind.${kind}`) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
