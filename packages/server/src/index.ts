/** @civicflow/server — the fastify + MikroORM server. `buildApp` builds it; `server.ts` listens. */
export { buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { maskPii, maskDeep } from './logging/maskPii.js';
