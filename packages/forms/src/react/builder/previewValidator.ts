import type { Locale } from '@civicflow/engine';
import type { CivicflowFormValidator } from '../../createFormValidator.js';

/** What a {@link PreviewValidatorSource} is told with each request. */
export interface PreviewValidatorRequest {
  /**
   * Aborted when the preview no longer needs this validator: the form changed again, the preview
   * tab was left, or the builder closed. A host that asks a server can wait a moment on it before
   * sending (debouncing), and pass it to `fetch`.
   */
  readonly signal: AbortSignal;
}

/**
 * Where `<FormBuilder>`'s live preview gets the validator of the form being built, for its schema:
 * a validator, or a promise of one. By default the preview validates with `createFormValidator()`,
 * which compiles the schema with Ajv in the page (`new Function`); a page whose
 * Content-Security-Policy has no `'unsafe-eval'` gives a source instead, typically one that has a
 * server precompile the draft and wraps the module with `createPrecompiledFormValidator`.
 *
 * It is asked again whenever the schema changes (not the uiSchema), and after 重试 / Try again
 * when it failed. A rejection is shown in place of the preview: an error carrying `localized`
 * (`{ 'zh-CN', en }`, as `FormSchemaError` and the civicflow studio's API errors do), and
 * optionally `hint` and `code`, is shown in the builder's language; any other by its `message`.
 *
 * @example
 * const previewValidator: PreviewValidatorSource = async (schema, { signal }) =>
 *   createPrecompiledFormValidator(await loadDraftModule(schema, signal));
 * <FormBuilder value={form} previewValidator={previewValidator} injectStyles={false} />
 */
export type PreviewValidatorSource = (schema: object, request: PreviewValidatorRequest) => CivicflowFormValidator | Promise<CivicflowFormValidator>;

/** A failed {@link PreviewValidatorSource} as the preview shows it. */
export interface PreviewProblem {
  message: string;
  hint: string | undefined;
  code: string | undefined;
}

type LocalizedLike = { readonly 'zh-CN': string; readonly en: string };

const isLocalized = (value: unknown): value is LocalizedLike =>
  typeof value === 'object' && value !== null && typeof (value as LocalizedLike)['zh-CN'] === 'string' && typeof (value as LocalizedLike).en === 'string';

/** What to show for `error` in `locale`: its own bilingual text when it has one (see {@link PreviewValidatorSource}). */
export function previewProblem(error: unknown, locale: Locale): PreviewProblem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { localized?: unknown; hint?: unknown; code?: unknown; message?: unknown };
  const message = isLocalized(e.localized) ? e.localized[locale] : typeof e.message === 'string' && e.message ? e.message : String(error);
  return {
    message,
    hint: isLocalized(e.hint) ? e.hint[locale] : undefined,
    code: typeof e.code === 'string' && e.code ? e.code : undefined,
  };
}
