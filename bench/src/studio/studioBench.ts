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
 * page, and, for a 300-step definition, the time to render its diagram and the diagram's
 * responsiveness (input-to-frame latency of zoom steps). The flow composer is being built
 * elsewhere; until it lands the read-only process diagram page (/processes/:id/:version), which
 * draws the same React Flow + ELK diagram, stands in for it.
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

      // The 300-step definition on the read-only diagram page (stand-in for the composer).
      const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const admin = await adminContext.newPage();
      await signIn(admin, base, 'bench-admin');
      const diagramUrl = `${base}/processes/${big.id}/${big.version}`;
      const diagramTimes: number[] = [];
      for (let k = 0; k <= (mode.quick ? 1 : 4); k++) {
        const ms = await timeUntil(admin, diagramUrl, { selector: '.react-flow__node', count: 300 }, 120_000);
        if (k > 0) diagramTimes.push(ms);
      }
      const nodes = await admin.locator('.react-flow__node').count();
      results.add('studio.diagram300RenderMs', median(diagramTimes), 'ms', 'studio: time to render a 300-step definition\'s diagram (read-only process page, standing in for the composer)',
        `Chromium, navigation start → all ${nodes} nodes in the page (ELK layout + React Flow); median of ${diagramTimes.length} visits after a first one`);
      // Responsiveness: from a wheel event (zoom) to the frame after it, 30 times.
      const canvas = admin.locator('.react-flow__pane').first();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('the diagram has no pane to zoom');
      await admin.evaluate(() => {
        const w = window as unknown as { __latencies: number[] };
        w.__latencies = [];
        window.addEventListener('wheel', () => {
          const at = performance.now();
          requestAnimationFrame(() => requestAnimationFrame(() => w.__latencies.push(performance.now() - at)));
        }, { capture: true, passive: true });
      });
      await admin.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let k = 0; k < 30; k++) {
        await admin.mouse.wheel(0, k % 2 === 0 ? -120 : 120);
        await admin.waitForTimeout(60);
      }
      await admin.waitForFunction(() => (window as unknown as { __latencies: number[] }).__latencies.length >= 30, undefined, { timeout: 30_000 });
      const latencies = await admin.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
      results.add('studio.diagram300ZoomP50Ms', percentile(latencies, 50), 'ms', 'studio: 300-step diagram, input-to-frame latency of a zoom step, p50', 'wheel event → the second animation frame after it (the frame that shows the change), 30 zoom steps over the diagram');
      results.add('studio.diagram300ZoomP95Ms', percentile(latencies, 95), 'ms', 'studio: 300-step diagram, input-to-frame latency of a zoom step, p95');
      log(`  studio 300-step diagram: render ${median(diagramTimes).toFixed(0)} ms, zoom p50 ${percentile(latencies, 50).toFixed(0)} ms / p95 ${percentile(latencies, 95).toFixed(0)} ms`);
      await adminContext.close();
    } finally {
      await browser.close();
      await server.stop();
    }
    results.note('Studio: the flow composer is being built in another branch; its responsiveness is measured on the read-only process diagram page (/processes/:id/:version) with the 300-step definition instead. Switch runStudioBench to /processes/:id/:version/edit when the composer lands.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
