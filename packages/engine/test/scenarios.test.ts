import { describe, expect, it } from 'vitest';
import { CivicflowError, CN_2027 } from '../src/index.js';
import type { ProcessDefinition } from '../src/index.js';
import { createSimulation, runScenario, SCENARIO_SCHEMA_VERSION, validateScenario } from '../src/testing/index.js';
import type { ScenarioFailureDetails, ScenarioFile, ScenarioStep } from '../src/testing/index.js';
import { actor, COUNTY, TOWN, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

// Scenario files: a simulation records a run, runScenario replays it and checks what must hold,
// and a file that no longer replays says where, what was expected and what happened.

const mediator = actor('u-vmed', ['MEDIATOR'], VILLAGE);
const townMediator = actor('u-tmed', ['MEDIATOR'], TOWN);
const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const reviewer = (dept: string) => actor(`u-${dept}`, ['REVIEWER'], `${COUNTY}/dept:${dept}`);

/** Intake, then a two-rung ladder whose village rung escalates after one month. */
const mediation: ProcessDefinition = processWith('scenario-mediation', 'intake', {
  intake: { kind: 'task', title: t('受理', 'intake'), form: 'review', assignee: { role: 'MEDIATOR' }, next: 'ladder' },
  ladder: {
    kind: 'escalation', title: t('逐级调处', 'ladder'), saveAs: 'handling', next: 'resolved', exhausted: 'court',
    rungs: [
      { id: 'village', level: 'village', title: t('村', 'village'), start: 'vSession',
        deadline: { duration: { months: 1, rollover: false }, basis: t('人民调解工作若干规定第三十三条', 'Mediation Rules Art 33'), onExpiry: { goto: '$escalate' } },
        steps: {
          vSession: { kind: 'task', title: t('村调解', 'village session'), form: 'note', assignee: { role: 'MEDIATOR' }, next: [{ when: "form.result == 'agreed'", to: 'vAgreed' }, { to: 'vSession' }] },
          vAgreed: end('agreed'),
        } },
      { id: 'town', level: 'town', title: t('镇', 'town'), start: 'tSession',
        steps: {
          tSession: { kind: 'task', title: t('镇调解', 'town session'), form: 'note', assignee: { role: 'MEDIATOR' }, next: [{ when: "form.result == 'agreed'", to: 'tAgreed' }, { to: 'tFailed' }] },
          tAgreed: end('agreed'),
          tFailed: end('escalate'),
        } },
    ],
  },
  resolved: end('RESOLVED'),
  court: end('TO_COURT'),
});

/** Three county departments review at once (one task per department on the same step). */
const vetting: ProcessDefinition = processWith('scenario-vetting', 'review', {
  review: {
    kind: 'jointReview', title: t('资格联审', 'joint vetting'), form: 'review',
    reviewers: ['gongan', 'fayuan', 'minzheng'].map((d) => ({ id: d, title: t(d, d), unit: `dept:${d}` })),
    assignee: { role: 'REVIEWER', orgUnit: "unit('county') + '/' + reviewer.unit" },
    decisionField: 'conclusion', approveValues: ['PASS'], rejectValues: ['FLAG'],
    join: { rule: 'all' }, saveAs: 'vetting', next: { approved: 'cleared', rejected: 'flagged' },
  },
  cleared: end('CLEARED'),
  flagged: end('FLAGGED'),
});

/** A parent that vets two candidates, one subprocess each. */
const child = processWith('scenario-child', 'check', { check: { kind: 'task', title: t('审查', 'check'), form: 'note', assignee: { role: 'CLERK' }, next: 'ok' }, ok: end('CLEARED') });
const parent = processWith('scenario-parent', 'vetAll', {
  vetAll: { kind: 'subprocess', definition: { id: 'scenario-child' }, forEach: 'data.candidates', input: { person: 'item' }, saveAs: 'vettings', next: 'done' },
  done: end('ALL_VETTED'),
});

const START = '2027-03-10T09:00:00+08:00';
const simulate = (def: ProcessDefinition, definitions: ProcessDefinition[] = [def]) =>
  createSimulation({ definitions, definition: { id: def.id, version: def.version }, now: START, validator, calendar: CN_2027 });

/** The error a call throws (fails the test when it throws none). */
function thrown(fn: () => unknown): CivicflowError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CivicflowError);
    return e as CivicflowError;
  }
  throw new Error('expected an error');
}

