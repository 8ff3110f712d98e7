import type { ProcessDefinition } from '../../src/index.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A small request → review → decision process with a deadline, used by runtime tests. */
export function reviewProcess(overrides: Partial<ProcessDefinition> = {}): ProcessDefinition {
  return {
    schemaVersion: 1,
    id: 'small-review',
    version: 1,
    title: t('小审批', 'small review'),
    roles: { CLERK: { title: t('办事员', 'clerk') }, HEAD: { title: t('负责人', 'head') } },
    forms: {
      request: { title: t('申请', 'request'), schema: { type: 'object', properties: { amount: { type: 'integer' }, reason: { type: 'string' } }, required: ['amount', 'reason'] } },
      decision: { title: t('决定', 'decision'), schema: { type: 'object', properties: { approve: { type: 'boolean' } }, required: ['approve'] } },
    },
    config: { limit: { value: 1000, tag: 'Loc' }, statutory_days: { value: 5, tag: 'L', basis: t('某法第五条', 'some act art 5') } },
    data: { schema: { type: 'object', properties: { applicant: { type: 'string' } } } },
    start: 'submit',
    steps: {
      submit: {
        kind: 'task', title: t('提交申请', 'submit the request'), form: 'request', assignee: { role: 'CLERK' },
        checks: [{ assert: 'form.amount > 0', message: t('金额必须大于 0', 'the amount must be positive'), pointer: '/amount' }],
        next: [{ when: 'form.amount <= config.limit', to: 'approve', set: { small: 'true' } }, { to: 'headReview' }],
      },
      headReview: {
        kind: 'task', title: t('负责人审核', 'head review'), form: 'decision', assignee: { role: 'HEAD', level: 'town' },
        deadline: {
          duration: { workingDays: 3 }, basis: t('内部时限', 'internal SLA'),
          onExpiry: { notify: [{ role: 'HEAD', level: 'county', message: t('审核超期', 'review overdue') }], extendOnce: { workingDays: 2 }, goto: 'timedOut' },
        },
        next: [{ when: 'form.approve', to: 'approve' }, { to: 'rejected' }],
      },
      approve: { kind: 'end', outcome: 'APPROVED', title: t('已批准', 'approved') },
      rejected: { kind: 'end', outcome: 'REJECTED', title: t('不予批准', 'rejected') },
      timedOut: { kind: 'end', outcome: 'TIMED_OUT', title: t('超期', 'timed out') },
    },
    ...overrides,
  };
}
