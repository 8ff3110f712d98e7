import { RULE_FORMATS } from './fieldFormats.js';
import { RESERVED_FIELD_IDS } from './fieldId.js';
import { allowOnlyKeywords, compact, isJsonObject, optCount, optNumber, optString } from './importHelpers.js';
import type { ImportPlace } from './importHelpers.js';
import { childPointer, unsupported } from './importProblem.js';
import { jsonTypeOfField } from './jsonTypeOfField.js';
import type { ConditionValue, FieldCondition, FieldConstraint, FormField, FormSection, RuleEffect, ValidationRule } from './model.js';
import { FIELD_CONSTRAINT_KEYS } from './model.js';

type Json = Record<string, unknown>;

/** Reads one field (supplied by the caller, so field and section readers do not import each other). */
export type FieldReader = (id: string, schema: unknown, ui: unknown, place: ImportPlace) => FormField;

const isConditionValue = (v: unknown): v is ConditionValue =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Reads the `if` of an `allOf` entry: one property compared with `const` or `enum`. */
function readCondition(schema: unknown, pointer: string): FieldCondition {
  const shapeZh = '条件应为 { "properties": { 字段: { "const": 值 } 或 { "enum": [值…] } }, "required": [字段] }';
  const shapeEn = 'a condition must be { "properties": { field: { "const": v } or { "enum": [v…] } }, "required": [field] }';
  if (!isJsonObject(schema)) unsupported(pointer, shapeZh, shapeEn);
  allowOnlyKeywords(schema, ['type', 'properties', 'required'], 'condition (if)', pointer);
  if ('type' in schema && schema['type'] !== 'object') unsupported(childPointer(pointer, 'type'), shapeZh, shapeEn);
  const properties = schema['properties'];
  const keys = isJsonObject(properties) ? Object.keys(properties) : [];
  const [field] = keys;
  if (!isJsonObject(properties) || keys.length !== 1 || field === undefined) {
    unsupported(childPointer(pointer, 'properties'), `${shapeZh}（只能比较一个字段）`, `${shapeEn} (one field only)`);
  }
  const test = properties[field];
  const testAt = childPointer(childPointer(pointer, 'properties'), field);
  const includeMissing = !('required' in schema) ? true : undefined;
  if (!includeMissing) {
    const required = schema['required'];
    if (!Array.isArray(required) || required.length !== 1 || required[0] !== field) {
      unsupported(childPointer(pointer, 'required'), `条件的 "required" 只能是 ["${field}"]`, `the "required" of a condition must be ["${field}"]`);
    }
  }
  if (isJsonObject(test) && Object.keys(test).length === 1 && 'const' in test && isConditionValue(test['const'])) {
    return compact({ field, equals: test['const'], includeMissing });
  }
  if (isJsonObject(test) && Object.keys(test).length === 1 && Array.isArray(test['enum']) && test['enum'].length > 0 && test['enum'].every(isConditionValue)) {
    return compact({ field, in: [...(test['enum'] as ConditionValue[])], includeMissing });
  }
  return unsupported(testAt, `${shapeZh}（比较方式不支持）`, `${shapeEn} (this comparison is not supported)`);
}

function readRequiredList(value: unknown, pointer: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string') || new Set(value).size !== value.length) {
    unsupported(pointer, '"required" 应为不重复的字段名数组', '"required" must be an array of distinct property names');
  }
  return [...value];
}

function readConstraint(schema: unknown, target: FormField, pointer: string): FieldConstraint {
  if (!isJsonObject(schema)) unsupported(pointer, '规则中的字段约束应为对象', 'a field constraint in a rule must be an object');
  allowOnlyKeywords(schema, ['type', ...FIELD_CONSTRAINT_KEYS], 'rule constraint', pointer);
  const type = jsonTypeOfField(target);
  if (schema['type'] !== type) {
    unsupported(childPointer(pointer, 'type'), `规则中的约束类型应与字段 "${target.id}" 的类型 ${type} 一致`, `a rule constraint must have the type of field "${target.id}" (${type})`);
  }
  const format = optString(schema, 'format', pointer);
  if (format !== undefined && !RULE_FORMATS.includes(format)) {
    unsupported(childPointer(pointer, 'format'), `规则不支持格式 ${JSON.stringify(format)}`, `the format ${JSON.stringify(format)} is not supported in a rule`);
  }
  return compact({
    format,
    minLength: optCount(schema, 'minLength', pointer),
    maxLength: optCount(schema, 'maxLength', pointer),
    pattern: optString(schema, 'pattern', pointer),
    minimum: optNumber(schema, 'minimum', pointer),
    maximum: optNumber(schema, 'maximum', pointer),
    exclusiveMinimum: optNumber(schema, 'exclusiveMinimum', pointer),
    exclusiveMaximum: optNumber(schema, 'exclusiveMaximum', pointer),
    multipleOf: optNumber(schema, 'multipleOf', pointer),
    minItems: optCount(schema, 'minItems', pointer),
    maxItems: optCount(schema, 'maxItems', pointer),
  });
}

