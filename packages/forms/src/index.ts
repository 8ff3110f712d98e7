/**
 * @packageDocumentation
 * civicflow form toolkit: JSON Schema validation with Chinese formats and zh-CN/en messages.
 * This entry point has no React and no Node APIs; it runs in the browser too.
 */
export { createFormValidator } from './createFormValidator.js';
export { createConfiguredAjv, FORM_AJV_OPTIONS } from './createAjv.js';
export type { CreateConfiguredAjvOptions } from './createAjv.js';
export type { CivicflowFormValidator, CreateFormValidatorOptions } from './createFormValidator.js';
// Validation under a CSP without 'unsafe-eval': modules made by @civicflow/forms/standalone.
export { createPrecompiledFormValidator } from './precompiled/createPrecompiledFormValidator.js';
export type { CreatePrecompiledFormValidatorOptions, PrecompiledFormValidator } from './precompiled/createPrecompiledFormValidator.js';
export { PRECOMPILED_FORM_MODULE_FORMAT } from './precompiled/precompiledFormModule.js';
export type { PrecompiledFormModule } from './precompiled/precompiledFormModule.js';
export { pruneHiddenFields } from './pruneHiddenFields.js';
export type { SchemaMatcher } from './pruneHiddenFields.js';
export { FORM_SCHEMA_INVALID, FormSchemaError } from './schemaError.js';
export { FORMS_ERROR_CODES, renderFormsMessage } from './messages.js';
// Safety checks of schemas authored by users (issue 3 §6), also run by createFormValidator.
export { checkAuthoredSchema } from './safety/checkAuthoredSchema.js';
export type { SchemaProblem } from './safety/schemaProblem.js';
export { DEFAULT_SCHEMA_LIMITS } from './safety/schemaLimits.js';
export type { SchemaLimits } from './safety/schemaLimits.js';
export { regexRisk } from './safety/regexRisk.js';
export type { RegexRisk } from './safety/regexRisk.js';
export type { FormsErrorCode, FormsMessageParams, FormsMessageTemplate } from './messages.js';
export { ageOnDate } from './ageOnDate.js';
export { CN_MIN_AGE_KEYWORD } from './keywords/cnMinAge.js';
export type { CnMinAge } from './keywords/cnMinAge.js';
export {
  CN_FORMAT_NAMES,
  CN_ID_CARD_MIN_BIRTH_YEAR,
  CN_PROVINCE_CODES,
  CN_USCC_ALPHABET,
  checkCnIdCard,
  checkCnUscc,
  cnIdCardBirthDate,
  cnIdCardCheckChar,
  cnUsccCheckChar,
  isCnAdminCode,
  isCnIdCard,
  isCnLandline,
  isCnMobile,
  isCnPhone,
  isCnUscc,
  normalizeCnIdCard,
  normalizeCnMobile,
  ATTACHMENT_ID,
  isAttachmentId,
} from './formats/index.js';
export type { CnFormatName, CnIdCardOptions, CnIdCardProblem, CnUsccProblem } from './formats/index.js';

// Builder model (issue 3 §5): the pure model the React builder drives — import/export of
// JSON Schema + uiSchema with round-trip identity, and undoable edit commands.
export * from './builder/index.js';
