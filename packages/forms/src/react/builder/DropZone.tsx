import { useState } from 'react';
import type { ReactElement } from 'react';
import type { FieldPath } from '../../builder/index.js';
import { carriesBuilderData, dropInto } from './builderActions.js';
import { useBuilderContext } from './builderContext.js';

/**
 * The drop target at the end of a section (also the only target of an empty group). Drag and
 * drop is a shortcut for pointer users: the palette buttons and the move controls do the same
 * from the keyboard, so this target is not focusable.
 */
export function DropZone({ sectionPath, index, label }: { sectionPath: FieldPath; index: number; label: string }): ReactElement {
  const ctx = useBuilderContext();
  const [over, setOver] = useState(false);
  return (
    <div
      className={`cf-builder__dropzone${over ? ' cf-builder__dropzone--over' : ''}`}
      data-drop-section={JSON.stringify(sectionPath)}
      onDragOver={(event) => {
        if (ctx.disabled || !carriesBuilderData(event.dataTransfer)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        dropInto(ctx, event.dataTransfer, sectionPath, index);
      }}
    >
      {label}
    </div>
  );
}
