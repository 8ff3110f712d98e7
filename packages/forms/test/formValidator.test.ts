import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CN_FORMAT_NAMES,
  FORMS_ERROR_CODES,
  FormSchemaError,
  ageOnDate,
  checkCnIdCard,
  checkCnUscc,
  cnIdCardBirthDate,
  cnIdCardCheckChar,
  createFormValidator,
  isCnAdminCode,
  isCnIdCard,
  isCnLandline,
  isCnMobile,
  isCnPhone,
  isCnUscc,
  normalizeCnIdCard,
  normalizeCnMobile,
  renderFormsMessage,
} from '../src/index.js';
import type { FormsErrorCode } from '../src/index.js';

// Only the synthetic numbers of docs/domain README §2.2 are used as valid IDs and USCCs.
const PASSING_IDS = [
  '110101198001010010',
  '110101197506150022',
  '110101200903010036',
  '110101195207080045',
  '110101199012310056',
];
const ELIGIBLE_ON_ELECTION_DAY = '110101200905280072'; // born 2009-05-28
const NOT_ELIGIBLE_ON_ELECTION_DAY = '110101200905290182'; // born 2009-05-29
const ELECTION_DAY = '2027-05-28';
const BAD_CHECKSUM_ID = '110101198001010011';
const PASSING_USCC = ['91110101MA00000018', '11110101000000000A'];

/**
 * Cases §2.2 has no number for (an `X` check character, a 29 February birthday) use an ID built
 * the same synthetic way: division 110101, a chosen birth date, a sequence code, then the check
 * character computed here.
 */
function syntheticId(first17: string): string {
  return first17 + cnIdCardCheckChar(first17);
}

const FORM = {
  type: 'object',
  title: '选民登记',
  required: ['name', 'idNo', 'gender'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', title: '姓名', minLength: 1, maxLength: 4 },
    idNo: { type: 'string', title: '身份证号', format: 'cn-id-card' },
    gender: {
      type: 'string',
      title: '性别',
      oneOf: [
        { const: 'M', title: '男' },
        { const: 'F', title: '女' },
      ],
    },
    age: { type: 'integer', title: '年龄', minimum: 18, maximum: 120 },
    mobile: { type: 'string', title: '手机号码', format: 'cn-mobile' },
    phone: { type: 'string', title: '联系电话', format: 'cn-phone' },
    nickname: { type: 'string' },
  },
} as const;

