/**
 * HTTP hardening (issue 4 §5, issue 7): security headers with a strict CSP, CORS closed unless
 * origins are listed, per-IP rate limits, strict JSON bodies without type coercion.
 * `registerSecurity` wires them into an app; buildApp calls it before any route is registered.
 */
import type { FastifyInstance } from 'fastify';
import { registerCors } from './cors.js';
import { registerRateLimits } from './rateLimits.js';
import type { RateLimitOptions } from './rateLimits.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { registerStrictJson } from './strictJson.js';
import { registerBodyTypeCheck } from './bodyTypes.js';

export interface SecurityOptions {
  /** Served over HTTPS: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Exact origins allowed to call the API with credentials; none by default. */
  corsOrigins?: readonly string[] | undefined;
  /** Per-IP limits; false turns them off. */
  rateLimit?: RateLimitOptions | false | undefined;
}

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await registerSecurityHeaders(app, { https: options.https });
  await registerCors(app, options.corsOrigins ?? []);
  if (options.rateLimit !== false) await registerRateLimits(app, options.rateLimit ?? {});
  // Request bodies (issue 7): strict JSON (no repeated or prototype keys, no NUL, bounded
  // structure), and no type coercion of body values.
  registerStrictJson(app);
  registerBodyTypeCheck(app);
}

export { CSP_DIRECTIVES, registerSecurityHeaders } from './securityHeaders.js';
export { docsCsp, SWAGGER_UI_LOGO_STYLE } from './docsCsp.js';
export type { SecurityHeadersOptions } from './securityHeaders.js';
export { parseCorsOrigins, registerCors } from './cors.js';
export { DEFAULT_DRAFT_VALIDATORS_RATE_LIMIT_PER_MINUTE, DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE, registerRateLimits } from './rateLimits.js';
export type { RateLimitOptions } from './rateLimits.js';
export { securitySettingsFromEnv } from './securityFromEnv.js';
export { DEFAULT_STRICT_JSON_LIMITS, parseStrictJson, registerStrictJson } from './strictJson.js';
export type { StrictJsonLimits } from './strictJson.js';
export { firstTypeMismatch, registerBodyTypeCheck } from './bodyTypes.js';
export type { SecuritySettings } from './securityFromEnv.js';
export { ACCESS_DENIED_EVENT, registerAccessDenialLog } from './accessDenialLog.js';
export type { AccessDenialLine } from './accessDenialLog.js';
