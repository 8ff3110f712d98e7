import type { FieldCondition, FormSection, RuleEffect, ValidationRule } from './model.js';

/** Where a field of a section is mentioned by the section's conditions and rules. */
export interface FieldReference {
  /** `condition`: the condition of field `by`; `rule`: rule number `rule` (0-based). */
  readonly kind: 'condition' | 'rule';
  readonly by?: string;
  readonly rule?: number;
}

const mentions = (effect: RuleEffect | undefined, id: string): boolean =>
  effect !== undefined && (effect.require.includes(id) || Object.hasOwn(effect.constrain, id));

/** True when `rule` mentions field `id` (its condition, required list or constraints). */
export function ruleMentions(rule: ValidationRule, id: string): boolean {
  return rule.when.field === id || mentions(rule.then, id) || mentions(rule.otherwise, id);
}

/** Every condition and rule of `section` that mentions field `id`. */
export function referencesTo(section: FormSection, id: string): FieldReference[] {
  const refs: FieldReference[] = [];
  for (const field of section.fields) {
    if (field.condition?.field === id && field.id !== id) refs.push({ kind: 'condition', by: field.id });
  }
  section.rules.forEach((rule, i) => {
    if (ruleMentions(rule, id)) refs.push({ kind: 'rule', rule: i });
  });
  return refs;
}

/** Human-readable list of references, in both languages. */
export function describeReferences(refs: readonly FieldReference[]): { zh: string; en: string } {
  const zh = refs.map((r) => (r.kind === 'condition' ? `字段 "${r.by ?? ''}" 的显示条件` : `第 ${(r.rule ?? 0) + 1} 条校验规则`));
  const en = refs.map((r) => (r.kind === 'condition' ? `the condition of field "${r.by ?? ''}"` : `validation rule ${(r.rule ?? 0) + 1}`));
  return { zh: zh.join('、'), en: en.join(', ') };
}

function renameInCondition<C extends FieldCondition>(condition: C, from: string, to: string): C {
  return condition.field === from ? { ...condition, field: to } : condition;
}

function renameInEffect(effect: RuleEffect, from: string, to: string): RuleEffect {
  const constrain = Object.fromEntries(Object.entries(effect.constrain).map(([k, v]) => [k === from ? to : k, v]));
  return { require: effect.require.map((r) => (r === from ? to : r)), constrain };
}

/** The section's conditions and rules with every mention of `from` changed to `to` (fields keep their ids). */
export function renameReferences(section: FormSection, from: string, to: string): FormSection {
  return {
    ...section,
    fields: section.fields.map((f) => (f.condition ? { ...f, condition: renameInCondition(f.condition, from, to) } : f)),
    rules: section.rules.map((rule) => {
      const renamed: ValidationRule = { when: renameInCondition(rule.when, from, to), then: renameInEffect(rule.then, from, to) };
      return rule.otherwise ? { ...renamed, otherwise: renameInEffect(rule.otherwise, from, to) } : renamed;
    }),
  };
}
