import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { FormSchemaError, createFormValidator } from '@civicflow/forms';
import { buildApp, seedDemoUsers } from '../../src/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { recordReliability, reliabilityCount } from '../../../../reliability/reliabilityCheck.js';

// Issue 7: a form schema is authored in the studio and compiled on the server (publishing a
// definition, the form builder's preview) and in the browser. A hostile one — a remote $ref, a
// catastrophic pattern, a schema too deep, too wide or too large, absurd sizes — must be refused
// with a clear error in both languages by all three: @civicflow/forms' compile, POST
// /api/forms/validators and POST /api/definitions. None compiled, no 5xx, each answered quickly.

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const t = (s: string) => ({ 'zh-CN': s, en: s });

type Kind = 'remote $ref' | 'nested $id' | 'catastrophic pattern' | 'deep nesting' | 'too many properties' | 'huge enum' | 'too large' | 'absurd size' | 'prototype key';
const KINDS: readonly Kind[] = ['remote $ref', 'nested $id', 'catastrophic pattern', 'deep nesting', 'too many properties', 'huge enum', 'too large', 'absurd size', 'prototype key'];
/** A hostile schema; `text` is its JSON when JSON.stringify could not make it (too deep). */
interface HostileSchema { kind: Kind; where: string; schema: Record<string, unknown>; text?: string }

/** Where in an ordinary form schema the hostile part goes. */
const SLOTS = ['root', 'name', 'item', 'item.v', 'defs', 'allOf', 'then'] as const;
function formWith(slot: (typeof SLOTS)[number], part: Record<string, unknown>): Record<string, unknown> {
  const item = { type: 'object', properties: { v: slot === 'item.v' ? { type: 'integer', ...part } : { type: 'integer' } }, ...(slot === 'item' ? part : {}) };
  return {
    type: 'object', title: '登记表',
    properties: { name: slot === 'name' ? { type: 'string', maxLength: 50, ...part } : { type: 'string', maxLength: 50 }, items: { type: 'array', maxItems: 20, items: item } },
    ...(slot === 'defs' ? { $defs: { x: part }, properties: { name: { $ref: '#/$defs/x' } } } : {}),
    ...(slot === 'allOf' ? { allOf: [part] } : {}),
    ...(slot === 'then' ? { if: { properties: { name: { const: 'a' } } }, then: part } : {}),
    ...(slot === 'root' ? part : {}),
  };
}

const REMOTE_REFS = [
  'http://evil.example/s.json', 'https://evil.example/s.json#/$defs/x', 'file:///etc/passwd', '//evil.example/s.json', 'ftp://evil.example/s',
  'data:application/json,{}', 'other.json', 'other.json#/$defs/x', 'HTTP://EVIL.EXAMPLE/', 'http:/evil', '\\\\evil\\share\\s.json', 'urn:evil:x', 'https://json-schema.org/draft/2020-12/schema',
];
const CATASTROPHIC = [
  '(a+)+$', '^(a+)+$', '(a|a)*b', '(a|aa)+$', '^(\\w+\\s?)*$', '(.*a){20}', '([a-zA-Z]+)*@', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\d+)*\\.', '^(a?){25}a{25}$',
  '((ab)*)+c', '(\\s*,\\s*)*$', '^([0-9]+)+$', '(.*)*x', '(a*)*$',
];

