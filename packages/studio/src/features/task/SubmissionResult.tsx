import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import { api } from '../../api/client.js';
import type { CommandResult } from '../../api/types.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { chooseNextTask } from './nextTask.js';
import type { NextTask } from './nextTask.js';

/**
 * The confirmation after a task was completed: what was done, where the case stands, and a
 * button to the next task (same case first, else the inbox). It takes focus and is announced.
 */
export function SubmissionResult({ instanceId, taskId, taskTitle, result }: { instanceId: string; taskId: string; taskTitle: LocalizedText; result: CommandResult }): ReactElement {
  const { t, text } = useText();
  const ref = useRef<HTMLHeadingElement>(null);
  const [next, setNext] = useState<NextTask | null | undefined>(undefined);

  useEffect(() => {
    ref.current?.focus();
    let live = true;
    const done = { instanceId, taskId };
    const immediate = chooseNextTask(done, result, []);
    if (immediate) setNext(immediate);
    else {
      // The inbox may not yet be told about the task just done: ask for a few and skip it.
      api.inbox(null, 5).then(
        (page) => { if (live) setNext(chooseNextTask(done, result, page.items) ?? null); },
        () => { if (live) setNext(null); },
      );
    }
    return () => {
      live = false;
    };
  }, [instanceId, taskId, result]);

  const status = result.status === 'done'
    ? t('task.caseNowDone', { outcome: text(result.outcome?.title) })
    : result.status === 'cancelled' ? t('task.caseNowCancelled') : t('task.caseNowActive');

  return (
    <section className="notice notice--success submission-result" aria-labelledby="submission-result-heading">
      <div role="status">
        <h2 id="submission-result-heading" ref={ref} tabIndex={-1}>{t('task.submitted')}</h2>
        <p>{t('task.submittedText', { task: text(taskTitle) })} {status}</p>
      </div>
      <p className="actions">
        {next && (
          <Link className="button button--primary" to={pathFor({ name: 'task', instanceId: next.instanceId, taskId: next.taskId })}>
            {t('task.next', { task: text(next.title) })}
          </Link>
        )}
        <Link className="button" to="/">{t('task.backToInbox')}</Link>
        <Link className="button" to={pathFor({ name: 'case', instanceId })}>{t('task.openCase')}</Link>
      </p>
      {next === null && <p>{t('task.noNext')}</p>}
    </section>
  );
}
