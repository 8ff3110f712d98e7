import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { button, json, mountApp, text, unmountApp, waitFor } from './support/appHarness.js';

// The 办件 page against a scripted server (fetch is replaced): the cases the person may see, from
// GET /api/instances, filtered by status and loaded a page at a time.

const user = { id: 'u-t_off', username: 't_off', displayName: '李明', orgUnit: 'county:huaxi/town:qingshi', orgUnitName: '青石镇', roles: ['T_OFF'] };
const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const mediation = title('矛盾纠纷调解', 'dispute mediation');
const caseRow = (n: number, status: 'active' | 'done' | 'cancelled', openTaskCount: number) => ({
  instanceId: `c${n}`, definitionId: 'dispute-mediation', definitionVersion: 1, title: mediation, status,
  outcome: status === 'done' ? { id: 'agreed', title: title('调解成功', 'agreement reached') } : null,
  orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', startedAt: `2027-02-2${n}T09:00:00+08:00`, updatedAt: `2027-02-2${n}T10:00:00+08:00`, openTaskCount,
});

/** The case-list requests, in order, and the answers they get (by the whole address). */
const listRequests: string[] = [];
let listAnswers: Record<string, () => Response> = {};

beforeEach(() => {
  localStorage.clear();
  listRequests.length = 0;
  listAnswers = {};
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === '/api/me') return json(200, { user });
    if (url === '/api/definitions') return json(200, { definitions: [] });
    if (url.startsWith('/api/instances?')) {
      listRequests.push(url);
      const answer = listAnswers[url];
      if (!answer) throw new Error(`unexpected request ${url}`);
      return answer();
    }
    return json(404, { code: 'CF_SERVER_NOT_FOUND', message: title('没有', 'none') });
  }));
  window.history.replaceState(null, '', '/cases');
});


function rows(page: HTMLElement): string[][] {
  return [...page.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map(text));
}

function statusSelect(page: HTMLElement, label: string): HTMLSelectElement {
  const found = [...page.querySelectorAll('label')].find((l) => text(l) === label);
  const select = found && page.querySelector<HTMLSelectElement>(`#${CSS.escape(found.htmlFor)}`);
  if (!select) throw new Error(`no select labelled "${label}"`);
  return select;
}

afterEach(unmountApp);

describe('the cases page', () => {
  it('lists the cases newest first with unit, start, status in words and open tasks, and loads more with the cursor', async () => {
    listAnswers = {
      '/api/instances?limit=20': () => json(200, { items: [caseRow(8, 'active', 2), caseRow(7, 'done', 0)], nextCursor: 'page 2' }),
      '/api/instances?limit=20&cursor=page+2': () => json(200, { items: [caseRow(6, 'cancelled', 0)], nextCursor: null }),
    };
    const page = mountApp();
    await waitFor(() => expect(rows(page)).toHaveLength(2));
    const table = page.querySelector('table')!;
    expect(text(document.getElementById(table.getAttribute('aria-labelledby')!))).toBe('我可查看的办件');
    expect([...table.querySelectorAll('thead th')].map(text)).toEqual(['流程', '办件单位', '发起时间', '状态', '待办事项数']);
    expect(rows(page)).toEqual([
      ['矛盾纠纷调解', '青石镇 / village:qingshicun', '2027-02-28 09:00', '办理中', '2'],
      ['矛盾纠纷调解', '青石镇 / village:qingshicun', '2027-02-27 09:00', '已办结 · 调解成功', '0'],
    ]);
    expect(table.querySelector('tbody a')?.getAttribute('href')).toBe('/cases/c8');

    await userEvent.click(button(page, '加载更多'));
    await waitFor(() => expect(rows(page)).toHaveLength(3));
    expect(rows(page)[2]).toEqual(['矛盾纠纷调解', '青石镇 / village:qingshicun', '2027-02-26 09:00', '已撤销', '0']);
    expect(text(page.querySelector('[role="status"]'))).toBe('已加载 3 件办件。');
    expect(text(page)).toContain('已全部加载。');
    expect(listRequests).toEqual(['/api/instances?limit=20', '/api/instances?limit=20&cursor=page+2']);
  });

  it('asks the server again when the status filter changes, and says when no case has that status', async () => {
    listAnswers = {
      '/api/instances?limit=20': () => json(200, { items: [caseRow(8, 'active', 1)], nextCursor: null }),
      '/api/instances?limit=20&status=cancelled': () => json(200, { items: [], nextCursor: null }),
    };
    const page = mountApp();
    await waitFor(() => expect(rows(page)).toHaveLength(1));
    const select = statusSelect(page, '按状态筛选');
    expect([...select.options].map(text)).toEqual(['全部', '办理中', '已办结', '已撤销']);
    await userEvent.selectOptions(select, 'cancelled');
    await waitFor(() => expect(text(page)).toContain('没有“已撤销”的办件。'));
    expect(page.querySelector('table')).toBeNull();
    expect(listRequests.at(-1)).toBe('/api/instances?limit=20&status=cancelled');
  });

  it('says so in English when there is no case, and shows a refusal with a retry', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    let refused = true;
    listAnswers = {
      '/api/instances?limit=20': () => (refused
        ? json(503, { code: 'CF_SERVER_UNAVAILABLE', message: title('服务暂不可用', 'the service is unavailable'), hint: title('稍后再试', 'try again later') })
        : json(200, { items: [], nextCursor: null })),
    };
    const page = mountApp();
    const alert = await waitFor(() => {
      const found = [...page.querySelectorAll('[role="alert"]')].find((el) => text(el).includes('the service is unavailable'));
      if (!found) throw new Error('no error shown yet');
      return found;
    });
    expect(text(alert)).toContain('What to do: try again later');
    expect(text(alert)).toContain('CF_SERVER_UNAVAILABLE');
    refused = false;
    await userEvent.click(button(alert, 'Reload'));
    await waitFor(() => expect(text(page)).toContain('There are no cases for you to see.'));
    expect(listRequests).toHaveLength(2);
  });
});
