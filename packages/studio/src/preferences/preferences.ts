import type { Locale } from '@civicflow/engine';

/** What a person chose for the display; remembered on the device. */
export interface Preferences {
  locale: Locale;
  largeText: boolean;
}

/** zh-CN and normal text unless the person chose otherwise. */
export const DEFAULT_PREFERENCES: Preferences = { locale: 'zh-CN', largeText: false };

const LOCALE_KEY = 'civicflow.locale';
const LARGE_TEXT_KEY = 'civicflow.largeText';

/** The smallest part of `Storage` the preferences need (tests pass a Map-backed one). */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads the remembered preferences; anything unknown or unreadable falls back to the defaults. */
export function readPreferences(storage: PreferenceStorage | undefined): Preferences {
  if (!storage) return DEFAULT_PREFERENCES;
  try {
    const locale = storage.getItem(LOCALE_KEY);
    const largeText = storage.getItem(LARGE_TEXT_KEY);
    return {
      locale: locale === 'en' || locale === 'zh-CN' ? locale : DEFAULT_PREFERENCES.locale,
      largeText: largeText === null ? DEFAULT_PREFERENCES.largeText : largeText === '1',
    };
  } catch {
    // Storage can be disabled (private mode, policy): the defaults still work.
    return DEFAULT_PREFERENCES;
  }
}

/** Remembers the preferences; a storage that refuses is ignored (the choice lasts for this page). */
export function writePreferences(storage: PreferenceStorage | undefined, preferences: Preferences): void {
  if (!storage) return;
  try {
    storage.setItem(LOCALE_KEY, preferences.locale);
    storage.setItem(LARGE_TEXT_KEY, preferences.largeText ? '1' : '0');
  } catch {
    /* see readPreferences */
  }
}

/** The page's localStorage, when there is one and it may be used. */
export function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
