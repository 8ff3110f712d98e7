import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Instant } from '@civicflow/engine';
import { createDefinitionRepository } from './definitions/definitionRepository.js';
import type { DefinitionRepository } from './definitions/definitionRepository.js';
import { maskDeep, maskPii } from './logging/maskPii.js';
import { closeOrm, createOrm } from './orm/createOrm.js';
import type { Orm } from './orm/createOrm.js';
import { registerErrorHandler } from './plugins/errors.plugin.js';
import { registerAuth } from './auth/index.js';
import { definitionRoutes } from './routes/definitions/definitions.routes.js';
import { caseRoutes } from './routes/instances/index.js';
import { notificationRoutes } from './routes/notifications/notifications.routes.js';
import { formValidatorRoutes } from './routes/forms/formValidators.routes.js';
import { draftFormValidatorRoutes } from './routes/forms/draftFormValidators.routes.js';
import type { DraftValidatorStoreOptions } from './routes/forms/draftValidatorStore.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { adminRoutes } from './routes/admin/index.js';
import { attachmentRoutes } from './routes/attachments/attachments.routes.js';
import { auditRoutes } from './routes/audit/audit.routes.js';
import { monitorRoutes } from './routes/monitor/monitor.routes.js';
import { createMonitorService } from './monitor/index.js';
import { caseVisibility } from './attachments/caseVisibility.js';
import { createInstanceService } from './instances/instanceService.js';
import { docsCsp, registerAccessDenialLog, registerSecurity } from './security/index.js';
import type { RateLimitOptions } from './security/index.js';
import { registerPiiResponses, registerStepVisibility } from './privacy/index.js';
import { studioBuildIn, studioPlugin } from './studio/index.js';
import { createTestClock, createTestClockSettler, testClockRoutes } from './testClock/index.js';
import type { TestClock } from './testClock/index.js';

export interface AppOptions {
  /** Pino logger options, or false (tests). Personal numbers are masked in every log line. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** Mark the session cookie Secure (behind HTTPS in production). Also turns on HSTS and upgrade-insecure-requests. */
  secureCookies?: boolean;
  /**
   * Exact origins (`https://studio.example.gov.cn`) whose pages may call the API with the
   * session cookie. None by default: CORS closed. `server.ts` reads CORS_ORIGINS (comma-separated).
   */
  corsOrigins?: readonly string[] | undefined;
  /** Per-IP limits (default 1200 requests a minute, 20 logins a minute); false turns them off. */
  rateLimit?: RateLimitOptions | false | undefined;
  /**
   * Fastify's trustProxy: behind a reverse proxy, its addresses (IPs or CIDRs) or true, so that
   * `request.ip` is the client's and the per-IP limits apply per client. Off by default;
   * `server.ts` reads TRUST_PROXY.
   */
  trustProxy?: boolean | string | string[] | undefined;
  /** Largest request body in bytes (forms are small; attachments have their own route). */
  bodyLimit?: number;
  /**
   * Bounds of the in-memory cache of draft forms' validators (POST /api/forms/validators, the form
   * builder's preview): default 200 modules and 32 MiB.
   */
  draftFormValidators?: DraftValidatorStoreOptions | undefined;
  /** Largest attachment in bytes (POST /api/attachments). Default 10 MB. */
  attachmentMaxBytes?: number | undefined;
  /**
   * The built studio to serve at `/` (deep links answer its index.html; /api/* never does), or
   * false for none. Default: packages/studio/dist when it has been built.
   */
  studioDir?: string | false | undefined;
  /**
   * The database. Passed in, the app uses it and leaves closing it to the caller. Otherwise, when
   * `dataDir` or `databaseUrl` is given, the app opens one (createOrm) and closes it on
   * `app.close()`. With none of the three the app has no persistence: health and validation only.
   */
  orm?: Orm | undefined;
  /** Directory of the embedded SQLite database (see createOrm). */
  dataDir?: string | undefined;
  /** `postgres://…` or `sqlite:<path>` (see createOrm); the server passes `process.env.DATABASE_URL`. */
  databaseUrl?: string | undefined;
  /**
   * Test mode only: a simulated clock for every command and for the app's own timer worker, moved
   * forward by administrators through POST /api/test/clock (which then fires what fell due).
   * Off by default, and then the /api/test routes do not exist; `server.ts` turns it on only with
   * CIVICFLOW_TEST_CLOCK=1 and never in production.
   */
  testClock?: { start?: Instant | undefined } | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The database, when the app has one (see AppOptions.orm). */
    orm?: Orm;
    /** The published process definitions, when the app has a database. */
    definitions?: DefinitionRepository;
    /** The simulated clock, in test mode (AppOptions.testClock) with a database. */
    testClock?: TestClock;
  }
}

