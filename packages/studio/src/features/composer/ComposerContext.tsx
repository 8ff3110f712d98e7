import { createContext, useContext } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import type { ComposerCommand } from './model/index.js';
import type { Selection } from './selection.js';

/** What the composer's panels share: the draft, how to change it, and the page's actions. */
export interface ComposerContextValue {
  draft: ProcessDefinition;
  /** Runs one command (one step of undo); false when it was refused (the refusal is shown). */
  run(command: ComposerCommand): boolean;
  /** Selects a step or region; by default focus moves to the panel's heading (`focus: false` keeps it where it is). */
  select(selection: Selection | undefined, options?: { focus?: boolean }): void;
  /** Opens the form builder on a form of the draft. */
  editForm(formId: string): void;
  /** Says something in the page's live region (screen readers announce it). */
  announce(message: string): void;
}

export const ComposerContext = createContext<ComposerContextValue | undefined>(undefined);

/** The composer's shared state; only inside `<ComposerWorkspace>`. */
export function useComposerContext(): ComposerContextValue {
  const value = useContext(ComposerContext);
  if (!value) throw new Error('useComposerContext() needs a <ComposerWorkspace> (or ComposerContext provider) above it');
  return value;
}
