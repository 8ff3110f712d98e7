import { describe, expect, it } from 'vitest';
import { STEP_KINDS, validateDefinition } from '@civicflow/engine';
import type { DecisionStep, JointReviewStep, ProcessDefinition, StepKind, TaskStep } from '@civicflow/engine';
import {
  COMPOSER_EDIT_ERROR_CODES, ComposerEditError, ROOT_REGION, batchCommands, addForm, addRegion, addRole, addRoute, addStep, connect, createComposer, deleteRoute,
  deleteStep, locateStep, removeForm, removeRegion, removeRole, renameStep, replaceDefinition, setDefinitionDescription, setDefinitionId,
  setDefinitionTitle, setDefinitionVersion, setFormSchema, setFormTitle, setNext, setRegionProperty, setRoleTitle, setRouteTarget, setRouteWhen,
  setStart, setStepProperty,
} from '../src/features/composer/model/index.js';
import type { ComposerCommand } from '../src/features/composer/model/index.js';
import { composerFixture, deepFreeze } from './composerFixture.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const frozen = (): ProcessDefinition => deepFreeze(composerFixture());

/** Every command of the model, each on the fixture, with what it must have changed. */
const COMMANDS: { name: string; make: () => ComposerCommand; check: (after: ProcessDefinition) => void }[] = [
  ...STEP_KINDS.map((kind) => ({
    name: `addStep ${kind} at the top level after intake`,
    make: () => addStep(ROOT_REGION, kind, { after: 'intake' }),
    check: (after: ProcessDefinition) => {
      const id = `${kind}1`;
      expect(after.steps[id]?.kind).toBe(kind);
      expect(after.steps['intake']).toMatchObject({ next: id });
    },
  })),
  {
    name: 'addStep task into a parallel branch',
    make: () => addStep({ owner: 'parallelWork', region: 'right' }, 'task', { id: 'rightTask' }),
    check: (after) => expect(locateStep(after, 'rightTask')?.region.ref).toEqual({ owner: 'parallelWork', region: 'right' }),
  },
  {
    name: 'addStep decision into a ladder rung after its first step',
    make: () => addStep({ owner: 'ladder', region: 'town' }, 'decision', { id: 'tCheck' }),
    check: (after) => expect(locateStep(after, 'tCheck')?.region.ref).toEqual({ owner: 'ladder', region: 'town' }),
  },
  {
    name: 'deleteStep closeLate (routes, an optional outcome and a deadline goto lead to it)',
    make: () => deleteStep('closeLate'),
    check: (after) => {
      expect(after.steps['closeLate']).toBeUndefined();
      const review = after.steps['review'] as JointReviewStep;
      expect(review.next).toEqual({ approved: 'vote', rejected: [] });
      expect((after.steps['intake'] as TaskStep).deadline).toEqual({ duration: { workingDays: 3 }, basis: t('测试依据', 'test basis'), onExpiry: {} });
      expect(after.steps['ladder']).toMatchObject({ exhausted: [] });
    },
  },
  {
    name: 'deleteStep parallelWork (a group with nested steps; a guarded route leads to it)',
    make: () => deleteStep('parallelWork'),
    check: (after) => {
      expect(after.steps['parallelWork']).toBeUndefined();
      expect(locateStep(after, 'leftTask')).toBeUndefined();
      expect(after.steps['route']).toMatchObject({ next: [{ to: 'review' }] });
    },
  },
  {
    name: 'deleteStep vUp (inside a rung, a guarded route leads to it)',
    make: () => deleteStep('vUp'),
    check: (after) => expect(locateStep(after, 'vTask')?.step).toMatchObject({ next: [{ to: 'vDone' }] }),
  },
  {
    name: 'renameStep vote → ballot (its own invalid route and the approved route follow)',
    make: () => renameStep('vote', 'ballot'),
    check: (after) => {
      expect(Object.keys(after.steps)).toEqual(['intake', 'route', 'review', 'ballot', 'parallelWork', 'ladder', 'done', 'closeLate']);
      expect(after.steps['ballot']).toMatchObject({ next: { result: 'ladder', invalid: 'ballot' } });
      expect(after.steps['review']).toMatchObject({ next: { approved: 'ballot' } });
    },
  },
  {
    name: 'renameStep intake → registration (the process start and nothing else)',
    make: () => renameStep('intake', 'registration'),
    check: (after) => expect(after.start).toBe('registration'),
  },
  {
    name: 'renameStep closeLate → lateClose (a deadline goto follows)',
    make: () => renameStep('closeLate', 'lateClose'),
    check: (after) => expect((after.steps['intake'] as TaskStep).deadline?.onExpiry?.goto).toBe('lateClose'),
  },
  { name: 'setStart review', make: () => setStart('review'), check: (after) => expect(after.start).toBe('review') },
  { name: 'setStart vDone (a rung start)', make: () => setStart('vDone'), check: (after) => expect(after.steps['ladder']).toMatchObject({ rungs: [{ start: 'vDone' }, {}] }) },
  { name: 'setStepProperty title', make: () => setStepProperty('intake', ['title'], t('受理', 'receive')), check: (after) => expect(after.steps['intake']?.title).toEqual(t('受理', 'receive')) },
  { name: 'setStepProperty assignee level (a new nested member)', make: () => setStepProperty('intake', ['assignee', 'level'], 'town'), check: (after) => expect(after.steps['intake']).toMatchObject({ assignee: { role: 'CLERK', level: 'town' } }) },
  { name: 'setStepProperty assignee match', make: () => setStepProperty('intake', ['assignee', 'match'], 'subtree'), check: (after) => expect(after.steps['intake']).toMatchObject({ assignee: { match: 'subtree' } }) },
  { name: 'setStepProperty form', make: () => setStepProperty('leftTask', ['form'], 'review'), check: (after) => expect(locateStep(after, 'leftTask')?.step).toMatchObject({ form: 'review' }) },
  {
    name: 'setStepProperty deadline duration to working days',
    make: () => setStepProperty('review', ['deadline', 'duration'], { workingDays: 5 }),
    check: (after) => expect(after.steps['review']).toMatchObject({ deadline: { duration: { workingDays: 5 } } }),
  },
  { name: 'setStepProperty clears the deadline', make: () => setStepProperty('review', ['deadline'], undefined), check: (after) => expect(after.steps['review']).not.toHaveProperty('deadline') },
  {
    name: 'setStepProperty adds a deadline (written before next)',
    make: () => setStepProperty('leftTask', ['deadline'], { duration: { days: 2 }, basis: t('依据', 'basis') }),
    check: (after) => expect(Object.keys(locateStep(after, 'leftTask')!.step)).toEqual(['kind', 'title', 'form', 'assignee', 'deadline', 'next']),
  },
  { name: 'setStepProperty join quorum', make: () => setStepProperty('review', ['join'], { rule: 'quorum', count: 1 }), check: (after) => expect(after.steps['review']).toMatchObject({ join: { rule: 'quorum', count: 1 } }) },
  { name: 'setStepProperty veto', make: () => setStepProperty('review', ['veto'], true), check: (after) => expect(after.steps['review']).toMatchObject({ veto: true }) },
  { name: 'setStepProperty removes a reviewer', make: () => setStepProperty('review', ['reviewers', 1], undefined), check: (after) => expect((after.steps['review'] as JointReviewStep).reviewers).toHaveLength(1) },
  { name: 'setStepProperty vote statute', make: () => setStepProperty('vote', ['statute'], 'NONE'), check: (after) => expect(after.steps['vote']).toMatchObject({ statute: 'NONE' }) },
  { name: 'setNext (a plain route)', make: () => setNext('intake', 'next', 'review'), check: (after) => expect(after.steps['intake']).toMatchObject({ next: 'review' }) },
  { name: 'setNext (the default of a guarded list)', make: () => setNext('route', 'next', 'vote'), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{ to: 'parallelWork' }, { to: 'vote' }] }) },
  { name: 'setNext clears the optional overdue outcome', make: () => setNext('review', 'overdue', undefined), check: (after) => expect((after.steps['review'] as JointReviewStep).next).not.toHaveProperty('overdue') },
  { name: 'setNext exhausted of a ladder', make: () => setNext('ladder', 'exhausted', 'done'), check: (after) => expect(after.steps['ladder']).toMatchObject({ exhausted: 'done' }) },
  {
    name: 'addRoute turns a plain route into a list with the guard first',
    make: () => addRoute('intake', 'next', { when: 'form.urgent == true', to: 'review' }),
    check: (after) => expect(after.steps['intake']).toMatchObject({ next: [{ when: 'form.urgent == true', to: 'review' }, { to: 'route' }] }),
  },
  { name: 'setRouteWhen changes a guard', make: () => setRouteWhen('route', 'next', 0, 'false'), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{ when: 'false' }, {}] }) },
  {
    name: 'setRouteWhen guards a default route (when is written first)',
    make: () => setRouteWhen('route', 'next', 1, 'true'),
    check: (after) => expect(Object.keys((after.steps['route'] as DecisionStep).next[1]!)).toEqual(['when', 'to']),
  },
  { name: 'setRouteWhen clears a guard', make: () => setRouteWhen('route', 'next', 0, undefined), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{ to: 'parallelWork' }, { to: 'review' }] }) },
  { name: 'setRouteTarget', make: () => setRouteTarget('route', 'next', 0, 'vote'), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{ to: 'vote' }, { to: 'review' }] }) },
  { name: 'deleteRoute (a guarded one)', make: () => deleteRoute('route', 'next', 0), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{ to: 'review' }] }) },
  { name: 'deleteRoute (a plain one leaves no route)', make: () => deleteRoute('review', 'approved', 0), check: (after) => expect(after.steps['review']).toMatchObject({ next: { approved: [] } }) },
  { name: 'connect on an outcome', make: () => connect('review', 'done', { outcome: 'rejected' }), check: (after) => expect(after.steps['review']).toMatchObject({ next: { rejected: 'done' } }) },
  { name: 'connect with a guard', make: () => connect('route', 'done', { when: 'data.x == 1' }), check: (after) => expect(after.steps['route']).toMatchObject({ next: [{}, { when: 'data.x == 1', to: 'done' }, { to: 'review' }] }) },
  { name: 'addRegion (a branch)', make: () => addRegion('parallelWork'), check: (after) => expect(after.steps['parallelWork']).toMatchObject({ branches: [{ id: 'left' }, { id: 'right' }, { id: 'branch3', start: 'branch3Done1' }] }) },
  { name: 'addRegion (the next rung up)', make: () => addRegion('ladder'), check: (after) => expect(after.steps['ladder']).toMatchObject({ rungs: [{}, {}, { id: 'county', level: 'county' }] }) },
  { name: 'removeRegion', make: () => removeRegion('parallelWork', 'left'), check: (after) => expect(locateStep(after, 'leftTask')).toBeUndefined() },
  { name: 'setRegionProperty level', make: () => setRegionProperty('ladder', 'town', ['level'], 'county'), check: (after) => expect(after.steps['ladder']).toMatchObject({ rungs: [{}, { level: 'county' }] }) },
  {
    name: 'setRegionProperty deadline in working days',
    make: () => setRegionProperty('ladder', 'village', ['deadline', 'duration'], { workingDays: 10 }),
    check: (after) => expect(after.steps['ladder']).toMatchObject({ rungs: [{ deadline: { duration: { workingDays: 10 }, onExpiry: { goto: '$escalate' } } }, {}] }),
  },
  { name: 'setRegionProperty id', make: () => setRegionProperty('parallelWork', 'right', ['id'], 'east'), check: (after) => expect(after.steps['parallelWork']).toMatchObject({ branches: [{}, { id: 'east' }] }) },
  { name: 'addRole', make: () => addRole('MEDIATOR', t('调解员', 'mediator')), check: (after) => expect(after.roles['MEDIATOR']).toEqual({ title: t('调解员', 'mediator') }) },
  { name: 'setRoleTitle', make: () => setRoleTitle('CLERK', t('经办人', 'handler')), check: (after) => expect(after.roles['CLERK']?.title.en).toBe('handler') },
  { name: 'removeRole (unused)', make: () => removeRole('DEPT2'), check: () => undefined },
  { name: 'addForm', make: () => addForm('extra', t('补充', 'extra')), check: (after) => expect(after.forms['extra']).toEqual({ title: t('补充', 'extra'), schema: { type: 'object', properties: {} } }) },
  { name: 'setFormTitle', make: () => setFormTitle('tally', t('计票单', 'tally sheet')), check: (after) => expect(after.forms['tally']?.title.en).toBe('tally sheet') },
  {
    name: 'setFormSchema (from the form builder)',
    make: () => setFormSchema('tally', { schema: { type: 'object', properties: { no: { type: 'integer' } } }, uiSchema: { no: { 'ui:widget': 'updown' } } }),
    check: (after) => expect(after.forms['tally']).toMatchObject({ schema: { properties: { no: {} } }, uiSchema: { no: {} } }),
  },
  { name: 'removeForm (unused)', make: () => removeForm('unusedForm'), check: () => undefined },
  { name: 'setDefinitionId', make: () => setDefinitionId('grid-events'), check: (after) => expect(after.id).toBe('grid-events') },
  { name: 'setDefinitionTitle', make: () => setDefinitionTitle(t('网格事件', 'grid events')), check: (after) => expect(after.title.en).toBe('grid events') },
  { name: 'setDefinitionDescription (written after the title)', make: () => setDefinitionDescription(t('说明', 'about')), check: (after) => expect(Object.keys(after).slice(0, 5)).toEqual(['schemaVersion', 'id', 'version', 'title', 'description']) },
  { name: 'setDefinitionVersion', make: () => setDefinitionVersion(3), check: (after) => expect(after.version).toBe(3) },
  {
    name: 'batchCommands (a new form used at once by a step in a branch)',
    make: () => batchCommands('newForm', [addForm('left', t('左表', 'left form')), setStepProperty('leftTask', ['form'], 'left')]),
    check: (after) => expect(locateStep(after, 'leftTask')?.step).toMatchObject({ form: 'left' }),
  },
  { name: 'replaceDefinition', make: () => replaceDefinition({ ...composerFixture(), id: 'other' }), check: (after) => expect(after.id).toBe('other') },
];