function readEffect(schema: unknown, fields: readonly FormField[], pointer: string): RuleEffect {
  if (!isJsonObject(schema)) unsupported(pointer, '规则的 then/else 应为对象', 'the then/else of a rule must be an object');
  allowOnlyKeywords(schema, ['type', 'required', 'properties'], 'rule (then/else)', pointer);
  const require = 'required' in schema ? readRequiredList(schema['required'], childPointer(pointer, 'required')) : [];
  require.forEach((id, i) => {
    if (!fields.some((f) => f.id === id)) {
      unsupported(childPointer(childPointer(pointer, 'required'), i), `规则要求的字段 "${id}" 不存在`, `the rule requires field "${id}", which does not exist`);
    }
  });
  const constrain: Record<string, FieldConstraint> = {};
  // (ids are never __proto__/constructor/prototype: importSection refuses those keys)
  const properties = schema['properties'];
  if (properties !== undefined) {
    if (!isJsonObject(properties)) unsupported(childPointer(pointer, 'properties'), '"properties" 应为对象', '"properties" must be an object');
    for (const [id, sub] of Object.entries(properties)) {
      const target = fields.find((f) => f.id === id);
      const at = childPointer(childPointer(pointer, 'properties'), id);
      if (!target) unsupported(at, `规则约束的字段 "${id}" 不存在`, `the rule constrains field "${id}", which does not exist`);
      constrain[id] = readConstraint(sub, target, at);
    }
  }
  return { require, constrain };
}

/** True when an `allOf` entry declares a field of its own (FIELDS.md "shown only when"). */
function declaresConditionalField(entry: Json, baseIds: ReadonlySet<string>): boolean {
  const then = entry['then'];
  const properties = isJsonObject(then) ? then['properties'] : undefined;
  return isJsonObject(properties) && Object.keys(properties).some((id) => !baseIds.has(id));
}

/**
 * Reads an object of fields (the form, a group or a list item): `properties`, `required`,
 * `additionalProperties: false`, and `allOf` entries that are either conditional fields
 * (`then` declares exactly one new field) or validation rules (`then`/`else` require or
 * constrain existing fields). Its uiSchema holds the fields' entries and an optional `ui:order`.
 */
