// The precompiled validator (compileFormValidatorModule → createPrecompiledFormValidator) must
// answer exactly like createFormValidator: same valid flag, pointers, codes and messages in both
// locales, same `prepare` output, and the same raw Ajv errors underneath. Compared on every form
// of every example definition with what the example scenarios submit, a generated sample and
// mutations of both; and on hand-written forms for what the examples do not use (x-cn-min-age,
// every format, $ref, dependent fields, conditions per list item).
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Locale } from '@civicflow/engine';
import type * as FormsEntry from '../src/index.js';
import type { PrecompiledFormModule } from '../src/index.js';
import { walkSchema } from '../src/schemaWalk.js';
import { compileFormValidatorModule } from '../src/standalone/index.js';
import { exampleForms, exampleScenarioSuites } from './support/exampleForms.js';
import { LOWERCASE_X_ID, VALID_ID, mutations, sampleValue } from './support/formSamples.js';
import type { Case } from './support/formSamples.js';
import { importFormModule, removeFormModules } from './support/loadFormModule.js';

/** Compiling the largest example form (B-F1, 60 fields) takes seconds on a loaded 2-core machine: more than vitest's 5 s default. */
const COMPILE_TIMEOUT_MS = 30_000;

const recorded = vi.hoisted(() => ({ calls: [] as { schema: object; data: unknown }[] }));

// Every validator the example scenarios create (through @civicflow/forms, i.e. src/index.ts)
// records what it is asked to prepare and validate: the scenarios' submissions, valid and refused.
vi.mock('../src/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof FormsEntry>();
  const createFormValidator: typeof actual.createFormValidator = (options) => {
    const inner = actual.createFormValidator(options);
    return {
      prepare(schema, data) {
        recorded.calls.push({ schema, data: structuredClone(data) });
        return inner.prepare(schema, data);
      },
      validate(schema, data, validateOptions) {
        recorded.calls.push({ schema, data: structuredClone(data) });
        return inner.validate(schema, data, validateOptions);
      },
    };
  };
  return { ...actual, createFormValidator };
});

// This file's own validators are the real ones.
const forms = await vi.importActual<typeof FormsEntry>('../src/index.js');

// The scenario suites run here first (again), so that their submissions are recorded before the
// comparisons below read them. A computed specifier keeps them out of this package's type check.
for (const suite of exampleScenarioSuites()) await import(/* @vite-ignore */ suite);

afterAll(removeFormModules);

const TODAY = '2027-06-01';
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

