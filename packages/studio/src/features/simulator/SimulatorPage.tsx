import './simulator.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import type { Simulation, SimulationTask } from '@civicflow/engine/testing';
import type { ApiError } from '../../api/ApiError.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { stepTitles } from '../../definitions/definitionTexts.js';
import { formatInstant } from '../../format/formatInstant.js';
import { useAsync } from '../../hooks/useAsync.js';
import { translate } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { FlowDiagram } from '../flow/FlowDiagram.js';
import { ActAsPicker } from './ActAsPicker.js';
import type { ActAs } from './ActAsPicker.js';
import { downloadScenario } from './downloadScenario.js';
import { loadSimulatedProcess } from './loadSimulatedProcess.js';
import { OpenScenarioForm } from './OpenScenarioForm.js';
import type { SimulatedProcess } from './loadSimulatedProcess.js';
import { roleChoices, simulatedActor, unitChoices } from './simulatedPeople.js';
import { SimulatedTaskForm } from './SimulatedTaskForm.js';
import { SimulatedTaskList, taskKey } from './SimulatedTaskList.js';
import { SimulationClock } from './SimulationClock.js';
import { SimulationLog } from './SimulationLog.js';
import { initialChoices, SimulationSetupForm } from './SimulationSetupForm.js';
import type { SetupChoices } from './SimulationSetupForm.js';
import { createSimulationValidator } from './simulationValidator.js';
import { useSimulator } from './useSimulator.js';
import type { SimulationSetup } from './useSimulator.js';

/**
 * 模拟运行 / the simulator: a published version (and the processes its subprocess steps start) run
 * in the browser by the engine's test host on a simulated clock. The person picks the start time
 * and who starts, acts as any role and unit, fills the tasks' forms, moves the clock by an hour, a
 * day, a week or to the next deadline, and follows what happened in the log and on the diagram;
 * Reset starts over, and "Save as scenario" downloads the run as a scenario file that the engine's
 * tests replay (`runScenario`).
 */
export function SimulatorPage({ definitionId, version }: { definitionId: string; version: number }): ReactElement {
  const { t } = useText();
  const loaded = useAsync(() => loadSimulatedProcess(definitionId, version), `${definitionId}@${version}`);
  if (loaded.status === 'loading') {
    return (
      <>
        <PageHeading title={t('simulator.title', { process: definitionId, version })} />
        <Loading />
      </>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading title={t('simulator.title', { process: definitionId, version })} />
        <ErrorNotice error={loaded.error}>
          <p className="actions"><button type="button" className="button" onClick={loaded.reload}>{t('task.reload')}</button></p>
        </ErrorNotice>
      </>
    );
  }
  return <SimulatorWorkbench process={loaded.value} />;
}

