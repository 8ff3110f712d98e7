import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import type * as ModuleLoading from '../src/validation/formValidatorModule.js';
import type { TaskFormIdentity } from '../src/validation/formValidatorModule.js';

// The page imports the form's precompiled validator from the server; here it gets the module the
// server would compile for the task's form, loaded as a module of its own.
const validatorLoads = vi.hoisted(() => ({ urls: [] as string[], failures: 0 }));
vi.mock('../src/validation/formValidatorModule.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ModuleLoading>();
  return {
    ...actual,
    loadFormValidatorModule: async (form: TaskFormIdentity, attempt = 0): Promise<PrecompiledFormModule> => {
      validatorLoads.urls.push(actual.formValidatorUrl(form, attempt));
      if (validatorLoads.failures > 0) {
        validatorLoads.failures -= 1;
        throw new TypeError('Failed to fetch dynamically imported module');
      }
      const url = URL.createObjectURL(new Blob([compileFormValidatorModule(taskDetail.task.formSchema)], { type: 'text/javascript' }));
      try {
        return (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  };
});

// The task page against a scripted server (fetch is replaced): how a submission that fails is
// shown next to the form, retried with the same Idempotency-Key, and confirmed with the next task.

const TASK_URL = '/api/tasks/c1/intake%3A1';
const user = { id: 'u-v_med', username: 'v_med', displayName: '王建国', orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', orgUnitName: '青石村', roles: ['V_MED'] };
const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const taskDetail = {
  instanceId: 'c1',
  task: {
    id: 'intake:1', stepId: 'intake', title: title('受理登记', 'intake registration'), formId: 'BF1', assignee: { role: 'V_MED', orgUnit: user.orgUnit, match: 'exact' },
    formSchema: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名', minLength: 1 }, note: { type: 'string', title: '备注' } } },
    dueAt: '2027-03-01T17:00:00+08:00', overdue: true, repeatable: false, meta: {},
  },
  case: {
    instanceId: 'c1', definitionId: 'dispute-mediation', definitionVersion: 1, title: title('矛盾纠纷调解', 'dispute mediation'), status: 'active', state: {}, outcome: null,
    orgUnit: user.orgUnit, startedAt: '2027-02-27T09:00:00+08:00', startedBy: 'u-v_med', data: { filed_with: 'VILLAGE' },
  },
};

const submissions: { key: string | null; data: unknown }[] = [];
let completeAnswers: (() => Response)[] = [];
/** The task's form; each test's own, since the page keeps a form's validator once loaded. */
let formId = 'BF1';

beforeEach(() => {
  localStorage.clear();
  validatorLoads.urls.length = 0;
  formId = 'BF1';
  submissions.length = 0;
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url === '/api/me') return json(200, { user });
    if (url === TASK_URL) return json(200, { ...taskDetail, task: { ...taskDetail.task, formId } });
    if (url === `${TASK_URL}/complete`) {
      submissions.push({ key: new Headers(init?.headers).get('idempotency-key'), data: (JSON.parse(String(init?.body)) as { data: unknown }).data });
      const answer = completeAnswers.shift();
      if (!answer) throw new Error('unexpected submission');
      return answer();
    }
    return json(404, { code: 'CF_SERVER_NOT_FOUND', message: title('没有', 'none') });
  }));
  window.history.replaceState(null, '', '/tasks/c1/intake%3A1');
});


afterEach(unmountApp);

