import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Locale } from '@civicflow/engine';
import { canonicalJson } from '../../builder/index.js';
import type { FormSchemas } from '../../builder/index.js';
import type { CivicflowFormValidator } from '../../createFormValidator.js';
import { TaskForm } from '../TaskForm.js';
import { PlainText } from '../PlainText.js';
import { builderStrings } from './builderStrings.js';
import { PreviewErrorBoundary } from './PreviewErrorBoundary.js';
import { previewProblem } from './previewValidator.js';
import type { PreviewValidatorSource } from './previewValidator.js';
import { usePreviewValidator } from './usePreviewValidator.js';

/** Props of {@link PreviewPane}. */
export interface PreviewPaneProps {
  form: FormSchemas;
  locale: Locale;
  injectStyles?: boolean | undefined;
  /** Where the validator comes from; without it, `<TaskForm>`'s default (Ajv compiling in the page). */
  previewValidator?: PreviewValidatorSource | undefined;
}

/**
 * The live preview: the real `<TaskForm>` over the exported schema, so the builder shows exactly
 * what the person filling in the form will see and how it validates (submit checks the data
 * with the server's rules; nothing is sent anywhere). With a `previewValidator` it says so while
 * the validator is on its way (keeping the last preview in view, marked busy), and shows why in
 * place of the preview when it could not be had, with a button to try again.
 */
export function PreviewPane({ form, locale, injectStyles = true, previewValidator }: PreviewPaneProps): ReactElement {
  const strings = builderStrings(locale);
  const state = usePreviewValidator(form, previewValidator);
  if (state.status === 'default') return <PreviewForm form={form} locale={locale} injectStyles={injectStyles} validator={undefined} />;
  if (state.status === 'ready') return <PreviewForm form={state.ready.form} locale={locale} injectStyles={injectStyles} validator={state.ready.validator} />;
  if (state.status === 'loading') {
    return (
      <div className="cf-builder__preview-pending">
        <p role="status" className="cf-builder__preview-status">
          {state.previous ? strings.previewUpdating : strings.previewLoading}
        </p>
        {state.previous && (
          <div aria-busy="true">
            <PreviewForm form={state.previous.form} locale={locale} injectStyles={injectStyles} validator={state.previous.validator} />
          </div>
        )}
      </div>
    );
  }
  const problem = previewProblem(state.error, locale);
  return (
    <div className="cf-builder__preview-failed">
      <div role="alert" className="cf-builder__alert">
        <p className="cf-builder__error">
          <strong>{strings.previewFailed}</strong> <PlainText text={problem.message} />
        </p>
        {problem.hint && (
          <p>
            <PlainText text={strings.previewHint(problem.hint)} />
          </p>
        )}
        {problem.code && <p className="cf-builder__hint">{strings.previewCode(problem.code)}</p>}
        <button type="button" onClick={state.retry}>
          {strings.previewRetry}
        </button>
      </div>
    </div>
  );
}

/** `<TaskForm>` over the form, inside a boundary that keeps a form that cannot render from taking the builder down. */
function PreviewForm({ form, locale, injectStyles, validator }: { form: FormSchemas; locale: Locale; injectStyles: boolean; validator: CivicflowFormValidator | undefined }): ReactElement {
  // A new boundary per form: a schema that failed to render must not hide the next, fixed one.
  const key = useMemo(() => canonicalJson(form), [form]);
  return (
    <div className="cf-builder__preview">
      <PreviewErrorBoundary
        key={key}
        fallback={(message) => (
          <p role="status" className="cf-builder__error">
            <PlainText text={message} />
          </p>
        )}
      >
        <TaskForm
          schema={form.schema as RJSFSchema}
          uiSchema={form.uiSchema as UiSchema}
          locale={locale}
          idPrefix="cf-builder-preview"
          injectStyles={injectStyles}
          validator={validator}
        />
      </PreviewErrorBoundary>
    </div>
  );
}
