import type { ReactElement } from 'react';
import type { UnsupportedFieldProps } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** A field rjsf cannot render: says so as text (rjsf's template renders its message as markdown). */
export function UnsupportedField({ reason, registry, fieldPathId }: UnsupportedFieldProps): ReactElement {
  const text = uiText(taskFormContext(registry).locale);
  return (
    <p className="cf-unsupported" id={fieldPathId.$id}>
      <PlainText text={text.unsupported(reason)} />
    </p>
  );
}
