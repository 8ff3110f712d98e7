import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUILDER_FIELD_TYPES,
  canonicalJson,
  createEmptyForm,
  createField,
  createFormValidator,
  emptySection,
  exportForm,
  importForm,
} from '../src/index.js';
import type { BuilderFieldType, FormField, FormModel, FormSection, ListValueField, ValidationRule } from '../src/index.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = join(repoRoot, 'examples');

interface ExampleForm {
  name: string;
  form: { schema: unknown; uiSchema?: unknown };
}

/** Every form of every definition in examples/<dir>/*.json (node_modules excluded). */
function exampleForms(): { forms: ExampleForm[]; filesWithoutForms: string[] } {
  const forms: ExampleForm[] = [];
  const filesWithoutForms: string[] = [];
  for (const dir of readdirSync(examplesDir).sort()) {
    const dirPath = join(examplesDir, dir);
    if (dir === 'node_modules' || !statSync(dirPath).isDirectory()) continue;
    // examples/embed-node and embed-react are programs (packages of their own), not definitions.
    if (existsSync(join(dirPath, 'package.json'))) continue;
    for (const file of readdirSync(dirPath).filter((f) => f.endsWith('.json')).sort()) {
      const path = join(dirPath, file);
      const definition = JSON.parse(readFileSync(path, 'utf8')) as { forms?: Record<string, ExampleForm['form']> };
      const name = relative(repoRoot, path);
      if (!definition.forms) {
        filesWithoutForms.push(name);
        continue;
      }
      for (const [key, form] of Object.entries(definition.forms)) forms.push({ name: `${name}#${key}`, form });
    }
  }
  return { forms, filesWithoutForms };
}

describe('round trip over every example form', () => {
  const { forms, filesWithoutForms } = exampleForms();

  it('finds the example definitions and their forms (skips none silently)', () => {
    expect(filesWithoutForms).toEqual([]);
    expect(forms.length).toBe(111); // C and E's start forms included
  });

  it('every example form is editable (no form opens read-only)', () => {
    const readOnly = forms.flatMap(({ name, form }) => {
      const result = importForm(form);
      return result.editable ? [] : [{ name, pointer: result.pointer, reason: result.reason.en }];
    });
    expect(readOnly).toEqual([]);
  });

  it.each(forms.map((f) => [f.name, f] as const))('%s exports exactly what it imported', (_name, { form }) => {
    const result = importForm(form);
    if (!result.editable) throw new Error(`${result.pointer}: ${result.reason.en}`);
    const exported = exportForm(result.model);
    expect(canonicalJson(exported.schema)).toBe(canonicalJson(form.schema));
    expect(canonicalJson(exported.uiSchema)).toBe(canonicalJson(form.uiSchema ?? {}));
    // The exported schema is one the validator compiles.
    expect(() => createFormValidator().validate(exported.schema, {})).not.toThrow();
    // Exporting is deterministic (same text, same key order).
    expect(JSON.stringify(exportForm(result.model))).toBe(JSON.stringify(exported));
  });
});

