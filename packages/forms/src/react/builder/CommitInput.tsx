import { useId, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';

/** Props of {@link CommitInput}. */
export interface CommitInputProps {
  label: string;
  value: string;
  /** Called once per edit (on blur or Enter) with the new text, only when it differs from `value`. */
  onCommit(value: string): void;
  /** Called on every keystroke (e.g. to validate an expression as it is typed). */
  onDraft?: ((value: string) => void) | undefined;
  type?: 'text' | 'number' | 'date' | undefined;
  multiline?: boolean | undefined;
  hint?: string | undefined;
  disabled?: boolean | undefined;
  /** Extra id(s) for `aria-describedby` (e.g. a live error message). */
  describedBy?: string | undefined;
  invalid?: boolean | undefined;
}

/**
 * A labelled text input that changes the model once per edit, not per keystroke: every commit is
 * one undoable command, so Undo takes back a whole title rather than its last letter.
 */
export function CommitInput(props: CommitInputProps): ReactElement {
  const { label, value, onCommit, onDraft, type = 'text', multiline = false, hint, disabled = false, describedBy, invalid = false } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The model changed underneath (undo, rename refused …): show what it holds now.
    setShown(value);
    setDraft(value);
  }
  const commit = (): void => {
    if (draft !== value) onCommit(draft);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !multiline) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setDraft(value);
      onDraft?.(value);
    }
  };
  const describe = [hint ? hintId : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: draft,
    disabled,
    'aria-describedby': describe,
    'aria-invalid': invalid || undefined,
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      onDraft?.(e.target.value);
    },
    onBlur: commit,
    onKeyDown,
  };
  return (
    <div className="cf-builder__control">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
      {hint && (
        <p id={hintId} className="cf-builder__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