/** The simulator once the process is loaded. */
export function SimulatorWorkbench({ process }: { process: SimulatedProcess }): ReactElement {
  const { t, text, locale } = useText();
  const validator = useMemo(() => createSimulationValidator(), []);
  const controls = useSimulator(process, validator);
  const { simulation } = controls;
  const [choices, setChoices] = useState<SetupChoices>(() => initialChoices(process));
  const [actAs, setActAs] = useState<ActAs>(() => ({ role: choices.role, unit: choices.unit }));
  const [working, setWorking] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<ApiError | undefined>();
  const tasksHeading = useRef<HTMLHeadingElement>(null);

  const titles = useMemo(() => {
    const all = new Map<string, LocalizedText>();
    for (const d of process.definitions) for (const [id, title] of stepTitles(d)) if (!all.has(id)) all.set(id, title);
    return all;
  }, [process]);
  const stepTitle = useCallback((id: string) => titles.get(id), [titles]);
  const roles = useMemo(() => roleChoices(process.definitions), [process]);
  const roleTitle = useCallback((role: string) => roles.find((r) => r.role === role)?.title, [roles]);
  const actor = useMemo(() => simulatedActor(actAs.role, actAs.unit, actAs.person), [actAs]);

  // Everything below reads the (mutable) simulation afresh after each action: `revision` changes then.
  const { revision } = controls;
  const view = useMemo(() => {
    if (!simulation) return undefined;
    const tasks = simulation.tasks();
    const mine = new Set(simulation.tasks(actor).map(taskKey));
    const root = simulation.root!;
    return {
      now: simulation.now, tasks, mine, next: simulation.nextDue(), active: simulation.activeSteps(),
      status: root.status, outcome: root.outcome, units: unitChoices([actAs.unit, ...tasks.map((task) => task.assignee.orgUnit)]),
    };
  }, [simulation, revision, actor, actAs.unit]);
  // The same steps keep the same array, so that the diagram is laid out again only when they change.
  const activeRef = useRef<string[]>([]);
  const active = view && view.active.join('\n') !== activeRef.current.join('\n') ? (activeRef.current = view.active) : activeRef.current;
  const workingTask = view?.tasks.find((task) => taskKey(task) === working);

  const start = (setup: SimulationSetup): ApiError | undefined => {
    const error = controls.start(setup);
    if (!error) {
      setActAs({ role: setup.starter.roles[0]!, unit: setup.starter.orgUnit });
      setFailure(undefined);
      setAnnouncement(t('simulator.started', { time: formatInstant(setup.startAt) }));
    }
    return error;
  };
  const opened = (sim: Simulation, fileName: string): void => {
    controls.adopt(sim);
    const starter = sim.scenario().start.as;
    const who = sim.scenario().actors[starter];
    if (who) setActAs({ role: who.roles[0] ?? actAs.role, unit: who.orgUnit, ...(who.personId ? { person: who.personId } : {}) });
    setFailure(undefined);
    setAnnouncement(t('simulator.opened', { file: fileName, time: formatInstant(sim.now) }));
  };
  const advance = (to: string): void => {
    const result = controls.advance(to);
    if ('error' in result) {
      setFailure(result.error);
      return;
    }
    setFailure(undefined);
    const fired = result.entries.filter((e) => e.event.type === 'timer.fired').length;
    setAnnouncement(t('simulator.advanced', { time: formatInstant(simulation?.now), count: fired }));
  };
  const actAsAssignee = (task: SimulationTask): void => {
    setActAs({ role: task.assignee.role, unit: task.assignee.orgUnit, person: task.assignee.person });
    setWorking(taskKey(task));
  };
  const submit = useCallback((data: unknown): ApiError | undefined => {
    if (!workingTask) return undefined;
    const result = controls.complete(workingTask, data, actor);
    if ('error' in result) return result.error;
    setWorking(undefined);
    setFailure(undefined);
    setAnnouncement(t('simulator.completed', { task: text(workingTask.title) }));
    // The form is gone: the list of tasks is where the work continues.
    requestAnimationFrame(() => tasksHeading.current?.focus());
    return undefined;
  }, [workingTask, controls, actor, t, text]);
  const reset = (): void => {
    controls.reset();
    setWorking(undefined);
    setFailure(undefined);
    setAnnouncement(t('simulator.resetDone'));
  };
  const save = (): void => {
    if (!simulation) return;
    const params = (l: 'zh-CN' | 'en') => ({ process: process.definition.title[l], version: process.definition.version });
    const title = { 'zh-CN': translate('zh-CN', 'simulator.scenarioTitle', params('zh-CN')), en: translate('en', 'simulator.scenarioTitle', params('en')) };
    const name = downloadScenario(simulation.scenario({ title }));
    setAnnouncement(t('simulator.saved', { file: name }));
  };

  const heading = t('simulator.title', { process: text(process.definition.title), version: process.definition.version });
  return (
    <>
      <PageHeading title={heading} />
      <p>{t('simulator.intro')}</p>
      <p className="simulator-status" role="status" aria-live="polite">{announcement}</p>
      {failure && <ErrorNotice error={failure} />}
      {!simulation || !view ? (
        <>
          <SimulationSetupForm process={process} choices={choices} onChange={setChoices} onStart={start} />
          <OpenScenarioForm process={process} validator={validator} onOpened={opened} />
        </>
      ) : (
        <div className="simulator-layout">
          <div className="simulator-layout__work">
            <SimulationClock now={view.now} next={view.next} stepTitle={stepTitle} disabled={view.status !== 'active'} onAdvance={advance} />
            <ActAsPicker roles={roles} units={view.units} value={actAs} onChange={(value) => { setActAs(value); setWorking(undefined); }} />
            {view.status !== 'active' && (
              <p className="notice notice--success" role="note">
                {view.status === 'done' ? t('simulator.ended', { outcome: view.outcome ?? '' }) : t('simulator.cancelled')}
              </p>
            )}
            {workingTask && view.mine.has(taskKey(workingTask)) && (
              <SimulatedTaskForm
                key={taskKey(workingTask)}
                task={workingTask}
                definition={process.definitions.find((d) => d.id === workingTask.definitionId && d.version === workingTask.definitionVersion) ?? process.definition}
                validator={validator}
                onSubmit={submit}
                onClose={() => setWorking(undefined)}
              />
            )}
            <SimulatedTaskList tasks={view.tasks} mine={view.mine} roleTitle={roleTitle} onActAs={actAsAssignee} onWork={(task) => setWorking(taskKey(task))} headingRef={tasksHeading} />
          </div>
          <div className="simulator-layout__watch">
            <section className="panel simulator-diagram" aria-labelledby="simulator-diagram-heading">
              <h2 id="simulator-diagram-heading">{t('simulator.diagramHeading')}</h2>
              <p className="simulator-active">
                {t('simulator.activeSteps', { steps: active.map((id) => text(stepTitle(id) ?? id)).join(locale === 'en' ? ', ' : '、') || t('simulator.none') })}
              </p>
              <FlowDiagram definition={process.definition} activeSteps={active} />
            </section>
            <SimulationLog log={controls.log} stepTitle={stepTitle} />
          </div>
          <section className="panel simulator-run" aria-labelledby="simulator-run-heading">
            <h2 id="simulator-run-heading">{t('simulator.runHeading')}</h2>
            <p className="field__hint">{t('simulator.saveHint')}</p>
            <p className="actions">
              <button type="button" className="button button--primary" onClick={save}>{t('simulator.save')}</button>
              <button type="button" className="button" onClick={reset}>{t('simulator.reset')}</button>
            </p>
          </section>
        </div>
      )}
    </>
  );
}
