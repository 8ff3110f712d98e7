import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { fieldIdForPointer, focusField } from '@civicflow/forms/react';
import type { ApiError } from '../../api/ApiError.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { fieldLabel, serverFieldErrors } from './serverFormErrors.js';

/**
 * Why the server refused a submission, next to the form: its message and hint in the person's
 * language and, for invalid data (CF_ENGINE_FORM_INVALID) or a step rule not met
 * (CF_ENGINE_CHECK_FAILED), each problem with the field it concerns as a link that moves focus to
 * that field. Takes focus itself when it appears, so keyboard and screen-reader users land on it.
 */
export function ServerFormErrors({ error, schema, idPrefix }: { error: ApiError; schema: unknown; idPrefix: string }): ReactElement {
  const { t, text, locale } = useText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  const problems = serverFieldErrors(error.code, error.details);
  const hint = text(error.hint);
  return (
    <div ref={ref} tabIndex={-1} className="notice notice--error server-errors" role="alert" aria-labelledby="server-errors-heading">
      <h3 id="server-errors-heading" className="notice__heading">{t('task.serverErrorsHeading')}</h3>
      <p className="notice__message">{text(error.localized)}</p>
      {problems.length > 0 && (
        <ul className="server-errors__list">
          {problems.map((p, i) => {
            const label = fieldLabel(schema, p.pointer) || t('task.wholeForm');
            return (
              <li key={`${p.pointer}#${i}`}>
                <a
                  href={`#${fieldIdForPointer(p.pointer, idPrefix)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(document, fieldIdForPointer(p.pointer, idPrefix));
                  }}
                >
                  {label}
                </a>
                {locale === 'en' ? ': ' : '：'}{text(p.message)}
              </li>
            );
          })}
        </ul>
      )}
      {hint && <p>{t('error.hint', { hint })}</p>}
      <p className="notice__code">{t('error.code', { code: error.code })}</p>
    </div>
  );
}
