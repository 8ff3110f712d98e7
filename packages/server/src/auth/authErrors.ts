import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '../plugins/httpErrors.js';

/**
 * The auth errors, in the one error shape of the server. The preHandlers reply with them directly:
 * a 429 also sets Retry-After, and a refused request stops before the route.
 */
export const UNAUTHENTICATED: ErrorBody = {
  code: 'CF_SERVER_UNAUTHENTICATED',
  message: { 'zh-CN': '请先登录', en: 'please sign in first' },
};
export const BAD_CREDENTIALS: ErrorBody = {
  code: 'CF_SERVER_BAD_CREDENTIALS',
  message: { 'zh-CN': '用户名或密码错误', en: 'wrong username or password' },
};
export function forbidden(role: string): ErrorBody {
  return { code: 'CF_SERVER_FORBIDDEN', message: { 'zh-CN': `您没有执行此操作所需的角色 ${role}`, en: `you lack the role ${role} needed for this` } };
}
export function tooManyAttempts(retryAfterSeconds: number): ErrorBody {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    code: 'CF_SERVER_TOO_MANY_ATTEMPTS',
    message: { 'zh-CN': `登录失败次数过多，请 ${minutes} 分钟后再试`, en: `too many failed sign-ins; try again in ${minutes} minute(s)` },
  };
}

/** The JSON schema of an error body, for route `response` schemas. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    hint: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
  },
} as const;

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).send(body);
}
