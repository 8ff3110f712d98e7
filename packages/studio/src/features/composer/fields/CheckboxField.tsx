import { useId } from 'react';
import type { ReactElement } from 'react';

/** A labelled checkbox; each change is one edit. */
export function CheckboxField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange(checked: boolean): void; hint?: string | undefined }): ReactElement {
  const id = useId();
  return (
    <div className="field composer-field composer-field--check">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
    </div>
  );
}
