import type { FastifyInstance } from 'fastify';
import type { Orm } from '../../orm/createOrm.js';
import { BAD_CREDENTIALS, ERROR_SCHEMA, sendError, tooManyAttempts, UNAUTHENTICATED } from '../../auth/authErrors.js';
import { requireAuth } from '../../auth/authPlugin.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../../auth/cookies.js';
import { authenticate } from '../../auth/login.js';
import type { LoginLimiter } from '../../auth/loginLimiter.js';
import { createSession, DEFAULT_SESSION_TTL_SECONDS, loadSession, revokeSession } from '../../auth/sessions.js';

export interface AuthRoutesOptions {
  orm: Orm;
  limiter: LoginLimiter;
  secureCookies: boolean;
  sessionTtlSeconds?: number | undefined;
}

/** The public user view; `additionalProperties: false` makes the serializer drop anything else (ID numbers, hashes). */
const USER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'username', 'displayName', 'orgUnit', 'roles'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    orgUnit: { type: 'string', description: 'primary org unit path, e.g. county:huaxi/town:qingshi' },
    orgUnitName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const;
const USER_RESPONSE = { type: 'object', additionalProperties: false, required: ['user'], properties: { user: USER_SCHEMA } } as const;

interface LoginBody { username: string; password: string }

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/me. Needs `authPlugin` registered on
 * the app (request.actor). Sessions are cookies (`cf_session`, httpOnly, SameSite=Strict).
 */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const ttl = options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  const cookieOptions = { secure: options.secureCookies };

  app.post<{ Body: LoginBody }>('/api/auth/login', {
    schema: {
      summary: 'Sign in (sets the cf_session cookie)',
      tags: ['auth'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
      },
      response: { 200: USER_RESPONSE, 401: ERROR_SCHEMA, 429: ERROR_SCHEMA },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const wait = options.limiter.blocked(request.ip, username);
    if (wait !== null) {
      reply.header('retry-after', String(wait));
      return sendError(reply, 429, tooManyAttempts(wait));
    }
    const em = options.orm.em.fork();
    const user = await authenticate(em, username, password);
    if (!user) {
      options.limiter.fail(request.ip, username);
      request.log.info({ event: 'login_failed' }, 'login failed');
      return sendError(reply, 401, BAD_CREDENTIALS);
    }
    options.limiter.succeed(request.ip, username);
    // A session presented with the login is replaced, not kept alongside the new one.
    const previous = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (previous) await revokeSession(em, previous);
    const { token } = await createSession(em, user.id, { ttlSeconds: ttl });
    const session = await loadSession(em, token);
    if (!session) return sendError(reply, 401, BAD_CREDENTIALS); // the user has no primary unit any more
    request.log.info({ event: 'login', userId: user.id }, 'login');
    reply.header('set-cookie', sessionCookie(token, ttl, cookieOptions));
    return { user: session.user };
  });

  app.post('/api/auth/logout', {
    schema: { summary: 'Sign out (revokes the session, clears the cookie)', tags: ['auth'], response: { 204: { type: 'null' } } },
  }, async (request, reply) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await revokeSession(options.orm.em.fork(), token);
    reply.header('set-cookie', clearedSessionCookie(cookieOptions));
    return reply.status(204).send();
  });

  app.get('/api/me', {
    schema: { summary: 'The signed-in user', tags: ['auth'], response: { 200: USER_RESPONSE, 401: ERROR_SCHEMA } },
    preHandler: requireAuth,
  }, async (request, reply) => {
    const user = request.authSession?.user;
    if (!user) return sendError(reply, 401, UNAUTHENTICATED);
    return { user };
  });
}
