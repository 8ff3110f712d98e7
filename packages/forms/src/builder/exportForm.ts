import { FORMAT_OF_FIELD_TYPE } from './fieldFormats.js';
import { geoValueSchema } from './geoSchema.js';
import { jsonTypeOfField } from './jsonTypeOfField.js';
import type {
  Choice,
  FieldCondition,
  FieldConstraint,
  FormField,
  FormModel,
  FormSchemas,
  FormSection,
  ListItems,
  RuleEffect,
  ValidationRule,
} from './model.js';
import { FIELD_CONSTRAINT_KEYS } from './model.js';

type Json = Record<string, unknown>;

/** Sets `obj[key] = value` unless `value` is undefined (keeps key order deterministic). */
function put(obj: Json, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
}

function choiceKeywords(choices: readonly Choice[]): Json {
  if (choices.some((c) => c.label !== undefined)) {
    return { oneOf: choices.map((c) => ({ const: c.value, title: c.label ?? String(c.value) })) };
  }
  return { enum: choices.map((c) => c.value) };
}

/** The schema of a field's value, and its uiSchema (undefined when empty). */
export function exportField(field: FormField): { schema: Json; ui: Json | undefined } {
  const schema: Json = { type: jsonTypeOfField(field) };
  put(schema, 'title', field.title);
  put(schema, 'description', field.description);
  put(schema, 'readOnly', field.readOnly);
  const ui: Json = {};
  put(ui, 'ui:widget', field.widget);
  switch (field.type) {
    case 'text':
    case 'textarea':
      put(schema, 'minLength', field.options.minLength);
      put(schema, 'maxLength', field.options.maxLength);
      put(schema, 'pattern', field.options.pattern);
      break;
    case 'integer':
    case 'number':
      for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const) {
        put(schema, key, field.options[key]);
      }
      break;
    case 'money':
      schema['minimum'] = 0;
      put(schema, 'maximum', field.options.maximum);
      schema['multipleOf'] = 0.01;
      break;
    case 'date':
    case 'idCard':
    case 'uscc':
    case 'mobile':
    case 'phone':
    case 'adminCode':
      schema['format'] = FORMAT_OF_FIELD_TYPE[field.type];
      if (field.type === 'idCard' && field.options.minAge) {
        schema['x-cn-min-age'] = { age: field.options.minAge.age, on: field.options.minAge.on };
      }
      break;
    case 'datetime':
      schema['format'] = 'date-time';
      put(schema, 'pattern', field.options.pattern);
      break;
    case 'select':
      Object.assign(schema, choiceKeywords(field.options.choices));
      break;
    case 'multiselect': {
      const items: Json = { type: field.options.valueType };
      put(items, 'title', field.options.itemTitle);
      Object.assign(items, choiceKeywords(field.options.choices));
      if (field.options.uniqueItems) schema['uniqueItems'] = true;
      put(schema, 'minItems', field.options.minItems);
      put(schema, 'maxItems', field.options.maxItems);
      schema['items'] = items;
      break;
    }
    case 'boolean':
      if (field.options.mustBeTrue) schema['const'] = true;
      break;
    case 'file':
    case 'photo':
      schema['format'] = 'cf-attachment';
      put(schema, 'x-cf-accept', field.options.accept ? [...field.options.accept] : undefined);
      break;
    case 'signature':
      schema['format'] = 'cf-attachment';
      schema['x-cf-signature'] = true;
      break;
    case 'geo':
      Object.assign(schema, geoValueSchema());
      break;
    case 'computed':
      schema['readOnly'] = true;
      schema['x-cf-compute'] = field.options.expression;
      break;
    case 'group': {
      const out = exportSection(field.section);
      Object.assign(schema, out.schema);
      Object.assign(ui, out.ui);
      break;
    }
    case 'list': {
      put(schema, 'minItems', field.options.minItems);
      put(schema, 'maxItems', field.options.maxItems);
      if (field.options.uniqueItems !== undefined) schema['uniqueItems'] = field.options.uniqueItems;
      const out = exportListItems(field.items);
      schema['items'] = out.schema;
      if (out.ui) ui['items'] = out.ui;
      break;
    }
  }
  return { schema, ui: Object.keys(ui).length ? ui : undefined };
}

