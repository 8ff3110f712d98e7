import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { DISPUTE, launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { disputeForms } from './support/disputeCase.js';

// Time-driven escalation seen in the studio: the real server on a real port and a temporary
// SQLite database, in test mode (its simulated clock), Debian's Chromium under the server's CSP.
// A dispute registered on 2027-03-10 waits for village mediation; the test moves the clock to
// the end of the village rung's one-month limit (人民调解工作若干规定第三十三条) through
// POST /api/test/clock, the deadline fires, the village chair refers the case up with every
// party's consent (人民调解法第十七条: no mediation at the town without it), and the township
// centre finds the case in its inbox. Screenshots: packages/studio/test-results/2x-escalation-*.png.

const dispute = DISPUTE;
const TOWN = 'county:huaxi/town:qingshi';
const PROCESS_ZH = dispute.title['zh-CN'];
/** The simulated time the case is registered at; the village limit runs to the end of 2027-04-10. */
const FILED_ON = '2027-03-10';
const START = `${FILED_ON}T11:00:00+08:00`;
const VILLAGE_DEADLINE = '2027-04-11T00:00:00+08:00';
const VILLAGE_SESSION_ZH = '村调委会调解（调解记录）';
const TOWN_SESSION_ZH = '镇调委会调解（调解记录）';

const { intake: INTAKE, rights: RIGHTS, grading: GRADING, timeoutDecision: TIMEOUT_DECISION, referral: REFERRAL } = disputeForms(FILED_ON);

let server: StudioServer;
let base = '';
let browser: Browser;
let caseId = '';
const cookies = new Map<string, string>();

interface CaseBody { tasks: { id: string; stepId: string }[] }

/** The open tasks of the case, as the administrator sees them. */
async function openTasks(): Promise<CaseBody['tasks']> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${caseId}`, headers: { cookie: cookies.get('admin')! } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as CaseBody).tasks;
}

/** Completes the case's one open task of `stepId` through the API, as `username`. */
async function complete(username: string, stepId: string, data: unknown): Promise<void> {
  const task = (await openTasks()).find((t) => t.stepId === stepId);
  expect(task, `${stepId} is not open`).toBeDefined();
  const res = await server.app.inject({
    method: 'POST', url: `/api/tasks/${caseId}/${encodeURIComponent(task!.id)}/complete`,
    headers: { cookie: cookies.get(username)!, 'idempotency-key': `escalation-${stepId}` }, payload: { data },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  server = await startStudioServer({ definitions: [dispute], testClock: { start: START } });
  base = server.base;
  for (const user of ['v_med', 'v_med_chair', 'admin']) cookies.set(user, await server.login(user));

  // The village mediator registers the dispute and brings it to mediation: intake, rights notice, grading.
  const started = await server.app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_med')! }, payload: { definitionId: 'dispute-mediation' } });
  expect(started.statusCode, started.body).toBe(201);
  caseId = (started.json() as { instanceId: string }).instanceId;
  await complete('v_med', 'intake', INTAKE);
  await complete('v_med', 'rightsNotice', RIGHTS);
  await complete('v_med', 'grading', GRADING);
  expect((await openTasks()).map((t) => t.stepId)).toContain('vSession');

  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The inbox card whose task link is `title`. */
function inboxCard(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

describe('the studio in Chromium: a village mediation escalates to the town when time runs out', () => {
  it('village inbox → clock past the village limit → the town centre\'s inbox and the escalation in the timeline', async () => {
    // The village mediator sees the mediation session waiting.
    const village = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const vMed = await watchedPage(village);
    try {
      const response = await vMed.page.goto(`${base}/`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await signIn(vMed.page, 'v_med');
      await vMed.page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const card = inboxCard(vMed.page, VILLAGE_SESSION_ZH);
      await card.waitFor();
      await expect.poll(() => card.textContent()).toContain(PROCESS_ZH);
      expect(await card.textContent()).toContain('青石村');
      await vMed.page.screenshot({ path: join(SCREENSHOTS, '2x-escalation-01-village-inbox.png'), fullPage: true });
      expect(await vMed.violations()).toEqual([]);
      expect(vMed.errors).toEqual([]);
    } finally {
      await village.close();
    }

    // One second before the limit nothing fires; at the limit the rung's timer fires once.
    const admin = { cookie: cookies.get('admin')! };
    const before = await server.app.inject({ method: 'POST', url: '/api/test/clock', headers: admin, payload: { to: '2027-04-10T23:59:59+08:00' } });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ timersFired: 0 });
    expect((await openTasks()).map((t) => t.stepId)).not.toContain('vTimeout');
    const moved = await server.app.inject({ method: 'POST', url: '/api/test/clock', headers: admin, payload: { to: VILLAGE_DEADLINE } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ now: VILLAGE_DEADLINE, timersFired: 1 });
    const afterDeadline = (await openTasks()).map((t) => t.stepId);
    expect(afterDeadline).toContain('vTimeout');
    expect(afterDeadline).not.toContain('vSession');

    // The chair refers the case up (the respondent will not go on at the village; both agree to the town).
    await complete('v_med_chair', 'vTimeout', TIMEOUT_DECISION);
    await complete('v_med_chair', 'vEscalate', REFERRAL);
    expect((await openTasks()).map((t) => t.stepId)).toContain('tSession');

    // The township centre finds the escalated case in its inbox and reads the escalation in the timeline.
    const town = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const tCenter = await watchedPage(town);
    try {
      await tCenter.page.goto(`${base}/`);
      await signIn(tCenter.page, 't_center');
      await tCenter.page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const card = inboxCard(tCenter.page, TOWN_SESSION_ZH);
      await card.waitFor();
      await expect.poll(() => card.textContent()).toContain(PROCESS_ZH);
      await tCenter.page.screenshot({ path: join(SCREENSHOTS, '2x-escalation-02-town-inbox.png'), fullPage: true });

      await tCenter.page.goto(`${base}/cases/${caseId}`);
      await tCenter.page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      const timeline = tCenter.page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
      await expect.poll(async () => (await timeline.allTextContents()).some((e) => e.includes('上报升级'))).toBe(true);
      const entries = await timeline.allTextContents();
      const fired = entries.findIndex((e) => e.includes('期限到达'));
      const escalated = entries.findIndex((e) => e.includes('上报升级'));
      expect(fired).toBeGreaterThanOrEqual(0);
      // The deadline fired before the escalation, and the escalation names the new level and unit.
      expect(escalated).toBeGreaterThan(fired);
      expect(entries[escalated]).toContain(`TOWN → ${TOWN}`);
      await tCenter.page.getByText('上报升级').first().scrollIntoViewIfNeeded();
      await tCenter.page.screenshot({ path: join(SCREENSHOTS, '2x-escalation-03-case-timeline.png'), fullPage: true });

      expect(await tCenter.violations()).toEqual([]);
      expect(tCenter.errors).toEqual([]);
    } finally {
      await town.close();
    }
  }, 120_000);
});
