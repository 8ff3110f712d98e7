import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { engineFunctions } from '../src/compile/scope.js';
import { WEEKENDS_ONLY } from '../src/calendar/index.js';
import { actor, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

// Reported by example A: route conditions could not see the result their own step had just saved.
const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const note = (next: string) => ({ kind: 'task' as const, title: t('记录', 'note'), form: 'note', assignee: { role: 'CLERK' }, next });

describe('route conditions see the result their step saved', () => {
  it('a task route reads data[saveAs] (and collected lists)', () => {
    const def = processWith('routes-task', 'a', {
      a: { ...note('x'), saveAs: 'log', collect: true, next: [{ when: 'len(data.log) >= 2', to: 'done' }, { to: 'a' }] },
      done: end('DONE'),
    });
    const inst = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator }).start(def, { actor: clerk });
    inst.complete(inst.tasks()[0]!.id, { text: '1' }, clerk);
    expect(inst.status).toBe('active');
    inst.complete(inst.tasks()[0]!.id, { text: '2' }, clerk);
    expect(inst.outcome).toBe('DONE');
  });

  it('a parallel join route reads the branch outcomes', () => {
    const def = processWith('routes-par', 'p', {
      p: { kind: 'parallel', saveAs: 'par', branches: [{ id: 'a', start: 'a1', steps: { a1: note('a2'), a2: end('ok') } }],
        next: [{ when: "data.par.branches.a == 'ok'", to: 'yes' }, { to: 'no' }] },
      yes: end('YES'), no: end('NO'),
    });
    const inst = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator }).start(def, { actor: clerk });
    inst.complete(inst.tasks()[0]!.id, {}, clerk);
    expect(inst.outcome).toBe('YES');
  });

  it('a subprocess route reads the children outcomes', () => {
    const child = processWith('routes-child', 'c', { c: note('cEnd'), cEnd: end('CLEARED') });
    const def = processWith('routes-sub', 's', {
      s: { kind: 'subprocess', definition: { id: 'routes-child' }, saveAs: 'vet', next: [{ when: "data.vet.outcome == 'CLEARED'", to: 'yes' }, { to: 'no' }] },
      yes: end('YES'), no: end('NO'),
    });
    const host = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator });
    host.register(child);
    const inst = host.start(def, { actor: clerk });
    const kid = inst.children()[0]!;
    kid.complete(kid.tasks()[0]!.id, {}, clerk);
    expect(inst.outcome).toBe('YES');
  });

  it('a ladder route reads where the case was resolved', () => {
    const def = processWith('routes-ladder', 'l', {
      l: { kind: 'escalation', title: t('阶梯', 'ladder'), saveAs: 'h', exhausted: 'no',
        rungs: [{ id: 'v', level: 'village', title: t('村', 'village'), start: 'v1', steps: { v1: note('v2'), v2: end('resolved') } }],
        next: [{ when: "data.h.resolvedAt == 'v'", to: 'yes' }, { to: 'no' }] },
      yes: end('YES'), no: end('NO'),
    });
    const inst = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator }).start(def, { actor: clerk });
    inst.complete(inst.tasks()[0]!.id, {}, clerk);
    expect(inst.outcome).toBe('YES');
  });
});

describe('ID-number functions', () => {
  const fns = engineFunctions(WEEKENDS_ONLY, VILLAGE);
  it('birthDateOf and ageOn follow the anniversary rule (村民委员会组织法 Art 13: 年满十八周岁)', () => {
    expect(evaluate("birthDateOf('110101200905280072')", {}, { functions: fns })).toBe('2009-05-28');
    expect(evaluate("ageOn('110101200905280072', '2027-05-28')", {}, { functions: fns })).toBe(18);
    expect(evaluate("ageOn('110101200905290182', '2027-05-28')", {}, { functions: fns })).toBe(17);
    expect(evaluate("birthDateOf('not an id')", {}, { functions: fns })).toBe(null);
  });
  it('instant arithmetic: a report within 1 hour of the assessment', () => {
    const scope = { a: '2027-07-10T10:05:00+08:00', b: '2027-07-10T11:40:00+08:00' };
    expect(evaluate('addHours(a, 1)', scope, { functions: fns })).toBe('2027-07-10T11:05:00+08:00');
    expect(evaluate('minutesBetween(a, b)', scope, { functions: fns })).toBe(95);
    expect(evaluate('isBefore(b, addHours(a, 1))', scope, { functions: fns })).toBe(false);
    expect(evaluate("isBefore('2027-07-10T00:30:00Z', '2027-07-10T09:00:00+08:00')", scope, { functions: fns })).toBe(true);
  });
});

describe('notifications to a named person', () => {
  it('carries the person in the effect but not in the history', () => {
    const def = processWith('notify-person', 'a', {
      a: { kind: 'task', title: t('告知', 'inform'), form: 'note', assignee: { role: 'CLERK' },
        next: [{ to: 'done', notify: [{ role: 'VOTER', person: 'data.candidate', message: t('未通过资格联审', 'not cleared by the joint vetting') }] }] },
      done: end('DONE'),
    });
    const inst = createTestHost({ now: '2027-01-04T09:00:00+08:00', validator }).start(def, { actor: clerk, input: { candidate: '110101197506150022' } });
    inst.complete(inst.tasks()[0]!.id, {}, clerk);
    expect(inst.effects().find((e) => e.type === 'notify')).toMatchObject({ role: 'VOTER', person: '110101197506150022' });
    const notified = inst.history().filter((e) => e.type === 'notified');
    expect(notified).toHaveLength(1);
    expect(JSON.stringify(notified)).not.toContain('110101197506150022');
  });
});
