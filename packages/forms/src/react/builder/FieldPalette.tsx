import type { ReactElement } from 'react';
import { BUILDER_FIELD_TYPES } from '../../builder/index.js';
import { DRAG_FIELD_TYPE, addNewField, insertionPoint } from './builderActions.js';
import { useBuilderContext } from './builderContext.js';

/**
 * The field types of FIELDS.md with their Chinese (or English) names. Each entry is a button:
 * Enter, Space or a click adds the type after the selected field; it can also be dragged onto
 * the canvas (native HTML5 drag and drop).
 */
export function FieldPalette(): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  return (
    <section className="cf-builder__palette" aria-labelledby="cf-builder-palette-title">
      <h2 id="cf-builder-palette-title">{strings.palette}</h2>
      <p className="cf-builder__hint">{strings.paletteHint}</p>
      <ul>
        {BUILDER_FIELD_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              className="cf-builder__palette-item"
              draggable={!disabled}
              disabled={disabled}
              data-field-type={type}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_FIELD_TYPE, type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => {
                const at = insertionPoint(ctx.model, ctx.selected);
                addNewField(ctx, type, at.sectionPath, at.index);
              }}
            >
              {strings.fieldTypes[type]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
