import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRECOMPILED_FORM_MODULE_FORMAT, createFormValidator, createPrecompiledFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import type * as StandaloneEntry from '@civicflow/forms/standalone';
import { buildApp, seedDemoUsers } from '../src/index.js';
import { createSession, SESSION_COOKIE } from '../src/auth/index.js';
import { createFormValidatorModules } from '../src/routes/forms/formValidatorModules.js';
import { createDraftValidatorStore } from '../src/routes/forms/draftValidatorStore.js';
import { IN_PAGE_VIOLATION_LISTENER, WRITE_RESULT, bundleForBrowser, proofPage } from './support/cspProofPages.js';
import { launchChromium } from './support/studioE2e.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// POST /api/forms/validators and GET /api/forms/validators/<sha256>.js: the validator of a draft
// form, for the form builder's preview under the studio's CSP. Over inject on SQLite and
// PostgreSQL (sessions and roles are real), and in Chromium under the server's own CSP.

// Counts how often the route compiles (once per schema, whatever the key order).
vi.mock('@civicflow/forms/standalone', async (importOriginal) => {
  const actual = await importOriginal<typeof StandaloneEntry>();
  return { ...actual, compileFormValidatorModule: vi.fn(actual.compileFormValidatorModule) };
});
const standalone = await import('@civicflow/forms/standalone');
const compileCalls = (): number => vi.mocked(standalone.compileFormValidatorModule).mock.calls.length;

const ROUTE = '/api/forms/validators';
const MODULE_URL = /^\/api\/forms\/validators\/([0-9a-f]{64})\.js$/;
/** A draft as the form builder exports it: a required text, an ID number (its example is a synthetic number), a condition. */
const DRAFT = {
  type: 'object',
  required: ['place', 'reporter_id'],
  properties: {
    place: { type: 'string', title: '事件地点', minLength: 2 },
    reporter_id: { type: 'string', title: '上报人身份证号', format: 'cn-id-card', description: '例：110101198001010010' },
    urgent: { type: 'boolean', title: '紧急' },
  },
  allOf: [{ if: { properties: { urgent: { const: true } }, required: ['urgent'] }, then: { properties: { phone: { type: 'string', title: '联系电话', format: 'cn-mobile' } }, required: ['phone'] } }],
};
/** `value` with every object's keys in reverse order. */
const reverseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
};
const DRAFT_REORDERED = reverseKeys(DRAFT) as object;
const VALID = { place: '青石村村委会东侧', reporter_id: '110101198001010010', urgent: false };
/** A wrong check digit, a missing place, and an urgent report without a phone. */
const INVALID = { reporter_id: '110101198001010011', urgent: true };

function expectedAnswer(data: unknown) {
  const runtime = createFormValidator({ locale: 'en' });
  return runtime.validate(DRAFT, runtime.prepare(DRAFT, data));
}

const DRAFT_ENTRY = `
import { createPrecompiledFormValidator } from '@civicflow/forms';
${WRITE_RESULT}
settle(async () => {
  const schema = ${JSON.stringify(DRAFT)};
  const posted = await fetch('${ROUTE}', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ schema, format: '${PRECOMPILED_FORM_MODULE_FORMAT}' }) });
  const { url } = await posted.json();
  const formModule = await import(url);
  const validator = createPrecompiledFormValidator(formModule, { locale: 'en' });
  const check = (data: unknown) => validator.validate(schema, validator.prepare(schema, data));
  return { url, valid: check(${JSON.stringify(VALID)}), invalid: check(${JSON.stringify(INVALID)}) };
});`;

