import { refuse } from '../formEditError.js';
import type { FormModel } from '../model.js';

/**
 * One editor action (bpmn-io/form-js style): `execute` returns the edited model or throws a
 * `FormEditError` and leaves nothing changed; `revert`, given the model `execute` returned,
 * returns the model `execute` was given (identical, deep-equal). A command remembers what it
 * needs to revert during `execute`, so execute it again before reverting it again (redo).
 */
export interface FormCommand {
  /** Command name, e.g. `addField` (for history lists and logs). */
  readonly name: string;
  execute(model: FormModel): FormModel;
  revert(model: FormModel): FormModel;
}

/** Builds a command from an `execute` that returns the new model and the function that reverts it. */
export function defineCommand(name: string, run: (model: FormModel) => { model: FormModel; revert: (model: FormModel) => FormModel }): FormCommand {
  let undo: ((model: FormModel) => FormModel) | undefined;
  return {
    name,
    execute(model) {
      const result = run(model);
      undo = result.revert;
      return result.model;
    },
    revert(model) {
      if (!undo) refuse('CF_BUILDER_NOT_EXECUTED', `命令 ${name} 尚未执行，不能撤销`, `the command ${name} has not been executed, so it cannot be reverted`);
      return undo(model);
    },
  };
}
