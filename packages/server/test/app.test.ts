import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CivicflowError } from '@civicflow/engine';
import { buildApp, maskPii } from '../src/index.js';

describe('buildApp', () => {
  it('answers /api/health', async () => {
    const app = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0' });
    await app.close();
  });

  it('describes itself with OpenAPI 3 at /api/openapi.json and serves the docs UI', async () => {
    const app = await buildApp();
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/definitions/validate']));
    expect((await app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
    await app.close();
  });

  it('validates a definition: every problem at once, with the form safety checks', async () => {
    const app = await buildApp();
    const example = JSON.parse(readFileSync(new URL('../../../examples/dispute-mediation/process.json', import.meta.url), 'utf8'));
    const ok = await app.inject({ method: 'POST', url: '/api/definitions/validate', payload: example });
    expect(ok.json()).toEqual({ valid: true, problems: [] });
    const bad = structuredClone(example);
    bad.start = 'intak';
    const firstForm = Object.keys(bad.forms)[0]!;
    bad.forms[firstForm].schema.properties.evil = { type: 'string', pattern: '^(a+)+$' };
    const res = await app.inject({ method: 'POST', url: '/api/definitions/validate', payload: bad });
    const body = res.json() as { valid: boolean; problems: { code: string; pointer: string; message: { en: string } }[] };
    expect(body.valid).toBe(false);
    expect(body.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['CF_DEF_UNKNOWN_START', 'CF_FORMS_SCHEMA_UNSAFE_PATTERN']));
    expect(body.problems.find((p) => p.code === 'CF_FORMS_SCHEMA_UNSAFE_PATTERN')!.pointer).toMatch(/^\/forms\/[^/]+\/schema\/properties\/evil\/pattern$/);
    await app.close();
  });

  it('maps errors to one shape: engine codes to HTTP statuses, bad JSON to 400, unknown routes to 404, surprises to 500 without leaking', async () => {
    const app = await buildApp();
    app.get('/test/forbidden', async () => { throw new CivicflowError('CF_ENGINE_FORBIDDEN_ROLE', { role: 'V_MED' }); });
    app.get('/test/conflict', async () => { throw new CivicflowError('CF_ENGINE_STORE_CONFLICT', { instanceId: 'c', expected: 1, actual: 2 }); });
    app.get('/test/boom', async () => { throw new Error('secret detail 110101198001010010'); });
    const forbidden = await app.inject({ method: 'GET', url: '/test/forbidden' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'CF_ENGINE_FORBIDDEN_ROLE', message: { 'zh-CN': '您没有办理此任务所需的角色 V_MED' } });
    expect((await app.inject({ method: 'GET', url: '/test/conflict' })).statusCode).toBe(409);
    const boom = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret');
    const badJson = await app.inject({ method: 'POST', url: '/api/definitions/validate', headers: { 'content-type': 'application/json' }, payload: '{"oops"' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ code: 'CF_SERVER_BAD_REQUEST' });
    expect((await app.inject({ method: 'GET', url: '/nope' })).json()).toMatchObject({ code: 'CF_SERVER_NOT_FOUND' });
    await app.close();
  });

  it('refuses a body over the size limit', async () => {
    const app = await buildApp({ bodyLimit: 1000 });
    const res = await app.inject({ method: 'POST', url: '/api/definitions/validate', payload: { padding: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    await app.close();
  });
});

describe('personal numbers never reach the logs', () => {
  it('masks ID numbers and mobile numbers', () => {
    expect(maskPii('身份证 110101198001010010，电话 13800138000 或 +86 138-0013-8000')).toBe('身份证 110101********0010，电话 138****8000 或 138****8000');
    expect(maskPii('order 1234567')).toBe('order 1234567');
  });
  it('masks them in every log line the server writes (messages, objects, URLs)', async () => {
    const lines: string[] = [];
    const app = await buildApp({ logger: { level: 'info', stream: { write: (l: string) => { lines.push(l); } } } });
    app.get('/test/log', async (request) => {
      request.log.info({ person: { id_no: '110101197506150022', phone: '13912345678' } }, 'completed for 110101198001010010');
      return { ok: true };
    });
    await app.inject({ method: 'GET', url: '/test/log?id=110101199012310056' });
    const all = lines.join('\n');
    expect(all).toContain('110101********0022');
    for (const raw of ['110101197506150022', '13912345678', '110101198001010010', '110101199012310056']) expect(all).not.toContain(raw);
    await app.close();
  });
});
