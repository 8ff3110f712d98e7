import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@civicflow/engine';
import type { Orm } from '../orm/createOrm.js';
import { forbidden, sendError, UNAUTHENTICATED } from './authErrors.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { dummyPasswordHash } from './login.js';
import { LastReadSessions } from './lastReadSessions.js';
import { proveSessionUnchanged } from './sessionProof.js';
import { readSession } from './sessions.js';
import type { PublicUser, SessionContext } from './sessions.js';
import { sqliteAccessOf } from '../store/sqliteAccess.js';
import type { PlainSql } from '../store/plainSql.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user as the engine sees them, or null. Set from the `cf_session` cookie. */
    actor: Actor | null;
    /** The session behind `actor` (public user view and session id), or null. */
    authSession: SessionContext | null;
    /**
     * Set while `actor` is the session as this process last read it, not yet proven (routes with
     * `config.sessionProvenAtCommit` only): see UnprovenSession. Null otherwise.
     */
    unprovenSession: UnprovenSession | null;
  }
  interface FastifyContextConfig {
    /**
     * The route proves the session inside its command's own transaction instead of reading it
     * first (SQLite; see UnprovenSession). Its handler must answer only after that proof
     * committed, or call `confirm()` first.
     */
    sessionProvenAtCommit?: boolean;
  }
}

/**
 * A session taken as this process last read it. The route's command adds `prove` to its own
 * transaction: the commit then proves the session was still exactly as read (not revoked or
 * expired, the user enabled, the same unit, roles and personal facts) when the command took
 * effect. Any other end — the proof failing, a refusal, a conflict, an error — is not answered:
 * the handler calls `confirm`, which reads the session as every other route does (setting
 * `actor` and `authSession` anew), and runs the command again on that.
 */
export interface UnprovenSession {
  prove(sql: PlainSql): Promise<void>;
  confirm(): Promise<void>;
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
  app.decorateRequest('unprovenSession', null);
  // Computed now, so that the first login of an unknown user takes no longer than the others.
  await dummyPasswordHash();
  // Proofs at commit need SQLite's group commit (see sessionProof); elsewhere every request reads.
  const lastRead = sqliteAccessOf(options.orm) ? new LastReadSessions() : undefined;

  async function readInto(request: FastifyRequest, token: string): Promise<void> {
    // The ORM's own EntityManager, not a fork per request: readSession reads plain SQL (on SQLite,
    // on a read connection) and touches no identity map, so a fork is work for nothing.
    const read = await readSession(options.orm.em, token);
    lastRead?.set(token, read);
    request.authSession = read?.context ?? null;
    request.actor = read?.context.actor ?? null;
  }

  app.addHook('onRequest', async (request) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return;
    const read = lastRead && request.routeOptions.config.sessionProvenAtCommit ? lastRead.get(token, Date.now()) : undefined;
    if (!read) return readInto(request, token);
    request.authSession = read.context;
    request.actor = read.context.actor;
    request.unprovenSession = {
      prove: (sql) => proveSessionUnchanged(sql, read, Date.now()),
      confirm: () => {
        request.unprovenSession = null;
        return readInto(request, token);
      },
    };
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
