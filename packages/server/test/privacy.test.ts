import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, DEMO_USERS, demoUsersMarkdown, listPiiAccess, maskJsonText, PII_ROLE, seedDemoUsers } from '../src/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const example = JSON.parse(readFileSync(new URL('../../../examples/dispute-mediation/process.json', import.meta.url), 'utf8')) as ProcessDefinition;
const PASSWORD = 'demo-password-2027';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const TODAY = formatInstant(Date.now()).slice(0, 10);

// The synthetic personal numbers of the case, and how everyone without PII must see them.
const ID_A = '110101198001010010';
const ID_D = '110101199012310056';
const MOBILE = '13800000000';
const LANDLINE = '010-12345678';
const MASKED: Record<string, string> = { [ID_A]: '110101********0010', [ID_D]: '110101********0056', [MOBILE]: '138****0000', [LANDLINE]: '010-****5678' };
const RAW = Object.keys(MASKED);
// Values that look numeric but are not personal: they must come back exactly as stored.
const NOT_PII = ['0f3ca139-4567-8901-abcd-012345678901', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'att_01012345678', '2027-03-01T09:00:00.000+08:00', `${VILLAGE}/grid:01`, '1763779200000'];

const sig = { method: '手写签名', signed_on: TODAY };
const person = (ref: string, name: string, idNo: string) => ({ kind: 'P', ref, name, id_type: '居民身份证', id_no: idNo, ethnicity: '汉族', address: '华溪县青石镇青石村', phone: MOBILE });
const intake = () => ({
  source: '当事人申请', applicants: [person('A1', '张三', ID_A)], respondents: [person('R1', '李四', ID_D)], dispute_type: '邻里',
  summary: `双方因房屋后排水沟的疏通与改道问题发生争执。申请人座机 ${LANDLINE}。参考 ${NOT_PII.join(' ')}`,
  requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig, received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
});

/** A PII holder's body as someone without PII must see it: the personal numbers masked, nothing else changed. */
const expectedMasked = (body: string) => RAW.reduce((text, raw) => text.split(raw).join(MASKED[raw]!), body);

describe('demo roles with PII', () => {
  it('go to the mediators, the election committee and the vetting departments, not to supervisors', () => {
    const holders = DEMO_USERS.filter((u) => u.roles.includes(PII_ROLE)).map((u) => u.username);
    expect(holders).toEqual(expect.arrayContaining(['v_med', 'v_med_chair', 'v_med_dongyuan', 'vec', 'vet_gongan']));
    for (const supervisor of ['t_center', 'c_center', 'twp_lead', 'voter', 'party', 'grid']) expect(holders, supervisor).not.toContain(supervisor);
    expect(demoUsersMarkdown()).toContain('| `v_med` | 王建国 | V_MED | ✓ |');
    expect(demoUsersMarkdown()).toContain('| `t_center` | 李明华 | T_CENTER |  |');
  });
});

describe('maskJsonText', () => {
  it('masks string values, keys, escaped strings and number-shaped numbers, and keeps the JSON valid', () => {
    const doc = { [ID_A]: 'key', note: `tel\n${MOBILE}`, phone: 13912345678, size: 1763779200000, ids: NOT_PII, quote: `"${ID_D}"` };
    const { text, count } = maskJsonText(JSON.stringify(doc));
    expect(JSON.parse(text)).toEqual({ '110101********0010': 'key', note: 'tel\n138****0000', phone: '139****5678', size: 1763779200000, ids: NOT_PII, quote: '"110101********0056"' });
    expect(count).toEqual({ idNumbers: 2, phoneNumbers: 2 });
    expect(maskJsonText('{"a":"plain","b":[1,2,3]}')).toEqual({ text: '{"a":"plain","b":[1,2,3]}', count: { idNumbers: 0, phoneNumbers: 0 } });
    // A body labelled JSON that is not: still masked, never an error.
    expect(maskJsonText(`{"a":"\\q ${MOBILE}"}`).text).toBe('{"a":"\\q 138****0000"}');
  });

  it('masks text and JSON bodies of every /api route, also those sent as strings or buffers', async () => {
    const app = await buildApp();
    app.get('/api/test/text', async (_request, reply) => reply.type('text/csv; charset=utf-8').send(`name,phone\n张三,${MOBILE}\n`));
    app.get('/api/test/buffer', async (_request, reply) => reply.type('application/json').send(Buffer.from(JSON.stringify({ id: ID_A }))));
    app.get('/api/test/string', async (_request, reply) => reply.type('application/problem+json').send(JSON.stringify({ detail: `电话${LANDLINE}` })));
    expect((await app.inject({ method: 'GET', url: '/api/test/text' })).body).toBe('name,phone\n张三,138****0000\n');
    expect((await app.inject({ method: 'GET', url: '/api/test/buffer' })).json()).toEqual({ id: MASKED[ID_A] });
    expect((await app.inject({ method: 'GET', url: '/api/test/string' })).json()).toEqual({ detail: `电话${MASKED[LANDLINE]}` });
    await app.close();
  });
});

