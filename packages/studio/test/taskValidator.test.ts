import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FormSchemaError, PRECOMPILED_FORM_MODULE_FORMAT, createFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import type * as ModuleLoading from '../src/validation/formValidatorModule.js';
import { formValidatorUrl, loadFormValidatorModule } from '../src/validation/formValidatorModule.js';
import { isCodegenBlocked, taskValidator } from '../src/validation/taskValidator.js';

// The page's import() of the server's module, replaced: the tests hand over what the server would serve.
vi.mock('../src/validation/formValidatorModule.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ModuleLoading>();
  return { ...actual, loadFormValidatorModule: vi.fn() };
});
const load = vi.mocked(loadFormValidatorModule);

const dir = mkdtempSync(join(tmpdir(), 'civicflow-studio-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The module the server serves for `schema`, imported as the page imports it: an ES module of its own. */
async function servedModule(schema: object, name: string): Promise<PrecompiledFormModule> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, compileFormValidatorModule(schema));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PrecompiledFormModule;
}

const SCHEMA = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', title: '类别', enum: ['P', 'U'] }, name: { type: 'string', title: '姓名', minLength: 2 } },
  allOf: [{ if: { properties: { kind: { const: 'U' } }, required: ['kind'] }, then: { properties: { org: { type: 'string', title: '单位名称' } }, required: ['org'] } }],
};

describe('where the studio loads a form\'s validator from', () => {
  it('is the server\'s route for the published version and form, with the module format this page understands', () => {
    const form = { definitionId: 'dispute-mediation', definitionVersion: 3, formId: 'BF1' };
    const url = new URL(formValidatorUrl(form), 'http://studio.test');
    expect(url.pathname).toBe('/api/definitions/dispute-mediation/versions/3/forms/BF1/validator.js');
    expect([...url.searchParams]).toEqual([['format', PRECOMPILED_FORM_MODULE_FORMAT]]);
    // A retry asks for another URL: the browser does not hand back the failed load.
    expect(new URL(formValidatorUrl(form, 2), 'http://studio.test').searchParams.get('attempt')).toBe('2');
    // Ids are path segments, whatever their characters.
    expect(formValidatorUrl({ definitionId: 'a/b', definitionVersion: 1, formId: 'c d' })).toMatch(/^\/api\/definitions\/a%2Fb\/versions\/1\/forms\/c%20d\/validator\.js\?/);
  });
});

describe('the task form\'s validator', () => {
  it('is the precompiled one: the server\'s answers and messages, without Ajv in the page', async () => {
    const form = { definitionId: 'd', definitionVersion: 1, formId: 'same-answers' };
    load.mockResolvedValueOnce(await servedModule(SCHEMA, 'same-answers'));
    const validator = await taskValidator(form);
    const server = createFormValidator();
    for (const data of [{ kind: 'U', name: '张' }, { kind: 'P', org: '已隐藏', name: '张三' }, {}]) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(validator.validate(SCHEMA, validator.prepare(SCHEMA, data), { locale })).toEqual(server.validate(SCHEMA, server.prepare(SCHEMA, data), { locale }));
      }
    }
    expect(validator.prepare(SCHEMA, { kind: 'P', org: '已隐藏' })).toEqual({ kind: 'P' });
    // rjsf's question while rendering (is the condition met?) is answered by the module.
    expect(validator.matchFragment(SCHEMA.allOf[0]!.if, { kind: 'U' })).toBe(true);
    expect(() => validator.validate({ type: 'object' }, {})).toThrow(FormSchemaError);
  });

  it('is loaded once per form; a failed load is tried again from a new URL', async () => {
    const form = { definitionId: 'd', definitionVersion: 1, formId: 'retried' };
    load.mockClear();
    load.mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    await expect(taskValidator(form)).rejects.toThrow(TypeError);
    load.mockResolvedValueOnce(await servedModule(SCHEMA, 'retried'));
    const validator = await taskValidator(form);
    expect(await taskValidator(form)).toBe(validator);
    expect(load.mock.calls).toEqual([[form, 0], [form, 1]]);
  });

  it('refuses a module of another format (one cached from another server release)', async () => {
    const form = { definitionId: 'd', definitionVersion: 1, formId: 'old-format' };
    load.mockResolvedValueOnce({ ...(await servedModule(SCHEMA, 'old-format')), format: 'civicflow-form-validator/1' });
    await expect(taskValidator(form)).rejects.toThrow(/not a precompiled form validator module of format/);
  });
});

describe('a blocked compile', () => {
  const blocked = () => new EvalError('Evaluating a string as JavaScript violates the following Content Security Policy directive');

  it('is recognised, also when wrapped as a schema error', () => {
    expect(isCodegenBlocked(blocked())).toBe(true);
    expect(isCodegenBlocked(new FormSchemaError(['compile failed'], { cause: blocked() }))).toBe(true);
    expect(isCodegenBlocked(new FormSchemaError(['bad schema']))).toBe(false);
    expect(isCodegenBlocked('EvalError')).toBe(false);
  });
});
