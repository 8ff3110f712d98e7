import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  FormEditError,
  addChoice,
  addField,
  addRule,
  canonicalJson,
  createBuilder,
  createEmptyForm,
  createField,
  createFormValidator,
  exportForm,
  getField,
  getSection,
  importForm,
  moveChoice,
  moveField,
  removeChoice,
  removeField,
  removeRule,
  renameField,
  setCondition,
  setRequired,
  setSectionClosed,
  updateField,
  updateRule,
} from '../src/index.js';
import type { FormCommand, FormEditErrorCode, FormModel } from '../src/index.js';

/** Runs commands one after the other (throws on a refused one). */
function run(model: FormModel, ...commands: FormCommand[]): FormModel {
  return commands.reduce((m, c) => c.execute(m), model);
}

/** A form: kind (select) / extra (shown when kind = X) / group household { head, size } / list members. */
function sampleForm(): FormModel {
  return run(
    createEmptyForm(),
    addField([], 0, createField('select', 'kind', { title: '类别', required: true, options: { choices: [{ value: 'X', label: '甲' }, { value: 'Y', label: '乙' }] } })),
    addField([], 1, createField('text', 'extra', { title: '补充', required: true })),
    setCondition(['extra'], { field: 'kind', equals: 'X' }),
    addField([], 2, createField('group', 'household', { title: '户' })),
    addField(['household'], 0, createField('text', 'head', { title: '户主', required: true })),
    addField(['household'], 1, createField('integer', 'size', { title: '人数', options: { minimum: 1 } })),
    addField([], 3, createField('list', 'members', { title: '成员' })),
    addField(['members'], 0, createField('idCard', 'idNo', { title: '身份证号', required: true })),
    addField([], 4, createField('textarea', 'note', { title: '备注' })),
    addRule([], 0, { when: { field: 'kind', equals: 'Y' }, then: { require: ['note'], constrain: {} } }),
  );
}

