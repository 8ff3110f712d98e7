import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright';
import { formatInstant } from '@civicflow/engine';
import { DISPUTE, launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// The cadre's path through the real thing: the built studio served by buildApp on a real port,
// a temporary SQLite database with the demo users and the dispute-mediation process, and
// Debian's Chromium driven by Playwright. Screenshots go to packages/studio/test-results/.
// Everything runs under the server's real Content-Security-Policy (script-src 'self', no
// 'unsafe-eval'): task forms validate with the validators the server precompiles, and any
// violation fails the test.

const dispute = DISPUTE;
const PROCESS_ZH = dispute.title['zh-CN'];
const FORM_ZH = dispute.forms['BF1']!.title['zh-CN'];
const RIGHTS_ZH = dispute.steps['rightsNotice']!.title!['zh-CN'];
const TODAY = formatInstant(Date.now()).slice(0, 10);
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: '13800000000' });
/** A complete intake registration (BF1), submitted through the API to bring a second case to its rights notice. */
const INTAKE = {
  source: '当事人申请', applicants: [person('A1', '张三', '110101198001010010')], respondents: [person('R1', '李四', '110101199012310056')], dispute_type: '邻里',
  summary: '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: { method: '手写签名', signed_on: TODAY },
  received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
};

let server: StudioServer;
let base = '';
let browser: Browser;
let caseId = '';
let taskId = '';
/** A second case, past its intake: its rights notice (BF2) waits for the mediator. */
let rightsCaseId = '';
let rightsTaskId = '';

