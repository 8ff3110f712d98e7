import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import * as safetyModule from '../src/safety/checkAuthoredSchema.js';
import { DEFAULT_SCHEMA_LIMITS, FORMS_ERROR_CODES, FormSchemaError, checkAuthoredSchema, createFormValidator } from '../src/index.js';
import type { SchemaProblem } from '../src/index.js';

// Calls through to the real check; only counts how often createFormValidator runs it.
vi.mock('../src/safety/checkAuthoredSchema.js', async (importOriginal) => {
  const real = await importOriginal<typeof safetyModule>();
  return { ...real, checkAuthoredSchema: vi.fn(real.checkAuthoredSchema) };
});

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const examplesDir = join(repoRoot, 'examples');

type Json = Record<string, unknown>;
const form = (properties: Json, extra: Json = {}): Json => ({ type: 'object', properties, ...extra });
const codes = (problems: readonly SchemaProblem[]): string[] => problems.map((p) => p.code);
const only = (problems: readonly SchemaProblem[]): SchemaProblem => {
  expect(problems, JSON.stringify(problems.map((p) => [p.code, p.pointer]))).toHaveLength(1);
  return problems[0] as SchemaProblem;
};

describe('checkAuthoredSchema: references stay inside the form', () => {
  const remote = [
    'http://example.com/schema.json',
    'https://example.com/schema.json#/$defs/a',
    'file:///etc/passwd',
    'definitions.json#/address',
    'address.json',
    '//example.com/schema.json',
    '/schemas/address',
    'urn:civicflow:form:other',
  ];
  for (const ref of remote) {
    it(`refuses $ref ${ref}`, () => {
      const p = only(checkAuthoredSchema(form({ home: { $ref: ref } })));
      expect(p.code).toBe('CF_FORMS_SCHEMA_REMOTE_REF');
      expect(p.pointer).toBe('/properties/home/$ref');
      expect(p.message.en).toContain(ref);
      expect(p.message['zh-CN']).toContain('/properties/home/$ref');
    });
  }

  it('refuses $dynamicRef and $recursiveRef elsewhere, wherever the schema is', () => {
    const schema = form({}, { $defs: { a: { $dynamicRef: 'https://evil.example/a' } }, allOf: [{ $recursiveRef: 'x.json' }] });
    const problems = checkAuthoredSchema(schema);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CF_FORMS_SCHEMA_REMOTE_REF', '/$defs/a/$dynamicRef'],
      ['CF_FORMS_SCHEMA_REMOTE_REF', '/allOf/0/$recursiveRef'],
    ]);
  });

  it('accepts local references', () => {
    const schema = form(
      { home: { $ref: '#/$defs/address' }, work: { $ref: '#addr' }, self: { $ref: '#' } },
      { $defs: { address: { $anchor: 'addr', type: 'string', maxLength: 50 } } },
    );
    expect(checkAuthoredSchema(schema)).toEqual([]);
  });

  it('refuses an $id that locates the schema, accepts a urn:', () => {
    for (const id of ['https://example.com/form', 'http://localhost/x', 'file:///tmp/x.json', 'form.json']) {
      const p = only(checkAuthoredSchema(form({}, { $id: id })));
      expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_REMOTE_ID', '/$id']);
    }
    expect(checkAuthoredSchema(form({}, { $id: 'urn:civicflow:form:registration' }))).toEqual([]);
  });

  it('refuses an $id below the root, even a urn: (it re-bases "#"; a recursive $ref under one hung the standalone compiler)', () => {
    const nested = { $id: 'urn:evil:x', type: 'object', properties: { y: { $ref: '#' } } };
    const p = only(checkAuthoredSchema(form({ items: { type: 'array', maxItems: 20, items: nested } })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_NESTED_ID', '/properties/items/items/$id']);
    expect(p.message.en).toContain('$anchor');
    expect(p.message['zh-CN']).toContain('$anchor');
    expect(only(checkAuthoredSchema(form({}, { $defs: { part: { $id: 'urn:civicflow:form:part' } } }))).code).toBe('CF_FORMS_SCHEMA_NESTED_ID');
  });

  it('reads keywords only where a schema is: a field named $ref or pattern, and data, are fine', () => {
    const schema = form({
      $ref: { type: 'string' },
      pattern: { type: 'string', const: '(a+)+$' },
      $id: { type: 'object', default: { $ref: 'https://example.com', pattern: '(a+)+' } },
      kind: { type: 'string', enum: ['(a|aa)+', 'http://example.com'], examples: [{ $ref: 'file:///x' }] },
    });
    expect(checkAuthoredSchema(schema)).toEqual([]);
  });
});

