import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PII_ROLE } from '../auth/roles.js';
import { maskPiiCounted } from '../logging/maskPii.js';
import type { PiiCount } from '../logging/maskPii.js';
import type { Orm } from '../orm/createOrm.js';
import { DRAFT_FORM_VALIDATOR_MODULE_ROUTE } from '../routes/forms/draftFormValidatorPaths.js';
import { maskJsonText } from './maskJsonText.js';
import { recordPiiAccess } from './piiAccessLog.js';

export interface PiiResponsesOptions {
  /** Where unmasked responses are audited. Without a database nobody sees numbers unmasked. */
  orm?: Orm | undefined;
}

/**
 * Personal numbers in API responses (issue 4 §5). One onSend hook on the whole app, so no route
 * can forget it: every JSON or text body under /api is masked like the logs (ID numbers and
 * phone numbers), unless the signed-in actor holds the PII role. For those actors the body goes
 * out unmasked, and each body that contained numbers is first recorded in `pii_access` (who,
 * when, method and route, the case, how many numbers; never the numbers). If that record cannot
 * be written the body is masked after all: nobody sees numbers without an audit row.
 *
 * Streams (file downloads) are not inspected: attachments are the uploader's documents, with
 * their own access rules.
 */
export function registerPiiResponses(app: FastifyInstance, options: PiiResponsesOptions): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isApi(request.url) || isAuthoredDocument(request, reply)) return payload;
    const kind = bodyKind(reply.getHeader('content-type'));
    if (!kind) return payload;
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (text === undefined) return payload;
    const masked = kind === 'json' ? maskJsonText(text) : maskPiiCounted(text);
    if (masked.count.idNumbers + masked.count.phoneNumbers === 0) return payload;
    // A session not yet proven (see the auth plugin's UnprovenSession) unmasks nothing.
    if (options.orm && request.actor?.roles.includes(PII_ROLE) && !request.unprovenSession) {
      try {
        await audit(options.orm, request, reply, masked.count);
        return payload;
      } catch (err) {
        request.log.error({ err, event: 'pii_access_audit_failed' }, 'could not audit unmasked personal numbers; the response is masked');
      }
    }
    return masked.text;
  });
}

/**
 * Published process definitions (and the form validators compiled from them, and those of draft
 * forms an administrator previews) are authored documents, not anyone's records: masking a number
 * in a form's description or example would change the definition a studio exports and the rules
 * its validator applies (a module whose schema differs from the page's refuses to validate).
 * Errors are masked as everywhere (they may echo what a caller sent).
 */
function isAuthoredDocument(request: FastifyRequest, reply: FastifyReply): boolean {
  const route = request.routeOptions.url ?? '';
  if (reply.statusCode >= 400) return false;
  return ((route === '/api/definitions' || route.startsWith('/api/definitions/')) && route !== '/api/definitions/validate') || route === DRAFT_FORM_VALIDATOR_MODULE_ROUTE;
}

/** Under /api, in any letter case (an unmatched /API/… still reaches the not-found handler, which echoes the URL). */
function isApi(url: string): boolean {
  const path = url.slice(0, 5).toLowerCase();
  return path === '/api' || path === '/api/' || path === '/api?';
}

/** 'json' for application/json (and +json types), 'text' for text/*, else null (binary, streams). */
function bodyKind(contentType: unknown): 'json' | 'text' | null {
  const type = String(Array.isArray(contentType) ? contentType[0] : contentType ?? '').toLowerCase();
  if (/^application\/(?:[\w.-]+\+)?json\b/.test(type)) return 'json';
  if (type.startsWith('text/')) return 'text';
  return null;
}

async function audit(orm: Orm, request: FastifyRequest, reply: FastifyReply, count: PiiCount): Promise<void> {
  const actor = request.actor!;
  const route = request.routeOptions.url ?? '(no route)';
  await recordPiiAccess(orm.em.fork(), {
    userId: actor.id, orgUnit: actor.orgUnit, method: request.method, route,
    instanceId: instanceIdOf(route, request.params), status: reply.statusCode, count,
  });
}

/** The case a URL names: `:instanceId` (tasks), or `:id` under /api/instances. */
function instanceIdOf(route: string, params: unknown): string | null {
  const p = (params ?? {}) as Record<string, unknown>;
  if (typeof p['instanceId'] === 'string') return p['instanceId'];
  if (route.startsWith('/api/instances/:id') && typeof p['id'] === 'string') return p['id'];
  return null;
}
