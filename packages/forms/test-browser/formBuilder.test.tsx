import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  addChoice,
  addField,
  canonicalJson,
  createBuilder,
  createEmptyForm,
  createField,
  createFormValidator,
  createPrecompiledFormValidator,
  exportForm,
  setCondition,
  setRequired,
  updateField,
} from '@civicflow/forms';
import type { CivicflowFormValidator, FormCommand, FormSchemas, PrecompiledFormModule } from '@civicflow/forms';
import { FormBuilder } from '@civicflow/forms/react';
import type { FormBuilderProps, PreviewValidatorRequest } from '@civicflow/forms/react';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import disputeMediation from '../../../examples/dispute-mediation/process.json';
import emergencyMobilisation from '../../../examples/emergency-mobilisation/process.json';
import villageElection from '../../../examples/village-election/process.json';

let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = undefined;
  host = undefined;
});

/** Renders the builder and records every `onChange` / `onSave`. */
function mount(props: Partial<FormBuilderProps> & Pick<FormBuilderProps, 'value'>): { changes: FormSchemas[]; saves: FormSchemas[]; host: HTMLElement } {
  const changes: FormSchemas[] = [];
  const saves: FormSchemas[] = [];
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const r = root;
  flushSync(() => r.render(<FormBuilder onChange={(f) => changes.push(f)} onSave={(f) => saves.push(f)} {...props} />));
  return { changes, saves, host };
}

/** The model's export after running `commands` on an empty form (what the UI must produce). */
function modelExport(commands: FormCommand[]): FormSchemas {
  const builder = createBuilder(createEmptyForm());
  for (const command of commands) {
    const result = builder.execute(command);
    if (!result.ok) throw result.error;
  }
  return exportForm(builder.model);
}

function last<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('nothing recorded');
  return item;
}

