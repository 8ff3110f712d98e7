import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
 * helmet computes these headers, once: the options are static (no per-request nonce), so their
 * values are read from one run of helmet at startup and every response gets that same set through
 * fastify's reply headers. (Running helmet per request rebuilt the CSP string and called
 * `setHeader` a dozen times — about 3 % of a task completion's CPU in the bench's profile;
 * @fastify/helmet before it also rebuilt helmet itself for every request.)
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions): Promise<void> {
  const directives: Record<string, string[]> = Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]));
  if (options.https) directives['upgrade-insecure-requests'] = [];
  const headers = await helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet sets with `options`, read from one run of its middleware on a recording response. */
async function helmetHeaders(options: HelmetOptions): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value); },
    removeHeader(name: string) { delete headers[name.toLowerCase()]; },
    getHeader(name: string) { return headers[name.toLowerCase()]; },
  };
  await new Promise<void>((resolve, reject) => {
    helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (error ? reject(error as Error) : resolve()));
  });
  return headers;
}
