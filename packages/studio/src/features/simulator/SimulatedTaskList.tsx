import { useId } from 'react';
import type { ReactElement, Ref } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import type { SimulationTask } from '@civicflow/engine/testing';
import { DueDate } from '../../components/DueDate.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { unitName, withCode } from './simulatedPeople.js';

/** The task's key within the case: its instance and its id. */
export const taskKey = (task: Pick<SimulationTask, 'instanceId' | 'id'>): string => `${task.instanceId}/${task.id}`;

/**
 * Every open task of the simulated case, with who must act and by when. A task the current role
 * may act on has "办理 / Work on it"; every task has "以办理人身份办理 / Act as the assignee",
 * which switches the role and unit to its assignee's and opens it.
 */
export function SimulatedTaskList({ tasks, mine, roleTitle, onActAs, onWork, headingRef }: {
  tasks: readonly SimulationTask[];
  /** Keys of the tasks the current role may act on. */
  mine: ReadonlySet<string>;
  roleTitle(role: string): LocalizedText | undefined;
  onActAs(task: SimulationTask): void;
  onWork(task: SimulationTask): void;
  headingRef?: Ref<HTMLHeadingElement>;
}): ReactElement {
  const { t, text, locale } = useText();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>{t('simulator.tasksHeading')}</h2>
      <p className="field__hint">{t('simulator.tasksHint')}</p>
      {tasks.length === 0 ? <p className="empty">{t('simulator.noTasks')}</p> : (
        <ul className="task-list simulator-tasks">
          {tasks.map((task) => {
            const title = text(task.title);
            const role = roleTitle(task.assignee.role);
            const key = taskKey(task);
            return (
              <li key={key} className={task.overdue ? 'task-card task-card--overdue' : 'task-card'} data-step={task.stepId}>
                <h3 className="task-card__title">{title}</h3>
                <dl className="facts">
                  <div><dt>{t('simulator.assignee')}</dt><dd>{`${role ? withCode(text(role), task.assignee.role, locale) : task.assignee.role} · ${text(unitName(task.assignee.orgUnit))}`}{task.assignee.person ? ` · ${task.assignee.person}` : ''}</dd></div>
                  <div><dt>{t('simulator.due')}</dt><dd><DueDate dueAt={task.dueAt} overdue={task.overdue} /></dd></div>
                  {!task.inRoot && <div><dt>{t('simulator.process')}</dt><dd>{t('simulator.inSubprocess', { process: task.definitionId })}</dd></div>}
                </dl>
                <p className="actions">
                  {mine.has(key)
                    ? <button type="button" className="button button--primary" aria-label={t('simulator.workLabel', { task: title })} onClick={() => onWork(task)}>{t('simulator.work')}</button>
                    : <span className="field__hint">{t('simulator.notForRole')}</span>}
                  <button type="button" className="button" aria-label={t('simulator.actAsAssigneeLabel', { task: title })} onClick={() => onActAs(task)}>{t('simulator.actAsAssignee')}</button>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
