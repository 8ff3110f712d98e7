import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import type { FastifyInstance } from 'fastify';
import { buildApp, CSP_DIRECTIVES, parseCorsOrigins, seedDemoUsers, securitySettingsFromEnv, SWAGGER_UI_LOGO_STYLE } from '../src/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const PASSWORD = 'demo-password-2027';
const STUDIO = 'https://studio.example.gov.cn';
interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string } }

/** The house error shape: a CF_SERVER_ code and a message in both locales. */
function expectHouseError(body: unknown, code: string | RegExp): void {
  const e = body as ErrorJson;
  if (typeof code === 'string') expect(e.code).toBe(code);
  else expect(e.code).toMatch(code);
  expect(e.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message.en.length).toBeGreaterThan(5);
}

describe('security headers', () => {
  it('a strict CSP without unsafe-eval or unsafe-inline on every response, errors and the docs UI included', async () => {
    const app = await buildApp();
    const csp = "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data: blob:;object-src 'none';base-uri 'self';frame-ancestors 'none';form-action 'self'";
    // The docs pages allow one more thing: the inline style of Swagger UI's logo, by its hash.
    const logoHash = `'sha256-${createHash('sha256').update(SWAGGER_UI_LOGO_STYLE).digest('base64')}'`;
    const docsCsp = csp.replace("style-src 'self'", `style-src 'self' ${logoHash}`);
    for (const url of ['/api/health', '/api/nothing', '/api/docs/', '/api/docs/static/swagger-ui-bundle.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(url.startsWith('/api/docs') ? docsCsp : csp);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
    // An error answered before any route ran (a body that is not JSON) carries them too.
    const malformed = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-security-policy']).toBe(csp);
    expect(malformed.headers['x-frame-options']).toBe('DENY');
    expect(Object.values(CSP_DIRECTIVES).flat()).not.toContain("'unsafe-eval'");
    expect(Object.values(CSP_DIRECTIVES).flat()).not.toContain("'unsafe-inline'");
    await app.close();
  });

  it('HSTS and upgrade-insecure-requests only when served over HTTPS (secureCookies)', async () => {
    const app = await buildApp({ secureCookies: true });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['content-security-policy'])).toMatch(/;upgrade-insecure-requests$/);
    await app.close();
  });
});

