import type { FormValidator } from '../../src/index.js';

/**
 * A small adapter of the engine's validator port for the engine's own unit tests, which must not
 * depend on @civicflow/forms (forms depends on the engine). It checks `required` and primitive
 * `type`s at the top level — enough to prove the engine refuses data its validator rejects. The
 * full Ajv validator runs in the examples' scenario tests.
 */
export const requiredFieldsValidator: FormValidator = {
  validate(schema, data) {
    const s = schema as { required?: string[]; properties?: Record<string, { type?: string }> };
    const errors: { pointer: string; code: string; message: string }[] = [];
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { valid: false, errors: [{ pointer: '', code: 'CF_FORMS_TYPE', message: 'form data must be an object' }] };
    }
    const d = data as Record<string, unknown>;
    for (const key of s.required ?? []) if (d[key] === undefined) errors.push({ pointer: `/${key}`, code: 'CF_FORMS_REQUIRED', message: `${key} is required` });
    for (const [key, p] of Object.entries(s.properties ?? {})) {
      const v = d[key];
      if (v === undefined || !p.type) continue;
      const ok = p.type === 'integer' ? Number.isInteger(v) : p.type === 'array' ? Array.isArray(v) : p.type === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v) : typeof v === p.type;
      if (!ok) errors.push({ pointer: `/${key}`, code: 'CF_FORMS_TYPE', message: `${key} must be ${p.type}` });
    }
    return { valid: errors.length === 0, errors };
  },
};
