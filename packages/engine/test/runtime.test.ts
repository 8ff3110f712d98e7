import { describe, expect, it } from 'vitest';
import { CivicflowError, replay, startInstance, step } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { actor, COUNTY, TOWN, VILLAGE } from './support/actors.js';
import { reviewProcess } from './support/definitions.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const head = actor('u-head', ['HEAD'], TOWN);
const otherHead = actor('u-head2', ['HEAD'], 'county:huaxi/town:dongshan');

function startSmall() {
  const host = createTestHost({ now: '2027-05-07T09:00:00+08:00', validator });
  const inst = host.start(reviewProcess(), { actor: clerk, input: { applicant: 'A' } });
  return { host, inst };
}

describe('the pure step', () => {
  it('opens the first task for the role in the case unit and routes by guard', () => {
    const { inst } = startSmall();
    const [task] = inst.tasks();
    expect(task).toMatchObject({ stepId: 'submit', assignee: { role: 'CLERK', orgUnit: VILLAGE } });
    inst.complete(task!.id, { amount: 500, reason: 'x' }, clerk);
    expect(inst.status).toBe('done');
    expect(inst.outcome).toBe('APPROVED');
    expect(inst.data['small']).toBe(true);
    expect(inst.data['submit']).toEqual({ amount: 500, reason: 'x' });
  });

  it('assigns the head of the town above the village, with a working-day deadline', () => {
    const { inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    const [task] = inst.tasks();
    expect(task).toMatchObject({ stepId: 'headReview', assignee: { role: 'HEAD', orgUnit: TOWN } });
    // Fri 05-07 + 3 working days → Wed 05-12, ends 24:00
    expect(task!.dueAt).toBe('2027-05-13T00:00:00+08:00');
  });

  it('refuses a wrong role, a wrong org unit, invalid data and a failed rule with catalogue codes, changing nothing', () => {
    const { inst } = startSmall();
    const id = inst.tasks()[0]!.id;
    const before = inst.snapshot;
    const code = (f: () => unknown) => { try { f(); return 'none'; } catch (e) { expect(e).toBeInstanceOf(CivicflowError); return (e as CivicflowError).code; } };
    expect(code(() => inst.complete(id, { amount: 1, reason: 'x' }, head))).toBe('CF_ENGINE_FORBIDDEN_ROLE');
    expect(code(() => inst.complete(id, { amount: 1, reason: 'x' }, actor('c2', ['CLERK'], 'county:huaxi/town:qingshi/village:other')))).toBe('CF_ENGINE_FORBIDDEN_ORG_UNIT');
    expect(code(() => inst.complete(id, { amount: 'many' }, clerk))).toBe('CF_ENGINE_FORM_INVALID');
    expect(code(() => inst.complete(id, { amount: -3, reason: 'x' }, clerk))).toBe('CF_ENGINE_CHECK_FAILED');
    expect(code(() => inst.complete('nope:1', {}, clerk))).toBe('CF_ENGINE_TASK_NOT_FOUND');
    expect(inst.snapshot).toBe(before);
    inst.complete(id, { amount: 5000, reason: 'big' }, clerk);
    expect(code(() => inst.complete(inst.tasks()[0]!.id, { approve: true }, otherHead))).toBe('CF_ENGINE_FORBIDDEN_ORG_UNIT');
  });

  it('reminds on expiry, extends once, then takes the expiry route', () => {
    const { host, inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    host.advance('2027-05-13T00:00:00+08:00');
    const [task] = inst.tasks();
    expect(task!.overdue).toBe(true);
    expect(task!.dueAt).toBe('2027-05-15T00:00:00+08:00'); // Thu 05-13 + 2 working days → Fri 05-14
    const notes = inst.effects().filter((e) => e.type === 'notify');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ role: 'HEAD', orgUnit: COUNTY });
    host.advance('P3D');
    expect(inst.outcome).toBe('TIMED_OUT');
    expect(inst.effects().filter((e) => e.type === 'task.close').at(-1)).toMatchObject({ reason: 'cancelled' });
    expect(inst.tasks()).toEqual([]);
  });

  it('emits effects as data: open and close tasks, schedule and cancel timers', () => {
    const def = reviewProcess();
    const s0 = startInstance(def, { instanceId: 'i1', orgUnit: VILLAGE }, { now: '2027-05-07T09:00:00+08:00', actor: clerk }, { validator });
    expect(s0.effects.map((e) => e.type)).toEqual(['task.open']);
    const taskId = Object.keys(s0.snapshot.context.tasks)[0]!;
    const s1 = step(def, s0.snapshot, { type: 'complete', taskId, data: { amount: 5000, reason: 'b' } }, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator });
    expect(s1.effects.map((e) => e.type)).toEqual(['task.close', 'task.open', 'timer.schedule']);
    expect(s1.effects[0]).toEqual({ type: 'task.close', taskId, reason: 'completed' });
    const reviewTask = Object.keys(s1.snapshot.context.tasks)[0]!;
    const s2 = step(def, s1.snapshot, { type: 'complete', taskId: reviewTask, data: { approve: false } }, { now: '2027-05-08T10:00:00+08:00', actor: head }, { validator });
    expect(s2.effects.map((e) => e.type)).toEqual(['task.close', 'timer.cancel', 'instance.ended']);
    expect(s2.snapshot.status).toBe('done');
  });

  it('is deterministic: a JSON round trip of the snapshot gives the same next step', () => {
    const def = reviewProcess();
    const s0 = startInstance(def, { instanceId: 'i2', orgUnit: VILLAGE }, { now: '2027-05-07T09:00:00+08:00', actor: clerk }, { validator });
    const taskId = Object.keys(s0.snapshot.context.tasks)[0]!;
    const cmd = { type: 'complete' as const, taskId, data: { amount: 5000, reason: 'b' } };
    const a = step(def, s0.snapshot, cmd, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator });
    const b = step(def, JSON.parse(JSON.stringify(s0.snapshot)), cmd, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator });
    expect(JSON.stringify(b.snapshot)).toBe(JSON.stringify(a.snapshot));
    expect(b.events).toEqual(a.events);
  });

  it('replays a history to the same snapshot', () => {
    const { host, inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    host.advance('P10D');
    const rebuilt = replay(inst.definition, inst.history(), { calendar: undefined });
    expect(JSON.stringify(rebuilt.snapshot)).toBe(JSON.stringify(inst.snapshot));
    expect(rebuilt.events).toEqual(inst.history());
  });

  it('refuses a snapshot of another version with a migration hint', () => {
    const { inst } = startSmall();
    const v2 = reviewProcess({ version: 2 });
    try {
      step(v2, inst.snapshot, { type: 'cancel', reason: 'x' }, { now: '2027-05-08T00:00:00+08:00', actor: clerk }, { validator });
      expect.unreachable();
    } catch (e) {
      expect((e as CivicflowError).code).toBe('CF_ENGINE_SNAPSHOT_VERSION_MISMATCH');
      expect((e as CivicflowError).hint.en).toMatch(/migrateSnapshot|original version/);
    }
  });

  it('refuses to override a statutory (L) parameter', () => {
    const host = createTestHost({ now: '2027-05-07T09:00:00+08:00', validator });
    expect(() => host.start(reviewProcess(), { actor: clerk, config: { statutory_days: 3 } })).toThrow(/fixed by law/);
    const inst = host.start(reviewProcess(), { actor: clerk, config: { limit: 10 } });
    inst.complete(inst.tasks()[0]!.id, { amount: 50, reason: 'x' }, clerk);
    expect(inst.tasks()[0]!.stepId).toBe('headReview');
  });

  it('cancels: closes tasks and timers and ends the instance', () => {
    const { inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    inst.cancel('village merged', head);
    expect(inst.status).toBe('cancelled');
    expect(inst.tasks()).toEqual([]);
    expect(inst.snapshot.context.timers).toEqual({});
  });
});

