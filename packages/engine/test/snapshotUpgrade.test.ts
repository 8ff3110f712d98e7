import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CivicflowError, openTasks, SNAPSHOT_FORMAT, step, upgradeSnapshot } from '../src/index.js';
import type { AnySnapshot, Effect, HistoryEvent, InstanceSnapshot, ProcessDefinition, TaskRecord } from '../src/index.js';
import { actor, COUNTY } from './support/actors.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

/**
 * Written by the engine while it wrote format 1 (civicflow.snapshot/1): two instances of one
 * definition stopped mid-way — one in a joint review whose reviewers the definition lists (one
 * answer waiting for verification, with its follow-up task and deadlines), one in a review whose
 * reviewers an expression listed — then the answers still to come and what the v1 engine produced.
 */
interface V1Fixture {
  definition: ProcessDefinition;
  midReview: InstanceSnapshot;
  dynamicReview: InstanceSnapshot;
  script: [string, string][];
  expected: { events: HistoryEvent[]; effects: Effect[]; end: { status: string; outcome: unknown; data: unknown; value: unknown } };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/snapshot-v1-joint-review.json', import.meta.url), 'utf8')) as V1Fixture;
const { definition } = fixture;
const NOW = '2027-04-01T09:00:00+08:00';
const dept = (code: string) => actor(`u-${code}`, ['REVIEWER'], `${COUNTY}/dept:${code}`);
const taskOf = (s: InstanceSnapshot, who: string) => Object.entries(s.context.tasks).find(([, t]) => t.assignee.orgUnit.endsWith(`dept:${who}`))![0];

function continueFrom(start: AnySnapshot, script: [string, string][]) {
  let snapshot = start as InstanceSnapshot;
  const events: HistoryEvent[] = [];
  const effects: Effect[] = [];
  for (const [who, conclusion] of script) {
    const r = step(definition, snapshot, { type: 'complete', taskId: taskOf(snapshot, who), data: { conclusion } }, { now: NOW, actor: dept(who) }, { validator });
    snapshot = r.snapshot;
    events.push(...r.events);
    effects.push(...r.effects);
  }
  return { snapshot, events, effects };
}

/** A task effect as format 3 reports it: the id and step beside a record without id, step, title, form or an `exact` match. */
function asFormat3(effect: Effect): Effect {
  if (effect.type !== 'task.open' && effect.type !== 'task.update') return effect;
  const old = effect.task as TaskRecord & { id: string; stepId: string; title?: unknown; form?: string };
  const { id, stepId, title: _title, form: _form, assignee: { match, ...assignee }, ...rest } = old;
  const meta = rest.meta && 'reviewerTitle' in rest.meta ? (({ reviewerTitle: _t, ...m }) => m)(rest.meta) : rest.meta;
  const task: TaskRecord = { assignee: match === 'subtree' ? { ...assignee, match } : assignee, ...rest, ...(meta ? { meta } : {}) };
  return { type: effect.type, taskId: id, stepId, task };
}

/**
 * Joint-review results as format 3 saves them: no join rule, veto or reviewer titles (the
 * definition's), and each basis without the decision field (that is `decision`).
 */
function asFormat3Data(data: Record<string, unknown>, results: string[]): Record<string, unknown> {
  const out = structuredClone(data);
  const trim = (b: Record<string, unknown> | undefined) => {
    const { conclusion: _c, ...rest } = b ?? {};
    return Object.keys(rest).length > 0 ? { basis: rest } : {};
  };
  for (const key of results) {
    const { rule: _r, veto: _v, reviewers, ...result } = out[key] as { rule: unknown; veto: unknown; reviewers: Record<string, unknown>[] };
    out[key] = {
      ...result,
      reviewers: reviewers.map(({ title: _t, basis, earlier, ...r }) => ({
        ...r, ...trim(basis as Record<string, unknown> | undefined),
        ...(earlier ? { earlier: (earlier as Record<string, unknown>[]).map(({ basis: eb, ...e }) => ({ ...e, ...trim(eb as Record<string, unknown>) })) } : {}),
      })),
    };
  }
  return out;
}

describe('snapshots stored in format 1 still load', () => {
  it('a format-1 snapshot mid-review continues to the same end, with the same history and effects', () => {
    expect(fixture.midReview.format).toBe('civicflow.snapshot/1');
    const { snapshot, events, effects } = continueFrom(fixture.midReview, fixture.script);
    expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
    const end = fixture.expected.end as { data: Record<string, unknown> };
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value })
      .toEqual({ ...fixture.expected.end, data: asFormat3Data(end.data, ['vetting', 'recheck']) });
    expect(events).toEqual(fixture.expected.events);
    // Task records keep only what the definition cannot give back (openTasks shows the rest); nothing else differs.
    expect(effects).toEqual(fixture.expected.effects.map(asFormat3));
  });

