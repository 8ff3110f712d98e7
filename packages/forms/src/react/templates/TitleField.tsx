import type { ReactElement } from 'react';
import type { TitleFieldProps } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** The title of a group or list: the `legend` of its fieldset, as text. */
export function TitleField({ id, title, required, registry, optionalDataControl }: TitleFieldProps): ReactElement {
  const text = uiText(taskFormContext(registry).locale);
  return (
    <legend id={id} className="cf-legend">
      <PlainText text={title} />
      {required && (
        <>
          <span className="cf-required" aria-hidden="true">
            *
          </span>
          <span className="cf-visually-hidden">{text.required}</span>
        </>
      )}
      {optionalDataControl}
    </legend>
  );
}
