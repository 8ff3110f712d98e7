import { createHash } from 'node:crypto';

/**
 * The one inline style Swagger UI needs: the `<style>` inside the SVG logo of its top bar
 * (swagger-ui-standalone-preset.js of @fastify/swagger-ui 6.1.3). Allowed by its hash on the
 * docs pages only, rather than with 'unsafe-inline': any other inline style stays blocked. When
 * an upgrade changes the logo, test/security.test.ts (the docs in Chromium) fails on the
 * violation; put the new style text here.
 */
export const SWAGGER_UI_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';

const LOGO_STYLE_HASH = `'sha256-${createHash('sha256').update(SWAGGER_UI_LOGO_STYLE, 'utf8').digest('base64')}'`;

/**
 * @fastify/swagger-ui's `transformStaticCSP`: the app's CSP (set by helmet) with the logo's hash
 * added to style-src, for the responses under /api/docs.
 */
export function docsCsp(header: string): string {
  return header.split(';').map((d) => (d.trim().startsWith('style-src ') ? `${d} ${LOGO_STYLE_HASH}` : d)).join(';');
}
