import type { BuilderFieldType } from './model.js';

/** The JSON Schema `format` that makes a string one of these field types. */
export const FORMAT_OF_FIELD_TYPE = {
  date: 'date',
  datetime: 'date-time',
  idCard: 'cn-id-card',
  uscc: 'cn-uscc',
  mobile: 'cn-mobile',
  phone: 'cn-phone',
  adminCode: 'cn-admin-code',
  file: 'cf-attachment',
  photo: 'cf-attachment',
  signature: 'cf-attachment',
} as const satisfies Partial<Record<BuilderFieldType, string>>;

/** Formats a validation rule may add to a string field (those the validator knows). */
export const RULE_FORMATS: readonly string[] = ['date', 'date-time', 'cn-id-card', 'cn-uscc', 'cn-mobile', 'cn-phone', 'cn-admin-code'];

/** The field type of a string with this format (attachments are told apart by other keywords). */
export function fieldTypeOfFormat(format: string): 'date' | 'datetime' | 'idCard' | 'uscc' | 'mobile' | 'phone' | 'adminCode' | 'attachment' | undefined {
  switch (format) {
    case 'date':
      return 'date';
    case 'date-time':
      return 'datetime';
    case 'cn-id-card':
      return 'idCard';
    case 'cn-uscc':
      return 'uscc';
    case 'cn-mobile':
      return 'mobile';
    case 'cn-phone':
      return 'phone';
    case 'cn-admin-code':
      return 'adminCode';
    case 'cf-attachment':
      return 'attachment';
    default:
      return undefined;
  }
}
