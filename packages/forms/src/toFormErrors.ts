import type { FormValidationError, Locale } from '@civicflow/engine';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fieldLabel } from './fieldLabels.js';
import { checkCnIdCard } from './formats/cnIdCard.js';
import type { CnIdCardProblem } from './formats/cnIdCard.js';
import { checkCnUscc } from './formats/cnUscc.js';
import type { CnUsccProblem } from './formats/cnUscc.js';
import { appendPointer, escapePointerToken, splitPointer } from './jsonPointer.js';
import { CN_MIN_AGE_KEYWORD } from './keywords/cnMinAge.js';
import { displayValue, joinAlternatives, joinList, renderFormsMessage, typeName } from './messages.js';
import type { FormsErrorCode } from './messages.js';
import { isSchemaNode } from './schemaWalk.js';

/** What the translation of Ajv errors needs besides the errors. */
export interface ErrorTranslationContext {
  /** The schema that was validated (for field titles). */
  rootSchema: unknown;
  locale: Locale;
  /** Reference date for the future-birth-date check, as used by the `cn-id-card` format. */
  today: string | undefined;
}

interface Mapped {
  pointer: string;
  code: FormsErrorCode;
  /** Placeholder values other than `{field}`. */
  params?: Record<string, string | number>;
  /** Label placeholders: name → pointer whose field label fills it. */
  labels?: Record<string, string>;
}

/** Keywords whose own error summarises the errors of their subschemas. */
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'contains', 'propertyNames']);
const MAX_LISTED_OPTIONS = 20;

const ID_CARD_CODES: Record<CnIdCardProblem, FormsErrorCode> = {
  length: 'CF_FORMS_FORMAT_CN_ID_CARD_LENGTH',
  characters: 'CF_FORMS_FORMAT_CN_ID_CARD_CHARACTERS',
  birthDate: 'CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE',
  futureBirthDate: 'CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE_FUTURE',
  checksum: 'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM',
};
const USCC_CODES: Record<CnUsccProblem, FormsErrorCode> = {
  length: 'CF_FORMS_FORMAT_CN_USCC_LENGTH',
  characters: 'CF_FORMS_FORMAT_CN_USCC_CHARACTERS',
  checksum: 'CF_FORMS_FORMAT_CN_USCC_CHECKSUM',
};
const FORMAT_CODES: Readonly<Record<string, FormsErrorCode>> = {
  date: 'CF_FORMS_FORMAT_DATE',
  'iso-date': 'CF_FORMS_FORMAT_DATE',
  'date-time': 'CF_FORMS_FORMAT_DATE_TIME',
  'iso-date-time': 'CF_FORMS_FORMAT_DATE_TIME',
  time: 'CF_FORMS_FORMAT_TIME',
  'iso-time': 'CF_FORMS_FORMAT_TIME',
  email: 'CF_FORMS_FORMAT_EMAIL',
  uri: 'CF_FORMS_FORMAT_URI',
  url: 'CF_FORMS_FORMAT_URI',
  'cn-mobile': 'CF_FORMS_FORMAT_CN_MOBILE',
  'cn-phone': 'CF_FORMS_FORMAT_CN_PHONE',
  'cn-admin-code': 'CF_FORMS_FORMAT_CN_ADMIN_CODE',
  'cf-attachment': 'CF_FORMS_FORMAT_CF_ATTACHMENT',
};
const LIMIT_CODES: Readonly<Record<string, FormsErrorCode>> = {
  minimum: 'CF_FORMS_MINIMUM',
  maximum: 'CF_FORMS_MAXIMUM',
  exclusiveMinimum: 'CF_FORMS_EXCLUSIVE_MINIMUM',
  exclusiveMaximum: 'CF_FORMS_EXCLUSIVE_MAXIMUM',
  minLength: 'CF_FORMS_MIN_LENGTH',
  maxLength: 'CF_FORMS_MAX_LENGTH',
  minItems: 'CF_FORMS_MIN_ITEMS',
  maxItems: 'CF_FORMS_MAX_ITEMS',
  minProperties: 'CF_FORMS_MIN_PROPERTIES',
  maxProperties: 'CF_FORMS_MAX_PROPERTIES',
  formatMinimum: 'CF_FORMS_FORMAT_MINIMUM',
  formatMaximum: 'CF_FORMS_FORMAT_MAXIMUM',
  formatExclusiveMinimum: 'CF_FORMS_FORMAT_EXCLUSIVE_MINIMUM',
  formatExclusiveMaximum: 'CF_FORMS_FORMAT_EXCLUSIVE_MAXIMUM',
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Drops subschema errors that a summary error (oneOf, anyOf, contains, propertyNames, if) explains better. */
function dropExplainedErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const summaries = errors.filter((e) => SUMMARY_KEYWORDS.has(e.keyword));
  return errors.filter((e) => {
    if (summaries.some((s) => s !== e && e.schemaPath.startsWith(`${s.schemaPath}/`))) return false;
    if (e.keyword === 'if') {
      const base = e.schemaPath.slice(0, -'/if'.length);
      return !errors.some((o) => o.schemaPath.startsWith(`${base}/then`) || o.schemaPath.startsWith(`${base}/else`));
    }
    return true;
  });
}

