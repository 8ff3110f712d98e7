import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium } from 'playwright';
import type { Browser, BrowserContext, Page } from 'playwright';
import type { FastifyInstance } from 'fastify';
import type { Instant, ProcessDefinition } from '@civicflow/engine';
import { buildApp, closeOrm, createOrm, seedDemoUsers } from '../../src/index.js';
import type { Orm } from '../../src/index.js';
import { STUDIO_BUILD_DIR, studioBuildIn } from '../../src/studio/index.js';

// What every studio end-to-end test needs: the built studio served by the real server on a real
// port over a temporary SQLite database with the demo users, Debian's Chromium, and pages that
// record every CSP violation and page error (the studio runs under the server's real CSP).

const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
/** Screenshots of the studio tests (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../studio/test-results/', import.meta.url));
/** The demo users' password in these tests; the administrator's is ADMIN_PASSWORD. */
export const PASSWORD = 'demo-password-2027';
export const ADMIN_PASSWORD = 'admin-password-very-long';

/** The dispute-mediation example (B) as published. */
export const DISPUTE = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'dispute-mediation/process.json'), 'utf8')) as ProcessDefinition;

export interface StudioServer {
  app: FastifyInstance;
  orm: Orm;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Signs in through the API; the session cookie (`cf_session=…`). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server with the built studio, the demo users and `definitions` published. */
export async function startStudioServer(options: { definitions: ProcessDefinition[]; testClock?: { start?: Instant } }): Promise<StudioServer> {
  const studioDir = studioBuildIn(STUDIO_BUILD_DIR);
  if (!studioDir) throw new Error(`The studio is not built (${STUDIO_BUILD_DIR} has no index.html). Run \`pnpm --filter @civicflow/studio run build\` (npm test does it before the tests).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-studio-e2e-'));
  const orm = await createOrm({ dataDir: dir });
  await seedDemoUsers(orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
  // Every user of a test signs in from 127.0.0.1: a joint review alone signs in 15 departments,
  // more than the per-address login limit allows in a minute (security.test.ts proves the limit).
  const app = await buildApp({ orm, studioDir, rateLimit: { loginPerMinute: 200 }, ...(options.testClock ? { testClock: options.testClock } : {}) });
  for (const definition of options.definitions) await app.definitions!.publish(definition);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app, orm, base,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect(res.statusCode, res.body).toBe(200);
      return String(res.headers['set-cookie']).split(';')[0]!;
    },
    async close() {
      await app.close();
      await closeOrm(orm);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (CHROMIUM_PATH overrides), headless, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page that records every CSP violation and page error. */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; violations(): Promise<string[]>; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript({ content: "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));" });
  return { page, errors, violations: async () => (await page.evaluate('window.__csp')) as string[] };
}

/** Signs in on the studio's login page (zh-CN labels). */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
