import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import type { ProcessDefinition } from '@civicflow/engine';
import { VETTING_DEPARTMENTS } from '../src/demo/index.js';
import { launchChromium, SCREENSHOTS, signIn, startStudioServer, watchedPage } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';

// A joint review (资格联审) in which one department vetoes, walked in the studio: the candidate
// vetting of the village-election example (A, scenario S-A2) on the real server with a real
// SQLite database, in Chromium under the server's CSP. Fourteen county departments answer PASS
// (through the API, as each department's own user); the court (县人民法院) answers FLAG with NL09
// in its inbox and form; one FLAG is enough to keep the candidate from being cleared (一票否决),
// so the vetting group (县委组织部) gets the case, confirms the finding in the studio, and the
// case page shows the outcome and every department's answer in the timeline.
// Screenshots: packages/studio/test-results/3x-joint-review-*.png.

const EXAMPLES = fileURLToPath(new URL('../../../examples/village-election/', import.meta.url));
const election = JSON.parse(readFileSync(join(EXAMPLES, 'process.json'), 'utf8')) as ProcessDefinition;
const vetting = JSON.parse(readFileSync(join(EXAMPLES, 'candidate-vetting.json'), 'utf8')) as ProcessDefinition;
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
/** 王某: the domain's synthetic candidate (README §2.2), a woman born 1975-06-15. */
const WANG = {
  name: '王某', id_no: '110101197506150022', birth_date: '1975-06-15', ethnicity: '汉族', phone: '13800000000',
  hukou_address: '华溪县青石镇青石村', current_address: '华溪县青石镇青石村',
};
const COURT = 'fayuan';
const PROCESS_ZH = vetting.title['zh-CN'];

let server: StudioServer;
let browser: Browser;
let caseId = '';
const cookies = new Map<string, string>();
const today = new Date().toISOString().slice(0, 10);

interface CaseBody { status: string; outcome: { id: string } | null; tasks: { id: string; stepId: string }[] }

