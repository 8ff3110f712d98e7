import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { moveField, removeField } from '../../builder/index.js';
import type { FieldPath, FormField } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import { DRAG_FIELD_PATH, carriesBuilderData, dropInto } from './builderActions.js';
import { useBuilderContext } from './builderContext.js';
import { fieldName, pathKey, samePath } from './builderPaths.js';

/** Props of {@link FieldRow}. */
export interface FieldRowProps {
  field: FormField;
  path: FieldPath;
  /** Position in its section, and how many fields the section has (for the move buttons). */
  index: number;
  count: number;
}

/**
 * One field on the canvas: a button that selects it (its title, type and marks), move up/down
 * and delete buttons. The row can be dragged, and a drop on it puts the dragged field or palette
 * entry before it. With the field selected, Alt+↑ / Alt+↓ moves it (the keyboard alternative).
 */
export function FieldRow({ field, path, index, count }: FieldRowProps): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  const [over, setOver] = useState(false);
  const selected = samePath(ctx.selected, path);
  const sectionPath = path.slice(0, -1);
  const name = fieldName(field);
  const rowRef = useRef<HTMLDivElement>(null);
  const selectRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    // React may re-insert a moved row's DOM node, which drops focus: give it back, so that
    // Alt+↓ pressed three times moves the field three places.
    const target = refocus.current;
    refocus.current = null;
    if (target && document.activeElement !== target) ((target as HTMLButtonElement).disabled ? selectRef.current : target)?.focus();
  }, [index]);
  const move = (delta: number): void => {
    const to = index + delta;
    if (to < 0 || to >= count) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && rowRef.current?.contains(active)) refocus.current = active;
    if (ctx.run(moveField(path, sectionPath, to))) ctx.select(path);
    else refocus.current = null;
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!event.altKey || !selected || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    // Nested rows are inside this row's <li>: only the innermost selected row handles the key.
    event.stopPropagation();
    move(event.key === 'ArrowUp' ? -1 : 1);
  };
  const classes = ['cf-builder__field', selected ? 'cf-builder__field--selected' : '', over ? 'cf-builder__field--over' : ''].filter(Boolean).join(' ');
  return (
    <div
      ref={rowRef}
      className={classes}
      data-field-path={pathKey(path)}
      draggable={!disabled}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.stopPropagation();
        event.dataTransfer.setData(DRAG_FIELD_PATH, pathKey(path));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (disabled || !carriesBuilderData(event.dataTransfer)) return;
        event.preventDefault();
        event.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        dropInto(ctx, event.dataTransfer, sectionPath, index);
      }}
    >
      <button ref={selectRef} type="button" className="cf-builder__field-select" aria-pressed={selected} onClick={() => ctx.select(path)}>
        <span className="cf-builder__field-title">
          <PlainText text={name} />
        </span>
        <span className="cf-builder__field-meta">
          {strings.fieldTypes[field.type]} · <code>{field.id}</code>
          {field.required && <> · {strings.requiredMark}</>}
          {field.condition && <> · {strings.conditional}</>}
        </span>
      </button>
      <span className="cf-builder__field-actions">
        <button type="button" aria-label={strings.moveUp(name)} title={strings.moveUp(name)} disabled={disabled || index === 0} onClick={() => move(-1)}>
          ↑
        </button>
        <button type="button" aria-label={strings.moveDown(name)} title={strings.moveDown(name)} disabled={disabled || index === count - 1} onClick={() => move(1)}>
          ↓
        </button>
        <button
          type="button"
          aria-label={strings.remove(name)}
          title={strings.remove(name)}
          disabled={disabled}
          onClick={() => {
            if (ctx.run(removeField(path)) && selected) ctx.select(undefined);
          }}
        >
          ✕
        </button>
      </span>
    </div>
  );
}
