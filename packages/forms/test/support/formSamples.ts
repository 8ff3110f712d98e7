// Data for comparing validators on a form: a generated sample (every field filled, so that
// conditional fields are present and `prepare` has something to hide) and mutations of a datum
// that each break one thing. Synthetic values only (the IDs and USCC of the domain README §2.2).
import { cnIdCardCheckChar, isCnIdCard } from '../../src/index.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export const VALID_ID = '110101198001010010';
/** A valid ID whose check character is X, written in lowercase (accepted, normalised by prepare). */
export const LOWERCASE_X_ID = `11010119800101007${cnIdCardCheckChar('11010119800101007')}`.toLowerCase();

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  date: '2027-05-28',
  'date-time': '2027-05-28T09:30:00+08:00',
  time: '09:30:00+08:00',
  'cn-id-card': VALID_ID,
  'cn-uscc': '91110101MA00000018',
  'cn-mobile': '13800000000',
  'cn-phone': '0571-88880000',
  'cn-admin-code': '110101',
  'cf-attachment': 'att_sample01',
  email: 'zhang@example.com',
  uri: 'https://example.com/a',
};
/** Texts tried in turn against a field's pattern and length limits. */
const TEXT_CANDIDATES = ['张三', '青石村调解室', '110101001001', '（2027）青石调协字第1号', '2027-05-28T09:30:00+08:00', 'x'];

function resolveRef(root: unknown, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[token] : undefined;
  }
  return node;
}

function sampleText(schema: Json): string {
  const format = typeof schema['format'] === 'string' ? FORMAT_SAMPLES[schema['format']] : undefined;
  if (format !== undefined) return format;
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : undefined;
  const fits = TEXT_CANDIDATES.find((t) => [...t].length >= min && [...t].length <= max && (!pattern || pattern.test(t)));
  return fits ?? '文'.repeat(Math.max(min, 1));
}

function sampleNumber(schema: Json, integer: boolean): number {
  const step = typeof schema['multipleOf'] === 'number' ? schema['multipleOf'] : integer ? 1 : 0.5;
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] + step : 1;
  const value = Math.ceil(min / step - 1e-9) * step;
  return Number(value.toFixed(6));
}

/** A value for `schema` with every declared field filled (conditional branches included). */
export function sampleValue(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (!isObject(schema) || depth > 16) return null;
  if (typeof schema['$ref'] === 'string') return sampleValue(resolveRef(root, schema['$ref']), root, depth + 1);
  if (Object.hasOwn(schema, 'const')) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  for (const k of ['oneOf', 'anyOf']) {
    const first: unknown = Array.isArray(schema[k]) ? schema[k][0] : undefined;
    if (isObject(first) && Object.hasOwn(first, 'const')) return first['const'];
  }
  const type = Array.isArray(schema['type']) ? (schema['type'] as unknown[]).find((t) => t !== 'null') : schema['type'];
  switch (type) {
    case 'object': {
      const out: Json = {};
      const parts = [schema, ...(Array.isArray(schema['allOf']) ? schema['allOf'] : [])].filter(isObject);
      for (const part of [...parts]) parts.push(...[part['then'], part['else']].filter(isObject));
      for (const part of parts) {
        const properties = isObject(part['properties']) ? part['properties'] : {};
        for (const [k, sub] of Object.entries(properties)) if (!Object.hasOwn(out, k) && isObject(sub) && Object.keys(sub).length > 0) out[k] = sampleValue(sub, root, depth + 1);
      }
      return out;
    }
    case 'array': {
      const items = schema['items'];
      const count = Math.max(1, typeof schema['minItems'] === 'number' ? schema['minItems'] : 0);
      const options = isObject(items) && Array.isArray(items['enum']) ? items['enum'] : undefined;
      return Array.from({ length: count }, (_, i) => (options ? options[i % options.length] : sampleValue(items, root, depth + 1)));
    }
    case 'string':
      return sampleText(schema);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isObject(schema['properties']) ? sampleValue({ ...schema, type: 'object' }, root, depth + 1) : null;
  }
}

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '壹佰';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { not: 'a list' };
  if (isObject(value)) return ['not', 'a group'];
  return 0;
}