describe.each(TEST_DATABASES)('draft form validators over HTTP on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  let baseUrl = '';
  let adminToken = '';
  let admin: Record<string, string> = {};
  let mediator: Record<string, string> = {};
  let draftBundle = '';
  let browser: Browser | undefined;
  const moduleDir = mkdtempSync(join(tmpdir(), 'civicflow-draft-validators-'));

  const post = (payload: unknown, headers: Record<string, string> = admin) => app.inject({ method: 'POST', url: ROUTE, headers, payload: payload as object });
  const get = (url: string, headers: Record<string, string> = admin) => app.inject({ method: 'GET', url, headers });
  const urlOf = async (schema: object): Promise<string> => {
    const res = await post({ schema });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { url: string }).url;
  };

  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: 'demo-password-2027', adminPassword: 'admin-password-very-long' });
    // Three modules at most, so that eviction can be seen.
    app = await buildApp({ orm: open.orm, rateLimit: false, draftFormValidators: { maxEntries: 3 } });
    draftBundle = await bundleForBrowser(DRAFT_ENTRY);
    app.get('/csp-proof/draft.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(draftBundle));
    app.get('/csp-proof/icon.png', async (_request, reply) => reply.code(204).send());
    // No CSP of its own: the page gets the server's (security/securityHeaders.ts).
    app.get('/csp-proof/draft.html', async (_request, reply) => reply.type('text/html; charset=utf-8').send(proofPage('/csp-proof/draft.js')));
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    adminToken = (await createSession(open.orm.em.fork(), 'u-admin')).token;
    admin = { cookie: `${SESSION_COOKIE}=${adminToken}` };
    mediator = { cookie: `${SESSION_COOKIE}=${(await createSession(open.orm.em.fork(), 'u-v_med')).token}` };
  }, 60_000);
  afterAll(async () => {
    rmSync(moduleDir, { recursive: true, force: true });
    await browser?.close();
    await app?.close();
    await open?.close();
  });

  it('is for administrators only: 401 without a session, 403 for anyone else, both ways', async () => {
    const url = await urlOf(DRAFT);
    for (const res of [await post({ schema: DRAFT }, {}), await get(url, {})]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'CF_SERVER_UNAUTHENTICATED' });
    }
    for (const res of [await post({ schema: DRAFT }, mediator), await get(url, mediator)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CF_SERVER_FORBIDDEN', message: { 'zh-CN': expect.any(String) as unknown, en: expect.any(String) as unknown } });
    }
  });

  it('compiles a schema once: the same schema in any key order gets the same address, another schema another', async () => {
    const before = compileCalls();
    const first = await post({ schema: DRAFT, format: PRECOMPILED_FORM_MODULE_FORMAT });
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json() as { url: string; sha256: string; format: string };
    expect(answer.url).toMatch(MODULE_URL);
    expect(answer).toEqual({ url: `${ROUTE}/${answer.sha256}.js`, sha256: answer.sha256, format: PRECOMPILED_FORM_MODULE_FORMAT });
    expect(JSON.stringify(DRAFT_REORDERED)).not.toBe(JSON.stringify(DRAFT));
    expect(await urlOf(DRAFT_REORDERED)).toBe(answer.url);
    expect(await urlOf(DRAFT)).toBe(answer.url);
    expect(await urlOf({ ...DRAFT, title: '网格事件上报' })).not.toBe(answer.url);
    // Compiled already by the first test, or here once; never again for the same schema.
    expect(compileCalls() - before).toBeLessThanOrEqual(2);
    const again = compileCalls();
    await urlOf(DRAFT_REORDERED);
    expect(compileCalls()).toBe(again);
  });

  it('serves the module as the published route does: JavaScript, strong ETag, nosniff, the CSP, 304 on If-None-Match', async () => {
    const url = await urlOf(DRAFT);
    const sha = MODULE_URL.exec(url)![1]!;
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.body).toMatch(/^\/\/ civicflow precompiled form validator/);
    // The same ETag the published route gives this schema.
    expect(res.headers['etag']).toBe(`"${sha}"`);
    expect(res.headers['etag']).toBe(createFormValidatorModules().etagOf(DRAFT));
    const revalidated = await get(url, { ...admin, 'if-none-match': `W/"other", "${sha}"` });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('serves a module that validates a valid and an invalid record exactly as the server does (the example ID number in it unmasked)', async () => {
    const res = await get(await urlOf(DRAFT));
    const file = join(moduleDir, 'draft.mjs');
    writeFileSync(file, res.body);
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PrecompiledFormModule;
    expect(module.schema).toEqual(DRAFT);
    const precompiled = createPrecompiledFormValidator(module, { locale: 'en' });
    for (const data of [VALID, INVALID]) expect(precompiled.validate(DRAFT, precompiled.prepare(DRAFT, data))).toEqual(expectedAnswer(data));
    expect(expectedAnswer(VALID)).toEqual({ valid: true, errors: [] });
    const invalid = expectedAnswer(INVALID);
    expect(invalid.errors.map((e) => [e.pointer, e.code])).toEqual(expect.arrayContaining([
      ['/place', 'CF_FORMS_REQUIRED'], ['/reporter_id', 'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM'], ['/phone', 'CF_FORMS_REQUIRED'],
    ]));
  });

  it('refuses a hostile or broken schema with 422, naming each problem, where it is and how to fix it, in both languages', async () => {
    const before = compileCalls();
    const remoteRef = await post({ schema: { type: 'object', properties: { home: { $ref: 'https://forms.example/address.json' } } } });
    expect(remoteRef.statusCode).toBe(422);
    expect(remoteRef.json()).toMatchObject({
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      message: { 'zh-CN': expect.stringMatching(/^表单定义有 1 处问题，无法生成预览所需的校验程序；首个（\/properties\/home\/\$ref）：.*指向表单之外/) as unknown, en: expect.stringContaining('points outside the form') as unknown },
      hint: { 'zh-CN': expect.stringContaining('发布流程时服务器做同样的检查') as unknown, en: expect.any(String) as unknown },
      details: [{ pointer: '/properties/home/$ref', code: 'CF_FORMS_SCHEMA_REMOTE_REF' }],
    });

    const catastrophic = await post({ schema: { type: 'object', properties: { code: { type: 'string', title: '编码', pattern: '^(a+)+$' } } } });
    expect(catastrophic.statusCode).toBe(422);
    expect(catastrophic.json()).toMatchObject({
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      message: { en: expect.stringContaining('catastrophic backtracking') as unknown },
      details: [{ pointer: '/properties/code/pattern', code: 'CF_FORMS_SCHEMA_UNSAFE_PATTERN', message: { 'zh-CN': expect.stringContaining('灾难性回溯') as unknown } }],
    });

    // Within the request's size limit, beyond the schema's (256 KiB of JSON).
    const large = await post({ schema: { type: 'object', description: '说'.repeat(90_000) } });
    expect(large.statusCode).toBe(422);
    expect(large.json()).toMatchObject({ details: [{ code: 'CF_FORMS_SCHEMA_TOO_LARGE' }] });

    // Safe, but not JSON Schema as the strict compiler reads it: a misspelt keyword.
    const misspelt = await post({ schema: { type: 'object', properties: { name: { type: 'string', minLenght: 2 } } } });
    expect(misspelt.statusCode).toBe(422);
    expect(misspelt.json()).toMatchObject({
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      message: { en: expect.stringContaining('minLenght') as unknown },
      details: [{ pointer: '', code: 'CF_FORMS_SCHEMA_INVALID' }],
    });
    // Only the misspelt one reached the compiler: the unsafe ones were stopped by the check.
    expect(compileCalls() - before).toBe(1);
  });

  it('refuses a body over its limit (413), a schema that is not an object (400) and a module format it does not write (409)', async () => {
    const huge = await post({ schema: { type: 'object', description: 'x'.repeat(300 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
    const notObject = await post({ schema: ['type', 'object'] });
    expect(notObject.statusCode).toBe(400);
    const format = await post({ schema: DRAFT, format: 'civicflow-form-validator/1' });
    expect(format.statusCode).toBe(409);
    expect(format.json()).toMatchObject({
      code: 'CF_SERVER_VALIDATOR_FORMAT',
      message: { 'zh-CN': `页面要求的校验程序格式为 civicflow-form-validator/1，本服务器生成的是 ${PRECOMPILED_FORM_MODULE_FORMAT}` },
      hint: { 'zh-CN': expect.stringContaining('请刷新页面') as unknown },
    });
    const badFile = await get(`${ROUTE}/not-a-hash.js`);
    expect(badFile.statusCode).toBe(400);
  });

  it('forgets the least recently used module beyond its bound (404 in both languages) and compiles it again when posted again', async () => {
    const first = await urlOf({ type: 'object', title: '第一' });
    for (const title of ['第二', '第三', '第四']) await urlOf({ type: 'object', title });
    const evicted = await get(first);
    expect(evicted.statusCode).toBe(404);
    expect(evicted.headers['cache-control']).toBeUndefined();
    expect(evicted.json()).toMatchObject({
      code: 'CF_SERVER_NOT_FOUND',
      message: { 'zh-CN': expect.stringContaining('已不在服务器的缓存中') as unknown, en: expect.stringContaining('no longer in the server\'s cache') as unknown },
      hint: { 'zh-CN': '重新提交表单定义（POST /api/forms/validators）以取得校验程序' },
    });
    // A browser holding the module under its ETag may still use it: the content of an address never changes.
    const sha = MODULE_URL.exec(first)![1]!;
    expect((await get(first, { ...admin, 'if-none-match': `"${sha}"` })).statusCode).toBe(304);
    expect(await urlOf({ type: 'object', title: '第一' })).toBe(first);
    expect((await get(first)).statusCode).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths[ROUTE]?.['post']?.tags).toEqual(['forms']);
    expect(doc.paths[`${ROUTE}/{file}`]?.['get']?.tags).toEqual(['forms']);
  });

  it('in Chromium, under the server\'s Content-Security-Policy: the page posts the draft, imports the module and validates, with no CSP violation', async () => {
    browser ??= await launchChromium();
    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: adminToken, url: baseUrl }]);
    const tab = await context.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    tab.on('pageerror', (e) => consoleErrors.push(e.message));
    const moduleResponses: { status: number; contentType: string | undefined }[] = [];
    tab.on('response', (r) => { if (MODULE_URL.test(new URL(r.url()).pathname)) moduleResponses.push({ status: r.status(), contentType: r.headers()['content-type'] }); });
    await tab.addInitScript({ content: IN_PAGE_VIOLATION_LISTENER });
    const response = await tab.goto(`${baseUrl}/csp-proof/draft.html`);
    // Polled from outside the page: a string predicate of waitForFunction would be evaluated in it, which this CSP refuses.
    await expect.poll(() => tab.textContent('#result'), { timeout: 20_000 }).not.toBe('pending');
    const result = JSON.parse((await tab.textContent('#result')) ?? 'null') as { result?: { url: string; valid: unknown; invalid: unknown }; thrown?: string };
    const violations = (await tab.evaluate('window.cspViolations')) as string[];
    await context.close();

    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(result.thrown).toBeUndefined();
    expect(result.result?.url).toMatch(MODULE_URL);
    expect(moduleResponses).toEqual([{ status: 200, contentType: 'text/javascript; charset=utf-8' }]);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(result.result).toMatchObject({ valid: expectedAnswer(VALID), invalid: expectedAnswer(INVALID) });
    expect(draftBundle).not.toMatch(/\bnew Function\b|\beval\(/);
  }, 60_000);
});

