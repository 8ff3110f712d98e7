import type { ReactElement, ReactNode } from 'react';
import type { ApiError } from '../api/ApiError.js';
import { useText } from '../preferences/PreferencesContext.js';

/**
 * An error in the person's language: what happened, what to do (the server's hint), and the
 * stable code to quote to an administrator. Announced at once (`role="alert"`).
 */
export function ErrorNotice({ error, children }: { error: ApiError; children?: ReactNode }): ReactElement {
  const { t, text } = useText();
  const hint = text(error.hint);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__message">{text(error.localized)}</p>
      {hint && <p>{t('error.hint', { hint })}</p>}
      <p className="notice__code">{t('error.code', { code: error.code })}</p>
      {children}
    </div>
  );
}
