import { useId } from 'react';
import type { ReactElement } from 'react';

/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select that reports each choice at once (a choice is one edit). */
export function SelectField({ label, value, options, onChange, hint, disabled }: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  hint?: string | undefined;
  disabled?: boolean | undefined;
}): ReactElement {
  const id = useId();
  // A value the options do not know (an imported draft's) stays visible rather than silently shown as another.
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: value }];
  return (
    <div className="field composer-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} disabled={disabled}>
        {all.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
    </div>
  );
}
