import { describe, expect, it } from 'vitest';
import { createTestHost } from '../src/testing/index.js';
import { actor, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const task = (title: string, next: string, extra: object = {}) => ({ kind: 'task' as const, title: t(title, title), form: 'note', assignee: { role: 'CLERK' }, next, ...extra });

describe('parallel', () => {
  const def = (join: 'all' | 'any') => processWith(`par-${join}`, 'both', {
    both: {
      kind: 'parallel', join, saveAs: 'branches', next: 'after',
      branches: [
        { id: 'a', start: 'a1', steps: { a1: task('A', 'aEnd'), aEnd: end('a-done') } },
        { id: 'b', start: 'b1', steps: { b1: task('B', 'bEnd'), bEnd: end('b-done') } },
      ],
    },
    after: end('JOINED'),
  });
  it('join all waits for every branch', () => {
    const host = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator });
    const inst = host.start(def('all'), { actor: clerk });
    expect(inst.tasks().map((x) => x.stepId).sort()).toEqual(['a1', 'b1']);
    inst.complete(inst.tasks().find((x) => x.stepId === 'b1')!.id, {}, clerk);
    expect(inst.status).toBe('active');
    inst.complete(inst.tasks()[0]!.id, {}, clerk);
    expect(inst.outcome).toBe('JOINED');
    expect(inst.data['branches']).toEqual({ branches: { b: 'b-done', a: 'a-done' } });
  });
  it('join any closes the other branches', () => {
    const host = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator });
    const inst = host.start(def('any'), { actor: clerk });
    inst.complete(inst.tasks().find((x) => x.stepId === 'a1')!.id, {}, clerk);
    expect(inst.outcome).toBe('JOINED');
    expect(inst.effects()).toContainEqual(expect.objectContaining({ type: 'task.close', reason: 'cancelled' }));
  });
});

describe('wait and decision', () => {
  it('waits until a date from data (24:00 of it), then routes by guard', () => {
    const def = processWith('wait-test', 'hold', {
      hold: { kind: 'wait', until: 'data.electionDate', basis: t('选举日', 'election day'), next: 'route' },
      route: { kind: 'decision', next: [{ when: "today >= '2027-05-29'", to: 'late' }, { to: 'early' }] },
      late: end('AFTER'), early: end('BEFORE'),
    });
    const host = createTestHost({ now: '2027-05-01T09:00:00+08:00', validator });
    const inst = host.start(def, { actor: clerk, input: { electionDate: '2027-05-28' } });
    host.advance('2027-05-28T23:59:00+08:00');
    expect(inst.status).toBe('active');
    host.advance('P1D');
    expect(inst.outcome).toBe('AFTER');
  });
});

describe('subprocess', () => {
  const child = processWith('vetting-child', 'check', { check: task('审查', 'ok', { assignee: { role: 'CLERK' } }), ok: end('CLEARED') });
  const parent = processWith('vetting-parent', 'vetAll', {
    vetAll: { kind: 'subprocess', definition: { id: 'vetting-child' }, forEach: 'data.candidates', input: { person: 'item' }, saveAs: 'vettings', next: 'done' },
    done: end('ALL_VETTED'),
  });
  it('starts one child per item and continues when all have ended, with their outcomes', () => {
    const host = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator });
    host.register(child);
    const inst = host.start(parent, { actor: clerk, input: { candidates: ['110101198001010010', '110101197506150022'] } });
    const kids = inst.children();
    expect(kids).toHaveLength(2);
    expect(kids[0]!.data['person']).toBe('110101198001010010');
    kids[0]!.complete(kids[0]!.tasks()[0]!.id, {}, clerk);
    expect(inst.status).toBe('active');
    kids[1]!.complete(kids[1]!.tasks()[0]!.id, {}, clerk);
    expect(inst.outcome).toBe('ALL_VETTED');
    expect((inst.data['vettings'] as { item: string; outcome: string }[]).map((v) => [v.item, v.outcome])).toEqual([
      ['110101198001010010', 'CLEARED'], ['110101197506150022', 'CLEARED'],
    ]);
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });
});