describe.each(TEST_DATABASES)('the rate limit of draft validators on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: 'demo-password-2027', adminPassword: 'admin-password-very-long' });
    app = await buildApp({ orm: open.orm, rateLimit: { draftValidatorsPerMinute: 2 } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('is tighter than the other routes\': the third compilation a minute is 429 with a bilingual message, other routes go on', async () => {
    const headers = { cookie: `${SESSION_COOKIE}=${(await createSession(open.orm.em.fork(), 'u-admin')).token}` };
    const post = (title: string) => app.inject({ method: 'POST', url: ROUTE, headers, payload: { schema: { type: 'object', title } } });
    expect((await post('一')).statusCode).toBe(200);
    expect((await post('二')).statusCode).toBe(200);
    const limited = await post('三');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ code: 'CF_SERVER_RATE_LIMITED', message: { 'zh-CN': expect.stringContaining('请求过于频繁') as unknown } });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
  });
});

describe('the store of draft validator modules', () => {
  it('keeps at most its entries and its bytes, least recently used out first', () => {
    const store = createDraftValidatorStore({ maxEntries: 3, maxBytes: 10 });
    store.put('a', 'aaa');
    store.put('b', 'bbb');
    store.put('c', 'ccc');
    expect(store.size).toEqual({ entries: 3, bytes: 9 });
    expect(store.get('a')?.source).toBe('aaa'); // a is now the most recently used
    store.put('d', 'dd'); // 11 bytes: b goes
    expect(store.get('b')).toBeUndefined();
    expect(store.size).toEqual({ entries: 3, bytes: 8 });
    store.put('e', 'e'); // 4 entries: c goes
    expect([store.get('c'), store.get('a')?.source, store.get('d')?.source, store.get('e')?.source]).toEqual([undefined, 'aaa', 'dd', 'e']);
    // Bytes are UTF-8: two Chinese characters are six.
    store.put('f', '说明');
    expect(store.get('f')?.bytes).toBe(6);
    expect(store.size.bytes).toBeLessThanOrEqual(10);
    // One module larger than the whole bound is handed back but not kept.
    expect(store.put('g', 'x'.repeat(11)).source).toHaveLength(11);
    expect(store.get('g')).toBeUndefined();
    expect(store.size.bytes).toBeLessThanOrEqual(10);
    expect(() => createDraftValidatorStore({ maxBytes: 0 })).toThrow(RangeError);
  });
});
