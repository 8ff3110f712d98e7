import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProcessDefinition } from '@civicflow/engine';
import { createFormValidator, createPrecompiledFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import type * as StandaloneEntry from '@civicflow/forms/standalone';
import { buildApp, seedDemoUsers } from '../src/index.js';
import { createSession, SESSION_COOKIE } from '../src/auth/index.js';
import { createFormValidatorModules } from '../src/routes/forms/formValidatorModules.js';
import { IN_PAGE_VIOLATION_LISTENER, WRITE_RESULT, bundleForBrowser, proofPage } from './support/cspProofPages.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// Counts how often the route compiles (once per form schema, whatever the requests).
vi.mock('@civicflow/forms/standalone', async (importOriginal) => {
  const actual = await importOriginal<typeof StandaloneEntry>();
  return { ...actual, compileFormValidatorModule: vi.fn(actual.compileFormValidatorModule) };
});
const standalone = await import('@civicflow/forms/standalone');
const compileCalls = (): number => vi.mocked(standalone.compileFormValidatorModule).mock.calls.length;

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const mediation = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;
const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const VALIDATOR_URL = '/api/definitions/dispute-mediation/versions/1/forms/BF1/validator.js';
const BF1 = mediation.forms['BF1']!.schema;
/** The CSP of the proof pages: scripts from this origin only, so no eval and no inline script. */
const STRICT_CSP = "default-src 'self'; script-src 'self'";

const ON = '2027-04-01';
const sig = { method: '手写签名', signed_on: ON };
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
const VALID_INTAKE = {
  source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig, received_on: ON, accepted_on: ON, registrar: '王建国',
};
/** A wrong ID check digit, a missing field and a wrong type. */
const INVALID_INTAKE = { ...VALID_INTAKE, applicants: [person('A1', '张三', '110101198001010011')], dispute_type: undefined, persons_involved: '两人' };

function expectedAnswer(data: unknown) {
  const runtime = createFormValidator({ locale: 'en' });
  return runtime.validate(BF1, runtime.prepare(BF1, data));
}

// ---------------------------------------------------------------- pages for the browser proof

const PRECOMPILED_ENTRY = `
import * as formModule from '${VALIDATOR_URL}';
import { createPrecompiledFormValidator } from '@civicflow/forms';
${WRITE_RESULT}
settle(() => {
  const validator = createPrecompiledFormValidator(formModule, { locale: 'en' });
  const check = (data: unknown) => validator.validate(formModule.schema, validator.prepare(formModule.schema, data));
  return { valid: check(${JSON.stringify(VALID_INTAKE)}), invalid: check(${JSON.stringify(INVALID_INTAKE)}) };
});`;
const RUNTIME_ENTRY = `
import { createFormValidator } from '@civicflow/forms';
${WRITE_RESULT}
settle(() => createFormValidator({ locale: 'en' }).validate(${JSON.stringify(BF1)}, ${JSON.stringify(VALID_INTAKE)}));`;

async function registerProofPages(app: FastifyInstance): Promise<{ precompiledBundle: string }> {
  const scripts = { '/csp-proof/precompiled.js': await bundleForBrowser(PRECOMPILED_ENTRY), '/csp-proof/runtime.js': await bundleForBrowser(RUNTIME_ENTRY) };
  for (const [url, source] of Object.entries(scripts)) {
    app.get(url, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(source));
  }
  app.get('/csp-proof/icon.png', async (_request, reply) => reply.code(204).send());
  for (const name of ['precompiled', 'runtime']) {
    app.get(`/csp-proof/${name}.html`, async (_request, reply) => reply.header('content-security-policy', STRICT_CSP).type('text/html; charset=utf-8').send(proofPage(`/csp-proof/${name}.js`)));
  }
  return { precompiledBundle: scripts['/csp-proof/precompiled.js'] };
}

interface PageOutcome {
  result: { result?: unknown; thrown?: string };
  csp: string | undefined;
  violations: string[];
  consoleErrors: string[];
  validatorResponse: { status: number; contentType: string | undefined } | undefined;
}

// ---------------------------------------------------------------- the suite

describe.each(TEST_DATABASES)('precompiled form validators over HTTP on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  let baseUrl = '';
  let cookie = '';
  let token = '';
  let precompiledBundle = '';
  let browser: Browser | undefined;
  const moduleDir = mkdtempSync(join(tmpdir(), 'civicflow-validator-route-'));

  const get = (url: string, headers: Record<string, string> = { cookie }) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: open.orm, rateLimit: false });
    ({ precompiledBundle } = await registerProofPages(app));
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await app.definitions!.publish(mediation);
    token = (await createSession(open.orm.em.fork(), 'u-v_med')).token;
    cookie = `${SESSION_COOKIE}=${token}`;
  }, 60_000);
  afterAll(async () => {
    rmSync(moduleDir, { recursive: true, force: true });
    await browser?.close();
    await app?.close();
    await open?.close();
  });

  it('needs a session', async () => {
    const res = await get(VALIDATOR_URL, {});
    expect(res.statusCode).toBe(401);
  });

  it('serves the form\'s module once compiled: JavaScript, strong ETag, private caching for a year, 304 on If-None-Match', async () => {
    const before = compileCalls();
    const res = await get(VALIDATOR_URL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(res.body).toMatch(/^\/\/ civicflow precompiled form validator/);

    const again = await get(VALIDATOR_URL);
    expect(again.body).toBe(res.body);
    expect(again.headers['etag']).toBe(res.headers['etag']);
    const revalidated = await get(VALIDATOR_URL, { cookie, 'if-none-match': `W/"other", ${String(res.headers['etag'])}` });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers['etag']).toBe(res.headers['etag']);
    expect(compileCalls() - before).toBe(1);

    // The module validates as the server does.
    const file = join(moduleDir, 'bf1.mjs');
    writeFileSync(file, res.body);
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PrecompiledFormModule;
    const precompiled = createPrecompiledFormValidator(module, { locale: 'en' });
    for (const data of [VALID_INTAKE, INVALID_INTAKE]) expect(precompiled.validate(BF1, precompiled.prepare(BF1, data))).toEqual(expectedAnswer(data));
    expect(expectedAnswer(VALID_INTAKE).valid).toBe(true);
  });

  it('answers 404 in both languages for an unknown form, version or process', async () => {
    const form = await get('/api/definitions/dispute-mediation/versions/1/forms/NOPE/validator.js');
    expect(form.statusCode).toBe(404);
    expect(form.json()).toMatchObject({
      code: 'CF_SERVER_NOT_FOUND',
      message: { 'zh-CN': '流程 dispute-mediation 第 1 版没有表单 NOPE', en: 'process dispute-mediation version 1 has no form NOPE' },
      details: { formId: 'NOPE', forms: expect.arrayContaining(['BF1', 'BF2']) as unknown },
    });
    const version = await get('/api/definitions/dispute-mediation/versions/7/forms/BF1/validator.js');
    expect(version.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND', message: { en: 'process dispute-mediation has no version 7' }, hint: { en: 'the latest version is 1' } });
    const process = await get('/api/definitions/nope/versions/1/forms/BF1/validator.js');
    expect(process.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND', message: { 'zh-CN': '没有流程 nope' } });
    // A form named like an Object.prototype member is not a form.
    expect((await get('/api/definitions/dispute-mediation/versions/1/forms/toString/validator.js')).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/definitions/{id}/versions/{version}/forms/{formId}/validator.js');
  });

  describe('in Chromium, under a Content-Security-Policy without unsafe-eval', () => {
    async function visit(name: string): Promise<PageOutcome> {
      browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      const context = await browser.newContext();
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
      const tab = await context.newPage();
      const consoleErrors: string[] = [];
      tab.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      tab.on('pageerror', (e) => consoleErrors.push(e.message));
      let validatorResponse: PageOutcome['validatorResponse'];
      tab.on('response', (r) => { if (r.url().endsWith(VALIDATOR_URL)) validatorResponse = { status: r.status(), contentType: r.headers()['content-type'] }; });
      // Init scripts are injected by the browser, not the page, so the CSP does not stop them.
      // (In-page code is written as text: this package's type check has no DOM.)
      await tab.addInitScript({ content: IN_PAGE_VIOLATION_LISTENER });
      const response = await tab.goto(`${baseUrl}/csp-proof/${name}.html`);
      await tab.waitForFunction("document.getElementById('result').textContent !== 'pending'", undefined, { timeout: 20_000 });
      const outcome: PageOutcome = {
        result: JSON.parse((await tab.textContent('#result')) ?? 'null') as PageOutcome['result'],
        csp: response?.headers()['content-security-policy'],
        violations: (await tab.evaluate('window.cspViolations')) as string[],
        consoleErrors,
        validatorResponse,
      };
      await context.close();
      return outcome;
    }

    it('the precompiled validator validates one valid and one invalid record, with no CSP violation', async () => {
      const outcome = await visit('precompiled');
      expect(outcome.csp).toBe(STRICT_CSP);
      expect(outcome.validatorResponse).toEqual({ status: 200, contentType: 'text/javascript; charset=utf-8' });
      expect(outcome.violations).toEqual([]);
      expect(outcome.consoleErrors).toEqual([]);
      expect(outcome.result).toEqual({ result: { valid: expectedAnswer(VALID_INTAKE), invalid: expectedAnswer(INVALID_INTAKE) } });
      expect(expectedAnswer(VALID_INTAKE).valid).toBe(true);
      const invalid = expectedAnswer(INVALID_INTAKE);
      expect(invalid.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM', 'CF_FORMS_REQUIRED', 'CF_FORMS_TYPE']));
      // Neither the page's script nor the module holds a way to evaluate code.
      expect(precompiledBundle).not.toMatch(/\bnew Function\b|\beval\(/);
    }, 60_000);

    it('the runtime Ajv validator fails under the same policy (so the proof above can fail)', async () => {
      const outcome = await visit('runtime');
      expect(outcome.csp).toBe(STRICT_CSP);
      expect(outcome.result.thrown).toMatch(/^EvalError: /);
      expect(outcome.violations).toContainEqual(expect.stringMatching(/^script-src eval$/));
    }, 60_000);
  });
});

describe('the memo of compiled modules', () => {
  it('compiles each schema once, keys by content, and forgets the least recently used beyond its bound', () => {
    const compiled: string[] = [];
    const modules = createFormValidatorModules({ maxEntries: 2, compile: (schema) => { compiled.push(JSON.stringify(schema)); return `// ${compiled.length}`; } });
    const a = { type: 'object', title: 'a' };
    const b = { type: 'object', title: 'b' };
    const c = { type: 'object', title: 'c' };
    modules.moduleOf(a);
    modules.moduleOf({ title: 'a', type: 'object' }); // same content, other key order
    modules.moduleOf(b);
    modules.moduleOf(a); // a is now the most recently used
    modules.moduleOf(c); // b goes
    modules.moduleOf(a);
    modules.moduleOf(b);
    expect(compiled).toEqual([JSON.stringify(a), JSON.stringify(b), JSON.stringify(c), JSON.stringify(b)]);
    expect(modules.etagOf(a)).toBe(modules.etagOf({ title: 'a', type: 'object' }));
    expect(modules.etagOf(a)).not.toBe(modules.etagOf(b));
  });
});