async function caseAs(username: string): Promise<CaseBody> {
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${caseId}`, headers: { cookie: cookies.get(username)! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CaseBody;
}

/** The one task of `stepId` in this case that `username`'s inbox holds (departments do not see the case itself, only their task). */
async function inboxTask(username: string, stepId: string): Promise<string> {
  const res = await server.app.inject({ method: 'GET', url: '/api/tasks?limit=100', headers: { cookie: cookies.get(username)! } });
  expect(res.statusCode, res.body).toBe(200);
  const mine = (res.json() as { items: { instanceId: string; taskId: string; stepId: string }[] }).items.filter((t) => t.instanceId === caseId && t.stepId === stepId);
  expect(mine, `${username}: ${stepId}`).toHaveLength(1);
  return mine[0]!.taskId;
}

async function completeAs(username: string, taskId: string, data: unknown): Promise<void> {
  const res = await server.app.inject({
    method: 'POST', url: `/api/tasks/${caseId}/${encodeURIComponent(taskId)}/complete`,
    headers: { cookie: cookies.get(username)!, 'idempotency-key': `joint-review-${username}-${taskId}` }, payload: { data },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  server = await startStudioServer({ definitions: [vetting] });
  for (const user of ['v_party', 'twp_lead', 'county_org', 'admin', ...VETTING_DEPARTMENTS.map((d) => `vet_${d.code}`)]) cookies.set(user, await server.login(user));

  // The village Party organisation refers 王某 for vetting, with the county's roster of 15 departments.
  const roster = (election.config?.['vet_roster']?.value ?? []) as { id: string }[];
  expect(roster.map((r) => r.id)).toEqual(VETTING_DEPARTMENTS.map((d) => d.code));
  const started = await server.app.inject({
    method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_party')! },
    payload: { definitionId: 'candidate-vetting', orgUnit: VILLAGE, data: { person: WANG, track: 'PARTY', proposed_post: '委员', political_status: '中共党员', roster, election_date: '2027-05-28' } },
  });
  expect(started.statusCode, started.body).toBe(201);
  caseId = (started.json() as { instanceId: string }).instanceId;

  await completeAs('v_party', await inboxTask('v_party', 'villagePrecheck'), {
    political_status: '中共党员', party_join_date: '2000-07-01', education: '高中/中专', proposed_posts: ['党组织委员'],
    resume: [{ from: '2010-01-01', to: '2027-04-01', org: '青石村', post: '村民' }], pledge: 'sig:pledge',
    village_check: '同意报审', village_opinion: '同意报审', village_signature: 'sig:v',
  });
  await completeAs('twp_lead', await inboxTask('twp_lead', 'townshipCheck'), { township_check: '同意报县联审', opinion: '同意', signature: 'sig:t', checked_on: today });

  // Fourteen departments find nothing; each answers its own task as its own user.
  for (const d of VETTING_DEPARTMENTS.filter((x) => x.code !== COURT)) {
    // Each department's inbox holds its own task only (need-to-know).
    await completeAs(`vet_${d.code}`, await inboxTask(`vet_${d.code}`, 'countyVetting'), { conclusion: 'PASS', reviewer_user: `${d.reviewer}`, head_user: `${d.name}负责人`, head_signature: 'sig:head', replied_on: today });
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a joint review in the studio in which one department vetoes', () => {
  it('the court answers FLAG from its inbox, the vetting group confirms, and the candidate is disqualified', async () => {
    // Fourteen answers are in and the review still waits: no department's answer is decided alone.
    const waiting = await caseAs('admin');
    expect(waiting.status).toBe('active');
    expect(waiting.tasks.filter((t) => t.stepId === 'countyVetting')).toHaveLength(1);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const { page, errors, violations } = await watchedPage(context);
    try {
      // The court's reviewer: the vetting task is in the inbox.
      await page.goto(`${server.base}/`);
      await signIn(page, `vet_${COURT}`);
      await page.getByRole('heading', { level: 1, name: '我的待办' }).waitFor();
      const taskTitle = vetting.steps['countyVetting']!.title!['zh-CN'];
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: taskTitle }) });
      await card.waitFor();
      expect(await card.textContent()).toContain(PROCESS_ZH);
      await page.screenshot({ path: join(SCREENSHOTS, '31-joint-review-inbox.png'), fullPage: true });
      await card.getByRole('link', { name: taskTitle }).click();
      await page.getByRole('heading', { level: 1, name: taskTitle }).waitFor();

      // FLAG needs the negative-list codes and the facts (the form's own rule), then the signatures.
      await page.getByRole('radiogroup', { name: /结论/ }).waitFor();
      await page.getByRole('radio', { name: 'FLAG 存在不宜情形' }).check();
      await page.getByRole('listbox', { name: /负面清单条目/ }).selectOption('NL09');
      await page.getByLabel('事实与依据（须引用文书编号）').fill('列入失信被执行人名单，(2026)华执字第101号');
      await page.getByLabel('审查人').fill('蔡雪梅');
      await page.getByRole('textbox', { name: '负责人 （必填）', exact: true }).fill('县人民法院负责人');
      await page.getByLabel('负责人签字').fill('sig:head');
      await page.getByLabel('日期').first().fill(today);
      await page.screenshot({ path: join(SCREENSHOTS, '32-joint-review-flag.png'), fullPage: true });
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByRole('status').filter({ hasText: '已提交' }).first().waitFor();

      // The one FLAG decides: the review ends rejected and the vetting group has the case.
      await expect.poll(async () => (await caseAs('admin')).tasks.map((t) => t.stepId)).toEqual(['vettingGroupReview']);

      // The vetting group (县委组织部) confirms the finding in its own inbox.
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
      await signIn(page, 'county_org');
      const reviewTitle = vetting.steps['vettingGroupReview']!.title!['zh-CN'];
      await page.getByRole('link', { name: reviewTitle }).click();
      await page.getByRole('heading', { level: 1, name: reviewTitle }).waitFor();
      await page.getByRole('radiogroup', { name: /联审小组结论/ }).waitFor();
      await page.getByRole('radio', { name: '不通过' }).check();
      await page.getByRole('listbox', { name: /负面清单条目/ }).selectOption('NL09');
      await page.getByLabel('依据').fill('法院：失信被执行人，执行裁定书已附');
      await page.getByLabel('日期').first().fill(today);
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByRole('status').filter({ hasText: '已提交' }).first().waitFor();

      const ended = await caseAs('admin');
      expect(ended.status).toBe('done');
      expect(ended.outcome).toMatchObject({ id: 'DISQUALIFIED' });

      // The case page: ended, and the timeline names each department's answer and the group's decision.
      await page.goto(`${server.base}/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: `办件：${PROCESS_ZH}` }).waitFor();
      // The outcome in words, as the candidate's result is worded (未通过资格联审), not only a code.
      await expect.poll(() => page.locator('main').textContent()).toContain('未通过资格联审');
      const timeline = page.getByRole('region', { name: '办理经过' }).getByRole('listitem');
      await expect.poll(() => timeline.count()).toBeGreaterThan(15);
      const entries = await timeline.allTextContents();
      expect(entries.filter((e) => e.includes(taskTitle) && e.includes('VET_DEPT')).length).toBeGreaterThanOrEqual(15);
      expect(entries.some((e) => e.includes(reviewTitle) && e.includes('COUNTY_ORG'))).toBe(true);
      // What the court submitted, folded under its entry, in the form's words.
      const courtAnswer = timeline.filter({ hasText: `u-vet_${COURT}` }).filter({ hasText: '办理完成' });
      await courtAnswer.getByText('查看提交内容').click();
      const answerText = await courtAnswer.textContent();
      for (const expected of ['结论', 'FLAG 存在不宜情形', '负面清单条目', 'NL09', '(2026)华执字第101号']) expect(answerText).toContain(expected);

      // The diagram marks where the case ended: the "disqualified" end, not "cleared".
      const diagram = page.getByRole('figure', { name: `流程图：${PROCESS_ZH}` });
      await diagram.waitFor();
      const endTitle = vetting.steps['disqualified']!.title!['zh-CN'];
      await expect.poll(() => diagram.getByRole('group', { name: new RegExp(`${endTitle}.*当前步骤`) }).count()).toBe(1);
      expect(await diagram.getByRole('group', { name: /当前步骤/ }).count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, '33-joint-review-case.png'), fullPage: true });

      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
