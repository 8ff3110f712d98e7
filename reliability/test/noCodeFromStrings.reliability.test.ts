import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { recordReliability } from '../reliabilityCheck.js';

// Issue 7: "no eval, no new Function, no vm" is checked by lint on every package (eslint.config.mjs,
// noCodeFromStrings plus core no-eval / no-new-func / no-implied-eval). This plants each way of
// running a string as code in a source file of every package, through the repository's own lint
// configuration, and counts what lint catches; and a file without them passes.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each way of turning a string into code that lint must refuse. */
const PLANTED: Record<string, string> = {
  'eval': "export const x = eval('1 + 1');",
  'indirect eval': "export const x = (0, eval)('1 + 1');",
  'new Function': "export const f = new Function('a', 'return a');",
  'Function()': "export const f = Function('return process')();",
  '.constructor()': "export const f = (() => 1).constructor('return process')();",
  'globalThis.eval': "export const x = globalThis.eval('1');",
  'globalThis.Function': "export const f = new globalThis.Function('return 1');",
  'setTimeout(string)': "setTimeout('alert(1)', 10);",
  'setInterval(string)': "setInterval('alert(1)', 10);",
  "import 'node:vm'": "import { runInNewContext } from 'node:vm';\nexport const x = runInNewContext('1');",
  "import 'vm'": "import vm from 'vm';\nexport const x = vm.runInThisContext('1');",
  "import('node:vm')": "export const x = import('node:vm');",
  "require('vm')": "declare const require: (m: string) => unknown;\nexport const x = require('vm');",
};

/** One source file in each package (and the examples): the rules must hold everywhere. */
const PLACES = ['packages/engine/src/planted.ts', 'packages/forms/src/planted.ts', 'packages/server/src/planted.ts', 'packages/studio/src/planted.ts', 'examples/planted.ts'];

describe('no code from strings (lint, issue 7)', () => {
  it('catches every planted eval / Function / vm in every package, and passes a clean file', { timeout: 120_000 }, async ({ task }) => {
    const eslint = new ESLint({ cwd: root });
    const missed: string[] = [];
    let tried = 0;
    for (const place of PLACES) {
      for (const [form, code] of Object.entries(PLANTED)) {
        tried += 1;
        const [result] = await eslint.lintText(`${code}\n`, { filePath: join(root, place) });
        const caught = (result?.messages ?? []).some((m) => m.severity === 2 && ['no-eval', 'no-new-func', 'no-implied-eval', 'no-restricted-syntax'].includes(m.ruleId ?? ''));
        if (!caught) missed.push(`${place}: ${form}`);
      }
    }
    // The check must not refuse ordinary code: a clean file in the same places has no error.
    let falseAlarms = 0;
    for (const place of PLACES) {
      const [result] = await eslint.lintText("export const f = (a: number): number => a + 1;\nexport const name = f.name;\nexport const later = (fn: () => void): void => { void Promise.resolve().then(fn); };\n", { filePath: join(root, place) });
      falseAlarms += (result?.messages ?? []).filter((m) => m.severity === 2).length;
    }
    recordReliability(task, {
      check: 'no-code-from-strings',
      title: 'No eval / Function / vm (lint)',
      tried: { 'planted files': tried, forms: Object.keys(PLANTED).length, packages: PLACES.length },
      held: { missed: missed.length, 'false alarms': falseAlarms },
      how: "the repository's ESLint configuration, on a planted source file in each package",
    });
    expect(missed).toEqual([]);
    expect(falseAlarms).toBe(0);
  });
});
