import type { ProcessDefinition, StepDefinition } from '../../src/index.js';

export const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A one-role definition wrapping the given steps, for focused step-kind tests. */
export function processWith(id: string, start: string, steps: Record<string, StepDefinition>, extra: Partial<ProcessDefinition> = {}): ProcessDefinition {
  return {
    schemaVersion: 1,
    id,
    version: 1,
    title: t(id, id),
    roles: {
      CLERK: { title: t('办事员', 'clerk') },
      REVIEWER: { title: t('审查单位', 'reviewing department') },
      LEAD: { title: t('牵头单位', 'lead') },
      TELLER: { title: t('计票人', 'teller') },
      VOTER: { title: t('选民', 'voter') },
      MEDIATOR: { title: t('调解员', 'mediator') },
    },
    forms: {
      note: { title: t('记录', 'note'), schema: { type: 'object', properties: { text: { type: 'string' }, result: { type: 'string' } } } },
      review: { title: t('审查意见', 'review'), schema: { type: 'object', properties: { conclusion: { type: 'string' }, facts: { type: 'string' } }, required: ['conclusion'] } },
      tally: { title: t('计票', 'tally'), schema: { type: 'object', properties: { issued: { type: 'integer' }, returned: { type: 'integer' }, voters: { type: 'integer' }, posts: { type: 'array' }, ballotsCast: { type: 'integer' }, dimensions: { type: 'object' } } } },
      objection: { title: t('异议', 'objection'), schema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } },
      decide: { title: t('处理决定', 'decision'), schema: { type: 'object', properties: { decision: { type: 'string' } }, required: ['decision'] } },
    },
    start,
    steps,
    ...extra,
  };
}

export const end = (outcome: string): StepDefinition => ({ kind: 'end', outcome, title: t(outcome, outcome) });