/** The fixture with an unused role and form, so that removing them is possible. */
function withUnused(): ProcessDefinition {
  const def = composerFixture();
  def.roles['DEPT2'] = { title: t('备用', 'spare') };
  def.forms['unusedForm'] = { title: t('备用', 'spare'), schema: { type: 'object', properties: {} } };
  return deepFreeze(def);
}

describe('every composer command', () => {
  it.each(COMMANDS)('$name: changes the draft as it says, reverts exactly (key order too) and redoes the same', ({ make, check }) => {
    const before = withUnused();
    const command = make();
    const after = command.execute(before);
    expect(command.changed).toBe(true);
    expect(after).not.toEqual(before);
    check(after);
    const reverted = command.revert(after);
    expect(reverted).toEqual(before);
    expect(JSON.stringify(reverted)).toBe(JSON.stringify(before));
    const redone = command.execute(reverted);
    expect(JSON.stringify(redone)).toBe(JSON.stringify(after));
  });

  it('covers every command the model exports', async () => {
    const model = await import('../src/features/composer/model/index.js');
    const factories = ['addStep', 'deleteStep', 'renameStep', 'setStart', 'setStepProperty', 'setNext', 'addRoute', 'setRouteWhen', 'setRouteTarget', 'deleteRoute', 'connect',
      'addRegion', 'removeRegion', 'setRegionProperty', 'addRole', 'setRoleTitle', 'removeRole', 'addForm', 'setFormTitle', 'setFormSchema', 'removeForm',
      'setDefinitionId', 'setDefinitionTitle', 'setDefinitionDescription', 'setDefinitionVersion', 'replaceDefinition', 'batchCommands'];
    for (const name of factories) {
      expect(typeof (model as Record<string, unknown>)[name], name).toBe('function');
      expect(COMMANDS.some((c) => c.name.startsWith(name)), name).toBe(true);
    }
  });

  it('an edit that changes nothing is no command in the history', () => {
    const composer = createComposer(frozen());
    expect(composer.execute(setStepProperty('intake', ['title'], t('登记', 'intake')))).toEqual({ ok: true });
    expect(composer.execute(setNext('intake', 'next', 'route'))).toEqual({ ok: true });
    expect(composer.canUndo).toBe(false);
  });
});