const hostileSchemaArb: fc.Arbitrary<HostileSchema> = fc.oneof(
  fc.tuple(fc.constantFrom(...SLOTS), fc.constantFrom(...REMOTE_REFS), fc.constantFrom('$ref', '$dynamicRef', '$id+$ref'))
    // A urn: $id on the root names the form (allowed); below the root it is the next kind.
    .filter(([, url, keyword]) => !(keyword === '$id+$ref' && url.startsWith('urn:')))
    .map(([slot, url, keyword]) => ({
      kind: 'remote $ref' as const, where: `${slot} ${keyword} ${url}`,
      schema: formWith(slot, keyword === '$id+$ref' ? { $id: url, properties: { y: { $ref: '#' } } } : { [keyword]: url }),
    })),
  // An $id below the root re-bases "#": a recursive "$ref": "#" inside one hung Ajv's standalone
  // code generation (the server's precompiled validators) in an endless synchronous loop.
  fc.tuple(fc.constantFrom(...SLOTS.filter((s) => s !== 'root')), fc.constantFrom('urn:evil:x', 'urn:civicflow:form:part'), fc.boolean()).map(([slot, id, recursive]) => ({
    kind: 'nested $id' as const, where: `${slot} $id ${id}${recursive ? ' with $ref #' : ''}`,
    schema: formWith(slot, recursive ? { $id: id, type: 'object', properties: { y: { $ref: '#' } } } : { $id: id }),
  })),
  fc.tuple(fc.constantFrom(...SLOTS.filter((s) => s !== 'item.v')), fc.constantFrom(...CATASTROPHIC), fc.constantFrom('pattern', 'patternProperties', 'propertyNames')).map(([slot, pattern, keyword]) => ({
    kind: 'catastrophic pattern' as const, where: `${slot} ${keyword} ${pattern}`,
    schema: formWith(slot, keyword === 'pattern' ? { pattern } : keyword === 'patternProperties' ? { patternProperties: { [pattern]: { type: 'string' } } } : { propertyNames: { pattern } }),
  })),
  // Built as text: JSON.stringify (and so a test that made it as an object) overflows long before 10,000 levels.
  fc.tuple(fc.integer({ min: 33, max: 10_000 }), fc.constantFrom('properties', 'items', 'allOf', 'not')).map(([depth, via]) => {
    const [open, close] = via === 'properties' ? ['{"type":"object","properties":{"a":', '}}'] : via === 'items' ? ['{"type":"array","items":', '}'] : via === 'allOf' ? ['{"allOf":[', ']}'] : ['{"not":', '}'];
    const deep = `${open.repeat(depth)}{"type":"string"}${close.repeat(depth)}`;
    const text = JSON.stringify(formWith('root', { properties: { deep: '\u2063' } })).replace('"\u2063"', () => deep);
    return { kind: 'deep nesting' as const, where: `${via} ×${depth}`, schema: JSON.parse(text) as Record<string, unknown>, text };
  }),
  fc.integer({ min: 501, max: 20_000 }).map((n) => ({
    kind: 'too many properties' as const, where: `${n} properties`,
    schema: { type: 'object', properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { type: 'string' }])) },
  })),
  fc.tuple(fc.constantFrom(...SLOTS), fc.integer({ min: 2_001, max: 50_000 })).map(([slot, n]) => ({
    kind: 'huge enum' as const, where: `${slot} enum of ${n}`, schema: formWith(slot, { enum: Array.from({ length: n }, (_, i) => `v${i}`) }),
  })),
  fc.tuple(fc.constantFrom(...SLOTS), fc.integer({ min: 256 * 1024 + 1, max: 900_000 })).map(([slot, size]) => ({
    kind: 'too large' as const, where: `${slot} ${size} bytes of description`, schema: formWith(slot, { description: '说'.repeat(Math.ceil(size / 3)) }),
  })),
  fc.tuple(fc.constantFrom('name', 'item', 'root', 'defs'), fc.constantFrom<[string, unknown]>(
    ['maxLength', 1e308], ['minLength', 1e9], ['maxLength', -1], ['minLength', 1.5], ['maxLength', '10'], ['minItems', 1e12], ['maxItems', -5], ['maxItems', 1e300],
    ['minProperties', 1e9], ['maxProperties', 1e300], ['multipleOf', 0], ['multipleOf', -1], ['minimum', '0'], ['maximum', null], ['type', 'nonsense'], ['type', 12], ['required', 'name'],
    ['minContains', 1e10], ['uniqueItems', 'yes'],
  )).map(([slot, [keyword, value]]) => ({ kind: 'absurd size' as const, where: `${slot} ${keyword}: ${String(value)}`, schema: formWith(slot, { [keyword]: value }) })),
  // Made with JSON.parse: an object literal's __proto__ would set the prototype, not add a key.
  fc.tuple(fc.constantFrom(...SLOTS), fc.constantFrom('{"properties":{"__proto__":{"type":"string"}}}', '{"__proto__":{"type":"string"}}', '{"constructor":{"prototype":{"type":"string"}}}', '{"properties":{"a":{"default":{"__proto__":{"isAdmin":true}}}}}')).map(([slot, part]) => ({
    kind: 'prototype key' as const, where: `${slot} ${part}`, schema: formWith(slot, JSON.parse(part) as Record<string, unknown>),
  })),
);

