import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import type { ProcessDefinition } from '@civicflow/engine';
import DEFINITIONS from './support/startFormDefinitions.js';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';
import { seriousViolations } from './support/axeViolations.js';
import type * as ModuleLoading from '../src/validation/formValidatorModule.js';
import type { TaskFormIdentity } from '../src/validation/formValidatorModule.js';

// Starting a case whose process asks for start input (the definition's `startForm`): the 办件 page
// shows that form, validates it with the precompiled validator of exactly that form, and sends its
// data with the start. The real example definitions (C and E) are served by a scripted server.

const validatorLoads = vi.hoisted(() => ({ urls: [] as string[] }));
vi.mock('../src/validation/formValidatorModule.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ModuleLoading>();
  return {
    ...actual,
    loadFormValidatorModule: async (form: TaskFormIdentity, attempt = 0): Promise<PrecompiledFormModule> => {
      validatorLoads.urls.push(actual.formValidatorUrl(form, attempt));
      // The module the server compiles for this form of this definition.
      const { default: definitions } = await import('./support/startFormDefinitions.js');
      const schema = definitions[form.definitionId]!.forms[form.formId]!.schema;
      const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
      try {
        return (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  };
});

const user = { id: 'u-req', username: 'req_weijian', displayName: '钟晓梅', orgUnit: 'county:huaxi/dept:weijian', orgUnitName: '县卫健委', roles: ['REQ_DEPT'] };
const listing = (d: ProcessDefinition) => ({ id: d.id, title: d.title, latestVersion: d.version, versions: [{ id: d.id, version: d.version, title: d.title, publishedAt: '2027-01-01T00:00:00+08:00' }] });

const starts: unknown[] = [];
let startAnswers: (() => Response)[] = [];

beforeEach(() => {
  localStorage.clear();
  validatorLoads.urls.length = 0;
  starts.length = 0;
  startAnswers = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === '/api/me') return json(200, { user });
    if (url === '/api/definitions') return json(200, { definitions: [listing(DEFINITIONS['community-affairs-access']!), listing(DEFINITIONS['emergency-mobilisation']!)] });
    const version = /^\/api\/definitions\/([^/]+)\/versions\/1$/.exec(url);
    if (version) {
      const d = DEFINITIONS[decodeURIComponent(version[1]!)]!;
      return json(200, { id: d.id, version: d.version, title: d.title, publishedAt: '2027-01-01T00:00:00+08:00', document: d });
    }
    if (url.startsWith('/api/instances?')) return json(200, { items: [], nextCursor: null });
    if (url === '/api/instances' && init?.method === 'POST') {
      starts.push(JSON.parse(String(init.body)));
      const answer = startAnswers.shift();
      if (!answer) throw new Error('unexpected start');
      return answer();
    }
    return json(404, { code: 'CF_SERVER_NOT_FOUND', message: { 'zh-CN': '没有', en: 'none' } });
  }));
  window.history.replaceState(null, '', '/cases');
});

afterEach(unmountApp);

const field = (page: HTMLElement, id: string) => waitFor(() => {
  const el = page.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
  if (!el) throw new Error(`no field #${id} yet`);
  return el;
});

