import type { ReactElement } from 'react';
import type { Threshold, VoteStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CheckboxField } from '../fields/CheckboxField.js';
import { CommitInput } from '../fields/CommitInput.js';
import { SelectField } from '../fields/SelectField.js';
import { setStepProperty } from '../model/index.js';
import { AssigneeFields } from './AssigneeFields.js';
import { DeadlineFields } from './DeadlineFields.js';
import { FormChoice } from './FormChoice.js';
import { regionTargets } from './regionTargets.js';

const STATUTES = ['NONE', 'CN_VILLAGE_COMMITTEE_ART15', 'CN_PARTY_BASE_ORG'] as const;

/** `主任=1，委员=2` as seats per post, or undefined when it is not that shape. */
function parseSeats(text: string): Record<string, number> | undefined {
  const seats: Record<string, number> = {};
  for (const part of text.split(/[,，;；\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const match = /^(.+?)\s*[=:：]\s*(\d+)$/.exec(part);
    if (!match) return undefined;
    seats[match[1]!] = Number(match[2]);
  }
  return seats;
}

/**
 * A vote (投票表决): election or resolution, the statute it is bound to (whose minimums cannot be
 * weakened), the tellers' count form and who fills it, the turnout and winning thresholds, the
 * seats of an election, and the deadline.
 */
export function VoteFields({ stepId, step }: { stepId: string; step: VoteStep }): ReactElement {
  const { t, text } = useText();
  const { draft, run } = useComposerContext();
  const set = (path: (string | number)[], value: unknown): boolean => run(setStepProperty(stepId, path, value));
  const threshold = (key: 'quorum' | 'win', label: string, strictLabel: string): ReactElement => {
    const value: Threshold | undefined = step.rules?.[key];
    return (
      <div className="composer-threshold">
        <CommitInput label={label} value={value?.ratio ?? ''} hint={t('composer.vote.ratioHint')}
          onCommit={(ratio) => set(['rules', key], ratio.trim() === '' ? undefined : { ratio: ratio.trim(), strict: value?.strict ?? true })} />
        {value && <CheckboxField label={strictLabel} checked={value.strict} onChange={(strict) => set(['rules', key, 'strict'], strict)} />}
      </div>
    );
  };
  const seats = typeof step.seats === 'object' ? Object.entries(step.seats).map(([post, n]) => `${post}=${n}`).join('，') : step.seats ?? '';
  return (
    <>
      <SelectField label={t('composer.vote.mode')} value={step.mode} options={[{ value: 'election', label: t('composer.vote.election') }, { value: 'resolution', label: t('composer.vote.resolution') }]}
        onChange={(mode) => set(['mode'], mode)} />
      <SelectField label={t('composer.vote.statute')} value={step.statute ?? 'NONE'} options={STATUTES.map((s) => ({ value: s, label: t(`composer.vote.statute.${s}`) }))}
        onChange={(statute) => set(['statute'], statute === 'NONE' && step.statute === undefined ? undefined : statute)} hint={t('composer.vote.statuteHint')} />
      <FormChoice stepId={stepId} path={['form']} formId={step.form} label={t('composer.vote.form')} />
      <AssigneeFields stepId={stepId} path={['assignee']} assignee={step.assignee} roleLabel={t('composer.vote.role')} />
      {step.mode === 'election' && (
        <CommitInput label={t('composer.vote.seats')} value={seats} hint={t('composer.vote.seatsHint')}
          onCommit={(value) => {
            const parsed = parseSeats(value);
            set(['seats'], parsed && Object.keys(parsed).length > 0 ? parsed : value.trim() === '' ? undefined : value);
          }} />
      )}
      <fieldset className="composer-fieldset">
        <legend>{t('composer.vote.rules')}</legend>
        {threshold('quorum', t('composer.vote.quorum'), t('composer.vote.quorumStrict'))}
        {threshold('win', t('composer.vote.win'), t('composer.vote.winStrict'))}
      </fieldset>
      <DeadlineFields deadline={step.deadline} set={(deadline) => set(['deadline'], deadline)} targets={regionTargets(draft, stepId, text)} />
    </>
  );
}
