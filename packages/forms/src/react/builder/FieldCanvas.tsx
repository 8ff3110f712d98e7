import type { ReactElement } from 'react';
import { useBuilderContext } from './builderContext.js';
import { SectionFields } from './SectionFields.js';

/** The form's fields in order, groups and repeatable groups nested; each field selectable. */
export function FieldCanvas(): ReactElement {
  const { model, strings } = useBuilderContext();
  return (
    <section className="cf-builder__canvas" aria-labelledby="cf-builder-canvas-title">
      <h2 id="cf-builder-canvas-title">{strings.canvas}</h2>
      <p className="cf-builder__hint">{strings.moveHint}</p>
      {model.root.fields.length === 0 && <p className="cf-builder__empty">{strings.canvasEmpty}</p>}
      <SectionFields section={model.root} sectionPath={[]} />
    </section>
  );
}
