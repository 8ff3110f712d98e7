import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { PASSWORD, SCREENSHOTS, signIn, watchedPage } from './studioE2e.js';
import type { StudioServer } from './studioE2e.js';

// Walking a process through the studio as its people do: each user signs in in a browser
// context of their own, opens the task from the inbox (待办), fills the task's rjsf form from a
// data object (the same objects the examples' scenario tests submit) and submits it. The form
// is found by rjsf's field ids (`task_<path with _>`, list items `task_<list>_<i>`, the add
// button `task_<list>__add`, choice `i` of a field `task_<field>-<i>`), and each value is set
// the way a person would: typed, picked, ticked, or added to a list. Every page records CSP
// violations and page errors; `close()` fails the test on any.

type Json = Record<string, unknown>;
/** A form's JSON schema, as the process definition holds it. */
export type FormSchema = Record<string, unknown>;

/** A signed-in studio page of one demo user. */
export interface StudioUser {
  username: string;
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far (a failed step names them). */
  errors: string[];
  /** CSP violations and page errors seen so far (both must stay empty). */
  problems(): Promise<string[]>;
  /** Fails the test if the page saw a CSP violation or a page error, then closes the context. */
  close(): Promise<void>;
}

/** Opens a browser context for `username` (zh-CN), signs in on the login page and waits for the inbox. */
export async function signInAs(browser: Browser, base: string, username: string, password = PASSWORD): Promise<StudioUser> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const { page, errors, violations } = await watchedPage(context);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`${base}/`);
  await signIn(page, username, password);
  await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
  return {
    username, page, context, errors: consoleErrors,
    problems: async () => [...await violations(), ...errors],
    async close() {
      try {
        expect(await violations(), `${username}: CSP violations`).toEqual([]);
        expect(errors, `${username}: page errors`).toEqual([]);
      } finally {
        await context.close();
      }
    },
  };
}

/**
 * The users of one test file, each signed in once through the login page on first use and kept
 * signed in (a context each) until `closeAll()`, which checks every page stayed clean: signing in
 * is the slowest step of a walk, and a person keeps their session between tasks too.
 */
export class StudioUsers {
  private readonly users = new Map<string, Promise<StudioUser>>();
  constructor(private readonly browser: Browser, private readonly base: string) {}

  /** `username`'s signed-in page (signed in now if not yet). */
  get(username: string): Promise<StudioUser> {
    let user = this.users.get(username);
    if (!user) {
      user = signInAs(this.browser, this.base, username);
      this.users.set(username, user);
    }
    return user;
  }

  /** Runs `walk` as `username`, then fails if their page saw a CSP violation or a page error (the step that caused it is the one failing). */
  async as<T>(username: string, walk: (user: StudioUser) => Promise<T>): Promise<T> {
    const user = await this.get(username);
    const result = await walk(user);
    expect(await user.problems(), `${username}: CSP violations and page errors`).toEqual([]);
    return result;
  }

  /** Closes every context; fails if any page saw a CSP violation or a page error. */
  async closeAll(): Promise<void> {
    const users = await Promise.allSettled([...this.users.values()]);
    this.users.clear();
    for (const user of users) if (user.status === 'fulfilled') await user.value.close();
  }
}

/**
 * From the inbox (待办), opens the task titled `title` of case `caseId` and waits for its form.
 * The inbox card's link is the one a person clicks; the case id tells apart cases with the same task.
 */
export async function openFromInbox(page: Page, base: string, caseId: string, title: string): Promise<void> {
  await goToInbox(page, base);
  const link = page.locator(`a[href*="/tasks/${caseId}/"]`).filter({ hasText: title }).first();
  await link.waitFor();
  await link.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('button', { name: '提交', exact: true }).waitFor();
}

/** Opens the inbox through the main navigation (no reload), or by address when the page is elsewhere. */
export async function goToInbox(page: Page, base: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办', exact: true });
  if (new URL(page.url()).pathname === '/') await page.reload();
  else if (await nav.count()) await nav.click();
  else await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
}

