/** @civicflow/server — the fastify + MikroORM server. `buildApp` builds it; `server.ts` listens. */
export { buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { maskPii, maskDeep } from './logging/maskPii.js';
export { createOrm, closeOrm } from './orm/index.js';
export { createSqlStore, verifyChain } from './store/index.js';
export { createTimerScheduler, TIMER_ACTOR } from './timers/createTimerScheduler.js';
export type { DefinitionSource, TimerSchedulerOptions } from './timers/createTimerScheduler.js';
export type { Orm, CreateOrmOptions } from './orm/index.js';
export { createDefinitionRepository } from './definitions/definitionRepository.js';
export type { DefinitionListEntry, DefinitionRepository, DefinitionSummary, PublishedDefinition, PublishResult } from './definitions/definitionRepository.js';
export { definitionProblems } from './definitions/definitionProblems.js';
export { ServerError, isServerError } from './definitions/serverError.js';
export { seedExamples } from './seed/seedExamples.js';
export type { SeedReport } from './seed/seedExamples.js';
export { registerAuth, requireAuth, requireRole, hashPassword, verifyPassword } from './auth/index.js';
export type { RegisterAuthOptions } from './auth/index.js';
export { seedDemoUsers, DEMO_USERS, demoUsersMarkdown, ADMIN_ROLE } from './demo/index.js';
