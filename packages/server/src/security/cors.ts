import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { ServerError } from '../plugins/serverError.js';

/**
 * Cross-origin access is closed unless origins are listed: without them no response carries
 * Access-Control-Allow-Origin, so a page on another origin cannot read the API with the
 * user's cookie. Listed origins are matched exactly and may send credentials (the session
 * cookie is SameSite=Strict, so only same-site origins, e.g. a studio on a sibling subdomain,
 * can use it).
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const allowed = origins.map(checkedOrigin);
  await app.register(cors, {
    origin: allowed,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Location', 'Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  });
}

/** Origins from a comma-separated list (env CORS_ORIGINS); blanks ignored. */
export function parseCorsOrigins(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(checkedOrigin);
}

/** An origin is scheme://host[:port], nothing more: no wildcard, no path, no trailing slash. */
function checkedOrigin(origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
    throw new ServerError('CF_SERVER_CORS_ORIGIN_INVALID', 500, {
      'zh-CN': `跨域来源配置无效：${JSON.stringify(origin)}`, en: `invalid CORS origin: ${JSON.stringify(origin)}`,
    }, {
      hint: {
        'zh-CN': '每个来源写成 scheme://主机[:端口]，例如 https://studio.example.gov.cn，不带路径、斜杠或通配符 *；多个来源用逗号分隔',
        en: 'write each origin as scheme://host[:port], e.g. https://studio.example.gov.cn, without path, trailing slash or wildcard *; separate several with commas',
      },
    });
  }
  return origin;
}
