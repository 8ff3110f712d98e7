import { isWidgetAllowed } from './fieldWidgets.js';
import { describePath, refuse } from './formEditError.js';
import { RULE_FORMATS } from './fieldFormats.js';
import { RESERVED_FIELD_IDS } from './fieldId.js';
import type { FieldCondition, FieldPath, FormField, FormModel, FormSection, RuleEffect } from './model.js';
import { BUILDER_FIELD_TYPES, FIELD_CONSTRAINT_KEYS } from './model.js';

/** The option keys each field type has (anything else in `options` is refused). */
const OPTION_KEYS: Readonly<Record<FormField['type'], readonly string[]>> = {
  text: ['minLength', 'maxLength', 'pattern'],
  textarea: ['minLength', 'maxLength', 'pattern'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  money: ['maximum'],
  date: [],
  datetime: ['pattern'],
  select: ['valueType', 'choices'],
  multiselect: ['valueType', 'choices', 'uniqueItems', 'minItems', 'maxItems', 'itemTitle'],
  boolean: ['mustBeTrue'],
  idCard: ['minAge'],
  uscc: [],
  mobile: [],
  phone: [],
  adminCode: [],
  file: ['accept'],
  photo: ['accept'],
  signature: [],
  geo: [],
  computed: ['valueType', 'expression'],
  group: [],
  list: ['minItems', 'maxItems', 'uniqueItems'],
};

const COUNT_OPTIONS = ['minLength', 'maxLength', 'minItems', 'maxItems'];
const NUMBER_OPTIONS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

function invalid(path: FieldPath, zh: string, en: string): never {
  return refuse('CF_BUILDER_INVALID_FIELD', `字段 ${describePath(path)}：${zh}`, `field ${describePath(path)}: ${en}`, path);
}

function checkOptions(field: FormField, path: FieldPath): void {
  const options = field.options as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    if (!OPTION_KEYS[field.type].includes(key)) invalid(path, `「${field.type}」没有选项 "${key}"`, `a ${field.type} field has no option "${key}"`);
    if (value === undefined) continue;
    if (COUNT_OPTIONS.includes(key) && !(Number.isInteger(value) && (value as number) >= 0)) {
      invalid(path, `"${key}" 应为非负整数`, `"${key}" must be a non-negative integer`);
    }
    if (NUMBER_OPTIONS.includes(key) && !(typeof value === 'number' && Number.isFinite(value))) invalid(path, `"${key}" 应为数字`, `"${key}" must be a number`);
    if (key === 'multipleOf' && !((value as number) > 0)) invalid(path, '"multipleOf" 应大于 0', '"multipleOf" must be greater than 0');
    if (key === 'pattern') {
      try {
        new RegExp(String(value), 'u');
      } catch {
        invalid(path, `正则表达式 ${JSON.stringify(value)} 无效`, `the pattern ${JSON.stringify(value)} is not a valid regular expression`);
      }
    }
  }
  switch (field.type) {
    case 'select':
    case 'multiselect': {
      const { valueType, choices } = field.options;
      if (!['string', 'integer', 'number'].includes(valueType)) invalid(path, '选项值类型无效', 'the choice value type is not valid');
      const seen = new Set<unknown>();
      for (const choice of choices) {
        const ok = valueType === 'string' ? typeof choice.value === 'string' : valueType === 'integer' ? Number.isInteger(choice.value) : typeof choice.value === 'number' && Number.isFinite(choice.value);
        if (!ok) refuse('CF_BUILDER_INVALID_CHOICE', `字段 ${describePath(path)}：选项值 ${JSON.stringify(choice.value)} 不是 ${valueType}`, `field ${describePath(path)}: the choice value ${JSON.stringify(choice.value)} is not of type ${valueType}`, path);
        if (seen.has(choice.value)) refuse('CF_BUILDER_INVALID_CHOICE', `字段 ${describePath(path)}：选项值 ${JSON.stringify(choice.value)} 重复`, `field ${describePath(path)}: the choice value ${JSON.stringify(choice.value)} is repeated`, path);
        if (choice.label !== undefined && typeof choice.label !== 'string') invalid(path, '选项标签应为文本', 'a choice label must be text');
        seen.add(choice.value);
      }
      if (field.type === 'multiselect' && typeof field.options.uniqueItems !== 'boolean') invalid(path, '"uniqueItems" 应为 true/false', '"uniqueItems" must be true or false');
      break;
    }
    case 'computed':
      if (!['string', 'number', 'integer', 'boolean'].includes(field.options.valueType)) invalid(path, '计算值应为标量类型', 'a computed value must be a scalar type');
      if (typeof field.options.expression !== 'string' || !field.options.expression.trim()) invalid(path, '计算表达式不能为空', 'the compute expression must not be empty');
      if (field.readOnly !== true) invalid(path, '计算值必须只读（readOnly: true）', 'a computed value must be read-only (readOnly: true)');
      break;
    case 'idCard': {
      const rule = field.options.minAge;
      if (rule && !(Number.isInteger(rule.age) && rule.age >= 0 && /^\d{4}-\d{2}-\d{2}$/.test(rule.on))) {
        invalid(path, '最小年龄规则应为 { age: 整数, on: "YYYY-MM-DD" }', 'the minimum age rule must be { age: integer, on: "YYYY-MM-DD" }');
      }
      break;
    }
    case 'file':
    case 'photo':
      if (field.options.accept && !field.options.accept.every((a) => typeof a === 'string' && a.length > 0)) invalid(path, '"accept" 应为媒体类型列表', '"accept" must be a list of media types');
      break;
    case 'list':
      if (field.items.kind === 'value') {
        const item = field.items.field;
        if ((item.type as string) === 'list' || (item.type as string) === 'group') invalid(path, '列表项不能是列表或分组值（请用对象列表）', 'a list item value cannot be a list or a group (use a list of fields)');
        if (item.type === 'select') invalid(path, '由选项组成的列表请使用「多选」字段', 'a list of choices is a multiselect field');
        if (item.required || item.condition) invalid(path, '列表项的值不能有必填或显示条件', 'a list item value has no required flag and no condition');
        checkField(item, [...path, '[item]']);
      }
      break;
    default:
      break;
  }
}

