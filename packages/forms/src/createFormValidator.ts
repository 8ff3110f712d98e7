import type { FormValidationResult, FormValidator, Locale } from '@civicflow/engine';
import { createFormDataPreparer } from './prepareFormData.js';

import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createConfiguredAjv } from './createAjv.js';
import { parseIsoDate } from './dates.js';
import { checkAuthoredSchema } from './safety/checkAuthoredSchema.js';
import { resolveSchemaLimits } from './safety/schemaLimits.js';
import type { SchemaLimits } from './safety/schemaLimits.js';
import { FormSchemaError } from './schemaError.js';
import { isSchemaNode, walkSchema } from './schemaWalk.js';
import { toFormErrors } from './toFormErrors.js';

/** The engine's validator port, with `prepare` always present. */
export type CivicflowFormValidator = FormValidator & { prepare(schema: object, data: unknown): unknown };

/** Options of {@link createFormValidator}. */
export interface CreateFormValidatorOptions {
  /** Default locale of the messages (a `validate` call may override it). Default `zh-CN`. */
  locale?: Locale;
  /**
   * Reference date `YYYY-MM-DD` (Asia/Shanghai) for "the birth date in an ID number is not in the
   * future", or a function returning it (read at every validation, so a long-lived validator can
   * follow the calendar). Without it there is no future check, which keeps validation pure.
   */
  today?: string | (() => string | undefined);
  /**
   * Limits of the safety check every new schema passes before it is compiled or used
   * (`checkAuthoredSchema`); unset limits keep their defaults (`DEFAULT_SCHEMA_LIMITS`).
   */
  schemaLimits?: Partial<SchemaLimits>;
}

/** Names Ajv accepts for keywords (an `x-` annotation must also match). */
const ANNOTATION_KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;

/** How many compiled schemas are kept per validator, keyed by their JSON text (least recently used goes first). */
const MAX_CACHED_SCHEMAS = 500;

function normaliseLocale(locale: unknown, fallback: Locale): Locale {
  return locale === 'en' || locale === 'zh-CN' ? locale : fallback;
}

/** Converts Ajv's `#/a/b` schema paths to JSON pointers `/a/b`. */
function schemaPointer(path: string): string {
  return path.startsWith('#') ? path.slice(1) || '/' : path;
}

/** Where in the schema the first object with the own key `keyword` sits (for messages without a path). */
function locateKeyword(schema: unknown, keyword: string): string | undefined {
  let found: string | undefined;
  walkSchema(schema, (node, pointer) => {
    if (found === undefined && Object.hasOwn(node, keyword)) found = pointer || '/';
  });
  return found;
}

function metaSchemaDetails(errors: readonly ErrorObject[] | null | undefined): string[] {
  const details = (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as Record<string, unknown>).additionalProperty)})` : '';
    return `at ${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
  return [...new Set(details)].slice(0, 5);
}

function compileErrorDetail(schema: unknown, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(text)?.[1];
  if (unknownKeyword !== undefined) {
    const where = locateKeyword(schema, unknownKeyword);
    return `${where ? `at ${where}: ` : ''}unknown keyword "${unknownKeyword}" (strict mode: fix the spelling, or prefix custom annotations with "x-")`;
  }
  const missingMeta = /no schema with key or ref "([^"]+)"/.exec(text)?.[1];
  if (missingMeta !== undefined && isSchemaNode(schema) && schema.$schema === missingMeta) {
    return `at /$schema: "${missingMeta}" is not supported; form schemas use JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema)`;
  }
  const unknownFormat = /unknown format "([^"]+)" ignored in schema at path "([^"]*)"/.exec(text);
  if (unknownFormat) {
    const [, format = '', path = ''] = unknownFormat;
    return `at ${schemaPointer(path)}: unknown format "${format}"`;
  }
  return text.replace(/"#(\/[^"]*)?"/g, (_, p: string | undefined) => `"${schemaPointer(`#${p ?? ''}`)}"`);
}

/**
 * Creates the Ajv-based implementation of the engine's {@link FormValidator} port.
 *
 * Validation follows JSON Schema 2020-12 with `allErrors`, `strict` mode (unknown keywords and
 * formats are schema errors; `type` must accompany type-specific keywords, also inside
 * `then`/`else`), no type coercion, no defaults written into data and no removal of properties:
 * the caller's data is never changed. Union types (`["string", "null"]`) are allowed and
 * `strictRequired` is off so that the usual `if`/`then: { required }` pattern works. Keywords
 * whose name starts with `x-` are accepted as annotations, except `x-cn-min-age`, which validates.
 *
 * Formats: those of ajv-formats (`date`, `date-time`, `time`, `email`, `uri` …, full mode, with
 * `formatMinimum`/`formatMaximum`) and `cn-id-card`, `cn-uscc`, `cn-mobile`, `cn-phone`,
 * `cn-admin-code`.
 *
 * Compiled validators are cached per schema: by object identity (WeakMap) and then by JSON text,
 * so treat schema objects as immutable once validated. An invalid schema makes `validate` throw a
 * {@link FormSchemaError} (code `CF_FORMS_SCHEMA_INVALID`).
 *
 * Before a schema object is first compiled or used by `prepare`, it passes `checkAuthoredSchema`
 * (plain JSON, local `$ref` only, safe `pattern`s, size limits: options `schemaLimits`); a refused
 * schema throws the same error, whose `problems` list each problem with its own code.
 *
 * Ajv compiles schemas into JavaScript with `new Function`, so a page using this needs a CSP
 * that allows `unsafe-eval` until schemas are precompiled (Ajv standalone code).
 */
