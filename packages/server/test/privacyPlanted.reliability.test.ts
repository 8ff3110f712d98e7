import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatInstant } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, closeOrm, createOrm, listPiiAccess, seedDemoUsers } from '../src/index.js';
import { syntheticIdNumber } from '../src/demo/demoOrg.js';
import type { Orm } from '../src/index.js';
import { recordReliabilityFigures } from './support/reliabilityFigures.js';

/*
 * Issue 7, row "privacy": synthetic resident ID numbers (GB 11643 check character, area 110101,
 * as /work/shared/domain and demoOrg build them) and mobile numbers are planted in every string
 * field of the dispute mediation's registration form that accepts free text, in the case data at
 * start, and in requests the server refuses (its 403/404/422 messages echo the input). Then every
 * response a role without the PII permission gets — the case, its history, the task, the inbox,
 * the case list, notifications, the monitor, the audit check, errors — and every log line must
 * hold none of them; the mediator (PII) sees them, and each such response is in `pii_access`.
 */

const DISPUTE = JSON.parse(readFileSync(new URL('../../../examples/dispute-mediation/process.json', import.meta.url), 'utf8')) as ProcessDefinition;
const ELECTION = JSON.parse(readFileSync(new URL('../../../examples/village-election/process.json', import.meta.url), 'utf8')) as ProcessDefinition;
const VETTING = JSON.parse(readFileSync(new URL('../../../examples/village-election/candidate-vetting.json', import.meta.url), 'utf8')) as ProcessDefinition;
const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const TODAY = formatInstant(Date.now()).slice(0, 10);

/** The planted numbers: distinct synthetic ID numbers and mobile numbers, a pair per field. */
const planted: string[] = [];
let seq = 100;
function plantId(): string {
  const id = syntheticIdNumber(`19${String(50 + (seq % 50)).padStart(2, '0')}0${1 + (seq % 9)}1${seq % 10}`, seq++);
  planted.push(id);
  return id;
}
function plantMobile(): string {
  const mobile = `1${3 + (seq % 7)}9${String(seq++).padStart(8, '0')}`;
  planted.push(mobile);
  return mobile;
}
/** Free text carrying both kinds, written as people do (spaces in the ID number, no separator before the mobile). */
function plantText(label: string): string {
  const id = plantId();
  const mobile = plantMobile();
  return `${label} 身份证 ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}，电话${mobile}`;
}
/** Whether `text` shows a planted number, compact or in the spaced form planted. */
function leaksIn(text: string): string[] {
  const flat = text.replace(/ /g, '');
  return planted.filter((p) => flat.includes(p));
}

const sig = () => ({ method: '手写签名', signed_on: TODAY });
const person = (ref: string) => ({ kind: 'P', ref, name: '张三', id_type: '居民身份证', id_no: plantId(), ethnicity: '汉族', address: '华溪县青石镇青石村', phone: plantMobile() });
const intake = () => ({
  source: '当事人申请', applicants: [person('A1')], respondents: [person('R1')], dispute_type: '邻里',
  summary: '双方因排水沟发生争执', requests: ['恢复排水沟原有走向'], persons_involved: 2, households_involved: 2,
  accepted_elsewhere: '否', exclusion: '无', respondent_position: '同意调解', channel: '书面', voluntary_declaration: sig(), received_on: TODAY, accepted_on: TODAY, registrar: '王建国',
});

/** Every string leaf of `value` with its JSON pointer. */
function stringLeaves(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') return [pointer];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, `${pointer}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, `${pointer}/${k}`));
  return [];
}
function setAt(root: Record<string, unknown>, pointer: string, v: string): void {
  const parts = pointer.split('/').slice(1);
  let at = root as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
  at[parts[parts.length - 1]!] = v;
}