export function importSection(schema: Json, ui: unknown, place: ImportPlace, readField: FieldReader): FormSection {
  const { pointer, uiPointer } = place;
  if (schema['type'] !== 'object') unsupported(childPointer(pointer, 'type'), '分组应为 "type": "object"', 'a section must be "type": "object"');
  const uiObject: Json = ui === undefined ? {} : isJsonObject(ui) ? ui : unsupported(uiPointer, 'uiSchema 项应为对象', 'a uiSchema entry must be an object', 'uiSchema');
  const properties = schema['properties'];
  const propertiesAt = childPointer(pointer, 'properties');
  if (!isJsonObject(properties)) unsupported(propertiesAt, '分组应有 "properties" 对象', 'a section needs a "properties" object');
  for (const id of Object.keys(properties)) {
    if (RESERVED_FIELD_IDS.includes(id)) {
      unsupported(childPointer(propertiesAt, id), `字段名 "${id}" 不允许使用`, `the property name "${id}" is not allowed (it can tamper with object prototypes)`);
    }
  }
  const fields: FormField[] = Object.entries(properties).map(([id, sub]) =>
    readField(id, sub, uiObject[id], { pointer: childPointer(propertiesAt, id), uiPointer: childPointer(uiPointer, id) }),
  );
  const baseIds = new Set(fields.map((f) => f.id));
  if ('required' in schema) {
    const requiredAt = childPointer(pointer, 'required');
    const required = readRequiredList(schema['required'], requiredAt);
    required.forEach((id, i) => {
      if (!baseIds.has(id)) unsupported(childPointer(requiredAt, i), `"required" 中的 "${id}" 不是本分组的字段`, `"required" lists "${id}", which is not a property of this section`);
    });
    if (required.length === 0) unsupported(requiredAt, '空的 "required" 数组（构建器不写空数组）', 'an empty "required" array (the builder leaves it out)');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as FormField;
      if (required.includes(f.id)) fields[i] = { ...f, required: true };
    }
  }
  let closed = false;
  if ('additionalProperties' in schema) {
    if (schema['additionalProperties'] !== false) {
      unsupported(childPointer(pointer, 'additionalProperties'), '只支持 "additionalProperties": false', 'only "additionalProperties": false is supported');
    }
    closed = true;
  }
  const rules: ValidationRule[] = [];
  if ('allOf' in schema) {
    const allOf = schema['allOf'];
    const allOfAt = childPointer(pointer, 'allOf');
    if (!Array.isArray(allOf)) unsupported(allOfAt, '"allOf" 应为数组', '"allOf" must be an array');
    const ruleEntries: [Json, string][] = [];
    allOf.forEach((entry, i) => {
      const at = childPointer(allOfAt, i);
      if (!isJsonObject(entry) || !('if' in entry) || !('then' in entry)) {
        unsupported(at, '"allOf" 中只支持 if/then(/else) 条件', 'only if/then(/else) conditions are supported in "allOf"');
      }
      allowOnlyKeywords(entry, ['if', 'then', 'else'], 'condition', at);
      if (!declaresConditionalField(entry, baseIds)) {
        ruleEntries.push([entry, at]);
        return;
      }
      const then = entry['then'] as Json;
      const thenAt = childPointer(at, 'then');
      allowOnlyKeywords(then, ['properties', 'required'], 'conditional field (then)', thenAt);
      const declared = Object.keys(then['properties'] as Json);
      const [id] = declared;
      if (declared.length !== 1 || id === undefined || 'else' in entry) {
        unsupported(
          at,
          '条件显示的字段应一条条件只声明一个字段，且没有 else',
          'a conditional field is declared alone in the "then" of its own condition, without "else"',
        );
      }
      if (RESERVED_FIELD_IDS.includes(id)) {
        unsupported(childPointer(childPointer(thenAt, 'properties'), id), `字段名 "${id}" 不允许使用`, `the property name "${id}" is not allowed (it can tamper with object prototypes)`);
      }
      if (fields.some((f) => f.id === id)) {
        unsupported(childPointer(childPointer(thenAt, 'properties'), id), `字段 "${id}" 重复声明`, `the field "${id}" is declared twice`);
      }
      const required = 'required' in then ? readRequiredList(then['required'], childPointer(thenAt, 'required')) : [];
      if (required.some((r) => r !== id)) {
        unsupported(childPointer(thenAt, 'required'), `条件显示字段的 "required" 只能是 ["${id}"]`, `the "required" of a conditional field must be ["${id}"]`);
      }
      const condition = readCondition(entry['if'], childPointer(at, 'if'));
      const field = readField(id, (then['properties'] as Json)[id], uiObject[id], {
        pointer: childPointer(childPointer(thenAt, 'properties'), id),
        uiPointer: childPointer(uiPointer, id),
      });
      fields.push({ ...field, required: required.length > 0, condition });
    });
    for (const [entry, at] of ruleEntries) {
      const condition = readCondition(entry['if'], childPointer(at, 'if'));
      const then = readEffect(entry['then'], fields, childPointer(at, 'then'));
      const otherwise = 'else' in entry ? readEffect(entry['else'], fields, childPointer(at, 'else')) : undefined;
      rules.push(compact({ when: condition, then, otherwise }));
    }
  }
  const ids = fields.map((f) => f.id);
  for (const key of Object.keys(uiObject)) {
    if (key !== 'ui:order' && !ids.includes(key)) {
      unsupported(childPointer(uiPointer, key), `uiSchema 的 "${key}" 不是本分组的字段`, `the uiSchema key "${key}" is not a field of this section`, 'uiSchema');
    }
  }
  let ordered = fields;
  if ('ui:order' in uiObject) {
    const order = uiObject['ui:order'];
    const orderAt = childPointer(uiPointer, 'ui:order');
    if (!Array.isArray(order) || order.length !== ids.length || !ids.every((id) => order.includes(id))) {
      unsupported(orderAt, '"ui:order" 应恰好列出本分组的全部字段（不支持 "*"）', '"ui:order" must list exactly the fields of this section (no "*")', 'uiSchema');
    }
    ordered = (order as string[]).map((id) => fields.find((f) => f.id === id) as FormField);
  }
  return { fields: ordered, rules, closed };
}