describe.each(TEST_DATABASES)('personal numbers in API responses on $name', (db) => {
  let open: OpenTestDatabase;
  let app: FastifyInstance;
  const logLines: string[] = [];
  const cookies = new Map<string, string>();
  let caseId = '';
  let rightsTask = '';

  const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
  const complete = (user: string, instanceId: string, taskId: string, data: unknown, key: string) => app.inject({
    method: 'POST', url: `/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`, headers: { cookie: cookies.get(user)!, 'idempotency-key': key }, payload: { data },
  });
  const start = async (user: string, data?: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get(user)! }, payload: { definitionId: 'dispute-mediation', orgUnit: VILLAGE, ...(data ? { data } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { instanceId: string; tasks: { id: string; stepId: string }[] };
  };
  const audit = () => listPiiAccess(open.orm.em.fork(), {}, 1000);

  beforeAll(async () => {
    open = await db.open();
    await seedDemoUsers(open.orm, { production: false, password: PASSWORD });
    app = await buildApp({ orm: open.orm, logger: { level: 'info', stream: { write: (line: string) => { logLines.push(line); } } } });
    await app.definitions!.publish(example);
    for (const username of ['v_med', 't_center']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, username).toBe(200);
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
    // The village mediator registers a dispute: two ID numbers, two mobiles, a landline.
    const started = await start('v_med');
    caseId = started.instanceId;
    const done = await complete('v_med', caseId, started.tasks[0]!.id, intake(), 'privacy-intake');
    expect(done.statusCode, done.body).toBe(200);
    rightsTask = (done.json() as { tasks: { id: string }[] }).tasks[0]!.id;
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await open?.close();
  });

  it('the town supervisor (no PII) sees the case and its history masked, and nothing else changed', async () => {
    for (const url of [`/api/instances/${caseId}`, `/api/instances/${caseId}/history`]) {
      const seen = await get('t_center', url);
      expect(seen.statusCode, url).toBe(200);
      for (const raw of RAW) expect(seen.body, `${url} ${raw}`).not.toContain(raw);
      for (const masked of Object.values(MASKED)) expect(seen.body, url).toContain(masked);
      for (const value of NOT_PII) expect(seen.body, url).toContain(value);
      expect((seen.json() as { instanceId?: string }).instanceId).toBe(caseId);
    }
    // The history is the same for both actors: byte for byte, except the personal numbers.
    const mediator = await get('v_med', `/api/instances/${caseId}/history`);
    const supervisor = await get('t_center', `/api/instances/${caseId}/history`);
    expect(supervisor.body).toBe(expectedMasked(mediator.body));
    const view = (await get('t_center', `/api/instances/${caseId}`)).json() as { startedAt: string; orgUnit: string; data: { intake: { applicants: { id_no: string; phone: string }[] } } };
    expect(view.orgUnit).toBe(VILLAGE);
    expect(view.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(view.data.intake.applicants[0]).toMatchObject({ id_no: MASKED[ID_A], phone: MASKED[MOBILE] });
    // Without PII nothing is audited: nothing was shown.
    expect((await audit()).filter((r) => r.userId === 'u-t_center')).toEqual([]);
  });

  it('the mediator (PII) sees the numbers, and each such response leaves a pii_access row without them', async () => {
    const before = (await audit()).length;
    const view = await get('v_med', `/api/instances/${caseId}`);
    expect(view.statusCode).toBe(200);
    for (const raw of RAW) expect(view.body).toContain(raw);
    const task = await get('v_med', `/api/tasks/${caseId}/${encodeURIComponent(rightsTask)}`);
    expect(task.statusCode).toBe(200);
    expect(task.body).toContain(ID_A);

    const after = await audit(); // newest first
    const rows = after.slice(0, after.length - before);
    const byRoute = new Map(rows.map((r) => [r.route, r]));
    expect(byRoute.get('/api/instances/:id')).toMatchObject({ userId: 'u-v_med', orgUnit: VILLAGE, method: 'GET', instanceId: caseId, status: 200, idNumbers: 2, phoneNumbers: 3 });
    expect(byRoute.get('/api/tasks/:instanceId/:taskId')).toMatchObject({ userId: 'u-v_med', method: 'GET', instanceId: caseId, idNumbers: 2, phoneNumbers: 3 });
    for (const r of rows) expect(Math.abs(r.at.getTime() - Date.now())).toBeLessThan(60_000);
    // A URL can carry a number itself: the row names the case by its masked form.
    const probe = await get('v_med', `/api/instances/${ID_A}`);
    expect(probe.statusCode).toBe(404);
    expect(probe.body).toContain(ID_A);
    expect((await audit())[0]).toMatchObject({ route: '/api/instances/:id', instanceId: MASKED[ID_A], status: 404, idNumbers: 3 }); // both messages and details
    // The audit is no second copy of the numbers.
    const dump = JSON.stringify(await open.orm.em.fork().getConnection().execute('select * from pii_access'));
    for (const raw of [...RAW, '12345678']) expect(dump).not.toContain(raw);

    // A response without numbers is not audited.
    const count = (await audit()).length;
    expect((await get('v_med', '/api/tasks')).statusCode).toBe(200);
    expect(await audit()).toHaveLength(count);
  });

  it('the town supervisor opens a town task of a case with numbers: the task view is masked', async () => {
    // Filed at the town: the town centre registers the intake and is given the next task.
    const cookie = cookies.get('t_center')!;
    const res = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'dispute-mediation', orgUnit: VILLAGE, data: { filed_with: 'TOWN' } } });
    expect(res.statusCode, res.body).toBe(201);
    const town = res.json() as { instanceId: string; tasks: { id: string; stepId: string }[] };
    expect(town.tasks[0]!.stepId).toBe('intakeTown');
    const done = await complete('t_center', town.instanceId, town.tasks[0]!.id, intake(), 'privacy-town-intake');
    expect(done.statusCode, done.body).toBe(200);
    const next = (done.json() as { tasks: { id: string; stepId: string }[] }).tasks[0]!;
    expect(next.stepId).toBe('rightsNoticeTown');
    const task = await get('t_center', `/api/tasks/${town.instanceId}/${encodeURIComponent(next.id)}`);
    expect(task.statusCode).toBe(200);
    for (const raw of RAW) expect(task.body).not.toContain(raw);
    expect((task.json() as { case: { data: { intake: { respondents: { id_no: string }[] } } } }).case.data.intake.respondents[0]!.id_no).toBe(MASKED[ID_D]);
    for (const value of NOT_PII) expect(task.body).toContain(value);
  });

  it('a masked form sent back is refused (check digit, phone format), never stored', async () => {
    const seen = (await get('t_center', `/api/instances/${caseId}`)).json() as { data: { intake: Record<string, unknown> } };
    const fresh = await start('v_med');
    const res = await complete('v_med', fresh.instanceId, fresh.tasks[0]!.id, seen.data.intake, 'privacy-masked-back');
    expect(res.statusCode).toBe(422);
    const pointers = (res.json() as { code: string; details: { pointer: string }[] }).details.map((d) => d.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/applicants/0/id_no', '/respondents/0/id_no', '/applicants/0/phone', '/respondents/0/phone']));
    const history = (await get('v_med', `/api/instances/${fresh.instanceId}/history`)).json() as { events: { type: string }[] };
    expect(history.events.filter((e) => e.type === 'task.completed')).toEqual([]);
  });

  it('leaves published definitions as authored: a number in a form text is not personal data', async () => {
    const authored = { ...example, id: 'privacy-authored', version: 1 } as typeof example;
    const firstForm = Object.keys(authored.forms)[0]!;
    const form = authored.forms[firstForm]!;
    authored.forms = { ...authored.forms, [firstForm]: { ...form, schema: { ...form.schema, description: `咨询电话 helpline ${MOBILE}` } } };
    await app.definitions!.publish(authored);
    const res = await get('t_center', '/api/definitions/privacy-authored/versions/1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(MOBILE);
    expect((res.json() as { document: typeof example }).document).toEqual(authored);
  });

  it('masks error bodies and unknown routes too, for anyone without PII', async () => {
    const notFound = await get('t_center', `/api/instances/${ID_A}`);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.body).not.toContain(ID_A);
    const anonymous = await app.inject({ method: 'GET', url: `/api/nothing/${MOBILE}` });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.body).toContain(MASKED[MOBILE]);
    expect(anonymous.body).not.toContain(MOBILE);
    expect((await app.inject({ method: 'GET', url: `/API/nothing?phone=${MOBILE}` })).body).not.toContain(MOBILE);
  });

  it('never writes the numbers to the log', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    for (const raw of RAW) expect(all).not.toContain(raw);
  });
});