  it('a format-1 snapshot in a review whose reviewers an expression listed continues to the same end', () => {
    const { snapshot } = continueFrom(fixture.dynamicReview, fixture.script.slice(2));
    const end = fixture.expected.end as { data: Record<string, unknown> };
    // The first review was decided by the format-1 engine: its result stays as it was written.
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value })
      .toEqual({ ...fixture.expected.end, data: { ...asFormat3Data(end.data, ['recheck']) } });
  });

  it('upgradeSnapshot is pure and gives what format 3 keeps; open tasks look the same to hosts', () => {
    const before = structuredClone(fixture.midReview);
    const upgraded = upgradeSnapshot(definition, fixture.midReview);
    expect(fixture.midReview).toEqual(before);
    expect(upgraded.format).toBe(SNAPSHOT_FORMAT);
    expect(upgraded.context).not.toHaveProperty('instanceId');
    expect(upgraded.instanceId).toBe('jr-upgrade-1');
    const state = upgraded.context.steps['vet'] as { reviewers: Record<string, unknown>[] };
    // jiwei, still waiting, is left out: its open task says so.
    expect(state.reviewers.map((r) => [r['id'], r['status'], 'title' in r, 'spec' in r, 'taskId' in r])).toEqual([
      ['gongan', 'verifying', false, false, false], ['fayuan', 'approved', false, false, false],
    ]);
    expect(openTasks(definition, upgraded)).toEqual(openTasks(definition, fixture.midReview));
    expect(openTasks(definition, upgraded).map((t) => t.meta['reviewerTitle'])).toEqual([{ 'zh-CN': '部门jiwei', en: 'jiwei' }, { 'zh-CN': '部门gongan', en: 'gongan' }]);
    // Reviewers an expression listed keep their spec: the case data they came from may change.
    const dynamic = upgradeSnapshot(definition, fixture.dynamicReview);
    expect((dynamic.context.steps['recheck'] as { reviewers: { spec?: unknown }[] }).reviewers[0]!.spec).toEqual({ id: 'minzheng', title: { 'zh-CN': '民政', en: 'civil affairs' }, unit: 'dept:minzheng' });
    expect(dynamic.context.steps).not.toHaveProperty('vet'); // left: its result is in the case data
    expect(openTasks(definition, dynamic)).toEqual(openTasks(definition, fixture.dynamicReview));
    expect(upgradeSnapshot(definition, upgraded)).toBe(upgraded);
  });

  it('refuses a snapshot of no known format', () => {
    const bad = { ...fixture.midReview, format: 'civicflow.snapshot/9' } as unknown as InstanceSnapshot;
    expect(() => upgradeSnapshot(definition, bad)).toThrow(CivicflowError);
    expect(() => step(definition, bad, { type: 'cancel', reason: 'x' }, { now: NOW, actor: dept('gongan') }, { validator })).toThrow(/format must be civicflow.snapshot\/3/);
  });
});

/**
 * Written by the engine while it wrote format 2 (civicflow.snapshot/2): the same definition, one
 * instance mid-review (gongan's follow-up answered with facts beside the conclusion, fayuan
 * approved, jiwei waiting), one in the review whose reviewers an expression listed; then the
 * answers still to come and what the format-2 engine produced from there.
 */