describe('FIELDS.md shapes', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', title: '姓名', maxLength: 30 },
      story: { type: 'string', title: '情况', maxLength: 2000 },
      count: { type: 'integer', title: '人数', minimum: 0, maximum: 99 },
      area: { type: 'number', title: '面积', multipleOf: 0.1 },
      amount: { type: 'number', title: '金额', minimum: 0, multipleOf: 0.01 },
      day: { type: 'string', title: '日期', format: 'date' },
      at: { type: 'string', title: '时间', format: 'date-time' },
      grade: { type: 'string', title: '等级', oneOf: [{ const: 'G1', title: '一般' }, { const: 'G2', title: '较大' }] },
      colour: { type: 'string', title: '颜色', enum: ['红', '黄'] },
      needs: { type: 'array', title: '需求', uniqueItems: true, items: { type: 'string', oneOf: [{ const: 'W', title: '轮椅' }] } },
      agreed: { type: 'boolean', title: '已阅读', const: true },
      idNo: { type: 'string', title: '身份证号', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2027-05-28' } },
      uscc: { type: 'string', format: 'cn-uscc' },
      mobile: { type: 'string', format: 'cn-mobile' },
      phone: { type: 'string', format: 'cn-phone' },
      region: { type: 'string', format: 'cn-admin-code' },
      doc: { type: 'string', format: 'cf-attachment', 'x-cf-accept': ['application/pdf'] },
      photo: { type: 'string', format: 'cf-attachment', 'x-cf-accept': ['image/*'] },
      sign: { type: 'string', format: 'cf-attachment', 'x-cf-signature': true },
      place: {
        type: 'object',
        'x-cf-geo': true,
        required: ['lat', 'lng', 'crs'],
        properties: {
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
          crs: { type: 'string', enum: ['GCJ-02', 'CGCS2000', 'WGS-84'] },
        },
        additionalProperties: false,
      },
      total: { type: 'number', readOnly: true, 'x-cf-compute': 'form.count * 2' },
      household: { type: 'object', title: '户', properties: { head: { type: 'string' } }, required: ['head'] },
      members: { type: 'array', minItems: 1, maxItems: 9, items: { type: 'object', properties: { who: { type: 'string' } } } },
      kind: { type: 'string', enum: ['X', 'Y'] },
    },
    required: ['name', 'kind'],
    allOf: [{ if: { properties: { kind: { const: 'X' } }, required: ['kind'] }, then: { properties: { extra: { type: 'string', maxLength: 10 } }, required: ['extra'] } }],
  };
  const uiSchema = {
    story: { 'ui:widget': 'textarea' },
    amount: { 'ui:widget': 'cf-money' },
    day: { 'ui:widget': 'cf-date' },
    at: { 'ui:widget': 'cf-datetime' },
    grade: { 'ui:widget': 'radio' },
    needs: { 'ui:widget': 'checkboxes' },
    doc: { 'ui:widget': 'cf-file' },
    photo: { 'ui:widget': 'cf-photo' },
    sign: { 'ui:widget': 'cf-signature' },
    place: { 'ui:widget': 'cf-geo' },
    members: { items: { who: { 'ui:widget': 'textarea' } } },
  };

  it('recognises every field type of the table', () => {
    const result = importForm({ schema, uiSchema });
    if (!result.editable) throw new Error(`${result.pointer}: ${result.reason.en}`);
    const types = Object.fromEntries(result.model.root.fields.map((f) => [f.id, f.type]));
    expect(types).toEqual({
      name: 'text', story: 'textarea', count: 'integer', area: 'number', amount: 'money', day: 'date', at: 'datetime',
      grade: 'select', colour: 'select', needs: 'multiselect', agreed: 'boolean', idNo: 'idCard', uscc: 'uscc', mobile: 'mobile',
      phone: 'phone', region: 'adminCode', doc: 'file', photo: 'photo', sign: 'signature', place: 'geo', total: 'computed',
      household: 'group', members: 'list', kind: 'select', extra: 'text',
    });
    expect(result.model.root.fields.find((f) => f.id === 'extra')).toMatchObject({ required: true, condition: { field: 'kind', equals: 'X' } });
    expect(canonicalJson(exportForm(result.model))).toBe(canonicalJson({ schema, uiSchema }));
  });
});

