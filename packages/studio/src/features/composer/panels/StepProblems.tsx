import type { ReactElement } from 'react';
import type { DefinitionProblem } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';

/** The problems of the selected step or region, in both languages with the fix, above its fields. */
export function StepProblems({ problems }: { problems: readonly DefinitionProblem[] }): ReactElement | null {
  const { t } = useText();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--error composer-step-problems">
      <p className="notice__message">{t('composer.panel.problems', { count: problems.length })}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <span lang="zh-CN">{p.message['zh-CN']}</span> <span lang="en">/ {p.message.en}</span>
            <br /><span className="field__hint">{t('composer.problems.fix')}<span lang="zh-CN">{p.hint['zh-CN']}</span> <span lang="en">/ {p.hint.en}</span></span>
          </li>
        ))}
      </ul>
    </div>
  );
}
