import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { PRECOMPILED_FORM_MODULE_FORMAT } from '@civicflow/forms';
import { BUILDER_CSS, TASK_FORM_CSS } from '@civicflow/forms/react';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import candidateVettingJson from '../../../examples/village-election/candidate-vetting.json';
import mediationJson from '../../../examples/dispute-mediation/process.json';
import { forgetDefinitionListing, loadDefinitions } from '../src/definitions/definitionCache.js';
// The studio's own stylesheet, as the app loads it (contrast fixes, layout, large text).
import '../src/styles/app.css';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';
import { choose, commit, control, hasControl, hasProblem, node } from './support/composerHarness.js';
import { seriousViolations } from './support/axeViolations.js';

// The flow composer in a real Chromium, driven by clicks and the keyboard only, against a scripted
// server (fetch is replaced): a three-step process built from the template with a new form edited
// in the form builder, problems appearing on the nodes and going away, undo and redo, export, and
// publication (refused with problems, then accepted); the form builder's preview with the
// validator the server precompiles for the draft.

const admin = { id: 'u-admin', username: 'admin', displayName: '县管理员', orgUnit: 'county:huaxi', orgUnitName: '花溪县', roles: ['ADMIN'] };
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The requests the scripted server saw, and how it answers POST /api/definitions (in turn). */
const requests: { method: string; url: string; body: unknown }[] = [];
let publishAnswers: (() => Response)[] = [];
/**
 * How it answers POST /api/forms/validators: by default as the server does — the draft's module
 * compiled (here, in the page) and served from its own address (a blob: URL the page imports).
 */
let draftValidatorAnswer: ((schema: object) => Response) | undefined;
function compiledDraftValidator(schema: object): Response {
  const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
  return json(200, { url, sha256: 'ab'.repeat(32), format: PRECOMPILED_FORM_MODULE_FORMAT });
}
const draftValidatorPosts = () => requests.filter((r) => r.url === '/api/forms/validators');
const publications = () => requests.filter((r) => r.url === '/api/definitions' && r.method === 'POST');
let definitionsListing: unknown[] = [];
const published: Record<string, unknown> = {};

// The studio ships the builder's and the task form's CSS as stylesheets (vite-plugins/formsStylesheets.ts); here they are added by hand.
const style = document.createElement('style');
style.textContent = `${BUILDER_CSS}\n${TASK_FORM_CSS}`;
document.head.append(style);

beforeEach(() => {
  localStorage.clear();
  forgetDefinitionListing(); // the page's cache of the listing outlives a test
  requests.length = 0;
  publishAnswers = [];
  draftValidatorAnswer = undefined;
  definitionsListing = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    requests.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    if (url === '/api/me') return json(200, { user: admin });
    if (url === '/api/definitions' && method === 'GET') return json(200, { definitions: definitionsListing });
    if (url === '/api/definitions' && method === 'POST') {
      const answer = publishAnswers.shift();
      if (!answer) throw new Error('unexpected publication');
      return answer();
    }
    if (url === '/api/forms/validators' && method === 'POST') return (draftValidatorAnswer ?? compiledDraftValidator)((JSON.parse(init!.body as string) as { schema: object }).schema);
    if (Object.hasOwn(published, url)) return json(200, published[url]);
    return json(404, { code: 'CF_SERVER_NOT_FOUND', message: t('没有', 'none') });
  }));
  window.history.replaceState(null, '', '/processes/new');
});

afterEach(unmountApp);

function mount(): HTMLElement {
  const page = mountApp();
  page.style.width = '1400px';
  return page;
}

/** The draft as the export button writes it (the Blob handed to URL.createObjectURL). */
async function exportDraft(page: HTMLElement, name = '导出 JSON'): Promise<{ file: string; definition: ProcessDefinition }> {
  const blobs: Blob[] = [];
  const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:composer-test';
  });
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    expect(this.download).toMatch(/\.json$/);
  });
  try {
    await userEvent.click(button(page, name));
    expect(blobs).toHaveLength(1);
    const file = await blobs[0]!.text();
    return { file, definition: JSON.parse(file) as ProcessDefinition };
  } finally {
    create.mockRestore();
    clicks.mockRestore();
  }
}

/** For what waits on ELK laying out a large definition again. */
const waitLong = <T,>(check: () => T) => vi.waitFor(check, { timeout: 15000, interval: 50 });

const panelHeading = (page: HTMLElement) => text(page.querySelector('.composer-panel__heading'));

