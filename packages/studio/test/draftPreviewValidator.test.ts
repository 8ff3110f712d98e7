import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import { ApiError, STUDIO_FORM_UNAVAILABLE } from '../src/api/ApiError.js';
import { PREVIEW_DEBOUNCE_MS, createDraftPreviewValidator } from '../src/features/composer/draftPreviewValidator.js';
import type * as ModuleLoading from '../src/validation/formValidatorModule.js';
import { loadDraftFormValidatorModule } from '../src/validation/formValidatorModule.js';

// The composer's preview validators: the server's POST and the module's import replaced by what
// the server would answer (modules compiled here and imported as ES modules of their own).
vi.mock('../src/validation/formValidatorModule.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ModuleLoading>();
  return { ...actual, loadDraftFormValidatorModule: vi.fn() };
});
const load = vi.mocked(loadDraftFormValidatorModule);

const dir = mkdtempSync(join(tmpdir(), 'civicflow-studio-draft-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
  load.mockReset();
});

let modules = 0;
async function servedModule(schema: object): Promise<PrecompiledFormModule> {
  const file = join(dir, `draft-${(modules += 1)}.mjs`);
  writeFileSync(file, compileFormValidatorModule(schema));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PrecompiledFormModule;
}
/** Answers each load with the module of the schema it was asked for. */
const serveModules = () => load.mockImplementation((schema) => servedModule(schema));

const form = (title: string) => ({ type: 'object', required: ['place'], properties: { place: { type: 'string', title, minLength: 2 } } });
const signal = () => new AbortController().signal;

describe('the form builder preview\'s validators in the composer', () => {
  it('wait a moment after a change before asking the server; a change within it replaces the request, which is never sent', async () => {
    vi.useFakeTimers();
    serveModules();
    const source = createDraftPreviewValidator();
    const first = new AbortController();
    const dropped = Promise.resolve(source(form('第一稿'), { signal: first.signal }));
    const droppedOutcome = dropped.then(() => 'resolved', (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS - 100);
    first.abort();
    const last = Promise.resolve(source(form('第二稿'), { signal: signal() }));
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS - 1);
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    const validator = await last;
    expect(load.mock.calls).toEqual([[form('第二稿')]]);
    expect(await droppedOutcome).toMatchObject({ name: 'AbortError' });
    // The server's rules and messages.
    const schema = form('第二稿');
    for (const data of [{}, { place: '青' }, { place: '青石村' }]) {
      expect(validator.validate(schema, data)).toEqual(createFormValidator().validate(schema, data));
    }
  });

  it('answer at once, without asking again, for a form the page already has (whatever its key order)', async () => {
    serveModules();
    const source = createDraftPreviewValidator({ delayMs: 20 });
    const schema = form('已载入');
    const first = await source(schema, { signal: signal() });
    vi.useFakeTimers();
    const reordered = { properties: schema.properties, required: schema.required, type: schema.type };
    const again = source(reordered, { signal: signal() });
    // No timer to wait for: the known validator comes back.
    await vi.advanceTimersByTimeAsync(0);
    expect(await again).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('pass the server\'s refusal on as it is, and ask again next time', async () => {
    const refusal = new ApiError(422, {
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      message: { 'zh-CN': '表单定义有 1 处问题，无法生成预览所需的校验程序；首个（/properties/code/pattern）：…', en: 'the form definition has 1 problem(s) …' },
      hint: { 'zh-CN': '按提示修改表单中相应的字段', en: 'change the field the message names' },
    });
    load.mockRejectedValueOnce(refusal);
    const source = createDraftPreviewValidator({ delayMs: 0 });
    const schema = form('被拒绝');
    await expect(source(schema, { signal: signal() })).rejects.toBe(refusal);
    expect(load).toHaveBeenCalledTimes(1);
    serveModules();
    await source(schema, { signal: signal() });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('post and import once more when the import fails (the module may have left the server\'s cache), then say so in both languages', async () => {
    const failed = new TypeError('Failed to fetch dynamically imported module');
    const source = createDraftPreviewValidator({ delayMs: 0 });
    load.mockRejectedValueOnce(failed).mockImplementationOnce((schema) => servedModule(schema));
    await source(form('重试一次'), { signal: signal() });
    expect(load.mock.calls).toEqual([[form('重试一次')], [form('重试一次'), 1]]);

    load.mockReset();
    load.mockRejectedValue(failed);
    const error = await Promise.resolve(source(form('载入失败'), { signal: signal() })).catch((e: unknown) => e);
    expect(load).toHaveBeenCalledTimes(2);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: STUDIO_FORM_UNAVAILABLE,
      localized: { 'zh-CN': '未能从服务器载入此表单的校验程序', en: "this form's validator could not be loaded from the server" },
      hint: { 'zh-CN': expect.stringContaining('重试') as unknown },
    });
  });
});
