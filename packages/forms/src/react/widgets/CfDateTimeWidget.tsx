import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';
import type { ShanghaiParts } from './shanghaiTime.js';
import { fromShanghaiParts, shanghaiNow, toShanghaiParts } from './shanghaiTime.js';

/**
 * `cf-datetime`: a native date input and a native time input (two simple pickers are easier on
 * phones than one combined control). The value is always Asia/Shanghai with the `+08:00` offset
 * (`2027-05-28T09:30:00+08:00`), whatever the device's timezone, because the digits typed are
 * taken as Shanghai wall-clock time and never go through the browser's local time.
 */
export function CfDateTimeWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, registry, rawErrors, label, options } = props;
  const text = uiText(taskFormContext(registry).locale);
  const [draft, setDraft] = useState<ShanghaiParts>(() => toShanghaiParts(value));

  // A value set from outside (initial data, "现在", a reset) replaces what is shown; while only one
  // part is filled the value is undefined and the draft keeps the half-typed entry.
  useEffect(() => {
    if (typeof value === 'string') setDraft(toShanghaiParts(value));
  }, [value]);

  const update = (next: ShanghaiParts): void => {
    setDraft(next);
    onChange(fromShanghaiParts(next) ?? options.emptyValue);
  };
  const invalid = (rawErrors?.length ?? 0) > 0 || undefined;
  const editable = !readonly && !disabled;
  return (
    <div className="cf-inline cf-datetime">
      <input
        type="date"
        id={id}
        name={htmlName ?? id}
        className="cf-input cf-input--date"
        value={draft.date}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={invalid}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => update({ ...draft, date: e.target.value })}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <input
        type="time"
        id={`${id}__time`}
        className="cf-input cf-input--time"
        aria-label={`${label} ${text.time}`}
        value={draft.time}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        aria-invalid={invalid}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => update({ ...draft, time: e.target.value })}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      {editable && (
        <button type="button" className="cf-button cf-button--secondary" aria-label={`${label}：${text.now}`} onClick={() => update(shanghaiNow())}>
          {text.now}
        </button>
      )}
    </div>
  );
}
