import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { setCondition } from '../../builder/index.js';
import type { ConditionValue, FieldPath, FormField } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import { useBuilderContext } from './builderContext.js';
import { fieldName, findSection } from './builderPaths.js';
import { choiceValueFromText } from './ChoicesEditor.js';

/** Field types a condition can compare with one value. */
const COMPARABLE = new Set<FormField['type']>(['text', 'integer', 'number', 'money', 'select', 'boolean', 'date', 'adminCode']);

function valueFromText(field: FormField | undefined, text: string): ConditionValue | undefined {
  if (!field) return undefined;
  if (field.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (field.type === 'select') return choiceValueFromText(text, field.options.valueType);
  if (field.type === 'integer') return choiceValueFromText(text, 'integer');
  if (field.type === 'number' || field.type === 'money') return choiceValueFromText(text, 'number');
  return text === '' ? undefined : text;
}

/**
 * "仅当 [字段] 等于 [值] 时显示": shows the field only when a sibling field has one value
 * (`setCondition`), or always. A condition over several values (`enum`, from older forms) is
 * shown as it is and can be replaced or removed.
 */
export function ConditionEditor({ field, path }: { field: FormField; path: FieldPath }): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled, model } = ctx;
  const fieldSelectId = useId();
  const valueId = useId();
  const siblings = (findSection(model, path.slice(0, -1))?.fields ?? []).filter((f) => f.id !== field.id && COMPARABLE.has(f.type));
  const current = field.condition;
  const [on, setOn] = useState(current?.field ?? '');
  const [text, setText] = useState(current && 'equals' in current ? String(current.equals) : '');
  const target = siblings.find((f) => f.id === on);
  const value = valueFromText(target, text);
  const currentText = current && ('equals' in current ? String(current.equals) : strings.conditionOneOf(current.in.map(String).join('、')));
  const currentTarget = current && siblings.find((f) => f.id === current.field);
  return (
    <fieldset className="cf-builder__fieldset">
      <legend>{strings.condition}</legend>
      <p className="cf-builder__condition-now">
        {current ? (
          <>
            {strings.conditionOnlyWhen} 「<PlainText text={currentTarget ? fieldName(currentTarget) : current.field} />」 {'equals' in current ? strings.conditionEquals : ''}{' '}
            「<PlainText text={currentText} />」 {strings.conditionShown}
          </>
        ) : (
          strings.conditionAlways
        )}
      </p>
      {siblings.length === 0 ? (
        <p className="cf-builder__hint">{strings.conditionNoSiblings}</p>
      ) : (
        <div className="cf-builder__condition">
          <span>{strings.conditionOnlyWhen}</span>
          <div className="cf-builder__control">
            <label htmlFor={fieldSelectId}>{strings.conditionField}</label>
            <select
              id={fieldSelectId}
              value={on}
              disabled={disabled}
              onChange={(e) => {
                setOn(e.target.value);
                setText('');
              }}
            >
              <option value="">{strings.chooseField}</option>
              {siblings.map((f) => (
                <option key={f.id} value={f.id}>
                  {fieldName(f)}
                </option>
              ))}
            </select>
          </div>
          <span>{strings.conditionEquals}</span>
          <div className="cf-builder__control">
            <label htmlFor={valueId}>{strings.conditionValue}</label>
            {target?.type === 'select' || target?.type === 'boolean' ? (
              <select id={valueId} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)}>
                <option value="">—</option>
                {target.type === 'boolean' ? (
                  <>
                    <option value="true">{strings.yes}</option>
                    <option value="false">{strings.no}</option>
                  </>
                ) : (
                  target.options.choices.map((c) => (
                    <option key={String(c.value)} value={String(c.value)}>
                      {c.label ?? String(c.value)}
                    </option>
                  ))
                )}
              </select>
            ) : (
              <input id={valueId} value={text} disabled={disabled || !target} onChange={(e) => setText(e.target.value)} />
            )}
          </div>
          <span>{strings.conditionShown}</span>
          <button type="button" disabled={disabled || value === undefined} onClick={() => value !== undefined && ctx.run(setCondition(path, { field: on, equals: value }))}>
            {strings.conditionApply}
          </button>
        </div>
      )}
      {current && (
        <button type="button" disabled={disabled} onClick={() => ctx.run(setCondition(path, null))}>
          {strings.conditionClear}
        </button>
      )}
    </fieldset>
  );
}
