import { useId } from 'react';
import type { ReactElement } from 'react';
import { renameField, setRequired, updateField } from '../../builder/index.js';
import type { FieldPath, FormField } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import { useBuilderContext } from './builderContext.js';
import { fieldName } from './builderPaths.js';
import { ChoicesEditor } from './ChoicesEditor.js';
import { CommitInput } from './CommitInput.js';
import { ConditionEditor } from './ConditionEditor.js';
import { FieldOptionsEditor } from './FieldOptionsEditor.js';
import { MoveToSection } from './MoveToSection.js';

/** The editors of one field (shown by `PropertyPanel`); renaming selects the field under its new id. */
export function FieldProperties({ field, path }: { field: FormField; path: FieldPath }): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  const requiredId = useId();
  return (
    <div className="cf-builder__property-list">
      <p className="cf-builder__property-heading">
        <strong>
          <PlainText text={fieldName(field)} />
        </strong>{' '}
        <span className="cf-builder__hint">{strings.fieldTypes[field.type]}</span>
      </p>
      <CommitInput
        label={strings.fieldId}
        value={field.id}
        hint={strings.fieldIdHint}
        disabled={disabled}
        onCommit={(id) => {
          if (ctx.run(renameField(path, id))) ctx.select([...path.slice(0, -1), id]);
        }}
      />
      <CommitInput label={strings.title} value={field.title ?? ''} disabled={disabled} onCommit={(title) => ctx.run(updateField(path, { title: title || undefined }))} />
      <CommitInput
        label={strings.description}
        value={field.description ?? ''}
        multiline
        disabled={disabled}
        onCommit={(description) => ctx.run(updateField(path, { description: description || undefined }))}
      />
      <div className="cf-builder__control cf-builder__control--check">
        <input id={requiredId} type="checkbox" checked={field.required} disabled={disabled} onChange={(e) => ctx.run(setRequired(path, e.target.checked))} />
        <label htmlFor={requiredId}>{strings.required}</label>
      </div>
      <FieldOptionsEditor field={field} path={path} />
      {(field.type === 'select' || field.type === 'multiselect') && <ChoicesEditor field={field} path={path} />}
      <ConditionEditor field={field} path={path} />
      <MoveToSection field={field} path={path} />
    </div>
  );
}
