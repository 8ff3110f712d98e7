import type { ReactElement } from 'react';
import type { JointReviewStep, ReviewerSpec } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CheckboxField } from '../fields/CheckboxField.js';
import { CommitInput } from '../fields/CommitInput.js';
import { ExpressionEditor } from '../fields/ExpressionEditor.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { SelectField } from '../fields/SelectField.js';
import { setStepProperty } from '../model/index.js';
import { AssigneeFields } from './AssigneeFields.js';
import { DeadlineFields } from './DeadlineFields.js';
import { FormChoice } from './FormChoice.js';
import { regionTargets } from './regionTargets.js';

const BASE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'];
const list = (text: string): string[] => text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);

/**
 * A joint review (联审会签): the reviewers (a roster, or an expression giving one), who acts for
 * each, the form and its conclusion field, the join rule (all / any / quorum by count or ratio),
 * veto, and the deadline.
 */
export function JointReviewFields({ stepId, step }: { stepId: string; step: JointReviewStep }): ReactElement {
  const { t, text } = useText();
  const { draft, run } = useComposerContext();
  const set = (path: (string | number)[], value: unknown): boolean => run(setStepProperty(stepId, path, value));
  const roster = Array.isArray(step.reviewers) ? step.reviewers : undefined;
  const nextReviewerId = (): string => {
    let n = (roster?.length ?? 0) + 1;
    while (roster?.some((r) => r.id === `reviewer${n}`)) n += 1;
    return `reviewer${n}`;
  };
  return (
    <>
      <FormChoice stepId={stepId} path={['form']} formId={step.form} />
      <CommitInput label={t('composer.review.decisionField')} value={step.decisionField ?? ''} onCommit={(v) => set(['decisionField'], v)} hint={t('composer.review.decisionFieldHint')} />
      <CommitInput label={t('composer.review.approveValues')} value={(step.approveValues ?? []).join('，')} onCommit={(v) => set(['approveValues'], list(v))} />
      <CommitInput label={t('composer.review.rejectValues')} value={(step.rejectValues ?? []).join('，')} onCommit={(v) => set(['rejectValues'], list(v))} />
      <AssigneeFields stepId={stepId} path={['assignee']} assignee={step.assignee} roleLabel={t('composer.review.role')} />
      <fieldset className="composer-fieldset">
        <legend>{t('composer.review.reviewers')}</legend>
        {roster ? (
          <>
            {roster.map((reviewer: ReviewerSpec, i) => (
              <div key={i} className="composer-list-item">
                <CommitInput label={t('composer.review.reviewerId', { n: i + 1 })} value={reviewer.id} onCommit={(v) => set(['reviewers', i, 'id'], v)} />
                <LocalizedTextFields label={t('composer.review.reviewerTitle', { n: i + 1 })} value={reviewer.title} onCommit={(v) => set(['reviewers', i, 'title'], v)} />
                <button type="button" className="button button--quiet" onClick={() => set(['reviewers', i], undefined)}>{t('composer.review.removeReviewer', { n: i + 1 })}</button>
              </div>
            ))}
            <button type="button" className="button" onClick={() => set(['reviewers', roster.length], { id: nextReviewerId(), title: { 'zh-CN': '', en: '' } })}>{t('composer.review.addReviewer')}</button>
          </>
        ) : (
          <ExpressionEditor label={t('composer.review.rosterExpression')} value={String(step.reviewers)} roots={BASE_ROOTS} onCommit={(v) => set(['reviewers'], v)} />
        )}
      </fieldset>
      <fieldset className="composer-fieldset">
        <legend>{t('composer.review.join')}</legend>
        <SelectField
          label={t('composer.review.joinRule')}
          value={step.join?.rule ?? 'all'}
          options={(['all', 'any', 'quorum'] as const).map((rule) => ({ value: rule, label: t(`composer.review.join.${rule}`) }))}
          onChange={(rule) => set(['join'], rule === 'quorum' ? { rule, count: Math.max(1, Math.ceil((roster?.length ?? 2) / 2)) } : { rule })}
        />
        {step.join?.rule === 'quorum' && (
          <>
            <CommitInput
              label={t('composer.review.quorumCount')}
              type="number"
              inputProps={{ min: 1, step: 1 }}
              value={step.join.count === undefined ? '' : String(step.join.count)}
              onCommit={(v) => set(['join'], v.trim() === '' ? { rule: 'quorum' } : { rule: 'quorum', count: Number(v) })}
            />
            <CommitInput
              label={t('composer.review.quorumRatio')}
              value={step.join.ratio ?? ''}
              onCommit={(v) => set(['join'], v.trim() === '' ? { rule: 'quorum' } : { rule: 'quorum', ratio: v.trim() })}
              hint={t('composer.review.quorumHint')}
            />
          </>
        )}
        <CheckboxField label={t('composer.review.veto')} checked={step.veto === true} onChange={(on) => set(['veto'], on ? true : undefined)} hint={t('composer.review.vetoHint')} />
      </fieldset>
      <DeadlineFields deadline={step.deadline} set={(deadline) => set(['deadline'], deadline)} targets={regionTargets(draft, stepId, text)} />
    </>
  );
}
