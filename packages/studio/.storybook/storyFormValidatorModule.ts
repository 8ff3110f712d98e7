import { compileFormValidatorModule } from '@civicflow/forms/standalone';
import type { PrecompiledFormModule } from '@civicflow/forms';
import { STORY_DEFINITIONS } from './storyData.js';

// Storybook's stand-in for src/validation/formValidatorModule.ts (aliased in main.ts): no server
// serves /api/definitions/…/validator.js here, so the module the server would compile for the
// form is compiled in the page from the example's schema and loaded as a module of its own.

export interface TaskFormIdentity {
  definitionId: string;
  definitionVersion: number;
  formId: string;
}

export function formValidatorUrl(form: TaskFormIdentity, attempt = 0): string {
  return `story:${form.definitionId}/${form.definitionVersion}/${form.formId}#${attempt}`;
}

export async function loadFormValidatorModule(form: TaskFormIdentity): Promise<PrecompiledFormModule> {
  const schema = STORY_DEFINITIONS.find((d) => d.id === form.definitionId)?.forms[form.formId]?.schema;
  if (!schema) throw new Error(`no story form ${form.definitionId}/${form.formId}`);
  return loadDraftFormValidatorModule(schema);
}

/** A draft form's module (the form builder's preview): compiled here, as the server would for POST /api/forms/validators. */
export async function loadDraftFormValidatorModule(schema: object): Promise<PrecompiledFormModule> {
  const url = URL.createObjectURL(new Blob([compileFormValidatorModule(schema)], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as PrecompiledFormModule;
  } finally {
    URL.revokeObjectURL(url);
  }
}
