import { describe, expect, it } from 'vitest';
import type { JointReviewStep } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { actor, COUNTY, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const depts = ['gongan', 'fayuan', 'jiwei', 'minzheng', 'sifa'];
const dept = (code: string) => actor(`u-${code}`, ['REVIEWER'], `${COUNTY}/dept:${code}`);
const clerk = actor('u-clerk', ['CLERK'], VILLAGE);

function review(overrides: Partial<JointReviewStep> = {}) {
  const step: JointReviewStep = {
    kind: 'jointReview', title: t('资格联审', 'joint vetting'), form: 'review',
    reviewers: depts.map((d) => ({ id: d, title: t(d, d), unit: `dept:${d}` })),
    assignee: { role: 'REVIEWER', orgUnit: "unit('county') + '/' + reviewer.unit" },
    decisionField: 'conclusion', approveValues: ['PASS'], rejectValues: ['FLAG'], pendingValues: ['NEED_VERIFY'],
    join: { rule: 'all' },
    saveAs: 'vetting',
    next: { approved: 'cleared', rejected: 'groupReview', overdue: 'groupReview' },
    ...overrides,
  };
  return processWith('jr-test', 'vet', {
    vet: step,
    groupReview: { kind: 'task', title: t('联审小组复核', 'group review'), form: 'note', assignee: { role: 'LEAD', level: 'county' }, next: 'disqualified' },
    cleared: end('CLEARED'),
    disqualified: end('DISQUALIFIED'),
  });
}

function run(overrides: Partial<JointReviewStep> = {}) {
  const host = createTestHost({ now: '2027-04-01T09:00:00+08:00', validator });
  const inst = host.start(review(overrides), { actor: clerk });
  const taskOf = (code: string) => inst.tasks(dept(code))[0]!;
  const answer = (code: string, conclusion: string) => inst.complete(taskOf(code).id, { conclusion }, dept(code));
  return { host, inst, taskOf, answer };
}

describe('jointReview (资格联审 / 会签)', () => {
  it('opens one task per department, each only visible to that department', () => {
    const { inst } = run();
    expect(inst.tasks()).toHaveLength(5);
    for (const d of depts) {
      const mine = inst.tasks(dept(d));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.assignee.orgUnit).toBe(`${COUNTY}/dept:${d}`);
    }
  });

  it('join all: every PASS clears, and the result records who decided what and when', () => {
    const { inst, answer } = run();
    for (const d of depts) answer(d, 'PASS');
    expect(inst.outcome).toBe('CLEARED');
    const vetting = inst.data['vetting'] as { outcome: string; reviewers: { id: string; decision: string; by: string; at: string }[] };
    expect(vetting.outcome).toBe('approved');
    expect(vetting.reviewers.map((r) => [r.id, r.decision, r.by])).toEqual(depts.map((d) => [d, 'PASS', `u-${d}`]));
    expect(vetting.reviewers[0]!.at).toBe('2027-04-01T09:00:00+08:00');
  });

  it('stores only what the definition and the open tasks cannot give back (snapshot format 3)', () => {
    const { inst, taskOf } = run();
    // Five open tasks say who is waiting: no review state, and task records without id, step, title, form or default match.
    expect(inst.snapshot.context.steps).not.toHaveProperty('vet');
    const [id, record] = Object.entries(inst.snapshot.context.tasks).find(([, r]) => r.meta?.['reviewer'] === 'gongan')!;
    expect(id).toMatch(/^vet:\d+$/);
    expect(record).toEqual({ assignee: { role: 'REVIEWER', orgUnit: `${COUNTY}/dept:gongan` }, createdAt: '2027-04-01T09:00:00+08:00', role: 'reviewer', meta: { reviewer: 'gongan' } });
    // The view joins the definition.
    expect(taskOf('gongan')).toMatchObject({ id, stepId: 'vet', title: { 'zh-CN': '资格联审', en: 'joint vetting' }, assignee: { match: 'exact' }, meta: { reviewerTitle: { 'zh-CN': 'gongan', en: 'gongan' } } });
    inst.complete(id, { conclusion: 'PASS', facts: '无违法记录' }, dept('gongan'));
    // The one answer is kept, its basis without the decision field; the waiting reviewers are not.
    expect(inst.snapshot.context.steps['vet']).toEqual({
      reviewers: [{ id: 'gongan', status: 'approved', decision: 'PASS', by: 'u-gongan', at: '2027-04-01T09:00:00+08:00', basis: { facts: '无违法记录' } }],
    });
    for (const d of depts.slice(1)) inst.complete(taskOf(d).id, { conclusion: 'PASS' }, dept(d));
    // The result: who decided what, when and on which basis; not the rule, veto or titles (the definition's).
    expect(inst.data['vetting']).toEqual({
      outcome: 'approved', decidedAt: '2027-04-01T09:00:00+08:00',
      reviewers: [
        { id: 'gongan', status: 'approved', decision: 'PASS', by: 'u-gongan', at: '2027-04-01T09:00:00+08:00', basis: { facts: '无违法记录' } },
        ...depts.slice(1).map((d) => ({ id: d, status: 'approved', decision: 'PASS', by: `u-${d}`, at: '2027-04-01T09:00:00+08:00' })),
      ],
    });
    expect(inst.snapshot.context.steps).not.toHaveProperty('vet');
  });

  it('join all without veto waits for every answer, then one FLAG rejects (一票否决 at aggregation)', () => {
    const { inst, answer } = run();
    answer('fayuan', 'FLAG');
    expect(inst.status).toBe('active');
    expect(inst.tasks()).toHaveLength(4);
    for (const d of depts.filter((x) => x !== 'fayuan')) answer(d, 'PASS');
    expect(inst.tasks()[0]!.stepId).toBe('groupReview');
  });

  it('veto: one rejection decides at once and closes the other tasks', () => {
    const { inst, answer } = run({ veto: true });
    answer('gongan', 'PASS');
    answer('fayuan', 'FLAG');
    expect(inst.tasks().map((x) => x.stepId)).toEqual(['groupReview']);
    const closed = inst.effects().filter((e) => e.type === 'task.close' && e.reason === 'cancelled');
    expect(closed).toHaveLength(3);
  });

  it('quorum k of n approves as soon as k approve; fails when k is out of reach', () => {
    const a = run({ join: { rule: 'quorum', count: 3 } });
    a.answer('gongan', 'PASS'); a.answer('fayuan', 'PASS');
    expect(a.inst.status).toBe('active');
    a.answer('jiwei', 'PASS');
    expect(a.inst.outcome).toBe('CLEARED');
    const b = run({ join: { rule: 'quorum', ratio: '2/3' } }); // ceil(5 × 2/3) = 4
    b.answer('gongan', 'FLAG'); b.answer('fayuan', 'FLAG');
    expect(b.inst.status).toBe('active'); // out of reach, but without veto every answer is awaited
    b.answer('jiwei', 'PASS'); b.answer('minzheng', 'PASS'); b.answer('sifa', 'PASS');
    expect(b.inst.tasks()[0]!.stepId).toBe('groupReview');
  });

  it('join any approves on the first approval', () => {
    const { inst, answer } = run({ join: { rule: 'any' } });
    answer('sifa', 'PASS');
    expect(inst.outcome).toBe('CLEARED');
  });

  it('NEED_VERIFY keeps a follow-up task for the department, and its later answer counts', () => {
    const { inst, answer, taskOf } = run({
      pendingDeadline: { duration: { workingDays: 5 }, basis: t('核实期限', 'verification period') },
    });
    answer('gongan', 'NEED_VERIFY');
    const follow = taskOf('gongan');
    expect(follow.meta['followUp']).toBe(true);
    expect(follow.dueAt).toBe('2027-04-09T00:00:00+08:00'); // Thu 04-01 + 5 working days (清明 04-05 is not in WEEKENDS_ONLY)
    for (const d of depts.filter((x) => x !== 'gongan')) answer(d, 'PASS');
    expect(inst.status).toBe('active');
    answer('gongan', 'PASS');
    const vetting = inst.data['vetting'] as { reviewers: { id: string; earlier?: { decision: string }[] }[] };
    expect(vetting.reviewers[0]!.earlier?.[0]?.decision).toBe('NEED_VERIFY');
    expect(inst.outcome).toBe('CLEARED');
  });

  it('a silent department is reminded (督办), extended once, then the review goes to the vetting group', () => {
    const { host, inst, answer } = run({
      deadline: {
        duration: { workingDays: 5 }, basis: t('联审答复期限', 'vetting reply period'),
        onExpiry: { notify: [{ role: 'LEAD', level: 'county', message: t('联审超期', 'vetting reply overdue') }], extendOnce: { workingDays: 5 } },
      },
    });
    for (const d of depts.filter((x) => x !== 'gongan')) answer(d, 'PASS');
    host.advance('2027-04-08T00:00:00+08:00');
    expect(inst.tasks()[0]!.overdue).toBe(false);
    host.advance('2027-04-09T00:00:00+08:00');
    const [late] = inst.tasks();
    expect(late!.overdue).toBe(true);
    expect(late!.dueAt).toBe('2027-04-16T00:00:00+08:00');
    expect(inst.effects().filter((e) => e.type === 'notify')).toHaveLength(1);
    host.advance('2027-04-16T00:00:00+08:00');
    expect(inst.tasks()[0]!.stepId).toBe('groupReview');
    expect((inst.data['vetting'] as { outcome: string }).outcome).toBe('overdue');
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });

  it('a person named in a conflict rule cannot act on their own vetting', () => {
    const host = createTestHost({ now: '2027-04-01T09:00:00+08:00', validator });
    const def = review({ conflicts: [{ persons: 'data.candidate', reason: t('候选人不得参与本人审查', 'a candidate may not act on their own vetting') }] });
    const inst = host.start(def, { actor: clerk, input: { candidate: '110101197506150022' } });
    const self = actor('u-gongan-2', ['REVIEWER'], `${COUNTY}/dept:gongan`, { personId: '110101197506150022' });
    expect(() => inst.complete(inst.tasks(self)[0]!.id, { conclusion: 'PASS' }, self)).toThrow(/conflict of interest/);
  });
});
