import { appendPointer } from '../jsonPointer.js';
import { AnalysisBudget } from './analysisBudget.js';
import { PATTERN_WORK_BUDGET, analyseRegex } from './regexRisk.js';
import type { RegexRisk } from './regexRisk.js';
import { resolveSchemaLimits } from './schemaLimits.js';
import type { SchemaLimits } from './schemaLimits.js';
import { schemaProblem } from './schemaProblem.js';
import type { SchemaProblem } from './schemaProblem.js';

/** Keywords whose value is one schema (JSON Schema 2020-12 and what Ajv 2020 also accepts). */
const SCHEMA_KEYWORDS = new Set([
  'items', 'additionalItems', 'contains', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to schemas (`dependencies` values may also be lists of names). */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies']);
/** Keywords holding a reference, which must stay inside the schema. */
const REFERENCE_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'] as const;
/**
 * Whether `key`, inside an object that sits under `parentKey`, can reach or replace a prototype
 * when the data is merged or copied naively (`target[key] = merge(target[key], source[key])`):
 * `__proto__` anywhere, and `prototype` right under `constructor` (`{"constructor": {"prototype":
 * {…}}}` reaches `Object.prototype`). A field merely *named* `constructor` or `prototype` is
 * allowed: Ajv checks own properties only (`ownProperties`), and forms may have such fields.
 */
const isForbiddenKey = (key: string, parentKey: string | undefined): boolean =>
  key === '__proto__' || (key === 'prototype' && parentKey === 'constructor');
/** Keywords that are a length or a count: whole numbers, and no larger than a submitted form can be. */
const SIZE_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'] as const;
/** The largest length or count a form can use: a request body is at most 1 MiB. */
const MAX_SIZE_KEYWORD = 1_000_000;
/** An `$id` may only name the schema, never locate it. */
const ALLOWED_ID = /^urn:/i;
/** After this many problems the check stops: the author has enough to fix. */
const MAX_PROBLEMS = 50;
/**
 * Work units for the patterns of one schema together (ten worst-case patterns, some 150 ms), so
 * that many heavy patterns cannot make the check slow; a pattern analysed after the budget is
 * spent is refused as too complex.
 */
const SCHEMA_PATTERN_WORK_BUDGET = 10 * PATTERN_WORK_BUDGET;

/**
 * How a value is read: as a schema, a list or map of schemas, the `patternProperties` map (whose
 * names are patterns), or plain data (`enum`, `const`, `default`, annotations …).
 */
type Role = 'schema' | 'schemaList' | 'schemaMap' | 'patternMap' | 'data';

interface Visit {
  readonly value: unknown;
  readonly pointer: string;
  /** The key or index the value sits under (undefined for the root). */
  readonly key: string | undefined;
  readonly role: Role;
  /** Schema levels below the root (for a list or map of schemas: the level of its schemas). */
  readonly depth: number;
  /** Nesting inside a data value (0 outside data). */
  readonly dataDepth: number;
}

/** The step that takes an object off the current path (for cycle detection) once its children are done. */
interface Leave {
  readonly leave: object;
}

/** Bytes of `text` as a JSON string in UTF-8, quotes and escapes included (as `JSON.stringify` writes it). */
function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else {
        bytes += 6; // a lone surrogate is written as \udXXX
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** What a value that is not plain JSON data is, for messages; undefined for JSON values. */
function nonJsonKind(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'object': {
      if (value === null) return undefined;
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value) ? proto === Array.prototype : proto === Object.prototype || proto === null) {
        return Object.getOwnPropertySymbols(value).length > 0 ? 'symbol key' : undefined;
      }
      return Object.prototype.toString.call(value).slice(8, -1);
    }
    default:
      return typeof value;
  }
}

