import type { FastifyInstance } from 'fastify';
import { FormSchemaError, checkAuthoredSchema } from '@civicflow/forms';
import type { SchemaProblem } from '@civicflow/forms';
import { PRECOMPILED_FORM_MODULE_FORMAT, compileFormValidatorModule } from '@civicflow/forms/standalone';
import { requireRole } from '../../auth/index.js';
import { ADMIN_ROLE } from '../../auth/roles.js';
import { ServerError } from '../../plugins/serverError.js';
import { canonicalJson } from '../../store/canonicalJson.js';
import { sha256Hex } from '../../store/eventHash.js';
import { DRAFT_FORM_VALIDATOR_MODULE_ROUTE, DRAFT_FORM_VALIDATORS_PATH } from './draftFormValidatorPaths.js';
import { createDraftValidatorStore } from './draftValidatorStore.js';
import type { DraftValidatorStoreOptions } from './draftValidatorStore.js';
import { VALIDATOR_MODULE_CACHE_CONTROL, sendValidatorModule } from './validatorModuleReply.js';


/**
 * Largest request body: a schema at the safety check's size limit (256 KiB of JSON) with room for
 * the envelope. A larger schema is refused by that check (422, with the limit) as long as it fits.
 */
export const DRAFT_FORM_VALIDATOR_BODY_LIMIT = 288 * 1024;

/** Options of {@link draftFormValidatorRoutes}: the store's bounds, and the compiler (tests count its calls). */
export interface DraftFormValidatorRoutesOptions extends DraftValidatorStoreOptions {
  compile?: ((schema: object) => string) | undefined;
}

const localized = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const errorBody = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: localized, hint: localized, details: {} } };
const SHA256_FILE = '^[0-9a-f]{64}\\.js$';

/**
 * The validator of a DRAFT form, for the form builder's preview in the studio: its page runs under
 * `script-src 'self'` (no eval), so Ajv cannot compile there, and a draft has no published
 * version whose validator the page could import (formValidators.routes.ts). Administrators only,
 * as editing and publishing processes are.
 *
 * - `POST /api/forms/validators` `{ schema, format? }`: the schema passes the same safety checks
 *   for authored schemas as publishing (`checkAuthoredSchema`: no remote `$ref`, no pattern with
 *   catastrophic backtracking, size, depth and list limits) and is compiled with
 *   `compileFormValidatorModule` (strict JSON Schema 2020-12); a refusal is 422 with every problem
 *   and its JSON pointer. The module is kept in a bounded in-memory LRU under the SHA-256 of the
 *   module format and the canonical schema — the same key and ETag the published route gives
 *   that schema, so the same schema (whatever its key order) gets the same address and is compiled
 *   once. Messages are not compiled in (the page renders them in its language from the schema),
 *   so the key needs no locale. Answers `{ url, sha256, format }`.
 * - `GET /api/forms/validators/<sha256>.js`: the module as `text/javascript`, with the published
 *   route's headers (strong ETag, If-None-Match → 304, a year of private caching: the content of
 *   an address never changes); 404 once evicted, and the page posts the schema again.
 *
 * POST has its own, tighter rate limit (security/rateLimits.ts): compiling takes up to half a
 * second of the event loop for the largest forms.
 */
