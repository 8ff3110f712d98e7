import { useEffect, useRef } from 'react';
import type { MouseEvent, ReactElement } from 'react';
import type { ErrorListProps } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';
import { fieldIdForPointer, focusField } from '../focusField.js';
import { taskFormContext } from '../formContext.js';
import { errorPointer } from '../rjsfValidator.js';
import { uiText } from '../uiText.js';

/**
 * The error summary at the top of the form (rjsf's `ErrorListTemplate`): every error as a link to
 * its field. It takes focus after each failed submit (when `focusRequest` in the form context
 * changes), so keyboard and screen-reader users land on it; following a link focuses the field.
 * Messages are authored-title-bearing text, rendered as text only.
 */
export function ErrorSummary({ errors, registry }: ErrorListProps): ReactElement | null {
  const ctx = taskFormContext(registry);
  const text = uiText(ctx.locale);
  const ref = useRef<HTMLDivElement>(null);
  const handled = useRef(0);
  const { idPrefix, idSeparator } = registry.globalFormOptions;

  useEffect(() => {
    // Only a new submit moves focus: edits that update the list must not pull focus away.
    if (ctx.focusRequest !== handled.current && ref.current) {
      handled.current = ctx.focusRequest;
      ref.current.focus();
      ref.current.scrollIntoView?.({ block: 'start' });
    }
  }, [ctx.focusRequest]);

  if (errors.length === 0) return null;
  const headingId = `${idPrefix}__error-summary-title`;

  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>, fieldId: string): void => {
    const form = event.currentTarget.closest('form') ?? document;
    if (focusField(form, fieldId)) event.preventDefault();
  };

  return (
    <div ref={ref} className="cf-error-summary" tabIndex={-1} aria-labelledby={headingId} data-testid="cf-error-summary">
      <h2 id={headingId} className="cf-error-summary__title">
        {text.errorSummaryTitle}
      </h2>
      <p className="cf-error-summary__intro">{text.errorSummaryIntro(errors.length)}</p>
      <ul className="cf-error-summary__list">
        {errors.map((error, i) => {
          const fieldId = fieldIdForPointer(errorPointer(error), idPrefix, idSeparator);
          const message = error.message ?? error.stack;
          return (
            <li key={`${fieldId}:${i}`}>
              <a href={`#${fieldId}`} onClick={(e) => onLinkClick(e, fieldId)}>
                <PlainText text={message} />
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
