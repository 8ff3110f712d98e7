import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import type { ResultSet } from '../report/results.js';
import { BENCH_PASSWORD } from '../server/benchUsers.js';
import { startServerProcess } from '../server/serverProcess.js';
import type { BenchMode } from '../support/mode.js';
import { median, percentile } from '../support/stats.js';
import { buildStudio, firstRouteSize } from './studioBuild.js';
import { largeDefinition, largestFormDefinition } from './studioDefinitions.js';

/** Debian's Chromium (never a downloaded browser), with the flags the project's browser tests use. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Signs in through the API from the page's own context, so the session cookie is the page's. */
async function signIn(page: Page, base: string, username: string): Promise<void> {
  const r = await page.request.post(`${base}/api/auth/login`, { data: { username, password: BENCH_PASSWORD } });
  if (r.status() !== 200) throw new Error(`studio sign-in of ${username} failed: ${r.status()} ${await r.text()}`);
}

/** Chooses a step in the composer's property panel (the keyboard way to a node), and waits for its panel. */
async function selectStep(page: Page, stepId: string): Promise<void> {
  await page.getByRole('combobox', { name: '选中的步骤', exact: true }).selectOption(stepId);
  // The panel's heading names the step by its title, as its node does.
  await page.waitForFunction((id: string) => {
    const title = document.querySelector(`.react-flow__node[data-id="${id}"] .flow-node__title`)?.textContent;
    return !!title && (document.querySelector('.composer-panel__heading')?.textContent?.includes(title) ?? false);
  }, stepId, { polling: 'raf' });
}

/**
 * Milliseconds from the input event `act` causes (keydown or click, seen in the capture phase) to
 * the animation frame in which `selector` shows `text` (or, without a text, matches `count`
 * elements).
 */
