import { createPrecompiledFormValidator } from '@civicflow/forms';
import type { PrecompiledFormValidator } from '@civicflow/forms';
import { useAsync } from '../hooks/useAsync.js';
import type { AsyncState } from '../hooks/useAsync.js';
import { loadFormValidatorModule } from './formValidatorModule.js';
import type { TaskFormIdentity } from './formValidatorModule.js';

export type { TaskFormIdentity } from './formValidatorModule.js';

/** A task form's validator as the page loads it; `reload()` tries again after a failure. */
export type TaskValidatorState = AsyncState<PrecompiledFormValidator> & { reload(): void };

/**
 * THE ONE PLACE where the studio chooses how a task form validates in the browser: with the
 * validator the server precompiled for this form (its module, loaded from this origin, wrapped
 * with `createPrecompiledFormValidator`). The studio's Content-Security-Policy has no
 * 'unsafe-eval', so Ajv cannot compile in the page; the module carries everything `<TaskForm>`
 * needs — the strict validator, the conditions that hide fields, and rjsf's questions about
 * conditions and options while rendering — with the same rules and zh-CN / en messages as the
 * server, which still validates every submission (its 422 answers are shown beside the form).
 *
 * No reference date is given: the server validates without one, and the page says what the
 * server will say.
 */
export function useTaskValidator(form: TaskFormIdentity): TaskValidatorState {
  return useAsync(() => taskValidator(form), formKey(form));
}

const formKey = (form: TaskFormIdentity): string => JSON.stringify([form.definitionId, form.definitionVersion, form.formId]);

/** Loaded validators by form (a published version never changes), and failed attempts by form. */
const validators = new Map<string, Promise<PrecompiledFormValidator>>();
const failedAttempts = new Map<string, number>();

/**
 * The precompiled validator of a form: loaded once per page, shared by every visit of the form.
 * A load that fails is forgotten, so that asking again loads again (from a new URL: see
 * `formValidatorUrl`).
 */
export function taskValidator(form: TaskFormIdentity): Promise<PrecompiledFormValidator> {
  const key = formKey(form);
  const known = validators.get(key);
  if (known) return known;
  const attempt = failedAttempts.get(key) ?? 0;
  const loading = loadFormValidatorModule(form, attempt).then((module) => createPrecompiledFormValidator(module));
  validators.set(key, loading);
  loading.catch(() => {
    validators.delete(key);
    failedAttempts.set(key, attempt + 1);
  });
  return loading;
}

/** True when `error` (or what caused it) is the browser refusing to compile code (CSP without 'unsafe-eval'). */
export function isCodegenBlocked(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof EvalError || e.name === 'EvalError') return true;
  }
  return false;
}