describe('refused edits change nothing and say why in both languages', () => {
  const refusals: { name: string; make: () => ComposerCommand; code: string; pointer?: string }[] = [
    { name: 'deleting the start step', make: () => deleteStep('intake'), code: 'CF_COMPOSER_DELETE_START', pointer: '/steps/intake' },
    { name: 'deleting a rung\'s start step', make: () => deleteStep('vTask'), code: 'CF_COMPOSER_DELETE_START' },
    { name: 'a route into another region', make: () => setNext('intake', 'next', 'leftTask'), code: 'CF_COMPOSER_TARGET_OUTSIDE_REGION' },
    { name: 'a route out of a branch', make: () => setNext('leftTask', 'next', 'done'), code: 'CF_COMPOSER_TARGET_OUTSIDE_REGION' },
    { name: 'a route to no step', make: () => addRoute('route', 'next', { when: 'true', to: 'nowhere' }), code: 'CF_COMPOSER_TARGET_NOT_FOUND' },
    { name: 'an outcome the kind does not have', make: () => setNext('intake', 'approved', 'done'), code: 'CF_COMPOSER_NO_OUTCOME' },
    { name: 'a route from an end step', make: () => connect('done', 'intake'), code: 'CF_COMPOSER_NO_OUTCOME' },
    { name: 'a route that does not exist', make: () => deleteRoute('route', 'next', 5), code: 'CF_COMPOSER_ROUTE_NOT_FOUND' },
    { name: 'renaming to a taken id (also in a rung)', make: () => renameStep('intake', 'vDone'), code: 'CF_COMPOSER_DUPLICATE_ID' },
    { name: 'renaming to a malformed id', make: () => renameStep('intake', '受理'), code: 'CF_COMPOSER_INVALID_ID' },
    { name: 'adding a step with a taken id', make: () => addStep(ROOT_REGION, 'task', { id: 'leftDone' }), code: 'CF_COMPOSER_DUPLICATE_ID' },
    { name: 'adding after a step of another region', make: () => addStep(ROOT_REGION, 'task', { after: 'leftTask' }), code: 'CF_COMPOSER_TARGET_OUTSIDE_REGION' },
    { name: 'adding to a region that does not exist', make: () => addStep({ owner: 'parallelWork', region: 'middle' }, 'task'), code: 'CF_COMPOSER_REGION_NOT_FOUND' },
    { name: 'changing the kind', make: () => setStepProperty('intake', ['kind'], 'end'), code: 'CF_COMPOSER_PROPERTY_RESERVED' },
    { name: 'changing routes as a property', make: () => setStepProperty('intake', ['next'], 'done'), code: 'CF_COMPOSER_PROPERTY_RESERVED' },
    { name: 'removing a rung that does not exist', make: () => removeRegion('ladder', 'county'), code: 'CF_COMPOSER_REGION_NOT_FOUND' },
    { name: 'removing a role a step uses', make: () => removeRole('CLERK'), code: 'CF_COMPOSER_ROLE_IN_USE' },
    { name: 'removing a form a nested step uses', make: () => removeForm('intake'), code: 'CF_COMPOSER_FORM_IN_USE' },
    { name: 'a malformed process id', make: () => setDefinitionId('Grid_Events'), code: 'CF_COMPOSER_DEFINITION_ID', pointer: '/id' },
    { name: 'a process id ending in a dash', make: () => setDefinitionId('grid-'), code: 'CF_COMPOSER_DEFINITION_ID' },
    { name: 'version 0', make: () => setDefinitionVersion(0), code: 'CF_COMPOSER_INVALID_VALUE' },
    { name: 'a form schema that is not an object schema', make: () => setFormSchema('tally', { schema: { type: 'string' } }), code: 'CF_COMPOSER_FORM_SCHEMA' },
    { name: 'a duplicate role', make: () => addRole('CLERK', t('x', 'x')), code: 'CF_COMPOSER_DUPLICATE_ID' },
    { name: 'a batch whose second edit is refused (the first is not kept)', make: () => batchCommands('x', [addForm('f2', t('x', 'x')), setNext('intake', 'next', 'leftTask')]), code: 'CF_COMPOSER_TARGET_OUTSIDE_REGION' },
  ];

  it.each(refusals)('$name', ({ make, code, pointer }) => {
    const composer = createComposer(frozen());
    const before = composer.draft;
    const result = composer.execute(make());
    expect(result.ok).toBe(false);
    const error = (result as { error: ComposerEditError }).error;
    expect(error).toBeInstanceOf(ComposerEditError);
    expect(error.code).toBe(code);
    expect(COMPOSER_EDIT_ERROR_CODES).toContain(error.code);
    expect(error.localized['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(error.localized.en).toMatch(/[a-z]/);
    expect(error.hint['zh-CN'].length).toBeGreaterThan(0);
    expect(error.hint.en.length).toBeGreaterThan(0);
    if (pointer !== undefined) expect(error.pointer).toBe(pointer);
    expect(composer.draft).toBe(before);
    expect(composer.canUndo).toBe(false);
  });

  it('the only branch of a parallel step cannot be removed', () => {
    const composer = createComposer(frozen());
    expect(composer.execute(removeRegion('parallelWork', 'left')).ok).toBe(true);
    const result = composer.execute(removeRegion('parallelWork', 'right'));
    expect(result.ok ? undefined : result.error.code).toBe('CF_COMPOSER_LAST_REGION');
  });
});

describe('undo and redo', () => {
  it('walk back and forth through a sequence of edits, and a new edit clears what could be redone', () => {
    const composer = createComposer(frozen());
    const states = [composer.draft];
    const edits = [
      addStep(ROOT_REGION, 'task', { after: 'intake', id: 'check' }),
      setStepProperty('check', ['title'], t('核查', 'check')),
      renameStep('check', 'verify'),
      addRoute('verify', 'next', { when: 'form.urgent', to: 'done' }),
      deleteStep('review'),
    ];
    for (const edit of edits) {
      expect(composer.execute(edit)).toEqual({ ok: true });
      states.push(composer.draft);
    }
    expect(composer.undoName).toBe('deleteStep');
    for (let i = edits.length - 1; i >= 0; i -= 1) {
      expect(composer.undo()).toBe(true);
      expect(JSON.stringify(composer.draft)).toBe(JSON.stringify(states[i]));
    }
    expect(composer.undo()).toBe(false);
    expect(composer.canRedo).toBe(true);
    for (let i = 1; i <= 3; i += 1) {
      expect(composer.redo()).toBe(true);
      expect(JSON.stringify(composer.draft)).toBe(JSON.stringify(states[i]));
    }
    expect(composer.redoName).toBe('addRoute');
    composer.execute(setStart('review'));
    expect(composer.canRedo).toBe(false);
    expect(composer.redo()).toBe(false);
    expect(composer.draft.start).toBe('review');
    expect(composer.draft.steps['verify']).toBeDefined();
  });

  it('tells listeners about every change, and stops when they unsubscribe', () => {
    const composer = createComposer(frozen());
    const seen: string[] = [];
    const stop = composer.subscribe((draft) => seen.push(draft.start));
    composer.execute(setStart('review'));
    composer.undo();
    composer.redo();
    stop();
    composer.undo();
    expect(seen).toEqual(['review', 'intake', 'review']);
  });
});

describe('new steps', () => {
  it('a step added after another goes where that one went, and that one goes to it', () => {
    const composer = createComposer(frozen());
    composer.execute(addStep(ROOT_REGION, 'wait', { after: 'intake' }));
    expect(composer.draft.steps['intake']).toMatchObject({ next: 'wait1' });
    expect(composer.draft.steps['wait1']).toMatchObject({ next: 'route' });
    // A decision keeps its routes as a list.
    composer.execute(addStep(ROOT_REGION, 'decision', { after: 'wait1' }));
    expect(composer.draft.steps['decision1']).toMatchObject({ next: [{ to: 'route' }] });
    // Inserted after a guarded decision: its default route moves to the new step, the guard stays.
    composer.execute(addStep(ROOT_REGION, 'notice', { after: 'route' }));
    expect(composer.draft.steps['route']).toMatchObject({ next: [{ to: 'parallelWork' }, { to: 'notice1' }] });
    expect(composer.draft.steps['notice1']).toMatchObject({ next: 'review' });
  });

  it('a ladder and a parallel step come with regions that can end, with fresh step ids', () => {
    const composer = createComposer(frozen());
    composer.execute(addStep(ROOT_REGION, 'escalation'));
    composer.execute(addStep(ROOT_REGION, 'parallel'));
    const problems = validateDefinition(composer.draft).filter((p) => p.pointer.startsWith('/steps/escalation1') || p.pointer.startsWith('/steps/parallel1'));
    // Only what the author must still decide: routes out, and the rung deadlines' basis.
    expect(new Set(problems.map((p) => `${p.code} ${p.pointer}`))).toEqual(new Set([
      'CF_DEF_REQUIRED /steps/escalation1/next', 'CF_DEF_REQUIRED /steps/escalation1/exhausted', 'CF_DEF_REQUIRED /steps/parallel1/next',
      'CF_DEF_TEXT /steps/escalation1/rungs/0/deadline/basis', 'CF_DEF_TEXT /steps/escalation1/rungs/1/deadline/basis',
      'CF_DEF_UNREACHABLE_STEP /steps/escalation1', 'CF_DEF_UNREACHABLE_STEP /steps/parallel1',
    ]));
  });

  // Each kind's template, with what a person fills in through the panels (commands only), is valid.
  const FILL: Record<StepKind, (id: string) => ComposerCommand[]> = {
    task: (id) => [setStepProperty(id, ['form'], 'intake')],
    jointReview: (id) => [setStepProperty(id, ['form'], 'review'), setNext(id, 'rejected', 'closeLate')],
    vote: (id) => [setStepProperty(id, ['form'], 'tally'), setNext(id, 'invalid', id)],
    notice: (id) => [setStepProperty(id, ['basis'], t('公示规定', 'notice rule'))],
    escalation: (id) => [
      setRegionProperty(id, 'village', ['deadline', 'basis'], t('调解规定', 'mediation rule')),
      setRegionProperty(id, 'town', ['deadline', 'basis'], t('调解规定', 'mediation rule')), setNext(id, 'exhausted', 'closeLate'),
    ],
    decision: (id) => [addRoute(id, 'next', { when: 'data.intake.urgent == true', to: 'closeLate' })],
    wait: (id) => [setStepProperty(id, ['basis'], t('等待依据', 'wait basis'))],
    parallel: () => [],
    subprocess: (id) => [setStepProperty(id, ['definition', 'id'], 'candidate-vetting')],
    // An end cannot be passed through: the decision reaches it on a guard instead.
    end: (id) => [addRoute('route', 'next', { when: "data.intake.note == 'stop'", to: id })],
  };

  it.each(STEP_KINDS)('a %s added after intake and filled in through commands is valid', (kind) => {
    const composer = createComposer(frozen());
    expect(composer.execute(addStep(ROOT_REGION, kind, kind === 'end' ? {} : { after: 'intake' })).ok).toBe(true);
    for (const command of FILL[kind](`${kind}1`)) expect(composer.execute(command)).toEqual({ ok: true });
    expect(validateDefinition(composer.draft)).toEqual([]);
  });
});
