import type { ReactElement } from 'react';
import { TaskForm } from '@civicflow/forms/react';
import type { TaskFormProps } from '@civicflow/forms/react';
import { ApiError, STUDIO_FORM_UNAVAILABLE } from '../api/ApiError.js';
import type { AsyncState } from '../hooks/useAsync.js';
import { MESSAGES } from '../i18n/messages.js';
import { usePreferences, useText } from '../preferences/PreferencesContext.js';
import type { PrecompiledFormValidator } from '@civicflow/forms';
import { isCodegenBlocked } from '../validation/taskValidator.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Loading } from './Loading.js';

/**
 * A form as the studio shows it (a task's, a simulated task's, a process's start form): `<TaskForm>`
 * once the form's precompiled validator has loaded — a spinner before, a notice with "load again"
 * if it did not — in the reader's language and text size, its styles from the stylesheet file
 * (main.tsx: a strict CSP forbids inline <style>), and a notice instead of a form that fails to render.
 */
export function LoadedTaskForm({ validator, schema, uiSchema, idPrefix, uploadFile, onSubmit }: {
  validator: AsyncState<PrecompiledFormValidator> & { reload(): void };
  schema: unknown;
  uiSchema?: unknown;
  idPrefix: string;
  uploadFile?: TaskFormProps['uploadFile'];
  onSubmit: NonNullable<TaskFormProps['onSubmit']>;
}): ReactElement {
  const { t, locale } = useText();
  const { largeText } = usePreferences();
  if (validator.status === 'loading') return <Loading />;
  if (validator.status === 'failed') {
    return (
      // The form's validator module did not load (network, session): the form waits for it.
      <ErrorNotice error={formUnavailable(validator.error)}>
        <p className="actions"><button type="button" className="button" onClick={validator.reload}>{t('task.reload')}</button></p>
      </ErrorNotice>
    );
  }
  return (
    <ErrorBoundary fallback={(error) => <ErrorNotice error={formUnavailable(error)} />}>
      <TaskForm
        schema={schema as TaskFormProps['schema']}
        uiSchema={uiSchema as TaskFormProps['uiSchema']}
        locale={locale}
        largeText={largeText}
        validator={validator.value}
        idPrefix={idPrefix}
        injectStyles={false}
        uploadFile={uploadFile}
        onSubmit={onSubmit}
      />
    </ErrorBoundary>
  );
}

/** The error shown instead of a form that cannot be shown. */
export function formUnavailable(error: unknown): ApiError {
  return new ApiError(0, {
    code: STUDIO_FORM_UNAVAILABLE,
    message: MESSAGES['error.formUnavailable'],
    hint: isCodegenBlocked(error) ? MESSAGES['error.formUnavailableCsp'] : MESSAGES['error.internalHint'],
  });
}