/** Records: intake, one village session, then time runs past the village deadline. */
function recordedEscalation(): { file: ScenarioFile; snapshot: unknown } {
  const sim = simulate(mediation);
  sim.start({ actor: mediator });
  sim.complete(sim.tasks(mediator)[0]!, { conclusion: 'accepted' }, mediator);
  sim.advance('P2D');
  sim.complete(sim.tasks(mediator)[0]!, { result: 'continue' }, mediator);
  const happened = sim.advance('P1M');
  expect(happened.filter((e) => e.event.type === 'timer.fired').map((e) => e.event.at)).toEqual(['2027-04-11T00:00:00+08:00']);
  expect(sim.activeSteps()).toEqual(['tSession']);
  return { file: sim.scenario({ title: t('村级超期升级到镇', 'the village deadline passes and the case goes to the town') }), snapshot: sim.root!.snapshot };
}

describe('a simulation saved as a scenario file', () => {
  it('writes the run as a valid file: actors by id, tasks by step, each advance, a checkpoint after a timer fired, the end state', () => {
    const { file } = recordedEscalation();
    expect(validateScenario(file)).toEqual([]);
    expect(file).toMatchObject({
      schemaVersion: SCENARIO_SCHEMA_VERSION, definition: { id: 'scenario-mediation', version: 1 }, calendar: 'cn-2027-unofficial',
      actors: { 'u-vmed': mediator }, start: { at: START, as: 'u-vmed' },
    });
    expect(file.steps.map((s) => Object.keys(s)[0])).toEqual(['complete', 'advance', 'complete', 'advance', 'expect']);
    expect(file.steps[0]).toEqual({ complete: { step: 'intake', as: 'u-vmed', data: { conclusion: 'accepted' } } });
    expect(file.steps[4]).toEqual({
      expect: {
        now: '2027-04-12T09:00:00+08:00', status: 'active', activeSteps: ['tSession'],
        openTasks: [{ step: 'tSession', role: 'MEDIATOR', orgUnit: TOWN, dueAt: null }],
      },
    });
    expect(file.expect).toMatchObject({ now: '2027-04-12T09:00:00+08:00', status: 'active', outcome: null, activeSteps: ['tSession'] });
  });

  it('replays to the very snapshot the simulation reached', () => {
    const { file, snapshot } = recordedEscalation();
    const run = runScenario([mediation], JSON.parse(JSON.stringify(file)), { validator });
    expect(JSON.stringify(run.snapshot)).toBe(JSON.stringify(snapshot));
    expect(run.observed.activeSteps).toEqual(['tSession']);
    expect(run.instance.effects()).toContainEqual(expect.objectContaining({ type: 'case.escalated', fromRung: 'village', toRung: 'town', toOrgUnit: TOWN }));
  });

  it('continues to the end: a resolved case expects its outcome and data', () => {
    const sim = simulate(mediation);
    sim.start({ actor: mediator });
    sim.complete(sim.tasks()[0]!, { conclusion: 'accepted' }, mediator);
    sim.advance('2027-04-11');
    sim.complete(sim.tasks(townMediator)[0]!, { result: 'agreed' }, townMediator);
    const file = sim.scenario();
    expect(file.expect).toMatchObject({ status: 'done', outcome: 'RESOLVED', openTasks: [] });
    const withData = { ...file, expect: { ...file.expect, data: { handling: { resolvedAt: 'town' } } } };
    expect(runScenario(mediation, withData, { validator }).instance.outcome).toBe('RESOLVED');
  });

  it('tells tasks of one step apart by their reviewer, and replays a joint review in another order', () => {
    const sim = simulate(vetting);
    sim.start({ actor: reviewer('gongan') });
    for (const dept of ['fayuan', 'gongan', 'minzheng']) {
      const task = sim.tasks(reviewer(dept))[0]!;
      sim.complete(task, { conclusion: 'PASS' }, reviewer(dept));
    }
    const file = sim.scenario();
    const completes = file.steps.flatMap((s) => ('complete' in s ? [s.complete] : []));
    expect(completes.map((c) => c.meta)).toEqual([{ reviewer: 'fayuan' }, { reviewer: 'gongan' }, undefined]);
    expect(runScenario(vetting, file, { validator }).instance.outcome).toBe('CLEARED');

    // Without the reviewer the step names three tasks: the error says so and how to choose.
    const ambiguous: ScenarioFile = { ...file, steps: [{ complete: { step: 'review', as: 'u-fayuan', data: { conclusion: 'PASS' } } }] };
    const error = thrown(() => runScenario(vetting, ambiguous, { validator }));
    expect(error.code).toBe('CF_ENGINE_SCENARIO_STEP_FAILED');
    expect(error.localized.en).toContain('step 1 (complete review as u-fayuan)');
    expect(error.localized.en).toContain('3 open tasks match step review');
    expect(error.hint.en).toBe('change this step or one before it: add meta (e.g. the reviewer), process, instance or task to pick one');
    expect(error.localized['zh-CN']).toContain('第 1 步');
  });

  it('addresses a subprocess\'s task by its process and instance', () => {
    const sim = simulate(parent, [parent, child]);
    sim.start({ actor: clerk, input: { candidates: ['A', 'B'] } });
    expect(sim.tasks().map((task) => [task.definitionId, task.stepId, task.inRoot])).toEqual([['scenario-child', 'check', false], ['scenario-child', 'check', false]]);
    const second = sim.tasks()[1]!;
    sim.complete(second, { result: 'ok' }, clerk);
    sim.complete(sim.tasks()[0]!, { result: 'ok' }, clerk);
    const file = sim.scenario();
    expect(file.steps[0]).toEqual({ complete: { step: 'check', process: 'scenario-child', instance: second.instanceId, as: 'u-clerk', data: { result: 'ok' } } });
    expect(file.expect).toMatchObject({ status: 'done', outcome: 'ALL_VETTED' });
    expect(runScenario([parent, child], file, { validator }).instance.status).toBe('done');
    // The child's process was not given: the error names what is missing.
    expect(thrown(() => runScenario([parent], file, { validator })).localized.en).toContain('scenario-child is not registered with the test host');
  });
});