/** Submits the open task form and waits for the studio's confirmation; fails with the form's or the server's errors otherwise. */
export async function submitTask(page: Page, title: string): Promise<void> {
  // Enter on the focused button, as a keyboard user submits: a click goes to coordinates, and a
  // long form's layout can still shift under them (the case panel loads beside it), missing the button.
  await page.getByRole('button', { name: '提交', exact: true }).press('Enter');
  const confirmed = page.getByRole('heading', { level: 2, name: '已提交' });
  const refused = page.getByTestId('cf-error-summary').or(page.getByRole('alert'));
  await confirmed.or(refused).first().waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
    await page.screenshot({ path: join(SCREENSHOTS, `not-submitted-${title}.png`), fullPage: true });
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.id));
    const buttons = await page.getByRole('button').allTextContents();
    throw new Error(`${String(error)}; invalid fields: ${JSON.stringify(invalid)}; buttons: ${JSON.stringify(buttons)}`);
  });
  if (!(await confirmed.isVisible())) throw new Error(`“${title}” was not submitted: ${(await refused.allTextContents()).join(' | ')}`);
  expect(await page.locator('.submission-result').textContent()).toContain(`“${title}”已办理完成。`);
}

/** One task done in the studio: from the inbox, the form filled from `data`, submitted; optionally a screenshot of the filled form. */
export async function doTaskInStudio(
  user: StudioUser, base: string, task: { caseId: string; title: string; schema: FormSchema; data: Json; screenshot?: string },
): Promise<void> {
  await openFromInbox(user.page, base, task.caseId, task.title);
  await fillTaskForm(user.page, task.schema, task.data);
  if (task.screenshot) await user.page.screenshot({ path: join(SCREENSHOTS, task.screenshot), fullPage: true });
  await submitTask(user.page, task.title).catch((error: unknown) => {
    throw new Error(`${user.username}: ${String(error)}; console errors: ${JSON.stringify(user.errors)}`);
  });
}

// ------------------------------------------------------------------ the API side

interface InboxItem { instanceId: string; taskId: string; stepId: string }

/** The open tasks of `stepId` in case `caseId` that the user with `cookie` has in their inbox. */
export async function inboxTasks(server: StudioServer, cookie: string, caseId: string, stepId: string): Promise<InboxItem[]> {
  const res = await server.app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: InboxItem[] }).items.filter((t) => t.instanceId === caseId && t.stepId === stepId);
}

/** Completes the user's one open task of `stepId` in `caseId` through the API (what the test does not walk in the browser). */
export async function completeByApi(server: StudioServer, cookie: string, caseId: string, stepId: string, data: unknown): Promise<void> {
  const [task] = await inboxTasks(server, cookie, caseId, stepId);
  expect(task, `no open ${stepId} in this user's inbox`).toBeDefined();
  const res = await server.app.inject({
    method: 'POST', url: `/api/tasks/${caseId}/${encodeURIComponent(task!.taskId)}/complete`,
    headers: { cookie, 'idempotency-key': `walk-${caseId}-${task!.taskId}` }, payload: { data },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Moves the server's test clock (test mode) to `to`; returns how many timers fired. */
export async function moveClock(server: StudioServer, adminCookie: string, to: string): Promise<number> {
  const res = await server.app.inject({ method: 'POST', url: '/api/test/clock', headers: { cookie: adminCookie }, payload: { to } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { timersFired: number }).timersFired;
}

// ------------------------------------------------------------------ filling an rjsf form

/**
 * Fills the task form on `page` (rjsf, ids prefixed `idPrefix`) with `data`, guided by the form's
 * JSON schema for choices (rjsf encodes a choice as its index in the schema's `enum` / `oneOf`).
 * Text, number and money fields are typed; dates and date-times (date + time inputs, Shanghai
 * time) typed into their pickers; single choices picked as radio buttons or from a dropdown,
 * multiple choices ticked or selected; booleans ticked; lists grown with their add button;
 * nested objects filled field by field. Fields that a condition only shows once another field
 * is set are filled when they appear. Throws naming the fields it could not find.
 */
export async function fillTaskForm(page: Page, schema: FormSchema, data: Json, idPrefix = 'task'): Promise<void> {
  await page.locator(`[id^="${idPrefix}_"]`).first().waitFor();
  await fillObject(page, schema, schema, data, idPrefix);
}

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/**
 * What is on the form at `id`, in one round trip: nothing (`null`), a container of fields (a list
 * or an object: only fields under `id_…`), or a control with its tag, input type, ARIA role,
 * whether it takes input, and whether a time input goes with it (a date-time).
 */
interface FieldKind { tag: string; type: string | null; role: string | null; readOnly: boolean; withTime: boolean }
interface FieldElement { tagName: string; readOnly?: boolean; disabled?: boolean; getAttribute(name: string): string | null }

function probe(page: Page, id: string): Promise<FieldKind | 'container' | null> {
  return page.evaluate((fieldId) => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): FieldElement | null; querySelector(selector: string): unknown } }).document;
    const el = doc.getElementById(fieldId);
    if (!el) return doc.querySelector(`[id^="${fieldId}_"]`) ? 'container' : null;
    return {
      tag: el.tagName, type: el.getAttribute('type'), role: el.getAttribute('role'),
      readOnly: el.readOnly === true || el.disabled === true, withTime: doc.getElementById(`${fieldId}__time`) !== null,
    };
  }, id);
}