/** `oneOf`/`anyOf` whose branches are all `{ const, title? }`: a list of options. */
function optionLabels(branches: unknown, locale: Locale): string[] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const labels: string[] = [];
  for (const b of branches) {
    if (!isSchemaNode(b) || !Object.hasOwn(b, 'const')) return undefined;
    labels.push(typeof b.title === 'string' && b.title !== '' ? b.title : displayValue(b.const, locale));
  }
  return labels;
}

function listOptions(labels: readonly string[], locale: Locale): string {
  const shown = labels.slice(0, MAX_LISTED_OPTIONS);
  const more = labels.length > shown.length ? (locale === 'en' ? ', …' : '等') : '';
  return joinList(shown, locale) + more;
}

function mapError(e: ErrorObject, ctx: ErrorTranslationContext): Mapped {
  const p = e.params as Record<string, unknown>;
  const ip = e.instancePath;
  const { locale } = ctx;
  const limitCode = LIMIT_CODES[e.keyword];
  if (limitCode) return { pointer: ip, code: limitCode, params: { limit: str(p.limit) } };
  switch (e.keyword) {
    case 'required':
      return { pointer: appendPointer(ip, str(p.missingProperty)), code: 'CF_FORMS_REQUIRED' };
    case 'dependentRequired':
      return {
        pointer: appendPointer(ip, str(p.missingProperty)),
        code: 'CF_FORMS_DEPENDENT_REQUIRED',
        labels: { dependsOn: appendPointer(ip, str(p.property)) },
      };
    case 'type': {
      const types = Array.isArray(p.type) ? p.type.map(str) : str(p.type).split(',');
      return { pointer: ip, code: 'CF_FORMS_TYPE', params: { type: joinAlternatives(types.map((t) => typeName(t, locale)), locale) } };
    }
    case 'multipleOf':
      return { pointer: ip, code: 'CF_FORMS_MULTIPLE_OF', params: { limit: str(p.multipleOf) } };
    case 'pattern':
      return { pointer: ip, code: 'CF_FORMS_PATTERN' };
    case 'enum': {
      const values = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      return { pointer: ip, code: 'CF_FORMS_ENUM', params: { allowed: listOptions(values.map((v) => displayValue(v, locale)), locale) } };
    }
    case 'const':
      if (p.allowedValue === true) return { pointer: ip, code: 'CF_FORMS_MUST_CONFIRM' };
      return { pointer: ip, code: 'CF_FORMS_CONST', params: { value: displayValue(p.allowedValue, locale) } };
    case 'uniqueItems': {
      const [a, b] = [Number(p.i), Number(p.j)].sort((x, y) => x - y);
      return { pointer: ip, code: 'CF_FORMS_UNIQUE_ITEMS', params: { i: (a ?? 0) + 1, j: (b ?? 0) + 1 } };
    }
    case 'items':
    case 'additionalItems':
    case 'unevaluatedItems':
      // `items: false` (or `additionalItems: false`, `unevaluatedItems: false`) after a tuple
      if (typeof p.limit === 'number') return { pointer: ip, code: 'CF_FORMS_MAX_ITEMS', params: { limit: p.limit } };
      return { pointer: ip, code: 'CF_FORMS_INVALID' };
    case 'contains':
      return { pointer: ip, code: 'CF_FORMS_CONTAINS' };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = str(p.additionalProperty ?? p.unevaluatedProperty);
      return { pointer: appendPointer(ip, name), code: 'CF_FORMS_ADDITIONAL_PROPERTIES', params: { property: name } };
    }
    case 'propertyNames': {
      const name = str(p.propertyName);
      return { pointer: appendPointer(ip, name), code: 'CF_FORMS_PROPERTY_NAME', params: { property: name } };
    }
    case 'oneOf':
    case 'anyOf': {
      const labels = optionLabels(isSchemaNode(e.parentSchema) ? e.parentSchema[e.keyword] : undefined, locale);
      if (labels) return { pointer: ip, code: 'CF_FORMS_ENUM', params: { allowed: listOptions(labels, locale) } };
      return { pointer: ip, code: e.keyword === 'oneOf' ? 'CF_FORMS_ONE_OF' : 'CF_FORMS_ANY_OF' };
    }
    case 'not':
      return { pointer: ip, code: 'CF_FORMS_NOT' };
    case 'format': {
      const format = str(p.format);
      if (format === 'cn-id-card' && typeof e.data === 'string') {
        const problem = checkCnIdCard(e.data, { today: ctx.today });
        return { pointer: ip, code: problem ? ID_CARD_CODES[problem] : 'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM' };
      }
      if (format === 'cn-uscc' && typeof e.data === 'string') {
        const problem = checkCnUscc(e.data);
        return { pointer: ip, code: problem ? USCC_CODES[problem] : 'CF_FORMS_FORMAT_CN_USCC_CHECKSUM' };
      }
      return { pointer: ip, code: FORMAT_CODES[format] ?? 'CF_FORMS_FORMAT', params: { format } };
    }
    case CN_MIN_AGE_KEYWORD: {
      const rule = isSchemaNode(e.schema) ? e.schema : {};
      return { pointer: ip, code: 'CF_FORMS_MIN_AGE', params: { age: str(rule.age), on: str(rule.on) } };
    }
    case 'false schema': {
      // `properties: { x: false }` forbids the field x.
      const tokens = splitPointer(ip);
      const name = tokens[tokens.length - 1];
      if (name !== undefined && e.schemaPath.endsWith(`/properties/${escapePointerToken(name)}/false schema`)) {
        return { pointer: ip, code: 'CF_FORMS_ADDITIONAL_PROPERTIES', params: { property: name } };
      }
      return { pointer: ip, code: 'CF_FORMS_INVALID' };
    }
    default:
      return { pointer: ip, code: 'CF_FORMS_INVALID' };
  }
}

