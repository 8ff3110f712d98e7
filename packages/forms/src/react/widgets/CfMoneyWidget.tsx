import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** Shows an amount with two decimals, as money is written (`8000.00`). */
export function formatYuan(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '';
}

/**
 * Reads what a person typed as an amount in yuan: spaces, thousands separators (`,` `，`) and a
 * leading `¥`/`￥` are ignored and a full-width `。`/`．` is a decimal point. Returns `undefined`
 * for an empty entry and the text itself when it is not a number (the validator then says so,
 * rather than the widget silently dropping it).
 */
export function parseYuan(raw: string): number | string | undefined {
  const cleaned = raw.replace(/[\s,，¥￥]/g, '').replace(/[。．]/g, '.');
  if (cleaned === '') return undefined;
  return /^-?\d+(\.\d*)?$|^-?\.\d+$/.test(cleaned) ? Number(cleaned) : raw;
}

/**
 * `cf-money`: an amount in CNY. A decimal keypad on phones, `¥ … 元` around the box, and two
 * decimals shown once the field is left. The value is a JSON number (`8000` for 8000.00);
 * amounts with more than two decimals are kept as typed so the validator (`multipleOf: 0.01`)
 * can ask for a correction instead of the widget rounding someone's money.
 */
export function CfMoneyWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, registry, rawErrors, placeholder } = props;
  const text = uiText(taskFormContext(registry).locale);
  const [raw, setRaw] = useState(() => formatYuan(value));

  // Follow values set from outside, but not while the typed text already means that value
  // ("12.5" must not jump to "12.50" under the cursor).
  useEffect(() => {
    setRaw((current) => (parseYuan(current) === value || (current === '' && value === undefined) ? current : typeof value === 'string' ? value : formatYuan(value)));
  }, [value]);

  const hintId = `${id}__money-hint`;
  return (
    <div className="cf-inline cf-money">
      <span className="cf-affix" aria-hidden="true">
        ¥
      </span>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        id={id}
        name={htmlName ?? id}
        className="cf-input cf-input--money"
        value={raw}
        placeholder={placeholder || '0.00'}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
        aria-describedby={`${ariaDescribedByIds(id)} ${hintId}`}
        onChange={(e) => {
          setRaw(e.target.value);
          onChange(parseYuan(e.target.value));
        }}
        onBlur={(e) => {
          const parsed = parseYuan(e.target.value);
          if (typeof parsed === 'number' && Math.abs(parsed * 100 - Math.round(parsed * 100)) < 1e-6) setRaw(formatYuan(parsed));
          onBlur(id, parsed);
        }}
        onFocus={(e) => onFocus(id, parseYuan(e.target.value))}
      />
      <span className="cf-affix">{text.yuan}</span>
      <span id={hintId} className="cf-hint">
        {text.moneyHint}
      </span>
    </div>
  );
}
