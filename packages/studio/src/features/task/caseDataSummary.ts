import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { walkSteps } from '../../definitions/definitionTexts.js';

/** One line of the case data summary. */
export type DataFact =
  | { key: string; label: LocalizedText | string; kind: 'text'; text: string }
  | { key: string; label: LocalizedText | string; kind: 'yesNo'; value: boolean }
  | { key: string; label: LocalizedText | string; kind: 'filled'; count: number };

/**
 * The case's data at a glance, beside the form: one line per top-level field, labelled with the
 * process's own titles (a saved form by its form title, a data field by its schema title).
 * Saved forms and other groups show only how much is filled in — their content (names, ID and
 * phone numbers) belongs to the case page and its forms, not to a summary.
 */
export function caseDataSummary(data: Record<string, unknown>, definition: ProcessDefinition | undefined): DataFact[] {
  const savedForms = new Map<string, LocalizedText>();
  walkSteps(definition, (_id, step) => {
    const saveAs = step['saveAs'];
    const form = typeof step['form'] === 'string' ? definition?.forms[step['form']] : undefined;
    if (typeof saveAs === 'string' && form && !savedForms.has(saveAs)) savedForms.set(saveAs, form.title);
  });
  const schemaProperties = (definition?.data?.schema as { properties?: Record<string, { title?: unknown }> } | undefined)?.properties ?? {};
  const declared = Object.keys(schemaProperties);
  const keys = [...declared.filter((k) => k in data), ...Object.keys(data).filter((k) => !declared.includes(k))];
  const facts: DataFact[] = [];
  for (const key of keys) {
    const value = data[key];
    if (value === null || value === undefined || value === '') continue;
    const title = schemaProperties[key]?.title;
    const label = savedForms.get(key) ?? (typeof title === 'string' && title ? title : key);
    if (typeof value === 'boolean') facts.push({ key, label, kind: 'yesNo', value });
    else if (typeof value === 'string' || typeof value === 'number') facts.push({ key, label, kind: 'text', text: String(value) });
    else if (Array.isArray(value)) facts.push({ key, label, kind: 'filled', count: value.length });
    else if (typeof value === 'object') facts.push({ key, label, kind: 'filled', count: Object.keys(value).length });
  }
  return facts;
}
