import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import type { TimelineEvent } from '../../api/types.js';
import { roleTitle, stepTitles } from '../../definitions/definitionTexts.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { useUser } from '../../session/SessionContext.js';
import { eventLabel, eventSubject } from './eventLabels.js';
import { SubmittedData } from './SubmittedData.js';
import { formOfStep, submittedFields } from './submittedFields.js';

/**
 * 办理经过: every event of the case, oldest first — when, what (a readable name per event type and
 * what it was about), who acted (user id, their roles by the process's titles, their unit), and
 * for a completed task what was submitted (folded; labelled with the form's titles).
 */
export function Timeline({ events, definition }: { events: readonly TimelineEvent[]; definition: ProcessDefinition | undefined }): ReactElement {
  const { t, text, locale } = useText();
  const user = useUser();
  const steps = useMemo(() => stepTitles(definition), [definition]);
  const titles = useMemo(() => ({ step: (id: string) => steps.get(id) }), [steps]);
  if (events.length === 0) return <p>{t('case.timelineEmpty')}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => {
        const subject = eventSubject(event, events, titles);
        const actor = event.actor;
        const roles = actor?.roles.map((r) => {
          const title = roleTitle(definition, r);
          if (!title) return r;
          return locale === 'en' ? `${text(title)} (${r})` : `${text(title)}（${r}）`;
        }).join(locale === 'en' ? ', ' : '、');
        return (
          <li key={event.seq} className={`timeline__event timeline__event--${event.type.replace(/\W+/g, '-')}`}>
            <time className="timeline__time" dateTime={event.at}>{formatInstant(event.at)}</time>
            <div className="timeline__body">
              <p className="timeline__what">
                <strong>{text(eventLabel(event.type))}</strong>
                {subject && <> · {text(subject)}</>}
              </p>
              {/* Events that follow from an action (a step reached, a task assigned) carry no actor of their own. */}
              {actor && (
                <p className="timeline__who">
                  {actor.id === 'system'
                    ? t('case.by', { actor: t('case.system') })
                    : t('case.by', { actor: [actor.id, roles, actor.orgUnit ? unitLabel(actor.orgUnit, user) : ''].filter(Boolean).join(' · ') })}
                </p>
              )}
              {event.type === 'task.completed' && event.stepId !== undefined && (
                <SubmittedData fields={submittedFields(event.data, formOfStep(definition, event.stepId)?.schema, (n) => t('case.item', { n }))} />
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
