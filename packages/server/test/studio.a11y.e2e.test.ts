import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { DISPUTE, launchChromium, PASSWORD, SCREENSHOTS, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// axe-core on the built studio, served by a real server with the demo users and the
// dispute-mediation process: the login page, the inbox, a task form, a case page and the cases list, and the
// designer's pages (the processes list, the flow composer on a new process with its form builder
// open, and on the next version of the dispute mediation), in zh-CN and English, with normal and large text. None may have a violation of impact "serious" or
// "critical". Screenshots of every page checked go to packages/studio/test-results/.
//
// The page runs under the server's CSP (script-src 'self'), which would block axe as an inline
// <script>. axe is therefore evaluated through Playwright (the DevTools protocol, which the page's
// CSP does not govern); the page itself stays under its real policy, and the test asserts that
// not one CSP violation happened on the way.

const AXE_SOURCE = readFileSync(fileURLToPath(new URL('../../studio/node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

/** What the test reads of axe's results (axe-core's own types live in the studio package). */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let server: StudioServer;
let base = '';
let browser: Browser;
let caseId = '';
let taskId = '';

beforeAll(async () => {
  server = await startStudioServer({ definitions: [DISPUTE] });
  base = server.base;
  // A case whose intake task waits in the village mediator's inbox.
  const cookie = await server.login('v_med');
  const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'dispute-mediation' } });
  expect(started.statusCode).toBe(201);
  const body = started.json() as { instanceId: string; tasks: { id: string; stepId: string }[] };
  caseId = body.instanceId;
  taskId = body.tasks.find((t) => t.stepId === 'intake')!.id;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs axe on the whole page; returns its serious and critical violations, one readable line each. */
async function seriousViolations(page: Page, mustPass: readonly string[] = ['color-contrast', 'region', 'document-title', 'html-has-lang']): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const { violations, passes } = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[]; passes: { id: string }[] };
  // axe did look: text contrast, labels and landmarks were checked on this page.
  expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining([...mustPass]));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`));
}

const DISPLAYS = [
  { locale: 'zh-CN', largeText: false },
  { locale: 'zh-CN', largeText: true },
  { locale: 'en', largeText: false },
  { locale: 'en', largeText: true },
] as const;

/** A page in `locale` and large text or not, as the studio remembers them on the device, recording CSP violations and page errors. */
async function displayPage(locale: string, largeText: boolean) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  await context.addInitScript({
    content: `localStorage.setItem('civicflow.locale', ${JSON.stringify(locale)}); localStorage.setItem('civicflow.largeText', '${largeText ? '1' : '0'}');`
      + " window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

/** No page had a serious or critical violation, and injecting axe needed no CSP relaxed: no violation, no page error. */
async function expectNothingFound(found: Record<string, string[]>, page: Page, errors: string[], display: string): Promise<void> {
  const report = Object.entries(found).flatMap(([name, lines]) => lines.map((line) => `${name}: ${line}`));
  expect(report, `axe found serious or critical violations (${display}):\n${report.join('\n')}`).toEqual([]);
  expect(await page.evaluate('window.__csp')).toEqual([]);
  expect(errors).toEqual([]);
}

describe('the studio has no serious or critical accessibility violations (axe-core, Chromium)', () => {
  // Two displays (each language once, large text once): the composer's pages are slow to lay out on 2 cores.
  it.each([DISPLAYS[0], DISPLAYS[3]])('the flow composer, its form builder and the processes list in $locale, large text $largeText', async ({ locale, largeText }) => {
    const { context, page, errors } = await displayPage(locale, largeText);
    // The composer asks before leaving an unpublished draft.
    page.on('dialog', (dialog) => void dialog.accept());
    const found: Record<string, string[]> = {};
    const check = async (name: string, mustPass?: readonly string[]) => {
      await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      expect(await page.evaluate('document.documentElement.classList.contains("cf-large-text")')).toBe(largeText);
      await page.screenshot({ path: join(SCREENSHOTS, `a11y-${name}-${locale}${largeText ? '-large' : ''}.png`), fullPage: true });
      found[name] = await seriousViolations(page, mustPass);
    };
    try {
      await page.goto(`${base}/processes`);
      await page.locator('input[name="username"]').fill('t_it');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.locator('.process-list a').first().waitFor();
      await check('processes');

      // A new process: the template drawn, the panels beside it.
      await page.goto(`${base}/processes/new`);
      await page.locator('.react-flow__node').nth(1).waitFor({ timeout: 20_000 });
      await check('composer-new');

      // Its form builder, open in the composer's dialog.
      await page.locator('.react-flow__node').first().click();
      await page.locator('dialog.composer-dialog').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: locale === 'en' ? 'Edit form' : '编辑表单', exact: true }).click();
      await page.locator('dialog.composer-dialog[open]').waitFor();
      // A modal dialog makes the rest of the page inert, and axe cannot tell colours over its
      // backdrop (contrast comes back "incomplete"; the composer's Chromium test checks the dialog's
      // colours without the backdrop): here names and ARIA are what is checked.
      await check('composer-form-builder', ['button-name', 'aria-allowed-attr', 'aria-valid-attr-value']);
      await page.keyboard.press('Escape');
      await page.locator('dialog.composer-dialog').waitFor({ state: 'detached' });

      // The next version of a real process: branches, rungs and many steps.
      await page.goto(`${base}/processes/dispute-mediation/1/edit`);
      await page.locator('.react-flow__node').nth(10).waitFor({ timeout: 30_000 });
      await check('composer-dispute');

      await expectNothingFound(found, page, errors, `${locale}, large text ${largeText}`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it.each(DISPLAYS)('login, inbox, task form, case page and cases list in $locale, large text $largeText', async ({ locale, largeText }) => {
    const { context, page, errors } = await displayPage(locale, largeText);
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      // The page has settled: nothing is loading any more (the case diagram lays itself out after the page).
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.loading').count()).toBe(0);
      // Large text is in effect (or not) on every page checked.
      expect(await page.evaluate('document.documentElement.classList.contains("cf-large-text")')).toBe(largeText);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await page.screenshot({ path: join(SCREENSHOTS, `a11y-${name}-${locale}${largeText ? '-large' : ''}.png`), fullPage: true });
      found[name] = await seriousViolations(page);
    };
    try {
      await page.goto(`${base}/`);
      await page.locator('input[name="username"]').waitFor();
      await check('login');

      await page.locator('input[name="username"]').fill('v_med');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.locator('.task-card a').first().waitFor();
      await check('inbox');

      await page.goto(`${base}/tasks/${caseId}/${encodeURIComponent(taskId)}`);
      await page.locator('.cf-task-form button[type="submit"]').waitFor();
      await check('task-form');

      await page.goto(`${base}/cases/${caseId}`);
      await expect.poll(() => page.locator('.timeline li').count()).toBeGreaterThanOrEqual(2);
      await check('case');

      // 办件: the cases the mediator may see, from GET /api/instances, as a table.
      await page.goto(`${base}/cases`);
      await page.locator('table tbody tr a').first().waitFor();
      await check('cases');

      await expectNothingFound(found, page, errors, `${locale}, large text ${largeText}`);
    } finally {
      await context.close();
    }
  }, 90_000);
});
