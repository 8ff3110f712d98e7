import type { ReactElement } from 'react';
import type { DefinitionProblem, EscalationStep, LadderRung, ParallelBranch, ParallelStep } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { ExpressionEditor } from '../fields/ExpressionEditor.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { SelectField } from '../fields/SelectField.js';
import { LADDER_LEVELS, locateStep, removeRegion, setRegionProperty, setStart } from '../model/index.js';
import { DeadlineFields } from './DeadlineFields.js';
import { StepProblems } from './StepProblems.js';

const BASE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'];

/**
 * One branch of a parallel step or one rung of a ladder: its title, first step, and for a rung its
 * level, deadline (by default moving the case up a rung when it expires) and escalation condition.
 * The palette adds steps into it while it is selected.
 */
export function RegionProperties({ owner, regionId, problems, headingId }: { owner: string; regionId: string; problems: readonly DefinitionProblem[]; headingId: string }): ReactElement | null {
  const { t, text } = useText();
  const { draft, run, select } = useComposerContext();
  const location = locateStep(draft, owner);
  if (!location || (location.step.kind !== 'parallel' && location.step.kind !== 'escalation')) return null;
  const group = location.step as ParallelStep | EscalationStep;
  const isRung = group.kind === 'escalation';
  const region: ParallelBranch | LadderRung | undefined = isRung ? group.rungs.find((r) => r.id === regionId) : group.branches.find((b) => b.id === regionId);
  if (!region) return null;
  const name = text(region.title) || regionId;
  const set = (path: (string | number)[], value: unknown): boolean => run(setRegionProperty(owner, regionId, path, value));
  const steps = Object.entries(region.steps ?? {}).map(([id, step]) => ({ value: id, label: `${text(step.title) || id}（${id}）` }));
  const rung = isRung ? region as LadderRung : undefined;
  return (
    <>
      <h2 id={headingId} tabIndex={-1} className="composer-panel__heading">
        {t(isRung ? 'composer.panel.rung' : 'composer.panel.branch', { title: name, owner: text(group.title) || owner })}
      </h2>
      <StepProblems problems={problems} />
      <p className="field__hint">{t('composer.region.paletteHint')}</p>
      <LocalizedTextFields label={t(isRung ? 'composer.region.rungTitle' : 'composer.region.branchTitle')} value={region.title} onCommit={(title) => set(['title'], title)} />
      <SelectField label={t('composer.region.start')} value={region.start} options={steps} onChange={(id) => run(setStart(id))} />
      {rung && (
        <>
          <SelectField
            label={t('composer.region.level')}
            value={rung.level}
            options={LADDER_LEVELS.map((l) => ({ value: l.level, label: t(`composer.level.${l.level as 'village' | 'town' | 'county' | 'court'}`) }))}
            onChange={(level) => set(['level'], level)}
          />
          <DeadlineFields deadline={rung.deadline} set={(deadline) => set(['deadline'], deadline)} targets={steps} inRung label={t('composer.region.deadline')} />
          <ExpressionEditor label={t('composer.region.escalateWhen')} value={rung.escalateWhen ?? ''} roots={BASE_ROOTS} optional hint={t('composer.region.escalateWhenHint')}
            onCommit={(when) => set(['escalateWhen'], when.trim() === '' ? undefined : when)} />
        </>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={() => select({ kind: 'step', id: owner })}>{t('composer.region.backToStep', { title: text(group.title) || owner })}</button>
        <button
          type="button"
          className="button composer-button--danger"
          onClick={() => {
            if (run(removeRegion(owner, regionId))) select({ kind: 'step', id: owner });
          }}
        >
          {t(isRung ? 'composer.region.removeRung' : 'composer.region.removeBranch')}
        </button>
      </div>
    </>
  );
}
