import { ServerError } from '../plugins/serverError.js';
import { parseCorsOrigins } from './cors.js';
import type { RateLimitOptions } from './rateLimits.js';

/** The hardening settings of src/server.ts, from its environment. */
export interface SecuritySettings {
  secureCookies: boolean;
  corsOrigins: string[];
  rateLimit: RateLimitOptions;
  trustProxy?: boolean | string[];
}

/**
 * SECURE_COOKIES=1 (served over HTTPS: Secure cookie, HSTS), CORS_ORIGINS (comma-separated exact
 * origins), RATE_LIMIT_PER_MINUTE, LOGIN_RATE_LIMIT_PER_MINUTE and DRAFT_VALIDATORS_RATE_LIMIT_PER_MINUTE (a number, or `off`),
 * TRUST_PROXY (`true`, or comma-separated proxy addresses/CIDRs). A malformed value stops the
 * server at start rather than running with a setting nobody asked for.
 */
export function securitySettingsFromEnv(env: Record<string, string | undefined>): SecuritySettings {
  const trust = env['TRUST_PROXY']?.trim();
  return {
    secureCookies: env['SECURE_COOKIES'] === '1' || env['SECURE_COOKIES'] === 'true',
    corsOrigins: parseCorsOrigins(env['CORS_ORIGINS']),
    rateLimit: {
      perMinute: limit(env, 'RATE_LIMIT_PER_MINUTE'),
      loginPerMinute: limit(env, 'LOGIN_RATE_LIMIT_PER_MINUTE'),
      draftValidatorsPerMinute: limit(env, 'DRAFT_VALIDATORS_RATE_LIMIT_PER_MINUTE'),
    },
    ...(trust ? { trustProxy: trust === 'true' ? true : trust.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
  };
}

function limit(env: Record<string, string | undefined>, name: string): number | false | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (value === 'off') return false;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new ServerError('CF_SERVER_CONFIG_INVALID', 500, { 'zh-CN': `环境变量 ${name} 无效：${JSON.stringify(value)}`, en: `invalid ${name}: ${JSON.stringify(value)}` }, {
    hint: { 'zh-CN': '写一个正整数（每分钟每个地址的请求数），或 off 关闭', en: 'set a positive integer (requests per minute per address), or off' },
  });
}