describe('checkAuthoredSchema: patterns', () => {
  it('refuses a catastrophic pattern, naming the part to rewrite', () => {
    const p = only(checkAuthoredSchema(form({ name: { type: 'string', pattern: String.raw`^(\w+\s?)*$` } })));
    expect(p.code).toBe('CF_FORMS_SCHEMA_UNSAFE_PATTERN');
    expect(p.pointer).toBe('/properties/name/pattern');
    expect(p.message.en).toContain(String.raw`(\w+\s?)*`);
    expect(p.message['zh-CN']).toContain('灾难性回溯');
  });

  it('refuses catastrophic patternProperties names (pointer escapes / and ~)', () => {
    const schema = form({}, { patternProperties: { '^(a+)+$': { type: 'string' }, '^x/(a|aa)+~$': { type: 'string' }, '^ok_\\d+$': { type: 'string' } } });
    const problems = checkAuthoredSchema(schema);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CF_FORMS_SCHEMA_UNSAFE_PATTERN', '/patternProperties/^(a+)+$'],
      ['CF_FORMS_SCHEMA_UNSAFE_PATTERN', '/patternProperties/^x~1(a|aa)+~0$'],
    ]);
  });

  it('checks patterns in every schema position: items, propertyNames, if/then, $defs, lookaheads', () => {
    const evil = '(a|a)*$';
    const schema = form(
      { list: { type: 'array', items: { type: 'string', pattern: evil } } },
      {
        propertyNames: { pattern: evil },
        allOf: [{ if: { properties: { k: { const: 1 } } }, then: { properties: { v: { type: 'string', pattern: evil } } } }],
        $defs: { code: { type: 'string', pattern: `^(?=(a+)+)` } },
      },
    );
    expect(checkAuthoredSchema(schema).map((p) => p.pointer)).toEqual([
      '/properties/list/items/pattern',
      '/propertyNames/pattern',
      '/allOf/0/then/properties/v/pattern',
      '/$defs/code/pattern',
    ]);
  });

  it('bounds the analysis of all patterns together: past the budget, patterns are refused as too complex', () => {
    // each pattern is safe and costs over half the per-pattern budget to analyse
    const heavy = (i: number): string => `^${String.raw`(?:\d+,)*`.repeat(30)}x${i}$`;
    expect(checkAuthoredSchema(form({ a: { type: 'string', pattern: heavy(0) } }))).toEqual([]);
    const schema = form(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, { type: 'string', pattern: heavy(i) }])));
    const problems = checkAuthoredSchema(schema);
    expect(new Set(codes(problems))).toEqual(new Set(['CF_FORMS_SCHEMA_UNSAFE_PATTERN']));
    const firstRefused = Number(/^\/properties\/f(\d+)\//.exec(problems[0]?.pointer ?? '')?.[1]);
    expect(firstRefused).toBeGreaterThanOrEqual(10);
  });

  it('refuses an invalid pattern (u flag) and a pattern longer than the limit', () => {
    const invalid = only(checkAuthoredSchema(form({ a: { type: 'string', pattern: '[z-a]' } })));
    expect([invalid.code, invalid.pointer]).toEqual(['CF_FORMS_SCHEMA_INVALID_PATTERN', '/properties/a/pattern']);
    const long = only(checkAuthoredSchema(form({ a: { type: 'string', pattern: 'a'.repeat(501) } })));
    expect([long.code, long.message.en]).toEqual(['CF_FORMS_SCHEMA_PATTERN_TOO_LONG', expect.stringContaining('501 characters') as unknown]);
    expect(checkAuthoredSchema(form({ a: { type: 'string', pattern: 'a'.repeat(501) } }), { maxPatternLength: 600 })).toEqual([]);
  });
});

