import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { buildApp, closeOrm, createOrm, seedDemoUsers } from '../src/index.js';
import { VETTING_DEPARTMENTS } from '../src/demo/demoOrg.js';
import type { Orm } from '../src/index.js';
import { recordReliabilityFigures } from './support/reliabilityFigures.js';

/*
 * Need to know inside a visible case (domain A: VET_DEPT "cannot see other departments' answers";
 * "Other departments' answers … stay visible only to COUNTY_ORG"): the candidate vetting's joint
 * qualification review declares `visibleTo: ["COUNTY_ORG"]`, and the server's case, history and
 * task views leave its answers out for everyone else — the referring village Party organisation,
 * the administrator, the departments themselves (each still sees its own submission).
 */

const EXAMPLES = new URL('../../../examples/village-election/', import.meta.url);
const election = JSON.parse(readFileSync(new URL('process.json', EXAMPLES), 'utf8')) as ProcessDefinition;
const vetting = JSON.parse(readFileSync(new URL('candidate-vetting.json', EXAMPLES), 'utf8')) as ProcessDefinition;
const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const WANG = { name: '王某', id_no: '110101197506150022', birth_date: '1975-06-15', ethnicity: '汉族', phone: '13800000000', hukou_address: '华溪县青石镇青石村', current_address: '华溪县青石镇青石村' };
const COURT = 'fayuan';
const today = new Date().toISOString().slice(0, 10);

interface HistoryEvent { type: string; stepId?: string; actor?: { id: string }; data?: unknown }

