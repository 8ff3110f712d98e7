import type { LocalizedText } from '../i18n.js';
import { text } from './ExpressionError.js';
import { MAX_TEXT_LENGTH } from './limits.js';
import { describeKind, isPlainArray, isPlainObject, isTruthy, kindOf, readOwnData, valuesEqual, type ComparisonBudget } from './values.js';

/** A lambda argument (`x => …`) as the evaluator hands it to a built-in. */
export type ExpressionLambda = (value: unknown) => unknown;

/** What a built-in may do besides computing: pay for work, and fail with a clear message. */
export interface BuiltinContext extends ComparisonBudget {
  /** Adds `steps` to the evaluation budget; throws `CF_ENGINE_EXPR_TOO_COMPLEX` when it runs out. */
  charge(steps: number): void;
  /** Throws a `CF_ENGINE_EXPR_RUNTIME` error at the call's position. */
  fail(message: LocalizedText, hint?: LocalizedText): never;
}

/** A built-in function of the expression language. */
export interface BuiltinFunction {
  readonly name: string;
  /** How to call it, shown in arity and type errors. */
  readonly usage: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Argument positions (0-based) that take a lambda `x => …`; every other position takes a value. */
  readonly lambdaArgs: readonly number[];
  /**
   * Whether the lambda arguments are required (`filter`) or optional (`count`); optional ones are
   * still the only place a lambda may appear.
   */
  readonly lambdaOptional?: boolean;
  readonly call: (args: readonly unknown[], ctx: BuiltinContext) => unknown;
}

const COALESCE_HINT = text('如果字段可能为空，用 coalesce(字段, 默认值) 提供默认值', 'if a field may be empty, give it a default with coalesce(field, default)');

function argumentError(ctx: BuiltinContext, fn: string, index: number, expected: LocalizedText, value: unknown, hint?: LocalizedText): never {
  const got = describeKind(value);
  return ctx.fail(
    text(`函数 ${fn} 的第 ${index + 1} 个参数应为${expected['zh-CN']}，实际为${got['zh-CN']}`, `argument ${index + 1} of ${fn}() must be ${expected.en}, got ${got.en}`),
    hint ?? (value === null || value === undefined ? COALESCE_HINT : undefined),
  );
}

const A_LIST = text('列表', 'a list');
const A_NUMBER = text('数字', 'a number');
const A_STRING = text('文本', 'a string');

/** A list argument; a missing value (`null`) counts as an empty list. */
function listArg(args: readonly unknown[], index: number, fn: string, ctx: BuiltinContext): readonly unknown[] {
  const value = args[index];
  if (value === null || value === undefined) return [];
  if (isPlainArray(value)) return value;
  return argumentError(ctx, fn, index, A_LIST, value, text(`用法：${usageOf(fn)}`, `usage: ${usageOf(fn)}`));
}

function numberArg(args: readonly unknown[], index: number, fn: string, ctx: BuiltinContext): number {
  const value = args[index];
  if (typeof value === 'number') return value;
  return argumentError(ctx, fn, index, A_NUMBER, value);
}

function stringArg(args: readonly unknown[], index: number, fn: string, ctx: BuiltinContext): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  return argumentError(ctx, fn, index, A_STRING, value);
}

function lambdaArg(args: readonly unknown[], index: number): ExpressionLambda | undefined {
  const value = args[index];
  return typeof value === 'function' ? (value as ExpressionLambda) : undefined;
}

function finite(value: number, fn: string, ctx: BuiltinContext): number {
  if (Number.isFinite(value)) return value;
  return ctx.fail(text(`函数 ${fn} 的结果太大，无法表示`, `the result of ${fn}() is too large to represent`));
}

/** Numbers or strings, all of one kind, for min/max/sort; anything else is an error. */
function comparableKind(values: readonly unknown[], fn: string, ctx: BuiltinContext): 'number' | 'string' | undefined {
  let kind: 'number' | 'string' | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const k = kindOf(value);
    if ((k !== 'number' && k !== 'string') || (kind !== undefined && k !== kind)) {
      const got = describeKind(value);
      return ctx.fail(
        text(`函数 ${fn} 只能比较同为数字或同为文本的值，第 ${i + 1} 个值是${got['zh-CN']}`, `${fn}() compares only numbers with numbers or strings with strings; item ${i + 1} is ${got.en}`),
        value === null || value === undefined ? text('先用 filter(list, x => x != null) 去掉空值', 'drop empty values first with filter(list, x => x != null)') : undefined,
      );
    }
    kind = k;
  }
  return kind;
}

