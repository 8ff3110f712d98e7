/**
 * Privacy of API responses (issue 4 §5): personal numbers masked for everyone without the PII
 * role, and every unmasked response audited in `pii_access`.
 */
export { registerPiiResponses } from './piiResponses.js';
export type { PiiResponsesOptions } from './piiResponses.js';
export { maskJsonText } from './maskJsonText.js';
export { listPiiAccess, recordPiiAccess } from './piiAccessLog.js';
export type { PiiAccess } from './piiAccessLog.js';
export { applyStepVisibility, hiddenSteps, registerStepVisibility } from './stepVisibility.js';
export type { StepVisibilityOptions } from './stepVisibility.js';
