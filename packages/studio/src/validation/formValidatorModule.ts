import { PRECOMPILED_FORM_MODULE_FORMAT } from '@civicflow/forms';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { request } from '../api/client.js';

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

/** What POST /api/forms/validators answers: where the draft form's module is (same origin). */
export interface DraftFormValidatorAddress {
  /** `/api/forms/validators/<sha256>.js` */
  url: string;
  sha256: string;
  format: string;
}

/**
 * Has the server precompile the validator of a DRAFT form (administrators; POST
 * /api/forms/validators) and loads the module as an ES module from this origin, as for a
 * published form. The server checks the schema as it does when publishing; its refusal (422, with
 * every problem) is the ApiError this rejects with. `format` tells the server which module shape
 * this page understands (409 from a server of another release). `attempt` > 0 imports from
 * another URL, so that the browser fetches again instead of handing back a failed import (the
 * module may have left the server's bounded cache between the POST and the import).
 */
export async function loadDraftFormValidatorModule(schema: object, attempt = 0): Promise<PrecompiledFormModule> {
  const { url } = await request<DraftFormValidatorAddress>('/api/forms/validators', { method: 'POST', body: { schema, format: PRECOMPILED_FORM_MODULE_FORMAT } });
  const address = attempt > 0 ? `${url}${url.includes('?') ? '&' : '?'}attempt=${attempt}` : url;
  return (await import(/* @vite-ignore */ address)) as PrecompiledFormModule;
}
