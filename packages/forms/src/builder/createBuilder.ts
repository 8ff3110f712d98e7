import type { FormCommand } from './commands/formCommand.js';
import { FormEditError } from './formEditError.js';
import type { FormModel } from './model.js';

/** Outcome of {@link FormBuilder.execute}. */
export type ExecuteResult = { readonly ok: true } | { readonly ok: false; readonly error: FormEditError };

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
  let model = initial;
  const done: FormCommand[] = [];
  const undone: FormCommand[] = [];
  const listeners = new Set<FormBuilderListener>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener(model);
  };
  return {
    get model() {
      return model;
    },
    get canUndo() {
      return done.length > 0;
    },
    get canRedo() {
      return undone.length > 0;
    },
    execute(command) {
      try {
        model = command.execute(model);
      } catch (err) {
        if (err instanceof FormEditError) return { ok: false, error: err };
        throw err;
      }
      done.push(command);
      undone.length = 0;
      notify();
      return { ok: true };
    },
    undo() {
      const command = done.pop();
      if (!command) return false;
      model = command.revert(model);
      undone.push(command);
      notify();
      return true;
    },
    redo() {
      const command = undone.pop();
      if (!command) return false;
      model = command.execute(model);
      done.push(command);
      notify();
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