function loggerOptions(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const opts = logger === true ? {} : logger;
  return {
    level: opts.level ?? 'info',
    ...(opts.stream ? { stream: opts.stream } : {}),
    // ID numbers and phone numbers never reach a log line: objects and messages are masked.
    formatters: { log: (obj: Record<string, unknown>) => maskDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskPii(a) : a)));
      },
    },
    serializers: {
      req: (req: { method?: string; url?: string; raw?: { url?: string } }) => ({ method: req.method, url: maskPii(String(req.url ?? req.raw?.url ?? '')) }),
    },
  } as FastifyServerOptions['logger'];
}

/**
 * Builds the civicflow server without listening: tests call `app.inject()`, `server.ts` listens.
 * Features are plugins with schema-first routes; every error has one shape (see errors.plugin).
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const ownsOrm = !options.orm && (options.dataDir !== undefined || options.databaseUrl !== undefined);
  const orm = options.orm ?? (ownsOrm ? await createOrm({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }) : undefined);
  try {
    return await assemble(options, orm, ownsOrm);
  } catch (error) {
    if (ownsOrm && orm) await closeOrm(orm);
    throw error;
  }
}

async function assemble(options: AppOptions, orm: Orm | undefined, ownsOrm: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger: loggerOptions(options.logger), bodyLimit: options.bodyLimit ?? 1_048_576, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) });
  const definitions = orm ? createDefinitionRepository(orm) : undefined;
  if (orm) {
    app.decorate('orm', orm);
    app.decorate('definitions', definitions);
    // An ORM passed in belongs to the caller (tests share one between apps); ours is closed here.
    if (ownsOrm) app.addHook('onClose', async () => { await closeOrm(orm); });
  }
  registerErrorHandler(app);
  // Before any route: headers, CORS and limits apply to every route, the docs UI included.
  await registerSecurity(app, { https: options.secureCookies ?? false, corsOrigins: options.corsOrigins, rateLimit: options.rateLimit });
  // Personal numbers in /api responses: masked unless the actor holds PII (then audited).
  registerPiiResponses(app, { orm });
  // Every refusal (401, 403, need-to-know 404) leaves one log line: route, user id, reason.
  registerAccessDenialLog(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'civicflow API', version: '0.1.0', description: '基层治理流程引擎 API — governance processes, inbox, forms' },
      tags: [{ name: 'system' }, { name: 'auth' }, { name: 'definitions' }, { name: 'forms', description: 'Precompiled validators of draft forms (the form builder\'s preview)' }, ...(options.testClock ? [{ name: 'test', description: 'Test mode only: the simulated clock' }] : [])],
    },
  });
  // The docs UI runs under the app's CSP; only its logo's inline style is allowed, by hash (security/docsCsp.ts).
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformStaticCSP: docsCsp });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Sessions, login and role checks need the database; without one the app serves only
  // what needs no identity (health, validation).
  if (orm) await registerAuth(app, { orm, secureCookies: options.secureCookies ?? false });
  await app.register(healthRoutes);
  await app.register(definitionRoutes, { repository: definitions });
  if (definitions) await app.register(formValidatorRoutes, { definitions });
  // Administrators only, so it needs sign-in (the database).
  if (orm) await app.register(draftFormValidatorRoutes, options.draftFormValidators ?? {});
  if (orm && definitions) {
    const clock = options.testClock ? createTestClock({ start: options.testClock.start }) : undefined;
    const service = createInstanceService({ orm, definitions, ...(clock ? { now: clock.now } : {}) });
    if (clock) {
      app.decorate('testClock', clock);
      const settle = createTestClockSettler({ orm, definitions, now: clock.now, onError: (err, where) => app.log.error({ err, ...where }, 'test clock: firing failed') });
      await app.register(testClockRoutes, { clock, settle });
    }
    // Need to know within a visible case: a step's `visibleTo` hides what it records from other roles.
    registerStepVisibility(app, { orm, definitions });
    await app.register(caseRoutes, { orm, definitions, service });
    await app.register(notificationRoutes, { orm });
    await app.register(adminRoutes, { orm });
    await app.register(auditRoutes, { orm });
    // The monitor counts "overdue" against the same clock the commands run on (the test clock in test mode).
    await app.register(monitorRoutes, { service: createMonitorService({ orm, definitions, ...(clock ? { now: clock.now } : {}) }) });
    // Attachments linked to a case are readable by whoever may see the case: the instance service's rule.
    await app.register(attachmentRoutes, { orm, canSeeCase: caseVisibility(service), maxBytes: options.attachmentMaxBytes });
  }
  // The studio's page route catches every other address a browser navigates to: registered last, after every API route.
  const studioDir = options.studioDir ?? studioBuildIn();
  if (studioDir) await app.register(studioPlugin, { dir: studioDir });
  return app;
}
