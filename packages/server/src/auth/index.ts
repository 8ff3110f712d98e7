/**
 * Sign-in for the server (issue 4 §3): users, sessions in a cookie, `request.actor` for every
 * route, and preHandlers to require a session or a role. `registerAuth` wires it into an app.
 */
import type { FastifyInstance } from 'fastify';
import type { Orm } from '../orm/createOrm.js';
import { authRoutes } from '../routes/auth/auth.routes.js';
import { authPlugin } from './authPlugin.js';
import { createLoginLimiter } from './loginLimiter.js';
import type { LoginLimiter, LoginLimiterOptions } from './loginLimiter.js';

export interface RegisterAuthOptions {
  orm: Orm;
  /** Mark the session cookie `Secure` (HTTPS only). Turn on in production behind TLS. Default false. */
  secureCookies?: boolean | undefined;
  /** Session lifetime in seconds. Default 8 hours. */
  sessionTtlSeconds?: number | undefined;
  /** Login throttling: a limiter, or options for the built-in one (5 failures / 15 min per IP and username). */
  loginLimiter?: LoginLimiter | LoginLimiterOptions | undefined;
}

/**
 * Registers the auth plugin (request.actor from the `cf_session` cookie, app-wide) and the
 * routes POST /api/auth/login, POST /api/auth/logout, GET /api/me. Call before `app.ready()`.
 * The client IP used for throttling is `request.ip`: behind a reverse proxy, create fastify
 * with `trustProxy` so it is the client's and not the proxy's.
 */
export async function registerAuth(app: FastifyInstance, options: RegisterAuthOptions): Promise<void> {
  const given = options.loginLimiter;
  const limiter = given && 'blocked' in given ? given : createLoginLimiter(given ?? {});
  await app.register(authPlugin, { orm: options.orm });
  await app.register(authRoutes, { orm: options.orm, limiter, secureCookies: options.secureCookies ?? false, sessionTtlSeconds: options.sessionTtlSeconds });
}

export { ADMIN_ROLE } from './roles.js';
export { authPlugin, currentUser, requireAuth, requireRole } from './authPlugin.js';
export type { AuthPluginOptions } from './authPlugin.js';
export { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies.js';
export { authenticate, normalizeUsername } from './login.js';
export { createLoginLimiter } from './loginLimiter.js';
export type { LoginLimiter, LoginLimiterOptions } from './loginLimiter.js';
export { hashPassword, needsRehash, verifyPassword } from './passwords.js';
export { createSession, DEFAULT_SESSION_TTL_SECONDS, hashToken, loadSession, purgeExpiredSessions, resolveSession, revokeSession, revokeUserSessions } from './sessions.js';
export type { PublicUser, SessionContext } from './sessions.js';