describe('checkAuthoredSchema: size and depth', () => {
  it('10,000 nested schema levels: refused at the limit, no stack overflow', () => {
    let schema: Json = { type: 'string' };
    for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { a: schema } };
    const p = only(checkAuthoredSchema(schema));
    expect(p.code).toBe('CF_FORMS_SCHEMA_TOO_DEEP');
    expect(p.pointer).toBe('/properties/a'.repeat(33));
    expect(p.message.en).toContain('32 levels');
  });

  it('10,000 levels of not / items / allOf, and of nested arrays in const: refused', () => {
    for (const wrap of [(s: Json): Json => ({ not: s }), (s: Json): Json => ({ type: 'array', items: s }), (s: Json): Json => ({ allOf: [s] })]) {
      let schema: Json = {};
      for (let i = 0; i < 10_000; i++) schema = wrap(schema);
      expect(codes(checkAuthoredSchema(schema))).toEqual(['CF_FORMS_SCHEMA_TOO_DEEP']);
    }
    let value: unknown = 1;
    for (let i = 0; i < 10_000; i++) value = [value];
    const p = only(checkAuthoredSchema(form({ x: { const: value } })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_TOO_DEEP', `/properties/x/const${'/0'.repeat(32)}`]);
  });

  it('32 levels are fine', () => {
    let schema: Json = { type: 'string' };
    for (let i = 0; i < 32; i++) schema = { type: 'object', properties: { a: schema } };
    expect(checkAuthoredSchema(schema)).toEqual([]);
    let deeper: Json = { type: 'string' };
    for (let i = 0; i < 33; i++) deeper = { type: 'object', properties: { a: deeper } };
    expect(codes(checkAuthoredSchema(deeper))).toEqual(['CF_FORMS_SCHEMA_TOO_DEEP']);
  });

  it('a 1 MB schema is refused (TOO_LARGE), where the limit is passed', () => {
    const big = form({ note: { type: 'string', description: '说'.repeat(350_000) } });
    const p = only(checkAuthoredSchema(big));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_TOO_LARGE', '/properties/note/description']);
    expect(p.message.en).toContain(String(256 * 1024));
    // many fields, each small, add up too
    const wide = form(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${i}`, { type: 'string', title: 'x'.repeat(2700) }])));
    expect(JSON.stringify(wide).length).toBeGreaterThan(1_000_000);
    expect(codes(checkAuthoredSchema(wide))).toEqual(['CF_FORMS_SCHEMA_TOO_LARGE']);
    expect(checkAuthoredSchema(wide, { maxBytes: 2_000_000 })).toEqual([]);
  });

  it('counts bytes as JSON.stringify writes them in UTF-8', () => {
    const schema = form({ a: { type: 'string', title: '姓名 "x" \\ \n \u0001 😀' } });
    const exact = new TextEncoder().encode(JSON.stringify(schema)).length;
    expect(checkAuthoredSchema(schema, { maxBytes: exact })).toEqual([]);
    expect(codes(checkAuthoredSchema(schema, { maxBytes: exact - 1 }))).toEqual(['CF_FORMS_SCHEMA_TOO_LARGE']);
  });

  it('shared sub-objects that would expand to gigabytes of JSON stop at the byte limit', () => {
    let schema: Json = { type: 'string', title: 'x'.repeat(100) };
    for (let i = 0; i < 30; i++) schema = { anyOf: [schema, schema] }; // 2^30 copies once serialised
    expect(codes(checkAuthoredSchema(schema))).toEqual(['CF_FORMS_SCHEMA_TOO_LARGE']);
  });

  it('5,000 enum values are refused; 2,000 are fine', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `V${i}`);
    const p = only(checkAuthoredSchema(form({ village: { type: 'string', enum: values } })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_TOO_MANY_VALUES', '/properties/village/enum']);
    expect(p.message.en).toContain('5000 items');
    expect(checkAuthoredSchema(form({ village: { type: 'string', enum: values.slice(0, 2000) } }))).toEqual([]);
    const options = values.map((v) => ({ const: v, title: v }));
    expect(codes(checkAuthoredSchema(form({ village: { type: 'string', oneOf: options } })))).toEqual(['CF_FORMS_SCHEMA_TOO_MANY_VALUES']);
  });

  it('more than 500 names in an object are refused', () => {
    const properties = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, { type: 'string' }]));
    const p = only(checkAuthoredSchema(form(properties)));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_TOO_MANY_PROPERTIES', '/properties']);
    expect(checkAuthoredSchema(form(properties), { maxProperties: 501 })).toEqual([]);
  });

  it('limits must be non-negative integers', () => {
    expect(() => checkAuthoredSchema({}, { maxDepth: -1 })).toThrow(RangeError);
    expect(() => checkAuthoredSchema({}, { maxBytes: 1.5 })).toThrow(RangeError);
    expect(() => createFormValidator({ schemaLimits: { maxEnum: Number.NaN } })).toThrow(RangeError);
    expect(DEFAULT_SCHEMA_LIMITS).toEqual({ maxBytes: 262_144, maxDepth: 32, maxProperties: 500, maxEnum: 2000, maxPatternLength: 500 });
  });
});

describe('checkAuthoredSchema: plain JSON data only', () => {
  it('refuses a __proto__ key (as JSON.parse creates it), and prototype right under constructor', () => {
    const parsed = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as unknown;
    const p = only(checkAuthoredSchema(parsed));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_FORBIDDEN_KEY', '/properties/__proto__']);
    expect(p.message['zh-CN']).toContain('"__proto__"');
    const nested = JSON.parse('{"type":"object","default":{"a":[{"constructor":{"prototype":1}}]}}') as unknown;
    expect(checkAuthoredSchema(nested).map((x) => [x.code, x.pointer])).toEqual([['CF_FORMS_SCHEMA_FORBIDDEN_KEY', '/default/a/0/constructor/prototype']]);
    const polluting = JSON.parse('{"type":"object","properties":{"constructor":{"prototype":{"type":"string"}}}}') as unknown;
    expect(codes(checkAuthoredSchema(polluting))).toEqual(['CF_FORMS_SCHEMA_FORBIDDEN_KEY']);
  });

  it('fields merely named constructor, prototype or toString are fine (Ajv checks own properties)', () => {
    const schema = form({ constructor: { type: 'string' }, prototype: { type: 'object', properties: { constructor: { type: 'string' } } }, toString: { type: 'string' } });
    expect(checkAuthoredSchema(schema)).toEqual([]);
  });

  it('an object literal with __proto__ has another prototype: not plain data', () => {
    const sneaky = form({ a: { __proto__: { polluted: true }, type: 'string' } as Json });
    expect(only(checkAuthoredSchema(sneaky))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '/properties/a' });
  });

  it('refuses a function value, and other values JSON cannot hold', () => {
    const p = only(checkAuthoredSchema(form({ a: { type: 'string', default: () => 'x' } })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_NOT_JSON', '/properties/a/default']);
    expect(p.message.en).toContain('(function)');
    const cases: [unknown, string][] = [
      [undefined, 'undefined'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [10n, 'bigint'],
      [Symbol('s'), 'symbol'],
      [new Date(0), 'Date'],
      [new Map(), 'Map'],
      [/a/, 'RegExp'],
      [new (class Field {})(), 'Object'],
    ];
    for (const [value, kind] of cases) {
      const problem = only(checkAuthoredSchema(form({ a: { type: 'string', const: value } })));
      expect([problem.code, problem.pointer, problem.message.en], kind).toEqual(['CF_FORMS_SCHEMA_NOT_JSON', '/properties/a/const', expect.stringContaining(`(${kind})`)]);
    }
  });

  it('never calls a getter, refuses symbol keys and array holes', () => {
    const getter = vi.fn(() => 'x');
    const withGetter = form({});
    Object.defineProperty(withGetter, 'title', { get: getter, enumerable: true });
    expect(only(checkAuthoredSchema(withGetter))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '/title' });
    const patternGetter = vi.fn(() => '(a+)+');
    const withPatternGetter: Json = { type: 'string' };
    Object.defineProperty(withPatternGetter, 'pattern', { get: patternGetter, enumerable: true });
    expect(only(checkAuthoredSchema(form({ a: withPatternGetter })))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '/properties/a/pattern' });
    expect(getter).not.toHaveBeenCalled();
    expect(patternGetter).not.toHaveBeenCalled();
    expect(only(checkAuthoredSchema(form({ a: { type: 'string', [Symbol('s')]: 1 } })))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '/properties/a' });
    const holey: unknown[] = new Array<unknown>(3);
    holey[0] = 'x';
    holey[2] = 'y';
    expect(only(checkAuthoredSchema(form({ a: { type: 'string', enum: holey } })))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '/properties/a/enum/1' });
  });

  it('refuses a cyclic object, pointing at the cycle and suggesting a $ref', () => {
    const node: Json = { type: 'object', properties: {} };
    (node.properties as Json).child = node;
    const p = only(checkAuthoredSchema(form({ tree: node })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_CYCLE', '/properties/tree/properties/child']);
    expect(p.message.en).toContain('"$ref": "#/properties/tree"');
    const self: Json = { type: 'object' };
    self.not = self;
    expect(only(checkAuthoredSchema(self))).toMatchObject({ code: 'CF_FORMS_SCHEMA_CYCLE', pointer: '/not', message: { en: expect.stringContaining('"$ref": "#"') as unknown } });
  });

  it('shared (not cyclic) sub-objects are fine', () => {
    const text = { type: 'string', maxLength: 20 };
    expect(checkAuthoredSchema(form({ a: text, b: text }))).toEqual([]);
  });

  it('the root must be a JSON object', () => {
    for (const root of [[], 'schema', 42, null, true]) expect(codes(checkAuthoredSchema(root))).toEqual(['CF_FORMS_SCHEMA_NOT_OBJECT']);
    expect(only(checkAuthoredSchema(() => ({})))).toMatchObject({ code: 'CF_FORMS_SCHEMA_NOT_JSON', pointer: '' });
  });

  it('reports several problems in document order, at most 50', () => {
    const schema = form({
      a: { type: 'string', pattern: '(a+)+' },
      b: { $ref: 'http://x' },
      c: { type: 'string', default: () => 1 },
    });
    expect(codes(checkAuthoredSchema(schema))).toEqual(['CF_FORMS_SCHEMA_UNSAFE_PATTERN', 'CF_FORMS_SCHEMA_REMOTE_REF', 'CF_FORMS_SCHEMA_NOT_JSON']);
    const many = form(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, { $ref: `http://x/${i}` }])));
    expect(checkAuthoredSchema(many)).toHaveLength(50);
  });

  it('refuses lengths and counts no form could be filled with (1e300, 1.5, -1), and keeps ordinary ones', () => {
    const p = only(checkAuthoredSchema(form({ note: { type: 'string', maxLength: 1e300 } })));
    expect([p.code, p.pointer]).toEqual(['CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE', '/properties/note/maxLength']);
    expect(p.message.en).toBe('Form schema at /properties/note/maxLength: maxLength is 1e+300; it must be a whole number from 0 to 1000000 (a submitted form is at most 1 MB, so a larger length or count can never be filled in)');
    expect(p.message['zh-CN']).toMatch(/maxLength 为 1e\+300，应为 0 到 1000000 之间的整数/);
    expect(codes(checkAuthoredSchema(form({ list: { type: 'array', minItems: 1.5, maxItems: -1 } })))).toEqual(['CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE', 'CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE']);
    expect(checkAuthoredSchema(form({ note: { type: 'string', minLength: 0, maxLength: 1_000_000 }, list: { type: 'array', maxItems: 20 } }))).toEqual([]);
    // A field *named* maxLength is a name, not the keyword.
    expect(checkAuthoredSchema(form({ maxLength: { type: 'integer', maximum: 1e300 } }))).toEqual([]);
  });

  it('every code it reports is documented in FORMS_ERROR_CODES, with both locales', () => {
    const reported = [
      'CF_FORMS_SCHEMA_NOT_OBJECT', 'CF_FORMS_SCHEMA_NOT_JSON', 'CF_FORMS_SCHEMA_CYCLE', 'CF_FORMS_SCHEMA_FORBIDDEN_KEY',
      'CF_FORMS_SCHEMA_REMOTE_REF', 'CF_FORMS_SCHEMA_REMOTE_ID', 'CF_FORMS_SCHEMA_NESTED_ID', 'CF_FORMS_SCHEMA_INVALID_PATTERN', 'CF_FORMS_SCHEMA_UNSAFE_PATTERN',
      'CF_FORMS_SCHEMA_PATTERN_TOO_LONG', 'CF_FORMS_SCHEMA_TOO_LARGE', 'CF_FORMS_SCHEMA_TOO_DEEP',
      'CF_FORMS_SCHEMA_TOO_MANY_PROPERTIES', 'CF_FORMS_SCHEMA_TOO_MANY_VALUES', 'CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE',
    ];
    for (const code of reported) expect(Object.keys(FORMS_ERROR_CODES)).toContain(code);
    const p = only(checkAuthoredSchema(form({ a: { $ref: 'http://x' } })));
    expect(p.message['zh-CN']).not.toBe(p.message.en);
    expect(p.message['zh-CN']).not.toMatch(/\{\w+\}/);
    expect(p.message.en).not.toMatch(/\{\w+\}/);
  });
});

describe('createFormValidator runs the check before compiling', () => {
  const spy = vi.mocked(safetyModule.checkAuthoredSchema);

  it('throws FormSchemaError CF_FORMS_SCHEMA_INVALID with one problem per code', () => {
    const v = createFormValidator({ locale: 'en' });
    const schema = form({ name: { type: 'string', pattern: '^(a|aa)+$' }, home: { $ref: 'https://example.com/address.json' } });
    let caught: unknown;
    try {
      v.validate(schema, { name: 'aaaa' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FormSchemaError);
    const error = caught as FormSchemaError;
    expect(error.code).toBe('CF_FORMS_SCHEMA_INVALID');
    expect(error.problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CF_FORMS_SCHEMA_UNSAFE_PATTERN', '/properties/name/pattern'],
      ['CF_FORMS_SCHEMA_REMOTE_REF', '/properties/home/$ref'],
    ]);
    expect(error.details).toEqual([
      expect.stringMatching(/^Form schema at \/properties\/name\/pattern: .*\(CF_FORMS_SCHEMA_UNSAFE_PATTERN\)$/),
      expect.stringMatching(/^Form schema at \/properties\/home\/\$ref: .*\(CF_FORMS_SCHEMA_REMOTE_REF\)$/),
    ]);
    expect(error.message).toMatch(/^CF_FORMS_SCHEMA_INVALID: /);
    expect(error.localized['zh-CN']).toContain('灾难性回溯');
    expect(error.localized['zh-CN']).toContain('指向表单之外');
  });

  it('refuses a 10,000-deep schema without overflowing the stack', () => {
    let schema: Json = { type: 'string' };
    for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { a: schema } };
    expect(() => createFormValidator().validate(schema, {})).toThrow(expect.objectContaining({ code: 'CF_FORMS_SCHEMA_INVALID', problems: [expect.objectContaining({ code: 'CF_FORMS_SCHEMA_TOO_DEEP' })] }) as unknown as Error);
  });

  it('prepare() refuses the same schemas (its if-conditions run patterns too)', () => {
    const schema = form({ k: { type: 'string' } }, { allOf: [{ if: { properties: { k: { pattern: '^(a+)+$' } } }, then: { required: ['k'] } }] });
    expect(() => createFormValidator().prepare(schema, { k: 'a' })).toThrow(FormSchemaError);
  });

  it('checks each schema object once; schema limits are an option', () => {
    const v = createFormValidator({ schemaLimits: { maxEnum: 3 } });
    const schema = form({ g: { type: 'string', enum: ['a', 'b', 'c'] } });
    spy.mockClear();
    for (let i = 0; i < 5; i++) v.validate(schema, { g: 'a' });
    v.prepare(schema, { g: 'a' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(() => v.validate(form({ g: { type: 'string', enum: ['a', 'b', 'c', 'd'] } }), {})).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'CF_FORMS_SCHEMA_TOO_MANY_VALUES' })] }) as unknown as Error,
    );
  });

  it('other schema errors keep their Ajv details and have no problems', () => {
    const error = (() => {
      try {
        createFormValidator().validate({ type: 'object', properties: { a: { type: 'strin' } } }, {});
      } catch (err) {
        return err as FormSchemaError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('CF_FORMS_SCHEMA_INVALID');
    expect(error?.problems).toEqual([]);
  });
});

/** examples/<name>/*.json, every one named (none skipped silently). */
function exampleJsonFiles(): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((d) =>
      readdirSync(join(examplesDir, d.name), { withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map((e) => join(examplesDir, d.name, e.name)),
    )
    .sort();
}

describe('every form of every example definition passes the check', () => {
  const files = exampleJsonFiles();
  it('there are example definitions', () => expect(files.length).toBeGreaterThan(0));
  let formCount = 0;
  for (const path of files) {
    const name = relative(repoRoot, path);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { forms?: unknown };
    const forms = doc.forms;
    if (forms === undefined) {
      it(`${name} has no forms`, () => expect(forms).toBeUndefined());
      continue;
    }
    it(`${name}: forms is a list or a map of forms`, () => expect(typeof forms).toBe('object'));
    for (const [key, entry] of Object.entries(forms as Record<string, { schema?: unknown }>)) {
      formCount += 1;
      it(`${name} forms.${key}`, () => {
        expect(entry.schema, `${name} forms.${key}.schema`).toBeTypeOf('object');
        expect(checkAuthoredSchema(entry.schema)).toEqual([]);
      });
    }
  }
  it('found forms to check', () => expect(formCount).toBeGreaterThan(0));
});
