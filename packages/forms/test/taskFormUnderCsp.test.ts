// <TaskForm> under a Content-Security-Policy without 'unsafe-eval' (the studio's `script-src
// 'self'`), in Chromium: with a precompiled validator (compileFormValidatorModule, served as its
// own module and loaded like the server's /validator.js) the form shows and hides conditional
// fields, switches oneOf options, shows the validation errors in the page and submits the
// prepared data, with no CSP violation at all. The same page with the runtime (Ajv) validator is
// refused by the same policy, so that this proof can fail.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { chromium } from 'playwright';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormValidator } from '../src/index.js';
import { TASK_FORM_CSS } from '../src/react/taskFormStyles.js';
import { compileFormValidatorModule } from '../src/standalone/index.js';
import handWritten from './fixtures/rjsfConditionalForms.json' with { type: 'json' };

/** Conditional fields (a person or a unit), a oneOf choice of radio buttons and a oneOf of groups, one with its own condition. */
const CONTACT = (handWritten as Record<string, object>)['contact']!;
/** Scripts and styles from this origin only: no eval, no inline script or style. */
const STRICT_CSP = "default-src 'self'; script-src 'self'";
const TODAY = '2027-06-01';

/** The validator module stays a runtime import of the page, as the studio imports the server's. */
const keepValidatorImport: Plugin = {
  name: 'keep-validator-import',
  setup(b) {
    b.onResolve({ filter: /^\/validator\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// In-page code is written as text: this package's type check of tests has no DOM.
const renderForm = (validator: string, imports: string) => `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { TaskForm } from '@civicflow/forms/react';
${imports}
const submitted = document.getElementById('submitted');
createRoot(document.getElementById('app')).render(createElement(TaskForm, {
  schema: ${JSON.stringify(CONTACT)},
  ${validator}
  injectStyles: false,
  onSubmit: (data) => { submitted.textContent = JSON.stringify(data); },
}));`;
const ENTRIES = {
  precompiled: renderForm(`validator: createPrecompiledFormValidator(formModule, { today: ${JSON.stringify(TODAY)} }),`, `
import * as formModule from '/validator.js';
import { createPrecompiledFormValidator } from '@civicflow/forms';`),
  runtime: renderForm('', ''),
};

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, loader: 'ts', resolveDir: fileURLToPath(new URL('.', import.meta.url)), sourcefile: 'entry.ts' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, jsx: 'automatic', conditions: ['@civicflow/source'],
    define: { 'process.env.NODE_ENV': '"production"' }, plugins: [keepValidatorImport], logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// The icon link keeps Chromium from asking for /favicon.ico (a 404 is a console error).
const page = (script: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>TaskForm under a strict CSP</title>
<link rel="icon" href="/icon.png"><link rel="stylesheet" href="/task-form.css"><script type="module" src="${script}"></script></head>
<body><div id="app"></div><pre id="submitted"></pre></body></html>`;

/** Records every CSP violation the page reports, as "directive blocked-uri" (an init script: the CSP does not apply to it). */
const VIOLATION_LISTENER = `
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));`;

let server: Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const files: Record<string, { type: string; body: string }> = {
    '/validator.js': { type: 'text/javascript', body: compileFormValidatorModule(CONTACT) },
    '/precompiled.js': { type: 'text/javascript', body: await bundle(ENTRIES.precompiled) },
    '/runtime.js': { type: 'text/javascript', body: await bundle(ENTRIES.runtime) },
    '/task-form.css': { type: 'text/css', body: TASK_FORM_CSS },
    '/precompiled.html': { type: 'text/html', body: page('/precompiled.js') },
    '/runtime.html': { type: 'text/html', body: page('/runtime.js') },
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) {
      response.writeHead(request.url === '/icon.png' ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${file.type}; charset=utf-8`, 'content-security-policy': STRICT_CSP }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface Visit {
  tab: Page;
  csp: string | undefined;
  violations(): Promise<string[]>;
  errors: string[];
  close(): Promise<void>;
}

async function visit(name: string): Promise<Visit> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.addInitScript({ content: VIOLATION_LISTENER });
  const response = await tab.goto(`${base}/${name}.html`);
  return {
    tab, errors, csp: response?.headers()['content-security-policy'],
    violations: async () => (await tab.evaluate('window.cspViolations')) as string[],
    close: () => context.close(),
  };
}

describe('<TaskForm> in Chromium under script-src \'self\' (no unsafe-eval)', () => {
  it('with a precompiled validator: shows and hides fields, switches options, validates in the page and submits, with no CSP violation', async () => {
    const { tab, csp, violations, errors, close } = await visit('precompiled');
    try {
      expect(csp).toBe(STRICT_CSP);
      // A required field's label ends with "*" (hidden from screen readers) and a visually hidden "（必填）".
      const field = (label: string) => tab.getByLabel(new RegExp(`^${label}(\\*?（必填）)?$`));
      const shown = (label: string) => field(label).count();
      await field('姓名').waitFor();

      // No kind chosen: the `else` branch (a person) asks for an ID number.
      expect(await shown('身份证号')).toBe(1);
      expect(await shown('单位名称')).toBe(0);
      await tab.getByRole('radio', { name: '单位', exact: true }).check();
      await field('单位名称').waitFor();
      expect(await shown('统一社会信用代码')).toBe(1);
      expect(await shown('身份证号')).toBe(0);

      // The oneOf of groups: the mobile by default; the address, whose own condition adds the village.
      expect(await shown('手机号码')).toBe(1);
      await tab.locator('#root_contact__oneof_select').selectOption({ label: '地址' });
      await field('详细地址').waitFor();
      expect(await shown('手机号码')).toBe(0);
      expect(await shown('所在村')).toBe(0);
      await field('农村地址').check();
      await field('所在村').waitFor();

      // Validation in the page, with the server's messages: required fields of the shown branches, a wrong check character.
      await field('统一社会信用代码').fill('91110101MA00000019');
      await tab.getByRole('button', { name: '提交' }).click();
      const summary = tab.getByTestId('cf-error-summary');
      await summary.waitFor();
      const problems = await summary.getByRole('listitem').allTextContents();
      expect(problems).toEqual(expect.arrayContaining([
        expect.stringContaining('请填写姓名'), expect.stringContaining('请填写单位名称'), expect.stringContaining('请填写详细地址'),
        expect.stringContaining('请填写所在村'), expect.stringMatching(/^统一社会信用代码：/),
      ]));
      expect(problems.some((p) => p.includes('身份证号'))).toBe(false);
      expect(await tab.textContent('#submitted')).toBe('');

      // Corrected: the prepared data is submitted (the person's fields, hidden before, are not in it).
      await field('姓名').fill('张三');
      await field('单位名称').fill('青石村股份经济合作社');
      await field('统一社会信用代码').fill('91110101MA00000018');
      await field('详细地址').fill('青石村一组 8 号');
      await field('所在村').fill('青石村');
      await tab.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => tab.textContent('#submitted')).not.toBe('');
      const submitted = JSON.parse((await tab.textContent('#submitted')) ?? 'null') as unknown;
      expect(submitted).toEqual({
        kind: 'U', name: '张三', org: '青石村股份经济合作社', uscc: '91110101MA00000018',
        contact: { address: { line: '青石村一组 8 号', rural: true, village: '青石村' } },
      });
      expect(createFormValidator({ today: TODAY }).validate(CONTACT, submitted)).toEqual({ valid: true, errors: [] });

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('with the runtime validator, the same policy refuses Ajv\'s code generation (so the proof above can fail)', async () => {
    const { csp, violations, errors, close } = await visit('runtime');
    try {
      expect(csp).toBe(STRICT_CSP);
      await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src eval$/));
      expect(errors.join('\n')).toMatch(/EvalError|unsafe-eval/);
    } finally {
      await close();
    }
  }, 60_000);
});
