import type { FastifyInstance } from 'fastify';
import { FormSchemaError } from '@civicflow/forms';
import { requireAuth } from '../../auth/index.js';
import type { DefinitionRepository } from '../../definitions/definitionRepository.js';
import { ServerError } from '../../plugins/serverError.js';
import { createFormValidatorModules } from './formValidatorModules.js';
import type { FormValidatorModulesOptions } from './formValidatorModules.js';
import { VALIDATOR_MODULE_CACHE_CONTROL, sendValidatorModule } from './validatorModuleReply.js';

export interface FormValidatorRoutesOptions extends FormValidatorModulesOptions {
  definitions: DefinitionRepository;
}

const localized = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const errorBody = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: localized, hint: localized, details: {} } };

/**
 * GET /api/definitions/:id/versions/:version/forms/:formId/validator.js — the form's validators
 * precompiled into one ES module without imports or eval (`@civicflow/forms/standalone`), for
 * pages whose Content-Security-Policy has no 'unsafe-eval' (the studio's). The page imports it
 * and wraps it with `createPrecompiledFormValidator` from `@civicflow/forms`: the same rules and
 * messages as the server's validation of the submitted data.
 *
 * Compiled once per form schema and kept (bounded LRU); a strong ETag and a year of private
 * caching, since published versions never change; If-None-Match answers 304 without compiling.
 */
export async function formValidatorRoutes(app: FastifyInstance, options: FormValidatorRoutesOptions): Promise<void> {
  const { definitions } = options;
  const modules = createFormValidatorModules(options);

  app.get('/api/definitions/:id/versions/:version/forms/:formId/validator.js', {
    preHandler: requireAuth,
    schema: {
      summary: 'The precompiled validator of a form (an ES module)',
      description: 'A self-contained ES module (text/javascript, no imports, no eval) exporting `format`, `schema`, `validate(data, { today })` and '
        + '`matchesCondition(pointer, value)` and `matchesFragment(key, value)` (what rjsf asks while rendering); load it with `import * as m from \'…/validator.js\'` and wrap it with `createPrecompiledFormValidator(m)` '
        + 'from @civicflow/forms to validate under a Content-Security-Policy without \'unsafe-eval\'. Strong ETag (If-None-Match → 304), '
        + `Cache-Control: ${VALIDATOR_MODULE_CACHE_CONTROL}.`,
      tags: ['definitions'],
      params: {
        type: 'object', required: ['id', 'version', 'formId'],
        properties: { id: { type: 'string', minLength: 1, maxLength: 200 }, version: { type: 'integer', minimum: 1 }, formId: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: {
        200: { description: 'the ES module (text/javascript; charset=utf-8)', type: 'string' },
        304: { description: 'not modified: the module of this ETag is still current', type: 'null' },
        401: errorBody, 404: errorBody, 500: errorBody,
      },
    },
  }, async (request, reply) => {
    const { id, version, formId } = request.params as { id: string; version: number; formId: string };
    const found = await definitions.get(id, version);
    if (!found) throw await definitionNotFound(definitions, id, version);
    const forms = found.document.forms ?? {};
    const form = Object.hasOwn(forms, formId) ? forms[formId] : undefined;
    if (!form) throw formNotFound(id, version, formId, Object.keys(forms));

    return sendValidatorModule(request, reply, modules.etagOf(form.schema), () => {
      try {
        return modules.moduleOf(form.schema).source;
      } catch (err) {
        if (err instanceof FormSchemaError) throw formNotCompilable(id, version, formId, err);
        throw err;
      }
    });
  });
}

async function definitionNotFound(definitions: DefinitionRepository, id: string, version: number): Promise<ServerError> {
  const latest = await definitions.latest(id);
  return new ServerError('CF_SERVER_NOT_FOUND', 404, {
    'zh-CN': latest ? `流程 ${id} 没有第 ${version} 版` : `没有流程 ${id}`,
    en: latest ? `process ${id} has no version ${version}` : `there is no process ${id}`,
  }, {
    hint: latest
      ? { 'zh-CN': `最新版本为第 ${latest.version} 版`, en: `the latest version is ${latest.version}` }
      : { 'zh-CN': 'GET /api/definitions 列出全部已发布的流程', en: 'GET /api/definitions lists every published process' },
    details: { id, version, ...(latest ? { latestVersion: latest.version } : {}) },
  });
}

function formNotFound(id: string, version: number, formId: string, forms: string[]): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, {
    'zh-CN': `流程 ${id} 第 ${version} 版没有表单 ${formId}`,
    en: `process ${id} version ${version} has no form ${formId}`,
  }, {
    hint: { 'zh-CN': `该版本的表单：${forms.join('、') || '无'}`, en: `the forms of this version: ${forms.join(', ') || 'none'}` },
    details: { id, version, formId, forms },
  });
}

function formNotCompilable(id: string, version: number, formId: string, err: FormSchemaError): ServerError {
  return new ServerError('CF_SERVER_FORM_SCHEMA_INVALID', 500, {
    'zh-CN': `流程 ${id} 第 ${version} 版的表单 ${formId} 定义有误，无法生成校验程序：${err.localized['zh-CN']}`,
    en: `the form ${formId} of process ${id} version ${version} is defined incorrectly and cannot be compiled: ${err.localized.en}`,
  }, {
    hint: { 'zh-CN': '请管理员修正该表单并发布新版本', en: 'an administrator should fix the form and publish a new version' },
    details: { id, version, formId },
    logDetails: { id, version, formId, problems: err.details },
  });
}
