import type { ReactElement } from 'react';
import type { EndStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CommitInput } from '../fields/CommitInput.js';
import { setStepProperty } from '../model/index.js';

/** An end (结束): the outcome the case (or the branch or rung) ends with. */
export function EndFields({ stepId, step }: { stepId: string; step: EndStep }): ReactElement {
  const { t } = useText();
  const { run } = useComposerContext();
  return <CommitInput label={t('composer.end.outcome')} value={step.outcome ?? ''} onCommit={(outcome) => run(setStepProperty(stepId, ['outcome'], outcome.trim()))} hint={t('composer.end.outcomeHint')} />;
}