function exportListItems(items: ListItems): { schema: Json; ui: Json | undefined } {
  if (items.kind === 'value') return exportField(items.field);
  const schema: Json = { type: 'object' };
  put(schema, 'title', items.title);
  put(schema, 'description', items.description);
  const out = exportSection(items.section);
  Object.assign(schema, out.schema);
  return { schema, ui: Object.keys(out.ui).length ? out.ui : undefined };
}

function conditionIf(condition: FieldCondition, typed: boolean): Json {
  const test = 'equals' in condition ? { const: condition.equals } : { enum: [...condition.in] };
  const out: Json = typed ? { type: 'object' } : {};
  out['properties'] = { [condition.field]: test };
  if (!condition.includeMissing) out['required'] = [condition.field];
  return out;
}

function constraintSchema(type: string, constraint: FieldConstraint): Json {
  const out: Json = { type };
  for (const key of FIELD_CONSTRAINT_KEYS) put(out, key, constraint[key]);
  return out;
}

function ruleEffect(effect: RuleEffect, fields: readonly FormField[]): Json {
  const out: Json = { type: 'object' };
  if (effect.require.length) out['required'] = [...effect.require];
  const keys = Object.keys(effect.constrain);
  if (keys.length) {
    const properties: Json = {};
    for (const key of keys) {
      const target = fields.find((f) => f.id === key);
      const constraint = effect.constrain[key];
      if (target && constraint) properties[key] = constraintSchema(jsonTypeOfField(target), constraint);
    }
    out['properties'] = properties;
  }
  return out;
}

function exportRule(rule: ValidationRule, fields: readonly FormField[]): Json {
  const out: Json = { if: conditionIf(rule.when, true), then: ruleEffect(rule.then, fields) };
  if (rule.otherwise) out['else'] = ruleEffect(rule.otherwise, fields);
  return out;
}

/**
 * The keywords of an object of fields: `properties` (unconditional fields in model order),
 * `required`, `additionalProperties: false` when closed, and `allOf` (one `if`/`then` per
 * conditional field in model order, then the validation rules). `ui:order` is written only when
 * a conditional field comes before an unconditional one (otherwise the order is implied).
 */
export function exportSection(section: FormSection): { schema: Json; ui: Json } {
  const properties: Json = {};
  const required: string[] = [];
  const allOf: Json[] = [];
  const ui: Json = {};
  for (const field of section.fields) {
    const out = exportField(field);
    if (out.ui) ui[field.id] = out.ui;
    if (field.condition) {
      const then: Json = { properties: { [field.id]: out.schema } };
      if (field.required) then['required'] = [field.id];
      allOf.push({ if: conditionIf(field.condition, false), then });
    } else {
      properties[field.id] = out.schema;
      if (field.required) required.push(field.id);
    }
  }
  for (const rule of section.rules) allOf.push(exportRule(rule, section.fields));
  const schema: Json = { properties };
  if (required.length) schema['required'] = required;
  if (section.closed) schema['additionalProperties'] = false;
  if (allOf.length) schema['allOf'] = allOf;
  const ids = section.fields.map((f) => f.id);
  const implied = [...section.fields.filter((f) => !f.condition), ...section.fields.filter((f) => f.condition)].map((f) => f.id);
  if (ids.some((id, i) => id !== implied[i])) ui['ui:order'] = ids;
  return { schema, ui };
}

/**
 * Writes a model as the JSON Schema (draft 2020-12) + uiSchema of FIELDS.md. Deterministic: the
 * same model always gives the same JSON text. The uiSchema is `{}` when no field needs one.
 */
export function exportForm(model: FormModel): FormSchemas {
  const out = exportSection(model.root);
  return { schema: { type: 'object', ...out.schema }, uiSchema: out.ui };
}
