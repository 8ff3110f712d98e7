import type { ReactElement } from 'react';
import type { FormSchemas } from '../../builder/index.js';

/**
 * The form as pretty JSON, read-only: what will be saved. A `<pre>` shows it as text (never
 * HTML) and can be focused, so it scrolls from the keyboard.
 */
export function JsonView({ form, label }: { form: FormSchemas; label: string }): ReactElement {
  return (
    <pre className="cf-builder__json" tabIndex={0} aria-label={label} data-testid="cf-builder-json">
      {JSON.stringify({ schema: form.schema, uiSchema: form.uiSchema }, null, 2)}
    </pre>
  );
}
