import type { ReactElement } from 'react';
import type { FieldErrorProps } from '@rjsf/utils';
import { errorId } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';

/**
 * The errors of one field, next to it, as text. The id is the one rjsf's inputs already list in
 * `aria-describedby`, so a screen reader reads the error with the field.
 */
export function FieldErrors({ errors, fieldPathId }: FieldErrorProps): ReactElement | null {
  const list = (errors ?? []).filter((e) => e !== '' && e !== null && e !== undefined);
  if (list.length === 0) return null;
  return (
    <div id={errorId(fieldPathId)} className="cf-field-errors">
      {list.map((error, i) => (
        <p key={i} className="cf-field-error">
          {typeof error === 'string' ? <PlainText text={error} /> : error}
        </p>
      ))}
    </div>
  );
}
