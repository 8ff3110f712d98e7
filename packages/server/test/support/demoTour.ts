import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright';
import type { ProcessDefinition } from '@civicflow/engine';
import type { StudioServer } from './studioE2e.js';

// The README's tours (examples D and E) walked in the built studio, field by field as the tour
// tells them: what these tours need beyond studioTaskWalk.ts (signing in per user with
// `StudioUsers`, `openFromInbox`, `submitTask`, `completeByApi`, `stepTitle`), which they use for
// the rest. Fields are found by the ids <TaskForm> gives (`task_<path joined by _>`).

const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** An example definition as published (`dir/file.json` under examples/). */
export function exampleDefinition(file: string): ProcessDefinition {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ProcessDefinition;
}

/** A valid 1×1 PNG (the server checks an upload's content). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A Shanghai wall-clock time `minutesAgo` before now: the date and time as the form's pickers take them, and the instant. */
export function shanghaiTime(minutesAgo = 0): { date: string; time: string; instant: string } {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16), instant: `${local.slice(0, 16)}:00+08:00` };
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

/** The case as `username` sees it through the API. */
export async function caseView(server: StudioServer, cookie: string, instanceId: string): Promise<{ status: string; outcome: { id: string } | null; data: Record<string, unknown>; tasks: { id: string; stepId: string }[] }> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as never;
}

/** Uploads a PNG through the real HTTP API as the session `cookie`; its attachment id. */
export async function uploadByApi(base: string, cookie: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${base}/api/attachments`, { method: 'POST', body, headers: { cookie } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
