import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { definitionProblems } from '../../definitions/definitionProblems.js';
import type { DefinitionRepository } from '../../definitions/definitionRepository.js';
import { ServerError } from '../../plugins/serverError.js';

const localized = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const problem = {
  type: 'object', required: ['pointer', 'code', 'severity', 'message'],
  properties: { pointer: { type: 'string' }, code: { type: 'string' }, severity: { type: 'string', enum: ['error', 'warning'] }, message: localized, hint: localized },
};
/** The one error shape (errors.plugin); `details` is free-form (problems with pointers, ids …). */
const errorBody = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: localized, hint: localized, details: {} } };
const summaryProperties = {
  id: { type: 'string' },
  version: { type: 'integer' },
  title: localized,
  sha256: { type: 'string', description: 'SHA-256 (hex) of the canonical JSON of the document' },
  publishedAt: { type: 'string', format: 'date-time' },
};
const summary = { type: 'object', required: ['id', 'version', 'title', 'sha256', 'publishedAt'], properties: summaryProperties };
const published = {
  type: 'object', required: ['id', 'version', 'title', 'sha256', 'publishedAt', 'document'],
  properties: { ...summaryProperties, document: { type: 'object', additionalProperties: true, description: 'the process definition as published (canonical JSON)' } },
};
const publishResult = {
  type: 'object', required: ['created', 'id', 'version', 'title', 'sha256', 'publishedAt', 'warnings'],
  properties: { created: { type: 'boolean' }, ...summaryProperties, warnings: { type: 'array', items: problem } },
};

export interface DefinitionRoutesOptions {
  /** Absent when the server runs without a database: only validation is served. */
  repository?: DefinitionRepository | undefined;
}

/**
 * The definition catalogue.
 *
 * - POST /api/definitions/validate — every problem at once; never stores anything.
 * - POST /api/definitions — publish a version (201 new, 200 identical re-publication).
 * - GET /api/definitions — every process with its latest version and all versions.
 * - GET /api/definitions/:id/versions/:version — one published version with its document.
 *
 * Errors raised here are ServerErrors (CF_SERVER_…), answered by the app's handler (errors.plugin).
 */
export async function definitionRoutes(app: FastifyInstance, options: DefinitionRoutesOptions = {}): Promise<void> {
  app.post('/api/definitions/validate', {
    schema: {
      summary: 'Validate a process definition',
      description: 'Reports every problem of the definition at once (engine checks and form-schema safety checks), with JSON pointers. Stores nothing.',
      tags: ['definitions'],
      body: { type: 'object' },
      response: { 200: { type: 'object', required: ['valid', 'problems'], properties: { valid: { type: 'boolean' }, problems: { type: 'array', items: problem } } } },
    },
  }, async (request) => {
    const problems = definitionProblems(request.body);
    return { valid: problems.every((p) => p.severity !== 'error'), problems };
  });

  const repository = options.repository;
  if (!repository) return;

  // Publishing changes what every township runs: administrators only.
  app.post('/api/definitions', {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'Publish a process definition version',
      description: 'Validates the definition (422 CF_SERVER_DEFINITION_INVALID with every problem in `details`) and stores it as (id, version). '
        + 'Published versions are immutable: the identical content again answers 200 with the stored version; different content under a published version is 409 CF_SERVER_VERSION_EXISTS; '
        + 'a version below the latest is 409 CF_SERVER_VERSION_NOT_NEWER.',
      tags: ['definitions'],
      body: { type: 'object' },
      response: { 201: publishResult, 200: publishResult, 409: errorBody, 422: errorBody, 500: errorBody },
    },
  }, async (request, reply) => {
    const { created, definition, warnings } = await repository.publish(request.body);
    const { document: _document, ...stored } = definition;
    if (created) reply.status(201).header('location', versionUrl(stored.id, stored.version));
    return { created, ...stored, warnings };
  });

  app.get('/api/definitions', {
    schema: {
      summary: 'List published process definitions',
      description: 'Every process with the title and number of its latest version, and all its versions (ascending).',
      tags: ['definitions'],
      response: {
        200: {
          type: 'object', required: ['definitions'],
          properties: {
            definitions: {
              type: 'array',
              items: { type: 'object', required: ['id', 'title', 'latestVersion', 'versions'], properties: { id: { type: 'string' }, title: localized, latestVersion: { type: 'integer' }, versions: { type: 'array', items: summary } } },
            },
          },
        },
        500: errorBody,
      },
    },
  }, async () => ({ definitions: await repository.list() }));

  app.get('/api/definitions/:id/versions/:version', {
    schema: {
      summary: 'Get one published version of a process definition',
      tags: ['definitions'],
      params: { type: 'object', required: ['id', 'version'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 }, version: { type: 'integer', minimum: 1 } } },
      response: { 200: published, 404: errorBody, 500: errorBody },
    },
  }, async (request) => {
    const { id, version } = request.params as { id: string; version: number };
    const found = await repository.get(id, version);
    if (found) return found;
    const latest = await repository.latest(id);
    throw new ServerError('CF_SERVER_NOT_FOUND', 404, {
      'zh-CN': latest ? `流程 ${id} 没有第 ${version} 版` : `没有流程 ${id}`,
      en: latest ? `process ${id} has no version ${version}` : `there is no process ${id}`,
    }, {
      hint: latest
        ? { 'zh-CN': `最新版本为第 ${latest.version} 版`, en: `the latest version is ${latest.version}` }
        : { 'zh-CN': 'GET /api/definitions 列出全部已发布的流程', en: 'GET /api/definitions lists every published process' },
      details: { id, version, ...(latest ? { latestVersion: latest.version } : {}) },
    });
  });
}

function versionUrl(id: string, version: number): string {
  return `/api/definitions/${encodeURIComponent(id)}/versions/${version}`;
}
