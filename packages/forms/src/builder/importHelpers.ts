import { childPointer, unsupported } from './importProblem.js';

type Json = Record<string, unknown>;

/** Where the importer is: the field's pointer in the schema and in the uiSchema. */
export interface ImportPlace {
  readonly pointer: string;
  readonly uiPointer: string;
}

/** Plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Refuses keywords outside `allowed` with a reason naming the keyword and the field type. */
export function allowOnlyKeywords(schema: Json, allowed: readonly string[], what: string, pointer: string): void {
  for (const key of Object.keys(schema)) {
    if (!allowed.includes(key)) {
      unsupported(
        childPointer(pointer, key),
        `「${what}」不支持关键字 "${key}"，构建器无法可视化编辑`,
        `the keyword "${key}" is not supported on a ${what}, so the builder cannot edit it visually`,
      );
    }
  }
}

function optional<T>(schema: Json, key: string, pointer: string, check: (v: unknown) => v is T, expected: string): T | undefined {
  if (!(key in schema)) return undefined;
  const value = schema[key];
  if (!check(value)) {
    unsupported(childPointer(pointer, key), `"${key}" 应为${expected}`, `"${key}" must be ${expected}`);
  }
  return value;
}

/** Type guard for strings. */
export const isString = (v: unknown): v is string => typeof v === 'string';
/** Type guard for finite numbers. */
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Reads an optional string keyword. */
export const optString = (s: Json, k: string, p: string): string | undefined => optional(s, k, p, isString, 'a string / 字符串');
/** Reads an optional number keyword. */
export const optNumber = (s: Json, k: string, p: string): number | undefined => optional(s, k, p, isFiniteNumber, 'a number / 数字');
/** Reads an optional non-negative integer keyword. */
export const optCount = (s: Json, k: string, p: string): number | undefined => optional(s, k, p, isCount, 'a non-negative integer / 非负整数');
/** Reads an optional boolean keyword. */
export const optBoolean = (s: Json, k: string, p: string): boolean | undefined => optional(s, k, p, isBoolean, 'true or false / true 或 false');

/** Drops undefined members so models compare equal however they were built. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Checks a uiSchema entry has only `allowedKeys` and returns it as an object ({} when absent). */
export function readUi(ui: unknown, uiPointer: string, allowedKeys: readonly string[], what: string): Json {
  if (ui === undefined) return {};
  if (!isJsonObject(ui)) unsupported(uiPointer, 'uiSchema 项应为对象', 'a uiSchema entry must be an object', 'uiSchema');
  for (const key of Object.keys(ui)) {
    if (!allowedKeys.includes(key)) {
      unsupported(
        childPointer(uiPointer, key),
        `「${what}」的 uiSchema 不支持 "${key}"`,
        `the uiSchema key "${key}" is not supported on a ${what}`,
        'uiSchema',
      );
    }
  }
  return ui;
}

