/** Supported UI locales. zh-CN is the default everywhere a person reads text. */
export type Locale = 'zh-CN' | 'en';

/** Text shown to a person, in both supported locales. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** Picks the text for a locale, falling back to zh-CN. */
export function pickText(text: LocalizedText, locale: Locale = 'zh-CN'): string {
  return text[locale] ?? text['zh-CN'];
}