describe('a scenario that does not replay', () => {
  it('names the step, what was expected and what happened when a checkpoint fails', () => {
    const { file } = recordedEscalation();
    const steps = file.steps.map((s) => ('expect' in s ? { expect: { ...s.expect, activeSteps: ['vSession'] } } : s));
    const error = thrown(() => runScenario(mediation, { ...file, steps }, { validator }));
    expect(error.code).toBe('CF_ENGINE_SCENARIO_EXPECTATION_FAILED');
    expect(error.localized.en).toBe("the scenario's expectation at step 5 (expect) does not hold: activeSteps should be vSession, but is tSession");
    expect(error.localized['zh-CN']).toBe('场景在第 5 步（expect）的预期不成立：activeSteps 应为 vSession，实际为 tSession');
    expect(error.details).toEqual({ step: 4, pointer: '/steps/4/expect' } satisfies ScenarioFailureDetails);
  });

  it('points at the first difference in the case data', () => {
    const { file } = recordedEscalation();
    const error = thrown(() => runScenario(mediation, { ...file, expect: { data: { intake: { conclusion: 'rejected' } } } }, { validator }));
    expect(error.localized.en).toBe('the scenario\'s expectation at the end does not hold: data/intake/conclusion should be "rejected", but is "accepted"');
  });

  it('says which task it looked for and which are open when the case took another route', () => {
    const { file } = recordedEscalation();
    const steps: ScenarioStep[] = [...file.steps.slice(0, 4), { complete: { step: 'vSession', as: 'u-vmed', data: { result: 'agreed' } } }];
    const error = thrown(() => runScenario(mediation, { ...file, steps, expect: {} }, { validator }));
    expect(error.code).toBe('CF_ENGINE_SCENARIO_STEP_FAILED');
    expect(error.localized.en).toBe(`the scenario does not replay at step 5 (complete vSession as u-vmed): no open task matches step vSession; open tasks: tSession (MEDIATOR @ ${TOWN})`);
    expect(error.hint['zh-CN']).toContain('期限已经到达');
    expect(error.details).toMatchObject({ step: 4, pointer: '/steps/4/complete' });
  });

  it('carries the engine\'s refusal, and checks refusals a scenario expects', () => {
    const { file } = recordedEscalation();
    const bad: ScenarioStep = { complete: { step: 'intake', as: 'u-vmed', data: { note: 'no conclusion' } } };
    const refused = thrown(() => runScenario(mediation, { ...file, steps: [bad], expect: {} }, { validator }));
    expect(refused.localized.en).toBe('the scenario does not replay at step 1 (complete intake as u-vmed): the engine refused: CF_ENGINE_FORM_INVALID the form "review" has errors: conclusion is required');
    expect(refused.hint.en).toBe('change this step or one before it: correct the marked fields and submit again');
    expect(refused.details).toMatchObject({ cause: { code: 'CF_ENGINE_FORM_INVALID', details: [{ pointer: '/conclusion' }] } });

    // Expected refusals pass, and the case is unchanged by them.
    const run = runScenario(mediation, { ...file, steps: [{ ...bad, refusedWith: 'CF_ENGINE_FORM_INVALID' }, ...file.steps], expect: file.expect! }, { validator });
    expect(run.observed.activeSteps).toEqual(['tSession']);
    const otherCode = thrown(() => runScenario(mediation, { ...file, steps: [{ ...bad, refusedWith: 'CF_ENGINE_FORBIDDEN_ROLE' }], expect: {} }, { validator }));
    expect(otherCode.localized.en).toContain('expected a refusal with CF_ENGINE_FORBIDDEN_ROLE, but the engine refused: CF_ENGINE_FORM_INVALID');
    const accepted = thrown(() => runScenario(mediation, { ...file, steps: [{ ...file.steps[0]!, refusedWith: 'CF_ENGINE_FORM_INVALID' }], expect: {} }, { validator }));
    expect(accepted.localized.en).toContain('expected a refusal with CF_ENGINE_FORM_INVALID, but the engine accepted it');
    expect(accepted.details).toMatchObject({ pointer: '/steps/0/refusedWith' });
  });

  it('refuses a malformed file with every problem and its pointer, before anything runs', () => {
    const { file } = recordedEscalation();
    const broken = {
      ...file, extra: true,
      start: { ...file.start, at: '2027-03-10 09:00' },
      steps: [{ advance: 'three days' }, { complete: { step: 'intake', as: 'nobody', data: {} } }, { advance: 'P1D', expect: {} }],
    };
    expect(validateScenario(broken).map((p) => p.pointer)).toEqual(['/extra', '/start/at', '/steps/0/advance', '/steps/1/complete/as', '/steps/2']);
    expect(validateScenario(broken)[3]!.message.en).toBe('actor nobody is not in actors; known: u-vmed');
    const error = thrown(() => runScenario(mediation, broken, { validator }));
    expect(error.code).toBe('CF_ENGINE_SCENARIO_INVALID');
    expect(error.localized.en).toBe('the scenario file has 5 problem(s); the first: /extra: unknown member extra; allowed here: schemaVersion, title, definition, calendar, actors, start, steps, expect');
    expect(error.details).toHaveLength(5);
    expect(validateScenario({ ...file, schemaVersion: 2 })).toEqual([{ pointer: '/schemaVersion', message: t('不支持的场景格式版本 2；本引擎读取第 1 版', 'unsupported scenario format version 2; this engine reads version 1') }]);
    expect(validateScenario([])[0]!.pointer).toBe('');
  });

  it('names a missing process version and an unknown calendar', () => {
    const { file } = recordedEscalation();
    const missing = thrown(() => runScenario(mediation, { ...file, definition: { id: 'scenario-mediation', version: 2 } }, { validator }));
    expect(missing.code).toBe('CF_ENGINE_SCENARIO_DEFINITION_MISSING');
    expect(missing.hint.en).toBe('pass that version (and its subprocesses) to runScenario; given: scenario-mediation@1');
    const calendar = thrown(() => runScenario(mediation, { ...file, calendar: 'cn-2031' }, { validator }));
    expect(calendar.code).toBe('CF_ENGINE_SCENARIO_CALENDAR_UNKNOWN');
    expect(calendar.hint.en).toBe('pass it in the calendars option of runScenario; known: cn-2027-unofficial, weekends-only');
  });

  it('reports a step that moves the clock backwards', () => {
    const { file } = recordedEscalation();
    const error = thrown(() => runScenario(mediation, { ...file, steps: [{ advance: '2027-01-01' }], expect: {} }, { validator }));
    expect(error.localized.en).toContain('step 1 (advance 2027-01-01)');
    expect(error.localized.en).toContain('the clock cannot go back from 2027-03-10T09:00:00+08:00 to 2027-01-01T00:00:00+08:00');
  });
});