describe('CORS', () => {
  it('is closed by default: no Access-Control-Allow-Origin for any origin, preflight included', async () => {
    const app = await buildApp();
    for (const origin of ['https://evil.example', STUDIO, 'null']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { origin } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(res.headers['access-control-allow-credentials'], origin).toBeUndefined();
      const preflight = await app.inject({ method: 'OPTIONS', url: '/api/me', headers: { origin, 'access-control-request-method': 'GET' } });
      expect(preflight.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    await app.close();
  });

  it('opens to the listed origins exactly, with credentials', async () => {
    const app = await buildApp({ corsOrigins: [STUDIO] });
    const ok = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: STUDIO } });
    expect(ok.headers['access-control-allow-origin']).toBe(STUDIO);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    expect(String(ok.headers['vary'])).toMatch(/Origin/i);
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/tasks/x/y/complete', headers: { origin: STUDIO, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(STUDIO);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Idempotency-Key/i);
    for (const other of [`${STUDIO}.evil.example`, 'https://evil.example', 'http://studio.example.gov.cn']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: other } });
      expect(res.headers['access-control-allow-origin'], other).toBeUndefined();
    }
    await app.close();
  });

  it('reads CORS_ORIGINS and refuses wildcards, paths and other schemes', () => {
    expect(parseCorsOrigins(` ${STUDIO}, http://localhost:5173 ,`)).toEqual([STUDIO, 'http://localhost:5173']);
    expect(parseCorsOrigins(undefined)).toEqual([]);
    for (const bad of ['*', `${STUDIO}/`, `${STUDIO}/app`, 'ftp://files.example', 'studio.example.gov.cn']) expect(() => parseCorsOrigins(bad), bad).toThrow(/CORS/);
    expect(securitySettingsFromEnv({ CORS_ORIGINS: STUDIO, SECURE_COOKIES: '1', RATE_LIMIT_PER_MINUTE: 'off', LOGIN_RATE_LIMIT_PER_MINUTE: '10', TRUST_PROXY: '10.0.0.1, 10.0.0.2' })).toEqual({
      secureCookies: true, corsOrigins: [STUDIO], rateLimit: { perMinute: false, loginPerMinute: 10 }, trustProxy: ['10.0.0.1', '10.0.0.2'],
    });
    expect(() => securitySettingsFromEnv({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe('global rate limit', () => {
  it('answers 429 in the house shape with Retry-After once an address exceeds its limit; other addresses go on', async () => {
    const app = await buildApp({ rateLimit: { perMinute: 5 } });
    const hit = (remoteAddress: string) => app.inject({ method: 'GET', url: '/api/health', remoteAddress });
    for (let i = 0; i < 5; i++) expect((await hit('10.1.0.1')).statusCode).toBe(200);
    const refused = await hit('10.1.0.1');
    expect(refused.statusCode).toBe(429);
    expectHouseError(refused.json(), 'CF_SERVER_RATE_LIMITED');
    expect((refused.json() as ErrorJson).hint).toBeDefined();
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await hit('10.1.0.2')).statusCode).toBe(200);
    await app.close();
  });

  it('counts the client behind a trusted proxy, not the proxy', async () => {
    const app = await buildApp({ rateLimit: { perMinute: 2 }, trustProxy: ['10.9.0.1'] });
    const hit = (client: string) => app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.0.1', headers: { 'x-forwarded-for': client } });
    expect((await hit('203.0.113.1')).statusCode).toBe(200);
    expect((await hit('203.0.113.1')).statusCode).toBe(200);
    expect((await hit('203.0.113.1')).statusCode).toBe(429);
    expect((await hit('203.0.113.2')).statusCode).toBe(200);
    await app.close();
  });

  it('is generous by default and can be turned off', async () => {
    for (const app of [await buildApp(), await buildApp({ rateLimit: false })]) {
      const results = await Promise.all(Array.from({ length: 100 }, () => app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.2.0.1' })));
      expect(results.every((r) => r.statusCode === 200)).toBe(true);
      await app.close();
    }
  });
});

describe.each(TEST_DATABASES)('login limits on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  const login = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: PASSWORD });
    app = await buildApp({ orm: open.orm });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('20 sign-in requests a minute per address: the 21st is 429 even for another username (password spraying)', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 20; i++) expect((await login(`nobody${i}`, 'wrong', ip)).statusCode).toBe(401);
    const refused = await login('v_med', PASSWORD, ip);
    expect(refused.statusCode).toBe(429);
    expectHouseError(refused.json(), 'CF_SERVER_RATE_LIMITED');
    expect((refused.json() as ErrorJson).message.en).toMatch(/sign-in/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The rest of the API is not the login's budget, and other addresses sign in.
    expect((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode).toBe(200);
    expect((await login('v_med', PASSWORD, '10.3.0.2')).statusCode).toBe(200);
  }, 30_000); // 22 scrypt verifications: seconds on a busy CI machine

  it('the per-(address, username) failure window still guards one account below the per-address limit', async () => {
    const ip = '10.3.1.1';
    for (let i = 0; i < 5; i++) expect((await login('police', `wrong-${i}`, ip)).statusCode).toBe(401);
    const locked = await login('police', PASSWORD, ip);
    expect(locked.statusCode).toBe(429);
    expectHouseError(locked.json(), 'CF_SERVER_TOO_MANY_ATTEMPTS');
    expect((await login('twp_gov', PASSWORD, ip)).statusCode).toBe(200);
  }, 30_000);
});

describe('body size', () => {
  it('answers an oversize body with 413 in the house error shape', async () => {
    const app = await buildApp({ bodyLimit: 1000 });
    const res = await app.inject({ method: 'POST', url: '/api/definitions/validate', payload: { padding: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expectHouseError(res.json(), /^CF_SERVER_/);
    expect((res.json() as ErrorJson).message.en).toMatch(/too large/i);
    await app.close();
  });
});

describe('the API docs under the CSP, in Chromium', () => {
  it('render every operation and report no CSP violation', async () => {
    const app = await buildApp();
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => { if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`); });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      // Every violation, including those the console would not show (report-only is not used).
      await page.addInitScript({ content: "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));" });
      const response = await page.goto(`${base}/api/docs/`, { waitUntil: 'networkidle' });
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
      const paths = await page.locator('.opblock-summary-path').allInnerTexts();
      expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/health', '/api/definitions/validate']));
      // Expanding an operation renders its schema (more React, more styles).
      await page.locator('.opblock-summary').first().click();
      await page.waitForSelector('.opblock-body', { timeout: 10_000 });
      expect(await page.evaluate('window.__csp')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await app.close();
    }
  }, 60_000);
});
