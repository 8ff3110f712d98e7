import { describe, expect, it } from 'vitest';
import {
  taskStepId,
  canAct, CivicflowError, isEligible, migrateSnapshot, openTasks, replay, startInstance, step,
} from '../src/index.js';
import type { Actor, Command, HistoryEvent, InstanceSnapshot, JointReviewStep, ProcessDefinition, StepResult, TaskRecord } from '../src/index.js';
import { actor, COUNTY, TOWN, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { reviewProcess } from './support/definitions.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const clerk2 = actor('u-clerk2', ['CLERK'], VILLAGE);
const head = actor('u-head', ['HEAD'], TOWN);
const head2 = actor('u-head2', ['HEAD'], TOWN);
const otherTownHead = actor('u-head3', ['HEAD'], 'county:huaxi/town:dongshan');

/** One instance driven through `step`, keeping its history like a host does. */
function drive(definition: ProcessDefinition, starter: Actor, at = '2027-05-07T09:00:00+08:00') {
  let now = at;
  const first = startInstance(definition, { instanceId: 'claims-1', orgUnit: starter.orgUnit }, { now, actor: starter }, { validator });
  let snapshot: InstanceSnapshot = first.snapshot;
  const history: HistoryEvent[] = [...first.events];
  return {
    get snapshot() { return snapshot; },
    history,
    at(instant: string) { now = instant; },
    run(command: Command, by: Actor): StepResult {
      const r = step(definition, snapshot, command, { now, actor: by }, { validator });
      snapshot = r.snapshot;
      history.push(...r.events);
      return r;
    },
    /** The one open task of a step: its stored record, with its id (its key) beside it, not in it. */
    taskOf(stepId: string): TaskRecord & { readonly id: string } {
      const found = Object.entries(snapshot.context.tasks).filter(([id, x]) => taskStepId(id, x) === stepId);
      expect(found).toHaveLength(1);
      const [id, record] = found[0]!;
      return Object.defineProperty({ ...record }, 'id', { value: id, enumerable: false }) as TaskRecord & { readonly id: string };
    },
  };
}

/** The catalogue code `f` throws, checking that the instance did not change. */
function refusal(inst: { snapshot: InstanceSnapshot }, f: () => unknown): CivicflowError {
  const before = inst.snapshot;
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CivicflowError);
    expect(inst.snapshot).toBe(before);
    return e as CivicflowError;
  }
  throw new Error('the command was accepted, a refusal was expected');
}

/** The review process up to its head review (a town task with a deadline timer). */
function atHeadReview() {
  const inst = drive(reviewProcess(), clerk);
  inst.run({ type: 'complete', taskId: inst.taskOf('submit').id, data: { amount: 5000, reason: 'big' } }, clerk);
  return inst;
}

