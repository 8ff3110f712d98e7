import type { FastifyInstance } from 'fastify';
import { CivicflowError } from '@civicflow/engine';
import { statusOf } from './httpErrors.js';
import { ServerError } from './serverError.js';
import type { ErrorBody } from './httpErrors.js';

const BAD_REQUEST: ErrorBody['message'] = { 'zh-CN': '请求格式不正确', en: 'the request is malformed' };
const INTERNAL: ErrorBody['message'] = { 'zh-CN': '服务器内部错误，请稍后再试', en: 'internal server error; please try again later' };

/**
 * One error shape for every route: the server's own errors (CF_SERVER_…) answer with their
 * status, logging 5xx with their log-only details (never a document or personal data); engine
 * errors keep their catalogue code, zh-CN/en message,
 * hint and details (e.g. form errors with JSON pointers); schema errors from fastify become
 * CF_SERVER_BAD_REQUEST; anything unexpected is CF_SERVER_INTERNAL and is logged, never leaked.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ServerError) {
      if (error.status >= 500) request.log.error({ code: error.code, ...error.logDetails }, error.localized.en);
      return reply.status(error.status).send(error.toBody());
    }
    if (error instanceof CivicflowError) {
      const status = statusOf(error.code);
      if (status >= 500) request.log.error({ err: error }, 'engine internal error');
      const body: ErrorBody = { code: error.code, message: error.localized, hint: error.hint, ...(error.details !== undefined ? { details: error.details } : {}) };
      return reply.status(status).send(body);
    }
    const e = error as { validation?: unknown; statusCode?: number; message?: string };
    if (e.validation || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) {
      const body: ErrorBody = { code: 'CF_SERVER_BAD_REQUEST', message: { 'zh-CN': `${BAD_REQUEST['zh-CN']}：${e.message ?? ''}`, en: `${BAD_REQUEST.en}: ${e.message ?? ''}` } };
      return reply.status(e.statusCode && e.statusCode !== 500 ? e.statusCode : 400).send(body);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ code: 'CF_SERVER_INTERNAL', message: INTERNAL } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'CF_SERVER_NOT_FOUND', message: { 'zh-CN': `没有这个地址：${request.method} ${request.url}`, en: `no such route: ${request.method} ${request.url}` } } satisfies ErrorBody);
  });
}
