import { useCallback, useState, useSyncExternalStore } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { createComposer } from './model/index.js';
import type { Composer, ComposerCommand, ComposerEditError } from './model/index.js';

/** The composer of a page: its draft (re-rendered on every change), edits, undo/redo and the last refusal. */
export interface ComposerState {
  composer: Composer;
  draft: ProcessDefinition;
  run(command: ComposerCommand): boolean;
  undo(): boolean;
  redo(): boolean;
  /** The last refused edit, until the next edit succeeds or it is dismissed. */
  refusal: ComposerEditError | undefined;
  dismissRefusal(): void;
}

/** Creates a composer around `initial` once (a new initial draft needs a new component, e.g. a `key`). */
export function useComposer(initial: ProcessDefinition): ComposerState {
  const [composer] = useState(() => createComposer(initial));
  const draft = useSyncExternalStore(composer.subscribe, () => composer.draft, () => composer.draft);
  const [refusal, setRefusal] = useState<ComposerEditError | undefined>(undefined);
  const run = useCallback((command: ComposerCommand) => {
    const result = composer.execute(command);
    setRefusal(result.ok ? undefined : result.error);
    return result.ok;
  }, [composer]);
  const undo = useCallback(() => {
    setRefusal(undefined);
    return composer.undo();
  }, [composer]);
  const redo = useCallback(() => {
    setRefusal(undefined);
    return composer.redo();
  }, [composer]);
  const dismissRefusal = useCallback(() => setRefusal(undefined), []);
  return { composer, draft, run, undo, redo, refusal, dismissRefusal };
}
