import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDefinition } from './support/demoTour.js';
import { startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// A process's start form (`startForm`) on the real server: POST /api/instances validates the start
// input with it (the engine's form validator, 422 with each field at fault), and the studio gets the
// start form's precompiled validator like a task form's.
// (On the server the studio tests use: `pnpm --filter @civicflow/studio run build` first.)

const ACCESS = exampleDefinition('community-affairs-access/process.json');
const EMERGENCY = exampleDefinition('emergency-mobilisation/process.json');

let server: StudioServer;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [ACCESS, EMERGENCY] });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function start(username: string, body: Record<string, unknown>) {
  return server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: await server.login(username) }, payload: body });
}

interface Refusal { code: string; message: { 'zh-CN': string; en: string }; details: { pointer: string }[] }

describe('starting a case with its start form', () => {
  it('passes startForm to the studio with the definition', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/definitions/${ACCESS.id}/versions/${ACCESS.version}`, headers: { cookie: await server.login('req_weijian') } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { document: { startForm?: string } }).document.startForm).toBe('E_START');
  });

  it('refuses E without the pre-checking street, or with a unit that is no township / street, naming the field', async () => {
    const missing = await start('req_weijian', { definitionId: ACCESS.id });
    expect(missing.statusCode, missing.body).toBe(422);
    const body = missing.json() as Refusal;
    expect(body.code).toBe('CF_ENGINE_FORM_INVALID');
    expect(body.message['zh-CN']).toContain('负责初审的乡镇(街道)组织单元');
    expect(body.details).toEqual([expect.objectContaining({ pointer: '/precheck_unit' })]);

    const village = await start('req_weijian', { definitionId: ACCESS.id, data: { precheck_unit: 'county:huaxi/town:dongshan/community:dongyuan' } });
    expect(village.statusCode, village.body).toBe(422);
    expect((village.json() as Refusal).details).toEqual([expect.objectContaining({ pointer: '/precheck_unit' })]);

    const ok = await start('req_weijian', { definitionId: ACCESS.id, data: { precheck_unit: 'county:huaxi/town:dongshan' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses C with an empty roster or a village without its unit, and starts with the roster', async () => {
    const empty = await start('twp_duty', { definitionId: EMERGENCY.id, data: { villages: [] } });
    expect(empty.statusCode, empty.body).toBe(422);
    expect((empty.json() as Refusal).details).toEqual([expect.objectContaining({ pointer: '/villages' })]);

    const noUnit = await start('twp_duty', { definitionId: EMERGENCY.id, data: { villages: [{ id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe' } }] } });
    expect(noUnit.statusCode, noUnit.body).toBe(422);
    expect((noUnit.json() as Refusal).details).toEqual([expect.objectContaining({ pointer: '/villages/0/orgUnit' })]);

    const ok = await start('twp_duty', {
      definitionId: EMERGENCY.id,
      data: { villages: [{ id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe' }, orgUnit: 'county:huaxi/town:qingshi/village:xiahe' }] },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('serves the start form\'s precompiled validator', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/definitions/${EMERGENCY.id}/versions/${EMERGENCY.version}/forms/roster/validator.js`, headers: { cookie: await server.login('twp_duty') } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.body).toContain('export');
  });
});
