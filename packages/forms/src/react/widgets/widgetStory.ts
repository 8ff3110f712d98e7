import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TaskFormProps } from '../TaskForm.js';
import { storyUpload } from '../stories/storyUpload.js';

/**
 * Story args showing one widget inside a `<TaskForm>`: widgets get their labels, errors, locale
 * and upload port from the form, so that is how they are shown.
 */
export function widgetArgs(name: string, field: RJSFSchema, widget?: string, required = true): TaskFormProps {
  const uiSchema: UiSchema = widget ? { [name]: { 'ui:widget': widget } } : {};
  return {
    schema: { type: 'object', properties: { [name]: field }, required: required ? [name] : [] },
    uiSchema,
    uploadFile: storyUpload,
    onSubmit: (data: unknown) => console.info('submitted', data),
  };
}
