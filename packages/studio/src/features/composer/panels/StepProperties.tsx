import type { ReactElement } from 'react';
import type { DefinitionProblem, StepDefinition } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CommitInput } from '../fields/CommitInput.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { deleteStep, locateStep, renameStep, setStart, setStepProperty } from '../model/index.js';
import { EndFields } from './EndFields.js';
import { JointReviewFields } from './JointReviewFields.js';
import { NoticeFields } from './NoticeFields.js';
import { RegionList } from './RegionList.js';
import { RouteFields } from './RouteFields.js';
import { StepProblems } from './StepProblems.js';
import { SubprocessFields } from './SubprocessFields.js';
import { TaskFields } from './TaskFields.js';
import { VoteFields } from './VoteFields.js';
import { WaitFields } from './WaitFields.js';

function KindFields({ stepId, step }: { stepId: string; step: StepDefinition }): ReactElement | null {
  switch (step.kind) {
    case 'task': return <TaskFields stepId={stepId} step={step} />;
    case 'jointReview': return <JointReviewFields stepId={stepId} step={step} />;
    case 'vote': return <VoteFields stepId={stepId} step={step} />;
    case 'notice': return <NoticeFields stepId={stepId} step={step} />;
    case 'wait': return <WaitFields stepId={stepId} step={step} />;
    case 'subprocess': return <SubprocessFields stepId={stepId} step={step} />;
    case 'end': return <EndFields stepId={stepId} step={step} />;
    case 'parallel':
    case 'escalation': return <RegionList stepId={stepId} step={step} />;
    case 'decision': return null;
  }
}

/**
 * The properties of one step, for its kind: id, title, start, the kind's own fields, its routes
 * per outcome, and delete. Every change is one command (undoable).
 */
export function StepProperties({ stepId, problems, headingId }: { stepId: string; problems: readonly DefinitionProblem[]; headingId: string }): ReactElement | null {
  const { t, text } = useText();
  const { draft, run, select, announce } = useComposerContext();
  const location = locateStep(draft, stepId);
  if (!location) return null;
  const { step, region } = location;
  const title = text(step.title) || stepId;
  const isStart = region.start === stepId;
  return (
    <>
      <h2 id={headingId} tabIndex={-1} className="composer-panel__heading">
        {t('composer.panel.step', { title })} <span className={`flow-badge flow-badge--${step.kind}`}>{t(`composer.kind.${step.kind}`)}</span>
      </h2>
      <StepProblems problems={problems} />
      <CommitInput
        label={t('composer.step.id')}
        value={stepId}
        hint={t('composer.step.idHint')}
        onCommit={(newId) => {
          if (run(renameStep(stepId, newId.trim()))) select({ kind: 'step', id: newId.trim() }, { focus: false });
        }}
      />
      <LocalizedTextFields label={t('composer.step.title')} value={step.title} onCommit={(value) => run(setStepProperty(stepId, ['title'], value))} />
      <div className="composer-start">
        {isStart
          ? <p>{t(region.kind === 'root' ? 'composer.step.isStart' : 'composer.step.isRegionStart')}</p>
          : <button type="button" className="button button--quiet" onClick={() => run(setStart(stepId))}>{t('composer.step.makeStart')}</button>}
      </div>
      <KindFields stepId={stepId} step={step} />
      <RouteFields stepId={stepId} step={step} />
      <div className="actions composer-danger">
        <button
          type="button"
          className="button composer-button--danger"
          onClick={() => {
            if (run(deleteStep(stepId))) {
              select(undefined);
              announce(t('composer.announce.deleted', { title }));
            }
          }}
        >
          {t('composer.step.delete')}
        </button>
      </div>
    </>
  );
}
