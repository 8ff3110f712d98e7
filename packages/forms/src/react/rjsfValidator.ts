import type { FormValidationError, Locale } from '@civicflow/engine';
import type {
  CustomValidator,
  ErrorSchema,
  ErrorTransformer,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import { ErrorSchemaBuilder, createErrorHandler, toPath, unwrapErrorHandler, validationDataMerge } from '@rjsf/utils';
import { FormSchemaError, createFormValidator } from '../index.js';
import type { CivicflowFormValidator } from '../index.js';
import { dropEmptyOptional } from './dropEmptyOptional.js';
import { fragmentMatcherFor } from './fragmentMatcher.js';

/** An rjsf validator that validates exactly like the server, plus the data preparation step. */
export type CivicflowRjsfValidator = ValidatorType<unknown, RJSFSchema> & {
  /** The core validator it wraps (shared compile cache, same messages as the server). */
  readonly core: CivicflowFormValidator;
  /** The locale of the messages. */
  readonly locale: Locale;
  /**
   * The data as it is validated and submitted: empty optional groups dropped (a browser-side
   * artefact of rjsf), then `core.prepare` — hidden conditional fields removed, ID numbers
   * normalised — exactly as the server prepares it.
   */
  prepare(schema: object, data: unknown): unknown;
};

/** Options of {@link createRjsfValidator}. */
export interface CreateRjsfValidatorOptions {
  /** Locale of the messages; default `zh-CN`. */
  locale?: Locale;
  /**
   * The core validator to wrap; by default one shared instance of `createFormValidator()`. One
   * made by `createPrecompiledFormValidator` makes the whole form run without Ajv and without
   * eval (a Content-Security-Policy without 'unsafe-eval').
   */
  validator?: CivicflowFormValidator;
}

/** The `params` civicflow puts on every rjsf error, so templates can link back to the field. */
export interface CivicflowErrorParams {
  /** RFC 6901 pointer of the value the error is about (`""` is the whole form). */
  pointer: string;
  /** Stable civicflow error code (`CF_FORMS_…`). */
  code: string;
}

let sharedCore: CivicflowFormValidator | undefined;

/** One core validator per page by default: its compiled-schema cache is then shared by every form. */
function defaultCore(): CivicflowFormValidator {
  sharedCore ??= createFormValidator();
  return sharedCore;
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** rjsf's dotted `property` (`.applicants.0.id_no`); rjsf uses `.` for the root. */
function toProperty(tokens: readonly string[]): string {
  return tokens.length === 0 ? '.' : `.${tokens.join('.')}`;
}

function toRjsfError(e: FormValidationError): RJSFValidationError {
  const params: CivicflowErrorParams = { pointer: e.pointer, code: e.code };
  // `stack` is what rjsf's own templates print: the message alone, since it already names the field.
  return { name: e.code, property: toProperty(splitPointer(e.pointer)), message: e.message, stack: e.message, params };
}

/** The pointer of an rjsf error: ours carry it in `params`; others (customValidate, extraErrors) only have `property`. */
export function errorPointer(error: RJSFValidationError): string {
  const params = error.params as Partial<CivicflowErrorParams> | undefined;
  if (typeof params?.pointer === 'string') return params.pointer;
  const path = toPath(error.property ?? '');
  return path.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Builds the error tree from pointers rather than rjsf's dotted paths, so keys with dots stay intact. */
function toErrorSchema(errors: readonly RJSFValidationError[]): ErrorSchema {
  const builder = new ErrorSchemaBuilder();
  for (const error of errors) {
    if (error.message) builder.addErrors(error.message, splitPointer(errorPointer(error)));
  }
  return builder.ErrorSchema;
}

function schemaInvalidError(locale: Locale, err: FormSchemaError): RJSFValidationError {
  const message =
    locale === 'en'
      ? 'This form is defined incorrectly and cannot be submitted; please tell the administrator.'
      : '表单定义有误，暂时无法提交，请联系管理员。';
  const params: CivicflowErrorParams = { pointer: '', code: err.code };
  return { name: err.code, property: '.', message, stack: message, params };
}

/**
 * Creates an rjsf `ValidatorType` around civicflow's core validator (`createFormValidator()`), so
 * that a form in the browser accepts exactly what the server accepts, with the same zh-CN / en
 * messages. `validateFormData` first runs `prepare` (hidden conditional fields are removed, so
 * they are neither required nor validated), then validates, and maps each `{ pointer, code,
 * message }` error to an {@link RJSFValidationError} (`name` = code, `params` =
 * {@link CivicflowErrorParams}) and into the errorSchema at its pointer. `customValidate` and
 * `transformErrors` work as with rjsf's own validator.
 *
 * `isValid` (used by rjsf to pick `if`/`then` branches and `oneOf` options while rendering) uses a
 * lenient matcher, since those fragments are not complete schemas: with a precompiled core
 * validator (`createPrecompiledFormValidator`) the module's precompiled matchers, so that no Ajv
 * is built and nothing is compiled in the page; otherwise a lenient Ajv, built at the first
 * question.
 */
export function createRjsfValidator(options: CreateRjsfValidatorOptions = {}): CivicflowRjsfValidator {
  const core = options.validator ?? defaultCore();
  const locale: Locale = options.locale === 'en' ? 'en' : 'zh-CN';
  const matches = fragmentMatcherFor(core);
  const prepare = (schema: object, data: unknown): unknown => core.prepare(schema, dropEmptyOptional(schema, data));

  function rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = core.validate(schema, prepare(schema, formData), { locale });
      return { errors: result.errors as Result[] };
    } catch (err) {
      return { validationError: err instanceof Error ? err : new Error(String(err)) };
    }
  }

  return {
    core,
    locale,
    prepare,
    validateFormData(
      formData: unknown,
      schema: RJSFSchema,
      customValidate?: CustomValidator<unknown, RJSFSchema>,
      transformErrors?: ErrorTransformer<unknown, RJSFSchema>,
      uiSchema?: UiSchema<unknown, RJSFSchema>,
    ): ValidationData<unknown> {
      let prepared: unknown;
      let errors: RJSFValidationError[];
      try {
        prepared = prepare(schema, formData);
        errors = core.validate(schema, prepared, { locale }).errors.map(toRjsfError);
      } catch (err) {
        if (!(err instanceof FormSchemaError)) throw err;
        errors = [schemaInvalidError(locale, err)];
      }
      if (transformErrors) errors = transformErrors(errors, uiSchema);
      let data: ValidationData<unknown> = { errors, errorSchema: toErrorSchema(errors) };
      if (customValidate) {
        const handler = customValidate(prepared, createErrorHandler(prepared), uiSchema, data.errorSchema);
        data = validationDataMerge(data, unwrapErrorHandler(handler));
      }
      return data;
    },
    isValid: (schema, formData, rootSchema) => matches(schema, formData, rootSchema),
    rawValidation,
  };
}