type Outcome = { value: unknown } | { thrown: string };
function attempt(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (err) {
    return { thrown: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** Without and with a reference date: the runtime validator, and Ajv configured as it is (for raw errors). */
const RUNTIMES = [undefined, TODAY].map((today) => {
  const ajv = forms.createConfiguredAjv({ today: () => today });
  const annotations = new Set<string>();
  return {
    today,
    validator: forms.createFormValidator({ today }),
    rawValidator(schema: object): (data: unknown) => unknown {
      walkSchema(schema, (node) => {
        for (const key of Object.keys(node)) {
          if (key.startsWith('x-') && !annotations.has(key) && !ajv.getKeyword(key)) {
            ajv.addVocabulary([key]);
            annotations.add(key);
          }
        }
      });
      const validate = ajv.compile(schema);
      return (data) => (validate(data) ? null : validate.errors);
    },
  };
});

interface Tally {
  valid: number;
  invalid: number;
}

/** Compares both validators (without and with a reference date) on every case; counts outcomes. */
function expectSameAnswers(schema: object, module: PrecompiledFormModule, cases: readonly Case[]): Tally {
  const tally: Tally = { valid: 0, invalid: 0 };
  for (const { today, validator: runtime, rawValidator } of RUNTIMES) {
    const precompiled = forms.createPrecompiledFormValidator(module, { today });
    const raw = rawValidator(schema);
    for (const { label, data } of cases) {
      const where = `${label} (today ${today ?? 'unset'})`;
      const prepared = attempt(() => runtime.prepare(schema, data));
      expect(attempt(() => precompiled.prepare(schema, data)), `prepare: ${where}`).toStrictEqual(prepared);
      const inputs = 'value' in prepared ? [data, prepared.value] : [data];
      for (const input of inputs) {
        for (const locale of LOCALES) {
          const expected = runtime.validate(schema, input, { locale });
          expect(precompiled.validate(schema, input, { locale }), `validate ${locale}: ${where}`).toStrictEqual(expected);
          if (input !== data && locale === 'en' && today === TODAY) tally[expected.valid ? 'valid' : 'invalid']++;
        }
        expect(module.validate(input, { today }), `Ajv errors: ${where}`).toStrictEqual(raw(input));
      }
    }
  }
  return tally;
}

/** The recorded submissions for a schema, by content (the scenarios load their own copies), without repeats. */
function submissionsFor(schema: object): unknown[] {
  const text = forms.canonicalJson(schema);
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const call of recorded.calls) {
    if (schemaText(call.schema) !== text) continue;
    const key = JSON.stringify(call.data) ?? 'undefined';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(call.data);
  }
  return out;
}
const schemaTexts = new WeakMap<object, string>();
function schemaText(schema: object): string {
  let text = schemaTexts.get(schema);
  if (text === undefined) {
    text = forms.canonicalJson(schema);
    schemaTexts.set(schema, text);
  }
  return text;
}

describe('precompiled and runtime validators agree on every example form', () => {
  const examples = exampleForms();
  const tallies = new Map<string, Tally & { submitted: number }>();

  it('finds the 111 example forms (C and E\'s start forms included) and the scenarios\' submissions', () => {
    expect(examples).toHaveLength(111);
    expect(exampleScenarioSuites()).toHaveLength(5);
    expect(recorded.calls.length).toBeGreaterThan(500);
  });

  it.each(examples.map((f) => [f.name, f] as const))('%s', async (_name, form) => {
    const module = await importFormModule(compileFormValidatorModule(form.schema));
    const submitted = submissionsFor(form.schema);
    const runtime = RUNTIMES[0]!.validator;
    const sample = runtime.prepare(form.schema, sampleValue(form.schema));
    const firstValid = submitted.find((d) => runtime.validate(form.schema, runtime.prepare(form.schema, d)).valid);
    const bases = firstValid === undefined ? [sample] : [firstValid, sample];
    const cases: Case[] = [
      ...submitted.map((data, i) => ({ label: `scenario submission ${i}`, data })),
      { label: 'generated sample', data: sample },
      ...bases.flatMap((base, b) => mutations(form.schema, base).map((c) => ({ ...c, label: `${c.label} (of base ${b})` }))),
    ];
    tallies.set(form.name, { ...expectSameAnswers(form.schema, module, cases), submitted: submitted.length });
  }, COMPILE_TIMEOUT_MS);

  it('compared valid and invalid data for every form, and scenario submissions for most', () => {
    const missing = examples.filter((f) => !tallies.get(f.name)?.valid || !tallies.get(f.name)?.invalid).map((f) => f.name);
    expect(missing).toEqual([]);
    const withSubmissions = examples.filter((f) => (tallies.get(f.name)?.submitted ?? 0) > 0);
    expect(withSubmissions.length).toBeGreaterThanOrEqual(50);
  });
});

// ---------------------------------------------------------------- forms the examples do not cover

const syntheticId = (first17: string): string => first17 + forms.cnIdCardCheckChar(first17);
const ELIGIBLE = '110101200905280072'; // born 2009-05-28: 18 on 2027-05-28
const TOO_YOUNG = '110101200905290182'; // born 2009-05-29
const LEAP_DAY = syntheticId('11010120080229001'); // born 2008-02-29: 18 on 2026-03-01, not on 2026-02-28
const FUTURE = syntheticId('11010120300101001'); // born 2030: valid without a reference date

const VOTER_FORM = {
  type: 'object',
  title: '选民登记',
  required: ['name', 'idNo', 'kind', 'confirm'],
  // Fields of the condition's branches count as declared where their branch applies.
  unevaluatedProperties: false,
  properties: {
    name: { type: 'string', title: '姓名', minLength: 2, maxLength: 4 },
    idNo: { type: 'string', title: '身份证号', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2027-05-28' } },
    leapIdNo: { type: 'string', title: '闰日出生者', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2026-03-01' } },
    leapIdNoEarly: { type: 'string', title: '闰日出生者（2月28日）', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2026-02-28' } },
    gender: { type: 'string', title: '性别', oneOf: [{ const: 'M', title: '男' }, { const: 'F', title: '女' }] },
    kind: { type: 'string', title: '类别', enum: ['P', 'U'] },
    mobile: { type: 'string', title: '手机号码', format: 'cn-mobile' },
    phone: { type: 'string', title: '联系电话', format: 'cn-phone' },
    uscc: { type: 'string', title: '统一社会信用代码', format: 'cn-uscc' },
    area: { type: 'string', title: '行政区划', format: 'cn-admin-code' },
    photo: { type: 'string', title: '照片', format: 'cf-attachment', 'x-cf-accept': ['image/*'] },
    registeredAt: { type: 'string', title: '登记时间', format: 'date-time' },
    movedIn: { type: 'string', title: '迁入日期', format: 'date', formatMinimum: '2000-01-01' },
    email: { type: 'string', title: '邮箱', format: 'email' },
    site: { type: 'string', title: '网址', format: 'uri' },
    nickname: { type: 'string', title: '昵称', minLength: 2, maxLength: 3 },
    tags: { type: 'array', title: '标签', uniqueItems: true, items: { type: 'object', properties: { k: { type: 'string' } } } },
    marker: { title: '标记', enum: [{ a: 1 }, 'x', 3] },
    amount: { type: 'number', title: '金额', minimum: 0, multipleOf: 0.01, exclusiveMaximum: 100000 },
    confirm: { type: 'boolean', title: '本人确认', const: true },
    toString: { type: 'string', title: '原型同名字段' },
  },
  dependentRequired: { mobile: ['phone'] },
  allOf: [
    {
      if: { properties: { kind: { const: 'U' } }, required: ['kind'] },
      then: { properties: { org_name: { type: 'string', title: '单位名称', minLength: 1 } }, required: ['org_name'] },
      else: { properties: { person_note: { type: 'string', title: '个人备注' } } },
    },
  ],
} as const;

const PARTIES_FORM = {
  type: 'object',
  title: '当事人',
  $defs: {
    party: {
      type: 'object',
      title: '当事人',
      required: ['kind'],
      properties: {
        kind: { type: 'string', title: '类别', enum: ['P', 'U'] },
        id_no: { type: 'string', title: '证件号码', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2027-05-28' } },
      },
      allOf: [
        {
          if: { properties: { kind: { const: 'P' } } },
          then: { properties: { name: { type: 'string', title: '姓名' } }, required: ['name', 'id_no'] },
          else: { properties: { uscc: { type: 'string', title: '统一社会信用代码', format: 'cn-uscc' } }, required: ['uscc'] },
        },
      ],
    },
  },
  required: ['parties'],
  properties: {
    parties: { type: 'array', title: '当事人名单', minItems: 1, maxItems: 3, items: { $ref: '#/$defs/party' } },
    a: { type: 'string', title: '甲', enum: ['yes', 'no'] },
    note: { type: 'string', title: '备注' },
  },
  dependentSchemas: { note: { properties: { note_by: { type: 'string', title: '备注人' } }, required: ['note_by'] } },
  // A chain: b shows when a is yes, c when b is yes; hiding b hides c too.
  allOf: [
    { if: { properties: { a: { const: 'yes' } }, required: ['a'] }, then: { properties: { b: { type: 'string', title: '乙', enum: ['yes', 'no'] } } } },
    { if: { properties: { b: { const: 'yes' } }, required: ['b'] }, then: { properties: { c: { type: 'string', title: '丙' } }, required: ['c'] } },
  ],
} as const;

describe('precompiled and runtime validators agree beyond the examples', () => {
  const voter = {
    name: '张三', idNo: ELIGIBLE, leapIdNo: LEAP_DAY, leapIdNoEarly: VALID_ID, gender: 'F', kind: 'P', mobile: '+86 138-0000-0000', phone: '0571-88880000',
    uscc: '91110101MA00000018', area: '110101000000', photo: 'att_photo_0001', registeredAt: '2027-05-28T09:30:00+08:00', movedIn: '2001-02-03',
    email: 'zhang@example.com', site: 'https://example.com/a?b=1', nickname: '小张', tags: [{ k: 'a' }, { k: 'b' }], marker: { a: 1 }, amount: 12.34,
    confirm: true, toString: '字段', person_note: '无',
  };
  const voterCases: Case[] = [
    { label: 'valid', data: voter },
    { label: 'too young on election day', data: { ...voter, idNo: TOO_YOUNG } },
    { label: 'born on 29 February, 18 on 1 March', data: { ...voter, leapIdNo: LEAP_DAY } },
    { label: 'born on 29 February, not 18 on 28 February', data: { ...voter, leapIdNoEarly: LEAP_DAY } },
    { label: 'born in the future', data: { ...voter, idNo: FUTURE, leapIdNo: FUTURE } },
    { label: 'lowercase x', data: { ...voter, idNo: LOWERCASE_X_ID } },
    { label: 'ID with a wrong birth date', data: { ...voter, idNo: syntheticId('11010119800230001') } },
    { label: 'ID too short', data: { ...voter, idNo: '11010119800101001' } },
    { label: 'ID with a letter', data: { ...voter, idNo: '11010119800101001A' } },
    { label: 'USCC with a wrong check character', data: { ...voter, uscc: '91110101MA00000019' } },
    { label: 'USCC in lowercase', data: { ...voter, uscc: '91110101ma00000018' } },
    { label: 'bad mobile, landline as phone', data: { ...voter, mobile: '12800000000', phone: '010-12345678-99' } },
    { label: 'admin code of no province', data: { ...voter, area: '990101' } },
    { label: 'attachment id of file bytes', data: { ...voter, photo: 'data:image/png;base64,AAAA' } },
    { label: 'dates and times wrong', data: { ...voter, registeredAt: '2027-05-28 09:30', movedIn: '1999-12-31', email: 'no-at', site: 'not a uri' } },
    { label: 'emoji count as one character', data: { ...voter, nickname: '😀😀' } },
    { label: 'emoji too long', data: { ...voter, nickname: '😀😀😀😀' } },
    { label: 'duplicate objects in a unique list', data: { ...voter, tags: [{ k: 'a' }, { k: 'a' }] } },
    { label: 'object not among the options', data: { ...voter, marker: { a: 2 } } },
    { label: 'amount with three decimals and too large', data: { ...voter, amount: 100000.001 } },
    { label: 'not confirmed', data: { ...voter, confirm: false } },
    { label: 'mobile without phone', data: { ...voter, phone: undefined } },
    { label: 'unit without a name (then branch)', data: { ...voter, kind: 'U' } },
    { label: 'unit with a name, person note hidden', data: { ...voter, kind: 'U', org_name: '青石村股份经济合作社' } },
    ...mutations(VOTER_FORM, voter),
  ];

  const parties = { parties: [{ kind: 'P', name: '张三', id_no: VALID_ID }, { kind: 'U', uscc: '91110101MA00000018' }], a: 'yes', b: 'yes', c: '丙', note: '备注', note_by: '李四' };
  const partyCases: Case[] = [
    { label: 'valid', data: parties },
    { label: 'a person too young, a unit with person fields', data: { ...parties, parties: [{ kind: 'P', name: '王五', id_no: TOO_YOUNG, uscc: '91110101MA00000018' }, { kind: 'U', name: '不应保留', id_no: VALID_ID }] } },
    { label: 'chain hidden from its start', data: { ...parties, a: 'no' } },
    { label: 'chain hidden from its middle', data: { ...parties, b: 'no' } },
    { label: 'chain shown, end missing', data: { ...parties, c: undefined } },
    { label: 'dependent schema off', data: { ...parties, note: undefined } },
    { label: 'dependent schema on, its field missing', data: { ...parties, note_by: undefined } },
    { label: 'too many parties', data: { ...parties, parties: [...parties.parties, ...parties.parties] } },
    { label: 'lowercase x in a list item', data: { ...parties, parties: [{ kind: 'P', name: '赵六', id_no: LOWERCASE_X_ID }] } },
    ...mutations(PARTIES_FORM, parties),
  ];

  it.each([
    ['选民登记 (x-cn-min-age, every format, Ajv runtime helpers)', VOTER_FORM, voterCases],
    ['当事人 ($ref, conditions per list item, chains, dependentSchemas)', PARTIES_FORM, partyCases],
  ] as const)('%s', async (_name, schema, cases) => {
    const module = await importFormModule(compileFormValidatorModule(schema));
    const tally = expectSameAnswers(schema, module, cases);
    expect(tally.valid).toBeGreaterThan(0);
    expect(tally.invalid).toBeGreaterThan(10);
  });
});
