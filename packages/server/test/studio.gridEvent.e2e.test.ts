import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { addPhoto, caseView, choose, dateTime, exampleDefinition, fill, shanghaiTime, startCase, uploadByApi } from './support/demoTour.js';
import { completeByApi, openFromInbox, stepTitle, StudioUsers, submitTask } from './support/studioTaskWalk.js';

// Example D (网格化事件处置) as the README's tour walks it, in the built studio on the real server
// with the seeded demo users of 青石镇 / 青石村第二网格, under the server's CSP:
// main path — the grid worker 李志远 reports a broken street light with a photo, the command
// centre 邹志华 files it for 青石镇城建办, its officer 贺永明 accepts and reports it handled, the
// grid worker (not of the handling unit: 监管分离) verifies it, and the resident 陈秀兰 rates it
// 满意 → CLOSED; unhappy path — the resident rates 不满意 (群众评单), and the event is REOPENED to
// the same handler with half the SLA, back in his inbox (D15).

const EVENT = exampleDefinition('grid-event-loop/grid-event.json');
const PROCESS_ZH = EVENT.title['zh-CN'];
const GRID2 = 'county:huaxi/town:qingshi/village:qingshicun/grid:02';
const CHENGJIAN = { unit: 'county:huaxi/town:qingshi/office:chengjian', name: '青石镇城建办' };
const title = (stepId: string): string => stepTitle(EVENT, stepId);
const REPORT = title('gridReport');
const TRIAGE = title('triage');
const ACCEPT = title('accept');
const HANDLE = title('handleReport');
const VERIFY = title('verify');
const RATING = title('rating');

let server: StudioServer;
let browser: Browser;
/** Each demo user signs in once, in a browser context of their own, and keeps it for the file's tests; each step checks the page saw no CSP violation or page error. */
let users: StudioUsers;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [exampleDefinition('dispute-mediation/process.json'), EVENT] });
  browser = await launchChromium();
  users = new StudioUsers(browser, server.base);
}, 60_000);

afterAll(async () => {
  await users?.closeAll();
  await browser?.close();
  await server?.close();
});

/** 贺永明 of 青石镇城建办 reports the work done (D-F3): not physical, so no photos. */
async function reportHandled(page: Page, caseId: string): Promise<void> {
  await openFromInbox(page, server.base, caseId, HANDLE);
  await fill(page, 'actions', '更换路灯灯头并检修线路，夜间复亮');
  await dateTime(page, 'completed_at', shanghaiTime(2));
  await choose(page, 'result', '已解决');
  await fill(page, 'handler_person_id', 'p-handler-he');
  await fill(page, 'handler_name', '贺永明');
  await fill(page, 'unit_unit', CHENGJIAN.unit);
  await fill(page, 'unit_name', CHENGJIAN.name);
  await submitTask(page, HANDLE);
}

/** 李志远 verifies on site (D-F5) with a photo. */
async function verify(page: Page, caseId: string): Promise<void> {
  await openFromInbox(page, server.base, caseId, VERIFY);
  await dateTime(page, 'verified_at', shanghaiTime(1));
  await choose(page, 'result', '属实已解决');
  await addPhoto(page, 'photos', 0, shanghaiTime(1));
  await fill(page, 'verifier_person_id', 'p-grid-li');
  await fill(page, 'verifier_name', '李志远');
  await submitTask(page, VERIFY);
}

