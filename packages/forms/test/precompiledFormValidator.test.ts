import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FormSchemaError,
  PRECOMPILED_FORM_MODULE_FORMAT,
  ageOnDate,
  cnIdCardCheckChar,
  cnUsccCheckChar,
  createFormValidator,
  createPrecompiledFormValidator,
  isAttachmentId,
  isCnAdminCode,
  isCnIdCard,
  isCnMobile,
  isCnPhone,
  isCnUscc,
} from '../src/index.js';
import type { PrecompiledFormModule } from '../src/index.js';
import { compileFormValidatorModule } from '../src/standalone/index.js';
import { VENDORED_AJV_RUNTIME } from '../src/standalone/vendoredAjvRuntime.js';
import { installedAjvRuntime } from './support/installedAjvRuntime.js';
import { importFormModule, removeFormModules } from './support/loadFormModule.js';

afterAll(removeFormModules);

const FORM = {
  type: 'object',
  title: '登记',
  required: ['name'],
  properties: {
    name: { type: 'string', title: '姓名', minLength: 2 },
    kind: { type: 'string', title: '类别', enum: ['P', 'U'] },
  },
  allOf: [{ if: { properties: { kind: { const: 'U' } }, required: ['kind'] }, then: { properties: { org: { type: 'string', title: '单位' } }, required: ['org'] } }],
} as const;

