import type { ReactElement } from 'react';
import type { NoticeStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CheckboxField } from '../fields/CheckboxField.js';
import { DurationFields } from '../fields/DurationFields.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { setStepProperty } from '../model/index.js';
import { AssigneeFields } from './AssigneeFields.js';
import { FormChoice } from './FormChoice.js';

/**
 * A public notice (公示公告): how long it stays open (calendar or working days) and on what legal
 * basis, and whether someone records its publication with a form (otherwise it is published when
 * the case reaches the step). Objections are kept as written in the definition.
 */
export function NoticeFields({ stepId, step }: { stepId: string; step: NoticeStep }): ReactElement {
  const { t } = useText();
  const { draft, run } = useComposerContext();
  const set = (path: (string | number)[], value: unknown): boolean => run(setStepProperty(stepId, path, value));
  const firstRole = Object.keys(draft.roles ?? {})[0] ?? '';
  return (
    <>
      <DurationFields label={t('composer.notice.period')} duration={step.period} onChange={(period) => set(['period'], period)} />
      <LocalizedTextFields label={t('composer.notice.basis')} value={step.basis} onCommit={(basis) => set(['basis'], basis)} hint={t('composer.deadline.basisHint')} />
      <CheckboxField
        label={t('composer.notice.publishTask')}
        checked={step.publish !== undefined}
        onChange={(on) => set(['publish'], on ? { form: '', assignee: { role: firstRole } } : undefined)}
        hint={t('composer.notice.publishHint')}
      />
      {step.publish && (
        <>
          <AssigneeFields stepId={stepId} path={['publish', 'assignee']} assignee={step.publish.assignee} roleLabel={t('composer.notice.publisher')} />
          <FormChoice stepId={stepId} path={['publish', 'form']} formId={step.publish.form} label={t('composer.notice.publishForm')} />
        </>
      )}
      {step.objections && <p className="field__hint">{t('composer.notice.objectionsKept')}</p>}
    </>
  );
}
