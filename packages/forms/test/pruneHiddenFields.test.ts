import { describe, expect, it } from 'vitest';
import { createFormValidator } from '../src/index.js';

// A session record (B-F4): invitees need their consent only when there are invitees; a
// termination reason appears only when the result is "terminated", and its detail only for "other".
const schema = {
  type: 'object',
  properties: {
    result: { type: 'string', title: '本次结果', enum: ['继续调解', '达成协议', '终止'] },
    has_invitees: { type: 'boolean', title: '邀请参与人' },
    parties: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, is_unit: { type: 'boolean' } },
      allOf: [{ if: { properties: { is_unit: { const: true } }, required: ['is_unit'] }, then: { properties: { uscc: { type: 'string', format: 'cn-uscc' } }, required: ['uscc'] } }] } },
  },
  required: ['result'],
  allOf: [
    { if: { properties: { has_invitees: { const: true } }, required: ['has_invitees'] }, then: { properties: { invitee_consent: { type: 'boolean', const: true, title: '当事人同意邀请' } }, required: ['invitee_consent'] } },
    { if: { properties: { result: { const: '终止' } }, required: ['result'] }, then: { properties: { reason: { type: 'string', enum: ['一方拒绝', '其他'], title: '终止原因' } }, required: ['reason'] } },
    { if: { properties: { reason: { const: '其他' } }, required: ['reason'] }, then: { properties: { reason_detail: { type: 'string', minLength: 2, title: '说明' } }, required: ['reason_detail'] } },
  ],
  additionalProperties: false,
};

describe('conditional fields: hidden fields are neither required nor kept', () => {
  const v = createFormValidator();
  it('requires a shown conditional field', () => {
    const r = v.validate(schema, v.prepare(schema, { result: '终止' }));
    expect(r.errors.map((e) => e.pointer)).toEqual(['/reason']);
  });
  it('drops the value of a hidden field instead of keeping or refusing it', () => {
    const data = { result: '达成协议', reason: '其他', reason_detail: '已和解', has_invitees: false, invitee_consent: true };
    const prepared = v.prepare(schema, data);
    expect(prepared).toEqual({ result: '达成协议', has_invitees: false });
    expect(v.validate(schema, prepared).valid).toBe(true);
    expect(data.reason).toBe('其他'); // the caller's object is untouched
  });
  it('hides a chain: the detail depends on a reason that is itself hidden', () => {
    expect(v.prepare(schema, { result: '继续调解', reason: '其他', reason_detail: 'x' })).toEqual({ result: '继续调解' });
    expect(v.prepare(schema, { result: '终止', reason: '其他', reason_detail: '调解员回避' })).toEqual({ result: '终止', reason: '其他', reason_detail: '调解员回避' });
  });
  it('applies inside repeatable groups, per item', () => {
    const prepared = v.prepare(schema, { result: '继续调解', parties: [{ name: '张三', is_unit: false, uscc: 'X' }, { name: '某公司', is_unit: true, uscc: '91110101MA00000018' }] });
    expect(prepared).toEqual({ result: '继续调解', parties: [{ name: '张三', is_unit: false }, { name: '某公司', is_unit: true, uscc: '91110101MA00000018' }] });
    expect(v.validate(schema, prepared).valid).toBe(true);
  });
  it('keeps undeclared keys so that the validator names them', () => {
    const r = v.validate(schema, v.prepare(schema, { result: '继续调解', typo_field: 1 }));
    expect(r.errors.map((e) => e.code)).toEqual(['CF_FORMS_ADDITIONAL_PROPERTIES']);
  });
  it('normalises a lowercase x in ID numbers to uppercase', () => {
    const s = { type: 'object', properties: { id: { type: 'string', format: 'cn-id-card' }, others: { type: 'array', items: { type: 'string', format: 'cn-id-card' } } } };
    expect(v.prepare(s, { id: '11010119900307001x', others: ['11010119900307001x'] })).toEqual({ id: '11010119900307001X', others: ['11010119900307001X'] });
  });
});

describe('regression: conditions match with the same formats on the server as in the browser', () => {
  it('a condition on a cn-id-card format holds only for a valid ID number', () => {
    const v = createFormValidator();
    const schema = {
      type: 'object',
      properties: { id: { type: 'string' } },
      allOf: [{ if: { properties: { id: { format: 'cn-id-card' } }, required: ['id'] }, then: { properties: { birth_checked: { type: 'boolean' } } } }],
    };
    expect(v.prepare(schema, { id: '110101198001010010', birth_checked: true })).toEqual({ id: '110101198001010010', birth_checked: true });
    expect(v.prepare(schema, { id: '110101198001010011', birth_checked: true })).toEqual({ id: '110101198001010011' });
  });
});