// Code-unit order, never locale order: the same result in every runtime.
function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function extreme(args: readonly unknown[], fn: 'min' | 'max', ctx: BuiltinContext): unknown {
  const first = args[0];
  const items = args.length === 1 && (isPlainArray(first) || first === null || first === undefined) ? listArg(args, 0, fn, ctx) : args;
  ctx.charge(items.length);
  if (items.length === 0) return null;
  comparableKind(items, fn, ctx);
  let best = items[0] as number | string;
  for (const item of items) {
    const c = compare(item as number | string, best);
    if (fn === 'min' ? c < 0 : c > 0) best = item as number | string;
  }
  return best;
}

/** Half away from zero (四舍五入), through the decimal representation so 1.005 → 1.01. */
function roundHalfAway(value: number, digits: number): number {
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
  const repr = String(magnitude);
  const scaled = repr.includes('e') ? magnitude * 10 ** digits : Number(`${repr}e${digits}`);
  const rounded = Math.floor(scaled + 0.5);
  const result = repr.includes('e') ? rounded / 10 ** digits : Number(`${rounded}e-${digits}`);
  return sign * result === 0 ? 0 : sign * result;
}

/** Primitive values keyed by kind, so 1 and '1' stay distinct; lists/objects compared structurally. */
function uniqueValues(list: readonly unknown[], ctx: BuiltinContext): unknown[] {
  ctx.charge(list.length);
  const seen = new Set<string>();
  const structured: unknown[] = [];
  const result: unknown[] = [];
  for (const item of list) {
    const value = item === undefined ? null : item;
    const kind = kindOf(value);
    if (kind === 'list' || kind === 'object' || kind === 'other') {
      if (structured.some((other) => valuesEqual(other, value, ctx))) continue;
      structured.push(value);
    } else {
      const key = `${kind}:${String(value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    result.push(value);
  }
  return result;
}

/** JSON text of lists and objects, for string(). */
function toJson(value: unknown, ctx: BuiltinContext): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return ctx.fail(text('函数 string 无法把这个值转为文本', 'string() cannot turn this value into text'));
  }
}

const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?$/;

const DEFINITIONS: readonly BuiltinFunction[] = [
  {
    name: 'len', usage: 'len(listOrText)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => {
      const value = args[0];
      if (value === null || value === undefined) return 0;
      if (typeof value === 'string') {
        // Characters, not UTF-16 units, so that an emoji or a rare CJK character counts once.
        let count = 0;
        for (const _ of value) count++;
        return count;
      }
      if (isPlainArray(value)) return value.length;
      if (isPlainObject(value)) return Object.keys(value).length;
      return argumentError(ctx, 'len', 0, text('列表、文本或对象', 'a list, a string or an object'), value);
    },
  },
  {
    name: 'sum', usage: 'sum(list) / sum(list, x => x.amount)', minArgs: 1, maxArgs: 2, lambdaArgs: [1], lambdaOptional: true,
    call: (args, ctx) => {
      const list = listArg(args, 0, 'sum', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      let total = 0;
      for (let i = 0; i < list.length; i++) {
        const value = fn ? fn(list[i]) : list[i];
        if (typeof value !== 'number') {
          const got = describeKind(value);
          return ctx.fail(text(`函数 sum 只能累加数字，第 ${i + 1} 项是${got['zh-CN']}`, `sum() adds numbers only; item ${i + 1} is ${got.en}`), COALESCE_HINT);
        }
        total += value;
      }
      return finite(total, 'sum', ctx);
    },
  },
  { name: 'min', usage: 'min(list) / min(a, b, …)', minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, lambdaArgs: [], call: (args, ctx) => extreme(args, 'min', ctx) },
  { name: 'max', usage: 'max(list) / max(a, b, …)', minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, lambdaArgs: [], call: (args, ctx) => extreme(args, 'max', ctx) },
  { name: 'abs', usage: 'abs(number)', minArgs: 1, maxArgs: 1, lambdaArgs: [], call: (args, ctx) => Math.abs(numberArg(args, 0, 'abs', ctx)) },
  { name: 'floor', usage: 'floor(number)', minArgs: 1, maxArgs: 1, lambdaArgs: [], call: (args, ctx) => Math.floor(numberArg(args, 0, 'floor', ctx)) },
  { name: 'ceil', usage: 'ceil(number)', minArgs: 1, maxArgs: 1, lambdaArgs: [], call: (args, ctx) => Math.ceil(numberArg(args, 0, 'ceil', ctx)) },
  {
    name: 'round', usage: 'round(number) / round(number, digits)', minArgs: 1, maxArgs: 2, lambdaArgs: [],
    call: (args, ctx) => {
      const value = numberArg(args, 0, 'round', ctx);
      const digits = args.length > 1 ? numberArg(args, 1, 'round', ctx) : 0;
      if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
        return ctx.fail(text('函数 round 的小数位数应为 0 到 10 的整数', 'the digits of round() must be a whole number from 0 to 10'));
      }
      return finite(roundHalfAway(value, digits), 'round', ctx);
    },
  },
  {
    name: 'contains', usage: 'contains(listOrText, value)', minArgs: 2, maxArgs: 2, lambdaArgs: [],
    call: (args, ctx) => {
      const [haystack, needle] = args;
      if (haystack === null || haystack === undefined) return false;
      if (typeof haystack === 'string') return haystack.includes(stringArg(args, 1, 'contains', ctx));
      if (isPlainArray(haystack)) {
        ctx.charge(haystack.length);
        return haystack.some((item) => valuesEqual(item, needle, ctx));
      }
      return argumentError(ctx, 'contains', 0, text('列表或文本', 'a list or a string'), haystack);
    },
  },
  {
    name: 'count', usage: 'count(list) / count(list, x => condition)', minArgs: 1, maxArgs: 2, lambdaArgs: [1], lambdaOptional: true,
    call: (args, ctx) => {
      const list = listArg(args, 0, 'count', ctx);
      const fn = lambdaArg(args, 1);
      if (!fn) return list.length;
      ctx.charge(list.length);
      let n = 0;
      for (const item of list) if (isTruthy(fn(item))) n++;
      return n;
    },
  },
  {
    name: 'filter', usage: 'filter(list, x => condition)', minArgs: 2, maxArgs: 2, lambdaArgs: [1],
    call: (args, ctx) => {
      const list = listArg(args, 0, 'filter', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      return fn ? list.filter((item) => isTruthy(fn(item))) : [];
    },
  },
  {
    name: 'map', usage: 'map(list, x => value)', minArgs: 2, maxArgs: 2, lambdaArgs: [1],
    call: (args, ctx) => {
      const list = listArg(args, 0, 'map', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      return fn ? list.map((item) => fn(item)) : [];
    },
  },
  {
    name: 'some', usage: 'some(list, x => condition)', minArgs: 2, maxArgs: 2, lambdaArgs: [1],
    call: (args, ctx) => {
      const list = listArg(args, 0, 'some', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      return fn ? list.some((item) => isTruthy(fn(item))) : false;
    },
  },
  {
    name: 'every', usage: 'every(list, x => condition)', minArgs: 2, maxArgs: 2, lambdaArgs: [1],
    call: (args, ctx) => {
      const list = listArg(args, 0, 'every', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      return fn ? list.every((item) => isTruthy(fn(item))) : true;
    },
  },
  {
    name: 'find', usage: 'find(list, x => condition)', minArgs: 2, maxArgs: 2, lambdaArgs: [1],
    call: (args, ctx) => {
      const list = listArg(args, 0, 'find', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length);
      const found = fn ? list.find((item) => isTruthy(fn(item))) : undefined;
      return found === undefined ? null : found;
    },
  },
  {
    name: 'keys', usage: 'keys(object)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => {
      const value = args[0];
      if (value === null || value === undefined) return [];
      if (!isPlainObject(value)) return argumentError(ctx, 'keys', 0, text('对象', 'an object'), value);
      const keys = Object.keys(value);
      ctx.charge(keys.length);
      return keys;
    },
  },
  {
    name: 'values', usage: 'values(object)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => {
      const value = args[0];
      if (value === null || value === undefined) return [];
      if (!isPlainObject(value)) return argumentError(ctx, 'values', 0, text('对象', 'an object'), value);
      const keys = Object.keys(value);
      ctx.charge(keys.length);
      return keys.map((key) => readOwnData(value, key) ?? null);
    },
  },
  {
    name: 'coalesce', usage: 'coalesce(value, fallback, …)', minArgs: 0, maxArgs: Number.POSITIVE_INFINITY, lambdaArgs: [],
    call: (args) => {
      for (const value of args) if (value !== null && value !== undefined) return value;
      return null;
    },
  },
  {
    name: 'number', usage: 'number(text)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => {
      const value = args[0];
      if (value === null || value === undefined) return null;
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        const trimmed = value.trim();
        // Digits with an optional sign and fraction: no hex, exponent, '' → 0 or other Number() quirks.
        if (trimmed.length <= 400 && NUMBER_TEXT.test(trimmed)) return finite(Number(trimmed), 'number', ctx);
        const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
        return ctx.fail(
          text(`无法把文本 ${JSON.stringify(shown)} 转为数字`, `cannot turn the text ${JSON.stringify(shown)} into a number`),
          text('文本应只含数字，可带正负号和小数点，如 "12" 或 "-3.5"', 'the text must be digits with an optional sign and decimal point, such as "12" or "-3.5"'),
        );
      }
      return argumentError(ctx, 'number', 0, text('文本或数字', 'a string or a number'), value);
    },
  },
  {
    name: 'string', usage: 'string(value)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => {
      const value = args[0];
      if (value === null || value === undefined) return '';
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (isPlainArray(value) || isPlainObject(value)) {
        const json = toJson(value, ctx);
        ctx.charge(Math.ceil(json.length / 100));
        if (json.length > MAX_TEXT_LENGTH) return ctx.fail(text('函数 string 的结果太长', 'the result of string() is too long'));
        return json;
      }
      return argumentError(ctx, 'string', 0, text('数据值', 'a data value'), value);
    },
  },
  {
    name: 'lower', usage: 'lower(text)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => (args[0] === null || args[0] === undefined ? null : stringArg(args, 0, 'lower', ctx).toLowerCase()),
  },
  {
    name: 'upper', usage: 'upper(text)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => (args[0] === null || args[0] === undefined ? null : stringArg(args, 0, 'upper', ctx).toUpperCase()),
  },
  {
    name: 'trim', usage: 'trim(text)', minArgs: 1, maxArgs: 1, lambdaArgs: [],
    call: (args, ctx) => (args[0] === null || args[0] === undefined ? null : stringArg(args, 0, 'trim', ctx).trim()),
  },
  {
    name: 'startsWith', usage: 'startsWith(text, prefix)', minArgs: 2, maxArgs: 2, lambdaArgs: [],
    call: (args, ctx) => {
      const prefix = stringArg(args, 1, 'startsWith', ctx);
      return args[0] === null || args[0] === undefined ? false : stringArg(args, 0, 'startsWith', ctx).startsWith(prefix);
    },
  },
  {
    name: 'endsWith', usage: 'endsWith(text, suffix)', minArgs: 2, maxArgs: 2, lambdaArgs: [],
    call: (args, ctx) => {
      const suffix = stringArg(args, 1, 'endsWith', ctx);
      return args[0] === null || args[0] === undefined ? false : stringArg(args, 0, 'endsWith', ctx).endsWith(suffix);
    },
  },
  {
    name: 'concat', usage: 'concat(listA, listB, …)', minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, lambdaArgs: [],
    call: (args, ctx) => {
      const lists = args.map((_, i) => listArg(args, i, 'concat', ctx));
      const result: unknown[] = [];
      for (const list of lists) {
        ctx.charge(list.length);
        for (const item of list) result.push(item);
      }
      return result;
    },
  },
  { name: 'unique', usage: 'unique(list)', minArgs: 1, maxArgs: 1, lambdaArgs: [], call: (args, ctx) => uniqueValues(listArg(args, 0, 'unique', ctx), ctx) },
  {
    name: 'sort', usage: 'sort(list) / sort(list, x => key)', minArgs: 1, maxArgs: 2, lambdaArgs: [1], lambdaOptional: true,
    call: (args, ctx) => {
      const list = listArg(args, 0, 'sort', ctx);
      const fn = lambdaArg(args, 1);
      ctx.charge(list.length * Math.max(1, Math.ceil(Math.log2(list.length + 1))));
      const keys = fn ? list.map((item) => fn(item)) : list;
      comparableKind(keys, 'sort', ctx);
      // Sort positions by key, then read the items back: stable, and the lambda runs once per item.
      const order = keys.map((_, i) => i);
      order.sort((a, b) => compare(keys[a] as number | string, keys[b] as number | string) || a - b);
      return order.map((i) => list[i]);
    },
  },
  { name: 'distinctCount', usage: 'distinctCount(list)', minArgs: 1, maxArgs: 1, lambdaArgs: [], call: (args, ctx) => uniqueValues(listArg(args, 0, 'distinctCount', ctx), ctx).length },
];

/** Built-ins by name. A `Map`, so names such as `toString` can never resolve through a prototype. */
export const BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map(DEFINITIONS.map((fn) => [fn.name, fn]));

/** Names of every built-in function, in documentation order. */
export const BUILTIN_FUNCTION_NAMES: readonly string[] = Object.freeze(DEFINITIONS.map((fn) => fn.name));

function usageOf(name: string): string {
  return BUILTINS.get(name)?.usage ?? `${name}(…)`;
}