/**
 * Checks a form schema authored by a user before anything else reads it (issue 3 §6), and returns
 * every problem found (at most 50), in document order; an empty list means the schema may be
 * compiled. It does not validate against the JSON Schema meta-schema: `createFormValidator` still
 * compiles with Ajv in strict mode after this check.
 *
 * - the schema is plain JSON data: a JSON object at the root; no functions, `undefined`, symbols,
 *   `NaN`, class instances (`Date`, `Map` …), getters or cycles anywhere
 *   (`CF_FORMS_SCHEMA_NOT_OBJECT`, `CF_FORMS_SCHEMA_NOT_JSON`, `CF_FORMS_SCHEMA_CYCLE`);
 * - no object anywhere has a key `__proto__`, nor `constructor` → `prototype`, the keys that
 *   pollute prototypes through a naive deep merge (`CF_FORMS_SCHEMA_FORBIDDEN_KEY`);
 * - `$ref`, `$dynamicRef`, `$recursiveRef` start with `#`: nothing is loaded from elsewhere
 *   (`CF_FORMS_SCHEMA_REMOTE_REF`); an `$id` is a `urn:` (`CF_FORMS_SCHEMA_REMOTE_ID`), on the root
 *   only (`CF_FORMS_SCHEMA_NESTED_ID`);
 * - every `pattern` and every `patternProperties` name is a valid regular expression under the
 *   `u` flag, at most `maxPatternLength` long, and not at risk of catastrophic backtracking
 *   according to `regexRisk` (`CF_FORMS_SCHEMA_INVALID_PATTERN`,
 *   `CF_FORMS_SCHEMA_PATTERN_TOO_LONG`, `CF_FORMS_SCHEMA_UNSAFE_PATTERN`);
 * - size: at most `maxBytes` of JSON, `maxDepth` nested schema levels (and as deep inside data
 *   values), `maxProperties` names per object, `maxEnum` items per list (`CF_FORMS_SCHEMA_TOO_LARGE`,
 *   `CF_FORMS_SCHEMA_TOO_DEEP`, `CF_FORMS_SCHEMA_TOO_MANY_PROPERTIES`, `CF_FORMS_SCHEMA_TOO_MANY_VALUES`);
 * - lengths and counts (`maxLength`, `minItems` …) are whole numbers from 0 to 1,000,000: a
 *   submitted form is at most 1 MiB, so a larger one could never be filled in
 *   (`CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE`; other types are left to the compiler's meta-schema).
 *
 * Keywords are recognised only where a schema is expected: a field *named* `pattern` or `$ref`
 * under `properties` is a name, and `enum`/`const`/`default` values are data.
 *
 * The walk is iterative and bounded by the limits (it stops at `maxBytes` of JSON), so a hostile
 * value (10,000 levels deep, shared sub-objects that would expand to gigabytes of JSON, a cycle)
 * neither overflows the stack nor takes long; the patterns of one schema share a work budget.
 * Own getters are never called. Throws a RangeError only for invalid `limits`.
 */