export async function draftFormValidatorRoutes(app: FastifyInstance, options: DraftFormValidatorRoutesOptions = {}): Promise<void> {
  const store = createDraftValidatorStore(options);
  const compile = options.compile ?? ((schema: object) => compileFormValidatorModule(schema));

  app.post(DRAFT_FORM_VALIDATORS_PATH, {
    preHandler: requireRole(ADMIN_ROLE),
    bodyLimit: DRAFT_FORM_VALIDATOR_BODY_LIMIT,
    schema: {
      summary: 'Precompile the validator of a draft form (administrators)',
      description: 'Checks the form schema as publishing does (remote $ref, catastrophic patterns, size …; 422 CF_SERVER_FORM_SCHEMA_INVALID with every problem in `details`), '
        + 'compiles it into a self-contained ES module without eval (as GET /api/definitions/{id}/versions/{version}/forms/{formId}/validator.js serves for published forms) '
        + 'and keeps it in a bounded in-memory cache under the SHA-256 of the module format and the canonical schema. Answers where to import it from; '
        + 'the same schema always gets the same `url`. `format`, when given, is the module format the page understands (`PRECOMPILED_FORM_MODULE_FORMAT` of @civicflow/forms): '
        + 'another one than this server writes is 409 CF_SERVER_VALIDATOR_FORMAT.',
      tags: ['forms'],
      body: {
        type: 'object', required: ['schema'], additionalProperties: false,
        properties: {
          schema: { type: 'object', description: 'the form\'s JSON Schema (draft 2020-12), as the form builder exports it' },
          format: { type: 'string', minLength: 1, maxLength: 100, description: `the module format the page understands; this server writes ${PRECOMPILED_FORM_MODULE_FORMAT}` },
        },
      },
      response: {
        200: {
          type: 'object', required: ['url', 'sha256', 'format'],
          properties: {
            url: { type: 'string', description: 'where to import the module from: /api/forms/validators/<sha256>.js (same origin)' },
            sha256: { type: 'string', description: 'SHA-256 (hex) of the module format and the canonical JSON of the schema; the module\'s ETag' },
            format: { type: 'string', description: 'the module format' },
          },
        },
        400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 413: errorBody, 422: errorBody, 429: errorBody,
      },
    },
  }, async (request) => {
    const { schema, format } = request.body as { schema: Record<string, unknown>; format?: string };
    if (format !== undefined && format !== PRECOMPILED_FORM_MODULE_FORMAT) throw formatNotWritten(format);
    // First, before anything walks the schema recursively (canonicalJson): the check is bounded in depth and size.
    const problems = checkAuthoredSchema(schema);
    if (problems.length > 0) throw schemaRefused(problems);
    const sha256 = sha256Hex(`${PRECOMPILED_FORM_MODULE_FORMAT}\n${canonicalJson(schema)}`);
    if (!store.get(sha256)) {
      let source: string;
      try {
        source = compile(schema);
      } catch (err) {
        if (err instanceof FormSchemaError) throw schemaRefused(compileProblems(err));
        throw err;
      }
      store.put(sha256, source);
    }
    return { url: `${DRAFT_FORM_VALIDATORS_PATH}/${sha256}.js`, sha256, format: PRECOMPILED_FORM_MODULE_FORMAT };
  });

  app.get(DRAFT_FORM_VALIDATOR_MODULE_ROUTE, {
    preHandler: requireRole(ADMIN_ROLE),
    schema: {
      summary: 'The precompiled validator of a draft form (an ES module; administrators)',
      description: 'The module POST /api/forms/validators compiled, exporting what the published validator.js exports; wrap it with `createPrecompiledFormValidator(m)` '
        + `from @civicflow/forms. Strong ETag (If-None-Match → 304), Cache-Control: ${VALIDATOR_MODULE_CACHE_CONTROL}. `
        + '404 once the module has left the server\'s cache (bounded, in memory): post the schema again.',
      tags: ['forms'],
      params: {
        type: 'object', required: ['file'],
        properties: { file: { type: 'string', pattern: SHA256_FILE, description: '<sha256>.js, as POST /api/forms/validators answered' } },
      },
      response: {
        200: { description: 'the ES module (text/javascript; charset=utf-8)', type: 'string' },
        304: { description: 'not modified: the module of this ETag never changes', type: 'null' },
        400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody,
      },
    },
  }, async (request, reply) => {
    const sha256 = (request.params as { file: string }).file.slice(0, 64);
    // The address is the content's hash: a cached copy is current even after the server forgot the module.
    return sendValidatorModule(request, reply, `"${sha256}"`, () => {
      const stored = store.get(sha256);
      if (!stored) throw moduleEvicted(sha256);
      return stored.source;
    });
  });
}

/** The compiler's refusal (strict Ajv: an unknown keyword or format …) as problems like the safety check's. */
function compileProblems(err: FormSchemaError): readonly SchemaProblem[] {
  if (err.problems.length > 0) return err.problems;
  return [{ pointer: '', code: err.code, message: err.localized }];
}

function schemaRefused(problems: readonly SchemaProblem[]): ServerError {
  const first = problems[0]!;
  const where = first.pointer || '/';
  return new ServerError('CF_SERVER_FORM_SCHEMA_INVALID', 422, {
    'zh-CN': `表单定义有 ${problems.length} 处问题，无法生成预览所需的校验程序；首个（${where}）：${first.message['zh-CN']}`,
    en: `the form definition has ${problems.length} problem(s), so its validator for the preview cannot be compiled; the first (${where}): ${first.message.en}`,
  }, {
    hint: {
      'zh-CN': '按提示修改表单中相应的字段（details 列出全部问题及其 JSON 指针）；发布流程时服务器做同样的检查',
      en: 'change the field the message names (details lists every problem with its JSON pointer); publishing the process runs the same checks',
    },
    details: problems.map(({ pointer, code, message }) => ({ pointer, code, message })),
  });
}

function formatNotWritten(format: string): ServerError {
  return new ServerError('CF_SERVER_VALIDATOR_FORMAT', 409, {
    'zh-CN': `页面要求的校验程序格式为 ${format}，本服务器生成的是 ${PRECOMPILED_FORM_MODULE_FORMAT}`,
    en: `the page asks for validator modules of format ${format}; this server writes ${PRECOMPILED_FORM_MODULE_FORMAT}`,
  }, {
    hint: {
      'zh-CN': '页面与服务器的版本不一致：请刷新页面（服务器升级后需重新加载工作台）',
      en: 'the page and the server are of different releases: reload the page (after a server upgrade the studio must be loaded again)',
    },
    details: { format, serverFormat: PRECOMPILED_FORM_MODULE_FORMAT },
  });
}

function moduleEvicted(sha256: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, {
    'zh-CN': `预览校验程序 ${sha256.slice(0, 12)}… 已不在服务器的缓存中（缓存已满时最久未用的会被移除，服务器重启也会清空）`,
    en: `the preview validator ${sha256.slice(0, 12)}… is no longer in the server's cache (the least recently used leave when it is full, and a restart empties it)`,
  }, {
    hint: { 'zh-CN': '重新提交表单定义（POST /api/forms/validators）以取得校验程序', en: 'post the form schema again (POST /api/forms/validators) to get its validator' },
    details: { sha256 },
  });
}
