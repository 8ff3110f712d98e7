import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/ApiError.js';
import type { CommandResult, InboxItem } from '../src/api/types.js';
import { chooseNextTask } from '../src/features/task/nextTask.js';
import { fieldLabel, serverFieldErrors } from '../src/features/task/serverFormErrors.js';
import { createSubmissionKeys } from '../src/features/task/submissionKeys.js';

describe('Idempotency-Key per submission', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('reuses the key while the same data is sent again without a definite answer, and only then', () => {
    const keys = createSubmissionKeys(counter());
    const data = { name: '张三', items: [1, 2] };
    expect(keys.keyFor(data)).toBe('key-1');
    expect(keys.keyFor({ name: '张三', items: [1, 2] })).toBe('key-1'); // a retry after a network failure
    expect(keys.keyFor({ name: '李四', items: [1, 2] })).toBe('key-2'); // changed data is a new submission
    keys.settled(); // e.g. the server answered 422
    expect(keys.keyFor({ name: '李四', items: [1, 2] })).toBe('key-3');
  });

  it('makes random UUIDs by default', () => {
    const keys = createSubmissionKeys();
    const first = keys.keyFor({ a: 1 });
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    keys.settled();
    expect(keys.keyFor({ a: 1 })).not.toBe(first);
  });

  it('keeps the key only for answers that leave the outcome unknown', () => {
    const body = (code: string) => ({ code, message: { 'zh-CN': 'x', en: 'x' } });
    expect(ApiError.network().outcomeUnknown).toBe(true);
    expect(new ApiError(503, body('CF_SERVER_INTERNAL')).outcomeUnknown).toBe(true);
    expect(new ApiError(409, body('CF_SERVER_IDEMPOTENCY_IN_PROGRESS')).outcomeUnknown).toBe(true);
    for (const [status, code] of [[422, 'CF_ENGINE_FORM_INVALID'], [409, 'CF_SERVER_TASK_CLOSED'], [404, 'CF_SERVER_NOT_FOUND'], [401, 'CF_SERVER_UNAUTHENTICATED']] as const) {
      expect(new ApiError(status, body(code)).outcomeUnknown, code).toBe(false);
    }
  });
});

describe('the server\'s refusal, field by field', () => {
  const schema = {
    type: 'object',
    properties: {
      applicants: { type: 'array', title: '申请人', items: { type: 'object', properties: { id_no: { type: 'string', title: '证件号码' } } } },
      kind: { type: 'string', title: '类别' },
    },
    allOf: [{ if: { properties: { kind: { const: 'U' } } }, then: { properties: { uscc: { type: 'string', title: '统一社会信用代码' } } } }],
  };

  it('lists the problems of CF_ENGINE_FORM_INVALID (plain messages) and CF_ENGINE_CHECK_FAILED (both languages)', () => {
    expect(serverFieldErrors('CF_ENGINE_FORM_INVALID', [{ pointer: '/applicants/0/id_no', code: 'CF_FORMS_ID_CARD_CHECKSUM', message: '身份证号码校验位不正确' }, { nope: 1 }]))
      .toEqual([{ pointer: '/applicants/0/id_no', message: '身份证号码校验位不正确' }]);
    const rule = { pointer: '/respondents', message: { 'zh-CN': '同一当事人不能同时是申请人和被申请人', en: 'nobody may be on both sides' } };
    expect(serverFieldErrors('CF_ENGINE_CHECK_FAILED', [rule])).toEqual([rule]);
    expect(serverFieldErrors('CF_SERVER_TASK_CLOSED', [rule])).toEqual([]);
    expect(serverFieldErrors('CF_ENGINE_FORM_INVALID', { pointer: '/x' })).toEqual([]);
  });

  it('names a field by the titles on its way, list positions from 1, conditional fields included', () => {
    expect(fieldLabel(schema, '/applicants/0/id_no')).toBe('申请人 › 1 › 证件号码');
    expect(fieldLabel(schema, '/kind')).toBe('类别');
    expect(fieldLabel(schema, '/uscc')).toBe('统一社会信用代码');
    expect(fieldLabel(schema, '/unknown~1field')).toBe('unknown/field');
    expect(fieldLabel(schema, '')).toBe('');
  });
});

describe('the next task after a submission', () => {
  const title = (zh: string) => ({ 'zh-CN': zh, en: zh });
  const result = (tasks: CommandResult['tasks']): CommandResult => ({ instanceId: 'c1', definitionId: 'd', definitionVersion: 1, status: 'active', outcome: null, tasks });
  const summary = (id: string, canAct: boolean) => ({ id, stepId: id, title: title(id), formId: 'F', assignee: { role: 'V_MED', orgUnit: 'county:x', match: 'exact' as const }, dueAt: null, overdue: false, repeatable: false, canAct });
  const inboxItem = (instanceId: string, taskId: string): InboxItem => ({
    instanceId, taskId, stepId: 's', title: title(taskId), formId: 'F', dueAt: null, overdue: false, repeatable: false, createdAt: '2027-01-01T00:00:00+08:00',
    case: { definitionId: 'd', definitionVersion: 1, orgUnit: 'county:x' },
  });

  it('prefers a task of the same case the person may do, then the inbox without the task just done', () => {
    const done = { instanceId: 'c1', taskId: 'intake:1' };
    expect(chooseNextTask(done, result([summary('other:2', false), summary('rights:3', true)]), [inboxItem('c9', 'x:1')])).toMatchObject({ instanceId: 'c1', taskId: 'rights:3' });
    expect(chooseNextTask(done, result([summary('other:2', false)]), [inboxItem('c1', 'intake:1'), inboxItem('c9', 'x:1')])).toMatchObject({ instanceId: 'c9', taskId: 'x:1' });
    expect(chooseNextTask(done, result([]), [inboxItem('c1', 'intake:1')])).toBeUndefined();
  });
});
