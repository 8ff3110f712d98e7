import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { createFormValidator } from '@civicflow/forms';
import { createRjsfValidator, errorPointer } from '@civicflow/forms/react';

const schema: RJSFSchema = {
  type: 'object',
  properties: {
    'a.b': { type: 'string', title: '带点的键', minLength: 2 },
    parties: { type: 'array', title: '当事人', items: { type: 'object', title: '当事人', properties: { id_no: { type: 'string', title: '身份证号', format: 'cn-id-card' } } } },
    kind: { type: 'string', enum: ['P', 'U'] },
  },
  required: ['kind'],
  allOf: [{ if: { type: 'object', properties: { kind: { const: 'U' } }, required: ['kind'] }, then: { type: 'object', properties: { org: { type: 'string', title: '单位名称' } }, required: ['org'] } }],
};

describe('createRjsfValidator', () => {
  it('maps the core errors to rjsf errors and an errorSchema at their pointers, with the same messages as the server', () => {
    const core = createFormValidator();
    const v = createRjsfValidator({ validator: core });
    const data = { 'a.b': 'x', parties: [{ id_no: '110101198001010011' }], kind: 'P' };
    const { errors, errorSchema } = v.validateFormData(data, schema);
    const server = core.validate(schema, core.prepare(schema, data));
    expect(errors.map((e) => e.message)).toEqual(server.errors.map((e) => e.message));
    expect(errors.map((e) => e.name)).toEqual(server.errors.map((e) => e.code));
    const id = errors.find((e) => e.name === 'CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM')!;
    expect(id).toMatchObject({ property: '.parties.0.id_no', message: '身份证号：校验位不正确，请核对最后一位', params: { pointer: '/parties/0/id_no' } });
    expect(errorPointer(id)).toBe('/parties/0/id_no');
    expect((errorSchema as Record<string, unknown>)['a.b']).toEqual({ __errors: ['带点的键：至少需要 2 个字符，请补充完整'] });
    expect((errorSchema as { parties: Record<string, { id_no: { __errors: string[] } }> }).parties['0']!.id_no.__errors).toEqual(['身份证号：校验位不正确，请核对最后一位']);
  });

  it('prepares before validating: a hidden conditional field is neither required nor kept', () => {
    const v = createRjsfValidator();
    expect(v.validateFormData({ kind: 'P', org: '某公司' }, schema).errors).toEqual([]);
    expect(v.prepare(schema, { kind: 'P', org: '某公司' })).toEqual({ kind: 'P' });
    expect(v.validateFormData({ kind: 'U' }, schema).errors.map((e) => e.message)).toEqual(['请填写单位名称（此项必填）']);
  });

  it('speaks English when asked', () => {
    const v = createRjsfValidator({ locale: 'en' });
    expect(v.validateFormData({}, schema).errors[0]!.message).toBe('kind: this field is required; please fill it in');
  });

  it('merges customValidate and applies transformErrors, like rjsf’s own validator', () => {
    const v = createRjsfValidator();
    const result = v.validateFormData(
      { kind: 'P', 'a.b': 'x' },
      schema,
      (_data, errors) => {
        (errors as unknown as Record<string, { addError(m: string): void }>)['kind']?.addError('自定义错误');
        return errors;
      },
      (errors) => errors.filter((e) => e.name !== 'CF_FORMS_MIN_LENGTH'),
    );
    expect(result.errors.map((e) => e.message)).toEqual(['自定义错误']);
    expect((result.errorSchema as { kind: { __errors: string[] } }).kind.__errors).toEqual(['自定义错误']);
  });

  it('turns an invalid schema into one blocking form-level error instead of throwing', () => {
    const v = createRjsfValidator();
    const bad = { type: 'object', properties: { x: { type: 'string', format: 'no-such-format' } } } as RJSFSchema;
    const { errors } = v.validateFormData({}, bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'CF_FORMS_SCHEMA_INVALID', property: '.' });
    expect(v.rawValidation(bad, {}).validationError).toBeInstanceOf(Error);
  });

  it('isValid matches schema fragments (rjsf conditions) leniently, resolving $ref against the root', () => {
    const v = createRjsfValidator();
    expect(v.isValid({ properties: { kind: { const: 'U' } } }, { kind: 'U' }, schema)).toBe(true);
    expect(v.isValid({ properties: { kind: { const: 'U' } } }, { kind: 'P' }, schema)).toBe(false);
    const root = { $defs: { u: { const: 'U' } }, type: 'object' } as RJSFSchema;
    expect(v.isValid({ properties: { kind: { $ref: '#/$defs/u' } } }, { kind: 'U' }, root)).toBe(true);
    expect(v.isValid({ type: 'string', format: 'cn-id-card' }, '110101198001010010', root)).toBe(true);
    expect(v.isValid({ type: 'string', format: 'cn-id-card' }, '110101198001010011', root)).toBe(false);
  });

  it('drops optional groups nobody filled in, but keeps required ones so their errors show', () => {
    const s: RJSFSchema = {
      type: 'object',
      properties: { opt: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, req: { type: 'object', properties: { b: { type: 'string', title: 'B' } }, required: ['b'] } },
      required: ['req'],
    };
    const v = createRjsfValidator();
    expect(v.prepare(s, { opt: {}, req: {} })).toEqual({ req: {} });
    expect(v.validateFormData({ opt: { a: undefined }, req: {} }, s).errors.map((e) => e.message)).toEqual(['请填写B（此项必填）']);
  });

  it('drops a blank group that only a condition of the other branch requires (regression: a person party blocked by the empty legal representative of a unit party)', () => {
    const group = (title: string) => ({ type: 'object', title, properties: { name: { type: 'string', title: `${title}姓名` } }, required: ['name'] });
    const s = {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['P', 'U'] }, name: { type: 'string', title: '姓名' }, legal_rep: group('法定代表人') },
      required: ['kind'],
      allOf: [{ if: { properties: { kind: { const: 'P' } } }, then: { required: ['name'] }, else: { required: ['legal_rep'] } }],
    } as RJSFSchema;
    const v = createRjsfValidator();
    expect(v.prepare(s, { kind: 'P', name: '张三', legal_rep: {} })).toEqual({ kind: 'P', name: '张三' });
    expect(v.validateFormData({ kind: 'P', name: '张三', legal_rep: {} }, s).errors).toEqual([]);
    // For a unit the branch that applies asks for the group itself.
    expect(v.validateFormData({ kind: 'U', legal_rep: {} }, s).errors.map((e) => e.message)).toEqual(['请填写法定代表人（此项必填）']);
  });
});
