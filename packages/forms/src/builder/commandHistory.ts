/** An edit that can be undone: `execute` gives the next document, `revert` the one before. */
export interface UndoableCommand<Doc> {
  /** Command name, e.g. `addField` (for history lists, button descriptions and logs). */
  readonly name: string;
  execute(doc: Doc): Doc;
  revert(doc: Doc): Doc;
  /** False when the last `execute` changed nothing: the history does not keep such a command. Absent: it changed. */
  readonly changed?: boolean;
}

/** Outcome of {@link CommandHistory.execute}: done, or refused with the editor's own error. */
export type CommandResult<Refusal> = { readonly ok: true } | { readonly ok: false; readonly error: Refusal };

/** A document edited only through commands, with undo and redo (the form builder's and the flow composer's). */
export interface CommandHistory<Doc, Command extends UndoableCommand<Doc>, Refusal> {
  readonly current: Doc;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Name of the command Undo would revert, for the button's description. */
  readonly undoName: string | undefined;
  readonly redoName: string | undefined;
  /** Runs a command; a refused edit changes nothing and returns the error. Clears the redo stack. */
  execute(command: Command): CommandResult<Refusal>;
  /** Reverts the last command; false when there is nothing to undo. */
  undo(): boolean;
  /** Executes the last undone command again; false when there is nothing to redo. */
  redo(): boolean;
  /** Listens to changes (execute, undo, redo); returns the function that stops listening. */
  subscribe(listener: (doc: Doc) => void): () => void;
}

/**
 * A history around `initial`. `isRefusal` tells an editor's refusal (a bad edit, shown to the
 * person: the document stays as it was) from an unexpected error, which is thrown on.
 *
 * @example
 * const history = createCommandHistory(model, (e): e is FormEditError => e instanceof FormEditError);
 * history.execute(addField(…)); history.undo();
 */
export function createCommandHistory<Doc, Command extends UndoableCommand<Doc>, Refusal>(
  initial: Doc,
  isRefusal: (error: unknown) => error is Refusal,
): CommandHistory<Doc, Command, Refusal> {
  let current = initial;
  const done: Command[] = [];
  const undone: Command[] = [];
  const listeners = new Set<(doc: Doc) => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener(current);
  };
  return {
    get current() {
      return current;
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
      let next: Doc;
      try {
        next = command.execute(current);
      } catch (error) {
        if (isRefusal(error)) return { ok: false, error };
        throw error;
      }
      // An edit that changes nothing (the same value again) is no step in the history.
      if (command.changed === false) return { ok: true };
      current = next;
      done.push(command);
      undone.length = 0;
      notify();
      return { ok: true };
    },
    undo() {
      const command = done.pop();
      if (!command) return false;
      current = command.revert(current);
      undone.push(command);
      notify();
      return true;
    },
    redo() {
      const command = undone.pop();
      if (!command) return false;
      current = command.execute(current);
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
