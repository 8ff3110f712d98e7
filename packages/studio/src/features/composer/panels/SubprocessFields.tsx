import type { ReactElement } from 'react';
import type { SubprocessStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CommitInput } from '../fields/CommitInput.js';
import { setStepProperty } from '../model/index.js';

/** A subprocess (子流程): which published process it starts, optionally pinned to a version. */
export function SubprocessFields({ stepId, step }: { stepId: string; step: SubprocessStep }): ReactElement {
  const { t } = useText();
  const { run } = useComposerContext();
  const set = (path: (string | number)[], value: unknown): boolean => run(setStepProperty(stepId, path, value));
  return (
    <>
      <CommitInput label={t('composer.subprocess.id')} value={step.definition?.id ?? ''} onCommit={(id) => set(['definition', 'id'], id.trim())} hint={t('composer.subprocess.idHint')} />
      <CommitInput
        label={t('composer.subprocess.version')}
        type="number"
        inputProps={{ min: 1, step: 1 }}
        value={step.definition?.version === undefined ? '' : String(step.definition.version)}
        onCommit={(v) => set(['definition', 'version'], v.trim() === '' ? undefined : Number(v))}
        hint={t('composer.subprocess.versionHint')}
      />
    </>
  );
}
