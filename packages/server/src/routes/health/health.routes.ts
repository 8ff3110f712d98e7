import type { FastifyInstance } from 'fastify';

/** GET /api/health — liveness for load balancers and `npm start` scripts. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', {
    schema: {
      summary: 'Liveness',
      tags: ['system'],
      response: { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] }, version: { type: 'string' } } } },
    },
  }, async () => ({ status: 'ok' as const, version: '0.1.0' }));
}
