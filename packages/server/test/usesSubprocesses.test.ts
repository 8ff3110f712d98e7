import { describe, expect, it } from 'vitest';
import type { ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { usesSubprocesses } from '../src/effects/usesSubprocesses.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const task: StepDefinition = { kind: 'task', title: t('task'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' };
const sub: StepDefinition = { kind: 'subprocess', title: t('sub'), definitionId: 'child', next: 'done' } as unknown as StepDefinition;
const definition = (steps: Record<string, StepDefinition>) => ({ steps } as unknown as ProcessDefinition);

describe('usesSubprocesses', () => {
  it('finds a subprocess step at the top, in a parallel branch and in a ladder rung, and none where there is none', () => {
    expect(usesSubprocesses(definition({ a: task }))).toBe(false);
    expect(usesSubprocesses(definition({ a: task, s: sub }))).toBe(true);
    const parallel = { kind: 'parallel', branches: [{ id: 'b1', start: 'a', steps: { a: task } }, { id: 'b2', start: 's', steps: { s: sub } }], next: 'done' } as unknown as StepDefinition;
    expect(usesSubprocesses(definition({ p: parallel }))).toBe(true);
    const ladder = { kind: 'escalation', title: t('ladder'), rungs: [{ id: 'village', title: t('v'), level: 'village', start: 's', steps: { s: sub } }], next: 'done', exhausted: 'done' } as unknown as StepDefinition;
    expect(usesSubprocesses(definition({ l: ladder }))).toBe(true);
    const plainParallel = { kind: 'parallel', branches: [{ id: 'b1', start: 'a', steps: { a: task } }], next: 'done' } as unknown as StepDefinition;
    expect(usesSubprocesses(definition({ p: plainParallel }))).toBe(false);
  });
});
