import type { ProcessDefinition } from '@civicflow/engine';
import { createCommandHistory } from '@civicflow/forms';
import type { CommandResult } from '@civicflow/forms';
import type { ComposerCommand } from './composerCommand.js';
import { ComposerEditError } from './composerEditError.js';

/** Outcome of {@link Composer.execute}. */
export type ComposerResult = CommandResult<ComposerEditError>;

/** Called with the new draft after every change (execute, undo, redo). */
export type ComposerListener = (draft: ProcessDefinition) => void;

/** A draft definition with an undo/redo history; the composer page drives it. */
export interface Composer {
  readonly draft: ProcessDefinition;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Name of the command Undo would revert (e.g. `addStep`), for the button's description. */
  readonly undoName: string | undefined;
  readonly redoName: string | undefined;
  /** Runs a command; a refused edit changes nothing and returns the error. Clears the redo stack. */
  execute(command: ComposerCommand): ComposerResult;
  /** Reverts the last command; false when there is nothing to undo. */
  undo(): boolean;
  /** Executes the last undone command again; false when there is nothing to redo. */
  redo(): boolean;
  /** Listens to changes; returns the function that stops listening. */
  subscribe(listener: ComposerListener): () => void;
}

/**
 * Creates a composer around `initial` with an empty history. Every edit goes through
 * `execute(command)`, so every edit can be undone.
 *
 * @example
 * const composer = createComposer(newDefinition());
 * composer.execute(addStep(ROOT_REGION, 'task', { after: 'task1' }));
 * composer.undo();
 */
export function createComposer(initial: ProcessDefinition): Composer {
  const history = createCommandHistory<ProcessDefinition, ComposerCommand, ComposerEditError>(initial, (e): e is ComposerEditError => e instanceof ComposerEditError);
  return {
    get draft() {
      return history.current;
    },
    get canUndo() {
      return history.canUndo;
    },
    get canRedo() {
      return history.canRedo;
    },
    get undoName() {
      return history.undoName;
    },
    get redoName() {
      return history.redoName;
    },
    execute: (command) => history.execute(command),
    undo: () => history.undo(),
    redo: () => history.redo(),
    subscribe: (listener) => history.subscribe(listener),
  };
}
