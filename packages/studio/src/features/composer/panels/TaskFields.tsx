import type { ReactElement } from 'react';
import type { TaskStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { setStepProperty } from '../model/index.js';
import { AssigneeFields } from './AssigneeFields.js';
import { DeadlineFields } from './DeadlineFields.js';
import { FormChoice } from './FormChoice.js';
import { regionTargets } from './regionTargets.js';

/** A human task (人工办理): who does it, with which form, by when. */
export function TaskFields({ stepId, step }: { stepId: string; step: TaskStep }): ReactElement {
  const { text } = useText();
  const { draft, run } = useComposerContext();
  return (
    <>
      <AssigneeFields stepId={stepId} path={['assignee']} assignee={step.assignee} />
      <FormChoice stepId={stepId} path={['form']} formId={step.form} />
      <DeadlineFields deadline={step.deadline} set={(deadline) => run(setStepProperty(stepId, ['deadline'], deadline))} targets={regionTargets(draft, stepId, text)} />
    </>
  );
}