export function createFormValidator(options: CreateFormValidatorOptions = {}): CivicflowFormValidator {
  const defaultLocale = normaliseLocale(options.locale, 'zh-CN');
  const { today } = options;
  if (typeof today === 'string' && !parseIsoDate(today)) {
    throw new RangeError(`createFormValidator: today must be a real date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  const getToday = (): string | undefined => (typeof today === 'function' ? today() : today);
  const schemaLimits = resolveSchemaLimits(options.schemaLimits);

  const ajv = createConfiguredAjv({ today: getToday });

  const byIdentity = new WeakMap<object, ValidateFunction>();
  const byText = new Map<string, ValidateFunction>();

  function schemaError(schema: unknown, details: readonly string[], cause?: unknown): FormSchemaError {
    const name = isSchemaNode(schema) && typeof schema.title === 'string' ? `in "${schema.title}" ` : '';
    return new FormSchemaError(
      details.map((d) => `${name}${d}`),
      { cause },
    );
  }

  // Ajv's getKeyword() does not see name-only keywords added with addVocabulary(), and adding one
  // twice throws "already defined": remember the annotation names ourselves.
  const annotationKeywords = new Set<string>();

  function registerAnnotationKeywords(schema: object): void {
    walkSchema(schema, (node, pointer) => {
      for (const key of Object.keys(node)) {
        if (!key.startsWith('x-') || annotationKeywords.has(key) || ajv.getKeyword(key)) continue;
        if (!ANNOTATION_KEYWORD_NAME.test(key)) {
          throw schemaError(schema, [
            `at ${pointer || '/'}: annotation keyword "${key}" has an invalid name (use ASCII letters, digits, _ $ : -)`,
          ]);
        }
        ajv.addVocabulary([key]);
        annotationKeywords.add(key);
      }
    });
  }

  // Schemas (by identity) that passed checkAuthoredSchema. The check runs before JSON.stringify:
  // serialising an unchecked object could overflow the stack or expand shared sub-objects.
  const checkedSchemas = new WeakSet<object>();

  function assertSafeSchema(schema: object): void {
    if (checkedSchemas.has(schema)) return;
    const problems = checkAuthoredSchema(schema, schemaLimits);
    if (problems.length > 0) {
      throw new FormSchemaError(
        problems.map((p) => `${p.message.en} (${p.code})`),
        { problems },
      );
    }
    checkedSchemas.add(schema);
  }

  function compile(schema: object): ValidateFunction {
    const known = byIdentity.get(schema);
    if (known) return known;
    assertSafeSchema(schema);
    let text: string;
    try {
      text = JSON.stringify(schema);
    } catch (err) {
      throw schemaError(schema, ['the schema is not plain JSON (it could not be serialised)'], err);
    }
    const cached = byText.get(text);
    if (cached) {
      byText.delete(text);
      byText.set(text, cached);
      byIdentity.set(schema, cached);
      return cached;
    }
    let validateFn: ValidateFunction;
    try {
      registerAnnotationKeywords(schema);
      if (!ajv.validateSchema(schema)) throw schemaError(schema, metaSchemaDetails(ajv.errors));
      validateFn = ajv.compile(schema);
    } catch (err) {
      if (err instanceof FormSchemaError) throw err;
      throw schemaError(schema, [compileErrorDetail(schema, err)], err);
    } finally {
      // Our own caches hold the compiled function; drop Ajv's copy so memory stays bounded and
      // a later schema may reuse the same $id.
      ajv.removeSchema(schema);
    }
    byIdentity.set(schema, validateFn);
    byText.set(text, validateFn);
    if (byText.size > MAX_CACHED_SCHEMAS) {
      const oldest = byText.keys().next().value;
      if (oldest !== undefined) byText.delete(oldest);
    }
    return validateFn;
  }

  const prepare = createFormDataPreparer();

  return {
    prepare(schema: object, data: unknown): unknown {
      if (!isSchemaNode(schema)) throw schemaError(schema, ['the schema must be a JSON object']);
      assertSafeSchema(schema);
      return prepare(schema, data);
    },
    validate(schema: object, data: unknown, validateOptions?: { locale?: Locale }): FormValidationResult {
      const locale = normaliseLocale(validateOptions?.locale, defaultLocale);
      if (!isSchemaNode(schema)) {
        throw schemaError(schema, ['the schema must be a JSON object']);
      }
      const validateFn = compile(schema);
      if (validateFn(data)) return { valid: true, errors: [] };
      return {
        valid: false,
        errors: toFormErrors(validateFn.errors ?? [], { rootSchema: schema, locale, today: getToday() }),
      };
    },
  };
}
