/** What a new field id (a property key) must look like. */
export const FIELD_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Property keys no form may use, new or old (they can tamper with object prototypes; the
 * validator refuses them as `CF_FORMS_SCHEMA_FORBIDDEN_KEY`).
 */
export const RESERVED_FIELD_IDS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** True when `id` may be given to a new or renamed field. */
export function isValidFieldId(id: string): boolean {
  return FIELD_ID_PATTERN.test(id) && !RESERVED_FIELD_IDS.includes(id);
}
