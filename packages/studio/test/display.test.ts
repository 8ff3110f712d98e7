import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProcessDefinition } from '@civicflow/engine';
import type { InboxItem } from '../src/api/types.js';
import { stepTitles } from '../src/definitions/definitionTexts.js';
import { caseDataSummary } from '../src/features/task/caseDataSummary.js';
import { filterInbox } from '../src/features/inbox/filterInbox.js';
import { MAX_RECENT_CASES, readRecentCases, rememberCase } from '../src/features/cases/recentCases.js';
import { formatInstant } from '../src/format/formatInstant.js';
import { unitLabel } from '../src/format/unitLabel.js';
import { MESSAGES, translate } from '../src/i18n/messages.js';
import { DEFAULT_PREFERENCES, readPreferences, writePreferences } from '../src/preferences/preferences.js';

const dispute = JSON.parse(readFileSync(new URL('../../../examples/dispute-mediation/process.json', import.meta.url), 'utf8')) as ProcessDefinition;

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('display preferences', () => {
  it('default to zh-CN and normal text, and remember a choice', () => {
    const storage = memoryStorage();
    expect(readPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES).toEqual({ locale: 'zh-CN', largeText: false });
    writePreferences(storage, { locale: 'en', largeText: true });
    expect(readPreferences(storage)).toEqual({ locale: 'en', largeText: true });
    storage.map.set('civicflow.locale', 'fr');
    expect(readPreferences(storage).locale).toBe('zh-CN');
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(readPreferences(refusing)).toEqual(DEFAULT_PREFERENCES);
    expect(() => writePreferences(refusing, DEFAULT_PREFERENCES)).not.toThrow();
  });

  it('has every interface text in both languages and fills placeholders', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      expect(text['zh-CN'], key).not.toBe('');
      expect(text.en, key).not.toBe('');
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text.en), key).toEqual(placeholders(text['zh-CN']));
    }
    expect(translate('zh-CN', 'inbox.count', { loaded: 3, shown: 1 })).toBe('已加载 3 项待办，显示 1 项。');
    expect(translate('en', 'inbox.count', { loaded: 3 })).toBe('3 tasks loaded, {shown} shown.');
  });
});

describe('dates and units', () => {
  it('shows instants in Beijing time, the same digits in both languages', () => {
    expect(formatInstant('2027-03-01T09:05:33+08:00')).toBe('2027-03-01 09:05');
    expect(formatInstant('2027-02-28T17:30:00Z')).toBe('2027-03-01 01:30');
    expect(formatInstant('2027-03-01')).toBe('2027-03-01');
    expect(formatInstant(null)).toBe('');
    expect(formatInstant('soon')).toBe('soon');
  });

  it('names the user\'s own unit and units below it, and shows other units by path', () => {
    const user = { orgUnit: 'county:huaxi/town:qingshi/village:qingshicun', orgUnitName: '青石村' };
    expect(unitLabel(user.orgUnit, user)).toBe('青石村');
    expect(unitLabel(`${user.orgUnit}/grid:01`, user)).toBe('青石村 / grid:01');
    expect(unitLabel('county:huaxi/town:qingshi', user)).toBe('county:huaxi/town:qingshi');
    expect(unitLabel('county:huaxi/town:qingshi/village:qingshicun2', user)).toBe('county:huaxi/town:qingshi/village:qingshicun2');
  });
});

describe('the inbox filter', () => {
  const item = (taskId: string, zh: string, en: string, orgUnit: string): InboxItem => ({
    instanceId: `case-${taskId}`, taskId, stepId: 's', title: { 'zh-CN': zh, en }, formId: 'F', dueAt: null, overdue: false, repeatable: false,
    createdAt: '2027-03-01T09:00:00+08:00', case: { definitionId: 'dispute-mediation', definitionVersion: 1, orgUnit },
  });
  const items = [item('a:1', '受理登记', 'intake registration', 'county:huaxi/town:qingshi/village:qingshicun'), item('b:2', '分级评估', 'grading', 'county:huaxi/town:qingshi')];
  const texts = { processTitle: () => ({ 'zh-CN': '矛盾纠纷调解', en: 'dispute mediation' }), unit: (i: InboxItem) => (i.case.orgUnit.endsWith('qingshicun') ? '青石村' : i.case.orgUnit) };

  it('matches every word in task, process, unit or case number, in either language', () => {
    expect(filterInbox(items, '', texts)).toHaveLength(2);
    expect(filterInbox(items, '受理', texts).map((i) => i.taskId)).toEqual(['a:1']);
    expect(filterInbox(items, 'GRADING', texts).map((i) => i.taskId)).toEqual(['b:2']);
    expect(filterInbox(items, '青石村 调解', texts).map((i) => i.taskId)).toEqual(['a:1']);
    expect(filterInbox(items, 'case-b', texts).map((i) => i.taskId)).toEqual(['b:2']);
    expect(filterInbox(items, '受理 grading', texts)).toEqual([]);
  });
});

describe('the case data summary beside a form', () => {
  it('labels saved forms by their form title and data fields by their schema title, and never shows a form\'s content', () => {
    const facts = caseDataSummary({
      filed_with: 'VILLAGE', report_overdue: false, intake: { applicants: [{ id_no: '110101198001010010', phone: '13800000000' }], summary: 'x' }, extra: 7,
    }, dispute);
    expect(facts).toEqual([
      { key: 'filed_with', label: '收件层级（启动参数）', kind: 'text', text: 'VILLAGE' },
      { key: 'report_overdue', label: '最近一次报告公安超时（第二十五条）', kind: 'yesNo', value: false },
      { key: 'intake', label: dispute.forms['BF1']!.title, kind: 'filled', count: 2 },
      { key: 'extra', label: 'extra', kind: 'text', text: '7' },
    ]);
    expect(JSON.stringify(facts)).not.toContain('110101198001010010');
  });

  it('finds the titles of nested steps', () => {
    const titles = stepTitles(dispute);
    expect(titles.get('intake')).toEqual({ 'zh-CN': '受理登记', en: 'intake registration' });
    expect(titles.size).toBeGreaterThan(Object.keys(dispute.steps).length);
  });
});

describe('recent cases on this device', () => {
  it('keeps the newest first, once each, at most MAX_RECENT_CASES, per person', () => {
    const storage = memoryStorage();
    const entry = (n: number) => ({ instanceId: `c${n}`, title: { 'zh-CN': '调解', en: 'mediation' }, orgUnit: 'county:huaxi', viewedAt: `2027-03-01T09:${String(n % 60).padStart(2, '0')}:00Z` });
    for (let n = 0; n < MAX_RECENT_CASES + 5; n += 1) rememberCase('u-a', entry(n), storage);
    rememberCase('u-a', entry(3), storage);
    const recent = readRecentCases('u-a', storage);
    expect(recent).toHaveLength(MAX_RECENT_CASES);
    expect(recent.map((c) => c.instanceId).slice(0, 2)).toEqual(['c3', `c${MAX_RECENT_CASES + 4}`]);
    expect(readRecentCases('u-b', storage)).toEqual([]);
    storage.map.set('civicflow.recentCases.u-a', '{not json');
    expect(readRecentCases('u-a', storage)).toEqual([]);
  });
});