async function timeEdit(page: Page, act: () => Promise<void>, selector: string, text: string | undefined, count = 1): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __inputAt?: number; __inputWatch?: boolean };
    w.__inputAt = undefined;
    if (w.__inputWatch) return;
    w.__inputWatch = true;
    // Inline listeners: a named function here would carry the bundler's __name helper into the page.
    for (const type of ['keydown', 'pointerdown']) window.addEventListener(type, () => { w.__inputAt ??= performance.now(); }, { capture: true });
  });
  await act();
  const handle = await page.waitForFunction(({ selector, text, count }: { selector: string; text: string | undefined; count: number }) => {
    const at = (window as unknown as { __inputAt?: number }).__inputAt;
    const found = document.querySelectorAll(selector);
    const shown = text === undefined ? found.length >= count : [...found].some((e) => e.textContent === text);
    return at !== undefined && shown ? performance.now() - at : false;
  }, { selector, text, count }, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** Input-to-frame latency of `steps` wheel zoom steps over `selector`: the wheel event → the second animation frame after it. */
async function zoomLatencies(page: Page, selector: string, steps: number): Promise<number[]> {
  // The canvas is below the composer's panels: scrolled into view, so that the wheel is over it.
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no ${selector} to zoom`);
  await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[] };
    w.__latencies = [];
    window.addEventListener('wheel', () => {
      const at = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => w.__latencies.push(performance.now() - at)));
    }, { capture: true, passive: true });
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let k = 0; k < steps; k++) {
    await page.mouse.wheel(0, k % 2 === 0 ? -120 : 120);
    await page.waitForTimeout(60);
  }
  await page.waitForFunction((n: number) => (window as unknown as { __latencies: number[] }).__latencies.length >= n, steps, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

/** What the page must show: at least `count` elements matching `selector` (and `also`, when given). */
interface ReadyWhen { selector: string; count: number; also?: string }

/**
 * Milliseconds from the navigation's start until the page shows `ready` (polled every animation
 * frame). The predicate is a function, not a string: the studio's CSP forbids eval, and Playwright
 * evaluates string predicates with it.
 */
async function timeUntil(page: Page, url: string, ready: ReadyWhen, timeoutMs = 60_000): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction((r: ReadyWhen) => {
    const ok = document.querySelectorAll(r.selector).length >= r.count && (r.also === undefined || document.querySelector(r.also) !== null);
    return ok ? performance.now() : false;
  }, ready, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}

/**
 * The studio: the gzipped JavaScript of the first route (a fresh Vite build with a manifest), and
 * in Chromium against the real server: the time to render the largest example form on the task
 * page, and, for a 300-step definition in the flow composer, the time until it shows every node,
 * the input-to-frame latency of zoom steps, of a title edit and of an added step.
 */
export async function runStudioBench(results: ResultSet, mode: BenchMode, log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civicflow-bench-studio-'));
  try {
    const outDir = join(dir, 'dist');
    const t0 = performance.now();
    await buildStudio(outDir);
    const size = firstRouteSize(outDir);
    results.add('studio.firstRouteJsGzipKiB', size.gzipBytes / 1024, 'KiB', 'studio: JavaScript of the first route, gzipped', `index.html's entry chunk and its static imports from the Vite manifest (${size.files.join(', ')}; ${(size.rawBytes / 1024).toFixed(0)} KiB raw; CSS ${(size.cssGzipBytes / 1024).toFixed(1)} KiB gzipped, not counted); gzip level 9; built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    log(`  studio first route: ${(size.gzipBytes / 1024).toFixed(1)} KiB gzipped (${size.files.length} chunks)`);

    const form = largestFormDefinition();
    const big = largeDefinition(300);
    const formFile = join(dir, 'largest-form.json');
    const bigFile = join(dir, 'large-300.json');
    writeFileSync(formFile, JSON.stringify(form.definition));
    writeFileSync(bigFile, JSON.stringify(big));
    const server = await startServerProcess(`sqlite:${join(dir, 'db', 'civicflow.sqlite')}`, ['--studio', outDir, '--publish', formFile, '--publish', bigFile]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const base = server.url;
      // The largest example form, on the task page of a case started for it.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, base, 'bench-clerk');
      const rounds = mode.quick ? 2 : 7;
      const formTimes: number[] = [];
      for (let k = 0; k <= rounds; k++) {
        const started = await page.request.post(`${base}/api/instances`, { data: { definitionId: form.definition.id } });
        if (started.status() !== 201) throw new Error(`starting the largest-form case: ${started.status()} ${await started.text()}`);
        const body = (await started.json()) as { instanceId: string; tasks: { id: string }[] };
        const url = `${base}/tasks/${encodeURIComponent(body.instanceId)}/${encodeURIComponent(body.tasks[0]!.id)}`;
        const ms = await timeUntil(page, url, { selector: '.cf-task-form form input, .cf-task-form form select, .cf-task-form form textarea', count: 1, also: '.cf-task-form form button[type=submit]' });
        if (k > 0) formTimes.push(ms); // the first visit fills the browser's cache, as a returning user has it
      }
      const fields = await page.locator('.cf-task-form form input, .cf-task-form form select, .cf-task-form form textarea').count();
      results.add('studio.largestFormRenderMs', median(formTimes), 'ms', `studio: time to render the largest example form (${form.source} ${form.formId}, ${form.fields} fields)`,
        `Chromium, navigation start → the form and its submit button in the page (${fields} controls rendered); median of ${formTimes.length} visits after a first one; served by the real server`);
      log(`  studio largest form: ${median(formTimes).toFixed(0)} ms`);
      await context.close();

      // The 300-step definition in the flow composer (the next version of it: /processes/:id/:version/edit).
      const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const admin = await adminContext.newPage();
      // Leaving an edited draft asks first; the bench reloads the page between visits only.
      admin.on('dialog', (dialog) => void dialog.accept());
      await signIn(admin, base, 'bench-admin');
      const composerUrl = `${base}/processes/${big.id}/${big.version}/edit`;
      const renderTimes: number[] = [];
      for (let k = 0; k <= (mode.quick ? 1 : 4); k++) {
        const ms = await timeUntil(admin, composerUrl, { selector: '.composer .react-flow__node', count: 300 }, 120_000);
        if (k > 0) renderTimes.push(ms);
      }
      const nodes = await admin.locator('.composer .react-flow__node').count();
      results.add('studio.composer300RenderMs', median(renderTimes), 'ms', 'studio: time until the flow composer shows a 300-step definition',
        `Chromium, navigation start → all ${nodes} nodes on the composer's canvas (/processes/:id/:version/edit: definition loaded, ELK layout, React Flow); median of ${renderTimes.length} visits after a first one`);
      const zoom = await zoomLatencies(admin, '.composer .react-flow__pane', 30);
      results.add('studio.composer300ZoomP50Ms', percentile(zoom, 50), 'ms', 'studio: composer with 300 steps, input-to-frame latency of a zoom step, p50', 'wheel event → the second animation frame after it (the frame that shows the change), 30 zoom steps over the canvas');
      results.add('studio.composer300ZoomP95Ms', percentile(zoom, 95), 'ms', 'studio: composer with 300 steps, input-to-frame latency of a zoom step, p95');
      // Edits: a step's title typed in the property panel and committed with Enter, until its node shows it.
      const titleEdits: number[] = [];
      for (let k = 0; k < (mode.quick ? 5 : 12); k++) {
        const stepId = `s${String(101 + 17 * k).padStart(3, '0')}`;
        await selectStep(admin, stepId);
        const title = `基准编辑 ${k + 1}`;
        await admin.getByRole('textbox', { name: '步骤名称', exact: true }).fill(title);
        titleEdits.push(await timeEdit(admin, () => admin.keyboard.press('Enter'), `.react-flow__node[data-id="${stepId}"] .flow-node__title`, title));
      }
      results.add('studio.composer300EditP50Ms', percentile(titleEdits, 50), 'ms', 'studio: composer with 300 steps, one edit until the canvas shows it, p50',
        `a step's title typed into the property panel and committed (Enter) → the frame in which its node shows the new title; ${titleEdits.length} edits of different steps`);
      results.add('studio.composer300EditP95Ms', percentile(titleEdits, 95), 'ms', 'studio: composer with 300 steps, one edit until the canvas shows it, p95');
      // Added steps: the palette's "add a task" after a selected step, until the new node is on the canvas.
      const adds: number[] = [];
      for (let k = 0; k < (mode.quick ? 3 : 6); k++) {
        await selectStep(admin, `s${String(57 + 41 * k).padStart(3, '0')}`);
        const before = await admin.locator('.composer .react-flow__node').count();
        adds.push(await timeEdit(admin, () => admin.getByRole('button', { name: '添加步骤：人工办理', exact: true }).click(), '.composer .react-flow__node', undefined, before + 1));
      }
      results.add('studio.composer300AddStepP50Ms', percentile(adds, 50), 'ms', 'studio: composer with 300 steps, adding a step until the canvas shows it, p50',
        `the palette's 添加步骤：人工办理 after a selected step (click) → the frame in which the new node is on the canvas (the graph laid out again); ${adds.length} steps added`);
      results.add('studio.composer300AddStepP95Ms', percentile(adds, 95), 'ms', 'studio: composer with 300 steps, adding a step until the canvas shows it, p95');
      log(`  studio composer, 300 steps: shown in ${median(renderTimes).toFixed(0)} ms; zoom p50 ${percentile(zoom, 50).toFixed(0)} / p95 ${percentile(zoom, 95).toFixed(0)} ms; `
        + `title edit p50 ${percentile(titleEdits, 50).toFixed(0)} / p95 ${percentile(titleEdits, 95).toFixed(0)} ms; added step p50 ${percentile(adds, 50).toFixed(0)} / p95 ${percentile(adds, 95).toFixed(0)} ms`);
      await adminContext.close();
    } finally {
      await browser.close();
      await server.stop();
    }
    results.note('Studio: the composer figures are taken on /processes/:id/:version/edit with the generated 300-step definition (the draft of its next version): edits go through the property panel and the palette as a person makes them, and each is timed from its input event to the frame that shows it on the canvas.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