describe('starting a case with its start form', () => {
  it('asks E for the pre-checking street, refuses a malformed unit in the page, shows the server\'s refusal by field, and starts with the data', async () => {
    startAnswers = [
      () => json(422, {
        code: 'CF_ENGINE_FORM_INVALID', message: { 'zh-CN': '表单填写有误', en: 'the form has errors' },
        hint: { 'zh-CN': '按提示修改标出的字段后重新提交', en: 'correct the marked fields and submit again' },
        details: [{ pointer: '/precheck_unit', message: { 'zh-CN': '没有这个街道', en: 'no such street office' } }],
      }),
      () => json(200, {
        instanceId: 'e1', definitionId: 'community-affairs-access', definitionVersion: 1, status: 'active', outcome: null,
        tasks: [{ id: 'submit:1', stepId: 'submit', title: { 'zh-CN': '填报准入申请', en: 'file the request' }, formId: 'E_F1', assignee: { role: 'REQ_DEPT', orgUnit: user.orgUnit, match: 'exact' }, dueAt: null, overdue: false, repeatable: false, canAct: true }],
      }),
    ];
    const page = mountApp();
    const unit = await field(page, 'start_precheck_unit');
    expect(text(page.querySelector('#start-form-heading'))).toBe('发起准入申请：初审的乡镇(街道)');
    expect(text(page)).toContain('此流程发起时需要以下信息');
    expect(validatorLoads.urls).toEqual([expect.stringMatching(/^\/api\/definitions\/community-affairs-access\/versions\/1\/forms\/E_START\/validator\.js\?format=/)]);
    // The form's own button starts the case: no second start button.
    expect([...page.querySelectorAll('button')].filter((b) => text(b) === '发起办件')).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Not an org unit under the county: refused in the page, nothing sent.
    await userEvent.fill(unit, '东山街道');
    await userEvent.click(button(page, '发起办件'));
    await waitFor(() => expect(text(page.querySelector('.cf-error-summary'))).toContain('负责初审的乡镇(街道)组织单元'));
    expect(starts).toEqual([]);

    // The server refuses: its message beside the form, the field linked.
    await userEvent.fill(unit, 'county:huaxi/town:xishan');
    await userEvent.click(button(page, '发起办件'));
    const errors = await waitFor(() => {
      const box = page.querySelector<HTMLElement>('.server-errors');
      expect(text(box)).toContain('表单填写有误');
      return box!;
    });
    expect(text(errors.querySelector('li'))).toContain('没有这个街道');
    expect(starts).toEqual([{ definitionId: 'community-affairs-access', version: 1, data: { precheck_unit: 'county:huaxi/town:xishan' } }]);

    await userEvent.fill(unit, 'county:huaxi/town:dongshan');
    await userEvent.click(button(page, '发起办件'));
    await waitFor(() => expect(window.location.pathname).toBe('/tasks/e1/submit%3A1'));
    expect(starts[1]).toEqual({ definitionId: 'community-affairs-access', version: 1, data: { precheck_unit: 'county:huaxi/town:dongshan' } });
  });

  it('asks C for the village roster, in English too, and sends each village with its names and unit', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    startAnswers = [() => json(200, { instanceId: 'c9', definitionId: 'emergency-mobilisation', definitionVersion: 1, status: 'active', outcome: null, tasks: [] })];
    const page = mountApp();
    const process = await waitFor(() => {
      const label = [...page.querySelectorAll('label')].find((l) => text(l) === 'Process');
      const select = label && page.querySelector<HTMLSelectElement>(`#${CSS.escape(label.htmlFor)}`);
      if (!select || select.options.length < 2) throw new Error('no process list yet');
      return select;
    });
    await userEvent.selectOptions(process, 'emergency-mobilisation');
    await waitFor(() => expect(text(page.querySelector('#start-form-heading'))).toBe("the township's village roster"));
    expect(text(page)).toContain('This process needs the following to start');

    // The roster starts with one empty village (minItems 1); left empty it is refused in the page.
    await userEvent.click(await waitFor(() => button(page, 'Start the case')));
    await waitFor(() => expect(text(page.querySelector('.cf-error-summary'))).toContain('村(社区)代码（如 shangba）: this field is required'));
    expect(starts).toEqual([]);

    await userEvent.fill(await field(page, 'start_villages_0_id'), 'xiahe');
    await userEvent.fill(await field(page, 'start_villages_0_title_zh-CN'), '下河村');
    await userEvent.fill(await field(page, 'start_villages_0_title_en'), 'Xiahe');
    await userEvent.fill(await field(page, 'start_villages_0_orgUnit'), 'county:huaxi/town:qingshi/village:xiahe');
    expect(await seriousViolations(page)).toEqual([]);
    await userEvent.click(button(page, 'Start the case'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases/c9'));
    expect(starts).toEqual([{
      definitionId: 'emergency-mobilisation', version: 1,
      data: { villages: [{ id: 'xiahe', title: { 'zh-CN': '下河村', en: 'Xiahe' }, orgUnit: 'county:huaxi/town:qingshi/village:xiahe' }] },
    }]);
  });
});
