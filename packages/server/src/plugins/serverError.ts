import type { LocalizedText } from '@civicflow/engine';
import type { ErrorBody } from '../plugins/httpErrors.js';

/**
 * An error the server itself raises (not the engine), with its own `CF_SERVER_…` code and the
 * HTTP status it answers with. It carries the same parts as every error body: the code, the
 * message in both locales, the fix, and details. `logDetails` go to the log only, never to the
 * client (e.g. the hashes of a tampered row).
 */
export class ServerError extends Error {
  readonly code: string;
  readonly status: number;
  readonly localized: LocalizedText;
  readonly hint: LocalizedText | undefined;
  readonly details: unknown;
  readonly logDetails: Record<string, unknown> | undefined;

  constructor(code: string, status: number, message: LocalizedText, options: { hint?: LocalizedText; details?: unknown; logDetails?: Record<string, unknown> } = {}) {
    super(`${code}: ${message.en}`);
    this.name = 'ServerError';
    this.code = code;
    this.status = status;
    this.localized = message;
    this.hint = options.hint;
    this.details = options.details;
    this.logDetails = options.logDetails;
  }

  /** The response body (the one error shape of errors.plugin). */
  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.localized,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** True when `e` is a ServerError, optionally with the given code. */
export function isServerError(e: unknown, code?: string): e is ServerError {
  return e instanceof ServerError && (code === undefined || e.code === code);
}
