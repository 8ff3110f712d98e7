import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { ProcessDefinition } from '@civicflow/engine';
import { ADMIN_PASSWORD, launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { recordReliabilityFigures } from './support/reliabilityFigures.js';

/*
 * Issue 7, row "XSS": script vectors in everything a process author or a resident can write — the
 * process, role, step, outcome and form titles, form and field descriptions, choice labels, the
 * case data a form submits, and the ids the server echoes in its error messages — rendered by the
 * BUILT studio in Chromium under the server's real CSP: the inbox, the task page (with the form's
 * own error summary), the case page and its timeline, a server error page, the composer and its
 * form builder preview. Every vector calls a global hook `__xss` if it runs; the test counts hook
 * calls, CSP violations, and elements the vectors would create if any markup were parsed (so an
 * injection fails the test even though the CSP would block it), and checks the text is shown
 * literally.
 */

/** The vectors: a script element, event-handler attributes (img, svg), an attribute breakout, a textarea breakout, a javascript: URL, an iframe srcdoc, a template expression. */
const VECTORS = [
  '<script>__xss("script")</script>',
  '<img src=x onerror=__xss("img")>',
  '<svg onload=__xss("svg")></svg>',
  '"\'><img src=x onerror=__xss("attr")>',
  '</textarea><img src=x onerror=__xss("textarea")>',
  '<a href="javascript:__xss(\'href\')">链接</a>',
  '<iframe srcdoc="<script>parent.__xss(\'iframe\')</script>"></iframe>',
  '{{constructor.constructor(\'__xss("tpl")\')()}}',
];
/** All vectors in one text, marked so the test can find it on the page. */
const P = `XSS[${VECTORS.join('')}]`;
/** A short vector for ids in addresses (path segments cannot hold a slash, and ids are at most 100 characters). */
const URL_VECTOR = '<img src=x onerror=__xss("url")>';

const t = (zh: string) => ({ 'zh-CN': `${zh} ${P}`, en: `${zh} ${P}` });
const XSS_PROCESS: ProcessDefinition = {
  schemaVersion: 1, id: 'xss-probe', version: 1, title: t('流程'),
  description: t('说明'),
  roles: { V_MED: { title: t('调解员') } },
  forms: {
    f: {
      title: t('表单'),
      schema: {
        type: 'object', description: `表单说明 ${P}`, required: ['choice', 'note'],
        properties: {
          choice: { type: 'string', title: `选项 ${P}`, description: `选项说明 ${P}`, oneOf: [{ const: 'a', title: `甲 ${P}` }, { const: 'b', title: `乙 ${P}` }] },
          note: { type: 'string', title: `备注 ${P}`, description: `备注说明 ${P}`, minLength: 1 },
        },
      },
    },
  },
  start: 'first',
  steps: {
    first: { kind: 'task', title: t('第一步'), form: 'f', assignee: { role: 'V_MED' }, next: 'second' },
    second: { kind: 'task', title: t('第二步'), form: 'f', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('结束') },
  },
} as ProcessDefinition;

/** Installed before any page script: the hook the vectors call, counted per page. */
const HOOK = 'window.__xssCalls = []; window.__xss = (k) => window.__xssCalls.push(String(k));';
/** Elements or attributes the vectors would create if their markup were parsed as HTML. */
const INJECTED = 'img[src="x"], svg[onload], [onerror], [onload], iframe[srcdoc], a[href^="javascript:"], script:not([src])';

let server: StudioServer;
let browser: Browser;
let caseId = '';
let secondTask = '';

beforeAll(async () => {
  server = await startStudioServer({ definitions: [XSS_PROCESS] });
  const cookie = await server.login('v_med');
  const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'xss-probe' } });
  expect(started.statusCode, started.body).toBe(201);
  const body = started.json() as { instanceId: string; tasks: { id: string }[] };
  caseId = body.instanceId;
  // The first step is submitted with the vectors as case data: the timeline shows them.
  const done = await server.app.inject({
    method: 'POST', url: `/api/tasks/${caseId}/${encodeURIComponent(body.tasks[0]!.id)}/complete`,
    headers: { cookie, 'idempotency-key': 'xss-first' }, payload: { data: { choice: 'b', note: `提交 ${P}` } },
  });
  expect(done.statusCode, done.body).toBe(200);
  secondTask = (done.json() as typeof body).tasks[0]!.id;
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit { surface: string; calls: string[]; violations: string[]; injected: string[]; literal: boolean }

