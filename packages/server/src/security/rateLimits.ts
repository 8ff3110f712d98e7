import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServerError } from '../plugins/serverError.js';
import { DRAFT_FORM_VALIDATORS_PATH } from '../routes/forms/draftFormValidatorPaths.js';

/** Per-IP request limits, each per minute; `false` turns one off. */
export interface RateLimitOptions {
  /** Every route. Default 1200 a minute: a whole office behind one NAT address stays well below it. */
  perMinute?: number | false | undefined;
  /** POST /api/auth/login. Default 20 a minute. */
  loginPerMinute?: number | false | undefined;
  /** POST /api/forms/validators (compiles a draft form's validator: CPU-heavy). Default 60 a minute. */
  draftValidatorsPerMinute?: number | false | undefined;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
export const DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE = 20;
/**
 * Compilations of draft forms' validators a minute per address: the form builder's preview asks
 * once per pause in editing (and not again for a form it has seen), far below this; a flood of
 * distinct schemas would otherwise keep the event loop compiling (up to half a second each).
 */
export const DEFAULT_DRAFT_VALIDATORS_RATE_LIMIT_PER_MINUTE = 60;
const LOGIN_PATH = '/api/auth/login';

/**
 * Per-IP rate limits with @fastify/rate-limit (in memory, per process). The login route has its
 * own, tighter limit; it sits in front of the per-(IP, username) failure window of
 * src/auth/loginLimiter.ts and does not replace it. The two stop different attacks: the
 * window stops guessing one account's password (5 failures, then 15 minutes, even from an
 * address that is not flooding) and never slows a user who signs in correctly; the per-IP limit
 * stops one address from trying many usernames (password spraying, which the per-username
 * window never sees) and from burning the server's CPU with scrypt verifications.
 * Both use `request.ip`: behind a reverse proxy set AppOptions.trustProxy, or every client
 * shares the proxy's address and its limits.
 */
export async function registerRateLimits(app: FastifyInstance, options: RateLimitOptions = {}): Promise<void> {
  const perMinute = options.perMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  const loginPerMinute = options.loginPerMinute ?? DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE;
  const draftValidatorsPerMinute = options.draftValidatorsPerMinute ?? DEFAULT_DRAFT_VALIDATORS_RATE_LIMIT_PER_MINUTE;
  if (perMinute === false && loginPerMinute === false && draftValidatorsPerMinute === false) return;
  // Added before the plugin, so it runs before the plugin's own onRoute hook reads the config.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST')) return;
    if (route.url === LOGIN_PATH) {
      route.config = { ...route.config, rateLimit: loginPerMinute === false ? false : { max: loginPerMinute, timeWindow: 60_000, errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) => tooManyLogins(context.ttl) } };
    } else if (route.url === DRAFT_FORM_VALIDATORS_PATH) {
      route.config = { ...route.config, rateLimit: draftValidatorsPerMinute === false ? false : { max: draftValidatorsPerMinute, timeWindow: 60_000 } };
    }
  });
  await app.register(rateLimit, {
    global: perMinute !== false,
    max: perMinute === false ? DEFAULT_RATE_LIMIT_PER_MINUTE : perMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl),
    onExceeded: (request) => request.log.warn({ event: 'rate_limited', route: request.routeOptions.url }, 'rate limit exceeded'),
  });
}

const seconds = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs / 1000));

function tooManyRequests(ttlMs: number): ServerError {
  const s = seconds(ttlMs);
  return new ServerError('CF_SERVER_RATE_LIMITED', 429, {
    'zh-CN': `请求过于频繁，请 ${s} 秒后再试`, en: `too many requests from this address; try again in ${s} second(s)`,
  }, { hint: { 'zh-CN': '稍候片刻再操作；如果整个单位共用一个出口地址，请管理员调高限额', en: 'wait a moment; if a whole office shares one address, ask the administrator to raise the limit' } });
}

function tooManyLogins(ttlMs: number): ServerError {
  const s = seconds(ttlMs);
  return new ServerError('CF_SERVER_RATE_LIMITED', 429, {
    'zh-CN': `此地址登录请求过于频繁，请 ${s} 秒后再试`, en: `too many sign-in requests from this address; try again in ${s} second(s)`,
  }, { hint: { 'zh-CN': '稍候片刻再登录', en: 'wait a moment before signing in again' } });
}
