import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds, enumOptionsIsSelected, optionId } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';

/**
 * Single choice as radio buttons with large tap areas. Option labels are the `oneOf` titles (or the
 * enum values) as text. The group is named by the field's label (`aria-labelledby`), which rjsf's
 * own radio group lacks.
 */
export function CfRadioWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, options, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors } = props;
  const { enumOptions = [], enumDisabled } = options;
  return (
    <div
      id={id}
      className="cf-choices"
      role="radiogroup"
      aria-labelledby={`${id}__label`}
      aria-required={required || undefined}
      aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
      aria-describedby={ariaDescribedByIds(id)}
    >
      {enumOptions.map((option, i) => {
        const itemDisabled = Array.isArray(enumDisabled) && enumDisabled.includes(option.value);
        return (
          <label key={i} className="cf-choice" htmlFor={optionId(id, i)}>
            <input
              type="radio"
              id={optionId(id, i)}
              name={htmlName ?? id}
              value={String(i)}
              checked={enumOptionsIsSelected(option.value, value)}
              disabled={disabled || readonly || itemDisabled}
              autoFocus={autofocus && i === 0}
              onChange={() => onChange(option.value)}
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