const VALID_ENTRY = { name: '张三', idNo: PASSING_IDS[0], gender: 'M' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('居民身份证号 (cn-id-card)', () => {
  it('accepts the synthetic IDs', () => {
    for (const id of [...PASSING_IDS, ELIGIBLE_ON_ELECTION_DAY, NOT_ELIGIBLE_ON_ELECTION_DAY]) {
      expect(checkCnIdCard(id), id).toBeUndefined();
      expect(isCnIdCard(id), id).toBe(true);
    }
  });

  it('rejects a wrong check digit', () => {
    expect(checkCnIdCard(BAD_CHECKSUM_ID)).toBe('checksum');
    expect(isCnIdCard(BAD_CHECKSUM_ID)).toBe(false);
  });

  it('accepts a lowercase x and normalises it to X', () => {
    const withX = syntheticId('11010119800101007');
    expect(withX.endsWith('X')).toBe(true);
    const lower = withX.toLowerCase();
    expect(isCnIdCard(withX)).toBe(true);
    expect(isCnIdCard(lower)).toBe(true);
    expect(normalizeCnIdCard(` ${lower} `)).toBe(withX);
  });

  it('says why a number is wrong', () => {
    expect(checkCnIdCard('11010119800101001')).toBe('length');
    expect(checkCnIdCard('1101011980010100100')).toBe('length');
    expect(checkCnIdCard('11010119800101001A')).toBe('characters');
    expect(checkCnIdCard('1101011980010100x0')).toBe('characters');
    expect(checkCnIdCard(syntheticId('11010119800230001'))).toBe('birthDate'); // 30 February
    expect(checkCnIdCard(syntheticId('11010118991231001'))).toBe('birthDate'); // before 1900
    expect(checkCnIdCard(syntheticId('11010119801301001'))).toBe('birthDate'); // month 13
  });

  it('checks the future only against the given reference date', () => {
    expect(checkCnIdCard(ELIGIBLE_ON_ELECTION_DAY, { today: '2009-05-27' })).toBe('futureBirthDate');
    expect(checkCnIdCard(ELIGIBLE_ON_ELECTION_DAY, { today: '2009-05-28' })).toBeUndefined();
    expect(checkCnIdCard(syntheticId('21010130000101001'))).toBeUndefined(); // no today: year 3000 is a real date
  });

  it('reads the birth date', () => {
    expect(cnIdCardBirthDate('110101200903010036')).toBe('2009-03-01');
    expect(cnIdCardBirthDate(BAD_CHECKSUM_ID)).toBeUndefined();
  });
});

describe('ageOnDate', () => {
  it('follows the anniversary rule on the election-day pair', () => {
    expect(ageOnDate(ELIGIBLE_ON_ELECTION_DAY, ELECTION_DAY)).toBe(18);
    expect(ageOnDate(NOT_ELIGIBLE_ON_ELECTION_DAY, ELECTION_DAY)).toBe(17);
    expect(ageOnDate(NOT_ELIGIBLE_ON_ELECTION_DAY, '2027-05-29')).toBe(18);
    expect(ageOnDate('110101200903010036', '2027-02-28')).toBe(17);
    expect(ageOnDate('110101200903010036', '2027-03-01')).toBe(18);
  });

  it('counts a 29 February birthday on 1 March in non-leap years', () => {
    const feb29 = syntheticId('11010120080229001');
    expect(cnIdCardBirthDate(feb29)).toBe('2008-02-29');
    expect(ageOnDate(feb29, '2026-02-28')).toBe(17);
    expect(ageOnDate(feb29, '2026-03-01')).toBe(18);
    expect(ageOnDate(feb29, '2028-02-28')).toBe(19);
    expect(ageOnDate(feb29, '2028-02-29')).toBe(20);
  });

  it('is undefined for an invalid ID, an invalid date or a date before birth', () => {
    expect(ageOnDate(BAD_CHECKSUM_ID, ELECTION_DAY)).toBeUndefined();
    expect(ageOnDate(PASSING_IDS[0] ?? '', '2027-02-30')).toBeUndefined();
    expect(ageOnDate(PASSING_IDS[0] ?? '', '20270528')).toBeUndefined();
    expect(ageOnDate(PASSING_IDS[0] ?? '', '1979-12-31')).toBeUndefined();
    expect(ageOnDate(PASSING_IDS[0] ?? '', '1980-01-01')).toBe(0);
    expect(ageOnDate(syntheticId('11010119800101007').toLowerCase(), '2000-01-01')).toBe(20);
  });
});

describe('统一社会信用代码 (cn-uscc)', () => {
  it('accepts the synthetic codes', () => {
    for (const code of PASSING_USCC) expect(isCnUscc(code), code).toBe(true);
  });

  it('says why a code is wrong', () => {
    expect(checkCnUscc('91110101MA00000019')).toBe('checksum');
    expect(checkCnUscc('91110101MA0000001')).toBe('length');
    expect(checkCnUscc('91110101ma00000018')).toBe('characters');
    expect(checkCnUscc('91110101MI00000018')).toBe('characters'); // I is not in the alphabet
  });
});

describe('phone numbers, division codes', () => {
  it('accepts mobile numbers with +86, spaces and dashes', () => {
    expect(isCnMobile('13800000000')).toBe(true);
    expect(isCnMobile('+86 138-0000-0000')).toBe(true);
    expect(isCnMobile('+86-199 0000 0000')).toBe(true);
    expect(normalizeCnMobile('+86 138-0000-0000')).toBe('13800000000');
    expect(isCnMobile('12800000000')).toBe(false);
    expect(isCnMobile('1380000000')).toBe(false);
    expect(isCnMobile('8613800000000')).toBe(false);
  });

  it('accepts landlines for cn-phone', () => {
    expect(isCnLandline('010-12345678')).toBe(true);
    expect(isCnLandline('01012345678')).toBe(true);
    expect(isCnLandline('0755-1234567-123')).toBe(true);
    expect(isCnPhone('0755-1234567')).toBe(true);
    expect(isCnPhone('+86 138-0000-0000')).toBe(true);
    expect(isCnPhone('12345678')).toBe(false);
    expect(isCnPhone('010-123456')).toBe(false);
  });

  it('checks the structure of division codes', () => {
    expect(isCnAdminCode('110101')).toBe(true);
    expect(isCnAdminCode('110101001001')).toBe(true);
    expect(isCnAdminCode('820000')).toBe(true);
    expect(isCnAdminCode('100000')).toBe(false);
    expect(isCnAdminCode('990101')).toBe(false);
    expect(isCnAdminCode('11010')).toBe(false);
    expect(isCnAdminCode('1101010010')).toBe(false);
  });
});

describe('createFormValidator', () => {
  it('accepts valid data', () => {
    const v = createFormValidator();
    expect(v.validate(FORM, VALID_ENTRY)).toEqual({ valid: true, errors: [] });
  });

  it('reports required fields at the pointer of the missing property, named by title', () => {
    const v = createFormValidator();
    const r = v.validate(FORM, { gender: 'M' });
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      { pointer: '/name', code: 'CF_FORMS_REQUIRED', message: '请填写姓名（此项必填）' },
      { pointer: '/idNo', code: 'CF_FORMS_REQUIRED', message: '请填写身份证号（此项必填）' },
    ]);
    const en = v.validate(FORM, { gender: 'M' }, { locale: 'en' });
    expect(en.errors[0]).toEqual({
      pointer: '/name',
      code: 'CF_FORMS_REQUIRED',
      message: '姓名: this field is required; please fill it in',
    });
  });

  it('distinguishes the reasons an ID number fails, in both locales', () => {
    const v = createFormValidator();
    const cases: [string, FormsErrorCode][] = [
      [BAD_CHECKSUM_ID, 'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM'],
      ['11010119800101001', 'CF_FORMS_FORMAT_CN_ID_CARD_LENGTH'],
      ['11010119800101001A', 'CF_FORMS_FORMAT_CN_ID_CARD_CHARACTERS'],
      [syntheticId('11010119800230001'), 'CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE'],
    ];
    for (const [idNo, code] of cases) {
      const r = v.validate(FORM, { ...VALID_ENTRY, idNo });
      expect(r.errors, idNo).toEqual([{ pointer: '/idNo', code, message: expect.stringMatching(/^身份证号：/) }]);
    }
    expect(v.validate(FORM, { ...VALID_ENTRY, idNo: BAD_CHECKSUM_ID }).errors[0]?.message).toBe(
      '身份证号：校验位不正确，请核对最后一位',
    );
    expect(v.validate(FORM, { ...VALID_ENTRY, idNo: BAD_CHECKSUM_ID }, { locale: 'en' }).errors[0]?.message).toBe(
      '身份证号: the check digit is wrong; please check the last character',
    );
  });

  it('uses the configured locale by default and lets a call override it', () => {
    const v = createFormValidator({ locale: 'en' });
    const data = { ...VALID_ENTRY, age: 17 };
    expect(v.validate(FORM, data).errors[0]?.message).toBe(
      '年龄: must be 18 or more; please enter a value of at least 18',
    );
    expect(v.validate(FORM, data, { locale: 'zh-CN' }).errors[0]?.message).toBe(
      '年龄：不能小于 18，请填写不小于 18 的数值',
    );
  });

  it('future birth dates need a reference date', () => {
    const data = { ...VALID_ENTRY, idNo: ELIGIBLE_ON_ELECTION_DAY };
    expect(createFormValidator().validate(FORM, data).valid).toBe(true);
    const r = createFormValidator({ today: '2009-05-27' }).validate(FORM, data);
    expect(r.errors).toEqual([
      {
        pointer: '/idNo',
        code: 'CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE_FUTURE',
        message: '身份证号：第 7–14 位的出生日期晚于今天，请核对',
      },
    ]);
    let today = '2009-05-27';
    const clocked = createFormValidator({ today: () => today });
    expect(clocked.validate(FORM, data).valid).toBe(false);
    today = '2009-05-28';
    expect(clocked.validate(FORM, data).valid).toBe(true);
    expect(() => createFormValidator({ today: '2027-02-30' })).toThrow(RangeError);
  });

  it('accepts a lowercase x and leaves the data unchanged', () => {
    const v = createFormValidator();
    const data = { ...VALID_ENTRY, idNo: syntheticId('11010119800101007').toLowerCase() };
    expect(v.validate(FORM, data).valid).toBe(true);
    expect(data.idNo.endsWith('x')).toBe(true);
  });

  it('validates phone formats with +86, dashes and landlines', () => {
    const v = createFormValidator();
    expect(v.validate(FORM, { ...VALID_ENTRY, mobile: '+86 138-0000-0000', phone: '010-12345678' }).valid).toBe(true);
    expect(v.validate(FORM, { ...VALID_ENTRY, phone: '+86-13800000000' }).valid).toBe(true);
    const r = v.validate(FORM, { ...VALID_ENTRY, mobile: '010-12345678', phone: '12345' });
    expect(r.errors).toEqual([
      {
        pointer: '/mobile',
        code: 'CF_FORMS_FORMAT_CN_MOBILE',
        message: '手机号码：手机号码无效，请填写以 1 开头的 11 位手机号码',
      },
      {
        pointer: '/phone',
        code: 'CF_FORMS_FORMAT_CN_PHONE',
        message: '联系电话：电话号码无效，请填写 11 位手机号码或带区号的固定电话（如 010-12345678）',
      },
    ]);
  });

  it('never coerces types', () => {
    const v = createFormValidator();
    const r = v.validate(FORM, { ...VALID_ENTRY, age: '18' });
    expect(r.errors).toEqual([{ pointer: '/age', code: 'CF_FORMS_TYPE', message: '年龄：应填写整数，请修改' }]);
    expect(v.validate({ type: 'integer' }, '5').errors[0]?.code).toBe('CF_FORMS_TYPE');
    expect(v.validate({ type: 'integer' }, 5.5).errors[0]?.code).toBe('CF_FORMS_TYPE');
    expect(v.validate({ type: 'boolean' }, 'true').valid).toBe(false);
    expect(v.validate({ type: 'string' }, 5).valid).toBe(false);
    expect(v.validate({ type: ['string', 'null'], title: '备注' }, 5, { locale: 'en' }).errors[0]?.message).toBe(
      '备注: must be text or empty; please correct it',
    );
  });

  it('does not write defaults into the data', () => {
    const v = createFormValidator();
    const schema = { type: 'object', properties: { status: { type: 'string', default: 'new' } } };
    const data = {};
    expect(v.validate(schema, data).valid).toBe(true);
    expect(data).toEqual({});
  });

  it('lists option titles for oneOf const, and values for enum', () => {
    const v = createFormValidator();
    expect(v.validate(FORM, { ...VALID_ENTRY, gender: 'X' }).errors).toEqual([
      { pointer: '/gender', code: 'CF_FORMS_ENUM', message: '性别：所填内容不在可选范围内，请从选项中选择（男、女）' },
    ]);
    expect(v.validate(FORM, { ...VALID_ENTRY, gender: 'X' }, { locale: 'en' }).errors[0]?.message).toBe(
      '性别: this value is not one of the options; please choose one of: 男, 女',
    );
    const r = v.validate({ type: 'object', properties: { level: { type: 'string', title: '等级', enum: ['红', '橙', '黄'] } } }, { level: '绿' });
    expect(r.errors).toEqual([
      { pointer: '/level', code: 'CF_FORMS_ENUM', message: '等级：所填内容不在可选范围内，请从选项中选择（红、橙、黄）' },
    ]);
  });

  it('names the additional field', () => {
    const v = createFormValidator();
    const r = v.validate(FORM, { ...VALID_ENTRY, 'a/b': 1 });
    expect(r.errors).toEqual([
      { pointer: '/a~1b', code: 'CF_FORMS_ADDITIONAL_PROPERTIES', message: '不允许的字段 a/b，请删除该字段' },
    ]);
    expect(v.validate(FORM, { ...VALID_ENTRY, extra: 1 }, { locale: 'en' }).errors[0]?.message).toBe(
      'Field extra is not allowed; please remove it',
    );
  });

  it('falls back to the property name when there is no title', () => {
    const v = createFormValidator();
    expect(v.validate(FORM, { ...VALID_ENTRY, nickname: 3 }).errors[0]?.message).toBe('nickname：应填写文本，请修改');
  });

  it('covers the usual keywords with stable codes and pointers', () => {
    const v = createFormValidator();
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'number', title: '得分', exclusiveMinimum: 0, exclusiveMaximum: 100 },
        amount: { type: 'number', title: '金额', multipleOf: 0.01 },
        name: { type: 'string', title: '姓名', minLength: 2, maxLength: 4 },
        code: { type: 'string', title: '编号', pattern: '^[A-Z]{2}\\d{4}$' },
        agree: { type: 'boolean', title: '同意书', const: true },
        kind: { type: 'string', title: '类型', const: '调解' },
        tags: { type: 'array', title: '标签', items: { type: 'string' }, minItems: 2, maxItems: 3, uniqueItems: true },
        members: {
          type: 'array',
          title: '家庭成员',
          items: { type: 'object', properties: { phone: { type: 'string', title: '电话', format: 'cn-phone' } } },
        },
        day: { type: 'string', title: '日期', format: 'date', formatMinimum: '2027-01-01' },
        mail: { type: 'string', title: '邮箱', format: 'email' },
        org: { type: 'string', title: '信用代码', format: 'cn-uscc' },
        area: { type: 'string', title: '区划', format: 'cn-admin-code' },
      },
    };
    const expectOne = (data: object, pointer: string, code: FormsErrorCode, message?: string): void => {
      const r = v.validate(schema, data);
      expect(r.errors, JSON.stringify(data)).toEqual([{ pointer, code, message: message ?? expect.any(String) }]);
    };
    expectOne({ score: 0 }, '/score', 'CF_FORMS_EXCLUSIVE_MINIMUM', '得分：必须大于 0，请填写大于 0 的数值');
    expectOne({ score: 100 }, '/score', 'CF_FORMS_EXCLUSIVE_MAXIMUM', '得分：必须小于 100，请填写小于 100 的数值');
    expect(v.validate(schema, { amount: 1.15 }).valid).toBe(true); // no floating-point false alarm
    expectOne({ amount: 1.005 }, '/amount', 'CF_FORMS_MULTIPLE_OF', '金额：必须是 0.01 的整数倍，请调整数值');
    expectOne({ name: '张' }, '/name', 'CF_FORMS_MIN_LENGTH', '姓名：至少需要 2 个字符，请补充完整');
    expectOne({ name: '欧阳娜娜娜' }, '/name', 'CF_FORMS_MAX_LENGTH', '姓名：最多 4 个字符，请删减');
    expect(v.validate(schema, { name: '𠀀𠀀' }).valid).toBe(true); // characters, not UTF-16 units
    expectOne({ code: 'ab12' }, '/code', 'CF_FORMS_PATTERN', '编号：格式不符合要求，请检查后重新填写');
    expectOne({ agree: false }, '/agree', 'CF_FORMS_MUST_CONFIRM', '同意书：需要确认，请勾选');
    expectOne({ kind: '仲裁' }, '/kind', 'CF_FORMS_CONST', '类型：只能填写 调解，请修改');
    expectOne({ tags: ['a'] }, '/tags', 'CF_FORMS_MIN_ITEMS', '标签：至少需要 2 项，请补充');
    expectOne({ tags: ['a', 'b', 'c', 'd'] }, '/tags', 'CF_FORMS_MAX_ITEMS', '标签：最多 3 项，请删除多余的项');
    expectOne({ tags: ['a', 'b', 'a'] }, '/tags', 'CF_FORMS_UNIQUE_ITEMS', '标签：第 1 项与第 3 项重复，请删除重复项');
    expectOne({ members: [{ phone: '010-12345678' }, { phone: '12' }] }, '/members/1/phone', 'CF_FORMS_FORMAT_CN_PHONE');
    expectOne({ day: '2027-02-30' }, '/day', 'CF_FORMS_FORMAT_DATE', '日期：日期无效，请按“年-月-日”格式填写，如 2027-05-28');
    expectOne({ day: '2026-12-31' }, '/day', 'CF_FORMS_FORMAT_MINIMUM', '日期：不能早于 2027-01-01，请修改');
    expectOne({ mail: 'not-an-email' }, '/mail', 'CF_FORMS_FORMAT_EMAIL');
    expect(v.validate(schema, { org: PASSING_USCC[0], area: '110101' }).valid).toBe(true);
    expectOne({ org: '91110101MA00000019' }, '/org', 'CF_FORMS_FORMAT_CN_USCC_CHECKSUM', '信用代码：校验位不正确，请核对最后一位');
    expectOne({ area: '990101' }, '/area', 'CF_FORMS_FORMAT_CN_ADMIN_CODE');
  });

  it('names list items without a title by position', () => {
    const v = createFormValidator();
    const schema = { type: 'object', properties: { phones: { type: 'array', title: '电话', items: { type: 'string', format: 'cn-phone' } } } };
    expect(v.validate(schema, { phones: ['010-12345678', 'x'] }).errors).toEqual([
      {
        pointer: '/phones/1',
        code: 'CF_FORMS_FORMAT_CN_PHONE',
        message: '电话第 2 项：电话号码无效，请填写 11 位手机号码或带区号的固定电话（如 010-12345678）',
      },
    ]);
  });

  it('reports conditional requirements once, at the missing field, with titles from the parent', () => {
    const v = createFormValidator();
    const schema = {
      type: 'object',
      properties: {
        hasAgent: { type: 'boolean', title: '是否委托代理人' },
        agentName: { type: 'string', title: '代理人姓名' },
        email: { type: 'string', title: '邮箱' },
        emailConsent: { type: 'boolean', title: '同意邮件通知' },
      },
      if: { properties: { hasAgent: { const: true } }, required: ['hasAgent'] },
      then: { required: ['agentName'] },
      dependentRequired: { email: ['emailConsent'] },
    };
    expect(v.validate(schema, { hasAgent: true, email: 'a@example.com' }).errors).toEqual([
      { pointer: '/agentName', code: 'CF_FORMS_REQUIRED', message: '请填写代理人姓名（此项必填）' },
      {
        pointer: '/emailConsent',
        code: 'CF_FORMS_DEPENDENT_REQUIRED',
        message: '请填写同意邮件通知（填写了邮箱时此项必填）',
      },
    ]);
    expect(v.validate(schema, { hasAgent: false }).valid).toBe(true);
  });

  it('uses titles behind local $refs', () => {
    const v = createFormValidator();
    const schema = {
      type: 'object',
      $defs: { idNo: { type: 'string', title: '身份证号', format: 'cn-id-card' } },
      properties: {
        applicant: { $ref: '#/$defs/idNo' },
        agent: { $ref: '#/$defs/idNo', title: '代理人身份证号' },
      },
    };
    const r = v.validate(schema, { applicant: BAD_CHECKSUM_ID, agent: BAD_CHECKSUM_ID });
    expect(r.errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/applicant', '身份证号：校验位不正确，请核对最后一位'],
      ['/agent', '代理人身份证号：校验位不正确，请核对最后一位'],
    ]);
  });

  it('summarises generic oneOf/anyOf/not and falls back for other keywords', () => {
    const v = createFormValidator();
    const schema = {
      type: 'object',
      properties: {
        contact: { title: '联系方式', anyOf: [{ type: 'string', format: 'cn-mobile' }, { type: 'string', format: 'email' }] },
        amount: { title: '数量', oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }] },
        word: { type: 'string', title: '口令', not: { const: 'admin' } },
        pair: {
          type: 'array',
          title: '坐标',
          prefixItems: [{ type: 'number' }, { type: 'number' }],
          minItems: 2,
          items: false,
        },
        locked: { type: 'string', title: '锁定', allOf: [false] },
        retired: false,
      },
    };
    const r = v.validate(schema, {
      contact: 'x',
      amount: 1.5,
      word: 'admin',
      pair: [1, 2, 3],
      locked: 'x',
      retired: 1,
    });
    expect(r.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/contact', 'CF_FORMS_ANY_OF'],
      ['/amount', 'CF_FORMS_ONE_OF'],
      ['/word', 'CF_FORMS_NOT'],
      ['/pair', 'CF_FORMS_MAX_ITEMS'],
      ['/locked', 'CF_FORMS_INVALID'],
      ['/retired', 'CF_FORMS_ADDITIONAL_PROPERTIES'],
    ]);
    expect(r.errors[3]?.message).toBe('坐标：最多 2 项，请删除多余的项');
    expect(r.errors[4]?.message).toBe('锁定：填写内容不符合要求，请检查');
    expect(r.errors[5]?.message).toBe('不允许的字段 retired，请删除该字段');
  });

  describe('x-cn-min-age', () => {
    const voterForm = {
      type: 'object',
      required: ['idNo'],
      properties: {
        idNo: { type: 'string', title: '身份证号', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: ELECTION_DAY } },
      },
    };

    it('accepts a person who turns 18 on election day and rejects one who turns 18 the day after', () => {
      const v = createFormValidator();
      expect(v.validate(voterForm, { idNo: ELIGIBLE_ON_ELECTION_DAY }).valid).toBe(true);
      for (const id of PASSING_IDS.filter((id) => id !== '110101200903010036')) {
        expect(v.validate(voterForm, { idNo: id }).valid, id).toBe(true);
      }
      expect(v.validate(voterForm, { idNo: NOT_ELIGIBLE_ON_ELECTION_DAY }).errors).toEqual([
        {
          pointer: '/idNo',
          code: 'CF_FORMS_MIN_AGE',
          message: '身份证号：截至 2027-05-28 未满 18 周岁，不符合条件，请核对身份证号',
        },
      ]);
      expect(v.validate(voterForm, { idNo: NOT_ELIGIBLE_ON_ELECTION_DAY }, { locale: 'en' }).errors[0]?.message).toBe(
        '身份证号: the person is not yet 18 years old on 2027-05-28; please check the ID number',
      );
    });

    it('leaves a malformed number to the format check', () => {
      const v = createFormValidator();
      expect(v.validate(voterForm, { idNo: BAD_CHECKSUM_ID }).errors.map((e) => e.code)).toEqual([
        'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM',
      ]);
    });

    it('rejects a person born after the date', () => {
      const v = createFormValidator();
      const schema = {
        type: 'string',
        format: 'cn-id-card',
        'x-cn-min-age': { age: 0, on: '2009-05-27' },
      };
      expect(v.validate(schema, ELIGIBLE_ON_ELECTION_DAY).errors.map((e) => e.code)).toEqual(['CF_FORMS_MIN_AGE']);
    });

    it('requires format cn-id-card and a real date', () => {
      const v = createFormValidator();
      expect(() => v.validate({ type: 'string', 'x-cn-min-age': { age: 18, on: ELECTION_DAY } }, 'x')).toThrow(
        /x-cn-min-age.*cn-id-card/,
      );
      expect(() =>
        v.validate({ type: 'string', format: 'cn-id-card', 'x-cn-min-age': { age: 18, on: '2027-02-30' } }, 'x'),
      ).toThrow(FormSchemaError);
      expect(() =>
        v.validate({ type: 'string', format: 'cn-id-card', 'x-cn-min-age': { age: 18 } }, 'x'),
      ).toThrow(FormSchemaError);
    });
  });

  describe('invalid schemas', () => {
    const v = createFormValidator();
    const caught = (schema: object): FormSchemaError => {
      try {
        v.validate(schema, {});
      } catch (err) {
        expect(err).toBeInstanceOf(FormSchemaError);
        return err as FormSchemaError;
      }
      throw new Error('expected validate() to throw');
    };

    it('throws CF_FORMS_SCHEMA_INVALID saying what and where', () => {
      const typo = caught({ type: 'object', properties: { name: { type: 'string', minLenght: 2 } } });
      expect(typo.code).toBe('CF_FORMS_SCHEMA_INVALID');
      expect(typo.message).toMatch(/^CF_FORMS_SCHEMA_INVALID: Invalid form schema/);
      expect(typo.message).toContain('at /properties/name: unknown keyword "minLenght"');
      expect(typo.localized['zh-CN']).toMatch(/^表单定义（JSON Schema）无效：.*minLenght/);
      expect(typo.details).toHaveLength(1);

      const badValue = caught({ type: 'object', properties: { age: { type: 'integer', minimum: '18' } } });
      expect(badValue.code).toBe('CF_FORMS_SCHEMA_INVALID');
      expect(badValue.message).toContain('/properties/age/minimum');

      const badFormat = caught({ type: 'object', properties: { d: { type: 'string', format: 'cn-passport' } } });
      expect(badFormat.message).toContain('unknown format "cn-passport"');
      expect(badFormat.message).toContain('/properties/d');

      const untyped = caught({ type: 'object', properties: { d: { minLength: 1 } } });
      expect(untyped.message).toContain('/properties/d');
    });

    it('rejects a non-object schema', () => {
      expect(() => v.validate(null as unknown as object, {})).toThrow(FormSchemaError);
      expect(() => v.validate([] as unknown as object, {})).toThrow(/CF_FORMS|JSON Schema/);
    });

    it('accepts x- annotations and the usual annotation keywords', () => {
      const schema = {
        type: 'object',
        title: '表单',
        description: '说明',
        'x-layout': { columns: 2 },
        properties: { a: { type: 'string', title: 'A', description: 'd', examples: ['e'], 'x-widget': 'textarea' } },
      };
      expect(v.validate(schema, { a: 'x' }).valid).toBe(true);
    });
  });

  describe('caching', () => {
    it('compiles a schema once per object and once per JSON text', () => {
      const v = createFormValidator();
      v.validate({ type: 'string' }, 'warm-up'); // Ajv compiles its meta-schema on first use
      const compile = vi.spyOn(Ajv2020.prototype, 'compile');
      const schema = { type: 'object', properties: { n: { type: 'integer' } } };
      v.validate(schema, { n: 1 });
      v.validate(schema, { n: 2 });
      expect(compile).toHaveBeenCalledTimes(1);
      const copy = JSON.parse(JSON.stringify(schema)) as object;
      expect(v.validate(copy, { n: 'x' }).valid).toBe(false);
      expect(compile).toHaveBeenCalledTimes(1);
      v.validate({ type: 'object', properties: { n: { type: 'string' } } }, { n: 'x' });
      expect(compile).toHaveBeenCalledTimes(2);
    });

    it('keeps schemas with the same $id apart', () => {
      const v = createFormValidator();
      // An $id names a form (urn:); an http(s) $id is refused by the safety check (checkAuthoredSchema).
      const v1 = { $id: 'urn:civicflow:form:f', type: 'object', properties: { n: { type: 'integer' } } };
      const v2 = { $id: 'urn:civicflow:form:f', type: 'object', properties: { n: { type: 'string' } } };
      expect(v.validate(v1, { n: 1 }).valid).toBe(true);
      expect(v.validate(v2, { n: 1 }).valid).toBe(false);
      expect(v.validate(v2, { n: 'a' }).valid).toBe(true);
      expect(v.validate(v1, { n: 'a' }).valid).toBe(false);
    });

    it('works with recursive local $refs', () => {
      const v = createFormValidator();
      const tree = {
        type: 'object',
        properties: { name: { type: 'string', title: '名称' }, children: { type: 'array', items: { $ref: '#' } } },
      };
      const r = v.validate(tree, { name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] });
      expect(r.errors).toEqual([{ pointer: '/children/0/children/0/name', code: 'CF_FORMS_TYPE', message: '名称：应填写文本，请修改' }]);
      expect(v.validate(tree, { name: 'a', children: [] }).valid).toBe(true);
    });
  });
});