describe('claiming a task (认领)', () => {
  it('records the holder on the task, reports one task.update and a task.claimed event, and leaves the state where it was', () => {
    const inst = drive(reviewProcess(), clerk);
    const task = inst.taskOf('submit');
    const before = inst.snapshot;
    const r = inst.run({ type: 'claim', taskId: task.id }, clerk2);
    expect(r.snapshot.value).toEqual(before.value);
    expect(r.snapshot.context.tasks[task.id]).toEqual({ ...task, claimedBy: 'u-clerk2' });
    expect(r.effects).toEqual([{ type: 'task.update', taskId: task.id, stepId: 'submit', task: { ...task, claimedBy: 'u-clerk2' } }]);
    expect(r.events).toEqual([{ type: 'task.claimed', at: '2027-05-07T09:00:00+08:00', stepId: 'submit', taskId: task.id, actor: { id: 'u-clerk2', roles: ['CLERK'], orgUnit: VILLAGE } }]);
    // the snapshot only gains the holder's id
    expect(JSON.stringify(r.snapshot).length - JSON.stringify(before).length).toBe(',"claimedBy":"u-clerk2"'.length);
  });

  it('a claimed task is the holder\'s alone: colleagues can neither see it as theirs, complete it nor claim it', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    inst.run({ type: 'claim', taskId: id }, clerk);
    const task = inst.snapshot.context.tasks[id]!;
    expect(canAct(clerk, task)).toBe(true);
    expect(canAct(clerk2, task)).toBe(false);
    expect(isEligible(clerk2, task)).toBe(true);
    expect(openTasks(reviewProcess(), inst.snapshot, clerk2)).toEqual([]);
    expect(openTasks(reviewProcess(), inst.snapshot, clerk).map((x) => [x.id, x.claimedBy])).toEqual([[id, 'u-clerk']]);

    const completing = refusal(inst, () => inst.run({ type: 'complete', taskId: id, data: { amount: 1, reason: 'x' } }, clerk2));
    expect(completing.code).toBe('CF_ENGINE_TASK_CLAIMED');
    expect(completing.details).toEqual({ taskId: id, holder: 'u-clerk' });
    expect(completing.localized.en).toBe(`task ${id} is claimed by u-clerk`);
    expect(completing.hint.en).toMatch(/release it, or someone allowed to reassign it; reload/);
    expect(refusal(inst, () => inst.run({ type: 'claim', taskId: id }, clerk2)).code).toBe('CF_ENGINE_TASK_CLAIMED');

    inst.run({ type: 'complete', taskId: id, data: { amount: 5000, reason: 'big' } }, clerk);
    expect(inst.taskOf('headReview').claimedBy).toBeUndefined();
  });

  it('refuses an actor who may not act on the task with the permission error, never revealing the holder', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    expect(refusal(inst, () => inst.run({ type: 'claim', taskId: id }, head)).code).toBe('CF_ENGINE_FORBIDDEN_ROLE');
    inst.run({ type: 'claim', taskId: id }, clerk);
    const stranger = refusal(inst, () => inst.run({ type: 'claim', taskId: id }, actor('u-c9', ['CLERK'], `${TOWN}/village:xiahe`)));
    expect(stranger.code).toBe('CF_ENGINE_FORBIDDEN_ORG_UNIT');
    expect(JSON.stringify(stranger)).not.toContain('u-clerk"');
    expect(refusal(inst, () => inst.run({ type: 'claim', taskId: 'submit:99' }, clerk)).code).toBe('CF_ENGINE_TASK_NOT_FOUND');
  });

  it('claiming a task you already hold changes nothing and is no error (a retried click)', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    inst.run({ type: 'claim', taskId: id }, clerk);
    const held = inst.snapshot;
    const again = inst.run({ type: 'claim', taskId: id }, clerk);
    expect(again).toEqual({ snapshot: held, events: [], effects: [] });
    expect(again.snapshot).toBe(held);
  });
});

describe('releasing a task (释放)', () => {
  it('the holder gives it back to everyone eligible (task.released, task.update)', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    inst.run({ type: 'claim', taskId: id }, clerk);
    const r = inst.run({ type: 'release', taskId: id }, clerk);
    expect(r.events.map((e) => [e.type, e.taskId, e.actor?.id])).toEqual([['task.released', id, 'u-clerk']]);
    expect(r.snapshot.context.tasks[id]).not.toHaveProperty('claimedBy');
    expect(r.effects).toEqual([{ type: 'task.update', taskId: id, stepId: taskStepId(id), task: r.snapshot.context.tasks[id] }]);
    expect(canAct(clerk2, r.snapshot.context.tasks[id]!)).toBe(true);
  });

  it('only the holder releases; releasing a task nobody holds changes nothing', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    const free = inst.snapshot;
    expect(inst.run({ type: 'release', taskId: id }, clerk2)).toEqual({ snapshot: free, events: [], effects: [] });
    inst.run({ type: 'claim', taskId: id }, clerk);
    const err = refusal(inst, () => inst.run({ type: 'release', taskId: id }, clerk2));
    expect(err.code).toBe('CF_ENGINE_TASK_CLAIMED');
    expect(err.details).toEqual({ taskId: id, holder: 'u-clerk' });
    expect(refusal(inst, () => inst.run({ type: 'release', taskId: id }, head)).code).toBe('CF_ENGINE_FORBIDDEN_ROLE');
  });
});