describe.each(TEST_DATABASES)('no audit, no numbers on $name', (db) => {
  it('masks the response for a PII holder when the audit row cannot be written', async () => {
    const open = await db.open();
    const lines: string[] = [];
    try {
      await seedDemoUsers(open.orm, { production: false, password: PASSWORD });
      const app = await buildApp({ orm: open.orm, logger: { level: 'info', stream: { write: (l: string) => { lines.push(l); } } } });
      await app.definitions!.publish(example);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'v_med', password: PASSWORD } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const started = (await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie }, payload: { definitionId: 'dispute-mediation' } })).json() as { instanceId: string; tasks: { id: string }[] };
      const done = await app.inject({ method: 'POST', url: `/api/tasks/${started.instanceId}/${encodeURIComponent(started.tasks[0]!.id)}/complete`, headers: { cookie, 'idempotency-key': 'k' }, payload: { data: intake() } });
      expect(done.statusCode, done.body).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/api/instances/${started.instanceId}`, headers: { cookie } })).body).toContain(ID_A);

      await open.orm.em.fork().getConnection().execute('drop table pii_access');
      const res = await app.inject({ method: 'GET', url: `/api/instances/${started.instanceId}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(ID_A);
      expect(res.body).toContain(MASKED[ID_A]);
      expect(lines.some((l) => l.includes('pii_access_audit_failed'))).toBe(true);
      await app.close();
    } finally {
      await open.close();
    }
  }, 30_000);
});