/**
 * Turns Ajv errors (produced with `verbose: true`, so that `data`, `schema` and `parentSchema`
 * are present) into civicflow form errors with a code, a JSON pointer and a localised message
 * that names the field by its title. Subschema errors explained by a summary error are dropped,
 * and when a value has the wrong type only the type error is kept for it.
 */
export function toFormErrors(errors: readonly ErrorObject[], ctx: ErrorTranslationContext): FormValidationError[] {
  const mapped = dropExplainedErrors(errors).map((e) => mapError(e, ctx));
  const wrongType = new Set(mapped.filter((m) => m.code === 'CF_FORMS_TYPE').map((m) => m.pointer));
  const seen = new Set<string>();
  const out: FormValidationError[] = [];
  for (const m of mapped) {
    if (m.code !== 'CF_FORMS_TYPE' && wrongType.has(m.pointer)) continue;
    const params: Record<string, string | number> = { ...m.params, field: fieldLabel(ctx.rootSchema, m.pointer, ctx.locale) };
    for (const [name, pointer] of Object.entries(m.labels ?? {})) params[name] = fieldLabel(ctx.rootSchema, pointer, ctx.locale);
    const message = renderFormsMessage(m.code, params, ctx.locale);
    const key = `${m.pointer}\u0000${m.code}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: m.pointer, code: m.code, message });
  }
  return out;
}
