import { useId } from 'react';
import type { ReactElement } from 'react';
import { useCommitBuffer } from './useCommitBuffer.js';

/** Props of {@link CommitInput}. */
export interface CommitInputProps {
  label: string;
  /** The value in the draft; an outside change (undo) replaces what is typed. */
  value: string;
  /** Called with the text when the field is left or Enter is pressed, if it changed. */
  onCommit(value: string): void;
  hint?: string | undefined;
  /** A message about the value (e.g. a refused id), shown under the field and read with it. */
  error?: string | undefined;
  type?: 'text' | 'number' | undefined;
  /** Extra attributes for the input (min, inputMode, placeholder …). */
  inputProps?: Record<string, string | number> | undefined;
  className?: string | undefined;
}

/**
 * A labelled text field that changes the draft once per edit — when it is left or Enter is
 * pressed — so that typing a word is one step of undo, not one per letter. Escape goes back to
 * the draft's value.
 */
export function CommitInput({ label, value, onCommit, hint, error, type = 'text', inputProps, className }: CommitInputProps): ReactElement {
  const id = useId();
  const { text, setText, commit, onKeyDown } = useCommitBuffer(value, onCommit);
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', 'composer-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="composer-field__error">{error}</p>}
    </div>
  );
}
