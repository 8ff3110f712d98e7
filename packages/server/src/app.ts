import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { maskDeep, maskPii } from './logging/maskPii.js';
import { registerErrorHandler } from './plugins/errors.plugin.js';
import { definitionRoutes } from './routes/definitions/definitions.routes.js';
import { healthRoutes } from './routes/health/health.routes.js';

export interface AppOptions {
  /** Pino logger options, or false (tests). Personal numbers are masked in every log line. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** Largest request body in bytes (forms are small; attachments have their own route). */
  bodyLimit?: number;
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
  const app = Fastify({ logger: loggerOptions(options.logger), bodyLimit: options.bodyLimit ?? 1_048_576 });
  registerErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'civicflow API', version: '0.1.0', description: '基层治理流程引擎 API — governance processes, inbox, forms' },
      tags: [{ name: 'system' }, { name: 'definitions' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(definitionRoutes);
  return app;
}
