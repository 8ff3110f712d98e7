import type { ProcessDefinition } from '@civicflow/engine';

// The processes the reliability suites drive: small, so that the figures measure the server
// (transactions, locks, restarts), not the engine's work on a large case.

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The village mediator's unit in the demo org (src/demo): where v_med's cases run. */
export const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';

/** Three tasks for the village mediator one after another (受理 → 调查 → 结案), then the end. */
export const CHAIN: ProcessDefinition = {
  schemaVersion: 1, id: 'reliability-chain', version: 1, title: t('可靠性：三步调解', 'reliability: three-step mediation'),
  roles: { V_MED: { title: t('调解员', 'mediator') } },
  forms: { note: { title: t('记录', 'note'), schema: { type: 'object', properties: { note: { type: 'string', maxLength: 80 } } } } },
  start: 'intake',
  steps: {
    intake: { kind: 'task', title: t('受理', 'intake'), form: 'note', assignee: { role: 'V_MED' }, next: 'investigate' },
    investigate: { kind: 'task', title: t('调查', 'investigate'), form: 'note', assignee: { role: 'V_MED' }, next: 'close' },
    close: { kind: 'task', title: t('结案', 'close'), form: 'note', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('办结', 'done') },
  },
};

/** The task steps of CHAIN in order. */
export const CHAIN_TASK_STEPS = ['intake', 'investigate', 'close'] as const;

/** An hour's wait (a statutory period in miniature), then a task for the village mediator. */
export const WAIT_HOUR: ProcessDefinition = {
  schemaVersion: 1, id: 'reliability-wait', version: 1, title: t('可靠性：等待一小时', 'reliability: one-hour wait'),
  roles: { V_MED: { title: t('调解员', 'mediator') } },
  forms: { note: { title: t('记录', 'note'), schema: { type: 'object', properties: {} } } },
  start: 'wait',
  steps: {
    wait: { kind: 'wait', duration: { hours: 1 }, basis: t('测试期限', 'test period'), next: 'followUp' },
    followUp: { kind: 'task', title: t('回访', 'follow-up'), form: 'note', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('办结', 'done') },
  },
};