async function fillObject(page: Page, root: Json, schema: Json, data: Json, id: string): Promise<void> {
  let pending = Object.entries(data).filter(([, v]) => v !== undefined && v !== null);
  for (let pass = 0; pending.length > 0 && pass < 8; pass++) {
    const later: [string, unknown][] = [];
    for (const [key, value] of pending) {
      const fieldId = `${id}_${key}`;
      const kind = await probe(page, fieldId);
      if (kind === null) later.push([key, value]);
      else await fillValue(page, root, propertyOf(root, schema, key), value, fieldId, kind);
    }
    // A field shown by a condition on another appears after React renders the change.
    if (later.length === pending.length) await page.waitForTimeout(150);
    pending = later;
  }
  if (pending.length > 0) throw new Error(`the form has no field ${pending.map(([k]) => `#${id}_${k}`).join(', ')}`);
}

async function fillValue(page: Page, root: Json, schema: Json, value: unknown, id: string, probed?: FieldKind | 'container'): Promise<void> {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) return fillArray(page, root, schema, value, id);
  if (typeof value === 'object') return fillObject(page, root, schema, value as Json, id);
  const field = byId(page, id);
  const kind = probed && probed !== 'container' ? probed : await probe(page, id);
  if (kind === null || kind === 'container') throw new Error(`#${id} is not a control`);
  if (kind.readOnly) return; // computed values (x-cf-compute) fill themselves
  if (kind.tag === 'INPUT' && kind.type === 'checkbox') return field.setChecked(value === true);
  if (kind.role === 'radiogroup') return byId(page, `${id}-${choiceIndex(root, schema, value, id)}`).check();
  if (kind.tag === 'SELECT') {
    // By value only: a choice's label may itself look like another choice's index (an enum of 1–4).
    await field.selectOption({ value: String(choiceIndex(root, schema, value, id)) });
    return;
  }
  if (kind.tag === 'INPUT' && kind.type === 'date' && kind.withTime) {
    const { date, time } = shanghaiParts(String(value));
    await field.fill(date);
    await byId(page, `${id}__time`).fill(time);
    return;
  }
  await field.fill(String(value));
}

