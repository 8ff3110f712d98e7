import type { ReactElement } from 'react';
import type { BuilderStrings } from './builderStrings.js';

/** Props of {@link BuilderToolbar}. */
export interface BuilderToolbarProps {
  strings: BuilderStrings;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  /** Without it there is no save button. */
  onSave?: (() => void) | undefined;
  /** "已保存" after a save, until the next change. */
  saved: boolean;
}

/** Undo, redo (disabled when there is nothing to undo or redo) and save. */
export function BuilderToolbar({ strings, canUndo, canRedo, onUndo, onRedo, onSave, saved }: BuilderToolbarProps): ReactElement {
  return (
    <div className="cf-builder__toolbar" role="toolbar" aria-label={strings.builderLabel}>
      <button type="button" disabled={!canUndo} onClick={onUndo} aria-keyshortcuts="Control+Z">
        {strings.undo}
      </button>
      <button type="button" disabled={!canRedo} onClick={onRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
        {strings.redo}
      </button>
      {onSave && (
        <button type="button" className="cf-builder__primary" onClick={onSave}>
          {strings.save}
        </button>
      )}
      <span role="status" className="cf-builder__hint">
        {saved ? strings.saved : ''}
      </span>
    </div>
  );
}
