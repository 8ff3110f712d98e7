// A bare context with no host globals is what this test checks the bundle against; vm runs only the engine's own bundle here, never input.
// eslint-disable-next-line no-restricted-syntax
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The studio's simulator runs the engine in the browser. This bundles the engine for the browser
 * (esbuild fails on any Node built-in) and runs a process inside a bare JavaScript context that
 * has no `process`, `require`, `Buffer`, timers or DOM: only the language's own globals.
 */
describe('the engine in a browser', () => {
  it('bundles for platform browser and runs a process with no host globals', async () => {
    const entry = `
      import { startInstance, step, openTasks, WEEKENDS_ONLY } from '@civicflow/engine';
      const t = (zh, en) => ({ 'zh-CN': zh, en });
      const def = { schemaVersion: 1, id: 'browser-check', version: 1, title: t('浏览器', 'browser'),
        roles: { CLERK: { title: t('办事员', 'clerk') } },
        forms: { f: { title: t('表', 'form'), schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
        start: 'a',
        steps: { a: { kind: 'task', title: t('办理', 'do it'), form: 'f', assignee: { role: 'CLERK' },
                      deadline: { duration: { workingDays: 2 }, basis: t('时限', 'SLA') },
                      next: [{ when: 'form.ok', to: 'yes' }, { to: 'no' }] },
                 yes: { kind: 'end', outcome: 'YES', title: t('是', 'yes') }, no: { kind: 'end', outcome: 'NO', title: t('否', 'no') } } };
      const validator = { validate: () => ({ valid: true, errors: [] }) };
      const clerk = { id: 'c', roles: ['CLERK'], orgUnit: 'county:a/town:b' };
      const s0 = startInstance(def, { instanceId: 'b1', orgUnit: 'county:a/town:b' }, { now: '2027-05-07T09:00:00+08:00', actor: clerk }, { validator, calendar: WEEKENDS_ONLY });
      const [task] = openTasks(def, s0.snapshot);
      const s1 = step(def, s0.snapshot, { type: 'complete', taskId: task.id, data: { ok: true } }, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator });
      globalThis.__result = { dueAt: task.dueAt, outcome: s1.snapshot.context.outcome.id, status: s1.snapshot.status };
    `;
    const out = await build({
      stdin: { contents: entry, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
      bundle: true, platform: 'browser', format: 'iife', write: false, conditions: ['@civicflow/source'], logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);
    const sandbox: Record<string, unknown> = {};
    sandbox['globalThis'] = sandbox;
    runInNewContext(code, sandbox, { timeout: 5000 });
    expect(JSON.parse(JSON.stringify(sandbox['__result']))).toEqual({ dueAt: '2027-05-12T00:00:00+08:00', outcome: 'YES', status: 'done' });
  });
});
