import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { exportForm, importForm } from '@civicflow/forms';
import {
  ROOT_REGION, addForm, addRole, addStep, createComposer, draftProblems, exportDefinition, importDefinition, locateJsonError, newDefinition,
  replaceDefinition, setDefinitionId, setDefinitionTitle, setFormSchema, setNext, setStepProperty,
} from '../src/features/composer/model/index.js';
import type { ImportProblem } from '../src/features/composer/model/index.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
/** Every JSON document under examples/*\/ that is a process definition. */
const DEFINITION_FILES = readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(examples, d.name)).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f}`))
  .filter((file) => 'schemaVersion' in (JSON.parse(readFileSync(join(examples, file), 'utf8')) as object));

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function failed(source: string): ImportProblem[] {
  const result = importDefinition(source);
  if (result.ok) throw new Error('expected the import to fail');
  return result.problems;
}

describe('import and export', () => {
  it('finds the example definitions', () => {
    expect(DEFINITION_FILES).toEqual(expect.arrayContaining(['dispute-mediation/process.json', 'village-election/candidate-vetting.json', 'emergency-mobilisation/evacuee.json']));
    expect(DEFINITION_FILES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(DEFINITION_FILES)('%s: imported and exported, it is the same document (members in the same order)', (file) => {
    const source = readFileSync(join(examples, file), 'utf8');
    const result = importDefinition(source);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.upgradedFrom).toBeUndefined();
    const exported = exportDefinition(result.definition);
    expect(JSON.parse(exported)).toEqual(JSON.parse(source));
    expect(JSON.stringify(JSON.parse(exported))).toBe(JSON.stringify(JSON.parse(source)));
    // Files written as the composer writes them come back byte for byte.
    if (source === `${JSON.stringify(JSON.parse(source), null, 2)}\n`) expect(exported).toBe(source);
  });

  it.each(DEFINITION_FILES)('%s: importing into a composer is one undoable edit', (file) => {
    const source = readFileSync(join(examples, file), 'utf8');
    const composer = createComposer(newDefinition());
    const result = importDefinition(source);
    if (!result.ok) throw new Error('import failed');
    composer.execute(replaceDefinition(result.definition));
    expect(JSON.parse(exportDefinition(composer.draft))).toEqual(JSON.parse(source));
    composer.undo();
    expect(composer.draft).toEqual(newDefinition());
  });

  it('reports a syntax error with its line and column, in both languages', () => {
    const [problem] = failed('{\n  "schemaVersion": 1,\n  "id": "x"\n  "steps": {}\n}');
    expect(problem).toMatchObject({ line: 4, column: 3 });
    expect(problem!.message['zh-CN']).toBe('第 4 行第 3 列不是合法的 JSON：这里应为逗号 , 或右花括号 }');
    expect(problem!.message.en).toBe('line 4, column 3 is not valid JSON: expected a comma , or a closing brace }');
    expect(problem!.hint.en).toContain('trailing commas');
  });

  it('locates the usual mistakes of hand-written JSON', () => {
    expect(locateJsonError('{"a": 1,}')).toMatchObject({ line: 1, column: 9, expected: { en: 'another property name (JSON allows no trailing comma)' } });
    expect(locateJsonError("{'a': 1}")).toMatchObject({ column: 2, expected: { en: 'a property name in double quotes' } });
    expect(locateJsonError('{"a": "line\nbreak"}')?.line).toBe(1);
    expect(locateJsonError('[1, 2')).toMatchObject({ column: 6, expected: { en: 'a comma , or a closing bracket ]' } });
    expect(locateJsonError('{"a": tru}')).toMatchObject({ column: 7 });
    expect(locateJsonError('{} x')).toMatchObject({ column: 4 });
    expect(locateJsonError('{"a": [1, {"b": null}], "c": -1.5e3, "d": "\\u00e9\\n"}')).toBeUndefined();
  });

  it('refuses what is not a definition the composer can draw, saying where and how to fix it', () => {
    expect(failed('')[0]!.message.en).toBe('the text is empty');
    expect(failed('[1]')[0]).toMatchObject({ pointer: '/', message: { en: 'a process definition must be a JSON object' } });
    expect(failed('{"id": "x"}')[0]).toMatchObject({ pointer: '/schemaVersion', hint: { en: 'add "schemaVersion": 1 at the top' } });
    expect(failed('{"schemaVersion": "1"}')[0]).toMatchObject({ pointer: '/schemaVersion' });
    expect(failed('{"schemaVersion": 9}')[0]!.message['zh-CN']).toBe('格式版本 9 比本工作台支持的 1 新');
    // An older format has no migration registered yet: the engine's own message, in both languages.
    const older = failed('{"schemaVersion": 0}')[0]!;
    expect(older.pointer).toBe('/schemaVersion');
    expect(older.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(older.message.en).toContain('no migration from schemaVersion 0');

    const shape = failed(JSON.stringify({
      schemaVersion: 1, id: 'x', roles: [], start: 'a',
      steps: { a: { kind: 'taks' }, b: 3, c: { kind: 'parallel', branches: {} }, d: { kind: 'escalation', rungs: [{ id: 'v', steps: [] }, 'town'] }, e: { kind: 'vote', next: 'a' } },
    }));
    expect(shape.map((p) => p.pointer)).toEqual(['/roles', '/steps/a/kind', '/steps/b', '/steps/c/branches', '/steps/d/rungs/0/steps', '/steps/d/rungs/1', '/steps/e/next']);
    expect(shape[1]!.message.en).toBe('step a has the unknown kind "taks"');
    expect(shape[1]!.hint['zh-CN']).toContain('task');
    expect(failed('{"schemaVersion": 1}')[0]).toMatchObject({ pointer: '/steps', message: { en: 'steps is missing' } });
  });

  it('opens a draft that still has problems: those are shown on the steps, not refused', () => {
    const result = importDefinition(JSON.stringify({ ...newDefinition(), steps: { task1: { ...newDefinition().steps['task1'], next: 'nowhere' }, end1: newDefinition().steps['end1'] } }));
    expect(result.ok).toBe(true);
  });
});

describe('a process built from nothing', () => {
  it('three steps (a task with a new form, a second task, the end) pass validateDefinition with zero problems', () => {
    const composer = createComposer(newDefinition());
    const run = (command: Parameters<typeof composer.execute>[0]) => expect(composer.execute(command)).toEqual({ ok: true });
    // The template is valid but for its id, which the author must set.
    expect(validateDefinition(composer.draft).map((p) => p.code)).toEqual(['CF_DEF_ID_FORMAT']);
    run(setDefinitionId('grid-event-report'));
    run(setDefinitionTitle(t('网格事件上报', 'grid event report')));
    run(addRole('GRID', t('网格员', 'grid worker')));
    run(addRole('TOWN_OFFICE', t('镇综治办', 'township office')));
    // The report form, as the form builder would save it (its model round-trips it exactly).
    const report = { schema: { type: 'object', required: ['place'], properties: { place: { type: 'string', title: '地点' }, urgent: { type: 'boolean', title: '紧急' } } }, uiSchema: {} };
    const imported = importForm(report);
    expect(imported.editable).toBe(true);
    run(addForm('report', t('事件上报', 'event report')));
    run(setFormSchema('report', exportForm((imported as { model: Parameters<typeof exportForm>[0] }).model)));
    expect(composer.draft.forms['report']).not.toHaveProperty('uiSchema');
    run(setStepProperty('task1', ['title'], t('上报事件', 'report the event')));
    run(setStepProperty('task1', ['assignee', 'role'], 'GRID'));
    run(setStepProperty('task1', ['form'], 'report'));
    run(addStep(ROOT_REGION, 'task', { after: 'task1' }));
    run(setStepProperty('task2', ['title'], t('镇级处置', 'township handling')));
    run(setStepProperty('task2', ['assignee'], { role: 'TOWN_OFFICE', level: 'town' }));
    run(setStepProperty('task2', ['form'], 'handleForm'));
    run(setStepProperty('task2', ['deadline'], { duration: { workingDays: 5 }, basis: t('网格化服务管理规定', 'grid management rules') }));
    expect(composer.draft.steps['task1']).toMatchObject({ next: 'task2' });
    expect(composer.draft.steps['task2']).toMatchObject({ next: 'end1' });
    expect(validateDefinition(composer.draft)).toEqual([]);
    expect(draftProblems(composer.draft)).toEqual([]);
    // Disconnecting the end shows where the process breaks.
    run(setNext('task2', 'next', undefined));
    expect(validateDefinition(composer.draft).map((p) => `${p.code} ${p.pointer}`)).toEqual(['CF_DEF_REQUIRED /steps/task2/next', 'CF_DEF_UNREACHABLE_STEP /steps/end1', 'CF_DEF_NO_PATH_TO_END /steps/task1', 'CF_DEF_NO_PATH_TO_END /steps/task2']);
    composer.undo();
    expect(validateDefinition(composer.draft)).toEqual([]);
    const exported = JSON.parse(exportDefinition(composer.draft)) as ProcessDefinition;
    expect(Object.keys(exported.steps)).toEqual(['task1', 'end1', 'task2']);
  });

  it('every form a new draft has opens in the form builder', () => {
    const draft = newDefinition();
    for (const form of Object.values(draft.forms)) expect(importForm({ schema: form.schema }).editable).toBe(true);
    expect(importForm({ schema: { type: 'object', properties: {} } }).editable).toBe(true);
  });
});
