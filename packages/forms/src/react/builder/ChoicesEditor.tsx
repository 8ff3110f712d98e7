import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { addChoice, moveChoice, removeChoice, updateField } from '../../builder/index.js';
import type { Choice, ChoiceValue, ChoiceValueType, FieldPath, MultiSelectField, SelectField } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import { useBuilderContext } from './builderContext.js';
import { CommitInput } from './CommitInput.js';

/** A typed choice value from its text: numbers for integer/number selects, else the text. */
export function choiceValueFromText(text: string, valueType: ChoiceValueType): ChoiceValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (valueType === 'string') return trimmed;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || (valueType === 'integer' && !Number.isInteger(n))) return undefined;
  return n;
}

/**
 * The choices of a single or multiple select: add (value + label), remove, reorder
 * (`addChoice`/`removeChoice`/`moveChoice`), and relabel. A value is the data stored and what
 * conditions compare with, so it is not edited in place: remove the choice and add it again.
 */
export function ChoicesEditor({ field, path }: { field: SelectField | MultiSelectField; path: FieldPath }): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  const { choices, valueType } = field.options;
  const valueId = useId();
  const labelId = useId();
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const parsed = choiceValueFromText(value, valueType);
  const relabel = (index: number, text: string): void => {
    const next = choices.map((c, i): Choice => (i === index ? (text ? { value: c.value, label: text } : { value: c.value }) : c));
    ctx.run(updateField(path, { options: { choices: next } }));
  };
  const add = (): void => {
    if (parsed === undefined) return;
    const choice: Choice = label.trim() ? { value: parsed, label: label.trim() } : { value: parsed };
    if (ctx.run(addChoice(path, choices.length, choice))) {
      setValue('');
      setLabel('');
    }
  };
  return (
    <fieldset className="cf-builder__fieldset">
      <legend>{strings.choices}</legend>
      {choices.length === 0 && <p className="cf-builder__empty">{strings.noChoices}</p>}
      <ol className="cf-builder__choices">
        {choices.map((choice, index) => {
          const name = choice.label ?? String(choice.value);
          return (
            <li key={`${typeof choice.value}:${String(choice.value)}`} className="cf-builder__choice" aria-label={strings.choiceRow(index + 1)}>
              <span className="cf-builder__choice-value">
                {strings.choiceValue}: <code><PlainText text={String(choice.value)} /></code>
              </span>
              <CommitInput label={strings.choiceLabel} value={choice.label ?? ''} disabled={disabled} onCommit={(text) => relabel(index, text.trim())} />
              <span className="cf-builder__field-actions">
                <button type="button" aria-label={strings.moveChoiceUp(name)} disabled={disabled || index === 0} onClick={() => ctx.run(moveChoice(path, index, index - 1))}>
                  ↑
                </button>
                <button type="button" aria-label={strings.moveChoiceDown(name)} disabled={disabled || index === choices.length - 1} onClick={() => ctx.run(moveChoice(path, index, index + 1))}>
                  ↓
                </button>
                <button type="button" aria-label={strings.removeChoice(name)} disabled={disabled} onClick={() => ctx.run(removeChoice(path, index))}>
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="cf-builder__add-choice">
        <div className="cf-builder__control">
          <label htmlFor={valueId}>{strings.newChoiceValue}</label>
          <input
            id={valueId}
            value={value}
            inputMode={valueType === 'string' ? undefined : 'numeric'}
            disabled={disabled}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <div className="cf-builder__control">
          <label htmlFor={labelId}>{strings.newChoiceLabel}</label>
          <input
            id={labelId}
            value={label}
            disabled={disabled}
            onChange={(e) => setLabel(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" disabled={disabled || parsed === undefined} onClick={add}>
          {strings.addChoice}
        </button>
      </div>
    </fieldset>
  );
}
