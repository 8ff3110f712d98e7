import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response (the API, the docs UI at /api/docs, and the
 * studio once it is served from here): scripts only from this origin, no eval, no plugins, no
 * framing, forms post only here. style-src has no 'unsafe-inline': React (Swagger UI, the
 * studio, rjsf) sets styles through the DOM (CSSOM), which CSP does not restrict; the docs
 * pages add the hash of the one inline <style> of Swagger UI's logo (docsCsp.ts). Neither
 * 'unsafe-inline' nor 'unsafe-eval' is needed: test/security.test.ts renders /api/docs in
 * Chromium and fails on any violation. Fonts and fetches fall back to default-src 'self'.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

export interface SecurityHeadersOptions {
  /** Served over HTTPS (AppOptions.secureCookies): adds HSTS and upgrade-insecure-requests. */
  https: boolean;
}

/**
 * helmet's headers with our CSP. HSTS and upgrade-insecure-requests only over HTTPS: on a plain
 * HTTP deployment (a township's LAN server) they would make browsers refuse the site or rewrite
 * its requests to an https:// that does not exist. X-Frame-Options DENY matches frame-ancestors.
 *
 * helmet is built once and run on every request's raw response. (@fastify/helmet built helmet
 * anew for every request — options merged, CSP directives parsed — in two hooks: about 2 % of a
 * task completion's CPU and allocations in the bench's profile. No route needs per-route options
 * or CSP nonces.)
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions): Promise<void> {
  const directives: Record<string, string[]> = Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]));
  if (options.https) directives['upgrade-insecure-requests'] = [];
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
