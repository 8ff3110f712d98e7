import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { REPO_ROOT } from '../support/referenceFiles.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Fields of a JSON Schema, counted through nested objects and array items. */
function fieldCount(schema: unknown): number {
  if (!schema || typeof schema !== 'object') return 0;
  const s = schema as { properties?: Record<string, unknown>; items?: unknown };
  let n = 0;
  for (const p of Object.values(s.properties ?? {})) n += 1 + fieldCount(p);
  return n + fieldCount(s.items);
}

/** The example form with the most fields (examples/<folder>/*.json), and where it comes from. */
export function largestExampleForm(): { source: string; formId: string; fields: number; form: FormDefinition } {
  let best: { source: string; formId: string; fields: number; form: FormDefinition } | undefined;
  const root = join(REPO_ROOT, 'examples');
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'node_modules') continue;
    for (const file of readdirSync(join(root, folder.name)).filter((f) => f.endsWith('.json'))) {
      const def = JSON.parse(readFileSync(join(root, folder.name, file), 'utf8')) as ProcessDefinition;
      for (const [formId, form] of Object.entries(def.forms ?? {})) {
        const fields = fieldCount(form.schema);
        if (!best || fields > best.fields) best = { source: `examples/${folder.name}/${file}`, formId, fields, form };
      }
    }
  }
  if (!best) throw new Error('no example form found under examples/');
  return best;
}

/** A one-task process whose task fills the largest example form (so the task page renders exactly that form). */
export function largestFormDefinition(): { definition: ProcessDefinition; source: string; formId: string; fields: number } {
  const largest = largestExampleForm();
  return {
    ...largest,
    definition: {
      schemaVersion: 1, id: 'bench-largest-form', version: 1, title: t('最大示例表单（基准测试）', 'largest example form (benchmark)'),
      roles: { BENCH_CLERK: { title: t('村干部', 'village clerk') } },
      forms: { [largest.formId]: largest.form },
      start: 'fill',
      steps: {
        fill: { kind: 'task', title: largest.form.title, form: largest.formId, assignee: { role: 'BENCH_CLERK' }, next: 'done' },
        done: { kind: 'end', outcome: 'DONE', title: t('完成', 'done') },
      },
    },
  };
}

/**
 * A valid 300-step process for the diagram page: a chain of tasks where every tenth step is a
 * decision that may skip the next task, ending in one end step.
 */
export function largeDefinition(steps = 300): ProcessDefinition {
  const id = (i: number) => `s${String(i).padStart(3, '0')}`;
  const all: Record<string, StepDefinition> = {};
  for (let i = 1; i < steps; i++) {
    const next = i + 1 < steps ? id(i + 1) : id(steps);
    if (i % 10 === 0) {
      all[id(i)] = { kind: 'decision', title: t(`第${i}步：是否跳过下一步`, `step ${i}: skip the next?`), next: [{ when: `data.${id(i - 1)}.ok == true`, to: next }, { to: i + 2 < steps ? id(i + 2) : id(steps) }] };
    } else {
      all[id(i)] = { kind: 'task', title: t(`第${i}步`, `step ${i}`), form: 'check', assignee: { role: 'BENCH_CLERK' }, next };
    }
  }
  all[id(steps)] = { kind: 'end', outcome: 'DONE', title: t('完成', 'done') };
  return {
    schemaVersion: 1, id: 'bench-300-steps', version: 1, title: t('三百步流程（基准测试）', '300-step process (benchmark)'),
    roles: { BENCH_CLERK: { title: t('村干部', 'village clerk') } },
    forms: { check: { title: t('核对', 'check'), schema: { type: 'object', properties: { ok: { type: 'boolean', title: '通过' } } } } },
    start: id(1), steps: all,
  };
}