function expectRefused(model: FormModel, command: FormCommand, code: FormEditErrorCode): FormEditError {
  let caught: unknown;
  try {
    command.execute(model);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FormEditError);
  const error = caught as FormEditError;
  expect(error.code).toBe(code);
  expect(error.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(error.messages.en.length).toBeGreaterThan(0);
  return error;
}

describe('every command executes and reverts to the identical model', () => {
  const model = sampleForm();
  const commands: [string, FormCommand][] = [
    ['addField at the root', addField([], 1, createField('date', 'day', { title: '日期' }))],
    ['addField in a list item', addField(['members'], 1, createField('mobile', 'tel'))],
    ['removeField in a group', removeField(['household', 'size'])],
    ['moveField within a section', moveField(['note'], [], 0)],
    ['moveField into a group', moveField(['members'], ['household'], 1)],
    ['moveField out of a group', moveField(['household', 'size'], [], 5)],
    ['updateField title and options', updateField(['household', 'size'], { title: '家庭人数', options: { minimum: undefined, maximum: 20 } })],
    ['updateField clears the description', updateField(['kind'], { description: '说明' })],
    ['setCondition', setCondition(['note'], { field: 'kind', in: ['X', 'Y'] })],
    ['setCondition(null)', setCondition(['extra'], null)],
    ['setRequired', setRequired(['household', 'size'], true)],
    ['addChoice', addChoice(['kind'], 1, { value: 'Z', label: '丙' })],
    ['moveChoice', moveChoice(['kind'], 0, 1)],
    ['renameField', renameField(['kind'], 'category')],
    ['addRule', addRule(['household'], 0, { when: { field: 'size', equals: 3 }, then: { require: ['head'], constrain: {} } })],
    ['updateRule', updateRule([], 0, { when: { field: 'kind', equals: 'X' }, then: { require: [], constrain: { note: { maxLength: 10 } } } })],
    ['removeRule', removeRule([], 0)],
    ['setSectionClosed', setSectionClosed(['household'], true)],
  ];
  it.each(commands)('%s', (_name, command) => {
    const before = structuredClone(model);
    const after = command.execute(model);
    expect(after).not.toEqual(model);
    expect(model).toEqual(before); // execute never mutates
    const reverted = command.revert(after);
    expect(reverted).toEqual(model);
    expect(canonicalJson(exportForm(reverted))).toBe(canonicalJson(exportForm(model)));
    // and again (redo, undo)
    expect(command.revert(command.execute(reverted))).toEqual(model);
  });

  it('removeField and removeChoice revert too (on fields nothing refers to)', () => {
    const free = run(model, removeRule([], 0));
    for (const command of [removeField(['note']), removeField(['members', 'idNo']), removeChoice(['kind'], 1)]) {
      const after = command.execute(free);
      expect(after).not.toEqual(free);
      expect(command.revert(after)).toEqual(free);
    }
  });

  it('refuses to revert a command that was never executed', () => {
    expect(() => setRequired(['kind'], false).revert(model)).toThrow(FormEditError);
  });
});

describe('commands change what they say', () => {
  const model = sampleForm();

  it('renameField renames the property and every condition and rule that mentions it', () => {
    const renamed = renameField(['kind'], 'category').execute(model);
    expect(getField(renamed, ['extra']).condition).toEqual({ field: 'category', equals: 'X' });
    expect(getSection(renamed, []).rules[0]?.when).toEqual({ field: 'category', equals: 'Y' });
    const renamedNote = renameField(['note'], 'remark').execute(model);
    expect(getSection(renamedNote, []).rules[0]?.then.require).toEqual(['remark']);
  });

  it('moveField places the field at the given position of the target section', () => {
    const moved = moveField(['note'], [], 0).execute(model);
    expect(getSection(moved, []).fields.map((f) => f.id)).toEqual(['note', 'kind', 'extra', 'household', 'members']);
    const intoGroup = moveField(['members'], ['household'], 1).execute(model);
    expect(getSection(intoGroup, ['household']).fields.map((f) => f.id)).toEqual(['head', 'members', 'size']);
    expect(getField(intoGroup, ['household', 'members', 'idNo']).type).toBe('idCard');
  });

  it('a conditional field placed before unconditional ones is kept in place with ui:order', () => {
    const moved = moveField(['extra'], [], 0).execute(model);
    const { uiSchema } = exportForm(moved);
    expect(uiSchema['ui:order']).toEqual(['extra', 'kind', 'household', 'members', 'note']);
    const again = importForm(exportForm(moved));
    expect(again.editable && again.model).toEqual(moved);
    // Right after its trigger (as sampleForm has it) also needs ui:order; last in the section does not.
    expect(exportForm(model).uiSchema['ui:order']).toEqual(['kind', 'extra', 'household', 'members', 'note']);
    expect(exportForm(moveField(['extra'], [], 4).execute(model)).uiSchema['ui:order']).toBeUndefined();
  });
});

describe('illegal edits are refused with a bilingual error', () => {
  const model = sampleForm();

  it('duplicate ids', () => {
    expectRefused(model, addField([], 0, createField('text', 'kind')), 'CF_BUILDER_DUPLICATE_ID');
    expectRefused(model, renameField(['note'], 'kind'), 'CF_BUILDER_DUPLICATE_ID');
    const withNote = run(model, addField(['household'], 0, createField('text', 'note')));
    expectRefused(withNote, moveField(['household', 'note'], [], 0), 'CF_BUILDER_DUPLICATE_ID');
  });

  it('ids that are not ^[A-Za-z][A-Za-z0-9_]*$', () => {
    for (const id of ['1st', '姓名', 'a-b', '', '_x', 'a b', 'constructor', 'prototype', '__proto__']) {
      expectRefused(model, addField([], 0, createField('text', id)), 'CF_BUILDER_INVALID_ID');
    }
    expectRefused(model, renameField(['note'], 'no-te'), 'CF_BUILDER_INVALID_ID');
    expect(addField([], 0, createField('text', 'ok_Name1')).execute(model)).toBeTruthy();
  });

  it('moving a group into itself or its descendants', () => {
    expectRefused(model, moveField(['household'], ['household'], 0), 'CF_BUILDER_MOVE_INTO_ITSELF');
    const nested = run(model, addField(['household'], 0, createField('group', 'inner')));
    expectRefused(nested, moveField(['household'], ['household', 'inner'], 0), 'CF_BUILDER_MOVE_INTO_ITSELF');
  });

  it('removing a field a condition or rule refers to (remove the condition/rule first)', () => {
    const error = expectRefused(model, removeField(['kind']), 'CF_BUILDER_FIELD_REFERENCED');
    expect(error.messages.en).toMatch(/the condition of field "extra", validation rule 1/);
    expectRefused(model, removeField(['note']), 'CF_BUILDER_FIELD_REFERENCED');
    const freed = run(model, setCondition(['extra'], null), removeRule([], 0));
    expect(getSection(removeField(['kind']).execute(freed), []).fields.map((f) => f.id)).not.toContain('kind');
  });

  it('removing a choice a condition compares with', () => {
    expectRefused(model, removeChoice(['kind'], 0), 'CF_BUILDER_FIELD_REFERENCED');
    expectRefused(model, addChoice(['kind'], 0, { value: 'X' }), 'CF_BUILDER_INVALID_CHOICE');
    expectRefused(model, addChoice(['note'], 0, { value: 'X' }), 'CF_BUILDER_INVALID_CHOICE');
    expectRefused(model, moveChoice(['kind'], 0, 5), 'CF_BUILDER_INDEX_OUT_OF_RANGE');
  });

  it('conditions on missing fields, on itself, on a value that is no choice, or in a closed section', () => {
    expectRefused(model, setCondition(['note'], { field: 'nothing', equals: 'X' }), 'CF_BUILDER_INVALID_CONDITION');
    expectRefused(model, setCondition(['note'], { field: 'note', equals: 'X' }), 'CF_BUILDER_INVALID_CONDITION');
    expectRefused(model, setCondition(['note'], { field: 'kind', equals: 'Q' }), 'CF_BUILDER_INVALID_CONDITION');
    expectRefused(model, setCondition(['household', 'head'], { field: 'kind', equals: 'X' }), 'CF_BUILDER_INVALID_CONDITION');
    expectRefused(model, setSectionClosed([], true), 'CF_BUILDER_INVALID_CONDITION');
    expectRefused(model, moveField(['extra'], ['household'], 0), 'CF_BUILDER_FIELD_REFERENCED');
    expectRefused(model, moveField(['kind'], ['household'], 0), 'CF_BUILDER_FIELD_REFERENCED');
  });

  it('invalid field settings, rules and paths', () => {
    expectRefused(model, updateField(['note'], { widget: 'radio' }), 'CF_BUILDER_INVALID_FIELD');
    expectRefused(model, updateField(['note'], { options: { maxLength: -1 } }), 'CF_BUILDER_INVALID_FIELD');
    expectRefused(model, updateField(['note'], { options: { pattern: '(' } }), 'CF_BUILDER_INVALID_FIELD');
    expectRefused(model, updateField(['note'], { options: { choices: [] } }), 'CF_BUILDER_INVALID_FIELD');
    expectRefused(model, updateField(['note'], { id: 'x' } as never), 'CF_BUILDER_INVALID_FIELD');
    expectRefused(model, addRule([], 0, { when: { field: 'kind', equals: 'X' }, then: { require: ['nobody'], constrain: {} } }), 'CF_BUILDER_INVALID_RULE');
    expectRefused(model, addField(['note'], 0, createField('text', 'x')), 'CF_BUILDER_NOT_A_SECTION');
    expectRefused(model, removeField(['nothing']), 'CF_BUILDER_FIELD_NOT_FOUND');
    expectRefused(model, addField([], 99, createField('text', 'x')), 'CF_BUILDER_INDEX_OUT_OF_RANGE');
  });
});

describe('createBuilder: history', () => {
  it('execute, undo, redo; execute clears redo; listeners hear every change', () => {
    const builder = createBuilder(createEmptyForm());
    const listener = vi.fn();
    const stop = builder.subscribe(listener);
    expect([builder.canUndo, builder.canRedo]).toEqual([false, false]);
    expect(builder.execute(addField([], 0, createField('text', 'a')))).toEqual({ ok: true });
    expect(builder.execute(addField([], 1, createField('text', 'b')))).toEqual({ ok: true });
    expect(builder.execute(renameField(['a'], 'alpha'))).toEqual({ ok: true });
    const ids = (): string[] => builder.model.root.fields.map((f) => f.id);
    expect(ids()).toEqual(['alpha', 'b']);
    expect(builder.undo()).toBe(true);
    expect(ids()).toEqual(['a', 'b']);
    expect(builder.undo()).toBe(true);
    expect(ids()).toEqual(['a']);
    expect(builder.canRedo).toBe(true);
    expect(builder.redo()).toBe(true);
    expect(ids()).toEqual(['a', 'b']);
    expect(builder.redo()).toBe(true);
    expect(ids()).toEqual(['alpha', 'b']);
    expect(builder.redo()).toBe(false);
    builder.undo();
    builder.execute(setRequired(['a'], true));
    expect(builder.canRedo).toBe(false);
    expect(listener).toHaveBeenCalledTimes(9);
    expect(listener).toHaveBeenLastCalledWith(builder.model);
    stop();
    builder.undo();
    expect(listener).toHaveBeenCalledTimes(9);
    while (builder.undo());
    expect(builder.model).toEqual(createEmptyForm());
    expect(builder.undo()).toBe(false);
  });

  it('a refused edit changes nothing and is not recorded', () => {
    const builder = createBuilder(sampleForm());
    const before = builder.model;
    const listener = vi.fn();
    builder.subscribe(listener);
    const result = builder.execute(removeField(['kind']));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CF_BUILDER_FIELD_REFERENCED');
    expect(builder.model).toBe(before);
    expect(builder.canUndo).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('exported schemas validate data with createFormValidator', () => {
  const validator = createFormValidator();

  it('an ID card field refuses a wrong check digit and accepts the right one', () => {
    const model = run(createEmptyForm(), addField([], 0, createField('idCard', 'idNo', { title: '身份证号', required: true })));
    const { schema } = exportForm(model);
    expect(validator.validate(schema, { idNo: '110101198001010011' }).valid).toBe(false);
    expect(validator.validate(schema, { idNo: '110101198001010010' }).valid).toBe(true);
    expect(validator.validate(schema, {}).errors[0]?.code).toBe('CF_FORMS_REQUIRED');
  });

  it('a conditional field is required only while its condition holds, and pruned when hidden', () => {
    const { schema } = exportForm(sampleForm());
    const base = { household: { head: '张三' }, members: [] };
    const check = (data: Record<string, unknown>): boolean => validator.validate(schema, validator.prepare ? validator.prepare(schema, data) : data).valid;
    expect(check({ ...base, kind: 'X' })).toBe(false);
    expect(check({ ...base, kind: 'X', extra: '补充' })).toBe(true);
    expect(check({ ...base, kind: 'Y', note: '备注' })).toBe(true);
    expect(check({ ...base, kind: 'Y' })).toBe(false); // the rule requires note when kind = Y
    if (validator.prepare) expect(validator.prepare(schema, { ...base, kind: 'Y', note: 'n', extra: 'hidden' })).not.toHaveProperty('extra');
  });

  it('edits to an example form keep it valid: rename a field that rules mention (BF1 applicants.kind)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
    const definition = JSON.parse(readFileSync(join(root, 'examples/dispute-mediation/process.json'), 'utf8')) as { forms: Record<string, { schema: unknown }> };
    const imported = importForm(definition.forms['BF1'] as { schema: unknown });
    if (!imported.editable) throw new Error(imported.reason.en);
    const edited = run(imported.model, renameField(['applicants', 'kind'], 'party_kind'), setRequired(['grid_event_ref'], true));
    const { schema } = exportForm(edited);
    const items = (schema['properties'] as Record<string, { items: { allOf: { if: { properties: object } }[] } }>)['applicants']?.items;
    expect(Object.keys(items?.allOf[0]?.if.properties ?? {})).toEqual(['party_kind']);
    expect(() => validator.validate(schema, {})).not.toThrow();
    const again = importForm(exportForm(edited));
    expect(again.editable && again.model).toEqual(edited);
  });
});
