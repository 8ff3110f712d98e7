import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds, enumOptionsIsSelected, optionId } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';

/**
 * Multiple choice (`multiselect`) as checkboxes with large tap areas, in a group named by the
 * field's label. Selected values keep the order of the options.
 */
export function CfCheckboxesWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, options, value, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors } = props;
  const { enumOptions = [], enumDisabled } = options;
  const selected: unknown[] = Array.isArray(value) ? value : [];
  const toggle = (optionValue: unknown, on: boolean): void => {
    const next = enumOptions.map((o) => o.value).filter((v) => (v === optionValue ? on : selected.includes(v)));
    onChange(next);
  };
  return (
    <div id={id} className="cf-choices" role="group" aria-labelledby={`${id}__label`} aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined} aria-describedby={ariaDescribedByIds(id)}>
      {enumOptions.map((option, i) => {
        const itemDisabled = Array.isArray(enumDisabled) && enumDisabled.includes(option.value);
        return (
          <label key={i} className="cf-choice" htmlFor={optionId(id, i)}>
            <input
              type="checkbox"
              id={optionId(id, i)}
              name={htmlName ?? id}
              checked={enumOptionsIsSelected(option.value, selected)}
              disabled={disabled || readonly || itemDisabled}
              autoFocus={autofocus && i === 0}
              onChange={(e) => toggle(option.value, e.target.checked)}
              onBlur={() => onBlur(id, value)}
              onFocus={() => onFocus(id, value)}
            />
            <span>
              <PlainText text={option.label} />
            </span>
          </label>
        );
      })}
    </div>
  );
}