beforeAll(async () => {
  server = await startStudioServer({ definitions: [dispute] });
  base = server.base;
  const app = server.app;

  // The village mediator registers an application: a case through the API, its intake task waits in the inbox.
  const cookie = await server.login('v_med');
  const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'dispute-mediation' } });
  expect(started.statusCode).toBe(201);
  const body = started.json() as { instanceId: string; tasks: { id: string; stepId: string }[] };
  caseId = body.instanceId;
  taskId = body.tasks.find((t) => t.stepId === 'intake')!.id;

  const second = (await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'dispute-mediation' } })).json() as typeof body;
  rightsCaseId = second.instanceId;
  const secondIntake = second.tasks.find((t) => t.stepId === 'intake')!.id;
  const intake = await app.inject({
    method: 'POST', url: `/api/tasks/${rightsCaseId}/${encodeURIComponent(secondIntake)}/complete`,
    headers: { cookie, 'idempotency-key': 'e2e-intake' }, payload: { data: INTAKE },
  });
  expect(intake.statusCode, intake.body).toBe(200);
  rightsTaskId = (intake.json() as typeof body).tasks.find((t) => t.stepId === 'rightsNotice')!.id;

  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the studio in Chromium: a mediator\'s inbox, task and case', () => {
  it('signs in, finds the task in the inbox, opens it, switches language, and reads the case timeline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { page, violations } = await watchedPage(context);
    try {
      const response = await page.goto(`${base}/`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

      // Login, in Chinese by default.
      await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.screenshot({ path: join(SCREENSHOTS, '01-login.png') });
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByLabel('用户名').fill('v_med');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('CF_SERVER_');
      await signIn(page, 'v_med');

      // The inbox: the intake task with its process, unit and deadline.
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '受理登记' }) });
      await card.waitFor();
      await expect.poll(() => card.textContent()).toContain(PROCESS_ZH);
      expect(await card.textContent()).toContain('青石村');
      expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['待办', '办件']);
      await page.screenshot({ path: join(SCREENSHOTS, '02-inbox.png'), fullPage: true });

      // The task: its form beside the case.
      await card.getByRole('link', { name: '受理登记' }).click();
      await page.waitForURL(`${base}/tasks/${caseId}/${encodeURIComponent(taskId)}`);
      await page.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();
      await page.getByRole('heading', { level: 2, name: FORM_ZH }).waitFor();
      // The form, with the validator the server precompiled for it (no eval in the page).
      await page.getByLabel('受理日期').first().waitFor();
      const context_ = page.getByRole('complementary', { name: '办件信息' });
      await context_.waitFor();
      expect(await context_.textContent()).toContain(caseId);
      // The page moved focus to its heading: screen readers announce the new page.
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
      await page.screenshot({ path: join(SCREENSHOTS, '03-task.png'), fullPage: true });

      // English and back; the choice is remembered across a reload.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'intake registration' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'intake registration' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual(['Inbox', 'Cases']);
      await page.screenshot({ path: join(SCREENSHOTS, '04-task-en.png'), fullPage: true });
      await page.getByRole('button', { name: '切换到中文' }).click();
      await page.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();

      // Large text: the whole page grows.
      const headingSize = () => page.evaluate<number>('parseFloat(getComputedStyle(document.querySelector("h1")).fontSize)');
      const before = await headingSize();
      await page.getByRole('button', { name: '大字模式' }).click();
      await expect.poll(headingSize).toBeGreaterThan(before);
      expect(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).toBe('true');
      await page.getByRole('button', { name: '大字模式' }).click();

      // The case page: status, the open task, the timeline with who acted.
      await context_.getByRole('link', { name: '查看办件经过' }).click();
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      const timeline = page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
      await expect.poll(() => timeline.count()).toBeGreaterThanOrEqual(3);
      const entries = await timeline.allTextContents();
      expect(entries[0]).toContain('办件发起');
      expect(entries[0]).toContain('u-v_med');
      expect(entries[0]).toContain('村(居)调委会调解员（V_MED）');
      expect(entries.some((e) => e.includes('待办生成') && e.includes('受理登记'))).toBe(true);
      expect(await page.getByText('办理中').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, '05-case.png'), fullPage: true });

      // A deep link reloads into the same page.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();

      // Keyboard: the first Tab reaches the skip link, which leads to the main content.
      await page.goto(`${base}/`);
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('跳到主要内容');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('main');

      // No inline script or style anywhere on the way, and no eval: not one CSP violation.
      expect(await violations()).toEqual([]);

      // A session that ends (here: the cookie is gone) brings the login back, with a message.
      await context.clearCookies();
      // The cases page asks the server for its list at once, and hears the 401.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '办件' }).click();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: '登录已失效' }).count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, '06-session-ended.png') });
    } finally {
      await context.close();
    }
  }, 90_000);

  it('renders the task form and shows its validation in the person\'s language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors, violations } = await watchedPage(context);
    try {
      await page.goto(`${base}/tasks/${caseId}/${encodeURIComponent(taskId)}`);
      await signIn(page, 'v_med');
      await page.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();
      await page.getByLabel('受理日期').first().waitFor();
      await page.getByRole('button', { name: '提交' }).click();
      // The form's own error summary lists what is missing, and takes focus.
      const summary = page.getByTestId('cf-error-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('请填写');
      await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('cf-error-summary');
      await page.screenshot({ path: join(SCREENSHOTS, '07-form-errors.png') });
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: 'Submit' }).waitFor();
      // The page's own validation, in English now: nothing was sent to the server.
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect.poll(() => summary.textContent()).toContain('this field is required');
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('fills in and submits the rights notice through the form, and the case goes on to grading', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    try {
      await page.goto(`${base}/tasks/${rightsCaseId}/${encodeURIComponent(rightsTaskId)}`);
      await signIn(page, 'v_med');
      await page.getByRole('heading', { level: 1, name: RIGHTS_ZH }).waitFor();
      await page.locator('#task_notice_version').waitFor();

      // The page's own validation names what is missing before anything is sent.
      await page.getByRole('button', { name: '提交' }).click();
      const summary = page.getByTestId('cf-error-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('请填写告知方式');

      await page.getByRole('radio', { name: '书面', exact: true }).check();
      await page.locator('#task_notice_version').fill('B-F2/2027');
      await page.locator('#task_lists_art23_24').check();
      for (const [i, party] of ['A1', 'R1'].entries()) {
        // A list opens with as many items as it needs at least (minItems); more are added.
        if ((await page.locator(`#task_acks_${i}_party_ref`).count()) === 0) await page.locator('#task_acks__add').click();
        await page.locator(`#task_acks_${i}_party_ref`).fill(party);
        await page.locator(`#task_acks_${i}_signature_method`).getByRole('radio', { name: '手写签名' }).check();
        await page.locator(`#task_acks_${i}_signature_signed_on`).fill(TODAY);
        await page.locator(`#task_acks_${i}_date`).fill(TODAY);
        if ((await page.locator(`#task_consent_${i}_party_ref`).count()) === 0) await page.locator('#task_consent__add').click();
        await page.locator(`#task_consent_${i}_party_ref`).fill(party);
        await page.locator(`#task_consent_${i}_decision`).getByRole('radio', { name: '同意' }).check();
      }
      await page.getByRole('radio', { name: '不公开', exact: true }).check();
      await page.getByRole('button', { name: '提交' }).click();

      // The confirmation, and the next task of the same case.
      await page.getByRole('heading', { name: '已提交' }).waitFor();
      expect(await page.locator('.submission-result').textContent()).toContain(`“${RIGHTS_ZH}”已办理完成。`);
      await page.getByRole('link', { name: `办理下一项：${dispute.steps['grading']!.title!['zh-CN']}` }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, '08-rights-submitted.png'), fullPage: true });

      const caseView = await server.app.inject({ method: 'GET', url: `/api/instances/${rightsCaseId}`, headers: { cookie: await sessionCookie(context) } });
      const data = (caseView.json() as { data: Record<string, unknown> }).data;
      expect(data['rights_notice']).toEqual({
        mode: '书面', notice_version: 'B-F2/2027', lists_art23_24: true, publicity: '不公开',
        acks: ['A1', 'R1'].map((r) => ({ party_ref: r, signature: { method: '手写签名', signed_on: TODAY }, date: TODAY })),
        consent: ['A1', 'R1'].map((r) => ({ party_ref: r, decision: '同意' })),
      });
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

/** The session cookie the browser holds, for asking the API what the page did. */
async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
}