describe('the generated module', () => {
  it('is one self-contained ES module: no imports, no eval, no Function constructor', async () => {
    const source = compileFormValidatorModule(FORM);
    expect(source).not.toMatch(/^\s*import\b|\bimport\s*\(|\bfrom\s+["']/m);
    expect(source).not.toMatch(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(/);
    const module = await importFormModule(source);
    expect(Object.keys(module).sort()).toEqual(['format', 'matchesCondition', 'matchesFragment', 'schema', 'validate']);
    expect(module.format).toBe(PRECOMPILED_FORM_MODULE_FORMAT);
    expect(module.schema).toEqual(FORM);
    expect(module.validate({ name: '张三' })).toBeNull();
    expect(module.validate({ name: '张' })).toMatchObject([{ instancePath: '/name', keyword: 'minLength', schemaPath: '#/properties/name/minLength' }]);
    expect(module.matchesCondition('/allOf/0/if', { kind: 'U' })).toBe(true);
    expect(module.matchesCondition('/allOf/0/if', { kind: 'P' })).toBe(false);
    expect(() => module.matchesCondition('/allOf/1/if', {})).toThrow(RangeError);
    // rjsf's questions, by the fragment's canonical JSON (keys sorted).
    const condition = '{"properties":{"kind":{"const":"U"}},"required":["kind"]}';
    expect(module.matchesFragment(condition, { kind: 'U' })).toBe(true);
    expect(module.matchesFragment(condition, { kind: 'P' })).toBe(false);
    expect(module.matchesFragment('{"required":["kind"]}', {})).toBeUndefined();
  });

  it('inlines the installed Ajv runtime helpers and ajv-formats (regenerate src/standalone/vendoredAjvRuntime.ts after an upgrade)', () => {
    // If this fails: pnpm exec tsx packages/forms/test/support/writeVendoredAjvRuntime.ts
    expect(VENDORED_AJV_RUNTIME).toEqual(installedAjvRuntime());
  });

  it('is refused exactly where createFormValidator refuses the schema', () => {
    const refused = [
      { type: 'object', properties: { name: { type: 'string', minLenght: 2 } } },
      { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } },
      { type: 'object', properties: { a: { $ref: 'https://example.com/schema.json' } } },
      { type: 'object', properties: { idNo: { type: 'string', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2027-02-30' } } } },
      { type: 'object', properties: { a: { type: 'string', format: 'no-such-format' } } },
    ];
    for (const schema of refused) {
      let runtimeError: unknown;
      try {
        createFormValidator().validate(schema, {});
      } catch (err) {
        runtimeError = err;
      }
      expect(runtimeError, JSON.stringify(schema)).toBeInstanceOf(FormSchemaError);
      expect(() => compileFormValidatorModule(schema), JSON.stringify(schema)).toThrow((runtimeError as Error).message);
    }
  });

  it('compiles a schema that uses one annotation keyword in several places (example D uses x-cf-accept twice)', () => {
    const schema = { type: 'object', properties: {
      before: { type: 'string', format: 'cf-attachment', 'x-cf-accept': ['image/jpeg'] },
      after: { type: 'string', format: 'cf-attachment', 'x-cf-accept': ['image/jpeg'] },
    } };
    expect(() => createFormValidator().validate(schema, {})).not.toThrow();
    expect(compileFormValidatorModule(schema)).toContain('module.exports');
  });
});

describe('createPrecompiledFormValidator', () => {
  it('serves the form it was compiled for, also as a copy with other key order, and refuses others', async () => {
    const module = await importFormModule(compileFormValidatorModule(FORM));
    const validator = createPrecompiledFormValidator(module, { locale: 'en' });
    const reordered = JSON.parse(JSON.stringify({ allOf: FORM.allOf, properties: FORM.properties, required: FORM.required, title: FORM.title, type: FORM.type })) as object;
    expect(validator.validate(reordered, { name: '张' })).toEqual({
      valid: false,
      errors: [{ pointer: '/name', code: 'CF_FORMS_MIN_LENGTH', message: '姓名: must be at least 2 characters long; please add the missing part' }],
    });
    expect(validator.prepare(reordered, { name: '张三', kind: 'P', org: '已隐藏' })).toEqual({ name: '张三', kind: 'P' });
    const other = { ...FORM, title: '另一张表' };
    expect(() => validator.validate(other, {})).toThrow(FormSchemaError);
    expect(() => validator.prepare(other, {})).toThrow(/precompiled for the form "登记"/);
  });

  it('refuses a module of another format, and a reference date that is not a date', async () => {
    const module = await importFormModule(compileFormValidatorModule(FORM));
    expect(() => createPrecompiledFormValidator({ ...module, format: 'civicflow-form-validator/0' })).toThrow(/load the module from the same server version/);
    expect(() => createPrecompiledFormValidator({} as PrecompiledFormModule)).toThrow(TypeError);
    expect(() => createPrecompiledFormValidator(module, { today: '2027-02-30' })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- the embedded checks (civicflowChecksSource.ts)

/** A deterministic pseudo-random sequence (the corpus must be the same on every run). */
function* pseudoRandom(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}
const rng = pseudoRandom(2027);
const randomDigits = (n: number): string => Array.from({ length: n }, () => String(Math.floor((rng.next().value ?? 0) * 10))).join('');

function idCorpus(): string[] {
  const out = new Set<string>();
  for (const year of ['1899', '1900', '1980', '2000', '2004', '2008', '2009', '2030', '2100']) {
    for (const month of ['00', '01', '02', '03', '05', '12', '13']) {
      for (const day of ['00', '01', '28', '29', '30', '31', '32']) {
        const first17 = `110101${year}${month}${day}007`;
        const check = cnIdCardCheckChar(first17);
        out.add(first17 + check);
        out.add(first17 + (check === '0' ? '1' : '0'));
        if (check === 'X') out.add(`${first17}x`);
      }
    }
  }
  for (let i = 0; i < 400; i++) {
    const first17 = randomDigits(17);
    out.add(first17 + cnIdCardCheckChar(first17));
  }
  for (const odd of ['11010119800101001', '1101011980010100100', '11010119800101001A', '1101011980010100x0', ' 110101198001010010', '', 'ＩＤ']) out.add(odd);
  return [...out];
}

function usccCorpus(): string[] {
  const out = new Set<string>(['91110101MA00000018', '11110101000000000A', '91110101ma00000018', '91110101MA0000001', '91110101IA00000018', '']);
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ';
  for (let i = 0; i < 300; i++) {
    const first17 = Array.from({ length: 17 }, () => alphabet.charAt(Math.floor((rng.next().value ?? 0) * 31))).join('');
    out.add(first17 + cnUsccCheckChar(first17));
    out.add(first17 + alphabet.charAt(Math.floor((rng.next().value ?? 0) * alphabet.length)));
  }
  return [...out];
}

const TEXT_CORPUS = [
  '13800000000', '+8613800000000', '+86 138 0000 0000', '138-0000-0000', '12800000000', '1380000000', '138000000000', '010-12345678', '01012345678',
  '0571-8888000', '0571-88880000-123', '0571-88880000-1234567', '0571 88880000', ' 13800000000', '110101', '990101', '110101000000', '82010100000',
  '11010', '1101010', 'abcdef', 'att_abcdef', 'att_abc', `att_${'a'.repeat(64)}`, `att_${'a'.repeat(65)}`, 'att_a-b_c1', 'ATT_abcdef', 'att_abcdef\n', '',
];

const FORMAT_CHECKS: Readonly<Record<string, (value: string) => boolean>> = {
  'cn-id-card': (v) => isCnIdCard(v),
  'cn-uscc': isCnUscc,
  'cn-mobile': isCnMobile,
  'cn-phone': isCnPhone,
  'cn-admin-code': isCnAdminCode,
  'cf-attachment': isAttachmentId,
};

describe('the checks a module carries agree with src/formats, src/ageOnDate and x-cn-min-age', () => {
  let module: PrecompiledFormModule;
  const rules = ['2000-01-01', '2026-02-28', '2026-03-01', '2027-05-27', '2027-05-28', '2028-02-28', '2028-02-29'].flatMap((on) => [0, 17, 18, 19].map((age) => ({ age, on })));
  const ruleKey = (r: { age: number; on: string }) => `age_${r.age}_${r.on}`;

  // One form with every format and many x-cn-min-age rules: each value is checked by all at once.
  beforeAll(async () => {
    const properties: Record<string, object> = {};
    for (const format of Object.keys(FORMAT_CHECKS)) properties[format] = { type: 'string', format };
    for (const rule of rules) properties[ruleKey(rule)] = { type: 'string', format: 'cn-id-card', 'x-cn-min-age': rule };
    module = await importFormModule(compileFormValidatorModule({ type: 'object', properties }));
  });

  /** The properties of `data` the module reports with `keyword`. */
  const failing = (data: object, keyword: string, today?: string): Set<string> =>
    new Set((module.validate(data, { today }) ?? []).filter((e) => e.keyword === keyword).map((e) => e.instancePath.slice(1)));

  it('formats: each value is accepted by the module exactly when the TypeScript check accepts it', () => {
    const values = [...idCorpus(), ...usccCorpus(), ...TEXT_CORPUS];
    for (const value of values) {
      const data = Object.fromEntries(Object.keys(FORMAT_CHECKS).map((f) => [f, value]));
      const failed = failing(data, 'format');
      for (const [format, check] of Object.entries(FORMAT_CHECKS)) expect(failed.has(format), `${format} ${JSON.stringify(value)}`).toBe(!check(value));
    }
    expect(values.length).toBeGreaterThan(1000);
  });

  it('cn-id-card with a reference date: future birth dates are refused as by isCnIdCard({ today })', () => {
    for (const today of ['2009-05-27', '2009-05-28', '2030-01-01', '2100-12-31']) {
      for (const id of idCorpus()) {
        expect(failing({ 'cn-id-card': id }, 'format', today).has('cn-id-card'), `${id} on ${today}`).toBe(!isCnIdCard(id, { today }));
      }
    }
  });

  it('x-cn-min-age: refused exactly when a valid number is younger than age on the date (anniversary rule, 29 February)', () => {
    const ids = [
      ...idCorpus().filter((id) => isCnIdCard(id)),
      `11010120080229001${cnIdCardCheckChar('11010120080229001')}`,
      '110101200905280072',
      '110101200905290182',
    ];
    for (const id of ids) {
      const failed = failing(Object.fromEntries(rules.map((r) => [ruleKey(r), id])), 'x-cn-min-age');
      for (const rule of rules) {
        const age = ageOnDate(id, rule.on);
        expect(failed.has(ruleKey(rule)), `${id} ${rule.age} on ${rule.on}`).toBe(age === undefined || age < rule.age);
      }
    }
  });
});