/** Every leaf of `value` with its path (at most `limit`). */
function leaves(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = [], limit = 40): (string | number)[][] {
  if (out.length >= limit) return out;
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out, limit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out, limit);
  else if (path.length > 0) out.push(path);
  return out;
}

function setAt(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return leaf;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  if (isObject(value)) return { ...value, [head]: setAt(value[head], rest, leaf) };
  return value;
}

/** Replaces every string `isCnIdCard` accepts by `replace(id)`, at any depth. */
function replaceIds(value: unknown, replace: (id: string) => string): unknown {
  if (typeof value === 'string') return isCnIdCard(value) ? replace(value) : value;
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, replace));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v, replace)]));
  return value;
}

const badCheckDigit = (id: string): string => id.slice(0, 17) + (id.charAt(17) === '0' ? '1' : '0');

/** One labelled datum of a comparison corpus. */
export interface Case {
  label: string;
  data: unknown;
}

/**
 * Data that each break one thing in `base` (a datum of `schema`): wrong types (each field and each
 * leaf), each required field missing, a wrong ID check digit, a lowercase x, each choice switched
 * to its other options (which shows and hides conditional fields), conditional fields filled in
 * whatever the condition, an undeclared field, empty and duplicate lists, and non-objects.
 */
export function mutations(schema: object, base: unknown): Case[] {
  const out: Case[] = [
    { label: 'null', data: null },
    { label: 'a list', data: [] },
    { label: 'a text', data: '文本' },
    { label: 'empty', data: {} },
  ];
  if (!isObject(base)) return out;
  const s = schema as Json;
  const properties = isObject(s['properties']) ? s['properties'] : {};
  const required = Array.isArray(s['required']) ? (s['required'] as string[]) : [];
  for (const k of required) {
    const { [k]: _removed, ...rest } = base;
    out.push({ label: `without ${k}`, data: rest });
  }
  for (const path of leaves(base)) out.push({ label: `wrong type at /${path.join('/')}`, data: setAt(base, path, wrongType(path.reduce<unknown>((v, p) => (v as Json)[p], base))) });
  for (const k of Object.keys(base)) out.push({ label: `wrong type of ${k}`, data: { ...base, [k]: wrongType(base[k]) } });
  const withBadId = replaceIds(base, badCheckDigit);
  if (JSON.stringify(withBadId) !== JSON.stringify(base)) {
    out.push({ label: 'wrong ID check digit', data: withBadId });
    out.push({ label: 'ID with a lowercase x', data: replaceIds(base, () => LOWERCASE_X_ID) });
  }
  for (const [k, sub] of Object.entries(properties)) {
    const options = isObject(sub) && Array.isArray(sub['enum']) ? sub['enum'] : [];
    for (const option of options.slice(0, 6)) if (option !== base[k]) out.push({ label: `${k} = ${JSON.stringify(option)}`, data: { ...base, [k]: option } });
    if (isObject(sub) && sub['type'] === 'array' && Array.isArray(base[k])) {
      const list = base[k] as unknown[];
      out.push({ label: `${k} empty`, data: { ...base, [k]: [] } });
      if (list.length > 0) out.push({ label: `${k} with a duplicate`, data: { ...base, [k]: [...list, list[0]] } });
    }
  }
  const branches = (Array.isArray(s['allOf']) ? s['allOf'] : []).filter(isObject).flatMap((c) => [c['then'], c['else']]).filter(isObject);
  for (const branch of branches) {
    const extra = isObject(branch['properties']) ? branch['properties'] : {};
    const filled = Object.fromEntries(Object.entries(extra).map(([k, sub]) => [k, sampleValue(sub, schema)]));
    if (Object.keys(filled).length > 0) out.push({ label: `conditional fields ${Object.keys(filled).join(', ')} filled in`, data: { ...base, ...filled } });
  }
  out.push({ label: 'an undeclared field', data: { ...base, unexpected_field: '多余' } });
  return out;
}
