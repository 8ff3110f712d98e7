import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';

// A small definition with every shape the composer edits: a task with a deadline that routes on
// expiry, a guarded decision, a joint review with all three outcomes, a vote that loops on an
// invalid ballot, a parallel step with two branches, and a two-rung ladder with a rung deadline.

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const basis = t('测试依据', 'test basis');
const majority = { ratio: '1/2', strict: true };

/** Deep-freezes a value, so that a test fails loudly if a command edits the draft in place. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The fixture (a fresh copy each call). */
export function composerFixture(): ProcessDefinition {
  return {
    schemaVersion: 1,
    id: 'composer-fixture',
    version: 1,
    title: t('组合测试', 'composer fixture'),
    roles: { CLERK: { title: t('办事员', 'clerk') }, DEPT: { title: t('部门', 'department') } },
    forms: {
      intake: { title: t('登记', 'intake'), schema: { type: 'object', properties: { urgent: { type: 'boolean', title: '紧急' }, note: { type: 'string', title: '备注' } } } },
      review: { title: t('审查', 'review'), schema: { type: 'object', required: ['decision'], properties: { decision: { type: 'string', enum: ['PASS', 'FLAG'] } } } },
      tally: { title: t('计票', 'tally'), schema: { type: 'object', properties: { yes: { type: 'integer' } } } },
    },
    start: 'intake',
    steps: {
      intake: {
        kind: 'task', title: t('登记', 'intake'), form: 'intake', assignee: { role: 'CLERK' },
        deadline: { duration: { workingDays: 3 }, basis, onExpiry: { goto: 'closeLate' } },
        next: 'route',
      },
      route: { kind: 'decision', title: t('分流', 'route'), next: [{ when: 'data.intake.urgent == true', to: 'parallelWork' }, { to: 'review' }] },
      review: {
        kind: 'jointReview', title: t('联审', 'review'), form: 'review',
        reviewers: [{ id: 'a', title: t('甲', 'A') }, { id: 'b', title: t('乙', 'B') }], assignee: { role: 'DEPT' },
        decisionField: 'decision', approveValues: ['PASS'], rejectValues: ['FLAG'], join: { rule: 'all' },
        deadline: { duration: { days: 5 }, basis },
        next: { approved: 'vote', rejected: 'closeLate', overdue: 'closeLate' },
      },
      vote: {
        kind: 'vote', title: t('表决', 'vote'), mode: 'resolution', form: 'tally', assignee: { role: 'CLERK' },
        resolution: { dimensions: ['persons'], quorum: [{ dimension: 'persons', threshold: majority }], pass: [{ dimension: 'persons', threshold: majority, base: 'participating' }] },
        next: { result: 'ladder', invalid: 'vote' },
      },
      parallelWork: {
        kind: 'parallel', title: t('并行', 'parallel'), join: 'all',
        branches: [
          {
            id: 'left', title: t('左', 'left'), start: 'leftTask',
            steps: {
              leftTask: { kind: 'task', title: t('左任务', 'left task'), form: 'intake', assignee: { role: 'CLERK' }, next: 'leftDone' },
              leftDone: { kind: 'end', title: t('左完成', 'left done'), outcome: 'done' },
            },
          },
          { id: 'right', title: t('右', 'right'), start: 'rightDone', steps: { rightDone: { kind: 'end', title: t('右完成', 'right done'), outcome: 'done' } } },
        ],
        next: 'ladder',
      },
      ladder: {
        kind: 'escalation', title: t('逐级', 'ladder'),
        rungs: [
          {
            id: 'village', title: t('村', 'village'), level: 'village', start: 'vTask',
            steps: {
              vTask: { kind: 'task', title: t('村办理', 'village task'), form: 'intake', assignee: { role: 'CLERK' }, next: [{ when: "form.note == 'up'", to: 'vUp' }, { to: 'vDone' }] },
              vDone: { kind: 'end', title: t('化解', 'resolved'), outcome: 'resolved' },
              vUp: { kind: 'end', title: t('上交', 'up'), outcome: 'escalate' },
            },
            deadline: { duration: { days: 30 }, basis, onExpiry: { goto: '$escalate' } },
          },
          { id: 'town', title: t('镇', 'town'), level: 'town', start: 'tDone', steps: { tDone: { kind: 'end', title: t('化解', 'resolved'), outcome: 'resolved' } } },
        ],
        next: 'done', exhausted: 'closeLate',
      },
      done: { kind: 'end', title: t('办结', 'done'), outcome: 'DONE' },
      closeLate: { kind: 'end', title: t('逾期关闭', 'closed late'), outcome: 'LATE' },
    },
  };
}
