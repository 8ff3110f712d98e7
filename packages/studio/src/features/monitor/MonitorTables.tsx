import { useId } from 'react';
import type { ReactElement } from 'react';
import { formatInstant } from '../../format/formatInstant.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import type { Breach, MonitorReport } from './monitorApi.js';

type Text = ReturnType<typeof useText>;

/** A unit by its name when the server knows it, by its path otherwise. */
const unitName = (name: string | null, path: string) => name ?? path;

/** Minutes as days and hours (or hours and minutes, or minutes). */
export function overdueText(minutes: number, t: Text['t']): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  if (days > 0) return t('monitor.duration.days', { days, hours });
  if (hours > 0) return t('monitor.duration.hours', { hours, minutes: minutes % 60 });
  return t('monitor.duration.minutes', { minutes });
}

/** What became of a missed time limit. */
export function breachSituation(breach: Breach, t: Text['t']): string {
  if (breach.taskCompletedAt) return t('monitor.state.completedLate', { at: formatInstant(breach.taskCompletedAt) });
  if (breach.caseStatus === 'cancelled') return t('monitor.state.caseCancelled');
  if (breach.caseStatus === 'done') return t('monitor.state.caseDone');
  return t(breach.taskId ? 'monitor.state.taskOpen' : 'monitor.state.caseOpen');
}

function purposeText(purpose: string, t: Text['t']): string {
  const key = `monitor.purpose.${purpose}`;
  return ['deadline', 'reply', 'verify', 'decide', 'rung'].includes(purpose) ? t(key as MessageKey) : purpose;
}

function Truncated({ shown, total }: { shown: number; total: number }): ReactElement | null {
  const { t } = useText();
  return total > shown ? <p className="notice notice--info">{t('monitor.truncated', { shown, total })}</p> : null;
}

/** Running cases by process and unit, with the steps they are at. */
export function RunningTable({ running }: { running: MonitorReport['running'] }): ReactElement {
  const { t, text } = useText();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('monitor.running')}</h2>
      {running.groups.length === 0 ? <p className="empty">{t('monitor.runningNone')}</p> : (
        <>
          <table className="monitor-table">
            <caption>{t('monitor.runningCaption', { count: running.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.process')}</th>
                <th scope="col">{t('field.unit')}</th>
                <th scope="col" className="monitor-table__number">{t('monitor.cases')}</th>
                <th scope="col">{t('monitor.steps')}</th>
              </tr>
            </thead>
            <tbody>
              {running.groups.map((g) => (
                <tr key={`${g.definitionId} ${g.orgUnit}`}>
                  <th scope="row">{text(g.title)}</th>
                  <td>{unitName(g.orgUnitName, g.orgUnit)}</td>
                  <td className="monitor-table__number">{g.cases}</td>
                  <td>
                    <ul className="monitor-steps">
                      {g.steps.map((s) => <li key={s.stepId}>{t('monitor.stepCount', { step: text(s.title), count: s.cases })}</li>)}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field__hint">{t('monitor.stepsNote')}</p>
        </>
      )}
    </section>
  );
}

/** Open tasks past their due time, each linking to its case. */
export function OverdueTable({ overdue }: { overdue: MonitorReport['overdueTasks'] }): ReactElement {
  const { t, text } = useText();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('monitor.overdue')}</h2>
      {overdue.items.length === 0 ? <p className="empty">{t('monitor.overdueNone')}</p> : (
        <>
          <table className="monitor-table">
            <caption>{t('monitor.overdueCaption', { count: overdue.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitor.task')}</th>
                <th scope="col">{t('field.process')}</th>
                <th scope="col">{t('field.unit')}</th>
                <th scope="col">{t('monitor.assignee')}</th>
                <th scope="col">{t('monitor.dueAt')}</th>
                <th scope="col">{t('monitor.overdueBy')}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.items.map((task) => (
                <tr key={`${task.instanceId} ${task.taskId}`}>
                  <th scope="row">
                    <Link to={pathFor({ name: 'case', instanceId: task.instanceId })} aria-label={t('monitor.openCase', { title: text(task.title) })}>{text(task.title)}</Link>
                  </th>
                  <td>{text(task.processTitle)}</td>
                  <td>{unitName(task.orgUnitName, task.orgUnit)}</td>
                  <td>{task.assignee.roleTitle ? text(task.assignee.roleTitle) : task.assignee.role}</td>
                  <td><time dateTime={task.dueAt}>{formatInstant(task.dueAt)}</time></td>
                  <td className="monitor-overdue">{overdueText(task.overdueMinutes, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Truncated shown={overdue.items.length} total={overdue.total} />
        </>
      )}
    </section>
  );
}

/** Time limits that ran out in the period, with their legal basis and what became of them. */
export function BreachTable({ breaches }: { breaches: MonitorReport['breaches'] }): ReactElement {
  const { t, text } = useText();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('monitor.breaches')}</h2>
      <p className="field__hint">{t('monitor.breachesNote')}</p>
      {breaches.items.length === 0 ? <p className="empty">{t('monitor.breachesNone')}</p> : (
        <>
          <table className="monitor-table">
            <caption>{t('monitor.breachesCaption', { count: breaches.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitor.limit')}</th>
                <th scope="col">{t('field.process')}</th>
                <th scope="col">{t('field.unit')}</th>
                <th scope="col">{t('monitor.dueAt')}</th>
                <th scope="col">{t('monitor.basis')}</th>
                <th scope="col">{t('monitor.situation')}</th>
              </tr>
            </thead>
            <tbody>
              {breaches.items.map((b) => (
                <tr key={`${b.instanceId} ${b.stepId} ${b.expiredAt} ${b.taskId ?? ''}`}>
                  <th scope="row">
                    <Link to={pathFor({ name: 'case', instanceId: b.instanceId })} aria-label={t('monitor.openCase', { title: text(b.stepTitle) })}>{text(b.stepTitle)}</Link>
                    <span className="monitor-purpose">{purposeText(b.purpose, t)}</span>
                  </th>
                  <td>{text(b.processTitle)}</td>
                  <td>{unitName(b.orgUnitName, b.orgUnit)}</td>
                  <td>{b.dueAt ? <time dateTime={b.dueAt}>{formatInstant(b.dueAt)}</time> : formatInstant(b.expiredAt)}</td>
                  <td>{b.basis ? text(b.basis) : ''}</td>
                  <td>{breachSituation(b, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Truncated shown={breaches.items.length} total={breaches.total} />
        </>
      )}
    </section>
  );
}
