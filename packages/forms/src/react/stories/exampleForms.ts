import type { RJSFSchema } from '@rjsf/utils';

interface ProcessFile {
  forms?: Record<string, { title?: { 'zh-CN'?: string }; schema: RJSFSchema; uiSchema?: Record<string, unknown> }>;
}

// Vite bundles the example definitions into Storybook (see viteGlob.d.ts for why not an import).
const files = import.meta.glob<ProcessFile>('../../../../../examples/*/*.json', { eager: true, import: 'default' });

/** A form of one of the example processes (`dispute-mediation/process`, `emergency-mobilisation/evacuee` …), for stories. */
export function exampleForm(file: string, formId: string): { schema: RJSFSchema; uiSchema: Record<string, unknown>; title: string } {
  const entry = Object.entries(files).find(([path]) => path.endsWith(`/examples/${file}.json`));
  const form = entry?.[1].forms?.[formId];
  if (!form) throw new Error(`no form ${formId} in examples/${file}.json`);
  return { schema: form.schema, uiSchema: form.uiSchema ?? {}, title: form.title?.['zh-CN'] ?? formId };
}

/** Every form of every example process, keyed `file › formId`, for the story that browses them all. */
export function allExampleForms(): Record<string, { schema: RJSFSchema; uiSchema: Record<string, unknown>; title: string }> {
  const out: Record<string, { schema: RJSFSchema; uiSchema: Record<string, unknown>; title: string }> = {};
  for (const [path, file] of Object.entries(files)) {
    const name = path.replace(/^.*\/examples\//, '').replace(/\.json$/, '');
    for (const [formId, form] of Object.entries(file.forms ?? {})) {
      out[`${name} › ${formId} ${form.title?.['zh-CN'] ?? ''}`.trim()] = { schema: form.schema, uiSchema: form.uiSchema ?? {}, title: form.title?.['zh-CN'] ?? formId };
    }
  }
  return out;
}