interface V2Fixture {
  midReview: AnySnapshot;
  dynamicReview: AnySnapshot;
  script: [string, string][];
  expected: { events: HistoryEvent[]; effects: Effect[]; end: { data: Record<string, unknown> }; dynamicEnd: { data: Record<string, unknown> } };
}
const v2 = JSON.parse(readFileSync(new URL('./fixtures/snapshot-v2-joint-review.json', import.meta.url), 'utf8')) as V2Fixture;

describe('snapshots stored in format 2 still load', () => {
  it('a format-2 snapshot mid-review continues to the same end, with the same history, and effects in format 3', () => {
    expect(v2.midReview.format).toBe('civicflow.snapshot/2');
    const { snapshot, events, effects } = continueFrom(v2.midReview, v2.script);
    expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value })
      .toEqual({ ...v2.expected.end, data: asFormat3Data(v2.expected.end.data, ['vetting', 'recheck']) });
    expect(events).toEqual(v2.expected.events);
    expect(effects).toEqual(v2.expected.effects.map(asFormat3));
    // Who decided what, when and on which basis is all still there.
    expect((snapshot.context.data['vetting'] as { reviewers: unknown[] }).reviewers[0]).toEqual({
      id: 'gongan', status: 'approved', decision: 'PASS', by: 'u-gongan', at: NOW, basis: { facts: '核查无违法记录' },
      earlier: [{ decision: 'NEED_VERIFY', by: 'u-gongan', at: NOW }],
    });
  });

  it('a format-2 snapshot in a review whose reviewers an expression listed continues to the same end', () => {
    const { snapshot } = continueFrom(v2.dynamicReview, v2.script.slice(1));
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value })
      .toEqual({ ...v2.expected.dynamicEnd, data: asFormat3Data(v2.expected.dynamicEnd.data, ['recheck']) });
  });

  it('upgradeSnapshot gives what format 3 keeps, purely; open tasks look the same to hosts', () => {
    const before = structuredClone(v2.midReview);
    const upgraded = upgradeSnapshot(definition, v2.midReview);
    expect(v2.midReview).toEqual(before);
    expect(upgraded.format).toBe(SNAPSHOT_FORMAT);
    // The task keeps what the definition and its key cannot give back.
    expect(upgraded.context.tasks).toEqual({
      'vet:5': { assignee: { role: 'REVIEWER', orgUnit: `${COUNTY}/dept:jiwei` }, createdAt: NOW, dueAt: '2027-04-07T00:00:00+08:00', role: 'reviewer', meta: { reviewer: 'jiwei' } },
    });
    // The waiting reviewer and the null outcome are gone; bases lose the decision field.
    expect(upgraded.context.steps['vet']).toEqual({
      reviewers: [
        { id: 'gongan', status: 'approved', decision: 'PASS', by: 'u-gongan', at: NOW, basis: { facts: '核查无违法记录' }, earlier: [{ decision: 'NEED_VERIFY', by: 'u-gongan', at: NOW }] },
        { id: 'fayuan', status: 'approved', decision: 'PASS', by: 'u-fayuan', at: NOW },
      ],
    });
    expect(openTasks(definition, upgraded)).toEqual(openTasks(definition, v2.midReview));
    expect(openTasks(definition, upgraded).map((t) => [t.id, t.stepId, t.title.en, t.formId, t.assignee.match, t.meta['reviewerTitle']])).toEqual([
      ['vet:5', 'vet', 'joint vetting', 'review', 'exact', { 'zh-CN': '部门jiwei', en: 'jiwei' }],
    ]);
    const dynamic = upgradeSnapshot(definition, v2.dynamicReview);
    expect((dynamic.context.steps['recheck'] as { reviewers: { id: string; spec?: unknown }[] }).reviewers.map((r) => [r.id, r.spec !== undefined])).toEqual([['minzheng', true]]);
    expect(openTasks(definition, dynamic)).toEqual(openTasks(definition, v2.dynamicReview));
    expect(upgradeSnapshot(definition, upgraded)).toBe(upgraded);
  });
});
