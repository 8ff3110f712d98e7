import { commands, page as browserPage, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessDefinition } from '@civicflow/engine';
import { runScenario } from '@civicflow/engine/testing';
import type { ScenarioFile } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import mediationJson from '../../../examples/dispute-mediation/process.json';
import type * as ModuleLoading from '../src/validation/formValidatorModule.js';
import type { TaskFormIdentity } from '../src/validation/formValidatorModule.js';
// The studio's stylesheet, as main.tsx loads it for the real page (axe checks colours against it).
import '../src/styles/app.css';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';
import { seriousViolations } from './support/axeViolations.js';

// The simulator in Chromium against a scripted server: the dispute mediation (example B) is
// registered through its real forms, the clock runs past the village rung's one-month limit, the
// timer fires and the diagram's current step moves from the village session to the timeout
// review; the run is saved as a scenario file, and that file replays with runScenario (the real
// Ajv validator) to the same state.

const mediation = mediationJson as unknown as ProcessDefinition;

// The page imports each form's precompiled validator from the server; here it gets the module the
// server would compile for that form of the example, loaded as a module of its own.
const validatorLoads = vi.hoisted(() => ({ forms: [] as string[] }));
vi.mock('../src/validation/formValidatorModule.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ModuleLoading>();
  const { default: process } = await import('../../../examples/dispute-mediation/process.json');
  return {
    ...actual,
    loadFormValidatorModule: async (form: TaskFormIdentity): Promise<PrecompiledFormModule> => {
      validatorLoads.forms.push(`${form.definitionId}@${form.definitionVersion}/${form.formId}`);
      const schema = (process as unknown as ProcessDefinition).forms[form.formId]!.schema;
      const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
      try {
        return (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  };
});

const admin = { id: 'u-admin', username: 'admin', displayName: '管理员', orgUnit: 'county:huaxi', orgUnitName: '华溪县', roles: ['ADMIN'] };
const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
const TITLE_ZH = '模拟运行：矛盾纠纷调解（村→镇→县→法院）（第 1 版）';
const FILED_ON = '2027-03-10';
/** The scenario this test saves, kept with the example (examples/scenarioFiles.test.ts replays it in Node). */
const SAVED_EXAMPLE = 'examples/dispute-mediation/scenarios/village-deadline-reached.scenario.json'; // from the repository root

/** Blobs the page turned into download URLs (the saved scenario among them). */
let downloads: Blob[] = [];

beforeEach(() => {
  localStorage.clear();
  downloads = [];
  validatorLoads.forms.length = 0;
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === '/api/me') return json(200, { user: admin });
    if (url === '/api/definitions/dispute-mediation/versions/1') {
      return json(200, { id: mediation.id, version: 1, title: mediation.title, publishedAt: '2027-02-20T09:00:00+08:00', document: mediation });
    }
    return json(404, { code: 'CF_SERVER_NOT_FOUND', message: { 'zh-CN': '没有这个地址', en: 'no such address' } });
  }));
  const createObjectURL = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    if (blob instanceof Blob && blob.type === 'application/json') downloads.push(blob);
    return createObjectURL(blob);
  });
  window.history.replaceState(null, '', '/processes/dispute-mediation/1/simulate');
});

afterEach(() => {
  vi.restoreAllMocks();
  unmountApp();
  document.documentElement.classList.remove('cf-large-text');
});

// ------------------------------------------------------------------ page helpers

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) {
    const near = [...document.querySelectorAll(`[id^="${id.split(/[-_]\d|-/)[0]}"]`)].map((e) => e.id).join(' ');
    throw new Error(`no element #${id}; there are: ${near}`);
  }
  return found as T;
};
const labelled = (page: ParentNode, label: string): HTMLButtonElement => {
  const found = [...page.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label);
  if (!found) throw new Error(`no button labelled "${label}"`);
  return found;
};
const fill = (id: string, value: string) => userEvent.fill(byId<HTMLInputElement>(id), value);
const choose = (id: string) => userEvent.click(byId<HTMLInputElement>(id));
const select = (id: string, label: string) => userEvent.selectOptions(byId<HTMLSelectElement>(id), label);
/** Adds list items until the item `id` exists (a list opens with as many as it needs at least). */
async function item(id: string, addButton: string): Promise<void> {
  if (!document.getElementById(id)) await userEvent.click(byId(addButton));
  await waitFor(() => expect(document.getElementById(id)).not.toBeNull());
}
const node = (page: HTMLElement, id: string) => page.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
const isCurrent = (page: HTMLElement, id: string) => node(page, id)?.querySelector('.flow-marker--current') !== null && node(page, id) !== null;
const taskCard = (page: HTMLElement, stepId: string) => page.querySelector<HTMLElement>(`.simulator-tasks li[data-step="${stepId}"]`);