async function setText(label: string, text: string): Promise<void> {
  await userEvent.fill(page.getByLabelText(label, { exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

const EMPTY = exportForm(createEmptyForm());

describe('<FormBuilder> in a real browser', () => {
  // First in the file: React hoists a rendered <style href> into <head> and keeps it there, and
  // each test file has a page of its own.
  it('with injectStyles={false} renders no <style> at all, the preview form\'s included (a strict CSP refuses inline styles)', async () => {
    const { host } = mount({ value: { schema: { type: 'object', properties: { place: { type: 'string', title: '地点' } } } }, injectStyles: false });
    // The preview (the real <TaskForm>) has rendered the field.
    await expect.poll(() => host.querySelector('.cf-builder__preview input')).not.toBeNull();
    expect(document.querySelectorAll('style[data-href^="civicflow-"], style[href^="civicflow-"]')).toHaveLength(0);
  });

  it('builds a form from scratch whose export is the model’s and validates data (a bad ID refused)', async () => {
    const { changes, host: el } = mount({ value: EMPTY });
    await userEvent.click(page.getByRole('button', { name: '单行文本', exact: true }));
    await setText('标题', '姓名');
    await userEvent.click(page.getByLabelText('必填', { exact: true }));
    await userEvent.click(page.getByRole('button', { name: '身份证号', exact: true }));
    await userEvent.click(page.getByLabelText('必填', { exact: true }));
    await userEvent.click(page.getByRole('button', { name: '单选', exact: true }));
    await setText('标题', '申请人');
    for (const [value, label] of [
      ['SELF', '本人'],
      ['AGENT', '代理人'],
    ] as const) {
      await userEvent.fill(page.getByLabelText('新选项的值（保存在数据中）'), value);
      await userEvent.fill(page.getByLabelText('新选项的显示文字'), label);
      await userEvent.click(page.getByRole('button', { name: '添加选项' }));
    }
    await userEvent.click(page.getByRole('button', { name: '单行文本', exact: true }));
    await setText('标题', '代理人姓名');
    await userEvent.selectOptions(page.getByLabelText('条件字段'), 'select1');
    await userEvent.selectOptions(page.getByLabelText('条件值'), 'AGENT');
    await userEvent.click(page.getByRole('button', { name: '设置条件' }));
    await userEvent.click(page.getByLabelText('必填', { exact: true }));

    const expected = modelExport([
      addField([], 0, createField('text', 'text1', { title: '单行文本' })),
      updateField(['text1'], { title: '姓名' }),
      setRequired(['text1'], true),
      addField([], 1, createField('idCard', 'idCard1', { title: '身份证号' })),
      setRequired(['idCard1'], true),
      addField([], 2, createField('select', 'select1', { title: '单选' })),
      updateField(['select1'], { title: '申请人' }),
      addChoice(['select1'], 0, { value: 'SELF', label: '本人' }),
      addChoice(['select1'], 1, { value: 'AGENT', label: '代理人' }),
      addField([], 3, createField('text', 'text2', { title: '单行文本' })),
      updateField(['text2'], { title: '代理人姓名' }),
      setCondition(['text2'], { field: 'select1', equals: 'AGENT' }),
      setRequired(['text2'], true),
    ]);
    const exported = last(changes);
    expect(exported).toEqual(expected);
    expect(changes).toHaveLength(13);

    await userEvent.click(page.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(el.querySelector('pre')?.textContent ?? '')).toEqual(expected);

    const validator = createFormValidator();
    const ok = { text1: '张三', idCard1: '110101198001010010', select1: 'SELF' };
    expect(validator.validate(exported.schema, ok).valid).toBe(true);
    expect(validator.validate(exported.schema, { ...ok, idCard1: '110101198001010011' }).valid).toBe(false);
    // The conditional field is required once its condition holds.
    expect(validator.validate(exported.schema, { ...ok, select1: 'AGENT' }).valid).toBe(false);
    expect(validator.validate(exported.schema, { ...ok, select1: 'AGENT', text2: '李四' }).valid).toBe(true);
  });

  it('undo and redo, by button and by keyboard, restore the exact exported JSON', async () => {
    const { changes } = mount({ value: EMPTY });
    const undo = page.getByRole('button', { name: '撤销' });
    const redo = page.getByRole('button', { name: '重做' });
    await expect.element(undo).toBeDisabled();
    await expect.element(redo).toBeDisabled();
    await userEvent.click(page.getByRole('button', { name: '整数', exact: true }));
    await userEvent.click(page.getByRole('button', { name: '日期', exact: true }));
    await setText('标题', '受理日期');
    const [one, two, three] = changes.map(canonicalJson);
    expect(changes).toHaveLength(3);

    await userEvent.click(undo);
    expect(canonicalJson(last(changes))).toBe(two);
    await userEvent.click(undo);
    expect(canonicalJson(last(changes))).toBe(one);
    await expect.element(redo).toBeEnabled();
    // Focus is on the undo button, not in a text box: the shortcuts belong to the builder.
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(canonicalJson(last(changes))).toBe(canonicalJson(EMPTY));
    await expect.element(undo).toBeDisabled();
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(canonicalJson(last(changes))).toBe(one);
    await userEvent.click(redo);
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(canonicalJson(last(changes))).toBe(three);
    await expect.element(redo).toBeDisabled();
  });

  it('reorders fields from the keyboard (Alt+↓ twice, then Alt+↑) and with the move buttons', async () => {
    const value = modelExport([
      addField([], 0, createField('text', 'a', { title: '甲' })),
      addField([], 1, createField('text', 'b', { title: '乙' })),
      addField([], 2, createField('text', 'c', { title: '丙' })),
    ]);
    const { changes } = mount({ value });
    await userEvent.click(page.getByRole('button', { name: /^甲/ }));
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(Object.keys(last(changes).schema['properties'] as object)).toEqual(['b', 'c', 'a']);
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(Object.keys(last(changes).schema['properties'] as object)).toEqual(['b', 'a', 'c']);
    await userEvent.click(page.getByRole('button', { name: '上移 丙' }));
    expect(Object.keys(last(changes).schema['properties'] as object)).toEqual(['b', 'c', 'a']);
    await expect.element(page.getByRole('button', { name: '上移 乙' })).toBeDisabled();
  });

  it('adds a field by dragging a palette entry onto the canvas', async () => {
    const value = modelExport([addField([], 0, createField('text', 'a', { title: '甲' }))]);
    const { changes } = mount({ value });
    await userEvent.dragAndDrop(page.getByRole('button', { name: '日期', exact: true }), page.getByText('放到末尾'));
    expect(Object.keys(last(changes).schema['properties'] as object)).toEqual(['a', 'date1']);
  });

  it('shows a refused removal in the alert region and changes nothing', async () => {
    const value = modelExport([
      addField([], 0, createField('select', 'kind', { title: '类型', options: { choices: [{ value: 'X', label: '其他' }] } })),
      addField([], 1, createField('text', 'extra', { title: '补充说明' })),
      setCondition(['extra'], { field: 'kind', equals: 'X' }),
    ]);
    const { changes, host: el } = mount({ value });
    await userEvent.click(page.getByRole('button', { name: '删除 类型' }));
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent(/不能删除字段 kind/);
    await expect.element(alert).toHaveTextContent(/cannot remove field kind/);
    expect(changes).toHaveLength(0);
    await expect.element(page.getByRole('button', { name: '撤销' })).toBeDisabled();
    await userEvent.click(page.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(el.querySelector('pre')?.textContent ?? '')).toEqual(value);
  });

  it.each([
    ['A village election plan', villageElection.forms.plan.schema],
    ['B dispute mediation BF1', disputeMediation.forms.BF1.schema],
    ['C emergency household_check', emergencyMobilisation.forms.household_check.schema],
  ])('opens an example form (%s) and saves it unchanged', async (_name, schema) => {
    const original = schema as unknown as Record<string, unknown>;
    const { saves, changes } = mount({ value: { schema: original } });
    await expect.element(page.getByRole('button', { name: '撤销' })).toBeDisabled();
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    await expect.element(page.getByText('已保存')).toBeInTheDocument();
    expect(changes).toHaveLength(0);
    expect(saves).toHaveLength(1);
    expect(last(saves).schema).toEqual(original);
    expect(last(saves).uiSchema).toEqual({});
    expect(canonicalJson(last(saves).schema)).toBe(canonicalJson(original));
  });

  it('opens a schema with anyOf read-only with the reason, and offers no editing', async () => {
    const schema = { type: 'object', properties: { a: { type: 'string', anyOf: [{ maxLength: 5 }, { pattern: '^a' }] } } };
    const { host: el } = mount({ value: { schema } });
    await expect.element(page.getByText('此表单只能查看，不能在设计器中编辑')).toBeInTheDocument();
    await expect.element(page.getByText(/不支持关键字 "anyOf"/)).toBeInTheDocument();
    await expect.element(page.getByText(/the keyword "anyOf" is not supported/)).toBeInTheDocument();
    expect(page.getByRole('button', { name: '单行文本', exact: true }).elements()).toHaveLength(0);
    expect(page.getByRole('button', { name: '保存' }).elements()).toHaveLength(0);
    expect(JSON.parse(el.querySelector('pre')?.textContent ?? '')).toEqual({ schema, uiSchema: {} });
  });

  it('renders XSS vectors in a field title and a choice label as text, and never runs them', async () => {
    const w = window as unknown as { __xss?: number };
    w.__xss = 0;
    const vector = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>';
    const value = modelExport([
      addField([], 0, createField('text', 'a', { title: vector })),
      addField([], 1, createField('select', 'k', { title: '类型', options: { choices: [{ value: 'X', label: vector }] } })),
    ]);
    const { host: el } = mount({ value });
    await userEvent.click(page.getByRole('button', { name: /^类型/ }));
    await userEvent.click(page.getByRole('button', { name: /^<img/ }));
    await userEvent.click(page.getByRole('tab', { name: 'JSON' }));
    await userEvent.click(page.getByRole('tab', { name: '预览' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.textContent).toContain(vector);
    expect(el.querySelector('img, script')).toBeNull();
    expect(w.__xss).toBe(0);
  });

  it('checks a computed value’s expression as it is typed and switches to English with locale="en"', async () => {
    const value = modelExport([addField([], 0, createField('computed', 'total', { title: '合计' }))]);
    const { changes } = mount({ value, locale: 'en' });
    await expect.element(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await userEvent.click(page.getByRole('button', { name: /^合计/ }));
    const input = page.getByLabelText('Expression', { exact: true });
    await userEvent.fill(input, 'form.a +');
    await expect.element(page.getByText(/^Invalid expression/)).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    expect(changes).toHaveLength(0);
    await userEvent.fill(input, 'form.a + 1');
    await expect.element(page.getByText('The expression is valid')).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    expect((last(changes).schema['properties'] as Record<string, Record<string, unknown>>)['total']?.['x-cf-compute']).toBe('form.a + 1');
  });
});

// ---------------------------------------------------------------- the preview's validator from the host

/** A preview validator source whose answers the test gives, one request at a time. */
function scriptedSource() {
  const requests: { schema: object; signal: AbortSignal; resolve(v: CivicflowFormValidator): void; reject(e: unknown): void }[] = [];
  const source = (schema: object, { signal }: PreviewValidatorRequest): Promise<CivicflowFormValidator> =>
    new Promise((resolve, reject) => requests.push({ schema, signal, resolve, reject }));
  return { requests, source };
}

/** The precompiled validator of `schema`, as a page under a strict CSP gets it (the module imported as a module of its own), counting its validations. */
async function precompiled(schema: object): Promise<{ validator: CivicflowFormValidator; validations: () => number }> {
  const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
  let module: PrecompiledFormModule;
  try {
    module = (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
  } finally {
    URL.revokeObjectURL(url);
  }
  const inner = createPrecompiledFormValidator(module);
  let count = 0;
  const validator = { ...inner, validate: (...args: Parameters<CivicflowFormValidator['validate']>) => { count += 1; return inner.validate(...args); } };
  return { validator, validations: () => count };
}

const status = (el: HTMLElement): string => el.querySelector('[role=tabpanel] [role=status]')?.textContent ?? '';
const previewInputs = (el: HTMLElement): number => el.querySelectorAll('[role=tabpanel] input[type=text], [role=tabpanel] input:not([type])').length;

describe('<FormBuilder previewValidator> (a page under a strict CSP)', () => {
  it('previews with the host\'s validator for each schema: says so while it comes, keeps the last preview in view, drops the requests it no longer needs', async () => {
    const { requests, source } = scriptedSource();
    const value = modelExport([addField([], 0, createField('text', 'place', { title: '事件地点' })), setRequired(['place'], true)]);
    const { host: el, changes } = mount({ value, previewValidator: source, injectStyles: false });
    await expect.poll(() => status(el)).toBe('正在准备预览…');
    expect(previewInputs(el)).toBe(0);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.schema).toEqual(value.schema);

    const first = await precompiled(requests[0]!.schema);
    requests[0]!.resolve(first.validator);
    await expect.poll(() => previewInputs(el)).toBe(1);
    expect(status(el)).toBe('');
    // Submitting the empty form: the host's validator says what is missing.
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await expect.element(page.getByText('请填写事件地点（此项必填）').first()).toBeInTheDocument();
    expect(first.validations()).toBeGreaterThan(0);

    // Two edits in a row: the first request is dropped (aborted), the last preview stays in view, busy.
    await userEvent.click(page.getByRole('button', { name: '单行文本', exact: true }));
    await expect.poll(() => requests.length).toBe(2);
    await userEvent.click(page.getByRole('button', { name: '多行文本', exact: true }));
    await expect.poll(() => requests.length).toBe(3);
    expect(requests[1]!.signal.aborted).toBe(true);
    expect(requests[2]!.signal.aborted).toBe(false);
    expect(requests[2]!.schema).toEqual(last(changes).schema);
    expect(status(el)).toBe('正在更新预览…（下面仍是修改前的表单）');
    expect(el.querySelector('[aria-busy=true] .cf-builder__preview input')).not.toBeNull();
    expect(previewInputs(el)).toBe(1);

    const third = await precompiled(requests[2]!.schema);
    requests[2]!.resolve(third.validator);
    await expect.poll(() => el.querySelectorAll('[role=tabpanel] textarea').length).toBe(1);
    expect(previewInputs(el)).toBe(2);
    expect(status(el)).toBe('');
    expect(el.querySelector('[aria-busy=true]')).toBeNull();
    // A late answer to the dropped request changes nothing.
    requests[1]!.resolve(first.validator);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.querySelectorAll('[role=tabpanel] textarea')).toHaveLength(1);
    expect(requests).toHaveLength(3);
  });

  it('shows why the validator could not be had in place of the preview, in the builder\'s language, and tries again', async () => {
    const { requests, source } = scriptedSource();
    const value = modelExport([addField([], 0, createField('text', 'place', { title: '事件地点' }))]);
    const { host: el } = mount({ value, previewValidator: source });
    await expect.poll(() => requests.length).toBe(1);
    requests[0]!.reject(Object.assign(new Error('CF_SERVER_FORM_SCHEMA_INVALID: the form definition has 1 problem(s)'), {
      code: 'CF_SERVER_FORM_SCHEMA_INVALID',
      localized: { 'zh-CN': '表单定义有 1 处问题，无法生成预览所需的校验程序', en: 'the form definition has 1 problem(s), so its validator for the preview cannot be compiled' },
      hint: { 'zh-CN': '按提示修改表单中相应的字段', en: 'change the field the message names' },
    }));
    const alert = await waitForAlert(el);
    expect(alert.textContent).toBe('无法显示预览： 表单定义有 1 处问题，无法生成预览所需的校验程序处理办法：按提示修改表单中相应的字段错误代码：CF_SERVER_FORM_SCHEMA_INVALID重试');
    expect(previewInputs(el)).toBe(0);

    // Try again: this time the host answers at once, with a validator it has at hand.
    await userEvent.click(page.getByRole('button', { name: '重试' }));
    await expect.poll(() => requests.length).toBe(2);
    requests[1]!.resolve(createFormValidator());
    await expect.poll(() => previewInputs(el)).toBe(1);
    expect(el.querySelector('[role=tabpanel] [role=alert]')).toBeNull();
  });

  it('speaks English with locale="en", and accepts a validator returned at once', async () => {
    let calls = 0;
    const value = modelExport([addField([], 0, createField('text', 'place', { title: 'place' }))]);
    const { host: el } = mount({
      value,
      locale: 'en',
      previewValidator: () => {
        calls += 1;
        if (calls === 1) throw new Error('no validator for this form');
        return createFormValidator();
      },
    });
    const alert = await waitForAlert(el);
    expect(alert.textContent).toBe('The preview cannot be shown: no validator for this formTry again');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.poll(() => previewInputs(el)).toBe(1);
    expect(calls).toBe(2);
  });
});

async function waitForAlert(el: HTMLElement): Promise<HTMLElement> {
  await expect.poll(() => el.querySelector('[role=tabpanel] [role=alert]')).not.toBeNull();
  return el.querySelector<HTMLElement>('[role=tabpanel] [role=alert]')!;
}
