import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';
import { shanghaiToday } from './shanghaiTime.js';

/**
 * `cf-date`: the phone's native date picker; the value is `YYYY-MM-DD`, an Asia/Shanghai calendar
 * date (no timezone conversion ever applies to it). A "今天" button fills in today in Shanghai.
 */
export function CfDateWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, registry, rawErrors, label, options } = props;
  const text = uiText(taskFormContext(registry).locale);
  const emit = (next: string): void => onChange(next === '' ? options.emptyValue : next);
  return (
    <div className="cf-inline">
      <input
        type="date"
        id={id}
        name={htmlName ?? id}
        className="cf-input cf-input--date"
        value={typeof value === 'string' ? value : ''}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => emit(e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      {!readonly && !disabled && (
        <button type="button" className="cf-button cf-button--secondary" aria-label={`${label}：${text.today}`} onClick={() => emit(shanghaiToday())}>
          {text.today}
        </button>
      )}
    </div>
  );
}