describe('planted personal numbers never leave unmasked, but through the audited path (SQLite, HTTP)', () => {
  let dir: string;
  let orm: Orm;
  let app: FastifyInstance;
  let base: string;
  const logLines: string[] = [];
  const cookies = new Map<string, string>();
  let caseId = '';
  let freeTextFields = 0;
  const responses: { who: string; url: string; status: number; text: string }[] = [];

  async function call(who: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${url}`, {
      method, headers: { ...headers, ...(cookies.has(who) ? { cookie: cookies.get(who)! } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const out = { who, url, status: res.status, text: await res.text() };
    responses.push(out);
    return out;
  }

  /**
   * Completes a task with numbers in every free-text field of `valid`: the fields whose schema
   * refuses them (choices, dates, codes) are found by the form's own 422 and left as they were.
   */
  async function completePlanted(who: string, taskUrl: string, valid: Record<string, unknown>): Promise<Record<string, unknown>> {
    const data = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
    const candidates = stringLeaves(data).filter((p) => !/\/(id_no|phone)$/.test(p));
    for (const p of candidates) setAt(data, p, plantText(p));
    for (let round = 0; round < 6; round++) {
      const res = await call(who, 'POST', `${taskUrl}/complete`, { data }, { 'idempotency-key': `planted-${taskUrl}-${round}` });
      if (res.status === 200) return data;
      expect(res.status, res.text).toBe(422);
      const refused = (JSON.parse(res.text) as { details: { pointer: string }[] }).details.map((d) => d.pointer);
      let reverted = 0;
      for (const p of candidates) {
        if (refused.some((r) => r === p || p.startsWith(`${r}/`)) && stringAt(data, p) !== stringAt(valid, p)) { setAt(data, p, stringAt(valid, p)); reverted++; }
      }
      expect(reverted, `round ${round}: refused ${refused.join(', ')}`).toBeGreaterThan(0);
    }
    throw new Error(`${taskUrl}: the form kept refusing`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civicflow-privacy-'));
    orm = await createOrm({ dataDir: dir });
    await seedDemoUsers(orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm, studioDir: false, rateLimit: false, logger: { level: 'debug', stream: { write: (line: string) => { logLines.push(line); } } } });
    await app.definitions!.publish(DISPUTE);
    await app.definitions!.publish(VETTING);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const username of ['v_med', 't_center', 't_it', 'admin', 'v_party', 'twp_lead', 'vet_gongan']) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username === 'admin' ? ADMIN_PASSWORD : PASSWORD }) });
      expect(res.status, username).toBe(200);
      cookies.set(username, res.headers.getSetCookie()[0]!.split(';')[0]!);
    }

    // The mediator registers a dispute; personal numbers in the case data at start too.
    const started = await call('v_med', 'POST', '/api/instances', { definitionId: DISPUTE.id, orgUnit: VILLAGE, data: { filed_with: 'VILLAGE', note: plantText('启动备注') } });
    expect(started.status, started.text).toBe(201);
    const body = JSON.parse(started.text) as { instanceId: string; tasks: { id: string }[] };
    caseId = body.instanceId;
    const taskUrl = `/api/tasks/${caseId}/${encodeURIComponent(body.tasks[0]!.id)}`;

    const data = await completePlanted('v_med', taskUrl, intake() as unknown as Record<string, unknown>);
    freeTextFields = stringLeaves(data).filter((p) => String(stringAt(data, p)).includes('身份证')).length + 4; // + id_no and phone of both parties
    expect(freeTextFields).toBeGreaterThan(8);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (orm) await closeOrm(orm);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows no planted number to roles without PII, anywhere, errors included; the log holds none', async () => {
    const enc = encodeURIComponent;
    const idInUrl = planted[0]!;
    const mobileInUrl = planted[1]!;
    const reads: [string, string, string, unknown?][] = [
      ['t_center', 'GET', `/api/instances/${caseId}`], ['t_center', 'GET', `/api/instances/${caseId}/history`],
      ['t_center', 'GET', `/api/instances?orgUnit=${enc(VILLAGE)}`], ['t_center', 'GET', '/api/tasks'], ['t_center', 'GET', '/api/notifications'],
      ['t_it', 'GET', `/api/instances/${caseId}`], ['t_it', 'GET', `/api/instances/${caseId}/history`], ['t_it', 'GET', `/api/monitor?orgUnit=${enc(VILLAGE)}`],
      ['admin', 'GET', `/api/audit/verify?instanceId=${caseId}`], ['admin', 'GET', `/api/admin/users?orgUnit=${enc(VILLAGE)}`], ['admin', 'GET', '/api/monitor'],
      // Errors that echo what was sent: a number in the URL, the query, the unit, the form.
      ['t_center', 'GET', `/api/instances/${idInUrl}`], ['t_center', 'GET', `/api/tasks/${caseId}/${mobileInUrl}`],
      ['t_center', 'GET', `/api/instances?orgUnit=${enc(`county:huaxi/town:${idInUrl}`)}`],
      ['t_center', 'POST', '/api/instances', { definitionId: DISPUTE.id, orgUnit: `county:huaxi/town:dongshan/community:${mobileInUrl}` }],
      ['t_center', 'POST', '/api/instances', { definitionId: `dispute-${idInUrl}` }],
      ['anonymous', 'GET', `/api/nothing/${idInUrl}?phone=${mobileInUrl}`], ['t_center', 'GET', `/api/nothing/unit%3A${idInUrl}?q=tel%3A${mobileInUrl}`],
      ['anonymous', 'POST', '/api/auth/login', { username: idInUrl, password: mobileInUrl }],
    ];
    for (const [who, method, url, body] of reads) await call(who, method, url, body);
    // A refused form whose messages quote the values: the mediator sends a phone in an ID field.
    const fresh = await call('t_center', 'POST', '/api/instances', { definitionId: DISPUTE.id, data: { filed_with: 'TOWN' } });
    const freshTask = (JSON.parse(fresh.text) as { instanceId: string; tasks: { id: string }[] });
    const bad = intake();
    bad.applicants[0]!.id_no = `${plantMobile()}x`;
    bad.applicants[0]!.phone = `${plantId()}0`;
    const refused = await call('t_center', 'POST', `/api/tasks/${freshTask.instanceId}/${enc(freshTask.tasks[0]!.id)}/complete`, { data: bad }, { 'idempotency-key': 'planted-refused' });
    expect(refused.status, refused.text).toBe(422);

    const withoutPii = responses.filter((r) => r.who !== 'v_med');
    const leaks = withoutPii.flatMap((r) => leaksIn(r.text).map((p) => `${r.who} ${r.url} (${r.status}): ${p}`));
    const logLeaks = logLines.flatMap((l) => leaksIn(l).map((p) => `log: ${p} in ${l.slice(0, 200)}`));
    recordReliabilityFigures('privacy-masking', {
      plantedValues: planted.length, freeTextFieldsPlanted: freeTextFields, responsesChecked: withoutPii.length, logLinesChecked: logLines.length,
      responseLeaks: leaks.length, logLeaks: logLeaks.length,
    });
    expect(withoutPii.filter((r) => r.status === 200).length).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
    expect(logLeaks).toEqual([]);
    expect(logLines.length).toBeGreaterThan(20);
  });

  it('in the candidate vetting too: the candidate\'s numbers and the village\'s free text reach nobody without PII, a department sees them audited', async () => {
    const from = responses.length;
    const person = { name: '王某', id_no: plantId(), birth_date: '1975-06-15', ethnicity: '汉族', phone: plantMobile(), hukou_address: plantText('户籍地'), current_address: plantText('现住址') };
    const roster = (ELECTION.config?.['vet_roster']?.value ?? []) as unknown[];
    const started = await call('v_party', 'POST', '/api/instances', { definitionId: 'candidate-vetting', orgUnit: VILLAGE, data: { person, track: 'PARTY', proposed_post: '委员', political_status: '中共党员', roster, election_date: '2027-05-28' } });
    expect(started.status, started.text).toBe(201);
    const vettingId = (JSON.parse(started.text) as { instanceId: string }).instanceId;
    const taskOf = async (who: string, stepId: string) => {
      const items = (JSON.parse((await call(who, 'GET', '/api/tasks?limit=100')).text) as { items: { instanceId: string; taskId: string; stepId: string }[] }).items;
      return `/api/tasks/${vettingId}/${encodeURIComponent(items.find((t) => t.instanceId === vettingId && t.stepId === stepId)!.taskId)}`;
    };
    const plantedFields = (d: Record<string, unknown>) => stringLeaves(d).filter((p) => String(stringAt(d, p)).includes('身份证')).length;
    const precheck = await completePlanted('v_party', await taskOf('v_party', 'villagePrecheck'), {
      political_status: '中共党员', party_join_date: '2000-07-01', education: '高中/中专', proposed_posts: ['党组织委员'],
      resume: [{ from: '2010-01-01', to: '2027-04-01', org: '青石村', post: '村民' }], pledge: 'sig:pledge', village_check: '同意报审', village_opinion: '同意报审', village_signature: 'sig:v',
    });
    const township = await completePlanted('twp_lead', await taskOf('twp_lead', 'townshipCheck'), { township_check: '同意报县联审', opinion: '同意', signature: 'sig:t', checked_on: TODAY });
    const fields = plantedFields(precheck) + plantedFields(township) + 4; // + the person's ID, phone and two addresses
    expect(plantedFields(precheck)).toBeGreaterThan(0);
    expect(plantedFields(township)).toBeGreaterThan(0);
    for (const who of ['v_party', 'twp_lead', 't_it', 'admin']) {
      await call(who, 'GET', `/api/instances/${vettingId}`);
      await call(who, 'GET', `/api/instances/${vettingId}/history`);
    }
    // A vetting department (PII) checks the candidate's identity in its task: unmasked, audited.
    const department = await call('vet_gongan', 'GET', await taskOf('vet_gongan', 'countyVetting'));
    expect(department.status).toBe(200);
    expect(department.text).toContain(person.id_no);
    const audited = (await listPiiAccess(orm.em.fork(), { userId: 'u-vet_gongan' }, 100)).filter((r) => r.instanceId === vettingId);
    expect(audited.length).toBeGreaterThan(0);

    const mine = responses.slice(from).filter((r) => r.who !== 'vet_gongan');
    expect(mine.filter((r) => r.status === 200 && r.url.startsWith('/api/instances/')).length).toBe(8);
    const leaks = mine.flatMap((r) => leaksIn(r.text).map((p) => `${r.who} ${r.url} (${r.status}): ${p}`));
    const logLeaks = logLines.flatMap((l) => leaksIn(l).map((p) => `log: ${p}`));
    recordReliabilityFigures('privacy-masking-vetting', { plantedValues: planted.length, freeTextFieldsPlanted: fields, responsesChecked: mine.length, responseLeaks: leaks.length, logLeaks: logLeaks.length, departmentViewsAudited: audited.length });
    expect(leaks).toEqual([]);
    expect(logLeaks).toEqual([]);
  }, 60_000);

  it('shows them to the mediator (PII), and audits every response that did', async () => {
    const before = (await listPiiAccess(orm.em.fork(), {}, 10_000)).length;
    const shown: string[] = [];
    for (const url of [`/api/instances/${caseId}`, `/api/instances/${caseId}/history`]) {
      const res = await call('v_med', 'GET', url);
      expect(res.status).toBe(200);
      expect(leaksIn(res.text).length, url).toBeGreaterThan(6);
      shown.push(url);
    }
    const rows = (await listPiiAccess(orm.em.fork(), {}, 10_000)).slice(0, -before || undefined);
    expect(rows.map((r) => r.route).sort()).toEqual(['/api/instances/:id', '/api/instances/:id/history']);
    for (const r of rows) {
      expect(r).toMatchObject({ userId: 'u-v_med', instanceId: caseId, status: 200 });
      expect(r.idNumbers + r.phoneNumbers).toBeGreaterThan(6);
    }
    // The audit itself holds no number.
    const dump = JSON.stringify(await orm.em.fork().getConnection().execute('select * from pii_access'));
    expect(leaksIn(dump)).toEqual([]);
    recordReliabilityFigures('privacy-unmasking-audited', { unmaskedResponses: shown.length, auditRows: rows.length, unauditedUnmaskings: shown.length - rows.length });
  });
});

function stringAt(root: Record<string, unknown>, pointer: string): string {
  let at: unknown = root;
  for (const p of pointer.split('/').slice(1)) at = (at as Record<string, unknown>)[p];
  return at as string;
}