describe('FORMS_ERROR_CODES', () => {
  it('has both locales for every code, and every code produced is listed', () => {
    for (const [code, template] of Object.entries(FORMS_ERROR_CODES)) {
      expect(code).toMatch(/^CF_FORMS_[A-Z0-9_]+$/);
      expect(template['zh-CN'].length, code).toBeGreaterThan(0);
      expect(template.en.length, code).toBeGreaterThan(0);
      const zhPlaceholders = template['zh-CN'].match(/\{\w+\}/g)?.sort();
      const enPlaceholders = template.en.match(/\{\w+\}/g)?.sort();
      expect(new Set(zhPlaceholders), code).toEqual(new Set(enPlaceholders));
    }
    expect(renderFormsMessage('CF_FORMS_REQUIRED', { field: '姓名' })).toBe('请填写姓名（此项必填）');
  });

  it('lists the civicflow formats', () => {
    expect(CN_FORMAT_NAMES).toEqual(['cn-id-card', 'cn-uscc', 'cn-mobile', 'cn-phone', 'cn-admin-code', 'cf-attachment']);
  });
});

describe('regression: the same x- annotation in two places or two schemas', () => {
  it('accepts x-file used twice in one schema and again in another', () => {
    const v = createFormValidator();
    const a = { type: 'object', properties: { f: { type: 'string', 'x-file': true } } };
    const b = { type: 'object', properties: { g: { type: 'string', 'x-file': true }, h: { type: 'string', 'x-file': { accept: 'image/*' } } } };
    expect(v.validate(a, {}).valid).toBe(true);
    expect(v.validate(b, {}).valid).toBe(true);
  });
});

