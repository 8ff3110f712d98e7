import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `pnpm --filter @civicflow/studio run build` writes the studio (packages/studio/dist). */
export const STUDIO_BUILD_DIR = fileURLToPath(new URL('../../../studio/dist/', import.meta.url));

/** Built assets carry a content hash in their names: a changed file is a new URL, so browsers may keep them for good. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html (and the few unhashed files) are revalidated on every load, so a new build shows at once. */
export const REVALIDATE_CACHE = 'no-cache';

/** The studio build in `dir`, when it has been built (it has an index.html); false otherwise. */
export function studioBuildIn(dir: string = STUDIO_BUILD_DIR): string | false {
  return existsSync(join(dir, 'index.html')) ? dir : false;
}

export interface StudioPluginOptions {
  /** The built studio (Vite's output directory, with index.html and assets/). */
  dir: string;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** A browser navigating to a page asks for HTML; API clients and scripts fetching a missing file do not. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the studio (a single-page app) at `/`:
 *
 * - every built file at its path (`/assets/index-3f2a….js`), hashed assets with a one-year
 *   immutable cache, index.html and other unhashed files with `no-cache` (revalidated by ETag);
 * - any other page address a browser navigates to (`/tasks/…`, `/cases/…`: deep links, reloads)
 *   answers index.html, and the app shows the page for the address;
 * - `/api` and everything under it never falls back to the app: an unknown API path stays the
 *   server's JSON 404 (CF_SERVER_NOT_FOUND), as does a missing asset or a non-HTML request.
 *
 * Files are listed once at start (a rebuilt studio needs a server restart), so no request path
 * is ever mapped onto the file system.
 */
export async function studioPlugin(app: FastifyInstance, options: StudioPluginOptions): Promise<void> {
  const root = options.dir;
  if (!studioBuildIn(root)) {
    throw new Error(`The studio is not built: ${join(root, 'index.html')} is missing. Build it with \`pnpm --filter @civicflow/studio run build\`, or pass studioDir: false.`);
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    cacheControl: false,
    serveDotFiles: false,
    setHeaders(reply, filePath) {
      const inAssets = relative(root, filePath).split(sep)[0] === 'assets';
      reply.header('cache-control', inAssets ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    },
  });

  app.get('/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path) || path.startsWith('/assets/') || !wantsPage(request)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