describe('the flow composer', () => {
  it('builds a three-step process with the palette and panels, a new form from the form builder, and publishes it', async () => {
    const page = mount();
    // The first diagram waits for its chunk (React Flow, ELK) and the first layout.
    await vi.waitFor(() => expect(node(page, 'end1')).not.toBeNull(), { timeout: 20000, interval: 50 });
    expect(text(page.querySelector('h1'))).toBe('新建流程');
    // The template is valid but for its id, which the author must set.
    expect(text(page.querySelector('#composer-problems-heading'))).toBe('问题（1，其中错误 1）');
    expect(text(page)).toContain('请设置流程标识');

    // The process: id (checked) and title.
    await commit(page, '流程标识', 'Grid_Events');
    expect(text(page)).toContain('“Grid_Events”不是有效的流程标识');
    await commit(page, '流程标识', 'grid-event-report');
    await commit(page, '流程名称', '网格事件上报');
    await commit(page, '流程名称（英文）', 'grid event report');
    await waitFor(() => expect(text(page.querySelector('#composer-problems-heading'))).toBe('校验通过，没有问题'));

    // A role.
    await userEvent.fill(control(page, '角色标识'), 'GRID');
    await userEvent.fill(control(page, '角色名称'), '网格员');
    await userEvent.fill(control(page, '角色名称（英文）'), 'grid worker');
    await userEvent.click(button(page, '添加角色'));
    expect(text(page.querySelector('#composer-roles-heading'))).toBe('角色（2）');

    // The first step, selected from the diagram with the keyboard.
    node(page, 'task1')!.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(panelHeading(page)).toBe('步骤：办理 人工办理'));
    expect(document.activeElement).toBe(page.querySelector('.composer-panel__heading'));
    expect(node(page, 'task1')!.getAttribute('aria-label')).toBe('步骤 办理，已选中');
    await commit(page, '步骤名称', '上报事件');
    await commit(page, '步骤名称（英文）', 'report the event');
    await choose(page, '办理角色', '网格员（GRID）');

    // A new form for it, created from the panel and edited in the form builder.
    await choose(page, '表单', '新建表单…');
    await userEvent.fill(control(page, '新表单标识'), 'report');
    await userEvent.fill(control(page, '新表单名称'), '事件上报');
    await userEvent.fill(control(page, '新表单名称（英文）'), 'event report');
    await userEvent.click(button(page, '创建表单'));
    await waitFor(() => expect(control<HTMLSelectElement>(page, '表单').value).toBe('report'));
    await userEvent.click(button(page, '编辑表单'));
    const dialog = await waitFor(() => {
      const open = document.querySelector<HTMLDialogElement>('dialog.composer-dialog');
      expect(open?.open).toBe(true);
      return open!;
    });
    expect(text(dialog.querySelector('h2'))).toBe('编辑表单：事件上报');
    await userEvent.click(button(dialog, '单行文本'));
    await commit(dialog, '标题', '事件地点');
    await userEvent.click(button(dialog, '保存'));
    await waitFor(() => expect(text(dialog)).toContain('已保存'));
    await userEvent.click(button(dialog, '关闭'));
    await waitFor(() => expect(document.querySelector('dialog.composer-dialog')).toBeNull());
    expect(text(page)).toContain('已保存表单“事件上报”');

    // A second task after the first: added from the palette, it has no form yet — a problem on its node.
    await userEvent.click(button(page, '添加步骤：人工办理'));
    await waitFor(() => expect(panelHeading(page)).toBe('步骤：人工办理 人工办理'));
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(true));
    expect(node(page, 'task2')!.getAttribute('aria-label')).toBe('步骤 人工办理，问题，已选中');
    expect(text(node(page, 'task2'))).toContain('表单 未在 forms 中定义 / form is not defined in forms');
    await commit(page, '步骤名称', '镇级处置');
    await choose(page, '表单', '办理表单（handleForm）');
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(false));

    // Undo brings the problem back; Ctrl+Shift+Z and Ctrl+Y redo, Ctrl+Z undoes.
    await userEvent.click(button(page, '撤销'));
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(true));
    expect(control<HTMLSelectElement>(page, '表单').value).toBe('');
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(false));
    await userEvent.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(true));
    await userEvent.keyboard('{Control>}y{/Control}');
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(false));
    expect(text(page)).toContain('已重做：修改步骤属性');

    // Connecting by choosing the next step: cut the route to the end, then connect it again.
    await choose(page, '下一步', '（未设置）');
    await waitFor(() => expect(hasProblem(page, 'end1')).toBe(true));
    expect(hasProblem(page, 'task2')).toBe(true);
    await choose(page, '下一步', '办结（end1）');
    await waitFor(() => expect(hasProblem(page, 'end1')).toBe(false));
    expect(hasProblem(page, 'task2')).toBe(false);
    await waitFor(() => expect(page.querySelectorAll('.react-flow__edge')).toHaveLength(2));

    // Export: the expected document, and a valid one.
    const { file, definition } = await exportDraft(page);
    expect(file.endsWith('\n')).toBe(true);
    const report = definition.forms['report']!;
    const fieldIds = Object.keys((report.schema as { properties: object }).properties);
    expect(fieldIds).toHaveLength(1);
    expect(definition).toEqual({
      schemaVersion: 1,
      id: 'grid-event-report',
      version: 1,
      title: t('网格事件上报', 'grid event report'),
      roles: { HANDLER: { title: t('经办人', 'handler') }, GRID: { title: t('网格员', 'grid worker') } },
      forms: {
        handleForm: { title: t('办理表单', 'handling form'), schema: { type: 'object', properties: { opinion: { type: 'string', title: '办理意见' } } } },
        report: { title: t('事件上报', 'event report'), schema: { type: 'object', properties: { [fieldIds[0]!]: expect.objectContaining({ type: 'string', title: '事件地点' }) } }, ...(report.uiSchema ? { uiSchema: report.uiSchema } : {}) },
      },
      start: 'task1',
      steps: {
        task1: { kind: 'task', title: t('上报事件', 'report the event'), form: 'report', assignee: { role: 'GRID' }, next: 'task2' },
        end1: { kind: 'end', title: t('办结', 'done'), outcome: 'DONE' },
        task2: { kind: 'task', title: t('镇级处置', 'Task'), form: 'handleForm', assignee: { role: 'HANDLER' }, next: 'end1' },
      },
    });
    expect(validateDefinition(definition)).toEqual([]);

    // The listing of published processes is fetched once per page…
    definitionsListing = [];
    await loadDefinitions();
    await loadDefinitions();
    expect(requests.filter((r) => r.url === '/api/definitions' && r.method === 'GET')).toHaveLength(1);

    // Publish: the server refuses with a problem on the second task, shown on its node …
    publishAnswers.push(() => json(422, {
      code: 'CF_SERVER_DEFINITION_INVALID', message: t('流程定义有 1 处错误，未发布', 'the definition has 1 error and was not published'),
      details: [{ pointer: '/steps/task2/assignee/role', code: 'CF_DEF_UNKNOWN_ROLE', severity: 'error', message: t('角色 HANDLER 在本县未设置', 'role HANDLER is not set up in this county'), hint: t('改用已设置的角色', 'use a role that is set up') }],
    }));
    await userEvent.click(button(page, '发布'));
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(true));
    expect(text(node(page, 'task2'))).toContain('角色 HANDLER 在本县未设置 / role HANDLER is not set up in this county');
    expect(text(page)).toContain('服务器未接受发布（1 个问题）');
    expect(text(page)).toContain('未发布：服务器发现 1 处错误，已标注在相关步骤上。');
    const sent = publications();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual(definition);

    // … fixed, and published.
    await choose(page, '办理角色', '网格员（GRID）');
    await waitFor(() => expect(hasProblem(page, 'task2')).toBe(false));
    publishAnswers.push(() => json(201, {
      created: true, id: 'grid-event-report', version: 1, title: t('网格事件上报', 'grid event report'), sha256: 'ab'.repeat(32), publishedAt: '2027-03-01T09:00:00+08:00', warnings: [],
    }));
    await userEvent.click(button(page, '发布'));
    const status = page.querySelector('#composer-publish-status')!;
    await waitFor(() => expect(text(status)).toContain('已发布“网格事件上报”第 1 版。'));
    expect(status.getAttribute('role')).toBe('status');
    expect(status.querySelector('a')?.getAttribute('href')).toBe('/processes/grid-event-report/1');
    expect(text(status.querySelector('a'))).toBe('查看第 1 版');
    expect(publications()[1]!.body).toMatchObject({ steps: { task2: { assignee: { role: 'GRID' } } } });
    // … and the listing is fetched again on the next page that needs it.
    await loadDefinitions();
    expect(requests.filter((r) => r.url === '/api/definitions' && r.method === 'GET')).toHaveLength(2);
  });

  it('previews the form being built with the validator the server precompiles for the draft: one request for a burst of edits, the server\'s refusal in its place', async () => {
    const page = mount();
    await waitFor(() => expect(node(page, 'task1')).not.toBeNull());
    node(page, 'task1')!.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(panelHeading(page)).toBe('步骤：办理 人工办理'));
    await userEvent.click(button(page, '编辑表单'));
    const dialog = await waitFor(() => {
      const open = document.querySelector<HTMLDialogElement>('dialog.composer-dialog');
      expect(open?.open).toBe(true);
      return open!;
    });
    const preview = () => dialog.querySelector<HTMLElement>('[role=tabpanel]')!;
    // The preview tab is open first: it says the validator is on its way, then shows the form.
    expect(text(preview())).toBe('正在准备预览…');
    await waitFor(() => expect(preview().querySelector('input')).not.toBeNull());
    expect(draftValidatorPosts().map((r) => r.body)).toEqual([
      { schema: { type: 'object', properties: { opinion: { type: 'string', title: '办理意见' } } }, format: PRECOMPILED_FORM_MODULE_FORMAT },
    ]);

    // A required field: the preview shows it and, on submit, the module's message for it.
    await userEvent.click(button(dialog, '单行文本'));
    await userEvent.click(control(dialog, '必填'));
    await commit(dialog, '标题', '事件地点');
    await waitFor(() => expect(text(preview().querySelector('form'))).toContain('事件地点'));
    await waitFor(() => expect(preview().querySelector('[aria-busy=true]')).toBeNull());
    await userEvent.click(button(preview(), '提交'));
    await waitFor(() => expect(text(preview())).toContain('请填写事件地点（此项必填）'));

    // Three fields added at once: one request, for the form they end with.
    const before = draftValidatorPosts().length;
    for (let i = 0; i < 3; i++) {
      // Clicked from script, with only a turn of the event loop between (React renders each): far quicker than the wait before a request.
      button(dialog, '多行文本').click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // Meanwhile the last preview stays in view, marked busy.
    await waitFor(() => expect(text(preview())).toContain('正在更新预览…（下面仍是修改前的表单）'));
    expect(preview().querySelector('[aria-busy=true] form')).not.toBeNull();
    await waitFor(() => expect(preview().querySelectorAll('textarea')).toHaveLength(3));
    expect(draftValidatorPosts()).toHaveLength(before + 1);
    const lastPosted = draftValidatorPosts().at(-1)!.body as { schema: { properties: object } };
    expect(Object.keys(lastPosted.schema.properties)).toHaveLength(5);

    // The server refuses the next form: its message, fix and code replace the preview; 重试 asks again.
    draftValidatorAnswer = () => json(422, {
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      message: t('表单定义有 1 处问题，无法生成预览所需的校验程序；首个（/properties/integer1）：示例问题', 'the form definition has 1 problem(s), so its validator for the preview cannot be compiled; the first (/properties/integer1): an example'),
      hint: t('按提示修改表单中相应的字段', 'change the field the message names'),
      details: [{ pointer: '/properties/integer1', code: 'CF_FORMS_SCHEMA_INVALID', message: t('示例问题', 'an example') }],
    });
    await userEvent.click(button(dialog, '整数'));
    const alert = await waitFor(() => {
      const found = preview().querySelector('[role=alert]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect([...alert.children].map(text)).toEqual([
      '无法显示预览： 表单定义有 1 处问题，无法生成预览所需的校验程序；首个（/properties/integer1）：示例问题',
      '处理办法：按提示修改表单中相应的字段',
      '错误代码：CF_SERVER_FORM_SCHEMA_INVALID',
      '重试',
    ]);
    expect(preview().querySelector('form')).toBeNull();
    draftValidatorAnswer = undefined;
    await userEvent.click(button(preview(), '重试'));
    await waitFor(() => expect(preview().querySelector('input[type=number], input[inputmode]')).not.toBeNull());
    expect(preview().querySelector('[role=alert]')).toBeNull();
    await userEvent.click(button(dialog, '关闭'));
  });

  it('checks a guard as it is typed with the engine\'s parser, in both languages, and marks the step until it is fixed', async () => {
    const page = mount();
    await waitFor(() => expect(node(page, 'task1')).not.toBeNull());
    await choose(page, '选中的步骤', '办理（task1）');
    await userEvent.click(button(page, '添加步骤：条件判断'));
    await waitFor(() => expect(panelHeading(page)).toBe('步骤：条件判断 条件判断'));
    expect(control<HTMLSelectElement>(page, '下一步').value).toBe('end1');
    await userEvent.click(button(page, '添加条件去向'));
    const guard = await waitFor(() => control(page, '条件 1'));
    // A new guard is empty: a problem on the step at once.
    await waitFor(() => expect(hasProblem(page, 'decision1')).toBe(true));
    const check = () => text(document.getElementById(guard.getAttribute('aria-describedby')!.split(' ')[0]!));
    expect(check()).toBe('表达式为空the expression is empty位置：第 1 个字符 / position: character 1');

    await userEvent.fill(guard, 'data.task1.opinion ==');
    expect(guard.getAttribute('aria-invalid')).toBe('true');
    expect(check()).toContain('第 22 个字符处应为一个值，实际为表达式结尾');
    expect(check()).toContain('expected a value at character 22, found the end of the expression');
    expect(check()).toContain('位置：第 22 个字符 / position: character 22');
    await userEvent.fill(guard, 'form.urgent');
    expect(check()).toContain('这里不能用名称 form；可用：data、config、case、now、today、actor');
    expect(check()).toContain('the name form is not available here');
    await userEvent.fill(guard, "lenn(data.task1.opinion) > 0");
    expect(check()).toContain('没有函数 lenn');

    // Committed with a problem: the draft takes it, and the decision's node says so.
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(text(node(page, 'decision1'))).toContain('表达式 `lenn(data.task1.opinion) > 0` 调用了未知函数 lenn'));
    expect(hasProblem(page, 'decision1')).toBe(true);
    await userEvent.fill(guard, "len(data.task1.opinion) > 0");
    expect(check()).toBe('表达式正确');
    expect(guard.hasAttribute('aria-invalid')).toBe(false);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(hasProblem(page, 'decision1')).toBe(false));
    await choose(page, '条件 1 成立时转到', '办结（end1）');
    expect(control<HTMLSelectElement>(page, '条件 1 成立时转到').value).toBe('end1');
  });

  it('speaks English when the person chose it, guard messages included', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    const page = mount();
    await waitFor(() => expect(node(page, 'task1')).not.toBeNull());
    expect(text(page.querySelector('h1'))).toBe('New process');
    expect(button(page, 'Add step: Joint review')).toBeDefined();
    await choose(page, 'Selected step', 'handle（task1）');
    await waitFor(() => expect(panelHeading(page)).toBe('Step: handle Task'));
    expect(hasControl(page, 'Step title (Chinese)')).toBe(true);
    expect(hasControl(page, 'Deadline (days)')).toBe(false);
    await userEvent.click(control(page, 'Set a Deadline'));
    await waitFor(() => expect(hasControl(page, 'Deadline (days)')).toBe(true));
    expect(control<HTMLSelectElement>(page, 'Counted in').value).toBe('days');
    await choose(page, 'Counted in', 'working days (by the holiday calendar)');
    await commit(page, 'Deadline (days)', '3');
    await commit(page, 'Deadline basis (Chinese)', '网格化服务管理规定');
    await commit(page, 'Deadline basis (English)', 'grid management rules');
    const { definition } = await exportDraft(page, 'Export JSON');
    expect(definition.steps['task1']).toMatchObject({ deadline: { duration: { workingDays: 3 }, basis: t('网格化服务管理规定', 'grid management rules') } });
  });

  it('opens the next version of a published process, with its parallel branches and escalation rungs', async () => {
    const mediation = mediationJson as unknown as ProcessDefinition;
    published['/api/definitions/dispute-mediation/versions/1'] = { id: 'dispute-mediation', version: 1, title: mediation.title, publishedAt: '2027-01-01T00:00:00+08:00', document: mediation };
    definitionsListing = [{ id: 'dispute-mediation', title: mediation.title, latestVersion: 2, versions: [] }];
    window.history.replaceState(null, '', '/processes/dispute-mediation/1/edit');
    const page = mount();
    await waitLong(() => expect(node(page, 'ladder/TOWN')).not.toBeNull());
    expect(text(page.querySelector('h1'))).toBe('编辑流程：dispute-mediation（基于第 1 版）');
    expect(control(page, '版本号').value).toBe('3');
    expect(text(page)).toContain('修改后将发布为第 3 版');
    expect(node(page, 'handling')!.classList.contains('react-flow__node-group')).toBe(true);

    // A rung, selected from the list: its level and deadline.
    await choose(page, '选中的步骤', '层级：乡镇调解（大事不出镇）');
    await waitFor(() => expect(panelHeading(page)).toBe('层级：乡镇调解（大事不出镇）（逐级调处：村→镇→县→法院）'));
    expect(control<HTMLSelectElement>(page, '办理层级').value).toBe('town');
    expect(node(page, 'ladder/TOWN')!.getAttribute('aria-label')).toContain('已选中');
    // The palette adds into the selected rung.
    expect(text(page.querySelector('#composer-palette-target'))).toBe('新步骤将加到层级“乡镇调解（大事不出镇）”。');
    await userEvent.click(button(page, '添加步骤：人工办理'));
    await waitLong(() => expect(node(page, 'task1')).not.toBeNull());
    const inside = (inner: HTMLElement, outer: HTMLElement) => {
      const a = inner.getBoundingClientRect();
      const b = outer.getBoundingClientRect();
      return a.left >= b.left - 0.5 && a.top >= b.top - 0.5 && a.right <= b.right + 0.5 && a.bottom <= b.bottom + 0.5;
    };
    await waitLong(() => expect(inside(node(page, 'task1')!, node(page, 'ladder/TOWN')!)).toBe(true));
  });

  it('imports JSON (a mistake is shown with its line and column; undo brings the draft back) and opens a joint review', async () => {
    const page = mount();
    await waitFor(() => expect(node(page, 'task1')).not.toBeNull());
    await userEvent.click(button(page, '导入 JSON'));
    const paste = control<HTMLTextAreaElement>(page, '粘贴 JSON');
    await userEvent.fill(paste, '{\n  "schemaVersion": 1,\n  "id": "x",\n}');
    await userEvent.click(button(page, '导入粘贴的内容'));
    const alert = await waitFor(() => page.querySelector('.composer-import [role="alert"]')!);
    expect(text(alert)).toContain('第 4 行第 1 列：');
    expect(text(alert)).toContain('第 4 行第 1 列不是合法的 JSON：这里应为下一个属性名（JSON 不允许末尾多余的逗号） / line 4, column 1 is not valid JSON');

    await userEvent.fill(paste, JSON.stringify(candidateVettingJson));
    await userEvent.click(button(page, '导入粘贴的内容'));
    await waitLong(() => expect(node(page, 'countyVetting')).not.toBeNull());
    expect(node(page, 'task1')).toBeNull();
    expect(text(page)).toContain('已导入流程定义；可撤销');

    await choose(page, '选中的步骤', `${(candidateVettingJson as unknown as ProcessDefinition).steps['countyVetting']!.title!['zh-CN']}（countyVetting）`);
    await waitFor(() => expect(panelHeading(page)).toContain('联审会签'));
    expect(control<HTMLSelectElement>(page, '何时算通过').value).toBe((candidateVettingJson as unknown as { steps: { countyVetting: { join: { rule: string } } } }).steps.countyVetting.join.rule);
    expect(hasControl(page, '下一步（通过）')).toBe(true);
    expect(hasControl(page, '下一步（不通过）')).toBe(true);

    await userEvent.click(button(page, '撤销'));
    await waitLong(() => expect(node(page, 'task1')).not.toBeNull());
    expect(node(page, 'countyVetting')).toBeNull();
  });

  it.each([['zh-CN', false], ['en', true]] as const)('has no serious or critical axe violations (%s, large text %s)', async (locale, largeText) => {
    localStorage.setItem('civicflow.locale', locale);
    localStorage.setItem('civicflow.largeText', largeText ? '1' : '0');
    const page = mount();
    await waitFor(() => expect(node(page, 'task1')).not.toBeNull());
    node(page, 'task1')!.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(page.querySelector('.composer-panel__heading')).not.toBeNull());
    await userEvent.click(control(page, locale === 'en' ? 'Set a Deadline' : '设置期限'));
    await userEvent.click(button(page, locale === 'en' ? 'Add a guarded route' : '添加条件去向'));
    const check = async (root: Element) => expect(await seriousViolations(root)).toEqual([]);
    await check(page);
    // The form builder's dialog, open over the page.
    await userEvent.click(button(page, locale === 'en' ? 'Edit form' : '编辑表单'));
    const dialog = await waitFor(() => document.querySelector<HTMLDialogElement>('dialog[open]')!);
    await check(dialog);
    // … and once its preview shows the form.
    await waitFor(() => expect(dialog.querySelector('[role=tabpanel] form')).not.toBeNull());
    await check(dialog);
  });
});
