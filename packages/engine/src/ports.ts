import type { Locale } from './i18n.js';

/** One problem found in submitted form data. `pointer` is an RFC 6901 JSON pointer into the data. */
export interface FormValidationError {
  pointer: string;
  code: string;
  message: string;
}

/** Result of validating form data against a form's JSON Schema. */
export interface FormValidationResult {
  valid: boolean;
  errors: FormValidationError[];
}

/**
 * Port through which the engine validates form data before it touches a snapshot.
 * The Ajv-based adapter is `createFormValidator()` from `@civicflow/forms`; the engine itself
 * depends on no validator library.
 */
export interface FormValidator {
  /**
   * Optional: turns submitted data into the data to validate and store — removes the values of
   * hidden conditional fields and normalises values — identically in the browser and on the server.
   */
  prepare?(schema: object, data: unknown): unknown;
  validate(schema: object, data: unknown, options?: { locale?: Locale }): FormValidationResult;
}
