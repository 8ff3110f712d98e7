// Starts the server: builds the app on the configured database, publishes the example processes
// (not in production unless asked), starts the durable timer scheduler, and listens.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFormValidator } from '@civicflow/forms';
import { buildApp } from './app.js';
import { seedDemoUsers } from './demo/index.js';
import { seedExamples } from './seed/seedExamples.js';
import { createSqlStore } from './store/index.js';
import { createTimerScheduler } from './timers/createTimerScheduler.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const production = process.env['NODE_ENV'] === 'production';
const app = await buildApp({
  logger: true,
  dataDir: process.env['DATA_DIR'] ?? './data',
  ...(process.env['DATABASE_URL'] ? { databaseUrl: process.env['DATABASE_URL'] } : {}),
});

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
  const scheduler = createTimerScheduler({
    store: createSqlStore(app.orm),
    definitions: app.definitions.asDefinitionSource(),
    engineOptions: { validator: createFormValidator() },
    worker: `${process.pid}@${host}:${port}`,
    onError: (err, where) => app.log.error({ err, ...where }, 'timer failed'),
  });
  scheduler.start();
  app.addHook('onClose', async () => scheduler.stop());
}

await app.listen({ port, host });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close());
