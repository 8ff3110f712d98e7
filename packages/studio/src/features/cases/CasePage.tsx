import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { api } from '../../api/client.js';
import type { CaseHistory, CaseView } from '../../api/types.js';
import { DueDate } from '../../components/DueDate.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition } from '../../definitions/definitionCache.js';
import { roleTitle } from '../../definitions/definitionTexts.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import { useAsync } from '../../hooks/useAsync.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { useUser } from '../../session/SessionContext.js';
import { rememberCase } from './recentCases.js';
import { Timeline } from './Timeline.js';

// React Flow and the ELK layout engine load only when a diagram is shown.
const CaseDiagram = lazy(async () => ({ default: (await import('../flow/CaseDiagram.js')).CaseDiagram }));

const STATUS: Record<CaseView['status'], MessageKey> = { active: 'status.active', done: 'status.done', cancelled: 'status.cancelled' };

/** A case (GET /api/instances/:id): its status and outcome, open tasks, and the timeline of everything that happened. */
export function CasePage({ instanceId }: { instanceId: string }): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const loaded = useAsync(() => Promise.all([api.caseView(instanceId), api.caseHistory(instanceId)]), instanceId);
  const [definition, setDefinition] = useState<ProcessDefinition | undefined>();
  const view = loaded.status === 'ready' ? loaded.value[0] : undefined;

  useEffect(() => {
    if (!view) return;
    rememberCase(user.id, { instanceId: view.instanceId, title: view.title, orgUnit: view.orgUnit, viewedAt: new Date().toISOString() });
    loadDefinition(view.definitionId, view.definitionVersion).then((d) => setDefinition(d.document), () => undefined);
  }, [view, user.id]);

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading title={t('error.title')} />
        <ErrorNotice error={loaded.error}>
          <p className="actions"><button type="button" className="button" onClick={loaded.reload}>{t('task.reload')}</button></p>
        </ErrorNotice>
      </>
    );
  }
  const [caseView, history]: [CaseView, CaseHistory] = loaded.value;
  return (
    <>
      <PageHeading title={t('case.title', { process: text(caseView.title) })} />
      <dl className="facts case-facts">
        <div><dt>{t('field.status')}</dt><dd><span className={`status status--${caseView.status}`}>{t(STATUS[caseView.status])}</span></dd></div>
        {caseView.outcome && <div><dt>{t('field.outcome')}</dt><dd>{text(caseView.outcome.title)}</dd></div>}
        <div><dt>{t('field.unit')}</dt><dd>{unitLabel(caseView.orgUnit, user)}</dd></div>
        <div><dt>{t('field.started')}</dt><dd><time dateTime={caseView.startedAt}>{formatInstant(caseView.startedAt)}</time></dd></div>
        <div><dt>{t('field.startedBy')}</dt><dd>{caseView.startedBy}</dd></div>
        <div><dt>{t('field.caseNumber')}</dt><dd className="case-number">{caseView.instanceId}</dd></div>
      </dl>

      <section aria-labelledby="case-tasks-heading">
        <h2 id="case-tasks-heading">{t('case.openTasks')}</h2>
        {caseView.tasks.length === 0 ? <p>{t('case.noOpenTasks')}</p> : (
          <ul className="task-list">
            {caseView.tasks.map((task) => {
              const role = roleTitle(definition, task.assignee.role);
              return (
                <li key={task.id} className={task.overdue ? 'task-card task-card--overdue' : 'task-card'}>
                  <h3 className="task-card__title">
                    {task.canAct
                      ? <Link to={pathFor({ name: 'task', instanceId: caseView.instanceId, taskId: task.id })}>{text(task.title)}</Link>
                      : text(task.title)}
                  </h3>
                  <dl className="facts">
                    <div><dt>{t('field.assignee')}</dt><dd>{role ? text(role) : task.assignee.role} · {unitLabel(task.assignee.orgUnit, user)}</dd></div>
                    <div><dt>{t('field.due')}</dt><dd><DueDate dueAt={task.dueAt} overdue={task.overdue} /></dd></div>
                  </dl>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {definition && (
        <section aria-labelledby="case-diagram-heading">
          <h2 id="case-diagram-heading">{t('case.diagram')}</h2>
          <Suspense fallback={<Loading />}>
            <CaseDiagram definition={definition} state={caseView.state} />
          </Suspense>
        </section>
      )}

      <section aria-labelledby="case-timeline-heading">
        <h2 id="case-timeline-heading">{t('case.timeline')}</h2>
        <Timeline events={history.events} definition={definition} />
      </section>
    </>
  );
}
