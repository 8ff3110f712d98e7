import type { ReactElement } from 'react';
import { usePreferences, useText } from '../preferences/PreferencesContext.js';

/** The language switch (zh-CN ⇄ English) and the large-text switch, remembered on this device. */
export function DisplaySettings(): ReactElement {
  const { locale, setLocale, largeText, setLargeText } = usePreferences();
  const { t } = useText();
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <div className="display-settings" role="group" aria-label={t('prefs.label')}>
      <button type="button" className="button button--quiet" lang={other} aria-label={t('prefs.switchLanguageLabel')} onClick={() => setLocale(other)}>
        {t('prefs.switchLanguage')}
      </button>
      <button type="button" className="button button--quiet" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
        {t('prefs.largeText')}
      </button>
    </div>
  );
}
