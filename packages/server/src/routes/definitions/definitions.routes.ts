import type { FastifyInstance } from 'fastify';
import { validateDefinition } from '@civicflow/engine';
import { checkAuthoredSchema } from '@civicflow/forms';

const localized = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const problem = {
  type: 'object', required: ['pointer', 'code', 'severity', 'message'],
  properties: { pointer: { type: 'string' }, code: { type: 'string' }, severity: { type: 'string', enum: ['error', 'warning'] }, message: localized, hint: localized },
};

/**
 * POST /api/definitions/validate — every problem of a definition at once: the engine's checks
 * (shape, graph, expressions, deadlines, statutes) and, for each form, the safety checks for
 * authored schemas. Validation never stores anything.
 */
export async function definitionRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/definitions/validate', {
    schema: {
      summary: 'Validate a process definition',
      tags: ['definitions'],
      body: { type: 'object' },
      response: { 200: { type: 'object', required: ['valid', 'problems'], properties: { valid: { type: 'boolean' }, problems: { type: 'array', items: problem } } } },
    },
  }, async (request) => {
    const def = request.body as Record<string, unknown>;
    const problems = validateDefinition(def).map((p) => ({ ...p }));
    const forms = (def['forms'] && typeof def['forms'] === 'object' ? def['forms'] : {}) as Record<string, { schema?: unknown }>;
    for (const [formId, form] of Object.entries(forms)) {
      for (const p of checkAuthoredSchema(form?.schema)) {
        problems.push({ pointer: `/forms/${formId.replace(/~/g, '~0').replace(/\//g, '~1')}/schema${p.pointer}`, code: p.code, severity: 'error', message: p.message, hint: p.message });
      }
    }
    return { valid: problems.every((p) => p.severity !== 'error'), problems };
  });
}