function checkField(field: FormField, path: FieldPath): void {
  if (!BUILDER_FIELD_TYPES.includes(field.type)) invalid(path, `未知字段类型 "${String(field.type)}"`, `unknown field type "${String(field.type)}"`);
  for (const key of ['title', 'description', 'widget'] as const) {
    if (field[key] !== undefined && typeof field[key] !== 'string') invalid(path, `"${key}" 应为文本`, `"${key}" must be text`);
  }
  if (field.readOnly !== undefined && typeof field.readOnly !== 'boolean') invalid(path, '"readOnly" 应为 true/false', '"readOnly" must be true or false');
  if (typeof field.required !== 'boolean') invalid(path, '"required" 应为 true/false', '"required" must be true or false');
  if (!isWidgetAllowed(field.type, field.widget)) invalid(path, `「${field.type}」不能使用控件 ${JSON.stringify(field.widget)}`, `a ${field.type} field cannot use the widget ${JSON.stringify(field.widget)}`);
  checkOptions(field, path);
}

function conditionError(path: FieldPath, zh: string, en: string): never {
  return refuse('CF_BUILDER_INVALID_CONDITION', zh, en, path);
}

/** Checks a condition of section `section` (at `path`: the field or rule that has it). */
function checkCondition(condition: FieldCondition, section: FormSection, selfId: string | undefined, path: FieldPath): void {
  const target = section.fields.find((f) => f.id === condition.field);
  const where = describePath(path);
  if (!target) conditionError(path, `${where} 的条件引用了本分组中不存在的字段 "${condition.field}"`, `the condition of ${where} refers to "${condition.field}", which is not a field of the same section`);
  if (condition.field === selfId) conditionError(path, `${where} 的条件不能引用自身`, `the condition of ${where} cannot refer to the field itself`);
  const values = 'equals' in condition ? [condition.equals] : condition.in;
  if (values.length === 0) conditionError(path, `${where} 的条件至少需要一个值`, `the condition of ${where} needs at least one value`);
  if (target.type === 'select') {
    const known = target.options.choices.map((c) => c.value);
    const missing = values.find((v) => !known.includes(v as string | number));
    if (missing !== undefined) conditionError(path, `${where} 的条件值 ${JSON.stringify(missing)} 不是字段 "${target.id}" 的选项`, `the condition of ${where} compares with ${JSON.stringify(missing)}, which is not a choice of "${target.id}"`);
  }
  if (target.type === 'boolean' && values.some((v) => typeof v !== 'boolean')) {
    conditionError(path, `${where} 的条件应比较 true/false`, `the condition of ${where} must compare with true or false`);
  }
  if (target.type === 'group' || target.type === 'list' || target.type === 'multiselect' || target.type === 'geo') {
    conditionError(path, `${where} 的条件只能比较单值字段`, `the condition of ${where} can only compare a single-value field`);
  }
}

