import { useId, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import type { Simulation } from '@civicflow/engine/testing';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { useText } from '../../preferences/PreferencesContext.js';
import type { SimulatedProcess } from './loadSimulatedProcess.js';
import { openScenario, problemList, ScenarioFileError } from './openScenario.js';
import type { SimulationValidator } from './simulationValidator.js';
import { engineError } from './useSimulator.js';

type Failure = { kind: 'message'; message: string; problems?: { pointer: string; message: LocalizedText }[] } | { kind: 'engine'; error: ReturnType<typeof engineError> };

/**
 * "Open a scenario file": a labelled file input; the file is replayed (every expectation checked)
 * and the simulation goes on from where it ended. What is wrong with a file that does not open is
 * said in the person's language: not JSON, its problems with their JSON pointers, another process,
 * or where the replay stopped.
 */
export function OpenScenarioForm({ process, validator, onOpened }: {
  process: SimulatedProcess;
  validator: SimulationValidator;
  onOpened(simulation: Simulation, fileName: string): void;
}): ReactElement {
  const { t, text } = useText();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();

  const choose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.target;
    const chosen = input.files?.[0];
    if (!chosen) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const { simulation } = await openScenario(await chosen.text(), process, validator);
      onOpened(simulation, chosen.name);
    } catch (error) {
      if (error instanceof ScenarioFileError) {
        if (error.reason === 'json') setFailure({ kind: 'message', message: t('simulator.openNotJson', { file: chosen.name }) });
        else if (error.reason === 'otherProcess') setFailure({ kind: 'message', message: t('simulator.openOtherProcess', { file: chosen.name, id: error.found?.id ?? '', version: error.found?.version ?? '' }) });
        else setFailure({ kind: 'message', message: t('simulator.openInvalid', { file: chosen.name, count: error.problems.length }), problems: problemList(error.problems) });
      } else {
        setFailure({ kind: 'engine', error: engineError(error) });
      }
    } finally {
      setBusy(false);
      input.value = ''; // the same file can be chosen again after a fix
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('simulator.openHeading')}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('simulator.openFile')}</label>
        <input id={`${id}-file`} type="file" accept=".json,application/json" aria-describedby={`${id}-hint`} disabled={busy} onChange={(e) => void choose(e)} />
        <p id={`${id}-hint`} className="field__hint">{t('simulator.openHint')}</p>
      </div>
      {busy && <Loading />}
      {failure?.kind === 'message' && (
        <div className="notice notice--error simulator-open-error" role="alert">
          <p className="notice__message">{failure.message}</p>
          {failure.problems && (
            <ul className="server-errors__list">
              {failure.problems.map((p, i) => <li key={i}><code>{p.pointer}</code> {text(p.message)}</li>)}
            </ul>
          )}
        </div>
      )}
      {failure?.kind === 'engine' && <ErrorNotice error={failure.error} />}
    </section>
  );
}
