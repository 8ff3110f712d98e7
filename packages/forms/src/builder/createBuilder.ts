import { createCommandHistory } from './commandHistory.js';
import type { CommandResult } from './commandHistory.js';
import type { FormCommand } from './commands/formCommand.js';
import { FormEditError } from './formEditError.js';
import type { FormModel } from './model.js';

/** Outcome of {@link FormBuilder.execute}. */
export type ExecuteResult = CommandResult<FormEditError>;

/** Called with the new model after every change (execute, undo, redo). */
export type FormBuilderListener = (model: FormModel) => void;

/** A model with an undo/redo history; the React builder drives it. */
export interface FormBuilder {
  readonly model: FormModel;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Runs a command; a refused edit changes nothing and returns the error. Clears the redo stack. */
  execute(command: FormCommand): ExecuteResult;
  /** Reverts the last command; false when there is nothing to undo. */
  undo(): boolean;
  /** Executes the last undone command again; false when there is nothing to redo. */
  redo(): boolean;
  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: FormBuilderListener): () => void;
}

/** Creates a builder around `initial` with an empty history. */
export function createBuilder(initial: FormModel): FormBuilder {
  const history = createCommandHistory<FormModel, FormCommand, FormEditError>(initial, (e): e is FormEditError => e instanceof FormEditError);
  return {
    get model() {
      return history.current;
    },
    get canUndo() {
      return history.canUndo;
    },
    get canRedo() {
      return history.canRedo;
    },
    execute: (command) => history.execute(command),
    undo: () => history.undo(),
    redo: () => history.redo(),
    subscribe: (listener) => history.subscribe(listener),
  };
}