describe('visibleTo: the joint review\'s answers only for the vetting group (SQLite)', () => {
  let dir: string;
  let orm: Orm;
  let app: FastifyInstance;
  let caseId = '';
  const cookies = new Map<string, string>();
  const as = (user: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
  async function inboxTask(user: string, stepId: string): Promise<string> {
    const items = ((await as(user, '/api/tasks?limit=100')).json() as { items: { instanceId: string; taskId: string; stepId: string }[] }).items;
    return items.find((t) => t.instanceId === caseId && t.stepId === stepId)!.taskId;
  }
  async function completeAs(user: string, taskId: string, data: unknown): Promise<void> {
    const res = await app.inject({ method: 'POST', url: `/api/tasks/${caseId}/${encodeURIComponent(taskId)}/complete`, headers: { cookie: cookies.get(user)!, 'idempotency-key': `vis-${user}-${taskId}` }, payload: { data } });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civicflow-visibility-'));
    orm = await createOrm({ dataDir: dir });
    await seedDemoUsers(orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm, studioDir: false, rateLimit: false });
    await app.definitions!.publish(vetting);
    for (const user of ['v_party', 'twp_lead', 'county_org', 'admin', ...VETTING_DEPARTMENTS.map((d) => `vet_${d.code}`)]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: user === 'admin' ? ADMIN_PASSWORD : PASSWORD } });
      cookies.set(user, String(res.headers['set-cookie']).split(';')[0]!);
    }
    const roster = (election.config?.['vet_roster']?.value ?? []) as { id: string }[];
    const started = await app.inject({
      method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_party')! },
      payload: { definitionId: 'candidate-vetting', orgUnit: VILLAGE, data: { person: WANG, track: 'PARTY', proposed_post: '委员', political_status: '中共党员', roster, election_date: '2027-05-28' } },
    });
    expect(started.statusCode, started.body).toBe(201);
    caseId = (started.json() as { instanceId: string }).instanceId;
    await completeAs('v_party', await inboxTask('v_party', 'villagePrecheck'), {
      political_status: '中共党员', party_join_date: '2000-07-01', education: '高中/中专', proposed_posts: ['党组织委员'],
      resume: [{ from: '2010-01-01', to: '2027-04-01', org: '青石村', post: '村民' }], pledge: 'sig:pledge', village_check: '同意报审', village_opinion: '同意报审', village_signature: 'sig:v',
    });
    await completeAs('twp_lead', await inboxTask('twp_lead', 'townshipCheck'), { township_check: '同意报县联审', opinion: '同意', signature: 'sig:t', checked_on: today });
    for (const d of VETTING_DEPARTMENTS) {
      const answer = d.code === COURT
        ? { conclusion: 'FLAG', nl_codes: ['NL09'], facts: '列入失信被执行人名单（2026）华执字第 0099 号', evidence: [], reviewer_user: d.reviewer, head_user: `${d.name}负责人`, head_signature: 'sig:head', replied_on: today }
        : { conclusion: 'PASS', reviewer_user: d.reviewer, head_user: `${d.name}负责人`, head_signature: 'sig:head', replied_on: today };
      await completeAs(`vet_${d.code}`, await inboxTask(`vet_${d.code}`, 'countyVetting'), answer);
    }
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (orm) await closeOrm(orm);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every department\'s answer to the vetting group, and none to the village Party organisation or the administrator', async () => {
    const answersSeen = async (user: string) => {
      const view = (await as(user, `/api/instances/${caseId}`)).json() as { data: Record<string, unknown> };
      const history = ((await as(user, `/api/instances/${caseId}/history`)).json() as { events: HistoryEvent[] }).events;
      const submissions = history.filter((e) => e.stepId === 'countyVetting' && e.type === 'task.completed');
      return {
        caseData: 'countyVetting' in view.data,
        submissions: submissions.length,
        withData: submissions.filter((e) => e.data !== undefined).length,
        decisionData: history.some((e) => e.stepId === 'countyVetting' && e.type !== 'task.completed' && e.type !== 'task.opened' && e.data !== undefined && JSON.stringify(e.data).includes(COURT)),
        // The court's answer itself (the roster in the case data names the NL codes each department answers for; that is no answer).
        court: [JSON.stringify(view), JSON.stringify(history)].some((text) => text.includes('华执字') || text.includes('"FLAG"')),
      };
    };
    const group = await answersSeen('county_org');
    expect(group).toEqual({ caseData: true, submissions: 15, withData: 15, decisionData: true, court: true });
    let leaks = 0;
    for (const user of ['v_party', 'admin', 'twp_lead']) {
      const seen = await answersSeen(user);
      // The steps happened (15 submissions in the timeline), but not what was answered.
      expect(seen, user).toEqual({ caseData: false, submissions: 15, withData: 0, decisionData: false, court: false });
      leaks += seen.withData + Number(seen.caseData) + Number(seen.decisionData) + Number(seen.court);
    }
    recordReliabilityFigures('need-to-know-joint-review', { rolesChecked: 3, departmentAnswers: 15, answersLeaked: leaks });
  });

  it('gives the vetting group its task with the answers in the case data; a department cannot open the case at all', async () => {
    // The vetting group's task (confirm the court's FLAG) holds the case: for county_org with the answers.
    const groupTask = await inboxTask('county_org', 'vettingGroupReview');
    const view = (await as('county_org', `/api/tasks/${caseId}/${encodeURIComponent(groupTask)}`)).json() as { case: { data: Record<string, unknown> } };
    expect(view.case.data['countyVetting']).toMatchObject({ outcome: 'rejected' });
    // The court department cannot open the case (no need to know) …
    expect((await as(`vet_${COURT}`, `/api/instances/${caseId}`)).statusCode).toBe(404);
  });

  it('is checked by the engine: roles must be defined, the list not empty', () => {
    const steps = vetting.steps as unknown as Record<string, Record<string, unknown>>;
    const withRoles = (visibleTo: unknown) => ({ ...vetting, steps: { ...steps, countyVetting: { ...steps['countyVetting'], visibleTo } } }) as unknown as ProcessDefinition;
    expect(validateDefinition(vetting).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateDefinition(withRoles(['COUNTY_ORGG'])).map((p) => [p.pointer, p.code])).toContainEqual(['/steps/countyVetting/visibleTo/0', 'CF_DEF_UNKNOWN_ROLE']);
    expect(validateDefinition(withRoles([])).map((p) => [p.pointer, p.code])).toContainEqual(['/steps/countyVetting/visibleTo', 'CF_DEF_EMPTY']);
  });
});