/** A refusal in the house shape: a code, and a message in Chinese and in English. */
function isBilingualRefusal(body: unknown): boolean {
  const e = body as { code?: unknown; message?: { 'zh-CN'?: unknown; en?: unknown } } | undefined;
  return typeof e?.code === 'string' && /^CF_/.test(e.code) && typeof e.message?.['zh-CN'] === 'string' && /[\u4e00-\u9fff]/.test(e.message['zh-CN']) && typeof e.message.en === 'string' && e.message.en.length > 10;
}

const sqlite = TEST_DATABASES.find((db) => db.name === 'sqlite')!;

describe('hostile form schemas (issue 7)', () => {
  let opened: OpenTestDatabase;
  let app: FastifyInstance;
  let cookie = '';
  beforeAll(async () => {
    opened = await sqlite.open();
    await seedDemoUsers(opened.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: opened.orm, rateLimit: false, studioDir: false });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  it('refuses every one in @civicflow/forms, POST /api/forms/validators and POST /api/definitions, in both languages', { timeout: 900_000 }, async ({ task }) => {
    const total = reliabilityCount({ fast: 60, full: 600 });
    const schemas = fc.sample(hostileSchemaArb, { numRuns: total, seed: 2027 });
    const accepted: string[] = [];
    const unclear: string[] = [];
    const serverErrors: string[] = [];
    let slowestMs = 0;
    const byKind = new Map<Kind, number>();
    const forms = createFormValidator({ today: '2027-01-04' });
    for (const [i, { kind, where, schema, text }] of schemas.entries()) {
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const label = `${kind} (${where.slice(0, 80)})`;
      // 1. The forms package compiles it (validate compiles on first use).
      let started = performance.now();
      try {
        forms.validate(schema, {});
        accepted.push(`forms: ${label}`);
      } catch (error) {
        const e = error as FormSchemaError;
        if (!(error instanceof FormSchemaError) || !isBilingualRefusal({ code: e.code, message: e.localized })) unclear.push(`forms: ${label}: ${String(error).slice(0, 160)}`);
      }
      slowestMs = Math.max(slowestMs, performance.now() - started);
      // 2. and 3. The server, for the form builder's preview and at publish time.
      const definition = {
        schemaVersion: 1, id: `hostile-schema-${i}`, version: 1, title: t('hostile schema'), roles: { CLERK: { title: t('clerk') } },
        forms: { f: { title: t('form'), schema } }, start: 'first',
        steps: { first: { kind: 'task', title: t('first'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' }, done: { kind: 'end', outcome: 'DONE', title: t('done') } },
      };
      const json = (value: object) => JSON.stringify(value, (_key, v: unknown) => (v === schema && text !== undefined ? '\u2063' : v)).replace('"\u2063"', () => text ?? '');
      for (const [route, payload] of [['/api/forms/validators', { schema }], ['/api/definitions', definition]] as const) {
        started = performance.now();
        const res = await app.inject({ method: 'POST', url: route, headers: { cookie, 'content-type': 'application/json' }, payload: json(payload) });
        slowestMs = Math.max(slowestMs, performance.now() - started);
        if (res.statusCode >= 500) serverErrors.push(`${route}: ${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (res.statusCode < 400) accepted.push(`${route}: ${label}: ${res.statusCode}`);
        else if (!isBilingualRefusal(res.json())) unclear.push(`${route}: ${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    const published = await app.inject({ method: 'GET', url: '/api/definitions', headers: { cookie } });
    recordReliability(task, {
      check: 'hostile-schemas',
      title: 'Hostile form schemas (compile, form-builder preview, publish)',
      tried: { schemas: schemas.length, 'refusal points': 3, ...Object.fromEntries(KINDS.map((k) => [k, byKind.get(k) ?? 0])) },
      held: { accepted: accepted.length, '5xx': serverErrors.length, 'refused without a bilingual error': unclear.length, 'slowest ms': Math.ceil(slowestMs) },
      how: '@civicflow/forms createFormValidator, and the server on SQLite (POST /api/forms/validators, POST /api/definitions)',
    });
    expect(serverErrors).toEqual([]);
    expect(accepted).toEqual([]);
    expect(unclear).toEqual([]);
    expect((published.json() as { definitions: unknown[] }).definitions).toEqual([]);
    for (const kind of KINDS) expect(byKind.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
}, DATABASE_TEST_TIMEOUT_MS);
