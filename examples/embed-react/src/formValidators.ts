import { createPrecompiledFormValidator } from '@civicflow/forms';
import type { PrecompiledFormModule, PrecompiledFormValidator } from '@civicflow/forms';
import type { FormValidator, ProcessDefinition } from '@civicflow/engine';

/** The validators of a definition's forms: one per form for `<TaskForm>`, and one for the engine that finds the form's by its schema. */
export interface FormValidators {
  forForm(formId: string): PrecompiledFormValidator;
  engine: FormValidator;
}

/**
 * Wraps the modules precompiled at build time (`virtual:civicflow/form-validators`, see
 * vite/precompiledFormValidators.ts): the page runs no Ajv compiler, and the form and the engine
 * validate with the same rules and the same zh-CN / en messages.
 */
export function formValidators(definition: ProcessDefinition, modules: Record<string, PrecompiledFormModule>): FormValidators {
  const byForm = new Map<string, PrecompiledFormValidator>();
  const bySchema = new Map<object, PrecompiledFormValidator>();
  for (const [formId, form] of Object.entries(definition.forms)) {
    const module = modules[formId];
    if (!module) throw new Error(`no precompiled validator for form ${formId} of ${definition.id}: is the definition the one vite.config.ts names?`);
    const validator = createPrecompiledFormValidator(module);
    byForm.set(formId, validator);
    bySchema.set(form.schema, validator);
  }
  // The engine passes the definition's own schema objects.
  const find = (schema: object): PrecompiledFormValidator => {
    const validator = bySchema.get(schema);
    if (!validator) throw new Error('the engine validated a schema that is not one of the definition\'s forms');
    return validator;
  };
  return {
    forForm: (formId) => {
      const validator = byForm.get(formId);
      if (!validator) throw new Error(`${definition.id} has no form ${formId}`);
      return validator;
    },
    engine: {
      prepare: (schema, data) => find(schema).prepare(schema, data),
      validate: (schema, data, options) => find(schema).validate(schema, data, options),
    },
  };
}
