import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CivicflowError, openTasks, SNAPSHOT_FORMAT, step, upgradeSnapshot } from '../src/index.js';
import type { Effect, HistoryEvent, InstanceSnapshot, ProcessDefinition } from '../src/index.js';
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
const taskOf = (s: InstanceSnapshot, who: string) => Object.values(s.context.tasks).find((t) => t.assignee.orgUnit.endsWith(`dept:${who}`))!.id;

function continueFrom(start: InstanceSnapshot, script: [string, string][]) {
  let snapshot = start;
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

function withoutReviewerTitle(effect: Effect): Effect {
  if (effect.type !== 'task.open' || !effect.task.meta) return effect;
  const { reviewerTitle: _title, ...meta } = effect.task.meta;
  return { ...effect, task: { ...effect.task, meta } };
}

describe('snapshots stored in format 1 still load', () => {
  it('a format-1 snapshot mid-review continues to the same end, with the same history and effects', () => {
    expect(fixture.midReview.format).toBe('civicflow.snapshot/1');
    const { snapshot, events, effects } = continueFrom(fixture.midReview, fixture.script);
    expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value }).toEqual(fixture.expected.end);
    expect(events).toEqual(fixture.expected.events);
    // Format 2's task records leave the reviewer's title out of `meta` (openTasks shows it); nothing else differs.
    expect(effects).toEqual(fixture.expected.effects.map(withoutReviewerTitle));
  });

  it('a format-1 snapshot in a review whose reviewers an expression listed continues to the same end', () => {
    const { snapshot } = continueFrom(fixture.dynamicReview, fixture.script.slice(2));
    expect({ status: snapshot.status, outcome: snapshot.context.outcome, data: snapshot.context.data, value: snapshot.value }).toEqual(fixture.expected.end);
  });

  it('upgradeSnapshot is pure and gives what format 2 keeps; open tasks look the same to hosts', () => {
    const before = structuredClone(fixture.midReview);
    const upgraded = upgradeSnapshot(definition, fixture.midReview);
    expect(fixture.midReview).toEqual(before);
    expect(upgraded.format).toBe(SNAPSHOT_FORMAT);
    expect(upgraded.context).not.toHaveProperty('instanceId');
    expect(upgraded.instanceId).toBe('jr-upgrade-1');
    const state = upgraded.context.steps['vet'] as { reviewers: Record<string, unknown>[] };
    expect(state.reviewers.map((r) => [r['id'], r['status'], 'title' in r, 'spec' in r, 'taskId' in r])).toEqual([
      ['gongan', 'verifying', false, false, false], ['fayuan', 'approved', false, false, false], ['jiwei', 'waiting', false, false, false],
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
    expect(() => step(definition, bad, { type: 'cancel', reason: 'x' }, { now: NOW, actor: dept('gongan') }, { validator })).toThrow(/format must be civicflow.snapshot\/2/);
  });
});
