import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * How validator modules are cached: their content never changes under their ETag (a published
 * version is immutable; a draft's module is addressed by its content), so a year, by this user
 * only (the routes need a session).
 */
export const VALIDATOR_MODULE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** If-None-Match (weak comparison, RFC 9110 §13.1.2) against our ETag. */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}

/**
 * Answers a validator module the same way on every route: `text/javascript` (an ES module a page
 * may `import()` under `script-src 'self'`; the app's nosniff header makes the browser hold to
 * the type), the strong ETag and {@link VALIDATOR_MODULE_CACHE_CONTROL}; a matching If-None-Match
 * is answered 304 without `source` being asked for (it may cost a compilation).
 */
export function sendValidatorModule(request: FastifyRequest, reply: FastifyReply, etag: string, source: () => string): FastifyReply {
  if (notModified(request, etag)) return reply.header('etag', etag).header('cache-control', VALIDATOR_MODULE_CACHE_CONTROL).code(304).send();
  // Compiled before any header is set: an error answer must not be cached for a year.
  const text = source();
  return reply.header('etag', etag).header('cache-control', VALIDATOR_MODULE_CACHE_CONTROL).type('text/javascript; charset=utf-8').send(text);
}