describe('example D in the studio: a grid event from report to the resident\'s rating', () => {
  let caseId = '';

  it('main path: reported with a photo, filed, accepted, handled, verified by someone else, rated 满意 → CLOSED', async () => {
    await users.as('grid2', async ({ page }) => {
      caseId = await startCase(page, PROCESS_ZH, REPORT);
      await choose(page, 'source', '网格员巡查');
      await choose(page, 'class', '公共设施');
      await choose(page, 'subclass', '路灯损坏');
      await fill(page, 'title', '青石村二组路灯不亮');
      await fill(page, 'description', '二组村道东段路灯连续三晚不亮，夜间村民出行不便。');
      await fill(page, 'address', '华溪县青石镇青石村二组村道东段');
      await fill(page, 'grid', GRID2);
      await fill(page, 'geo_lat', 28.21);
      await fill(page, 'geo_lng', 112.93);
      await choose(page, 'geo_crs', 'GCJ-02（高德、腾讯地图）');
      await addPhoto(page, 'media', 0, shanghaiTime(30));
      await choose(page, 'urgency', '一般');
      await fill(page, 'reporter_person_id', 'p-grid-li');
      await fill(page, 'reporter_name', '李志远');
      await fill(page, 'resident_contact_person_id', 'p-resident-chen');
      await fill(page, 'resident_contact_name', '陈秀兰');
      await dateTime(page, 'reported_at', shanghaiTime(5));
      await submitTask(page, REPORT);
    });

    await users.as('brain', async ({ page }) => {
      await openFromInbox(page, server.base, caseId, TRIAGE);
      await choose(page, 'decision', '立案');
      await choose(page, 'sla_class', 'GENERAL');
      await fill(page, 'lead_unit', CHENGJIAN.unit);
      await fill(page, 'lead_name', CHENGJIAN.name);
      await fill(page, 'instructions', '请三日内修复并反馈');
      await submitTask(page, TRIAGE);
    });

    await users.as('handler_chengjian', async ({ page }) => {
      await openFromInbox(page, server.base, caseId, ACCEPT);
      await dateTime(page, 'accepted_at', shanghaiTime(3));
      await fill(page, 'handler_person_id', 'p-handler-he');
      await fill(page, 'handler_name', '贺永明');
      await submitTask(page, ACCEPT);
      await reportHandled(page, caseId);
    });

    await users.as('grid2', ({ page }) => verify(page, caseId));

    await users.as('resident2', async ({ page }) => {
      await openFromInbox(page, server.base, caseId, RATING);
      await fill(page, 'rater_person_id', 'p-resident-chen');
      await fill(page, 'rater_name', '陈秀兰');
      await choose(page, 'rated_by', '本人');
      await choose(page, 'score', '满意');
      await dateTime(page, 'rated_at', shanghaiTime(0));
      await submitTask(page, RATING);
    });

    const closed = await caseView(server, await server.login('admin'), caseId);
    expect([closed.status, closed.outcome?.id, closed.data['satisfaction'], closed.data['state']]).toEqual(['done', 'CLOSED', '满意', 'CLOSED']);
    expect(closed.data['handler_units']).toEqual([CHENGJIAN.unit]);
  }, 120_000);

  it('unhappy path: the resident rates 不满意 (群众评单) → REOPENED, back in the handler\'s inbox', async () => {
    // Preconditions through the API: the same event reported, filed, accepted, handled and verified.
    const grid = await server.login('grid2');
    const photo = await uploadByApi(server.base, grid);
    const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: grid }, payload: { definitionId: EVENT.id } });
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as { instanceId: string }).instanceId;
    const ago = (m: number) => shanghaiTime(m).instant;
    await completeByApi(server, grid, id, 'gridReport', {
      source: '网格员巡查', class: '市容环境', subclass: '垃圾清运', title: '垃圾转运点异味', description: '二组垃圾转运点垃圾未及时清运，异味明显。',
      address: '华溪县青石镇青石村二组', grid: GRID2, geo: { lat: 28.21, lng: 112.93, crs: 'GCJ-02' }, media: [{ file: photo, taken_at: ago(40) }],
      urgency: '一般', reporter: { person_id: 'p-grid-li', name: '李志远' }, resident_contact: { person_id: 'p-resident-chen', name: '陈秀兰' }, reported_at: ago(30),
    });
    await completeByApi(server, await server.login('brain'), id, 'triage', { decision: '立案', sla_class: 'GENERAL', lead: CHENGJIAN });
    const handler = await server.login('handler_chengjian');
    await completeByApi(server, handler, id, 'accept', { accepted_at: ago(20), handler: { person_id: 'p-handler-he', name: '贺永明' } });
    await completeByApi(server, handler, id, 'handleReport', {
      actions: '已清运垃圾', physical: false, completed_at: ago(10), result: '已解决', handler: { person_id: 'p-handler-he', name: '贺永明' }, unit: CHENGJIAN,
    });
    await completeByApi(server, grid, id, 'verify', { verified_at: ago(5), result: '属实已解决', photos: [{ file: photo, taken_at: ago(5) }], verifier: { person_id: 'p-grid-li', name: '李志远' } });

    await users.as('resident2', async ({ page }) => {
      await openFromInbox(page, server.base, id, RATING);
      await fill(page, 'rater_person_id', 'p-resident-chen');
      await fill(page, 'rater_name', '陈秀兰');
      await choose(page, 'rated_by', '本人');
      await choose(page, 'score', '不满意');
      await fill(page, 'reason', '垃圾清走了，但转运点气味仍在');
      await dateTime(page, 'rated_at', shanghaiTime(0));
      await submitTask(page, RATING);
    });

    const reopened = await caseView(server, await server.login('admin'), id);
    expect([reopened.status, reopened.data['state'], reopened.data['reopen_count']]).toEqual(['active', 'REOPENED', 1]);
    // Back to the same handler: his 处置反馈 is in his inbox again, and he reports once more.
    await users.as('handler_chengjian', ({ page }) => reportHandled(page, id));
    expect((await caseView(server, await server.login('admin'), id)).tasks.map((t) => t.stepId)).toEqual(['verify']);
  }, 90_000);
});
