import { fieldTypeOfFormat } from './fieldFormats.js';
import { FIELD_WIDGETS, isWidgetAllowed } from './fieldWidgets.js';
import { geoValueSchema } from './geoSchema.js';
import { childPointer, unsupported } from './importProblem.js';
import { allowOnlyKeywords, compact, isFiniteNumber, isJsonObject, isString, optBoolean, optCount, optNumber, optString, readUi } from './importHelpers.js';
import { importSection } from './importSection.js';
import { canonicalJson } from './canonicalJson.js';
import type { ImportPlace } from './importHelpers.js';
import type { BuilderFieldType, Choice, ChoiceValueType, FormField, ListItems, ListValueField } from './model.js';

type Json = Record<string, unknown>;

/** Keywords every field may carry. */
const COMMON_KEYWORDS = ['type', 'title', 'description', 'readOnly'] as const;

function isChoiceValue(value: unknown, valueType: ChoiceValueType): value is string | number {
  if (valueType === 'string') return typeof value === 'string';
  if (valueType === 'integer') return Number.isInteger(value);
  return isFiniteNumber(value);
}

/** True when a scalar schema offers choices (`enum` or `oneOf`): a select. */
function hasChoices(schema: unknown): boolean {
  return isJsonObject(schema) && ('enum' in schema || 'oneOf' in schema);
}

function readChoices(schema: Json, valueType: ChoiceValueType, pointer: string): Choice[] {
  if ('enum' in schema && 'oneOf' in schema) {
    unsupported(pointer, '选项同时用了 enum 和 oneOf', 'the choices use both "enum" and "oneOf"');
  }
  const seen = new Set<string | number>();
  const checkValue = (value: unknown, at: string): string | number => {
    if (!isChoiceValue(value, valueType)) {
      unsupported(at, `选项值应为 ${valueType}`, `a choice value must be of type ${valueType}`);
    }
    if (seen.has(value)) unsupported(at, `选项值 ${JSON.stringify(value)} 重复`, `the choice value ${JSON.stringify(value)} is repeated`);
    seen.add(value);
    return value;
  };
  if ('enum' in schema) {
    const list = schema['enum'];
    const at = childPointer(pointer, 'enum');
    if (!Array.isArray(list)) unsupported(at, '"enum" 应为数组', '"enum" must be an array');
    return list.map((value, i) => ({ value: checkValue(value, childPointer(at, i)) }));
  }
  const list = schema['oneOf'];
  const at = childPointer(pointer, 'oneOf');
  if (!Array.isArray(list)) unsupported(at, '"oneOf" 应为数组', '"oneOf" must be an array');
  return list.map((entry, i) => {
    const entryAt = childPointer(at, i);
    if (!isJsonObject(entry) || !('const' in entry) || typeof entry['title'] !== 'string' || Object.keys(entry).length !== 2) {
      unsupported(
        entryAt,
        '单选的 oneOf 每一项应为 { "const": 值, "title": "标签" }',
        'each "oneOf" entry of a select must be exactly { "const": value, "title": "label" }',
      );
    }
    return { value: checkValue(entry['const'], childPointer(entryAt, 'const')), label: entry['title'] };
  });
}

function scalarValueType(type: unknown): ChoiceValueType | undefined {
  return type === 'string' || type === 'integer' || type === 'number' ? type : undefined;
}

/** Decides the builder type of a field schema (throws when none fits). */
function classify(schema: Json, widget: string | undefined, pointer: string): BuilderFieldType {
  if ('x-cf-compute' in schema) return 'computed';
  const type = schema['type'];
  if (typeof type !== 'string') {
    unsupported(
      childPointer(pointer, 'type'),
      Array.isArray(type) ? '不支持联合类型（type 为数组）' : '字段缺少 "type"',
      Array.isArray(type) ? 'union types (an array "type") are not supported' : 'the field has no "type"',
    );
  }
  switch (type) {
    case 'string': {
      if ('format' in schema) {
        const format = schema['format'];
        const kind = typeof format === 'string' ? fieldTypeOfFormat(format) : undefined;
        if (kind === undefined) {
          unsupported(childPointer(pointer, 'format'), `不支持的格式 ${JSON.stringify(format)}`, `the format ${JSON.stringify(format)} is not a builder field type`);
        }
        if (kind !== 'attachment') return kind;
        if (schema['x-cf-signature'] === true) return 'signature';
        return widget === FIELD_WIDGETS.photo.required ? 'photo' : 'file';
      }
      if (hasChoices(schema)) return 'select';
      return widget === FIELD_WIDGETS.textarea.required ? 'textarea' : 'text';
    }
    case 'integer':
      return hasChoices(schema) ? 'select' : 'integer';
    case 'number':
      if (hasChoices(schema)) return 'select';
      return widget === FIELD_WIDGETS.money.required ? 'money' : 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'x-cf-geo' in schema ? 'geo' : 'group';
    case 'array':
      return isJsonObject(schema['items']) && scalarValueType(schema['items']['type']) && hasChoices(schema['items']) ? 'multiselect' : 'list';
    default:
      return unsupported(childPointer(pointer, 'type'), `不支持的类型 ${JSON.stringify(type)}`, `the type ${JSON.stringify(type)} is not supported`);
  }
}

