import type { LocalizedText } from '../i18n.js';
import { text } from './ExpressionError.js';

/**
 * The value model of expressions: JSON-like plain data. Objects are readable only when their
 * prototype is `Object.prototype` or `null`, lists only when they are ordinary arrays; anything
 * else (class instances, functions, symbols, big integers) is opaque.
 */

const hasOwn = Object.prototype.hasOwnProperty;

// Names that reach the prototype chain or constructors: never readable, whoever owns them.
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** True for `__proto__`, `prototype` and `constructor`, which expressions may never use. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/** `Object.prototype.hasOwnProperty`, immune to objects that shadow or lack it. */
export function hasOwnKey(object: object, key: string): boolean {
  return hasOwn.call(object, key);
}

/** A plain object: `{…}` literal, `JSON.parse` output or `Object.create(null)`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An ordinary array (not a subclass or typed array). */
export function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/**
 * Reads an own data property. Accessors are not run (a getter is host code), so they read as
 * `undefined` just like a missing key.
 */
export function readOwnData(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && 'value' in descriptor ? (descriptor.value as unknown) : undefined;
}

/** Kinds of value, as named in messages. */
export type ValueKind = 'null' | 'boolean' | 'number' | 'string' | 'list' | 'object' | 'other';

/** The kind of a value; `undefined` counts as `null`. */
export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      if (isPlainArray(value)) return 'list';
      if (isPlainObject(value)) return 'object';
      return 'other';
  }
}

const KIND_TEXT: Record<ValueKind, LocalizedText> = {
  null: text('空值 null', 'null'),
  boolean: text('布尔值', 'a boolean'),
  number: text('数字', 'a number'),
  string: text('文本', 'a string'),
  list: text('列表', 'a list'),
  object: text('对象', 'an object'),
  other: text('不支持的值', 'an unsupported value'),
};

/** The kind of a value in words, for messages ("数字" / "a number"). */
export function describeKind(value: unknown): LocalizedText {
  return KIND_TEXT[kindOf(value)];
}

/** Falsy are `null`, `false`, `0` and `''` (and `undefined`/`NaN`); everything else, `[]` included, is truthy. */
export function isTruthy(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === 0 || value === '' || Number.isNaN(value));
}

/** How a structural comparison pays for its work and stops when data is nested too deeply. */
export interface ComparisonBudget {
  /** Called once per compared pair, so comparing huge or cyclic data stays inside the budget. */
  charge(steps: number): void;
  /** Called when both sides are nested more than 64 levels deep (e.g. two cyclic structures). */
  tooDeep(): never;
}

/**
 * Equality of `==`: strict for primitives, `null` equals `undefined`, lists and plain objects
 * compared structurally, other objects by identity.
 */
export function valuesEqual(a: unknown, b: unknown, budget: ComparisonBudget, depth = 0): boolean {
  budget.charge(1);
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (depth >= 64 && typeof a === 'object' && typeof b === 'object') budget.tooDeep();
  if (isPlainArray(a) && isPlainArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!valuesEqual(a[i], b[i], budget, depth + 1)) return false;
    }
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!hasOwnKey(b, key)) return false;
      if (!valuesEqual(readOwnData(a, key), readOwnData(b, key), budget, depth + 1)) return false;
    }
    return true;
  }
  return false;
}

/**
 * Why `value` is not plain data (the first offending path, e.g. `[2].when`), or `undefined`
 * when it is: `null`, booleans, finite numbers, strings, ordinary arrays and plain objects,
 * nested. Iterative, and each object is visited once, so deep or cyclic data cannot overflow
 * the stack or loop.
 */
export function findNonPlainData(value: unknown): string | undefined {
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const current = item.value;
    if (current === null || current === undefined) continue;
    const type = typeof current;
    if (type === 'boolean' || type === 'string') continue;
    if (type === 'number') {
      if (Number.isFinite(current)) continue;
      return item.path;
    }
    if (type !== 'object') return item.path;
    const object = current as object;
    if (seen.has(object)) continue;
    seen.add(object);
    if (isPlainArray(object)) {
      for (let i = object.length - 1; i >= 0; i--) stack.push({ value: readOwnData(object, String(i)), path: `${item.path}[${i}]` });
    } else if (isPlainObject(object)) {
      for (const key of Object.keys(object)) stack.push({ value: readOwnData(object, key), path: `${item.path}.${key}` });
    } else {
      return item.path;
    }
  }
  return undefined;
}
