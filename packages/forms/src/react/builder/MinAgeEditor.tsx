import { useState } from 'react';
import type { ReactElement } from 'react';
import { updateField } from '../../builder/index.js';
import type { FieldPath, IdCardField } from '../../builder/index.js';
import { useBuilderContext } from './builderContext.js';
import { CommitInput } from './CommitInput.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The minimum age of an ID number on a date (`x-cn-min-age`, e.g. 18 on election day). The rule
 * needs both parts, so it is written only once both are filled in; clearing the age removes it.
 */
export function MinAgeEditor({ field, path }: { field: IdCardField; path: FieldPath }): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  const rule = field.options.minAge;
  const [age, setAge] = useState(rule ? String(rule.age) : '');
  const [on, setOn] = useState(rule?.on ?? '');
  const apply = (ageText: string, onText: string): void => {
    if (ageText.trim() === '') {
      if (rule) ctx.run(updateField(path, { options: { minAge: undefined } }));
      return;
    }
    const years = Number(ageText);
    if (!Number.isInteger(years) || years < 0 || !ISO_DATE.test(onText)) return;
    if (rule && rule.age === years && rule.on === onText) return;
    ctx.run(updateField(path, { options: { minAge: { age: years, on: onText } } }));
  };
  return (
    <fieldset className="cf-builder__fieldset">
      <legend>{strings.minAge}</legend>
      <CommitInput
        label={strings.minAgeAge}
        type="number"
        value={age}
        disabled={disabled}
        onCommit={(text) => {
          setAge(text);
          apply(text, on);
        }}
      />
      <CommitInput
        label={strings.minAgeOn}
        type="date"
        value={on}
        disabled={disabled}
        onCommit={(text) => {
          setOn(text);
          apply(age, text);
        }}
      />
    </fieldset>
  );
}
