import type { ReactElement } from 'react';
import { useText } from '../preferences/PreferencesContext.js';

/** A quiet "loading" line that screen readers announce politely. */
export function Loading(): ReactElement {
  const { t } = useText();
  return <p className="loading" role="status">{t('app.loading')}</p>;
}