describe('migrateSnapshot', () => {
  it('moves a running case to a new version with an explicit step mapping, and it continues there', async () => {
    const { migrateSnapshot } = await import('../src/index.js');
    const { inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    const v1 = reviewProcess();
    const v2 = reviewProcess({ version: 2 });
    v2.steps['townReview'] = v2.steps['headReview']!;
    delete v2.steps['headReview'];
    (v2.steps['submit'] as { next: unknown }).next = [{ when: 'form.amount <= config.limit', to: 'approve' }, { to: 'townReview' }];
    expect(() => migrateSnapshot(inst.snapshot, v1, v2)).toThrow(/the active step headReview has no counterpart/);
    const { snapshot, event } = migrateSnapshot(inst.snapshot, v1, v2, { steps: { headReview: 'townReview' } });
    expect(snapshot.definitionVersion).toBe(2);
    expect(event.type).toBe('instance.migrated');
    const taskId = Object.keys(snapshot.context.tasks)[0]!;
    const next = step(v2, snapshot, { type: 'complete', taskId, data: { approve: true } }, { now: '2027-05-08T10:00:00+08:00', actor: head }, { validator });
    expect(next.snapshot.context.outcome?.id).toBe('APPROVED');
  });

  it('replay applies instance.migrated as the migration did: a migrated history rebuilds its snapshot and events', async () => {
    const { migrateSnapshot } = await import('../src/index.js');
    const { inst } = startSmall();
    inst.complete(inst.tasks()[0]!.id, { amount: 5000, reason: 'big' }, clerk);
    const v1 = reviewProcess();
    const v2 = reviewProcess({ version: 2 });
    v2.steps['townReview'] = v2.steps['headReview']!;
    delete v2.steps['headReview'];
    (v2.steps['submit'] as { next: unknown }).next = [{ when: 'form.amount <= config.limit', to: 'approve' }, { to: 'townReview' }];
    const admin = { id: 'u-admin', roles: ['ADMIN'], orgUnit: TOWN };
    const moved = migrateSnapshot(inst.snapshot, v1, v2, { steps: { headReview: 'townReview' } });
    const atMigration = [...inst.history(), { ...moved.event, actor: admin }];
    // Replayed on both versions: up to the migration on v1, then moved with the same mapping.
    const replayedAtMigration = replay([v2, v1], atMigration, { validator });
    expect(JSON.stringify(replayedAtMigration.snapshot)).toBe(JSON.stringify(moved.snapshot));
    const taskId = Object.keys(moved.snapshot.context.tasks)[0]!;
    const next = step(v2, moved.snapshot, { type: 'complete', taskId, data: { approve: true } }, { now: '2027-05-08T10:00:00+08:00', actor: head }, { validator });
    const history = [...atMigration, ...next.events];
    const rebuilt = replay([v1, v2], history, { validator });
    expect(JSON.stringify(rebuilt.snapshot)).toBe(JSON.stringify(next.snapshot));
    expect(JSON.stringify(rebuilt.events)).toBe(JSON.stringify(history));
    // Without the version it ran on first, or with several versions and no migration: told what to pass.
    expect(() => replay(v2, history, { validator })).toThrow(/ran on version 1 \(it was migrated\)/);
    expect(() => replay([v1, v2], inst.history(), { validator })).toThrow(/the one version it ran on/);
  });

  it('refuses an ended case, with the reason; an open task takes the new version\'s form', async () => {
    const { migrateSnapshot, openTasks } = await import('../src/index.js');
    const { inst } = startSmall();
    const v2 = reviewProcess({ version: 2 });
    const renamed = { ...v2, forms: { application: v2.forms['request']!, decision: v2.forms['decision']! }, steps: { ...v2.steps, submit: { ...v2.steps['submit']!, form: 'application' } } } as typeof v2;
    // Snapshot format 3 does not store a task's form: it is the step's, in the version the case runs on.
    const { snapshot } = migrateSnapshot(inst.snapshot, reviewProcess(), renamed);
    expect(openTasks(renamed, snapshot).map((t) => t.formId)).toEqual(['application']);
    inst.complete(inst.tasks()[0]!.id, { amount: 5, reason: 'x' }, clerk);
    expect(() => migrateSnapshot(inst.snapshot, reviewProcess(), v2)).toThrow(/ended cases stay on the version they ran/);
  });
});

describe('the validator port prepares data before it is validated and stored', () => {
  it('stores what prepare returns (hidden conditional fields removed), and routes on it', () => {
    const preparing = { ...validator, prepare: (_schema: object, data: unknown) => {
      const { hiddenNote: _h, ...rest } = data as Record<string, unknown>;
      return rest;
    } };
    const host = createTestHost({ now: '2027-05-07T09:00:00+08:00', validator: preparing });
    const inst = host.start(reviewProcess(), { actor: clerk });
    inst.complete(inst.tasks()[0]!.id, { amount: 5, reason: 'x', hiddenNote: '不应保存' }, clerk);
    expect(inst.data['submit']).toEqual({ amount: 5, reason: 'x' });
    expect(JSON.stringify(inst.history())).not.toContain('不应保存');
  });
});
