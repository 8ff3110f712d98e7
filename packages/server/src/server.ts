// Starts the server: builds the app on the configured database, publishes the example processes
// (not in production unless asked), starts the durable timer scheduler, and listens.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { createEffectDispatcher } from './effects/index.js';
import { serverEngineOptions } from './engine/serverEngineOptions.js';
import { seedDemoUsers } from './demo/index.js';
import { seedExamples } from './seed/seedExamples.js';
import { startupBanner, studioBuildIn } from './studio/index.js';
import { securitySettingsFromEnv } from './security/index.js';
import { createSqlStore } from './store/index.js';
import { createTimerScheduler } from './timers/createTimerScheduler.js';
import { releaseClaimsAtBoot } from './store/releaseClaimsAtBoot.js';
import { testClockFromEnv } from './testClock/index.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const production = process.env['NODE_ENV'] === 'production';
// CIVICFLOW_TEST_CLOCK=1: the simulated clock and POST /api/test/clock (README); refused in production.
let testClock: ReturnType<typeof testClockFromEnv>;
try {
  testClock = testClockFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const app = await buildApp({
  logger: true,
  // SECURE_COOKIES, CORS_ORIGINS, RATE_LIMIT_PER_MINUTE, LOGIN_RATE_LIMIT_PER_MINUTE, TRUST_PROXY (README, Security).
  ...securitySettingsFromEnv(process.env),
  dataDir: process.env['DATA_DIR'] ?? './data',
  ...(process.env['DATABASE_URL'] ? { databaseUrl: process.env['DATABASE_URL'] } : {}),
  ...testClock,
});

let demoUsers = false;
if (app.orm && app.definitions) {
  if (!production || process.env['CIVICFLOW_SEED_EXAMPLES'] === '1') {
    const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
    const report = await seedExamples(app.definitions, examples);
    app.log.info({ report }, 'example processes published');
  }
  // Demo org tree and users (not in production unless forced); the admin from CIVICFLOW_ADMIN_PASSWORD.
  const users = await seedDemoUsers(app.orm, {
    production,
    force: process.env['CIVICFLOW_SEED_DEMO_USERS'] === '1',
    password: process.env['CIVICFLOW_DEMO_PASSWORD'] ?? 'civicflow-demo',
    adminPassword: process.env['CIVICFLOW_ADMIN_PASSWORD'] ?? (production ? undefined : 'civicflow-admin'),
  });
  app.log.info({ users }, 'demo users ready');
  demoUsers = users.demo;
  // Timers, Idempotency-Keys and outbox work an earlier (crashed) process had claimed (SQLite only, see there).
  const released = await releaseClaimsAtBoot(app.orm);
  if (released.timers + released.idempotencyKeys + released.outboxWork > 0) app.log.info({ released }, 'claims of an earlier process released');
  const scheduler = createTimerScheduler({
    store: createSqlStore(app.orm),
    definitions: app.definitions.asDefinitionSource(),
    engineOptions: serverEngineOptions(),
    worker: `${process.pid}@${host}:${port}`,
    // In test mode, timers fall due by the simulated clock too (also between POST /api/test/clock calls).
    ...(app.testClock ? { now: app.testClock.now } : {}),
    onError: (err, where) => app.log.error({ err, ...where }, 'timer failed'),
  });
  scheduler.start();
  app.addHook('onClose', async () => scheduler.stop());
  // Subprocess work left in the outbox (by a crash, or by another node's timers).
  const definitions = app.definitions;
  const dispatcher = createEffectDispatcher({
    orm: app.orm, store: createSqlStore(app.orm), engineOptions: serverEngineOptions(), worker: `${process.pid}@${host}:${port}`,
    ...(app.testClock ? { now: app.testClock.now } : {}),
    definitions: { get: async (id, v) => (await definitions.get(id, v))?.document, latest: (id) => definitions.latest(id) },
    onError: (err, where) => app.log.error({ err, ...where }, 'subprocess work failed'),
  });
  dispatcher.start();
  app.addHook('onClose', async () => dispatcher.stop());
}

await app.listen({ port, host });
// A plain banner beside the JSON log: where to open the studio and how to sign in (npm start).
const address = app.server.address();
console.log(startupBanner({
  host, port: typeof address === 'object' && address ? address.port : port, studioServed: studioBuildIn() !== false, demoUsers,
  demoPassword: process.env['CIVICFLOW_DEMO_PASSWORD'] ? undefined : 'civicflow-demo',
  adminPassword: (process.env['CIVICFLOW_ADMIN_PASSWORD'] || production) ? undefined : 'civicflow-admin',
}));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close());