/** What a page shows after `open`: hook calls, CSP violations, injected elements, and whether the vector text is shown as text. */
async function inspect(page: Page, violations: () => Promise<string[]>, surface: string, expected = P): Promise<Visit> {
  const calls = (await page.evaluate('window.__xssCalls')) as string[];
  const injected = (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(INJECTED)})].map((e) => e.outerHTML.slice(0, 120))`)) as string[];
  const text = (await page.evaluate('document.body.innerText')) as string;
  const inputs = (await page.evaluate('[...document.querySelectorAll("input, textarea, select option")].map((e) => e.value ?? e.textContent).join("\\n")')) as string;
  return { surface, calls, violations: await violations(), injected, literal: text.includes(expected) || inputs.includes(expected) };
}

describe('script vectors in titles, labels, case data and error messages (built studio, Chromium, server CSP)', () => {
  it('are shown as text on the inbox, task, case, error, composer and form-builder pages, and never run', async () => {
    const visits: Visit[] = [];
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    await context.addInitScript({ content: HOOK });
    const { page, errors, violations } = await watchedPage(context);
    try {
      // The mediator: inbox (process and step titles).
      await page.goto(`${server.base}/`);
      await signIn(page, 'v_med');
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      await page.getByText('第二步 XSS[').first().waitFor();
      visits.push(await inspect(page, violations, 'inbox'));

      // The task page: step and form titles, descriptions, field labels, choice labels; submitted
      // empty, the form's own error summary names the fields by their titles.
      await page.goto(`${server.base}/tasks/${caseId}/${encodeURIComponent(secondTask)}`);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: '第二步 XSS[' }).waitFor();
      await page.getByText('甲 XSS[').first().waitFor();
      visits.push(await inspect(page, violations, 'task form'));
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('cf-error-summary').waitFor();
      visits.push(await inspect(page, violations, 'task form errors'));
      await page.screenshot({ path: join(SCREENSHOTS, 'xss-task.png'), fullPage: true });

      // The case page: its timeline with the first step's submission (case data and choice label).
      await page.goto(`${server.base}/cases/${caseId}`);
      await page.getByRole('region', { name: '办理经过' }).waitFor();
      const timeline = page.getByRole('region', { name: '办理经过' });
      // What each task submitted is folded (<details>): open every fold.
      for (const fold of await timeline.locator('details > summary').all()) await fold.click();
      await page.getByText('提交 XSS[').first().waitFor();
      visits.push(await inspect(page, violations, 'case and timeline', `提交 ${P}`));
      await page.screenshot({ path: join(SCREENSHOTS, 'xss-case.png'), fullPage: true });

      // A server error that echoes the address: no such task.
      await page.goto(`${server.base}/tasks/${caseId}/${encodeURIComponent(URL_VECTOR)}`);
      await page.getByRole('alert').filter({ hasText: URL_VECTOR }).waitFor();
      visits.push(await inspect(page, violations, 'server error message', URL_VECTOR));

      // The town's IT staff: the composer (step titles on the canvas and in the panel) and the form
      // builder's preview.
      await page.getByRole('button', { name: '退出' }).click().catch(() => undefined);
      await context.clearCookies();
      await page.goto(`${server.base}/processes/xss-probe/1/edit`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByLabel('选中的步骤').waitFor();
      await page.getByText('第一步 XSS[').first().waitFor();
      visits.push(await inspect(page, violations, 'composer'));
      await page.getByLabel('选中的步骤').selectOption({ value: 'first' });
      await page.getByRole('button', { name: '编辑表单', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /^编辑表单：/ });
      await dialog.waitFor();
      await dialog.getByRole('tab', { name: '预览' }).click();
      await dialog.getByRole('tabpanel').getByText('甲 XSS[').first().waitFor();
      visits.push(await inspect(page, violations, 'form builder preview'));
      await page.screenshot({ path: join(SCREENSHOTS, 'xss-builder.png'), fullPage: true });
    } finally {
      await context.close();
    }

    const executions = visits.reduce((n, v) => n + v.calls.length, 0);
    const cspViolations = new Set(visits.flatMap((v) => v.violations)).size;
    const injected = visits.reduce((n, v) => n + v.injected.length, 0);
    recordReliabilityFigures('xss', {
      // Fields carrying vectors: every text of the definition, plus the submitted case data and the echoed id.
      vectors: VECTORS.length, surfaces: visits.length, fieldsCarryingVectors: JSON.stringify(XSS_PROCESS).split('XSS[').length - 1 + 2,
      executions, cspViolations, injectedElements: injected,
      shownLiterally: visits.filter((v) => v.literal).length,
    });
    expect(visits.map((v) => ({ surface: v.surface, calls: v.calls, injected: v.injected, literal: v.literal }))).toEqual(
      visits.map((v) => ({ surface: v.surface, calls: [], injected: [], literal: true })),
    );
    expect(visits.flatMap((v) => v.violations)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
