/** @civicflow/server — the fastify + MikroORM server. `buildApp` builds it; `server.ts` listens. */
export { buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { maskPii, maskDeep } from './logging/maskPii.js';
export { createOrm, closeOrm } from './orm/index.js';
export { createSqlStore, verifyChain } from './store/index.js';
export { createTimerScheduler, TIMER_ACTOR } from './timers/createTimerScheduler.js';
export type { DefinitionSource, TimerSchedulerOptions } from './timers/createTimerScheduler.js';
