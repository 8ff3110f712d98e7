import type { ReactElement } from 'react';
import type { FieldPath, FormSection } from '../../builder/index.js';
import { useBuilderContext } from './builderContext.js';
import { fieldName, innerSection, pathKey } from './builderPaths.js';
import { DropZone } from './DropZone.js';
import { FieldRow } from './FieldRow.js';

/**
 * The fields of one section (the form, a group or a list item) in order, each followed by its own
 * fields when it is a group, and the section's end drop zone.
 */
export function SectionFields({ section, sectionPath, name }: { section: FormSection; sectionPath: FieldPath; name?: string | undefined }): ReactElement {
  const { strings } = useBuilderContext();
  return (
    <>
      <ol className="cf-builder__fields">
        {section.fields.map((field, index) => {
          const path = [...sectionPath, field.id];
          const inner = innerSection(field);
          return (
            <li key={pathKey(path)} className="cf-builder__field-item">
              <FieldRow field={field} path={path} index={index} count={section.fields.length} />
              {inner && (
                <div className="cf-builder__nested">
                  <SectionFields section={inner} sectionPath={path} name={fieldName(field)} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <DropZone sectionPath={sectionPath} index={section.fields.length} label={name === undefined ? strings.dropHere : strings.dropInto(name)} />
    </>
  );
}
