import { renderFormsMessage } from './messages.js';
import type { SchemaProblem } from './safety/schemaProblem.js';

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
  /**
   * When the safety check of an authored schema (`checkAuthoredSchema`) refused it: each problem
   * with its own code (`CF_FORMS_SCHEMA_REMOTE_REF`, `CF_FORMS_SCHEMA_UNSAFE_PATTERN` …), pointer
   * and zh-CN/en message. Empty for other schema errors.
   */
  readonly problems: readonly SchemaProblem[];

  /**
   * `details`: what is wrong and where, one entry per problem (English, from Ajv or our checks).
   * `options.problems`: the safety problems; when given, `localized['zh-CN']` lists their zh-CN messages.
   */
  constructor(details: readonly string[], options?: { cause?: unknown; problems?: readonly SchemaProblem[] }) {
    const problems = options?.problems ?? [];
    const detail = details.join('; ');
    const zhDetail = problems.length > 0 ? problems.map((p) => p.message['zh-CN']).join('；') : detail;
    const localized = {
      'zh-CN': renderFormsMessage(FORM_SCHEMA_INVALID, { detail: zhDetail }, 'zh-CN'),
      en: renderFormsMessage(FORM_SCHEMA_INVALID, { detail }, 'en'),
    };
    super(`${FORM_SCHEMA_INVALID}: ${localized.en}`, options);
    this.name = 'FormSchemaError';
    this.localized = localized;
    this.details = details;
    this.problems = problems;
  }
}
