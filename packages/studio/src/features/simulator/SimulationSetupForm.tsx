import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { parseInstant } from '@civicflow/engine';
import type { ApiError } from '../../api/ApiError.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useText } from '../../preferences/PreferencesContext.js';
import type { SimulatedProcess } from './loadSimulatedProcess.js';
import { defaultStarter, roleChoices, simulatedActor, unitChoices, withCode } from './simulatedPeople.js';
import type { SimulationSetup } from './useSimulator.js';

/** The simulated start a person sees first: a Wednesday morning, a working day in the example calendar. */
export const DEFAULT_START = '2027-03-10T09:00';

/** What a person chose to start with, kept across a reset. */
export interface SetupChoices {
  startAt: string;
  role: string;
  unit: string;
  input: string;
}

/** The choices a first simulation of `process` starts with. */
export function initialChoices(process: SimulatedProcess): SetupChoices {
  const starter = defaultStarter(process.definition);
  return { startAt: DEFAULT_START, role: starter.role, unit: starter.orgUnit, input: '' };
}

/** A `datetime-local` value read as Beijing time, as the engine's instants are written. */
export function startInstant(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const instant = `${value}:00+08:00`;
  try {
    parseInstant(instant);
    return instant;
  } catch {
    return undefined;
  }
}

/**
 * Where a simulation begins: the simulated start instant, the role and unit of the person who
 * starts the case (the case belongs to that unit), and optional start data as JSON.
 */
export function SimulationSetupForm({ process, choices, onChange, onStart }: {
  process: SimulatedProcess;
  choices: SetupChoices;
  onChange(choices: SetupChoices): void;
  onStart(setup: SimulationSetup): ApiError | undefined;
}): ReactElement {
  const { t, text, locale } = useText();
  const id = useId();
  const [problem, setProblem] = useState<{ field: 'startAt' | 'input'; message: string } | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const roles = roleChoices(process.definitions);
  const units = unitChoices([choices.unit]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const startAt = startInstant(choices.startAt);
    if (!startAt) {
      setProblem({ field: 'startAt', message: t('simulator.startAtInvalid') });
      return;
    }
    let input: Record<string, unknown> = {};
    if (choices.input.trim() !== '') {
      try {
        const parsed = JSON.parse(choices.input) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(Array.isArray(parsed) ? 'array' : typeof parsed);
        input = parsed as Record<string, unknown>;
      } catch (error) {
        setProblem({ field: 'input', message: t('simulator.inputInvalid', { detail: error instanceof Error ? error.message : String(error) }) });
        return;
      }
    }
    setProblem(undefined);
    setFailure(onStart({ startAt, starter: simulatedActor(choices.role, choices.unit), caseUnit: choices.unit, input }));
  };

  const describedBy = (field: 'startAt' | 'input', hint: string) => [hint, problem?.field === field ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('simulator.setupHeading')}</h2>
      <form className="simulator-setup" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('simulator.startAt')}</label>
          <input
            id={`${id}-start`} type="datetime-local" step={60} value={choices.startAt} required
            aria-invalid={problem?.field === 'startAt' || undefined} aria-describedby={describedBy('startAt', `${id}-start-hint`)}
            onChange={(e) => onChange({ ...choices, startAt: e.target.value })}
          />
          <p id={`${id}-start-hint`} className="field__hint">{t('simulator.startAtHint')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('simulator.starter')}</label>
          <select id={`${id}-role`} value={choices.role} onChange={(e) => onChange({ ...choices, role: e.target.value })}>
            {roles.map((r) => <option key={r.role} value={r.role}>{withCode(text(r.title), r.role, locale)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('simulator.caseUnit')}</label>
          <select id={`${id}-unit`} value={choices.unit} onChange={(e) => onChange({ ...choices, unit: e.target.value })}>
            {units.map((u) => <option key={u.path} value={u.path}>{`${text(u.name)} · ${u.path}`}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-input`}>{t('simulator.input')}</label>
          <textarea
            id={`${id}-input`} rows={3} value={choices.input} spellCheck={false}
            aria-invalid={problem?.field === 'input' || undefined} aria-describedby={describedBy('input', `${id}-input-hint`)}
            onChange={(e) => onChange({ ...choices, input: e.target.value })}
          />
          <p id={`${id}-input-hint`} className="field__hint">{t('simulator.inputHint')}</p>
        </div>
        {problem && <p id={`${id}-problem`} className="notice notice--error" role="alert">{problem.message}</p>}
        {failure && <ErrorNotice error={failure} />}
        <p className="actions"><button type="submit" className="button button--primary">{t('simulator.start')}</button></p>
      </form>
    </section>
  );
}
