import { PRECOMPILED_FORM_MODULE_FORMAT } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';

/** Which form a validator is for: the published process version and its form id. */
export interface TaskFormIdentity {
  definitionId: string;
  definitionVersion: number;
  formId: string;
}

/**
 * Where the server serves the form's precompiled validator (GET /api/definitions/:id/versions/
 * :version/forms/:formId/validator.js). `format` is the module shape this page understands: the
 * server caches the module for a year, so a page of a newer release must not get a module cached
 * from an older one (packages/forms/README.md, "Under a strict CSP"). `attempt` counts retries
 * after a failed load, so that the browser fetches again instead of reusing the failure.
 */
export function formValidatorUrl(form: TaskFormIdentity, attempt = 0): string {
  const path = `/api/definitions/${encodeURIComponent(form.definitionId)}/versions/${form.definitionVersion}/forms/${encodeURIComponent(form.formId)}/validator.js`;
  const query = new URLSearchParams({ format: PRECOMPILED_FORM_MODULE_FORMAT });
  if (attempt > 0) query.set('attempt', String(attempt));
  return `${path}?${query.toString()}`;
}

/**
 * Loads the form's precompiled validator as an ES module from this origin, which the studio's
 * Content-Security-Policy (`script-src 'self'`) allows: plain code, no eval. The session cookie
 * goes along (module scripts of the same origin are fetched with credentials).
 */
export async function loadFormValidatorModule(form: TaskFormIdentity, attempt = 0): Promise<PrecompiledFormModule> {
  return (await import(/* @vite-ignore */ formValidatorUrl(form, attempt))) as PrecompiledFormModule;
}
