import type { ReactElement } from 'react';
import type { DeadlineSpec, ExpiryAction } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { CheckboxField } from '../fields/CheckboxField.js';
import { DurationFields } from '../fields/DurationFields.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { SelectField } from '../fields/SelectField.js';
import type { SelectOption } from '../fields/SelectField.js';

/** The special route of a rung deadline: move the case up a rung. */
const ESCALATE = '$escalate';

/**
 * A step's or rung's deadline (期限): on or off, its length in calendar or working days, the legal
 * basis every deadline must state (both languages), and where the case goes when it expires —
 * nowhere (the task is marked overdue), a step of the same region, or, on a rung, up a rung.
 * `set(value)` replaces the deadline (undefined removes it); each change is one edit.
 */
export function DeadlineFields({ deadline, set, targets, inRung = false, label }: {
  deadline: DeadlineSpec | undefined;
  set(deadline: DeadlineSpec | undefined): void;
  /** Steps the expiry may route to (the region's steps). */
  targets: readonly SelectOption[];
  inRung?: boolean | undefined;
  /** The deadline's name in labels (default 期限). */
  label?: string | undefined;
}): ReactElement {
  const { t } = useText();
  const name = label ?? t('composer.deadline.name');
  const withExpiry = (goto: string): DeadlineSpec => {
    const { goto: _old, ...rest } = deadline?.onExpiry ?? {};
    const onExpiry: ExpiryAction = goto === '' ? rest : { ...rest, goto };
    const { onExpiry: _drop, ...base } = deadline ?? { basis: { 'zh-CN': '', en: '' } };
    return Object.keys(onExpiry).length > 0 ? { ...base, onExpiry } : base;
  };
  return (
    <fieldset className="composer-fieldset">
      <legend>{name}</legend>
      <CheckboxField
        label={t('composer.deadline.enabled', { label: name })}
        checked={deadline !== undefined}
        onChange={(on) => set(on
          ? { duration: { days: 5 }, basis: { 'zh-CN': '', en: '' }, ...(inRung ? { onExpiry: { goto: ESCALATE } } : {}) }
          : undefined)}
      />
      {deadline && (
        <>
          {(deadline.at !== undefined || deadline.before !== undefined) && (
            <p className="field__hint">{t('composer.deadline.computed', { value: JSON.stringify(deadline.at ?? deadline.before) })}</p>
          )}
          <DurationFields
            label={name}
            duration={deadline.duration}
            onChange={(duration) => {
              const { at: _at, before: _before, ...rest } = deadline;
              set({ ...rest, duration });
            }}
          />
          <LocalizedTextFields label={t('composer.deadline.basis', { label: name })} value={deadline.basis} onCommit={(basis) => set({ ...deadline, basis })} hint={t('composer.deadline.basisHint')} />
          <SelectField
            label={t('composer.deadline.goto')}
            value={deadline.onExpiry?.goto ?? ''}
            options={[
              { value: '', label: t('composer.deadline.stay') },
              ...(inRung ? [{ value: ESCALATE, label: t('composer.deadline.escalate') }] : []),
              ...targets,
            ]}
            onChange={(goto) => set(withExpiry(goto))}
          />
        </>
      )}
    </fieldset>
  );
}
