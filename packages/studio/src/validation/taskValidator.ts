import { canonicalJson, createPrecompiledFormValidator } from '@civicflow/forms';
import type { PrecompiledFormValidator } from '@civicflow/forms';
import { ApiError } from '../api/ApiError.js';
import { useAsync } from '../hooks/useAsync.js';
import type { AsyncState } from '../hooks/useAsync.js';
import { loadDraftFormValidatorModule, loadFormValidatorModule } from './formValidatorModule.js';
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
 *
 * Forms not yet published (the form builder's preview in the flow composer) validate the same way,
 * with a module the server precompiles for the draft's schema: {@link draftFormValidator}.
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

/** How many draft forms' validators the page keeps (an undo or a second look at a form finds its validator at once). */
const DRAFT_VALIDATORS_KEPT = 30;
/** Draft validators by the canonical JSON of their schema, least recently used first. */
const draftValidators = new Map<string, Promise<PrecompiledFormValidator>>();

/**
 * The validator of a DRAFT form — the form builder's preview — precompiled by the server for
 * exactly this schema (POST /api/forms/validators, administrators) and loaded from this origin,
 * like a published form's (`taskValidator`): no eval under the CSP, the server's rules and
 * messages. Kept per schema content for the page's lifetime (the most recent
 * {@link DRAFT_VALIDATORS_KEPT}); a failed load is forgotten. An import that fails after the
 * server answered is tried once more with a fresh POST (the server's cache is bounded: the
 * module may have left it). Rejects with the server's ApiError (a refused schema: 422 with every
 * problem), or with what the import threw.
 */
export function draftFormValidator(schema: object): Promise<PrecompiledFormValidator> {
  const key = canonicalJson(schema);
  const known = draftValidators.get(key);
  if (known) {
    draftValidators.delete(key);
    draftValidators.set(key, known);
    return known;
  }
  const loading = loadDraft(schema).then((module) => createPrecompiledFormValidator(module));
  draftValidators.set(key, loading);
  if (draftValidators.size > DRAFT_VALIDATORS_KEPT) draftValidators.delete(draftValidators.keys().next().value as string);
  loading.catch(() => {
    if (draftValidators.get(key) === loading) draftValidators.delete(key);
  });
  return loading;
}

/** True when the page has (or is loading) the validator of this draft schema: no need to wait before asking. */
export function hasDraftFormValidator(schema: object): boolean {
  return draftValidators.has(canonicalJson(schema));
}

async function loadDraft(schema: object) {
  try {
    return await loadDraftFormValidatorModule(schema);
  } catch (error) {
    // The server's own answer (a refusal, a lost session) will not change by asking again.
    if (error instanceof ApiError) throw error;
    return await loadDraftFormValidatorModule(schema, 1);
  }
}

/** True when `error` (or what caused it) is the browser refusing to compile code (CSP without 'unsafe-eval'). */
export function isCodegenBlocked(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof EvalError || e.name === 'EvalError') return true;
  }
  return false;
}
