import type { LocalizedText } from '@civicflow/engine';
import { MESSAGES, fill } from '../i18n/messages.js';
import type { ErrorBody } from './types.js';

/** Codes the studio gives to failures that produced no error body from the server. */
export const STUDIO_NETWORK_ERROR = 'CF_STUDIO_NETWORK';
export const STUDIO_HTTP_ERROR = 'CF_STUDIO_HTTP';
export const STUDIO_INTERNAL_ERROR = 'CF_STUDIO_INTERNAL';
export const STUDIO_FORM_UNAVAILABLE = 'CF_STUDIO_FORM_UNAVAILABLE';

/**
 * A request that failed, with the server's error body (code, zh-CN/en message, hint, details) or,
 * when there was no answer to read, one of the studio's own codes. Pages show `message` and `hint`
 * in the person's language; code decides what can be done next (never the message text).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localized: LocalizedText;
  readonly hint: LocalizedText | undefined;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(`${body.code}: ${body.message.en}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.localized = body.message;
    this.hint = body.hint;
    this.details = body.details;
  }

  /** No answer at all (offline, server down, connection reset): the outcome is unknown. */
  static network(): ApiError {
    return new ApiError(0, { code: STUDIO_NETWORK_ERROR, message: MESSAGES['error.network'], hint: MESSAGES['error.networkHint'] });
  }

  /** An answer that is not the server's error shape (e.g. a proxy's HTML page). */
  static unexpected(status: number): ApiError {
    const message = { 'zh-CN': fill(MESSAGES['error.http']['zh-CN'], { status }), en: fill(MESSAGES['error.http'].en, { status }) };
    return new ApiError(status, { code: STUDIO_HTTP_ERROR, message, hint: MESSAGES['error.httpHint'] });
  }

  /** Any failure as an ApiError: a bug in the page itself is reported as such (and logged to the console). */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    console.error(error);
    return new ApiError(0, { code: STUDIO_INTERNAL_ERROR, message: MESSAGES['error.internal'], hint: MESSAGES['error.internalHint'] });
  }

  /**
   * True when the request may have been carried out or may succeed if sent again unchanged: no
   * answer, a server failure, or the same submission still running. A submission retried after
   * such an error must reuse its Idempotency-Key.
   */
  get outcomeUnknown(): boolean {
    return this.code === STUDIO_NETWORK_ERROR || this.status >= 500 || this.code === 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS';
  }
}

/** True when `body` has the server's error shape. */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'object' && message !== null
    && typeof (message as { en?: unknown }).en === 'string' && typeof (message as { 'zh-CN'?: unknown })['zh-CN'] === 'string';
}