describe('reassigning a task (改派)', () => {
  it('hands a held task to an eligible colleague: task.reassigned records from, to and the reason; the old holder is out', () => {
    const inst = atHeadReview();
    const id = inst.taskOf('headReview').id;
    inst.run({ type: 'claim', taskId: id }, head);
    // who may reassign is the host's policy: here a county official does it for the town
    const r = inst.run({ type: 'reassign', taskId: id, to: head2, reason: '  休假，由副职接办 ' }, actor('u-county', ['ADMIN'], COUNTY));
    expect(r.events).toEqual([{
      type: 'task.reassigned', at: '2027-05-07T09:00:00+08:00', stepId: 'headReview', taskId: id,
      actor: { id: 'u-county', roles: ['ADMIN'], orgUnit: COUNTY }, data: { from: 'u-head', to: 'u-head2', reason: '休假，由副职接办' },
    }]);
    expect(r.effects).toEqual([{ type: 'task.update', taskId: inst.taskOf('headReview').id, stepId: 'headReview', task: { ...inst.taskOf('headReview'), claimedBy: 'u-head2' } }]);
    expect(refusal(inst, () => inst.run({ type: 'complete', taskId: id, data: { approve: true } }, head)).code).toBe('CF_ENGINE_TASK_CLAIMED');
    inst.run({ type: 'complete', taskId: id, data: { approve: true } }, head2);
    expect(inst.snapshot.context.outcome?.id).toBe('APPROVED');
  });

  it('hands an unclaimed task to a named colleague (from: null); handing it to its holder changes nothing', () => {
    const inst = atHeadReview();
    const id = inst.taskOf('headReview').id;
    const r = inst.run({ type: 'reassign', taskId: id, to: head2, reason: '指定经办人' }, head);
    expect(r.events[0]!.data).toEqual({ from: null, to: 'u-head2', reason: '指定经办人' });
    const held = inst.snapshot;
    expect(inst.run({ type: 'reassign', taskId: id, to: head2, reason: '再次指定' }, head)).toEqual({ snapshot: held, events: [], effects: [] });
  });

  it('refuses a target who could not act on the task, saying why, and a reassignment without a reason', () => {
    const inst = atHeadReview();
    const id = inst.taskOf('headReview').id;
    inst.run({ type: 'claim', taskId: id }, head);
    const wrongRole = refusal(inst, () => inst.run({ type: 'reassign', taskId: id, to: clerk, reason: 'x' }, head));
    expect(wrongRole.code).toBe('CF_ENGINE_REASSIGN_TARGET_INELIGIBLE');
    expect(wrongRole.localized.en).toBe(`task ${id} cannot be handed to u-clerk: u-clerk does not hold the role HEAD`);
    expect(wrongRole.localized['zh-CN']).toContain('u-clerk 没有 HEAD 角色');
    expect(wrongRole.hint.en).toBe(`hand it to a person who holds HEAD in ${TOWN} (the named person, if the task names one)`);
    const wrongUnit = refusal(inst, () => inst.run({ type: 'reassign', taskId: id, to: otherTownHead, reason: 'x' }, head));
    expect(wrongUnit.localized.en).toContain(`u-head3 works in county:huaxi/town:dongshan, not in ${TOWN}`);
    expect(refusal(inst, () => inst.run({ type: 'reassign', taskId: id, to: head2, reason: '  ' }, head)).code).toBe('CF_ENGINE_COMMAND_INVALID');
    expect(refusal(inst, () => inst.run({ type: 'reassign', taskId: id, to: undefined as unknown as Actor, reason: 'x' }, head)).code).toBe('CF_ENGINE_COMMAND_INVALID');
    expect(inst.taskOf('headReview').claimedBy).toBe('u-head');
  });

  it('refuses a target who is not the person a task names', () => {
    const def = processWith('named', 'mine', {
      mine: { kind: 'task', title: t('本人办理', 'in person'), form: 'note', assignee: { role: 'CLERK', person: "'p-1'" }, next: 'done' },
      done: end('DONE'),
    });
    const named = actor('u-named', ['CLERK'], VILLAGE, { personId: 'p-1' });
    const inst = drive(def, named);
    const id = inst.taskOf('mine').id;
    expect(inst.taskOf('mine').assignee.person).toBe('p-1');
    const err = refusal(inst, () => inst.run({ type: 'reassign', taskId: id, to: clerk2, reason: 'x' }, named));
    expect(err.localized.en).toContain('the task names a person and u-clerk2 is not that person');
  });

  it('separation of duties still applies when the new holder completes (回避)', () => {
    const vetting: JointReviewStep = {
      kind: 'jointReview', title: t('资格联审', 'joint vetting'), form: 'review',
      reviewers: [{ id: 'gongan', title: t('公安', 'police'), unit: 'dept:gongan' }],
      assignee: { role: 'REVIEWER', orgUnit: "unit('county') + '/' + reviewer.unit" },
      decisionField: 'conclusion', approveValues: ['PASS'], rejectValues: ['FLAG'], join: { rule: 'all' },
      conflicts: [{ persons: 'data.candidate', reason: t('候选人不得参与本人审查', 'a candidate may not act on their own vetting') }],
      next: { approved: 'cleared', rejected: 'cleared' },
    };
    const def = processWith('sod', 'vet', { vet: vetting, cleared: end('CLEARED') });
    const unit = `${COUNTY}/dept:gongan`;
    const reviewer = actor('u-gongan', ['REVIEWER'], unit, { personId: '110101198001010010' });
    const candidateColleague = actor('u-gongan-2', ['REVIEWER'], unit, { personId: '110101199012310056' });
    const first = startInstance(def, { instanceId: 'sod-1', orgUnit: VILLAGE, data: { candidate: '110101199012310056' } }, { now: '2027-04-01T09:00:00+08:00', actor: clerk }, { validator });
    const id = Object.keys(first.snapshot.context.tasks)[0]!;
    const ctx = (a: Actor) => ({ now: '2027-04-01T10:00:00+08:00', actor: a });
    const claimed = step(def, first.snapshot, { type: 'claim', taskId: id }, ctx(reviewer), { validator });
    // the reassignment itself is allowed: the conflict rule reads the submitted form
    const handed = step(def, claimed.snapshot, { type: 'reassign', taskId: id, to: candidateColleague, reason: '工作调整' }, ctx(reviewer), { validator });
    expect(handed.snapshot.context.tasks[id]!.claimedBy).toBe('u-gongan-2');
    try {
      step(def, handed.snapshot, { type: 'complete', taskId: id, data: { conclusion: 'PASS' } }, ctx(candidateColleague), { validator });
      expect.unreachable();
    } catch (e) {
      expect((e as CivicflowError).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    }
  });
});

describe('standing tasks and ended cases', () => {
  const notice = processWith('notice-claims', 'list', {
    list: {
      kind: 'notice', title: t('公告', 'notice'),
      publish: { form: 'note', assignee: { role: 'CLERK' }, publishedOn: 'form.text' },
      period: { days: 5 }, basis: t('村民委员会组织法第十四条', 'VCOL Art 14'),
      objections: { form: 'objection', filedBy: { role: 'VOTER' }, handler: { role: 'CLERK' }, handleForm: 'decide', upheldWhen: "form.decision == 'UPHELD'" },
      next: 'final',
    },
    final: end('FINAL'),
  });

  it('a repeatable task (filing objections during a notice) cannot be claimed, released or reassigned', () => {
    const inst = drive(notice, clerk, '2027-05-07T09:00:00+08:00');
    inst.run({ type: 'complete', taskId: inst.taskOf('list').id, data: { text: '2027-05-07' } }, clerk);
    const filing = inst.taskOf('list');
    expect(filing.repeatable).toBe(true);
    const voter = actor('u-voter', ['VOTER'], VILLAGE);
    const voter2 = actor('u-voter2', ['VOTER'], VILLAGE);
    for (const command of [{ type: 'claim', taskId: filing.id }, { type: 'release', taskId: filing.id }, { type: 'reassign', taskId: filing.id, to: voter2, reason: 'x' }] as Command[]) {
      const err = refusal(inst, () => inst.run(command, voter));
      expect(err.code, command.type).toBe('CF_ENGINE_TASK_NOT_CLAIMABLE');
      expect(err.localized.en).toContain('standing task open to every holder of VOTER');
    }
  });

  it('an ended case takes no claims', () => {
    const inst = drive(reviewProcess(), clerk);
    const id = inst.taskOf('submit').id;
    inst.run({ type: 'cancel', reason: '撤回' }, clerk);
    expect(refusal(inst, () => inst.run({ type: 'claim', taskId: id }, clerk)).code).toBe('CF_ENGINE_INSTANCE_ENDED');
  });
});

describe('replay and migration with claims', () => {
  it('replays claim, a deadline passing under a claim, reassignment and release to the same snapshot and events', () => {
    const inst = atHeadReview();
    const id = inst.taskOf('headReview').id;
    inst.at('2027-05-07T11:00:00+08:00');
    inst.run({ type: 'claim', taskId: id }, head);
    // the deadline passes while the task is held: overdue and extended, still held
    const timer = Object.values(inst.snapshot.context.timers)[0]!;
    inst.at(timer.dueAt);
    inst.run({ type: 'fireTimer', timerId: timer.id }, actor('system', ['SYSTEM'], 'system:host'));
    expect(inst.taskOf('headReview')).toMatchObject({ overdue: true, claimedBy: 'u-head' });
    inst.at('2027-05-13T10:00:00+08:00');
    inst.run({ type: 'reassign', taskId: id, to: head2, reason: '超期改派' }, head);
    inst.at('2027-05-13T11:00:00+08:00');
    inst.run({ type: 'release', taskId: id }, head2);
    inst.run({ type: 'claim', taskId: id }, head);
    expect(inst.history.filter((e) => e.type.startsWith('task.') && e.taskId === id).map((e) => e.type)).toEqual([
      'task.opened', 'task.claimed', 'task.reassigned', 'task.released', 'task.claimed',
    ]);

    const rebuilt = replay(reviewProcess(), inst.history, { validator });
    expect(JSON.stringify(rebuilt.snapshot)).toBe(JSON.stringify(inst.snapshot));
    expect(rebuilt.events).toEqual(inst.history);

    // and the case goes on from the rebuilt snapshot as from the stored one
    const fromJson = JSON.parse(JSON.stringify(inst.snapshot)) as InstanceSnapshot;
    const ctx = { now: '2027-05-13T12:00:00+08:00', actor: head2 };
    expect(() => step(reviewProcess(), fromJson, { type: 'complete', taskId: id, data: { approve: true } }, ctx, { validator })).toThrow(/claimed by u-head/);
  });

  it('migrating a case to a new version keeps who holds its tasks', () => {
    const inst = atHeadReview();
    const id = inst.taskOf('headReview').id;
    inst.run({ type: 'claim', taskId: id }, head);
    const { snapshot } = migrateSnapshot(inst.snapshot, reviewProcess(), reviewProcess({ version: 2 }));
    expect(snapshot.context.tasks[id]!.claimedBy).toBe('u-head');
  });
});
