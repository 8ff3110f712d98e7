import { useState } from 'react';
import type { KeyboardEvent } from 'react';

/**
 * What is typed in a field that changes the draft once per edit: `commit` (on leaving the field or
 * Enter) hands the text over if it changed, Escape goes back to the draft's value, and an outside
 * change of `value` (undo) replaces what is typed. Typing a word is then one step of undo, not one
 * per letter.
 */
export function useCommitBuffer(value: string, onCommit: (value: string) => void): {
  text: string;
  setText(text: string): void;
  commit(): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
} {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = (): void => {
    if (text !== value) onCommit(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setText(value);
    }
  };
  return { text, setText, commit, onKeyDown };
}