const TYPE_NAMES: Record<BuilderFieldType, string> = {
  text: 'text field', textarea: 'textarea field', integer: 'integer field', number: 'number field', money: 'money field',
  date: 'date field', datetime: 'date-time field', select: 'select field', multiselect: 'multiselect field', boolean: 'yes/no field',
  idCard: 'ID card field', uscc: 'USCC field', mobile: 'mobile field', phone: 'phone field', adminCode: 'admin code field',
  file: 'file field', photo: 'photo field', signature: 'signature field', geo: 'location field', computed: 'computed field',
  group: 'group', list: 'list',
};

/**
 * Reads one field schema (and its uiSchema entry) into a builder field; `required` and
 * `condition` are set by the section that holds it. Throws an `ImportProblem` naming the
 * construct and its place when the schema is not a shape of FIELDS.md.
 */
export function importField(id: string, schema: unknown, ui: unknown, place: ImportPlace): FormField {
  const { pointer, uiPointer } = place;
  if (!isJsonObject(schema)) {
    unsupported(pointer, `字段 "${id}" 的定义应为对象`, `the schema of field "${id}" must be an object`);
  }
  const uiWidget = isJsonObject(ui) ? ui['ui:widget'] : undefined;
  if (uiWidget !== undefined && typeof uiWidget !== 'string') {
    unsupported(childPointer(uiPointer, 'ui:widget'), '"ui:widget" 应为字符串', '"ui:widget" must be a string', 'uiSchema');
  }
  const type = classify(schema, uiWidget, pointer);
  const what = TYPE_NAMES[type];
  const uiKeys = type === 'group' ? [] : type === 'list' ? ['items'] : ['ui:widget'];
  const uiObject = type === 'group' ? (ui === undefined ? {} : ui) : readUi(ui, uiPointer, uiKeys, what);
  const widget = type === 'group' ? undefined : optString(uiObject as Json, 'ui:widget', uiPointer);
  if (!isWidgetAllowed(type, widget)) {
    unsupported(
      childPointer(uiPointer, 'ui:widget'),
      `「${what}」不能使用控件 ${JSON.stringify(widget)}`,
      `the widget ${JSON.stringify(widget)} is not one a ${what} uses`,
      'uiSchema',
    );
  }
  const base = compact({
    id,
    title: optString(schema, 'title', pointer),
    description: optString(schema, 'description', pointer),
    required: false,
    readOnly: optBoolean(schema, 'readOnly', pointer),
    widget,
  });
  const allow = (...keys: string[]): void => allowOnlyKeywords(schema, [...COMMON_KEYWORDS, ...keys], what, pointer);
  const field = (options: object, extra: object = {}): FormField => ({ ...base, type, options: compact(options), ...extra }) as FormField;

  switch (type) {
    case 'text':
    case 'textarea':
      allow('minLength', 'maxLength', 'pattern');
      return field({ minLength: optCount(schema, 'minLength', pointer), maxLength: optCount(schema, 'maxLength', pointer), pattern: optString(schema, 'pattern', pointer) });
    case 'integer':
    case 'number': {
      const keys = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;
      allow(...keys);
      return field(Object.fromEntries(keys.map((k) => [k, optNumber(schema, k, pointer)])));
    }
    case 'money':
      allow('minimum', 'maximum', 'multipleOf');
      if (schema['minimum'] !== 0 || schema['multipleOf'] !== 0.01) {
        unsupported(pointer, '金额字段应为 { "minimum": 0, "multipleOf": 0.01 }', 'a money field is { "minimum": 0, "multipleOf": 0.01 }');
      }
      return field({ maximum: optNumber(schema, 'maximum', pointer) });
    case 'date':
    case 'uscc':
    case 'mobile':
    case 'phone':
    case 'adminCode':
      allow('format');
      return field({});
    case 'datetime':
      allow('format', 'pattern');
      return field({ pattern: optString(schema, 'pattern', pointer) });
    case 'idCard': {
      allow('format', 'x-cn-min-age');
      const rule = schema['x-cn-min-age'];
      if (rule === undefined) return field({});
      if (!isJsonObject(rule) || !Number.isInteger(rule['age']) || typeof rule['on'] !== 'string' || Object.keys(rule).length !== 2) {
        unsupported(childPointer(pointer, 'x-cn-min-age'), '"x-cn-min-age" 应为 { "age": 整数, "on": "YYYY-MM-DD" }', '"x-cn-min-age" must be { "age": integer, "on": "YYYY-MM-DD" }');
      }
      return field({ minAge: { age: rule['age'] as number, on: rule['on'] } });
    }
    case 'select': {
      allow('enum', 'oneOf');
      const valueType = scalarValueType(schema['type']) ?? 'string';
      return field({ valueType, choices: readChoices(schema, valueType, pointer) });
    }
    case 'multiselect': {
      allow('items', 'uniqueItems', 'minItems', 'maxItems');
      const items = schema['items'] as Json;
      const itemsAt = childPointer(pointer, 'items');
      allowOnlyKeywords(items, ['type', 'title', 'enum', 'oneOf'], 'multiselect item', itemsAt);
      if ('uniqueItems' in schema && schema['uniqueItems'] !== true) {
        unsupported(childPointer(pointer, 'uniqueItems'), '多选只写 "uniqueItems": true（或不写）', 'a multiselect writes "uniqueItems": true or leaves it out');
      }
      const valueType = scalarValueType(items['type']) ?? 'string';
      return field({
        valueType,
        choices: readChoices(items, valueType, itemsAt),
        uniqueItems: schema['uniqueItems'] === true,
        minItems: optCount(schema, 'minItems', pointer),
        maxItems: optCount(schema, 'maxItems', pointer),
        itemTitle: optString(items, 'title', itemsAt),
      });
    }
    case 'boolean':
      allow('const');
      if ('const' in schema && schema['const'] !== true) {
        unsupported(childPointer(pointer, 'const'), '是/否字段只支持 "const": true（必须确认）', 'a yes/no field supports only "const": true (a required confirmation)');
      }
      return field({ mustBeTrue: schema['const'] === true ? true : undefined });
    case 'file':
    case 'photo': {
      allow('format', 'x-cf-accept');
      const accept = schema['x-cf-accept'];
      if (accept !== undefined && (!Array.isArray(accept) || !accept.every(isString))) {
        unsupported(childPointer(pointer, 'x-cf-accept'), '"x-cf-accept" 应为字符串数组', '"x-cf-accept" must be an array of media types');
      }
      return field({ accept: accept === undefined ? undefined : [...(accept as string[])] });
    }
    case 'signature':
      allow('format', 'x-cf-signature');
      return field({});
    case 'geo': {
      const { title: _t, description: _d, readOnly: _r, ...value } = schema;
      if (canonicalJson(value) !== canonicalJson(geoValueSchema())) {
        unsupported(pointer, '位置字段应为 FIELDS.md 规定的 { lat, lng, crs } 结构', 'a location field must be exactly the { lat, lng, crs } object of FIELDS.md');
      }
      return field({});
    }
    case 'computed': {
      allow('x-cf-compute');
      const valueType = schema['type'];
      if (valueType !== 'string' && valueType !== 'number' && valueType !== 'integer' && valueType !== 'boolean') {
        unsupported(childPointer(pointer, 'type'), '计算值应为标量类型（string/number/integer/boolean）', 'a computed value must be a scalar (string, number, integer or boolean)');
      }
      if (schema['readOnly'] !== true) {
        unsupported(pointer, '计算值必须带 "readOnly": true', 'a computed value must carry "readOnly": true');
      }
      const expression = schema['x-cf-compute'];
      if (typeof expression !== 'string') unsupported(childPointer(pointer, 'x-cf-compute'), '"x-cf-compute" 应为表达式字符串', '"x-cf-compute" must be an expression string');
      return field({ valueType, expression });
    }
    case 'group': {
      allow('properties', 'required', 'additionalProperties', 'allOf');
      return field({}, { section: importSection(schema, ui, place, importField) });
    }
    case 'list': {
      allow('items', 'minItems', 'maxItems', 'uniqueItems');
      const items = importListItems(schema['items'], (uiObject as Json)['items'], {
        pointer: childPointer(pointer, 'items'),
        uiPointer: childPointer(uiPointer, 'items'),
      });
      return field(
        { minItems: optCount(schema, 'minItems', pointer), maxItems: optCount(schema, 'maxItems', pointer), uniqueItems: optBoolean(schema, 'uniqueItems', pointer) },
        { items },
      );
    }
  }
}

function importListItems(schema: unknown, ui: unknown, place: ImportPlace): ListItems {
  if (!isJsonObject(schema)) {
    unsupported(place.pointer, '列表的 "items" 应为一个对象（不支持元组）', 'the "items" of a list must be one schema object (tuples are not supported)');
  }
  if (schema['type'] === 'object' && !('x-cf-geo' in schema)) {
    allowOnlyKeywords(schema, ['type', 'title', 'description', 'properties', 'required', 'additionalProperties', 'allOf'], 'list item', place.pointer);
    return compact({
      kind: 'fields' as const,
      title: optString(schema, 'title', place.pointer),
      description: optString(schema, 'description', place.pointer),
      section: importSection(schema, ui, place, importField),
    });
  }
  const field = importField('item', schema, ui, place);
  if (field.type === 'list') {
    unsupported(place.pointer, '不支持列表套列表', 'a list of lists is not supported');
  }
  return { kind: 'value', field: field as ListValueField };
}
