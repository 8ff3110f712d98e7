import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { walkSteps } from '../../definitions/definitionTexts.js';

/** One line of what a task's form submitted: a label and either a value or nested lines. */
export type SubmittedField =
  | { key: string; label: string; kind: 'value'; text: string }
  | { key: string; label: string; kind: 'yesNo'; value: boolean }
  | { key: string; label: string; kind: 'group'; fields: SubmittedField[] };

type Schema = Record<string, unknown>;

const MAX_DEPTH = 6;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaAt(schema: unknown): Schema {
  return isObject(schema) ? schema : {};
}

/** A property's schema, looked up in `properties` and in the `then`/`else` of `allOf` entries (conditional fields live there). */
function propertySchema(schema: Schema, key: string): Schema {
  const own = schemaAt(schemaAt(schema['properties'])[key]);
  if (Object.keys(own).length > 0) return own;
  for (const entry of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
    for (const branch of ['then', 'else']) {
      const found = schemaAt(schemaAt(schemaAt(schemaAt(entry)[branch])['properties'])[key]);
      if (typeof found['title'] === 'string' || found['type'] !== undefined) return found;
    }
  }
  return {};
}

/** The label a choice's value has in the schema (`oneOf: [{ const, title }]`), or the value itself. */
function choiceLabel(schema: Schema, value: string | number): string {
  const choices = Array.isArray(schema['oneOf']) ? schema['oneOf'] : Array.isArray(schemaAt(schema['items'])['oneOf']) ? schemaAt(schema['items'])['oneOf'] as unknown[] : [];
  for (const choice of choices) {
    if (isObject(choice) && choice['const'] === value && typeof choice['title'] === 'string') return choice['title'];
  }
  return String(value);
}

function fieldsOf(value: Record<string, unknown>, schema: Schema, depth: number, itemLabel: (index: number) => string): SubmittedField[] {
  const declared = Object.keys(schemaAt(schema['properties']));
  const keys = [...declared.filter((k) => k in value), ...Object.keys(value).filter((k) => !declared.includes(k))];
  const fields: SubmittedField[] = [];
  for (const key of keys) {
    const own = propertySchema(schema, key);
    const label = typeof own['title'] === 'string' && own['title'] ? own['title'] : key;
    const field = fieldOf(key, label, value[key], own, depth, itemLabel);
    if (field) fields.push(field);
  }
  return fields;
}

function fieldOf(key: string, label: string, value: unknown, schema: Schema, depth: number, itemLabel: (index: number) => string): SubmittedField | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return { key, label, kind: 'yesNo', value };
  if (typeof value === 'string' || typeof value === 'number') return { key, label, kind: 'value', text: choiceLabel(schema, value) };
  if (depth >= MAX_DEPTH) return { key, label, kind: 'value', text: '…' };
  if (Array.isArray(value)) {
    const items = schemaAt(schema['items']);
    // A list of plain choices or words reads best on one line.
    if (value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { key, label, kind: 'value', text: value.map((v) => choiceLabel(schema, v as string | number)).join('、') };
    }
    const fields = value.flatMap((item, i) => {
      const field = fieldOf(String(i), itemLabel(i + 1), item, items, depth + 1, itemLabel);
      return field ? [field] : [];
    });
    return { key, label, kind: 'group', fields };
  }
  if (isObject(value)) return { key, label, kind: 'group', fields: fieldsOf(value, schema, depth + 1, itemLabel) };
  return undefined;
}

/**
 * The form a task of `stepId` is filled in with: the step's `form` (task, joint review, vote), or
 * its notice's publication form. Undefined when the step has no single form.
 */
export function formOfStep(definition: ProcessDefinition | undefined, stepId: string): { title: LocalizedText; schema: Schema } | undefined {
  let formId: string | undefined;
  walkSteps(definition, (id, step) => {
    if (id !== stepId || formId !== undefined) return;
    if (typeof step['form'] === 'string') formId = step['form'];
    else if (isObject(step['publish']) && typeof step['publish']['form'] === 'string') formId = step['publish']['form'];
  });
  const form = formId !== undefined ? definition?.forms[formId] : undefined;
  return form ? { title: form.title, schema: form.schema } : undefined;
}

/**
 * What a task's submission said, line by line, labelled with the form's own titles (a choice by
 * its title, e.g. `FLAG 存在不宜情形`), in the form's field order; nested sections and list items
 * as groups. Values arrive from the server already masked for viewers without the PII permission.
 *
 * @example submittedFields({ conclusion: 'FLAG' }, schema, (n) => `第 ${n} 项`) // [{ label: '结论', text: 'FLAG 存在不宜情形', … }]
 */
export function submittedFields(data: unknown, schema: Schema | undefined, itemLabel: (index: number) => string): SubmittedField[] {
  return isObject(data) ? fieldsOf(data, schema ?? {}, 0, itemLabel) : [];
}