async function fillArray(page: Page, root: Json, schema: Json, value: unknown[], id: string): Promise<void> {
  const items = resolve(root, (schema['items'] ?? {}) as Json);
  // rjsf shows a multiple choice (checkboxes or a multi-select) only for unique items from a fixed set; otherwise a list of single choices.
  if (schema['uniqueItems'] === true && choicesOf(root, items)) {
    const field = byId(page, id);
    const indices = value.map((v) => String(choiceIndex(root, items, v, id)));
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
      await field.selectOption(indices.map((index) => ({ value: index })));
    } else {
      for (const i of indices) await byId(page, `${id}-${i}`).check();
    }
    return;
  }
  for (const [i, item] of value.entries()) {
    const itemId = `${id}_${i}`;
    // A list opens with as many items as it needs at least (minItems); more are added with its button.
    if ((await probe(page, itemId)) === null) {
      await byId(page, `${id}__add`).click();
      await page.locator(`[id="${itemId}"], [id^="${itemId}_"]`).first().waitFor();
    }
    await fillValue(page, root, items, item, itemId);
  }
}

/** "2027-07-10T09:00:00+08:00" → the date and time a person in Shanghai types. */
function shanghaiParts(instant: string): { date: string; time: string } {
  const shanghai = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString();
  return { date: shanghai.slice(0, 10), time: shanghai.slice(11, 16) };
}

// ------------------------------------------------------------------ the schema, as rjsf reads it

function resolve(root: Json, schema: Json): Json {
  let s = schema;
  for (let depth = 0; typeof s['$ref'] === 'string' && depth < 10; depth++) {
    const path = (s['$ref'] as string).replace(/^#\//, '').split('/');
    const { $ref: _ref, ...rest } = s;
    s = { ...(path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root) as Json), ...rest };
  }
  return s;
}

/** Every definition of property `key` in `schema`, its `allOf`, conditional branches and alternatives, merged. */
function propertyOf(root: Json, schema: Json, key: string): Json {
  const found: Json[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 6) return;
    const s = resolve(root, node as Json);
    const own = (s['properties'] as Json | undefined)?.[key];
    if (own && typeof own === 'object') found.push(resolve(root, own as Json));
    for (const k of ['allOf', 'oneOf', 'anyOf']) for (const sub of (s[k] as unknown[] | undefined) ?? []) visit(sub, depth + 1);
    for (const k of ['then', 'else']) visit(s[k], depth + 1);
    for (const dep of Object.values((s['dependencies'] as Json | undefined) ?? {})) visit(dep, depth + 1);
  };
  visit(schema, 0);
  return Object.assign({}, ...found) as Json;
}

function choicesOf(root: Json, schema: Json): unknown[] | undefined {
  const s = resolve(root, schema);
  if (Array.isArray(s['enum'])) return s['enum'];
  const branches = (s['oneOf'] ?? s['anyOf']) as Json[] | undefined;
  if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => b && typeof b === 'object' && 'const' in b)) return branches.map((b) => b['const']);
  return undefined;
}

function choiceIndex(root: Json, schema: Json, value: unknown, id: string): number {
  const choices = choicesOf(root, schema);
  const index = choices?.findIndex((c) => c === value) ?? -1;
  if (index < 0) throw new Error(`#${id}: ${JSON.stringify(value)} is not one of its choices ${JSON.stringify(choices)}`);
  return index;
}

// ------------------------------------------------------------------ the definition

interface StepLike { title?: { 'zh-CN': string }; rungs?: { steps: Record<string, StepLike> }[]; branches?: { steps: Record<string, StepLike> }[] }

/** The zh-CN title of step `id` of `definition`, wherever it sits (parallel branches and ladder rungs included): what the inbox and the task page show. */
export function stepTitle(definition: { steps: Record<string, unknown> }, id: string): string {
  const find = (steps: Record<string, StepLike>): StepLike | undefined => {
    if (steps[id]) return steps[id];
    for (const step of Object.values(steps)) {
      for (const nested of [...(step.rungs ?? []), ...(step.branches ?? [])]) {
        const found = find(nested.steps);
        if (found) return found;
      }
    }
    return undefined;
  };
  const title = find(definition.steps as Record<string, StepLike>)?.title?.['zh-CN'];
  if (!title) throw new Error(`${JSON.stringify(id)} is not a titled step of the definition`);
  return title;
}
