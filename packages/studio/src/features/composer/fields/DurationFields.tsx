import { useState } from 'react';
import type { ReactElement } from 'react';
import type { DurationSpec } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { CommitInput } from './CommitInput.js';
import { SelectField } from './SelectField.js';

type DayUnit = 'days' | 'workingDays';

/** The number of days of a duration counted in calendar or working days, or undefined for other units. */
function dayCount(duration: DurationSpec | undefined): { unit: DayUnit; count: number | undefined } {
  if (duration?.workingDays !== undefined) return { unit: 'workingDays', count: duration.workingDays };
  return { unit: 'days', count: duration?.days };
}

/**
 * A period in days: "期限（天）" and how the days are counted — calendar days (自然日, the last
 * day rolled over to the next working day when it is a rest day) or working days (工作日, against
 * the holiday calendar). A period in months, hours or minutes is shown as such; typing days
 * replaces it. Other members of the duration (rollover) are kept.
 */
export function DurationFields({ label, duration, onChange }: { label: string; duration: DurationSpec | undefined; onChange(duration: DurationSpec): void }): ReactElement {
  const { t } = useText();
  const [error, setError] = useState<string | undefined>(undefined);
  const { unit, count } = dayCount(duration);
  const other = duration !== undefined && duration.days === undefined && duration.workingDays === undefined;
  const rest = (d: DurationSpec | undefined): DurationSpec => (d?.rollover !== undefined ? { rollover: d.rollover } : {});
  const change = (nextUnit: DayUnit, nextCount: number): void => onChange({ [nextUnit]: nextCount, ...rest(duration) });
  return (
    <div className="composer-duration">
      <CommitInput
        label={t('composer.duration.days', { label })}
        type="number"
        inputProps={{ min: 0, step: 1, inputMode: 'numeric' }}
        value={count === undefined ? '' : String(count)}
        hint={other ? t('composer.duration.other', { value: JSON.stringify(duration) }) : undefined}
        onCommit={(text) => {
          const n = Number(text);
          const valid = text.trim() !== '' && Number.isInteger(n) && n >= 0;
          setError(valid ? undefined : t('composer.duration.invalid', { label }));
          if (valid) change(unit, n);
        }}
        error={error}
      />
      <SelectField
        label={t('composer.duration.counting')}
        value={unit}
        options={[{ value: 'days', label: t('composer.duration.calendarDays') }, { value: 'workingDays', label: t('composer.duration.workingDays') }]}
        onChange={(value) => change(value as DayUnit, count ?? 1)}
      />
    </div>
  );
}
