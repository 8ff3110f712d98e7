import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { firstTypeMismatch, parseStrictJson } from '../src/security/index.js';
import { ServerError } from '../src/plugins/serverError.js';

/** The refusal parseStrictJson throws for `text`: its English message and details. */
function refusal(text: string): { en: string; zh: string; details: unknown } {
  try {
    parseStrictJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ServerError);
    const e = error as ServerError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('CF_SERVER_BAD_REQUEST');
    return { en: e.localized.en, zh: e.localized['zh-CN'], details: e.details };
  }
  throw new Error(`accepted: ${text}`);
}

describe('strict JSON request bodies (issue 7)', () => {
  it('parses ordinary JSON as JSON.parse does, Chinese text, surrogate pairs and escapes included', () => {
    const text = '{"name":"张三 😀","list":[1,2.5,-3e2,{"a":null}],"ok":true,"s":"\\"q\\" \\\\ \\u4e2d \\ud83d\\ude00","nested":{"constructorName":"x","prototype":1}}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it('refuses repeated keys, however escaped, and says which and where', () => {
    const r = refusal('{"a":{"b":1,"c":2,"\\u0062":3}}');
    expect(r.en).toMatch(/the key b appears twice \(character \d+, at \.a\)/);
    expect(r.zh).toMatch(/键 b 重复出现/);
    expect(r.details).toMatchObject({ path: '.a' });
    // The same key in two different objects is fine.
    expect(parseStrictJson('{"a":{"b":1},"c":{"b":1}}')).toEqual({ a: { b: 1 }, c: { b: 1 } });
  });

  it('refuses __proto__ keys and prototype inside constructor at any depth, escaped or not; a field named constructor is fine', () => {
    for (const text of ['{"__proto__":{"x":1}}', '{"a":[{"\\u005f_proto__":1}]}', '{"a":{"constructor":{"prototype":{"x":1}}}}', '{"constructor":{"\\u0070rototype":1}}']) {
      expect(refusal(text).en, text).toMatch(/the key (__proto__|prototype) is not allowed/);
    }
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(parseStrictJson('{"constructor":"张三","prototype":{"a":1}}')).toEqual({ constructor: '张三', prototype: { a: 1 } });
  });

  it('refuses NUL and unpaired surrogates in keys and texts, and numbers that are not finite', () => {
    expect(refusal('{"a":["ok","x\\u0000"]}').en).toMatch(/a text contains a NUL or an unpaired surrogate \(character \d+, at \.a\[1\]\)/);
    expect(refusal('{"a\\ud800":1}').en).toMatch(/a key contains/);
    expect(refusal('{"a":"\\udc00"}').en).toMatch(/unpaired surrogate/);
    expect(refusal('{"n":1e999}').en).toMatch(/the number 1e999 is out of range \(at most 9007199254740991 either way\) \(character 6, at \.n\)/);
    expect(refusal('[-1e400]').en).toMatch(/out of range/);
    // Finite but past 2^53 − 1: JSON Schema calls 1e300 an integer; it would be kept as another number.
    expect(refusal('{"households":1e300}').en).toMatch(/the number 1e300 is out of range .*at \.households/);
    expect(refusal('[9007199254740993]').en).toMatch(/out of range/);
  });

  it('bounds depth, list length and object width', () => {
    expect(refusal(`${'['.repeat(65)}${']'.repeat(65)}`).en).toMatch(/nesting is deeper than 64 levels/);
    expect(parseStrictJson(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeDefined();
    expect(refusal(`[${Array.from({ length: 10_001 }, () => 0).join(',')}]`).en).toMatch(/a list has more than 10000 items/);
    expect(parseStrictJson(`[${Array.from({ length: 10_000 }, () => 0).join(',')}]`)).toHaveLength(10_000);
    expect(refusal(`{${Array.from({ length: 10_001 }, (_, i) => `"k${i}":0`).join(',')}}`).en).toMatch(/more than 10000 keys/);
  });

  it('refuses text that is not JSON with the parser\'s reason', () => {
    expect(refusal('{"a":1,}').en).toMatch(/not valid JSON/);
  });
});

describe('no type coercion of request bodies (issue 7)', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string' }, b: { type: 'boolean' }, list: { type: 'array', items: { type: 'string' } }, free: {}, maybe: { type: 'string', nullable: true } } } as const;

  it('names the first value whose JSON type is not the declared one', () => {
    expect(firstTypeMismatch(schema, { n: 1, s: 'x', b: true, list: ['a'], free: 1, maybe: null })).toBeUndefined();
    expect(firstTypeMismatch(schema, { n: '1' })).toEqual([['n'], ['integer'], 'string']);
    expect(firstTypeMismatch(schema, { s: 0 })).toEqual([['s'], ['string'], 'integer']);
    expect(firstTypeMismatch(schema, { b: 1 })).toEqual([['b'], ['boolean'], 'integer']);
    expect(firstTypeMismatch(schema, { list: ['a', 2] })).toEqual([['list', 1], ['string'], 'integer']);
    expect(firstTypeMismatch(schema, { n: 1.5 })).toEqual([['n'], ['integer'], 'number']);
    expect(firstTypeMismatch(schema, [])).toEqual([[], ['object'], 'array']);
  });

  it('answers 400 in the error shape instead of coercing "0" → 0 (over HTTP, on a route with a typed body)', async () => {
    const app = await buildApp();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 12, password: 'x' } });
    // Without a database the login route does not exist: the check runs on the definitions validator, whose body must be an object.
    expect([400, 404]).toContain(res.statusCode);
    const validate = await app.inject({ method: 'POST', url: '/api/definitions/validate', headers: { 'content-type': 'application/json' }, payload: '[1]' });
    expect(validate.statusCode).toBe(400);
    expect(validate.json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST', message: { en: '(body) in the request body must be an object, got a list' } });
    const dup = await app.inject({ method: 'POST', url: '/api/definitions/validate', headers: { 'content-type': 'application/json' }, payload: '{"id":"a","id":"b"}' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST', message: { 'zh-CN': expect.stringMatching(/键 id 重复出现/) as unknown } });
    await app.close();
  });
});