describe('cf-attachment: file fields carry an attachment id, never file bytes', () => {
  it('accepts an attachment id and refuses base64 or a file name with a message that says to upload again', () => {
    const v = createFormValidator();
    const schema = { type: 'object', properties: { letter: { type: 'string', title: '书面委托书', format: 'cf-attachment', 'x-cf-accept': ['application/pdf'] } } };
    expect(v.validate(schema, { letter: 'att_0123456789' }).valid).toBe(true);
    const r = v.validate(schema, { letter: 'data:application/pdf;base64,JVBERi0xLjQK' });
    expect(r.errors[0]).toMatchObject({ pointer: '/letter', code: 'CF_FORMS_FORMAT_CF_ATTACHMENT' });
    expect(r.errors[0]!.message).toBe('书面委托书：附件未上传成功，请重新上传文件');
  });
});

describe('regression: fields named like Object.prototype members', () => {
  it('a required field called toString is missing when not given, and constructor is checked only when present', () => {
    const v = createFormValidator();
    const schema = { type: 'object', required: ['toString'], properties: { toString: { type: 'string' }, constructor: { type: 'string' } } };
    expect(v.validate(schema, { constructor: 'x' }).errors.map((e) => e.pointer)).toEqual(['/toString']);
    expect(v.validate(schema, { toString: 'a' }).valid).toBe(true);
  });
});
