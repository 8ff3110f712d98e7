import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright';
import type { ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { signIn, watchedPage } from './studioE2e.js';
import type { StudioServer } from './studioE2e.js';

// The README's tours walked in the built studio: each demo user signs in in a browser context of
// their own, opens a task from the inbox (待办), fills its generated form by the field ids
// <TaskForm> gives (`task_<path joined by _>`) and submits it. Used by the D and E end-to-end tests.

const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** An example definition as published (`dir/file.json` under examples/). */
export function exampleDefinition(file: string): ProcessDefinition {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ProcessDefinition;
}

/** The Chinese title of a step, wherever it sits (parallel branches, ladder rungs): what the inbox and the task page show. */
export function stepTitle(definition: ProcessDefinition, stepId: string): string {
  const find = (steps: Record<string, StepDefinition>): string | undefined => {
    for (const [id, step] of Object.entries(steps)) {
      if (id === stepId && step.title) return step.title['zh-CN'];
      const inner = step.kind === 'parallel' ? step.branches.map((b) => b.steps) : step.kind === 'escalation' ? step.rungs.map((r) => r.steps) : [];
      for (const nested of inner) {
        const found = find(nested);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = find(definition.steps);
  if (!found) throw new Error(`${definition.id} has no step ${stepId} with a title`);
  return found;
}

/** A valid 1×1 PNG (the server checks an upload's content). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A Shanghai wall-clock time `minutesAgo` before now: the date and time as the form's pickers take them, and the instant. */
export function shanghaiTime(minutesAgo = 0): { date: string; time: string; instant: string } {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16), instant: `${local.slice(0, 16)}:00+08:00` };
}

/** A demo user signed in to the studio in a browser context of their own, on their inbox. */
export interface TourUser {
  page: Page;
  context: BrowserContext;
  /** CSP violations and page errors seen so far (both must stay empty). */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function signInAs(browser: Browser, base: string, username: string): Promise<TourUser> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const { page, errors, violations } = await watchedPage(context);
  await page.goto(base);
  await signIn(page, username);
  await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
  return { page, context, problems: async () => [...await violations(), ...errors], close: () => context.close() };
}

/** 待办 → the task whose link is `title` → its form (waits for the task's heading). */
export async function openFromInbox(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办' }).click();
  await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
  await page.getByRole('link', { name: title, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('form [id^="task_"]').first().waitFor();
}

/**
 * 办件 → 选择流程 → 发起办件: starts a case in the user's own unit; the first task opens when it is
 * theirs. `startInput` fills the process's start form (its `startForm`), by field path.
 */
export async function startCase(page: Page, processTitle: string, firstTask: string, startInput?: Record<string, string>): Promise<string> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '办件' }).click();
  await page.getByLabel('选择流程').selectOption({ label: processTitle });
  for (const [path, value] of Object.entries(startInput ?? {})) await page.locator(`#start_${path}`).fill(value);
  await page.getByRole('button', { name: '发起办件' }).click();
  await page.getByRole('heading', { level: 1, name: firstTask }).waitFor();
  await page.locator('form [id^="task_"]').first().waitFor();
  const match = /\/tasks\/([^/]+)\//.exec(page.url());
  expect(match, page.url()).not.toBeNull();
  return match![1]!;
}

const field = (page: Page, path: string): Locator => page.locator(`#task_${path}`);

/** Fills a text, number or textarea field. */
export async function fill(page: Page, path: string, value: string | number): Promise<void> {
  await field(page, path).fill(String(value));
}

/** Picks an enum value, whether the form shows it as a select or as radio buttons. */
export async function choose(page: Page, path: string, label: string): Promise<void> {
  const control = field(page, path);
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption({ label });
  else await control.getByRole('radio', { name: label, exact: true }).check();
}

/** Ticks a yes/no field. */
export async function tick(page: Page, path: string): Promise<void> {
  await field(page, path).check();
}

/** A `cf-datetime` field: its date picker and its time picker. */
export async function dateTime(page: Page, path: string, at: { date: string; time: string }): Promise<void> {
  await field(page, path).fill(at.date);
  await page.locator(`#task_${path}__time`).fill(at.time);
}

/** Adds a photo item to a list field (`media`, `photos` …): uploads the file through the form, then its EXIF time. */
export async function addPhoto(page: Page, listPath: string, index: number, takenAt: { date: string; time: string }): Promise<void> {
  if ((await field(page, `${listPath}_${index}_file`).count()) === 0) await field(page, `${listPath}__add`).click();
  const input = field(page, `${listPath}_${index}_file`);
  await input.setInputFiles({ name: `photo-${index}.png`, mimeType: 'image/png', buffer: TINY_PNG });
  // Uploaded: the widget names the stored attachment beside its file input.
  await input.locator('xpath=..').locator('[data-attachment-id]').waitFor();
  await dateTime(page, `${listPath}_${index}_taken_at`, takenAt);
}

/** 提交, and the confirmation (a refusal shows its error summary instead, which fails here with its text). */
export async function submit(page: Page, taskTitle: string): Promise<void> {
  await page.getByRole('button', { name: '提交' }).click();
  const done = page.getByRole('heading', { name: '已提交' });
  const refused = page.getByTestId('cf-error-summary').or(page.getByRole('alert'));
  await done.or(refused).first().waitFor();
  if (!(await done.isVisible())) throw new Error(`${taskTitle} was not accepted: ${(await refused.first().textContent()) ?? ''}`);
  expect(await page.locator('.submission-result').textContent()).toContain(`“${taskTitle}”已办理完成。`);
}

/** The case as `username` sees it through the API. */
export async function caseView(server: StudioServer, cookie: string, instanceId: string): Promise<{ status: string; outcome: { id: string } | null; data: Record<string, unknown>; tasks: { id: string; stepId: string }[] }> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as never;
}

/**
 * Completes the case's open task of `stepId` through the API as the session `cookie` (a
 * precondition the tour does not show). The task is looked up as the administrator: a handling
 * unit outside the case's unit acts on its task without seeing the whole case.
 */
export async function completeByApi(server: StudioServer, cookie: string, instanceId: string, stepId: string, data: unknown): Promise<void> {
  const task = (await caseView(server, await server.login('admin'), instanceId)).tasks.find((t) => t.stepId === stepId);
  expect(task, `${stepId} is not open`).toBeDefined();
  const res = await server.app.inject({
    method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(task!.id)}/complete`,
    headers: { cookie, 'idempotency-key': `tour-${instanceId}-${task!.id}` }, payload: { data },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Uploads a PNG through the real HTTP API as the session `cookie`; its attachment id. */
export async function uploadByApi(base: string, cookie: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${base}/api/attachments`, { method: 'POST', body, headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
