import type { FormValidationResult, FormValidator, Locale, ProcessDefinition } from '@civicflow/engine';
import type { PrecompiledFormValidator } from '@civicflow/forms';
import { taskValidator } from '../../validation/taskValidator.js';

/**
 * The form validator the simulated engine runs with: the same precompiled validators the task
 * page uses (`taskValidator`, one module per published form, served by the server — no eval under
 * the studio's CSP). The engine validates synchronously, so a form's validator is loaded before
 * its task is shown (`load`), and the engine finds it by the form's schema.
 */
export interface SimulationValidator extends FormValidator {
  /** Loads (once) the precompiled validator of one form of a published version; `<TaskForm>` uses it too. */
  load(definition: ProcessDefinition, formId: string): Promise<PrecompiledFormValidator>;
}

/** Thrown when the engine validates a form whose validator the page has not loaded (a bug of the page). */
export class ValidatorNotLoadedError extends Error {
  constructor() {
    super('the simulator validated a form whose precompiled validator was not loaded first');
    this.name = 'ValidatorNotLoadedError';
  }
}

/** Creates the simulator's validator; see {@link SimulationValidator}. */
export function createSimulationValidator(): SimulationValidator {
  // The engine passes the definition's own schema object: found by identity, or by content for a copy.
  const bySchema = new Map<object, PrecompiledFormValidator>();
  const byText = new Map<string, PrecompiledFormValidator>();
  const find = (schema: object): PrecompiledFormValidator => {
    const found = bySchema.get(schema) ?? byText.get(JSON.stringify(schema));
    if (!found) throw new ValidatorNotLoadedError();
    return found;
  };
  return {
    async load(definition, formId) {
      const form = definition.forms[formId];
      if (!form) throw new Error(`form ${formId} is not part of ${definition.id}@${definition.version}`);
      const validator = await taskValidator({ definitionId: definition.id, definitionVersion: definition.version, formId });
      bySchema.set(form.schema, validator);
      byText.set(JSON.stringify(form.schema), validator);
      return validator;
    },
    prepare(schema: object, data: unknown): unknown {
      return find(schema).prepare(schema, data);
    },
    validate(schema: object, data: unknown, options?: { locale?: Locale }): FormValidationResult {
      return find(schema).validate(schema, data, options);
    },
  };
}
