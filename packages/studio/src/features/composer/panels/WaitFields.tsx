import type { ReactElement } from 'react';
import type { WaitStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { DurationFields } from '../fields/DurationFields.js';
import { ExpressionEditor } from '../fields/ExpressionEditor.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { setStepProperty } from '../model/index.js';

const BASE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'];

/** A wait (等待): for a number of days, or until a date given by an expression; with its basis. */
export function WaitFields({ stepId, step }: { stepId: string; step: WaitStep }): ReactElement {
  const { t } = useText();
  const { run } = useComposerContext();
  const set = (path: (string | number)[], value: unknown): boolean => run(setStepProperty(stepId, path, value));
  return (
    <>
      {step.until !== undefined ? (
        <ExpressionEditor label={t('composer.wait.until')} value={step.until} roots={BASE_ROOTS} onCommit={(until) => set(['until'], until)} />
      ) : (
        <DurationFields label={t('composer.wait.duration')} duration={step.duration} onChange={(duration) => set(['duration'], duration)} />
      )}
      <LocalizedTextFields label={t('composer.wait.basis')} value={step.basis} onCommit={(basis) => set(['basis'], basis)} hint={t('composer.deadline.basisHint')} />
    </>
  );
}
