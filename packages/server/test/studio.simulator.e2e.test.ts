import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { ADMIN_PASSWORD, DISPUTE, SCREENSHOTS, launchChromium, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// The simulator in the built studio, served by the real server under its real CSP (script-src
// 'self', no eval): the engine runs in the page, the task form validates with the validator module
// the server precompiled for it, the clock moves and the diagram is drawn — without one CSP
// violation or page error. (The studio's Chromium component test drives the whole example; this
// one proves the same page works under the policy.) Screenshot: packages/studio/test-results/2x-simulator.png.

let server: StudioServer;
let browser: Browser;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [DISPUTE] });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the simulator under the server\'s CSP', () => {
  it('starts a simulated case, opens the intake form with the precompiled validator, moves the clock, and draws the diagram', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    try {
      const response = await page.goto(`${server.base}/processes/dispute-mediation/1/simulate`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('heading', { level: 1, name: '模拟运行：矛盾纠纷调解（村→镇→县→法院）（第 1 版）' }).waitFor();
      await page.getByRole('button', { name: '开始模拟' }).click();

      await page.getByRole('button', { name: '办理“受理登记”', exact: true }).click();
      // The form is there once its validator module (GET …/forms/BF1/validator.js) has loaded.
      await page.getByLabel('受理日期').first().waitFor();
      // The page's own validation runs (no eval): submitting the empty form names what is missing.
      await page.locator('.simulator-form').getByRole('button', { name: '提交' }).click();
      await page.getByTestId('cf-error-summary').waitFor();
      expect(await page.getByTestId('cf-error-summary').textContent()).toContain('请填写案件来源');

      await page.getByRole('button', { name: '推进 1 天' }).click();
      await expect.poll(() => page.locator('.simulator-clock').textContent()).toContain('2027-03-11 09:00');
      await page.locator('.react-flow__node[data-id="intake"] .flow-marker--current').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, '2x-simulator.png'), fullPage: true });

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
