import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { addWorkingDays, CN_2027 } from '@civicflow/engine';
import { launchChromium, startStudioServer } from './support/studioE2e.js';
import type { StudioServer } from './support/studioE2e.js';
import { caseView, choose, exampleDefinition, fill, startCase, tick, uploadByApi } from './support/demoTour.js';
import { completeByApi, openFromInbox, stepTitle, StudioUsers, submitTask } from './support/studioTaskWalk.js';

// Example E (社区事务准入) as the README's tour walks it, in the built studio on the real server
// with the seeded demo users, on the server's test clock (2027-03-01, as S-E1):
// main path (S-E1) — the county health commission's officer 钟晓梅 files E-F1 for the twice-yearly
// elderly health checks (2 CNY per person, paid in advance, 35 working days ahead), 东山街道's
// office 白建英 pre-checks it, the county secretariat 江海燕 confirms the list match (ASSIST XZ-07)
// → ADMITTED_STANDARD and in force (ACTIVE): 东苑社区's committee now finds the admitted item in its
// inbox (it may object to it); unhappy path (S-E2 kind) — the commission asks communities to issue
// health certificates: pre-checked, matched to the forbidden-certificate list (BC-04) →
// REJECTED_NEGATIVE, a refused access request (事项准入被拒) the department sees closed.
// The request is started in the studio: the process's start form asks which street office
// pre-checks (`precheck_unit`).

const ACCESS = exampleDefinition('community-affairs-access/process.json');
const STREET = 'county:huaxi/town:dongshan';
const TODAY = '2027-03-01';
const SUBMIT = stepTitle(ACCESS, 'submit');
const PRECHECK = stepTitle(ACCESS, 'precheck');
const LIST_MATCH = stepTitle(ACCESS, 'listMatch');
const OBJECTION = stepTitle(ACCESS, 'communityObjection');
/** The synthetic USCC of a government body (domain README §2.2). */
const GOV_USCC = '11110101000000000A';

let server: StudioServer;
let browser: Browser;
/** Each demo user signs in once, in a browser context of their own, and keeps it for the file's tests; each step checks the page saw no CSP violation or page error. */
let users: StudioUsers;

beforeAll(async () => {
  server = await startStudioServer({ definitions: [ACCESS], testClock: { start: `${TODAY}T09:00:00+08:00` } });
  browser = await launchChromium();
  users = new StudioUsers(browser, server.base);
}, 60_000);

afterAll(async () => {
  await users?.closeAll();
  await browser?.close();
  await server?.close();
});

/** 钟晓梅 of the health commission starts an access request in the studio, pre-checked by 东山街道 (its start form). */
async function openRequest(): Promise<string> {
  let id = '';
  await users.as('req_weijian', async ({ page }) => {
    id = await startCase(page, ACCESS.title['zh-CN'], SUBMIT, { precheck_unit: STREET });
  });
  const res = await server.app.inject({ method: 'GET', url: `/api/instances/${encodeURIComponent(id)}`, headers: { cookie: await server.login('req_weijian') } });
  expect(res.statusCode, res.body).toBe(200);
  expect((res.json() as { data: Record<string, unknown> }).data['precheck_unit']).toBe(STREET);
  return id;
}

/** 白建英 of 东山街道 pre-checks (E-F2): complete, with a recommendation. */
async function precheck(page: Page, caseId: string, recommendation: string): Promise<void> {
  await openFromInbox(page, server.base, caseId, PRECHECK);
  await choose(page, 'completeness', '齐全');
  await fill(page, 'local_fit', '符合本街道实际，社区有能力承接');
  await choose(page, 'recommendation', recommendation);
  await fill(page, 'reviewer', '白建英');
  await fill(page, 'reviewed_on', TODAY);
  await submitTask(page, PRECHECK);
}

/** 江海燕 of the county secretariat confirms the list match. */
async function listMatch(page: Page, caseId: string, list: string, code: string): Promise<void> {
  await openFromInbox(page, server.base, caseId, LIST_MATCH);
  await choose(page, 'list', list);
  await fill(page, 'code', code);
  await choose(page, 'request_type', '清单内事项');
  await fill(page, 'note', '与清单条目逐项比对');
  await submitTask(page, LIST_MATCH);
}

