import type { BilingualText, FieldPath } from './model.js';

/** Why an edit was refused. */
export const FORM_EDIT_ERROR_CODES = [
  'CF_BUILDER_FIELD_NOT_FOUND',
  'CF_BUILDER_NOT_A_SECTION',
  'CF_BUILDER_INDEX_OUT_OF_RANGE',
  'CF_BUILDER_INVALID_ID',
  'CF_BUILDER_DUPLICATE_ID',
  'CF_BUILDER_MOVE_INTO_ITSELF',
  'CF_BUILDER_FIELD_REFERENCED',
  'CF_BUILDER_INVALID_CONDITION',
  'CF_BUILDER_INVALID_RULE',
  'CF_BUILDER_INVALID_FIELD',
  'CF_BUILDER_INVALID_CHOICE',
  'CF_BUILDER_NOT_EXECUTED',
] as const;

/** One of {@link FORM_EDIT_ERROR_CODES}. */
export type FormEditErrorCode = (typeof FORM_EDIT_ERROR_CODES)[number];

/** An edit the builder refuses; `messages` says why in both languages, `path` where. */
export class FormEditError extends Error {
  constructor(
    readonly code: FormEditErrorCode,
    readonly messages: BilingualText,
    readonly path: FieldPath = [],
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'FormEditError';
  }
}

/** Throws a {@link FormEditError}. */
export function refuse(code: FormEditErrorCode, zh: string, en: string, path: FieldPath = []): never {
  throw new FormEditError(code, { 'zh-CN': zh, en }, path);
}

/** Field path as text for messages: `a › b`, or "the form" / 「表单」 for the root. */
export function describePath(path: FieldPath): string {
  return path.length ? path.join(' › ') : '/';
}