export function checkAuthoredSchema(schema: unknown, limits?: Partial<SchemaLimits>): SchemaProblem[] {
  const { maxBytes, maxDepth, maxProperties, maxEnum, maxPatternLength } = resolveSchemaLimits(limits);
  const problems: SchemaProblem[] = [];

  const rootKind = nonJsonKind(schema);
  if (rootKind !== undefined) return [schemaProblem('CF_FORMS_SCHEMA_NOT_JSON', '', { kind: rootKind })];
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [schemaProblem('CF_FORMS_SCHEMA_NOT_OBJECT', '')];

  const patternVerdicts = new Map<string, RegexRisk>();
  let patternWorkLeft = SCHEMA_PATTERN_WORK_BUDGET;
  const checkPattern = (pattern: string, pointer: string): void => {
    if (pattern.length > maxPatternLength) {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_PATTERN_TOO_LONG', pointer, { length: pattern.length, limit: maxPatternLength }));
      return;
    }
    let risk = patternVerdicts.get(pattern);
    if (!risk) {
      const units = Math.max(0, Math.min(PATTERN_WORK_BUDGET, patternWorkLeft));
      const budget = new AnalysisBudget(units);
      risk = analyseRegex(pattern, budget);
      patternWorkLeft -= units - Math.max(0, budget.left);
      patternVerdicts.set(pattern, risk);
    }
    if (risk.safe) return;
    if (risk.reason === 'invalid') {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_INVALID_PATTERN', pointer, { pattern, error: risk.detail }));
    } else {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_UNSAFE_PATTERN', pointer, { pattern, part: risk.part }));
    }
  };

  /** Checks of one schema object's own keywords (`own`: its data properties, read without getters). */
  const checkKeywords = (own: ReadonlyMap<string, unknown>, pointer: string): void => {
    for (const keyword of REFERENCE_KEYWORDS) {
      const ref = own.get(keyword);
      if (typeof ref === 'string' && !ref.startsWith('#')) {
        problems.push(schemaProblem('CF_FORMS_SCHEMA_REMOTE_REF', appendPointer(pointer, keyword), { keyword, ref }));
      }
    }
    const id = own.get('$id');
    if (typeof id === 'string' && !ALLOWED_ID.test(id)) {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_REMOTE_ID', appendPointer(pointer, '$id'), { id }));
    } else if (id !== undefined && pointer !== '') {
      // A nested $id starts a resource of its own: "#" inside it means that part, not the form, and
      // a recursive "$ref": "#" there sent Ajv's standalone code generation into an endless loop.
      problems.push(schemaProblem('CF_FORMS_SCHEMA_NESTED_ID', appendPointer(pointer, '$id'), { id: String(id) }));
    }
    const pattern = own.get('pattern');
    if (typeof pattern === 'string') checkPattern(pattern, appendPointer(pointer, 'pattern'));
    for (const keyword of SIZE_KEYWORDS) {
      const size = own.get(keyword);
      if (typeof size === 'number' && !(Number.isInteger(size) && size >= 0 && size <= MAX_SIZE_KEYWORD)) {
        problems.push(schemaProblem('CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE', appendPointer(pointer, keyword), { keyword, value: String(size), limit: MAX_SIZE_KEYWORD }));
      }
    }
  };

  /** The role and depth of the value under `key` of a container read as `parent`. */
  const childVisit = (parent: Visit, key: string, value: unknown): Visit => {
    const pointer = appendPointer(parent.pointer, key);
    const isArray = Array.isArray(value);
    const isObject = typeof value === 'object' && value !== null && !isArray;
    const data = (dataDepth: number): Visit => ({ value, pointer, key, role: 'data', depth: parent.depth, dataDepth });
    switch (parent.role) {
      case 'data':
        return data(parent.dataDepth + 1);
      case 'schemaList':
      case 'schemaMap':
      case 'patternMap':
        return isObject ? { value, pointer, key, role: 'schema', depth: parent.depth, dataDepth: 0 } : data(1);
      case 'schema':
        if (SCHEMA_KEYWORDS.has(key)) {
          if (isObject) return { value, pointer, key, role: 'schema', depth: parent.depth + 1, dataDepth: 0 };
          if (isArray) return { value, pointer, key, role: 'schemaList', depth: parent.depth + 1, dataDepth: 0 };
        } else if (SCHEMA_LIST_KEYWORDS.has(key) && isArray) {
          return { value, pointer, key, role: 'schemaList', depth: parent.depth + 1, dataDepth: 0 };
        } else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject) {
          return { value, pointer, key, role: key === 'patternProperties' ? 'patternMap' : 'schemaMap', depth: parent.depth + 1, dataDepth: 0 };
        }
        return data(1);
    }
  };

  let bytes = 0;
  let reportedTooDeep = false;
  /** The objects on the path from the root to the current value, with their pointers. */
  const onPath = new Map<object, string>();
  const stack: (Visit | Leave)[] = [{ value: schema, pointer: '', key: undefined, role: 'schema', depth: 0, dataDepth: 0 }];

  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const step = stack.pop() as Visit | Leave;
    if ('leave' in step) {
      onPath.delete(step.leave);
      continue;
    }
    const { value, pointer } = step;
    const kind = nonJsonKind(value);
    if (kind !== undefined) {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_NOT_JSON', pointer, { kind }));
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      bytes += typeof value === 'string' ? jsonStringBytes(value) : String(value).length;
    } else {
      const target = onPath.get(value);
      if (target !== undefined) {
        problems.push(schemaProblem('CF_FORMS_SCHEMA_CYCLE', pointer, { target: target || '/', ref: `#${encodeURI(target)}` }));
        continue;
      }
      // Lists and maps of schemas are not a level of their own: their schemas are checked.
      const level = step.role === 'data' ? step.dataDepth : step.role === 'schema' ? step.depth : 0;
      if (level > maxDepth) {
        if (!reportedTooDeep) problems.push(schemaProblem('CF_FORMS_SCHEMA_TOO_DEEP', pointer, { limit: maxDepth }));
        reportedTooDeep = true;
        continue;
      }
      const keys = Array.isArray(value) ? undefined : Object.keys(value);
      const size = keys ? keys.length : (value as unknown[]).length;
      if (keys && size > maxProperties) {
        problems.push(schemaProblem('CF_FORMS_SCHEMA_TOO_MANY_PROPERTIES', pointer, { count: size, limit: maxProperties }));
        continue;
      }
      if (!keys && size > maxEnum) {
        problems.push(schemaProblem('CF_FORMS_SCHEMA_TOO_MANY_VALUES', pointer, { count: size, limit: maxEnum }));
        continue;
      }
      bytes += 2 + Math.max(0, size - 1);
      const children: Visit[] = [];
      if (keys) {
        const own = new Map<string, unknown>();
        for (const key of keys) {
          bytes += jsonStringBytes(key) + 1;
          if (isForbiddenKey(key, step.key)) {
            problems.push(schemaProblem('CF_FORMS_SCHEMA_FORBIDDEN_KEY', appendPointer(pointer, key), { key }));
            continue;
          }
          const descriptor = Object.getOwnPropertyDescriptor(value, key);
          if (!descriptor || !('value' in descriptor)) {
            problems.push(schemaProblem('CF_FORMS_SCHEMA_NOT_JSON', appendPointer(pointer, key), { kind: 'getter' }));
            continue;
          }
          own.set(key, descriptor.value);
          children.push(childVisit(step, key, descriptor.value));
        }
        if (step.role === 'schema') checkKeywords(own, pointer);
        if (step.role === 'patternMap') for (const key of keys) checkPattern(key, appendPointer(pointer, key));
      } else {
        const list = value as readonly unknown[];
        for (let i = 0; i < list.length; i++) {
          const descriptor = Object.getOwnPropertyDescriptor(list, i);
          if (descriptor && !('value' in descriptor)) {
            problems.push(schemaProblem('CF_FORMS_SCHEMA_NOT_JSON', appendPointer(pointer, String(i)), { kind: 'getter' }));
            continue;
          }
          // A hole reads as undefined, which is not JSON either.
          children.push(childVisit(step, String(i), descriptor?.value));
        }
      }
      onPath.set(value, pointer);
      stack.push({ leave: value });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit);
    }
    if (bytes > maxBytes) {
      problems.push(schemaProblem('CF_FORMS_SCHEMA_TOO_LARGE', pointer, { limit: maxBytes }));
      break;
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