describe('forms the builder cannot edit open read-only with the reason', () => {
  const base = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): { schema: Record<string, unknown> } => ({
    schema: { type: 'object', properties, ...extra },
  });
  const cases: [string, { schema: unknown; uiSchema?: unknown }, string, string, RegExp][] = [
    ['a keyword outside FIELDS.md', base({ a: { type: 'string', default: 'x' } }), 'schema', '/properties/a/default', /keyword "default" is not supported on a text field/],
    ['a $ref', base({ a: { $ref: '#/$defs/x' } }), 'schema', '/properties/a/type', /no "type"/],
    ['a union type', base({ a: { type: ['string', 'null'] } }), 'schema', '/properties/a/type', /union types/],
    ['an unknown format', base({ a: { type: 'string', format: 'email' } }), 'schema', '/properties/a/format', /format "email"/],
    ['anyOf at the root', base({}, { anyOf: [{ required: ['a'] }] }), 'schema', '/anyOf', /keyword "anyOf" is not supported on a form/],
    ['a oneOf entry without title', base({ a: { type: 'string', oneOf: [{ const: 'x' }] } }), 'schema', '/properties/a/oneOf/0', /exactly \{ "const": value, "title": "label" \}/],
    ['an unknown uiSchema key', { ...base({ a: { type: 'string' } }), uiSchema: { a: { 'ui:placeholder': '…' } } }, 'uiSchema', '/a/ui:placeholder', /"ui:placeholder" is not supported/],
    ['a widget of another type', { ...base({ a: { type: 'string', format: 'date' } }), uiSchema: { a: { 'ui:widget': 'radio' } } }, 'uiSchema', '/a/ui:widget', /widget "radio"/],
    ['a uiSchema entry for no field', { ...base({ a: { type: 'string' } }), uiSchema: { b: {} } }, 'uiSchema', '/b', /not a field of this section/],
    ['a money field with other bounds', { ...base({ a: { type: 'number', minimum: 1, multipleOf: 0.01 } }), uiSchema: { a: { 'ui:widget': 'cf-money' } } }, 'schema', '/properties/a', /money field/],
    ['an empty required list', base({ a: { type: 'string' } }, { required: [] }), 'schema', '/required', /empty "required"/],
    ['required naming no property', base({ a: { type: 'string' } }, { required: ['b'] }), 'schema', '/required/0', /"b"/],
    ['additionalProperties: true', base({}, { additionalProperties: true }), 'schema', '/additionalProperties', /only "additionalProperties": false/],
    ['a condition on two fields', base({ a: { type: 'string' }, b: { type: 'string' } }, { allOf: [{ if: { properties: { a: { const: 1 }, b: { const: 2 } } }, then: { required: ['a'] } }] }), 'schema', '/allOf/0/if/properties', /one field only/],
    ['a condition with a pattern', base({ a: { type: 'string' }, b: { type: 'string' } }, { allOf: [{ if: { properties: { a: { pattern: 'x' } }, required: ['a'] }, then: { required: ['b'] } }] }), 'schema', '/allOf/0/if/properties/a', /comparison is not supported/],
    ['a conditional field in a closed section', base({ k: { type: 'string', enum: ['X'] } }, { additionalProperties: false, allOf: [{ if: { properties: { k: { const: 'X' } }, required: ['k'] }, then: { properties: { e: { type: 'string' } } } }] }), 'schema', '/allOf/0/then/properties/e', /cannot hold the conditional field "e"/],
    ['a condition on a value that is not a choice', base({ k: { type: 'string', enum: ['X'] }, b: { type: 'string' } }, { allOf: [{ if: { type: 'object', properties: { k: { const: 'Z' } }, required: ['k'] }, then: { type: 'object', required: ['b'] } }] }), 'schema', '/allOf/0', /"Z", which is not a choice of "k"/],
    ['a rule written another way', base({ k: { type: 'string' }, b: { type: 'string' } }, { allOf: [{ if: { properties: { k: { const: 'X' } }, required: ['k'] }, then: { required: ['b'] } }] }), 'schema', '/allOf/0/if/type', /would write \/allOf\/0\/if\/type differently/],
    ['ui:order with a wildcard', { ...base({ a: { type: 'string' } }), uiSchema: { 'ui:order': ['*'] } }, 'uiSchema', '/ui:order', /"ui:order" must list exactly/],
    ['a list of lists', base({ a: { type: 'array', items: { type: 'array', items: { type: 'string' } } } }), 'schema', '/properties/a/items', /list of lists/],
    ['a property named constructor', base({ constructor: { type: 'string' } }), 'schema', '/properties/constructor', /"constructor" is not allowed/],
    ['a tuple', base({ a: { type: 'array', items: [{ type: 'string' }] } }), 'schema', '/properties/a/items', /tuples/],
  ];
  it.each(cases)('%s', (_what, form, source, pointer, reason) => {
    const result = importForm(form);
    expect(result.editable).toBe(false);
    if (result.editable) return;
    expect({ source: result.source, pointer: result.pointer }).toEqual({ source, pointer });
    expect(result.reason.en).toMatch(reason);
    expect(result.reason['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });
});

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUE_TYPES = BUILDER_FIELD_TYPES.filter((t) => t !== 'group' && t !== 'list');

function randomField(rnd: () => number, type: BuilderFieldType, id: string, depth: number): FormField {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const maybe = <T>(v: T): T | undefined => (rnd() < 0.5 ? v : undefined);
  const title = maybe(`字段 ${id}`);
  const init = { ...(title ? { title } : {}), required: rnd() < 0.5 };
  const options: Record<string, unknown> = {};
  switch (type) {
    case 'text':
    case 'textarea':
      Object.assign(options, { minLength: maybe(1), maxLength: maybe(200), pattern: maybe('^\\S') });
      break;
    case 'integer':
    case 'number':
      Object.assign(options, { minimum: maybe(0), maximum: maybe(100), exclusiveMinimum: maybe(-1), multipleOf: maybe(type === 'integer' ? 2 : 0.5) });
      break;
    case 'money':
      options['maximum'] = maybe(1e6);
      break;
    case 'datetime':
      options['pattern'] = maybe('\\+08:00$');
      break;
    case 'select':
    case 'multiselect': {
      const labelled = rnd() < 0.5;
      const valueType = pick(['string', 'integer'] as const);
      options['valueType'] = valueType;
      options['choices'] = [1, 2, 3].map((n) => ({ value: valueType === 'string' ? `V${n}` : n, ...(labelled ? { label: `选项${n}` } : {}) }));
      if (type === 'multiselect') Object.assign(options, { uniqueItems: rnd() < 0.7, minItems: maybe(1), itemTitle: maybe('项') });
      break;
    }
    case 'boolean':
      options['mustBeTrue'] = maybe(true);
      break;
    case 'idCard':
      options['minAge'] = maybe({ age: 18, on: '2027-05-28' });
      break;
    case 'file':
      options['accept'] = maybe(['application/pdf', 'image/*']);
      break;
    case 'computed':
      Object.assign(options, { valueType: pick(['string', 'number', 'integer', 'boolean'] as const), expression: 'form.a' });
      break;
    default:
      break;
  }
  const field = createField(type, id, { ...init, options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) });
  const withDescription = rnd() < 0.3 ? { ...field, description: '说明' } : field;
  const withoutWidget = rnd() < 0.3 && withDescription.widget !== undefined && !['textarea', 'money', 'photo'].includes(type) ? (({ widget: _w, ...rest }) => rest)(withDescription) : withDescription;
  const typed = withoutWidget as FormField;
  if (typed.type === 'group') return { ...typed, section: randomSection(rnd, depth + 1) };
  if (typed.type === 'list') {
    if (rnd() < 0.5 || depth >= 2) {
      const valueType = pick(VALUE_TYPES.filter((t) => t !== 'select'));
      const { required: _r, ...item } = randomField(rnd, valueType, 'item', depth + 1);
      return { ...typed, options: { minItems: maybe(1), maxItems: maybe(5), uniqueItems: maybe(true) }, items: { kind: 'value', field: { ...item, required: false } as ListValueField } } as FormField;
    }
    return { ...typed, items: { kind: 'fields', ...(rnd() < 0.5 ? { title: '一项' } : {}), section: randomSection(rnd, depth + 1) } };
  }
  return typed;
}

function randomSection(rnd: () => number, depth: number): FormSection {
  const types = depth >= 2 ? VALUE_TYPES : BUILDER_FIELD_TYPES;
  const count = 2 + Math.floor(rnd() * (depth === 0 ? 8 : 4));
  let fields: FormField[] = [];
  for (let i = 0; i < count; i++) {
    const type = types[Math.floor(rnd() * types.length)] as BuilderFieldType;
    fields.push(randomField(rnd, type, `f${depth}_${i}`, depth));
  }
  const closed = rnd() < 0.3;
  const selects = fields.filter((f) => f.type === 'select');
  const rules: ValidationRule[] = [];
  const trigger = selects[0];
  if (trigger && trigger.type === 'select') {
    const value = trigger.options.choices[0]?.value ?? 'V1';
    const others = fields.filter((f) => f.id !== trigger.id);
    if (!closed && others[0] && rnd() < 0.7) {
      const target = others[others.length - 1] as FormField;
      fields = fields.map((f) => (f.id === target.id ? { ...f, condition: { field: trigger.id, equals: value } } : f));
      if (rnd() < 0.5) fields = [fields[fields.length - 1] as FormField, ...fields.slice(0, -1)]; // needs ui:order
    }
    if (others[0] && rnd() < 0.7) {
      rules.push({
        when: rnd() < 0.5 ? { field: trigger.id, in: trigger.options.choices.slice(0, 2).map((c) => c.value) } : { field: trigger.id, equals: value, includeMissing: true },
        then: { require: [others[0].id], constrain: {} },
        ...(rnd() < 0.5 ? { otherwise: { require: [], constrain: { [others[0].id]: {} } } } : {}),
      });
    }
  }
  return { ...emptySection(), fields, rules, closed };
}

describe('export ∘ import ∘ export = export, for generated models of every field type', () => {
  const seeds = Array.from({ length: 60 }, (_, i) => i + 1);

  it('the generator covers every field type', () => {
    const seen = new Set<string>();
    const visit = (section: FormSection): void => {
      for (const f of section.fields) {
        seen.add(f.type);
        if (f.type === 'group') visit(f.section);
        if (f.type === 'list') {
          if (f.items.kind === 'fields') visit(f.items.section);
          else seen.add(f.items.field.type);
        }
      }
    };
    for (const seed of seeds) visit(randomSection(random(seed), 0));
    expect([...seen].sort()).toEqual([...BUILDER_FIELD_TYPES].sort());
  });

  it.each(seeds)('seed %i', (seed) => {
    const model: FormModel = { root: randomSection(random(seed), 0) };
    const exported = exportForm(model);
    const again = importForm(exported);
    if (!again.editable) throw new Error(`${again.source} ${again.pointer}: ${again.reason.en}`);
    expect(canonicalJson(exportForm(again.model))).toBe(canonicalJson(exported));
    expect(() => createFormValidator().validate(exported.schema, {})).not.toThrow();
  });

  it('a model built from createField comes back identical', () => {
    let root = createEmptyForm().root;
    for (const type of BUILDER_FIELD_TYPES) root = { ...root, fields: [...root.fields, createField(type, `a_${type}`, { title: type })] };
    const model: FormModel = { root };
    const again = importForm(exportForm(model));
    if (!again.editable) throw new Error(again.reason.en);
    expect(again.model).toEqual(model);
  });
});
