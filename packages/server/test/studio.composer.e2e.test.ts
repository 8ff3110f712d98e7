import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright';
import { launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// The designer's path end to end (issue 5 §7 a): the town's IT staff (t_it, 乡镇信息员) builds a
// new three-step process in the flow composer — a registration task with a new form made in the
// form builder, a handling task, an end — publishes it, and starts a case; the town centre's cadre
// (t_center) completes both tasks from the inbox; the case page's timeline shows every step. The
// built studio on the real server over SQLite, in Chromium under the server's CSP.
// Screenshots: packages/studio/test-results/4x-composer-*.png.

const PROCESS_ID = 'street-light-repair';
const PROCESS_ZH = '路灯报修';

let server: StudioServer;
let browser: Browser;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [] });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Types into a text field and presses Enter: the composer's fields take effect on Enter or on leaving them. */
async function commit(scope: Page | Locator, name: string, value: string): Promise<void> {
  const field = scope.getByRole('textbox', { name, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

async function choose(page: Page, name: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name, exact: true }).selectOption({ label: option });
}

/** The composer's side panel names the selected step in its heading. */
async function selectStep(page: Page, option: string): Promise<void> {
  await choose(page, '选中的步骤', option);
}

describe('an IT staff user builds and publishes a process in the studio; a cadre works it from the inbox', () => {
  it('composes, publishes, starts a case, completes its tasks, and the timeline shows every step', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    // The composer asks before leaving a draft that was neither published nor exported.
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await page.goto(`${server.base}/`);
      await signIn(page, 't_it');
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();

      // 流程 → 新建流程: the composer opens on the template (one task, one end).
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '流程' }).click();
      await page.getByRole('heading', { level: 1, name: '流程' }).waitFor();
      await page.getByRole('link', { name: '新建流程' }).click();
      await page.getByRole('heading', { level: 1, name: '新建流程' }).waitFor();
      await page.getByRole('group', { name: /^步骤 办结/ }).waitFor();
      expect(await page.locator('main').textContent()).toContain('请设置流程标识');

      // The process: its id and title.
      await commit(page, '流程标识', PROCESS_ID);
      await commit(page, '流程名称', PROCESS_ZH);
      await commit(page, '流程名称（英文）', 'street light repair');

      // The town centre handles both tasks: its role, then the template's placeholder role goes.
      await page.getByRole('textbox', { name: '角色标识', exact: true }).fill('T_CENTER');
      await page.getByRole('textbox', { name: '角色名称', exact: true }).fill('镇综治中心');
      await page.getByRole('textbox', { name: '角色名称（英文）', exact: true }).fill('town centre');
      await page.getByRole('button', { name: '添加角色', exact: true }).click();

      // Step 1: registration, with a new form made in the form builder.
      await selectStep(page, '办理（task1）');
      await commit(page, '步骤名称', '登记报修');
      await commit(page, '步骤名称（英文）', 'register the report');
      await choose(page, '办理角色', '镇综治中心（T_CENTER）');
      await choose(page, '表单', '新建表单…');
      await page.getByRole('textbox', { name: '新表单标识', exact: true }).fill('repairForm');
      await page.getByRole('textbox', { name: '新表单名称', exact: true }).fill('报修登记');
      await page.getByRole('textbox', { name: '新表单名称（英文）', exact: true }).fill('repair report');
      await page.getByRole('button', { name: '创建表单', exact: true }).click();
      await page.getByRole('button', { name: '编辑表单', exact: true }).click();
      const builder = page.getByRole('dialog', { name: '编辑表单：报修登记' });
      await builder.waitFor();
      await builder.getByRole('button', { name: '单行文本', exact: true }).click();
      await commit(builder, '标题', '路灯位置');
      await page.screenshot({ path: join(SCREENSHOTS, '41-composer-form-builder.png'), fullPage: true });
      await builder.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => builder.textContent()).toContain('已保存');
      await builder.getByRole('button', { name: '关闭', exact: true }).click();
      await builder.waitFor({ state: 'detached' });

      // Step 2: handling, added after step 1 from the palette, with the template's handling form.
      await page.getByRole('button', { name: '添加步骤：人工办理', exact: true }).click();
      await commit(page, '步骤名称', '维修处置');
      await commit(page, '步骤名称（英文）', 'repair');
      await choose(page, '办理角色', '镇综治中心（T_CENTER）');
      await choose(page, '表单', '办理表单（handleForm）');
      await page.getByRole('button', { name: /^删除角色“经办人”/ }).click();

      // Three steps, connected in order, and nothing left to fix.
      await expect.poll(() => page.locator('#composer-problems-heading').textContent()).toBe('校验通过，没有问题');
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
      await page.screenshot({ path: join(SCREENSHOTS, '42-composer-three-steps.png'), fullPage: true });

      // Publish.
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByRole('status').filter({ hasText: `已发布“${PROCESS_ZH}”第 1 版。` }).first().waitFor();
      const stored = await server.app.definitions!.get(PROCESS_ID, 1);
      expect(Object.keys(stored!.document.steps)).toEqual(['task1', 'end1', 'task2']);
      expect(stored!.document.steps['task1']).toMatchObject({ kind: 'task', form: 'repairForm', assignee: { role: 'T_CENTER' }, next: 'task2' });
      expect(stored!.document.steps['task2']).toMatchObject({ kind: 'task', form: 'handleForm', assignee: { role: 'T_CENTER' }, next: 'end1' });
      expect(Object.values(stored!.document.forms['repairForm']!.schema['properties'] as Record<string, { title: string }>).map((p) => p.title)).toEqual(['路灯位置']);
      await page.getByRole('link', { name: '查看第 1 版' }).click();
      await page.getByRole('heading', { level: 1, name: `${PROCESS_ZH}（第 1 版）` }).waitFor();

      // The IT staff starts a case in the town.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '办件' }).click();
      await page.getByLabel('选择流程').selectOption({ label: PROCESS_ZH });
      await page.getByRole('button', { name: '发起办件' }).click();
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      const caseUrl = page.url();
      const caseId = decodeURIComponent(caseUrl.split('/').pop()!);

      // The town centre's cadre: the first task is in the inbox.
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      await signIn(page, 't_center');
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const first = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '登记报修' }) });
      await first.waitFor();
      expect(await first.textContent()).toContain(PROCESS_ZH);
      await first.getByRole('link', { name: '登记报修' }).click();
      await page.getByRole('heading', { level: 1, name: '登记报修' }).waitFor();
      await page.getByRole('textbox', { name: '路灯位置' }).fill('青石镇人民路 12 号路灯');
      await page.getByRole('button', { name: '提交' }).click();

      // Submitted: the confirmation offers the next task of the case, which is the cadre's too.
      await page.getByRole('link', { name: '维修处置' }).click();
      await page.getByRole('heading', { level: 1, name: '维修处置' }).waitFor();
      await page.getByRole('textbox', { name: '办理意见' }).fill('已更换灯泡，恢复照明');
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByRole('status').filter({ hasText: '已提交' }).first().waitFor();

      // The case page: closed, and the timeline has every step with who did it and what was submitted.
      await page.goto(caseUrl);
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      const timeline = page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
      await expect.poll(async () => (await timeline.allTextContents()).some((e) => e.includes('办件办结'))).toBe(true);
      const entries = await timeline.allTextContents();
      expect(entries[0]).toContain('办件发起');
      expect(entries[0]).toContain('u-t_it');
      for (const step of ['登记报修', '维修处置']) {
        expect(entries.some((e) => e.includes('办理完成') && e.includes(step) && e.includes('u-t_center')), step).toBe(true);
      }
      const registered = timeline.filter({ hasText: '办理完成' }).filter({ hasText: '登记报修' });
      await registered.getByText('查看提交内容').click();
      expect(await registered.textContent()).toContain('青石镇人民路 12 号路灯');
      await page.screenshot({ path: join(SCREENSHOTS, '43-composer-case-timeline.png'), fullPage: true });

      const ended = await server.app.inject({ method: 'GET', url: `/api/instances/${caseId}`, headers: { cookie: await server.login('admin') } });
      expect(ended.json()).toMatchObject({ status: 'done', definitionId: PROCESS_ID, definitionVersion: 1 });

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
