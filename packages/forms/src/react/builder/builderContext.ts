import { createContext, useContext } from 'react';
import type { Locale } from '@civicflow/engine';
import type { FieldPath, FormCommand, FormModel } from '../../builder/index.js';
import type { BuilderStrings } from './builderStrings.js';

/** What every part of `<FormBuilder>` shares: the model, the strings, and the one way to change the model. */
export interface BuilderContextValue {
  readonly model: FormModel;
  readonly locale: Locale;
  readonly strings: BuilderStrings;
  /** The selected field, or undefined. */
  readonly selected: FieldPath | undefined;
  select(path: FieldPath | undefined): void;
  /**
   * Runs a model command through the builder's history. A refusal is shown in the alert region
   * and returns false: components never catch or throw edit errors themselves.
   */
  run(command: FormCommand): boolean;
  /** Set when the form is read-only: every editing control is disabled. */
  readonly disabled: boolean;
}

/** The builder's shared state; only `<FormBuilder>` provides it. */
export const BuilderContext = createContext<BuilderContextValue | undefined>(undefined);

/** The {@link BuilderContextValue} of the enclosing `<FormBuilder>`. */
export function useBuilderContext(): BuilderContextValue {
  const value = useContext(BuilderContext);
  // A programming error (a builder part rendered on its own), not a user error.
  if (!value) throw new Error('builder components must be rendered inside <FormBuilder>');
  return value;
}
