import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@civicflow/engine';
import type { Orm } from '../orm/createOrm.js';
import { forbidden, sendError, UNAUTHENTICATED } from './authErrors.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { dummyPasswordHash } from './login.js';
import { loadSession } from './sessions.js';
import type { PublicUser, SessionContext } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user as the engine sees them, or null. Set from the `cf_session` cookie. */
    actor: Actor | null;
    /** The session behind `actor` (public user view and session id), or null. */
    authSession: SessionContext | null;
  }
}

export interface AuthPluginOptions {
  orm: Orm;
}

/**
 * Resolves the `cf_session` cookie of every request into `request.actor` / `request.authSession`
 * (null when absent, unknown, revoked or expired). Declared with `skip-override` (what
 * fastify-plugin does), so registering it decorates the whole app rather than a child context;
 * fastify builds hook chains at ready, so routes registered before it are covered too.
 */
async function authPluginImpl(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);
  // Computed now, so that the first login of an unknown user takes no longer than the others.
  await dummyPasswordHash();
  app.addHook('onRequest', async (request) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return;
    // The ORM's own EntityManager, not a fork per request: loadSession reads plain SQL (on SQLite,
    // on a read connection) and touches no identity map, so a fork is work for nothing.
    const session = await loadSession(options.orm.em, token);
    request.authSession = session;
    request.actor = session?.actor ?? null;
  });
}

export const authPlugin = Object.assign(authPluginImpl, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'civicflow-auth',
});

/** preHandler: 401 CF_SERVER_UNAUTHENTICATED unless signed in. */
export async function requireAuth(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.actor) await sendError(reply, 401, UNAUTHENTICATED);
}

/** preHandler factory: 401 unless signed in, 403 CF_SERVER_FORBIDDEN unless the session holds `role`. */
export function requireRole(role: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (!request.actor) await sendError(reply, 401, UNAUTHENTICATED);
    else if (!request.actor.roles.includes(role)) await sendError(reply, 403, forbidden(role));
  };
}

/** The public view of the signed-in user, or undefined. */
export function currentUser(request: FastifyRequest): PublicUser | undefined {
  return request.authSession?.user;
}
