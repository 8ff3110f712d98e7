/**
 * No type coercion of request bodies (issue 7). fastify's validator coerces types (`"1"` → 1,
 * `0` → `"0"`, `1` → true) so that query strings, which are all text, can carry numbers; on a
 * JSON body that turns a wrong value into a different right-looking one (a reason `0` became
 * "0", `disabled: 1` disabled an account). This hook runs before validation and refuses a body
 * value whose JSON type is not the one its route's schema declares; validation then runs as
 * before (query strings and path parameters keep their coercion).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../plugins/serverError.js';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
interface SchemaNode {
  type?: JsonType | JsonType[];
  nullable?: boolean;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function allows(declared: JsonType[], actual: JsonType): boolean {
  return declared.includes(actual) || (actual === 'integer' && declared.includes('number'));
}

/** The first value of `value` whose type its schema does not declare, as [path, declared, actual]. */
export function firstTypeMismatch(schema: SchemaNode | undefined, value: unknown, path: Array<string | number> = [], depth = 0): [Array<string | number>, JsonType[], JsonType] | undefined {
  if (!schema || typeof schema !== 'object' || depth > 64) return undefined;
  const actual = jsonTypeOf(value);
  if (schema.type !== undefined) {
    const declared = [...(Array.isArray(schema.type) ? schema.type : [schema.type]), ...(schema.nullable ? ['null' as const] : [])];
    if (!allows(declared, actual)) return [path, declared, actual];
  }
  if (actual === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const sub = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      const found = firstTypeMismatch(sub, child, [...path, key], depth + 1);
      if (found) return found;
    }
  } else if (actual === 'array' && schema.items !== undefined) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i += 1) {
      const sub = Array.isArray(schema.items) ? schema.items[i] : schema.items;
      const found = firstTypeMismatch(sub, items[i], [...path, i], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

const NAMES: Record<JsonType, [string, string]> = {
  string: ['文本', 'a string'], number: ['数字', 'a number'], integer: ['整数', 'a whole number'], boolean: ['布尔值（true/false）', 'a boolean (true/false)'],
  object: ['对象', 'an object'], array: ['列表', 'a list'], null: ['null', 'null'],
};

/** Adds the preValidation hook that refuses body values of another JSON type than declared. */
export function registerBodyTypeCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const schema = (request.routeOptions.schema as { body?: SchemaNode } | undefined)?.body;
    if (!schema || request.body === undefined) return;
    const found = firstTypeMismatch(schema, request.body);
    if (!found) return;
    const [path, declared, actual] = found;
    const where = path.length === 0 ? '(body)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    const zh = declared.map((d) => NAMES[d][0]).join(' 或 ');
    const en = declared.map((d) => NAMES[d][1]).join(' or ');
    throw new ServerError('CF_SERVER_BAD_REQUEST', 400, {
      'zh-CN': `请求体中 ${where} 应为${zh}，实际为${NAMES[actual][0]}`,
      en: `${where} in the request body must be ${en}, got ${NAMES[actual][1]}`,
    }, {
      hint: { 'zh-CN': '按接口文档的类型发送：数字不加引号，文本加引号，布尔值写 true 或 false', en: 'send the types the API documents: numbers without quotes, text in quotes, booleans as true or false' },
      details: { path: where, expected: declared, got: actual },
    });
  });
}