async function openForm(page: HTMLElement, taskTitle: string, firstField: string): Promise<void> {
  await userEvent.click(labelled(page, `办理“${taskTitle}”`));
  await waitFor(() => expect(document.getElementById(firstField)).not.toBeNull());
}
async function submitForm(page: HTMLElement): Promise<void> {
  await userEvent.click(button(page.querySelector('.simulator-form')!, '提交'));
}

async function party(list: 'applicants' | 'respondents', ref: string, name: string, idNo: string): Promise<void> {
  const p = `sim_${list}_0`;
  await choose(`${p}_kind-0`); // 自然人
  await fill(`${p}_ref`, ref);
  await fill(`${p}_name`, name);
  await choose(`${p}_id_type-0`); // 居民身份证
  await fill(`${p}_id_no`, idNo);
  await select(`${p}_ethnicity`, '汉族');
  await fill(`${p}_address`, '华溪县青石镇青石村');
  await fill(`${p}_phone`, '13800000000');
}

/** B-F1 受理登记 through the form, as a village mediator would (synthetic ID numbers of shared/domain README §2.2). */
async function fillIntake(respondentId: string): Promise<void> {
  await select('sim_source', '当事人申请');
  await party('applicants', 'A1', '张三', '110101198001010010');
  await party('respondents', 'R1', '李四', respondentId);
  await select('sim_dispute_type', '邻里');
  await fill('sim_summary', '双方因房屋后排水沟的疏通与改道问题发生争执，雨季积水影响申请人房屋。');
  await item('sim_requests_0', 'sim_requests__add');
  await fill('sim_requests_0', '恢复排水沟原有走向');
  await fill('sim_persons_involved', '2');
  await fill('sim_households_involved', '2');
  await choose('sim_accepted_elsewhere-0'); // 否
  await select('sim_exclusion', '无');
  await choose('sim_respondent_position-0'); // 同意调解
  await choose('sim_channel-0'); // 书面
  await choose('sim_voluntary_declaration_method-0'); // 手写签名
  await fill('sim_voluntary_declaration_signed_on', FILED_ON);
  await fill('sim_received_on', FILED_ON);
  await fill('sim_accepted_on', FILED_ON);
  await fill('sim_registrar', '王建国');
}

/** B-F2 告知权利义务: both parties acknowledge in writing and consent to mediation. */
async function fillRights(): Promise<void> {
  await choose('sim_mode-0'); // 书面
  await fill('sim_notice_version', 'B-F2/2027');
  await userEvent.click(byId('sim_lists_art23_24'));
  for (const [i, ref] of ['A1', 'R1'].entries()) {
    await item(`sim_acks_${i}_party_ref`, 'sim_acks__add');
    await fill(`sim_acks_${i}_party_ref`, ref);
    await choose(`sim_acks_${i}_signature_method-0`);
    await fill(`sim_acks_${i}_signature_signed_on`, FILED_ON);
    await fill(`sim_acks_${i}_date`, FILED_ON);
    await item(`sim_consent_${i}_party_ref`, 'sim_consent__add');
    await fill(`sim_consent_${i}_party_ref`, ref);
    await choose(`sim_consent_${i}_decision-0`); // 同意
  }
  await choose('sim_publicity-1'); // 不公开
}

/** B-F3 分级: G1, village level, no risk indicator, BLUE. */
async function fillGrading(): Promise<void> {
  await choose('sim_grade-0');
  await choose('sim_level-0');
  await select('sim_risk_indicators', '无');
  await choose('sim_risk_colour-0');
  await item('sim_mediators_0', 'sim_mediators__add');
  await fill('sim_mediators_0', '王建国');
  await fill('sim_assessor', '王建国');
  await fill('sim_assessed_at', FILED_ON);
  await fill('sim_assessed_at__time', '10:00');
}

/** What the form says is wrong (its own error summary), for a failing test's message. */
const formProblems = () => text(document.querySelector('.simulator-form [data-testid="cf-error-summary"]')) || text(document.querySelector('.simulator-form .server-errors'));

