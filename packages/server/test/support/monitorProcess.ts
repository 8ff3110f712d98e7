import type { ProcessDefinition } from '@civicflow/engine';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The legal basis the check's deadline carries. */
export const SLA_BASIS = t('内部时限：核查四小时内完成', 'internal limit: check within four hours');

/**
 * A small process with one time limit, for the monitor's tests: a planned one-hour wait for the
 * papers (a wait is no breach), then an on-site check by the village mediator with a four-hour
 * deadline that only marks the task overdue when it runs out (the task stays open).
 */
export const SLA_PROCESS: ProcessDefinition = {
  schemaVersion: 1, id: 'monitor-sla', version: 1, title: t('网格事件核查', 'grid event check'),
  roles: { V_MED: { title: t('村调解员', 'village mediator') } },
  forms: { f: { title: t('核查记录', 'check record'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'pause',
  steps: {
    pause: { kind: 'wait', title: t('等待材料', 'waiting for papers'), duration: { hours: 1 }, basis: t('材料补正一小时', 'one hour to complete the papers'), next: 'check' },
    check: {
      kind: 'task', title: t('现场核查', 'on-site check'), form: 'f', assignee: { role: 'V_MED' },
      deadline: { duration: { hours: 4 }, basis: SLA_BASIS }, next: 'done',
    },
    done: { kind: 'end', outcome: 'DONE', title: t('核查完毕', 'checked') },
  },
};
