import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { TaskFormProps } from '@civicflow/forms/react';
import type { ProcessDefinition } from '@civicflow/engine';
import { ApiError } from '../../api/ApiError.js';
import { api } from '../../api/client.js';
import type { CommandResult, TaskDetail } from '../../api/types.js';
import { DueDate } from '../../components/DueDate.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { LoadedTaskForm } from '../../components/LoadedTaskForm.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition } from '../../definitions/definitionCache.js';
import { formTitle } from '../../definitions/definitionTexts.js';
import { useTaskValidator } from '../../validation/taskValidator.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { useUser } from '../../session/SessionContext.js';
import { rememberCase } from '../cases/recentCases.js';
import { CaseContext } from './CaseContext.js';
import { ServerFormErrors } from './ServerFormErrors.js';
import { SubmissionResult } from './SubmissionResult.js';
import { createSubmissionKeys } from './submissionKeys.js';

const FORM_ID_PREFIX = 'task';

/** Codes after which the task must be loaded again before anything else can be done. */
const RELOAD_CODES = new Set(['CF_ENGINE_STORE_CONFLICT', 'CF_SERVER_TASK_CLOSED']);

/** A task opened for work (GET /api/tasks/:instanceId/:taskId): its form beside the case. */
export function TaskPage({ instanceId, taskId }: { instanceId: string; taskId: string }): ReactElement {
  const { t, text } = useText();
  const loaded = useAsync(() => api.task(instanceId, taskId), `${instanceId}/${taskId}`);
  const [definition, setDefinition] = useState<ProcessDefinition | undefined>();
  const user = useUser();

  const detail = loaded.status === 'ready' ? loaded.value : undefined;
  useEffect(() => {
    if (!detail) return;
    rememberCase(user.id, { instanceId: detail.instanceId, title: detail.case.title, orgUnit: detail.case.orgUnit, viewedAt: new Date().toISOString() });
    // Titles for the data summary; the form itself needs nothing from it.
    loadDefinition(detail.case.definitionId, detail.case.definitionVersion).then((d) => setDefinition(d.document), () => undefined);
  }, [detail, user.id]);

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading title={t('error.title')} />
        <ErrorNotice error={loaded.error}>
          {loaded.error.status === 404 && <p>{t('task.notFoundHint')}</p>}
          <p className="actions">
            <button type="button" className="button" onClick={loaded.reload}>{t('task.reload')}</button>
            <Link className="button" to="/">{t('task.backToInbox')}</Link>
          </p>
        </ErrorNotice>
      </>
    );
  }
  return <TaskWork detail={loaded.value} definition={definition} reload={loaded.reload} />;
}

type Submission =
  | { phase: 'editing' }
  | { phase: 'failed'; error: ApiError; data: unknown }
  | { phase: 'done'; result: CommandResult };

function TaskWork({ detail, definition, reload }: { detail: TaskDetail; definition: ProcessDefinition | undefined; reload(): void }): ReactElement {
  const { t, text, locale } = useText();
  const { task, case: caseInfo, instanceId } = detail;
  const keys = useRef(createSubmissionKeys()).current;
  const [submission, setSubmission] = useState<Submission>({ phase: 'editing' });
  const validator = useTaskValidator({ definitionId: caseInfo.definitionId, definitionVersion: caseInfo.definitionVersion, formId: task.formId });
  const schema = task.formSchema as TaskFormProps['schema'];
  const uiSchema = task.uiSchema as TaskFormProps['uiSchema'];

  const submit = useCallback(async (data: unknown): Promise<void> => {
    const key = keys.keyFor(data);
    try {
      const result = await api.completeTask(instanceId, task.id, data, key);
      keys.settled();
      setSubmission({ phase: 'done', result });
    } catch (e) {
      const error = ApiError.from(e);
      // An unknown outcome keeps the key: "submit again" sends the same submission.
      if (!error.outcomeUnknown) keys.settled();
      setSubmission({ phase: 'failed', error, data });
    }
  }, [keys, instanceId, task.id]);

  const form = formTitle(definition, task.formId);
  const heading = text(task.title);

  return (
    <>
      <PageHeading title={heading} />
      <p className="task-meta">
        <span>{text(caseInfo.title)}</span>
        <span className="task-meta__due">{t('field.due')}{locale === 'en' ? ': ' : '：'}<DueDate dueAt={task.dueAt} overdue={task.overdue} /></span>
      </p>
      <div className="task-layout">
        <section className="task-layout__form" aria-labelledby="task-form-heading">
          <h2 id="task-form-heading">{form ? text(form) : t('task.formHeading')}</h2>
          {submission.phase === 'done' ? (
            <SubmissionResult instanceId={instanceId} taskId={task.id} taskTitle={task.title} result={submission.result} />
          ) : (
            <>
              {submission.phase === 'failed' && (
                <>
                  <ServerFormErrors error={submission.error} schema={task.formSchema} idPrefix={FORM_ID_PREFIX} />
                  {submission.error.outcomeUnknown && (
                    <p className="actions">
                      <button type="button" className="button button--primary" onClick={() => void submit(submission.data)}>{t('task.retry')}</button>
                      <span className="field__hint">{t('task.retryHint')}</span>
                    </p>
                  )}
                  {RELOAD_CODES.has(submission.error.code) && (
                    <p className="actions"><button type="button" className="button" onClick={reload}>{t('task.reload')}</button></p>
                  )}
                </>
              )}
              <LoadedTaskForm validator={validator} schema={schema} uiSchema={uiSchema} idPrefix={FORM_ID_PREFIX} uploadFile={api.uploadAttachment} onSubmit={submit} />
            </>
          )}
        </section>
        <CaseContext caseInfo={caseInfo} definition={definition} />
      </div>
    </>
  );
}