/** Waits for `check`; when it never passes, the failure says what the form showed. */
async function after<T>(check: () => T): Promise<T> {
  try {
    return await waitFor(check);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the form says: ${formProblems() || '(nothing)'}`);
  }
}

async function started(): Promise<HTMLElement> {
  const page = mountApp();
  // The simulator's chunk (the engine, React Flow, ELK) loads on first use: give it time on a slow machine.
  await vi.waitFor(() => expect(page.querySelector('form.simulator-setup')).not.toBeNull(), { timeout: 30_000, interval: 50 });
  return page;
}

/** The simulator's own part of the page (the header and its links are another feature's, checked by the server's a11y e2e test). */
const axeViolations = () => seriousViolations(document.querySelector('main')!);

// ------------------------------------------------------------------ the tests

describe('the simulator', () => {
  it('runs the dispute mediation past the village deadline, shows the timer and the new current step, and saves a scenario that replays to the same state', async () => {
    await browserPage.viewport(1280, 1000);
    const page = await started();
    expect(text(page.querySelector('h1'))).toBe(TITLE_ZH);
    // A workday morning, and the intake's assignee (the village mediator in the village) by default.
    expect(byId<HTMLInputElement>(page.querySelector('form.simulator-setup input[type="datetime-local"]')!.id).value).toBe('2027-03-10T09:00');
    await userEvent.click(button(page, '开始模拟'));
    await waitFor(() => expect(taskCard(page, 'intake')).not.toBeNull());
    expect(text(page.querySelector('.simulator-clock'))).toContain('2027-03-10 09:00');
    expect(text(page.querySelector('.simulator-act-as'))).toContain('当前身份：村(居)调委会调解员（V_MED），青石村');
    expect(text(taskCard(page, 'intake'))).toContain('村(居)调委会调解员（V_MED） · 青石村');

    // Intake: a respondent with the applicant's ID number passes the form but not the step's rule —
    // the engine's refusal is listed by field, and nothing changed.
    await openForm(page, '受理登记', 'sim_source');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('办理：受理登记'));
    expect(validatorLoads.forms).toEqual(['dispute-mediation@1/BF1']);
    await fillIntake('110101198001010010');
    await submitForm(page);
    await after(() => expect(text(page.querySelector('.simulator-form .server-errors'))).toContain('同一当事人不能同时是申请人和被申请人'));
    expect(taskCard(page, 'intake')).not.toBeNull();
    await fill('sim_respondents_0_id_no', '110101199012310056');
    await submitForm(page);
    await after(() => expect(taskCard(page, 'rightsNotice')).not.toBeNull());
    expect(text(page.querySelector('.simulator-status'))).toBe('已办理“受理登记”。');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('全部待办'));

    await openForm(page, '告知权利义务并征询调解意愿', 'sim_notice_version');
    await fillRights();
    await submitForm(page);
    await after(() => expect(taskCard(page, 'grading')).not.toBeNull());

    await openForm(page, '分级分类与风险评估', 'sim_assessor');
    await fillGrading();
    await submitForm(page);
    await after(() => expect(taskCard(page, 'vSession')).not.toBeNull());

    // Mediation is open at the village; the diagram marks the village session.
    await waitFor(() => expect(isCurrent(page, 'vSession')).toBe(true));
    expect(isCurrent(page, 'vTimeout')).toBe(false);
    expect(text(page.querySelector('.simulator-active'))).toContain('村调委会调解（调解记录）');
    const clock = page.querySelector<HTMLElement>('.simulator-clock')!;
    // The rung's one-month limit ends at 24:00 of 2027-04-10 (an internal SLA: no rest-day rollover).
    expect(text(clock)).toContain('下一个期限：2027-04-11 00:00（逐级调处：村→镇→县→法院；依据：');

    // A week passes: nothing falls due.
    await userEvent.click(button(clock, '推进 1 周'));
    await waitFor(() => expect(text(clock)).toContain('2027-03-17 09:00'));
    expect(text(page.querySelector('.simulator-status'))).toBe('模拟时间已推进到 2027-03-17 09:00，到达 0 个期限。');

    // To the next deadline: the village rung's timer fires, the chair must decide.
    await userEvent.click(button(clock, '推进到下一个期限'));
    await waitFor(() => expect(taskCard(page, 'vTimeout')).not.toBeNull());
    expect(text(clock)).toContain('2027-04-11 00:00');
    expect(text(page.querySelector('.simulator-status'))).toBe('模拟时间已推进到 2027-04-11 00:00，到达 1 个期限。');
    expect(taskCard(page, 'vSession')).toBeNull();
    expect(text(taskCard(page, 'vTimeout'))).toContain('（V_MED_CHAIR） · 青石村');
    const log = [...page.querySelectorAll<HTMLElement>('.simulator-log li')];
    const fired = log.find((li) => li.dataset['type'] === 'timer.fired');
    expect(text(fired ?? null)).toContain('2027-04-11 00:00');
    expect(text(fired ?? null)).toContain('期限到达');
    expect(log.some((li) => li.dataset['type'] === 'notified' && text(li).includes('2027-04-11 00:00'))).toBe(true);
    await waitFor(() => expect(isCurrent(page, 'vTimeout')).toBe(true));
    expect(isCurrent(page, 'vSession')).toBe(false);
    expect(node(page, 'vTimeout')!.getAttribute('aria-label')).toContain('当前步骤');
    await browserPage.screenshot({ path: '../test-results/simulator-village-deadline.png' });

    // The current role cannot act on the chair's task; "act as the assignee" switches and opens it.
    expect(text(taskCard(page, 'vTimeout'))).toContain('当前身份不能办理');
    await userEvent.click(labelled(page, '以办理人身份办理“村调委会调解期限届满处理”'));
    await waitFor(() => expect(page.querySelector('.simulator-form')).not.toBeNull());
    expect(text(page.querySelector('.simulator-act-as__who'))).toContain('（V_MED_CHAIR），青石村');
    await userEvent.click(button(page.querySelector('.simulator-form')!, '先不办理'));

    // Save: a scenario file that replays, with the real validator, to what the page shows.
    await userEvent.click(button(page, '保存为场景文件'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(text(page.querySelector('.simulator-status'))).toBe('已保存场景文件 dispute-mediation-v1-202704110000.scenario.json。');
    const scenario = JSON.parse(await downloads[0]!.text()) as ScenarioFile;
    expect(scenario).toMatchObject({
      schemaVersion: 1, definition: { id: 'dispute-mediation', version: 1 }, calendar: 'cn-2027-unofficial',
      title: { 'zh-CN': '矛盾纠纷调解（村→镇→县→法院）（第 1 版）的模拟运行' },
      start: { at: '2027-03-10T09:00:00+08:00', as: 'V_MED@qingshicun' },
      actors: { 'V_MED@qingshicun': { id: 'V_MED@qingshicun', roles: ['V_MED'], orgUnit: VILLAGE } },
    });
    expect(scenario.steps.map((s) => ('complete' in s ? s.complete.step : Object.keys(s)[0]))).toEqual(['intake', 'rightsNotice', 'grading', 'advance', 'advance', 'expect']);
    expect(scenario.steps[4]).toEqual({ advance: '2027-04-11T00:00:00+08:00' });
    expect(scenario.expect).toMatchObject({ now: '2027-04-11T00:00:00+08:00', status: 'active' });
    expect(scenario.expect!.activeSteps).toContain('vTimeout');

    // The example keeps exactly this file (the simulator's output, through the forms above), and
    // examples/scenarioFiles.test.ts replays it in Node. After an intended change of what the
    // simulator records, write the new file once with commands.writeFile(SAVED_EXAMPLE, …).
    expect(scenario).toEqual(JSON.parse(await commands.readFile(SAVED_EXAMPLE)) as ScenarioFile);
    const run = runScenario([mediation], scenario, { validator: createFormValidator() });
    expect(run.observed.activeSteps.sort()).toEqual([...scenario.expect!.activeSteps!].sort());
    expect(run.observed.openTasks.map((task) => task.step).sort()).toEqual([...page.querySelectorAll<HTMLElement>('.simulator-tasks li')].map((li) => li.dataset['step']).sort());
    // The steps the diagram marks current (groups around them are marked too, but are not steps).
    const marked = [...page.querySelectorAll<HTMLElement>('.react-flow__node-step')].filter((n) => n.querySelector('.flow-marker--current')).map((n) => n.dataset['id']);
    expect(marked.sort()).toEqual([...run.observed.activeSteps].sort());
    expect(run.instance.history().filter((e) => e.type === 'timer.fired').map((e) => e.at)).toEqual(['2027-04-11T00:00:00+08:00']);

    // Reset: back to the start, with the same choices.
    await userEvent.click(button(page, '重置'));
    await waitFor(() => expect(page.querySelector('form.simulator-setup')).not.toBeNull());
    expect(text(page.querySelector('.simulator-status'))).toBe('已重置模拟，可以重新开始。');
    expect(page.querySelector('.simulator-tasks')).toBeNull();

    // The saved file opens again in the simulator: replayed (every expectation checked) to the same state.
    const fileInput = () => page.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(page.querySelector(`label[for="${fileInput().id}"]`)?.textContent).toBe('场景文件（.scenario.json）');
    const saved = JSON.stringify(scenario);
    const broken = JSON.stringify({ ...scenario, expect: { ...scenario.expect, activeSteps: ['vSession'] } });
    await userEvent.upload(fileInput(), new File([broken], 'broken.scenario.json', { type: 'application/json' }));
    await waitFor(() => expect(text(page.querySelector('main [role="alert"]'))).toContain('场景在结束时的预期不成立：activeSteps 应为 vSession'));
    expect(text(page.querySelector('main [role="alert"]'))).toContain('CF_ENGINE_SCENARIO_EXPECTATION_FAILED');
    await userEvent.upload(fileInput(), new File(['{"schemaVersion": 1}'], 'empty.scenario.json', { type: 'application/json' }));
    await waitFor(() => expect(text(page.querySelector('.simulator-open-error'))).toContain('文件 empty.scenario.json 不是有效的场景文件（4 处问题）'));
    expect(text(page.querySelector('.simulator-open-error li'))).toContain('/definition');
    await userEvent.upload(fileInput(), new File([saved], 'saved.scenario.json', { type: 'application/json' }));
    await waitFor(() => expect(taskCard(page, 'vTimeout')).not.toBeNull());
    expect(text(page.querySelector('.simulator-status'))).toBe('已打开场景文件 saved.scenario.json，重放到 2027-04-11 00:00，所有预期均成立。');
    expect(text(page.querySelector('.simulator-clock'))).toContain('2027-04-11 00:00');
    await waitFor(() => expect(isCurrent(page, 'vTimeout')).toBe(true));
    expect([...page.querySelectorAll<HTMLElement>('.simulator-log li')].some((li) => li.dataset['type'] === 'timer.fired')).toBe(true);
  }, 150_000);

  it('speaks English, works in large text, explains a bad start, and has no serious accessibility violations', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    localStorage.setItem('civicflow.largeText', '1');
    const page = await started();
    expect(text(page.querySelector('h1'))).toBe('Simulate: dispute mediation (village → township → county → court) (version 1)');
    expect(document.documentElement.classList.contains('cf-large-text')).toBe(true);
    expect(await axeViolations()).toEqual([]);

    const startAt = page.querySelector<HTMLInputElement>('form.simulator-setup input[type="datetime-local"]')!;
    expect(page.querySelector(`label[for="${startAt.id}"]`)?.textContent).toBe('Simulated start (Beijing time)');
    const input = page.querySelector<HTMLTextAreaElement>('form.simulator-setup textarea')!;
    await userEvent.fill(input, '[1, 2]');
    await userEvent.click(button(page, 'Start simulation'));
    await waitFor(() => expect(text(page.querySelector('form.simulator-setup [role="alert"]'))).toBe('The start data is not a JSON object: array. Write it as {"field": value}, or leave it empty.'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(page.querySelector('form.simulator-setup [role="alert"]')!.id);

    await userEvent.fill(input, '{"filed_with": "TOWN"}');
    await userEvent.click(button(page, 'Start simulation'));
    // Filed with the town: the township centre registers it (the intake's town variant).
    await waitFor(() => expect(taskCard(page, 'intakeTown')).not.toBeNull());
    expect(text(taskCard(page, 'intakeTown'))).toContain('Not for the current role');
    expect(text(page.querySelector('.simulator-clock'))).toContain('Simulated time: 2027-03-10 09:00');
    expect([...page.querySelectorAll('.simulator-clock button')].map((b) => text(b))).toEqual(['Advance 1 hour', 'Advance 1 day', 'Advance 1 week', 'Advance to the next deadline']);
    await waitFor(() => expect(isCurrent(page, 'intakeTown')).toBe(true));

    // Keyboard: Tab reaches the clock's buttons, Enter moves the clock.
    const hour = button(page.querySelector('.simulator-clock')!, 'Advance 1 hour');
    hour.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(text(page.querySelector('.simulator-clock'))).toContain('2027-03-10 10:00'));
    expect(text(page.querySelector('.simulator-status'))).toBe('The simulated clock is now 2027-03-10 10:00; 0 deadline(s) reached.');
    expect(await axeViolations()).toEqual([]);
  }, 60_000);
});