describe('example E in the studio: a department\'s access request against the three lists', () => {
  it('main path: E-F1 filed in time with funding, pre-checked, matched to ASSIST XZ-07 → admitted and in force; the community sees it', async () => {
    const id = await openRequest();
    await users.as('req_weijian', async ({ page }) => {
      await openFromInbox(page, server.base, id, SUBMIT);
      await fill(page, 'dept_name', '华溪县卫生健康委员会');
      await fill(page, 'dept_uscc', GOV_USCC);
      await fill(page, 'contact', '钟晓梅');
      await fill(page, 'phone', '0731-80000001');
      await fill(page, 'item_name', '老年人健康体检通知和组织');
      await choose(page, 'item_kind', '协助工作任务');
      await fill(page, 'claimed_list_item', 'XZ-07');
      if ((await page.locator('#task_legal_basis_0_kind').count()) === 0) await page.locator('#task_legal_basis__add').click();
      await choose(page, 'legal_basis_0_kind', '法律');
      await fill(page, 'legal_basis_0_doc', '中华人民共和国城市居民委员会组织法');
      await fill(page, 'legal_basis_0_article', '第三条第(五)项');
      await fill(page, 'content', '通知辖区 65 周岁以上常住居民参加免费健康体检，并协助组织到社区卫生服务中心体检');
      await tick(page, 'scope_all');
      await fill(page, 'start_date', addWorkingDays(CN_2027, TODAY, 35));
      await fill(page, 'end_date', '2027-12-31');
      await choose(page, 'frequency', '每半年');
      await fill(page, 'times_per_year', 2);
      await fill(page, 'workload_person_days', 6);
      await fill(page, 'funding_amount', '2');
      await choose(page, 'funding_unit', '每人');
      await fill(page, 'funding_units_estimated', 3000);
      await choose(page, 'funding_source', '申请单位部门预算');
      await choose(page, 'funding_payment_method', '预拨');
      await fill(page, 'funding_payment_schedule', '每次体检前 10 日预拨到街道');
      await fill(page, 'submitted_on', TODAY);
      // The signature: typed (keyboard users' way), rendered onto the pad and uploaded.
      await fill(page, 'head_signature', '钟晓梅');
      await page.getByRole('button', { name: '确认签名' }).click();
      await page.locator('.cf-signature [data-attachment-id]').waitFor();
      await submitTask(page, SUBMIT);
    });
    await users.as('twp_review', ({ page }) => precheck(page, id, '建议准入'));
    await users.as('civil_sec', ({ page }) => listMatch(page, id, 'ASSIST', 'XZ-07'));

    const admitted = await caseView(server, await server.login('admin'), id);
    expect(admitted.status).toBe('active');
    expect(admitted.data['admission']).toMatchObject({ kind: 'ADMITTED_STANDARD', status: 'ACTIVE', list_item: 'XZ-07', dept_unit: 'county:huaxi/dept:weijian', valid_from: TODAY });
    expect(admitted.data['trail']).toEqual(['SUBMITTED', 'LIST_MATCH', 'ADMITTED_STANDARD']);
    // In force: 东苑社区's committee finds the admitted item in its inbox (it may object to it).
    await users.as('community_dongyuan', async ({ page }) => {
      await openFromInbox(page, server.base, id, OBJECTION);
    });
  }, 90_000);

  it('unhappy path: a request that communities issue health certificates is refused (REJECTED_NEGATIVE, forbidden-certificate list)', async () => {
    const id = await openRequest();
    const dept = await server.login('req_weijian');
    await completeByApi(server, dept, id, 'submit', {
      dept_name: '华溪县卫生健康委员会', dept_uscc: GOV_USCC, contact: '钟晓梅', phone: '0731-80000001',
      item_name: '为辖区居民出具健康证明', item_kind: '出具证明', certificate_name: '健康证明',
      legal_basis: [{ kind: '部门内部通知', doc: '县卫健委关于做好健康证明工作的通知' }], content: '各社区为辖区居民出具健康证明',
      scope: { all: true }, start_date: addWorkingDays(CN_2027, TODAY, 35), end_date: '2027-12-31', frequency: '不定期', times_per_year: 12, workload_person_days: 4,
      separate_assessment: false, new_ledger: false, emergency: false, submitted_on: TODAY, head_signature: await uploadByApi(server.base, dept),
    });
    await users.as('twp_review', ({ page }) => precheck(page, id, '建议不予准入'));
    await users.as('civil_sec', ({ page }) => listMatch(page, id, 'CERT_FORBIDDEN', 'BC-04'));

    const refused = await caseView(server, await server.login('admin'), id);
    expect([refused.status, refused.outcome?.id, refused.tasks]).toEqual(['done', 'REJECTED_NEGATIVE', []]);
    expect(refused.data['decision']).toMatchObject({ reason: 'CERT_FORBIDDEN', list_item: 'BC-04' });
    // The department sees its request closed, refused, on the case page.
    await users.as('req_weijian', async ({ page }) => {
      await page.goto(`${server.base}/cases/${id}`);
      await page.getByRole('heading', { level: 1, name: `办件：${ACCESS.title['zh-CN']}` }).waitFor();
      expect(await page.getByText('已办结').count()).toBeGreaterThan(0);
    });
  }, 90_000);
});
