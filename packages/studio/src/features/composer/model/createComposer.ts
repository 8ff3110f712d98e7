import type { ProcessDefinition } from '@civicflow/engine';
import type { ComposerCommand } from './composerCommand.js';
import { ComposerEditError } from './composerEditError.js';

/** Outcome of {@link Composer.execute}. */
export type ComposerResult = { readonly ok: true } | { readonly ok: false; readonly error: ComposerEditError };

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
  let draft = initial;
  const done: ComposerCommand[] = [];
  const undone: ComposerCommand[] = [];
  const listeners = new Set<ComposerListener>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener(draft);
  };
  return {
    get draft() {
      return draft;
    },
    get canUndo() {
      return done.length > 0;
    },
    get canRedo() {
      return undone.length > 0;
    },
    get undoName() {
      return done[done.length - 1]?.name;
    },
    get redoName() {
      return undone[undone.length - 1]?.name;
    },
    execute(command) {
      let next: ProcessDefinition;
      try {
        next = command.execute(draft);
      } catch (error) {
        if (error instanceof ComposerEditError) return { ok: false, error };
        throw error;
      }
      // An edit that changes nothing (the same value again) is no step in the history.
      if (!command.changed) return { ok: true };
      draft = next;
      done.push(command);
      undone.length = 0;
      notify();
      return { ok: true };
    },
    undo() {
      const command = done.pop();
      if (!command) return false;
      draft = command.revert(draft);
      undone.push(command);
      notify();
      return true;
    },
    redo() {
      const command = undone.pop();
      if (!command) return false;
      draft = command.execute(draft);
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
