import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { ProcessDefinition, TaskStep } from '@civicflow/engine';
import { SLA_PROCESS } from './support/monitorProcess.js';
import { ADMIN_PASSWORD, launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// The monitor and the version comparison in the built studio, on a real server (real port,
// temporary SQLite, test clock), in Debian's Chromium under the server's CSP. Two grid event
// checks start on 2027-03-10; one is done in time, the other's four-hour limit runs out overnight.
// A version 2 of the process shortens the limit. axe-core runs through Playwright, so the page
// keeps its real policy. Screenshots: packages/studio/test-results/monitor-*.png.

const AXE_SOURCE = readFileSync(fileURLToPath(new URL('../../studio/node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const START = '2027-03-10T11:00:00+08:00';
const VERSION_2: ProcessDefinition = structuredClone(SLA_PROCESS);
VERSION_2.version = 2;
(VERSION_2.steps['check'] as TaskStep).deadline = { duration: { hours: 2 }, basis: { 'zh-CN': '内部时限：核查两小时内完成', en: 'internal limit: check within two hours' } };

let server: StudioServer;
let browser: Browser;
const cases: string[] = [];

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const { violations, passes } = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[]; passes: { id: string }[] };
  expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'region']));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

beforeAll(async () => {
  server = await startStudioServer({ definitions: [SLA_PROCESS, VERSION_2], testClock: { start: START } });
  const admin = { cookie: await server.login('admin') };
  const mediator = { cookie: await server.login('v_med') };
  for (let i = 0; i < 2; i++) {
    const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: mediator, payload: { definitionId: SLA_PROCESS.id, version: 1 } });
    expect(started.statusCode, started.body).toBe(201);
    cases.push((started.json() as { instanceId: string }).instanceId);
  }
  const clock = async (to: string) => expect((await server.app.inject({ method: 'POST', url: '/api/test/clock', headers: admin, payload: { to } })).statusCode).toBe(200);
  await clock('2027-03-10T12:01:00+08:00');
  const view = (await server.app.inject({ method: 'GET', url: `/api/instances/${cases[0]}`, headers: admin })).json() as { tasks: { id: string }[] };
  const done = await server.app.inject({
    method: 'POST', url: `/api/tasks/${cases[0]}/${encodeURIComponent(view.tasks[0]!.id)}/complete`, headers: { ...mediator, 'idempotency-key': 'monitor-e2e-1' }, payload: { data: { note: '已核查' } },
  });
  expect(done.statusCode, done.body).toBe(200);
  await clock('2027-03-11T09:00:00+08:00');
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the monitor and the version comparison in the built studio, under the real CSP', { timeout: 60_000 }, () => {
  it('shows the running case, its overdue check, the missed limit and the day\'s chart, and opens the case', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { page, violations, errors } = await watchedPage(context);
    try {
      await page.goto(`${server.base}/`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: '监控' }).click();
      await page.getByRole('heading', { level: 1, name: '运行监控' }).waitFor();
      await page.locator('figure.series-chart').first().waitFor();

      const running = page.locator('table', { has: page.locator('caption', { hasText: '正在办理的办件' }) });
      await expect.poll(() => running.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/网格事件核查\s+青石村\s+1\s+现场核查：1 件/)]);
      const overdue = page.locator('table', { has: page.locator('caption', { hasText: '已过办理期限' }) });
      expect(await overdue.locator('tbody tr').count()).toBe(1);
      expect(await overdue.locator('tbody a').getAttribute('href')).toBe(`/cases/${cases[1]}`);
      const breaches = page.locator('table', { has: page.locator('caption', { hasText: '统计期内到期' }) });
      expect(await breaches.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/现场核查[\s\S]*内部时限：核查四小时内完成[\s\S]*仍未办理/)]);
      expect(await page.locator('.series-chart__summary').innerText()).toMatch(/合计：新办 2 件，办结 1 件，升级 0 次，逾期 1 次/);

      await page.screenshot({ path: join(SCREENSHOTS, 'monitor-01-page.png'), fullPage: true });
      await page.locator('details.series-chart__table summary').click();
      expect(await seriousViolations(page)).toEqual([]);

      await overdue.locator('tbody a').click();
      await page.getByRole('heading', { level: 1, name: '办件：网格事件核查' }).waitFor();
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('compares version 2 with version 1 from the processes page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { page, violations, errors } = await watchedPage(context);
    try {
      await page.goto(`${server.base}/`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: '流程', exact: true }).click();
      await page.getByRole('link', { name: '与上一版比较（第 2 版）' }).click();
      await page.getByRole('heading', { level: 1, name: '网格事件核查：第 1 版与第 2 版的差异' }).waitFor();
      expect(await page.locator('[role="status"]').innerText()).toBe('共 1 处修改。');
      const change = page.locator('.version-diff__change');
      expect(await change.locator('p').innerText()).toBe('步骤“现场核查”（check）的办理期限已修改');
      expect(await change.locator('dd').allInnerTexts()).toEqual(['4 小时；依据：内部时限：核查四小时内完成', '2 小时；依据：内部时限：核查两小时内完成']);
      await page.screenshot({ path: join(SCREENSHOTS, 'monitor-02-version-diff.png'), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
