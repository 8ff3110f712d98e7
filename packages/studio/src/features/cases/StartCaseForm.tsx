import { useCallback, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { TaskForm } from '@civicflow/forms/react';
import type { TaskFormProps } from '@civicflow/forms/react';
import { ApiError, STUDIO_FORM_UNAVAILABLE } from '../../api/ApiError.js';
import type { PublishedDefinition } from '../../api/types.js';
import { ErrorBoundary } from '../../components/ErrorBoundary.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { MESSAGES } from '../../i18n/messages.js';
import { usePreferences, useText } from '../../preferences/PreferencesContext.js';
import { isCodegenBlocked, useTaskValidator } from '../../validation/taskValidator.js';
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
  const { t, text, locale } = useText();
  const { largeText } = usePreferences();
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
      {validator.status === 'loading' && <Loading />}
      {validator.status === 'failed' && (
        <ErrorNotice error={formUnavailable(validator.error)}>
          <p className="actions"><button type="button" className="button" onClick={validator.reload}>{t('task.reload')}</button></p>
        </ErrorNotice>
      )}
      {validator.status === 'ready' && (
        <ErrorBoundary fallback={(error) => <ErrorNotice error={formUnavailable(error)} />}>
          <TaskForm
            schema={form.schema as TaskFormProps['schema']}
            uiSchema={uiSchema}
            locale={locale}
            largeText={largeText}
            validator={validator.value}
            idPrefix={FORM_ID_PREFIX}
            // Served as a stylesheet file instead (main.tsx): a strict CSP forbids inline <style>.
            injectStyles={false}
            onSubmit={submit}
          />
        </ErrorBoundary>
      )}
    </section>
  );
}

/** The error shown instead of a start form that cannot be shown. */
function formUnavailable(error: unknown): ApiError {
  return new ApiError(0, {
    code: STUDIO_FORM_UNAVAILABLE,
    message: MESSAGES['error.formUnavailable'],
    hint: isCodegenBlocked(error) ? MESSAGES['error.formUnavailableCsp'] : MESSAGES['error.internalHint'],
  });
}
