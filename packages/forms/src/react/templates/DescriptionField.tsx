import type { ReactElement } from 'react';
import type { DescriptionFieldProps } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';

/**
 * Field descriptions as plain text. rjsf's own template can parse markdown
 * (`ui:enableMarkdownInDescription`); authored text must never become markup or links, so this
 * one ignores that option.
 */
export function DescriptionField({ id, description }: DescriptionFieldProps): ReactElement | null {
  if (!description) return null;
  return (
    <div id={id} className="cf-description">
      {typeof description === 'string' ? <PlainText text={description} /> : description}
    </div>
  );
}
