import type { FastifyInstance } from 'fastify';

/** The `event` field of every access-denial log line (operators and tests search for it). */
export const ACCESS_DENIED_EVENT = 'access.denied';

/** 401 not signed in, 403 not allowed; 404 on a matched route is how need-to-know refuses (a case or task one may not see answers as if it did not exist). */
const DENIAL_STATUSES = new Set([401, 403, 404]);

/**
 * Logs every refused request once, at `warn`: the route pattern (never the raw URL, which may
 * carry a personal number), the method, the user's id and unit (never their name or ID number),
 * the status and the error code as the reason. A 404 on a matched route is logged too, because
 * need-to-know refusals are indistinguishable from missing records by design; a 404 for an
 * address no route serves is not a denial and is not logged here.
 */
export function registerAccessDenialLog(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    const route = request.routeOptions.url;
    if (!DENIAL_STATUSES.has(status) || route === undefined) return payload;
    if (status === 404 && request.is404) return payload;
    request.log.warn({
      event: ACCESS_DENIED_EVENT, method: request.method, route, status,
      userId: request.actor?.id ?? null, orgUnit: request.actor?.orgUnit ?? null, reason: reasonOf(payload, status),
    }, 'access denied');
    return payload;
  });
}

/** The error body's code, or what the status means when the body has none. */
function reasonOf(payload: unknown, status: number): string {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
  const code = /"code"\s*:\s*"([A-Z0-9_]{1,80})"/.exec(text)?.[1];
  return code ?? (status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'not found or not visible');
}

/** For tests and log readers: the fields of a denial line. */
export type AccessDenialLine = { event: typeof ACCESS_DENIED_EVENT; method: string; route: string; status: number; userId: string | null; orgUnit: string | null; reason: string };
