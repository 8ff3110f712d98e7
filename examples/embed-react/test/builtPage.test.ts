import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The page `vite build` made (npm test builds it before the tests), served as files and driven in
// Chromium under the Content-Security-Policy of its index.html — no eval, no inline script or
// style: a task is completed through its form, and nothing is refused by the policy or throws.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('examples/embed-react is not built: run `pnpm --filter @civicflow/embed-react run build` (npm test does it before the tests).');
  server = createServer((request, response) => {
    const path = normalize(join(dist, new URL(request.url ?? '/', 'http://x').pathname === '/' ? 'index.html' : new URL(request.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dist) || !existsSync(path)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it('the built page declares a strict policy and runs a task through its form under it', async () => {
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toMatch(/unsafe-(eval|inline)/);

  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  // Registered before the page's scripts run: a violation while loading is caught too.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(origin);

  await page.getByRole('button', { name: '登记应急响应结束' }).click();
  // TASK_FORM_CSS, adopted as a constructed stylesheet, applies.
  expect(await page.locator('.cf-button--primary').first().evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  await page.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => page.locator('.cf-error-summary').textContent()).toContain('结束响应决定文号');
  await page.fill('#root_ended_on', '2027-07-25');
  await page.fill('#root_end_decision_ref', 'QS-YJ-END-2027-01');
  await page.getByRole('button', { name: '提交' }).click();
  await page.check('#root_continues');
  await page.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => page.locator('.refusal').textContent()).toContain('CF_ENGINE_CHECK_FAILED');
  await page.uncheck('#root_continues'); // no continuing work after all
  await page.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => page.locator('.outcome').textContent()).toBe('办结: 豁免失效');
  expect(problems).toEqual([]);
}, 60_000);
