import { renderFormsMessage } from './messages.js';

/** Code carried by {@link FormSchemaError}. */
export const FORM_SCHEMA_INVALID = 'CF_FORMS_SCHEMA_INVALID';

/**
 * Thrown by `validate()` when the form's JSON Schema itself is wrong (not valid JSON Schema
 * 2020-12, an unknown keyword or format under strict mode, a bad `x-cn-min-age` …). This is a
 * programming or configuration error, never a problem with the person's input.
 *
 * Shaped like the engine's `CivicflowError`: `message` is `CF_FORMS_SCHEMA_INVALID: <English text>`
 * and `localized` has the zh-CN and en text.
 */
export class FormSchemaError extends Error {
  /** Always `CF_FORMS_SCHEMA_INVALID`. */
  readonly code = FORM_SCHEMA_INVALID;
  /** The message in zh-CN and en. */
  readonly localized: { readonly 'zh-CN': string; readonly en: string };
  /** Each problem found, with where it is in the schema (a JSON pointer when known). */
  readonly details: readonly string[];

  /** `details`: what is wrong and where, one entry per problem (English, from Ajv or our checks). */
  constructor(details: readonly string[], options?: { cause?: unknown }) {
    const detail = details.join('; ');
    const localized = {
      'zh-CN': renderFormsMessage(FORM_SCHEMA_INVALID, { detail }, 'zh-CN'),
      en: renderFormsMessage(FORM_SCHEMA_INVALID, { detail }, 'en'),
    };
    super(`${FORM_SCHEMA_INVALID}: ${localized.en}`, options);
    this.name = 'FormSchemaError';
    this.localized = localized;
    this.details = details;
  }
}
