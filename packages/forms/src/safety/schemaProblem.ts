import { renderFormsMessage } from '../messages.js';
import type { FormsErrorCode, FormsMessageParams } from '../messages.js';

/** One problem `checkAuthoredSchema` found in a schema. */
export interface SchemaProblem {
  /** Where, as an RFC 6901 JSON pointer into the schema (`""` is the root). */
  readonly pointer: string;
  /** A `CF_FORMS_SCHEMA_…` code of `FORMS_ERROR_CODES`. */
  readonly code: string;
  /** What is wrong, where, and how to fix it. */
  readonly message: { readonly 'zh-CN': string; readonly en: string };
}

/** A problem with its message rendered in both locales; `{pointer}` is filled in (`/` for the root). */
export function schemaProblem(code: FormsErrorCode, pointer: string, params: FormsMessageParams = {}): SchemaProblem {
  const all = { pointer: pointer || '/', ...params };
  return {
    pointer,
    code,
    message: { 'zh-CN': renderFormsMessage(code, all, 'zh-CN'), en: renderFormsMessage(code, all, 'en') },
  };
}
