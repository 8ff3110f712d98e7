import type { ReactElement } from 'react';
import { useBuilderContext } from './builderContext.js';
import { findField, pathKey } from './builderPaths.js';
import { FieldProperties } from './FieldProperties.js';

/**
 * The properties of the selected field: id, title, description, required, the options of its
 * type, its choices, its display condition and the section it belongs to. Each change is one
 * model command (renameField, updateField, setRequired, addChoice …).
 */
export function PropertyPanel(): ReactElement {
  const { model, selected, strings } = useBuilderContext();
  const field = selected ? findField(model, selected) : undefined;
  return (
    <section className="cf-builder__properties" aria-labelledby="cf-builder-properties-title">
      <h2 id="cf-builder-properties-title">{strings.properties}</h2>
      {field && selected ? (
        // A new key per field: drafts typed for one field never show up on another.
        <FieldProperties key={pathKey(selected)} field={field} path={selected} />
      ) : (
        <p className="cf-builder__empty">{strings.noSelection}</p>
      )}
    </section>
  );
}
