import type { LocalizedText } from '@civicflow/engine';

/** Why the composer refused an edit. Codes are stable (tests and the UI branch on them, never on text). */
export const COMPOSER_EDIT_ERROR_CODES = [
  'CF_COMPOSER_STEP_NOT_FOUND',
  'CF_COMPOSER_REGION_NOT_FOUND',
  'CF_COMPOSER_INVALID_ID',
  'CF_COMPOSER_DUPLICATE_ID',
  'CF_COMPOSER_DELETE_START',
  'CF_COMPOSER_LAST_REGION',
  'CF_COMPOSER_NO_OUTCOME',
  'CF_COMPOSER_ROUTE_NOT_FOUND',
  'CF_COMPOSER_TARGET_NOT_FOUND',
  'CF_COMPOSER_TARGET_OUTSIDE_REGION',
  'CF_COMPOSER_PROPERTY_RESERVED',
  'CF_COMPOSER_ROLE_NOT_FOUND',
  'CF_COMPOSER_ROLE_IN_USE',
  'CF_COMPOSER_FORM_NOT_FOUND',
  'CF_COMPOSER_FORM_IN_USE',
  'CF_COMPOSER_FORM_SCHEMA',
  'CF_COMPOSER_DEFINITION_ID',
  'CF_COMPOSER_INVALID_VALUE',
  'CF_COMPOSER_NOT_EXECUTED',
] as const;

/** One of {@link COMPOSER_EDIT_ERROR_CODES}. */
export type ComposerEditErrorCode = (typeof COMPOSER_EDIT_ERROR_CODES)[number];

/**
 * An edit the composer refuses: nothing changed. `localized` says what and why, `hint` how to fix
 * it (both in zh-CN and English), `pointer` where in the definition (JSON pointer).
 */
export class ComposerEditError extends Error {
  constructor(
    readonly code: ComposerEditErrorCode,
    readonly localized: LocalizedText,
    readonly hint: LocalizedText,
    readonly pointer = '',
  ) {
    super(`${code}: ${localized.en}`);
    this.name = 'ComposerEditError';
  }
}

/** Throws a {@link ComposerEditError}. */
export function refuse(code: ComposerEditErrorCode, message: LocalizedText, hint: LocalizedText, pointer = ''): never {
  throw new ComposerEditError(code, message, hint, pointer);
}

/** `{ 'zh-CN': zh, en }`, for messages written inline. */
export function bilingual(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}
