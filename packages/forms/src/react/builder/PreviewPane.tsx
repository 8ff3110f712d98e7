import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Locale } from '@civicflow/engine';
import { canonicalJson } from '../../builder/index.js';
import type { FormSchemas } from '../../builder/index.js';
import { TaskForm } from '../TaskForm.js';
import { PlainText } from '../PlainText.js';
import { PreviewErrorBoundary } from './PreviewErrorBoundary.js';

/**
 * The live preview: the real `<TaskForm>` over the exported schema, so the builder shows exactly
 * what the person filling in the form will see and how it validates (submit checks the data
 * with the server's rules; nothing is sent anywhere).
 */
export function PreviewPane({ form, locale, injectStyles = true }: { form: FormSchemas; locale: Locale; injectStyles?: boolean | undefined }): ReactElement {
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
        <TaskForm schema={form.schema as RJSFSchema} uiSchema={form.uiSchema as UiSchema} locale={locale} idPrefix="cf-builder-preview" injectStyles={injectStyles} />
      </PreviewErrorBoundary>
    </div>
  );
}
