/**
 * The JSON request-body parser (issue 7): JSON.parse, then one pass over the text that refuses
 * what JSON.parse lets through but no client of this API sends — duplicate keys (two parsers
 * would read two different bodies), `__proto__` and `constructor.prototype` keys (prototype pollution),
 * text with a NUL or half a surrogate pair (PostgreSQL cannot store either; they hide text from
 * people), numbers too large to be kept exactly (`1e999` parses to Infinity, `1e300` loses its digits), and structures deeper,
 * longer or wider than any form or process definition. Each refusal is a 400 in the house
 * shape, saying what was found and where (character offset and key path).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LocalizedText } from '@civicflow/engine';
import { ServerError } from '../plugins/serverError.js';

/** The limits of a request body's structure. */
export interface StrictJsonLimits {
  /** Deepest nesting of objects and arrays. Default 64 (a process definition nests about 15). */
  maxDepth: number;
  /** Most items in one array. Default 10,000. */
  maxArrayItems: number;
  /** Most keys in one object. Default 10,000. */
  maxObjectKeys: number;
}

export const DEFAULT_STRICT_JSON_LIMITS: StrictJsonLimits = { maxDepth: 64, maxArrayItems: 10_000, maxObjectKeys: 10_000 };

/**
 * Whether a key reaches an object's prototype when the body is merged or copied naively:
 * `__proto__` anywhere, and `prototype` right inside `constructor` (the rule of fastify's own
 * parser and of the forms' schema check; a field merely named `constructor` stays allowed).
 */
const isForbiddenKey = (key: string, containerKey: string | number): boolean => key === '__proto__' || (key === 'prototype' && containerKey === 'constructor');
/** A NUL, or half of a surrogate pair. */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const HINT: LocalizedText = {
  'zh-CN': '请求体须是普通 JSON：键不重复、不使用 __proto__ 作键（constructor 中也不能有 prototype）、文本中没有空字符（\\u0000）或不成对的代理字符、数字有限，嵌套不超过 64 层，每个列表或对象不超过 10000 项',
  en: 'send plain JSON: no repeated keys, no __proto__ key (nor prototype inside constructor), no NUL (\\u0000) or unpaired surrogates in text, finite numbers no larger than 9007199254740991 either way, nesting at most 64 deep and at most 10,000 items per list or object',
};

function refuse(zh: string, en: string, position: number, path: readonly (string | number)[]): ServerError {
  const where = path.length === 0 ? '' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  const shown = where.length > 120 ? `${where.slice(0, 120)}…` : where;
  return new ServerError('CF_SERVER_BAD_REQUEST', 400, {
    'zh-CN': `请求体不被接受：${zh}（第 ${position + 1} 个字符${shown ? `，位置 ${shown}` : ''}）`,
    en: `the request body is refused: ${en} (character ${position + 1}${shown ? `, at ${shown}` : ''})`,
  }, { hint: HINT, details: { position, ...(shown ? { path: shown } : {}) } });
}

/** An open object (with its keys so far) or array, and where it sits in its parent. */
interface Frame { keys: Set<string> | undefined; count: number; expectKey: boolean; key: string | number; lastKey: string }

/**
 * Parses a request body as JSON and checks it as described above.
 * @throws {ServerError} CF_SERVER_BAD_REQUEST (400) naming what was refused and where.
 */
export function parseStrictJson(text: string, limits: StrictJsonLimits = DEFAULT_STRICT_JSON_LIMITS): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServerError('CF_SERVER_BAD_REQUEST', 400, {
      'zh-CN': `请求体不是有效的 JSON：${(error as Error).message}`,
      en: `the request body is not valid JSON: ${(error as Error).message}`,
    }, { hint: HINT });
  }
  // JSON.parse accepted the text, so it is well-formed: this pass only needs strings, brackets,
  // commas and numbers.
  const stack: Frame[] = [];
  // The path of the value being read: the key or index of each open container below the root.
  const path = (): Array<string | number> => stack.slice(1).map((f) => f.key);
  // …and of the value itself, inside the innermost container.
  const valuePath = (): Array<string | number> => {
    const frame = stack[stack.length - 1];
    return frame === undefined ? [] : [...path(), frame.keys ? frame.lastKey : frame.count];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(end);
        if (d === 0x5c) { escaped = true; end += 2; continue; }
        if (d === 0x22) break;
        end += 1;
      }
      const raw = text.slice(i, end + 1);
      const decoded = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      const frame = stack[stack.length - 1];
      const isKey = frame?.keys !== undefined && frame.expectKey;
      if (BAD_TEXT.test(decoded)) {
        throw refuse(isKey ? '键中有空字符或不成对的代理字符' : '文本中有空字符或不成对的代理字符', isKey ? 'a key contains a NUL or an unpaired surrogate' : 'a text contains a NUL or an unpaired surrogate', i, isKey ? path() : valuePath());
      }
      if (isKey && frame?.keys) {
        if (isForbiddenKey(decoded, frame.key)) throw refuse(`不允许使用键 ${decoded}`, `the key ${decoded} is not allowed`, i, path());
        if (frame.keys.has(decoded)) throw refuse(`键 ${decoded} 重复出现`, `the key ${decoded} appears twice`, i, path());
        frame.keys.add(decoded);
        frame.expectKey = false;
        frame.lastKey = decoded;
        frame.count += 1;
        if (frame.count > limits.maxObjectKeys) throw refuse(`对象超过 ${limits.maxObjectKeys} 个键`, `an object has more than ${limits.maxObjectKeys} keys`, i, path());
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      const key = parent === undefined ? '' : parent.keys ? parent.lastKey : parent.count;
      stack.push({ keys: c === 0x7b ? new Set() : undefined, count: 0, expectKey: c === 0x7b, key, lastKey: '' });
      if (stack.length > limits.maxDepth) throw refuse(`嵌套超过 ${limits.maxDepth} 层`, `nesting is deeper than ${limits.maxDepth} levels`, i, path());
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const frame = stack[stack.length - 1];
      if (frame?.keys) frame.expectKey = true;
      else if (frame) {
        frame.count += 1;
        if (frame.count >= limits.maxArrayItems) throw refuse(`列表超过 ${limits.maxArrayItems} 项`, `a list has more than ${limits.maxArrayItems} items`, i, path());
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9eE+\-.]/.test(text[end]!)) end += 1;
      // Beyond ±2^53 − 1 a number is no longer kept exactly (1e300 is an "integer" to JSON Schema, and no count, sum or time here comes near it).
      const n = Number(text.slice(i, end));
      if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) throw refuse(`数字 ${text.slice(i, Math.min(end, i + 20))} 超出范围（绝对值不超过 9007199254740991）`, `the number ${text.slice(i, Math.min(end, i + 20))} is out of range (at most 9007199254740991 either way)`, i, valuePath());
      i = end - 1;
    }
  }
  return value;
}

/**
 * Replaces fastify's JSON body parser with {@link parseStrictJson}. Body size limits stay
 * fastify's (the app's bodyLimit, or a route's own).
 */
export function registerStrictJson(app: FastifyInstance, limits: StrictJsonLimits = DEFAULT_STRICT_JSON_LIMITS): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // An empty body is no body (fastify's own parser refuses it the same way).
    if (text.length === 0) {
      done(new ServerError('CF_SERVER_BAD_REQUEST', 400, { 'zh-CN': '请求体为空，却声明为 JSON', en: 'the body is empty but declared as JSON' }, { hint: HINT }));
      return;
    }
    try {
      done(null, parseStrictJson(text, limits));
    } catch (error) {
      done(error as Error);
    }
  });
}
