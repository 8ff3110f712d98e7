import Ajv2020, { _ } from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/2020.js';
import { createConfiguredAjv } from '../createAjv.js';
import { CN_MIN_AGE_KEYWORD } from '../keywords/cnMinAge.js';
import { cnMinAgeCodeKeyword } from './cnMinAgeCodeKeyword.js';

/**
 * Ajv that keeps the source of what it compiles (`code.source`, for `ajv/dist/standalone`) and
 * refers to every format as `cfRuntime.formats[name]`: the generated module defines `cfRuntime`
 * with ajv-formats' formats and civicflow's (civicflowChecksSource.ts). ajv-formats leaves a
 * `code.formats` that is already set alone. CommonJS-style export statements (`esm` only changes
 * those), because the module wraps each standalone chunk in its own function scope (see
 * compileFormValidatorModule). No meta-schema validation: the schema has just passed
 * `createFormValidator`'s, and compiling the meta-schema in every fresh instance would cost
 * ten times the form's own compilation; it does not change the generated code.
 */
class SourceKeepingAjv extends Ajv2020 {
  constructor(options: Options) {
    super({ ...options, validateSchema: false, code: { ...options.code, source: true, esm: false, formats: _`cfRuntime.formats` } });
  }
}

/**
 * An Ajv configured exactly like `createConfiguredAjv({ lenient })` — same options, formats and
 * keyword order — whose compiled validators can be written out as standalone code: only
 * `x-cn-min-age` is swapped for its code-generating twin (removed and added again, it stays the
 * last rule of the string group, as in the runtime instance).
 */
export function createStandaloneAjv(lenient: boolean): Ajv2020 {
  const ajv = createConfiguredAjv({ AjvClass: SourceKeepingAjv, lenient });
  ajv.removeKeyword(CN_MIN_AGE_KEYWORD);
  ajv.addKeyword(cnMinAgeCodeKeyword);
  return ajv;
}
