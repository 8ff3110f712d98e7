import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright';
import { ADMIN_PASSWORD, SCREENSHOTS, launchChromium, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// The form builder's preview in the built studio, served by the real server under its real CSP
// (script-src 'self', no eval): the draft form's validator is precompiled by the server (POST
// /api/forms/validators) and imported from it, so the preview renders and validates without one
// CSP violation or page error; a schema the server refuses shows its bilingual reason in place of
// the preview. Screenshots: packages/studio/test-results/form-preview-*.png.

/** The composer's new-process template with a field whose pattern backtracks catastrophically ((a+)+). */
const UNSAFE_PATTERN_PROCESS = {
  schemaVersion: 1,
  id: 'pattern-check',
  version: 1,
  title: { 'zh-CN': '编码核对', en: 'code check' },
  roles: { HANDLER: { title: { 'zh-CN': '经办人', en: 'handler' } } },
  forms: {
    handleForm: {
      title: { 'zh-CN': '办理表单', en: 'handling form' },
      schema: { type: 'object', properties: { code: { type: 'string', title: '编码', pattern: '^(a+)+$' }, opinion: { type: 'string', title: '办理意见' } } },
    },
  },
  start: 'task1',
  steps: {
    task1: { kind: 'task', title: { 'zh-CN': '办理', en: 'handle' }, form: 'handleForm', assignee: { role: 'HANDLER' }, next: 'end1' },
    end1: { kind: 'end', title: { 'zh-CN': '办结', en: 'done' }, outcome: 'DONE' },
  },
};

let server: StudioServer;
let browser: Browser;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [] });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The draft validator requests the page made: the POSTs and the module imports, with their answers. */
function recordDraftValidatorTraffic(page: Page): { posts: { status: number; body: unknown }[]; modules: { status: number; type: string | undefined }[] } {
  const posts: { status: number; body: unknown }[] = [];
  const modules: { status: number; type: string | undefined }[] = [];
  page.on('response', (response: Response) => {
    const { pathname } = new URL(response.url());
    if (pathname === '/api/forms/validators' && response.request().method() === 'POST') {
      void response.json().then((body: unknown) => posts.push({ status: response.status(), body }), () => posts.push({ status: response.status(), body: null }));
    } else if (/^\/api\/forms\/validators\/[0-9a-f]{64}\.js$/.test(pathname)) {
      modules.push({ status: response.status(), type: response.headers()['content-type'] });
    }
  });
  return { posts, modules };
}

/** Opens /processes/new as the administrator and the form builder of the template's first task. */
async function openBuilder(page: Page, base: string): Promise<ReturnType<Page['getByRole']>> {
  const response = await page.goto(`${base}/processes/new`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('heading', { level: 1, name: '新建流程' }).waitFor();
  await page.getByLabel('选中的步骤').selectOption({ label: '办理（task1）' });
  await page.getByRole('button', { name: '编辑表单', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^编辑表单：/ });
  await dialog.waitFor();
  return dialog;
}

describe('the form builder\'s preview under the server\'s CSP', () => {
  it('renders a new required text field with the validator the server precompiled for the draft, and names it when the form is submitted empty', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    const traffic = recordDraftValidatorTraffic(page);
    try {
      const dialog = await openBuilder(page, server.base);
      await dialog.getByRole('heading', { level: 2, name: '编辑表单：办理表单', exact: true }).waitFor();

      await dialog.getByRole('button', { name: '单行文本', exact: true }).click();
      await dialog.getByLabel('必填', { exact: true }).check();
      // The JSON first, then back to the preview: the tab shows the form as it is now.
      await dialog.getByRole('tab', { name: 'JSON' }).click();
      expect(await dialog.locator('pre').textContent()).toContain('"required"');
      await dialog.getByRole('tab', { name: '预览' }).click();
      const preview = dialog.getByRole('tabpanel');
      await preview.getByLabel('单行文本').waitFor();
      await expect.poll(() => preview.getByRole('status').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-preview-field.png'), fullPage: true });

      await preview.getByRole('button', { name: '提交' }).click();
      const summary = preview.getByTestId('cf-error-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('请填写单行文本（此项必填）');
      await expect.poll(() => preview.getByText('请填写单行文本（此项必填）').count()).toBeGreaterThanOrEqual(2);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-preview-required.png'), fullPage: true });

      // The validator came from the server, as a module from this origin.
      await expect.poll(() => traffic.posts.length).toBeGreaterThanOrEqual(1);
      expect(traffic.posts.every((p) => p.status === 200)).toBe(true);
      const last = traffic.posts.at(-1)!.body as { url: string };
      expect(last.url).toMatch(/^\/api\/forms\/validators\/[0-9a-f]{64}\.js$/);
      expect(traffic.modules.length).toBeGreaterThanOrEqual(1);
      expect(traffic.modules.every((m) => m.status === 200 && m.type === 'text/javascript; charset=utf-8')).toBe(true);

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows the server\'s refusal of an unsafe pattern in place of the preview, in the person\'s language, and the preview again once the field is removed', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    const traffic = recordDraftValidatorTraffic(page);
    try {
      await openBuilder(page, server.base);
      await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
      // A process whose form checks a code with a pattern that backtracks catastrophically, pasted in.
      await page.getByRole('button', { name: '导入 JSON' }).click();
      await page.getByLabel('粘贴 JSON').fill(JSON.stringify(UNSAFE_PATTERN_PROCESS));
      await page.getByRole('button', { name: '导入粘贴的内容' }).click();
      await page.getByText('已导入流程定义；可撤销').waitFor();
      await page.getByLabel('选中的步骤').selectOption({ label: '办理（task1）' });
      await page.getByRole('button', { name: '编辑表单', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /^编辑表单：/ });
      const alert = dialog.getByRole('tabpanel').getByRole('alert');
      await alert.waitFor();
      const said = (await alert.textContent()) ?? '';
      expect(said).toContain('无法显示预览：');
      expect(said).toContain('表单定义有 1 处问题，无法生成预览所需的校验程序；首个（/properties/code/pattern）');
      expect(said).toContain('灾难性回溯');
      expect(said).toContain('处理办法：');
      expect(said).toContain('错误代码：CF_SERVER_FORM_SCHEMA_INVALID');
      expect(await dialog.getByRole('tabpanel').locator('form').count()).toBe(0);
      await expect.poll(() => traffic.posts.map((p) => p.status)).toContain(422);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-preview-refused.png'), fullPage: true });

      // Without the field the form is safe: the preview is back.
      await dialog.getByRole('button', { name: '删除 编码' }).click();
      await dialog.getByRole('tabpanel').getByLabel('办理意见').waitFor();
      expect(await dialog.getByRole('tabpanel').getByRole('alert').count()).toBe(0);

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