describe('the task page', () => {
  it('shows the task with its case and an overdue marker in words', async () => {
    const page = mountApp();
    await waitFor(() => expect(text(page.querySelector('h1'))).toBe('受理登记'));
    const meta = text(page.querySelector('.task-meta'));
    expect(meta).toContain('2027-03-01 17:00');
    expect(meta).toContain('已逾期');
    const aside = page.querySelector('aside[aria-labelledby="case-context-heading"]');
    expect(text(aside)).toContain('青石村');
    expect(text(aside)).toContain('VILLAGE');
    // The form validates with the precompiled validator of this process version's form.
    await waitFor(() => expect(page.querySelector('#task_name')).not.toBeNull());
    expect(validatorLoads.urls).toContainEqual(expect.stringMatching(/^\/api\/definitions\/dispute-mediation\/versions\/1\/forms\/BF1\/validator\.js\?format=/));
    // TaskForm renders no <style> of its own: the stylesheet is a file (strict CSP).
    expect(page.querySelector('style')).toBeNull();
    expect(document.head.querySelector('style[data-precedence]')).toBeNull();
  });

  it('retries with the same Idempotency-Key, shows the server\'s refusal by field in the chosen language, and confirms with the next task', async () => {
    completeAnswers = [
      () => { throw new TypeError('Failed to fetch'); },
      () => json(422, {
        code: 'CF_ENGINE_CHECK_FAILED', message: title('不符合办理规则：姓名与身份证不符', 'a rule of this step is not met: the name does not match'),
        hint: title('按提示修改后重新提交', 'correct the data as described and submit again'),
        details: [{ pointer: '/name', message: title('姓名与身份证不符', 'the name does not match the ID') }],
      }),
      () => json(200, {
        instanceId: 'c1', definitionId: 'dispute-mediation', definitionVersion: 1, status: 'active', outcome: null,
        tasks: [{ id: 'rights:2', stepId: 'rightsNotice', title: title('告知权利义务', 'rights notice'), formId: 'BF2', assignee: { role: 'V_MED', orgUnit: user.orgUnit, match: 'exact' }, dueAt: null, overdue: false, repeatable: false, canAct: true }],
      }),
    ];
    const page = mountApp();
    const name = await waitFor(() => {
      const input = page.querySelector<HTMLInputElement>('#task_name');
      if (!input) throw new Error('the form is not there yet');
      return input;
    });
    await userEvent.fill(name, '张三');
    await userEvent.click(button(page, '提交'));

    // No answer: the outcome is unknown, so "submit again" sends the same submission.
    await waitFor(() => expect(text(page.querySelector('.server-errors'))).toContain('无法连接服务器'));
    await userEvent.click(button(page, '重新提交'));
    await waitFor(() => expect(submissions).toHaveLength(2));
    expect(submissions[1]).toEqual(submissions[0]);
    expect(submissions[0]!.key).toMatch(/^[0-9a-f-]{36}$/);

    // The refusal: message, hint, and each problem as a link to its field.
    const errors = await waitFor(() => {
      const box = page.querySelector<HTMLElement>('.server-errors');
      expect(text(box)).toContain('不符合办理规则');
      return box!;
    });
    expect(errors.getAttribute('role')).toBe('alert');
    // Focus moves in an effect, after the refusal first renders.
    await waitFor(() => expect(document.activeElement).toBe(errors));
    const link = errors.querySelector('li a')!;
    expect(text(errors.querySelector('li'))).toBe('姓名：姓名与身份证不符');
    await userEvent.click(link);
    expect(document.activeElement?.id).toBe('task_name');

    // The same refusal in English after switching.
    await userEvent.click(button(page, 'English'));
    await waitFor(() => expect(text(page.querySelector('.server-errors li'))).toBe('姓名: the name does not match the ID'));
    expect(text(page.querySelector('.server-errors'))).toContain('What to do: correct the data as described and submit again');

    // A corrected submission is a new one: a new key.
    await userEvent.fill(page.querySelector<HTMLInputElement>('#task_name')!, '李四');
    await userEvent.click(button(page, 'Submit'));
    await waitFor(() => expect(text(page.querySelector('#submission-result-heading'))).toBe('Submitted'));
    expect(submissions).toHaveLength(3);
    expect(submissions[2]!.key).not.toBe(submissions[1]!.key);
    expect(submissions[2]!.data).toEqual({ name: '李四' });
    await waitFor(() => expect(document.activeElement?.id).toBe('submission-result-heading'));
    // The next task is chosen in an effect after the confirmation first renders.
    const next = await waitFor(() => {
      const link = [...page.querySelectorAll('a')].find((a) => text(a) === 'Next task: rights notice');
      if (!link) throw new Error('no link to the next task yet');
      return link;
    });
    expect(next.getAttribute('href')).toBe('/tasks/c1/rights%3A2');
  });

  it('says so when the form\'s validator cannot be loaded, and loads it again on request', async () => {
    formId = 'BF2';
    validatorLoads.failures = 1;
    const page = mountApp();
    const notice = await waitFor(() => {
      const box = page.querySelector<HTMLElement>('.task-layout__form .notice--error');
      expect(text(box)).toContain('此表单暂时无法在本页面中显示');
      return box!;
    });
    expect(page.querySelector('#task_name')).toBeNull();
    await userEvent.click(button(notice, '重新加载'));
    await waitFor(() => expect(page.querySelector('#task_name')).not.toBeNull());
    expect(validatorLoads.urls).toEqual([expect.stringMatching(/\/forms\/BF2\/validator\.js\?format=[^&]+$/), expect.stringMatching(/\/forms\/BF2\/validator\.js\?format=[^&]+&attempt=1$/)]);
  });
});
