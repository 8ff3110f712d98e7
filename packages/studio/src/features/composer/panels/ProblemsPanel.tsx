import type { ReactElement } from 'react';
import type { DefinitionProblem, ProcessDefinition } from '@civicflow/engine';
import { stepOfPointer } from '../../flow/stepOfPointer.js';
import { useText } from '../../../preferences/PreferencesContext.js';
import { locateStep } from '../model/index.js';
import type { Selection } from '../selection.js';

/** The page sections that problems outside the steps concern, by the first member of their pointer. */
const SECTIONS = {
  definition: { heading: 'composer-definition-heading', label: 'composer.problems.goToSettings' },
  roles: { heading: 'composer-roles-heading', label: 'composer.problems.goToRoles' },
  forms: { heading: 'composer-forms-heading', label: 'composer.problems.goToForms' },
} as const;

function sectionOf(pointer: string): keyof typeof SECTIONS | undefined {
  const member = pointer.split('/')[1];
  if (member === 'roles' || member === 'forms') return member;
  return member === 'id' || member === 'title' || member === 'version' || member === 'description' ? 'definition' : undefined;
}

/**
 * Every problem of the draft (validateDefinition and the form-schema checks; after a refused
 * publication, also what the server said), each with its fix and, when it concerns a step, a
 * button that selects that step.
 */
export function ProblemsPanel({ draft, problems, serverProblems, onSelect }: {
  draft: ProcessDefinition;
  problems: readonly DefinitionProblem[];
  /** The problems of the last refused publication (until the draft changes). */
  serverProblems?: readonly DefinitionProblem[] | undefined;
  onSelect(selection: Selection): void;
}): ReactElement {
  const { t, text } = useText();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const item = (p: DefinitionProblem, i: number): ReactElement => {
    const stepId = stepOfPointer(p.pointer);
    const step = stepId !== undefined ? locateStep(draft, stepId) : undefined;
    return (
      <li key={i} className={`composer-problem composer-problem--${p.severity}`}>
        <p>
          {p.severity === 'warning' && <strong>{t('composer.problems.warning')}</strong>}
          {text(p.message)}
        </p>
        <p className="field__hint">{t('composer.problems.fix')}{text(p.hint)} <code>{p.pointer || '/'}</code></p>
        {step && stepId !== undefined && (
          <button type="button" className="button button--quiet" onClick={() => onSelect({ kind: 'step', id: stepId })}>
            {t('composer.problems.goTo', { title: text(step.step.title) || stepId })}
          </button>
        )}
        {!step && sectionOf(p.pointer) && (
          <button type="button" className="button button--quiet" onClick={() => document.getElementById(SECTIONS[sectionOf(p.pointer)!].heading)?.focus()}>
            {t(SECTIONS[sectionOf(p.pointer)!].label)}
          </button>
        )}
      </li>
    );
  };
  return (
    <section className="composer-problems" aria-labelledby="composer-problems-heading">
      <h2 id="composer-problems-heading">
        {problems.length === 0 ? t('composer.problems.none') : t('composer.problems.count', { count: problems.length, errors })}
      </h2>
      {serverProblems && serverProblems.length > 0 && (
        <div className="notice notice--error">
          <h3 className="notice__heading">{t('composer.problems.server', { count: serverProblems.length })}</h3>
          <ul className="composer-problem-list">{serverProblems.map(item)}</ul>
        </div>
      )}
      {problems.length > 0 && <ul className="composer-problem-list">{problems.map(item)}</ul>}
    </section>
  );
}