function checkEffect(effect: RuleEffect, section: FormSection, path: FieldPath): void {
  const ids = section.fields.map((f) => f.id);
  const fail = (zh: string, en: string): never => refuse('CF_BUILDER_INVALID_RULE', zh, en, path);
  for (const id of effect.require) if (!ids.includes(id)) fail(`规则要求了不存在的字段 "${id}"`, `the rule requires "${id}", which is not a field of the section`);
  if (new Set(effect.require).size !== effect.require.length) fail('规则的必填字段重复', 'the rule lists a required field twice');
  for (const [id, constraint] of Object.entries(effect.constrain)) {
    if (!ids.includes(id)) fail(`规则约束了不存在的字段 "${id}"`, `the rule constrains "${id}", which is not a field of the section`);
    for (const key of Object.keys(constraint)) {
      if (!(FIELD_CONSTRAINT_KEYS as readonly string[]).includes(key)) fail(`规则约束不支持 "${key}"`, `a rule constraint has no "${key}"`);
    }
    if (constraint.format !== undefined && !RULE_FORMATS.includes(constraint.format)) fail(`规则不支持格式 "${constraint.format}"`, `a rule cannot add the format "${constraint.format}"`);
  }
}

function checkSection(section: FormSection, path: FieldPath): void {
  const seen = new Set<string>();
  for (const field of section.fields) {
    const here = [...path, field.id];
    if (typeof field.id !== 'string' || field.id === '') refuse('CF_BUILDER_INVALID_ID', `${describePath(path)} 中有字段没有名称`, `a field in ${describePath(path)} has no id`, path);
    if (RESERVED_FIELD_IDS.includes(field.id)) refuse('CF_BUILDER_INVALID_ID', `字段名 "${field.id}" 不允许使用`, `the field id "${field.id}" is not allowed (it can tamper with object prototypes)`, here);
    if (seen.has(field.id)) refuse('CF_BUILDER_DUPLICATE_ID', `${describePath(path)} 中字段名 "${field.id}" 重复`, `the id "${field.id}" is used twice in ${describePath(path)}`, here);
    seen.add(field.id);
    checkField(field, here);
    if (field.condition) {
      checkCondition(field.condition, section, field.id, here);
      if (section.closed) {
        conditionError(here, `${describePath(path)} 不允许额外属性（additionalProperties: false），不能包含条件显示的字段 "${field.id}"`, `${describePath(path)} allows no other properties (additionalProperties: false), so it cannot hold the conditional field "${field.id}"`);
      }
    }
    const inner = field.type === 'group' ? field.section : field.type === 'list' && field.items.kind === 'fields' ? field.items.section : undefined;
    if (inner) checkSection(inner, here);
  }
  section.rules.forEach((rule, i) => {
    const rulePath = [...path, `#rule${i + 1}`];
    checkCondition(rule.when, section, undefined, rulePath);
    checkEffect(rule.then, section, rulePath);
    if (rule.otherwise) checkEffect(rule.otherwise, section, rulePath);
  });
}

/**
 * Checks every invariant of a model (unique ids per section, options that fit the type, widgets,
 * conditions and rules that refer to existing sibling fields, no conditional field in a closed
 * section). Throws a `FormEditError` for the first problem. Existing ids are not held to the
 * pattern of new ids (older forms use keys such as `主任`).
 */
export function checkModel(model: FormModel): void {
  checkSection(model.root, []);
}
