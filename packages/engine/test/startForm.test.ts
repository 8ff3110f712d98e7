import { describe, expect, it } from 'vitest';
import { CivicflowError, replay, startInstance, validateDefinition } from '../src/index.js';
import type { ProcessDefinition } from '../src/index.js';
import { actor, VILLAGE } from './support/actors.js';
import { reviewProcess } from './support/definitions.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
const NOW = '2027-05-07T09:00:00+08:00';

/** The small review process, whose start input (the applicant) is asked for with a start form. */
function withStartForm(overrides: Partial<ProcessDefinition> = {}): ProcessDefinition {
  const def = reviewProcess();
  return {
    ...def,
    forms: { ...def.forms, applicant: { title: { 'zh-CN': '申请人', en: 'applicant' }, schema: { type: 'object', properties: { applicant: { type: 'string' } }, required: ['applicant'] } } },
    startForm: 'applicant',
    ...overrides,
  };
}


describe('the start form (startForm)', () => {
  it('is a valid definition member when it names a form', () => {
    expect(validateDefinition(withStartForm())).toEqual([]);
  });

  it('is refused when it names no form, with a suggestion, at /startForm', () => {
    const problem = validateDefinition(withStartForm({ startForm: 'aplicant' })).find((p) => p.code === 'CF_DEF_UNKNOWN_START_FORM');
    expect(problem).toMatchObject({ pointer: '/startForm', severity: 'error' });
    expect(problem!.message['zh-CN']).toContain('aplicant');
    expect(problem!.message.en).toContain('applicant');
    expect(problem!.hint.en).toContain('startForm');
  });

  it('validates the start data with the form: missing or mistyped fields refuse the start, naming the field', () => {
    const def = withStartForm();
    const attempt = (data: Record<string, unknown>): CivicflowError => {
      try {
        startInstance(def, { instanceId: 'i1', orgUnit: VILLAGE, data }, { now: NOW, actor: clerk }, { validator });
      } catch (e) {
        expect(e).toBeInstanceOf(CivicflowError);
        return e as CivicflowError;
      }
      throw new Error('the start was not refused');
    };
    const missing = attempt({});
    expect(missing.code).toBe('CF_ENGINE_FORM_INVALID');
    expect(missing.message).toContain('applicant is required');
    expect(missing.details).toEqual([expect.objectContaining({ pointer: '/applicant' })]);
    expect(attempt({ applicant: 7 }).details).toEqual([expect.objectContaining({ pointer: '/applicant', code: 'CF_FORMS_TYPE' })]);
  });

  it('starts with valid start data, records it, and replays without the validator', () => {
    const def = withStartForm();
    const started = startInstance(def, { instanceId: 'i1', orgUnit: VILLAGE, data: { applicant: 'A' } }, { now: NOW, actor: clerk }, { validator });
    expect(started.snapshot.context.data['applicant']).toBe('A');
    expect(started.events[0]!.data).toMatchObject({ data: { applicant: 'A' } });
    const again = replay(def, started.events, {});
    expect(again.snapshot.context.data['applicant']).toBe('A');
  });

  it('leaves processes without a start form as they were: the start data is not checked', () => {
    const started = startInstance(reviewProcess(), { instanceId: 'i1', orgUnit: VILLAGE, data: { anything: 1 } }, { now: NOW, actor: clerk }, {});
    expect(started.snapshot.context.data['anything']).toBe(1);
  });
});
