import { useCallback, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { TaskFormProps } from '@civicflow/forms/react';
import type { ApiError } from '../../api/ApiError.js';
import type { PublishedDefinition } from '../../api/types.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formUnavailable, LoadedTaskForm } from '../../components/LoadedTaskForm.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { useTaskValidator } from '../../validation/taskValidator.js';
import { ServerFormErrors } from '../task/ServerFormErrors.js';

const FORM_ID_PREFIX = 'start';

/**
 * The start form of a process (its definition's `startForm`): the case's start input, e.g. the
 * township's village roster. Rendered with `<TaskForm>` and the validator the server precompiled
 * for the form, as a task's form is (no eval under the studio's CSP); `onStart` gets the prepared
 * data, and a refusal from the server is shown beside the form, each field at fault linked.
 */
export function StartCaseForm({ definition, formId, onStart }: {
  definition: PublishedDefinition;
  formId: string;
  onStart(data: unknown): Promise<ApiError | undefined>;
}): ReactElement {
  const { t, text } = useText();
  const [refusal, setRefusal] = useState<ApiError | undefined>();
  const form = definition.document.forms[formId];
  const validator = useTaskValidator({ definitionId: definition.id, definitionVersion: definition.version, formId });
  const uiSchema = useMemo(() => ({
    ...form?.uiSchema,
    // The form's own submit button starts the case, and says so.
    'ui:submitButtonOptions': { submitText: t('cases.start') },
  }) as TaskFormProps['uiSchema'], [form, t]);

  const submit = useCallback(async (data: unknown): Promise<void> => {
    setRefusal(await onStart(data));
  }, [onStart]);

  if (!form) return <ErrorNotice error={formUnavailable(undefined)} />;
  return (
    <section className="start-form" aria-labelledby={`${FORM_ID_PREFIX}-form-heading`}>
      <h3 id={`${FORM_ID_PREFIX}-form-heading`}>{text(form.title)}</h3>
      <p>{t('cases.startFormIntro')}</p>
      {refusal && <ServerFormErrors error={refusal} schema={form.schema} idPrefix={FORM_ID_PREFIX} />}
      <LoadedTaskForm validator={validator} schema={form.schema} uiSchema={uiSchema} idPrefix={FORM_ID_PREFIX} onSubmit={submit} />
    </section>
  );
}
