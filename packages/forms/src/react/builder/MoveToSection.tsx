import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { moveField } from '../../builder/index.js';
import type { FieldPath, FormField } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import { useBuilderContext } from './builderContext.js';
import { findSection, listSections, pathKey, samePath } from './builderPaths.js';

/**
 * Moves the selected field into another group (or back to the top level): the keyboard
 * alternative to dragging a field into a group.
 */
export function MoveToSection({ field, path }: { field: FormField; path: FieldPath }): ReactElement | null {
  const ctx = useBuilderContext();
  const { strings, disabled, model } = ctx;
  const id = useId();
  const here = path.slice(0, -1);
  // Not its own section, and not inside itself.
  const targets = listSections(model).filter((s) => !samePath(s.path, here) && !(s.path.length >= path.length && samePath(s.path.slice(0, path.length), path)));
  const [target, setTarget] = useState('');
  if (targets.length === 0) return null;
  return (
    <div className="cf-builder__control cf-builder__inline">
      <label htmlFor={id}>{strings.moveTo}</label>
      <select id={id} value={target} disabled={disabled} onChange={(e) => setTarget(e.target.value)}>
        <option value="">—</option>
        {targets.map((s) => (
          <option key={pathKey(s.path)} value={pathKey(s.path)}>
            {s.path.length ? <PlainText text={s.label} /> : strings.moveToRoot}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={disabled || target === ''}
        onClick={() => {
          const to = targets.find((s) => pathKey(s.path) === target);
          const section = to && findSection(model, to.path);
          if (!to || !section) return;
          if (ctx.run(moveField(path, to.path, section.fields.length))) ctx.select([...to.path, field.id]);
        }}
      >
        {strings.moveToButton}
      </button>
    </div>
  );
}
