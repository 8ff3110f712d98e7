import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/index.js';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE, STUDIO_BUILD_DIR, studioBuildIn } from '../src/studio/index.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The studio build these tests serve; `npm test` builds it once before the suites run. */
function studioBuild(): string {
  const dir = studioBuildIn(STUDIO_BUILD_DIR);
  if (!dir) throw new Error(`The studio is not built (${STUDIO_BUILD_DIR} has no index.html). Run \`pnpm --filter @civicflow/studio run build\` (npm test does it before the tests).`);
  return dir;
}

describe('the server serves the studio at /', () => {
  let app: FastifyInstance;
  let indexHtml = '';

  beforeAll(async () => {
    app = await buildApp({ studioDir: studioBuild(), rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers index.html at / for every client, revalidated on each load, with no inline script', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe(REVALIDATE_CACHE);
    indexHtml = res.body;
    expect(indexHtml).toContain('<div id="root"></div>');
    expect(indexHtml).toContain('lang="zh-CN"');
    // Under the CSP (script-src 'self') every script must be a file.
    const scripts = [...indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
  });

  it('answers index.html at deep links a browser opens (reloads, bookmarks), so the app shows that page', async () => {
    for (const url of ['/cases/45c8da7b-77ef-4ca2-b155-c195ec72461a', '/tasks/45c8da7b/intake%3A1', '/cases?tab=recent', '/login']) {
      const res = await app.inject({ method: 'GET', url, headers: BROWSER });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE_CACHE);
      expect(res.body, url).toBe(indexHtml);
    }
  });

  it('serves hashed assets with a one-year immutable cache, the task form\'s stylesheet among them', async () => {
    const assets = [...indexHtml.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      expect(asset, 'built asset names carry a content hash').toMatch(/-[A-Za-z0-9_-]{8,}\.(js|css)$/);
      const res = await app.inject({ method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
      expect(res.headers['cache-control'], asset).toBe(IMMUTABLE_CACHE);
      expect(res.headers['content-type'], asset).toMatch(asset.endsWith('.js') ? /javascript/ : /^text\/css/);
      // TASK_FORM_CSS ships as a real stylesheet (TaskForm renders with injectStyles={false}).
      if (asset.endsWith('.css')) expect(res.body).toContain('.cf-task-form');
    }
  });

  it('never falls back to the app for /api: an unknown API path is the JSON 404, even for a browser', async () => {
    for (const url of ['/api/unknown', '/api', '/api/tasks/x/y/z/w']) {
      const res = await app.inject({ method: 'GET', url, headers: BROWSER });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json(), url).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
  });

  it('answers a missing asset, a request that does not ask for a page, and other methods with the JSON 404', async () => {
    for (const [method, url, headers] of [['GET', '/assets/missing-0123abcd.js', BROWSER], ['GET', '/cases/x', {}], ['GET', '/cases/x', { accept: 'application/json' }], ['POST', '/cases/x', BROWSER]] as const) {
      const res = await app.inject({ method, url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json(), `${method} ${url}`).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    }
  });
});

describe('serving the studio is optional', () => {
  it('studioDir: false serves no page at /', async () => {
    const app = await buildApp({ studioDir: false, rateLimit: false });
    const res = await app.inject({ method: 'GET', url: '/', headers: BROWSER });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    await app.close();
  });

  it('a studioDir without a build is refused with the command that builds it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'civicflow-studio-'));
    try {
      await expect(buildApp({ studioDir: empty, rateLimit: false })).rejects.toThrow(/not built.*pnpm --filter @civicflow\/studio run build/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
