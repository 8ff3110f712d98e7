import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { Locale, LocalizedText } from '@civicflow/engine';
import { textIn, translate } from '../i18n/messages.js';
import type { MessageKey, MessageParams } from '../i18n/messages.js';
import { browserStorage, readPreferences, writePreferences } from './preferences.js';
import type { Preferences } from './preferences.js';

interface PreferencesValue extends Preferences {
  setLocale(locale: Locale): void;
  setLargeText(largeText: boolean): void;
}

const PreferencesContext = createContext<PreferencesValue | undefined>(undefined);

/**
 * Language and large-text mode for the whole page: remembered in localStorage, reflected on
 * `<html lang>` (screen readers pick their voice from it) and `<html class="cf-large-text">`.
 */
export function PreferencesProvider({ children }: { children: ReactNode }): ReactElement {
  const [preferences, setPreferences] = useState<Preferences>(() => readPreferences(browserStorage()));

  useEffect(() => {
    writePreferences(browserStorage(), preferences);
    document.documentElement.lang = preferences.locale;
    document.documentElement.classList.toggle('cf-large-text', preferences.largeText);
  }, [preferences]);

  const setLocale = useCallback((locale: Locale) => setPreferences((p) => ({ ...p, locale })), []);
  const setLargeText = useCallback((largeText: boolean) => setPreferences((p) => ({ ...p, largeText })), []);
  const value = useMemo(() => ({ ...preferences, setLocale, setLargeText }), [preferences, setLocale, setLargeText]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

/** The display preferences and their setters. */
export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences() needs a <PreferencesProvider> above it');
  return value;
}

/** Text helpers in the chosen language: `t(key, params)` for the studio's messages, `text(localized)` for the server's. */
export function useText(): { locale: Locale; t(key: MessageKey, params?: MessageParams): string; text(value: LocalizedText | string | null | undefined): string } {
  const { locale } = usePreferences();
  return useMemo(() => ({
    locale,
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    text: (value: LocalizedText | string | null | undefined) => textIn(locale, value),
  }), [locale]);
}
