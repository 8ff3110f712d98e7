import { useId, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import type { SimulationEntry } from '@civicflow/engine/testing';
import type { TimelineEvent } from '../../api/types.js';
import { formatInstant } from '../../format/formatInstant.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { eventLabel, eventSubject } from '../cases/eventLabels.js';

/** The events a person follows in a simulation: deadlines, tasks, notifications, escalations, starts and ends. */
export const KEY_EVENTS: ReadonlySet<string> = new Set([
  'instance.started', 'instance.ended', 'instance.cancelled', 'task.opened', 'task.completed', 'task.closed', 'timer.fired', 'timer.expired',
  'notified', 'case.escalated', 'rung.entered', 'subprocess.started', 'subprocess.completed', 'review.decided', 'notice.closed', 'vote.counted',
]);

/**
 * What happened in the simulated case, with the simulated time of each event, named as on a case's
 * timeline (`eventLabels`); events of a subprocess say which. Newest last, like the timeline.
 */
export function SimulationLog({ log, stepTitle }: { log: readonly SimulationEntry[]; stepTitle(stepId: string): LocalizedText | undefined }): ReactElement {
  const { t, text } = useText();
  const id = useId();
  const [keyOnly, setKeyOnly] = useState(true);
  const events = useMemo(() => log.map((entry, seq): TimelineEvent & { entry: SimulationEntry } => ({ ...entry.event, seq, entry })), [log]);
  const shown = keyOnly ? events.filter((e) => KEY_EVENTS.has(e.type)) : events;
  const titles = useMemo(() => ({ step: stepTitle }), [stepTitle]);
  return (
    <section className="panel simulator-log" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('simulator.logHeading')}</h2>
      <p className="simulator-log__filter">
        <input id={`${id}-key`} type="checkbox" checked={keyOnly} onChange={(e) => setKeyOnly(e.target.checked)} />
        <label htmlFor={`${id}-key`}>{t('simulator.logKeyOnly')}</label>
      </p>
      {shown.length === 0 ? <p className="empty">{t('simulator.logEmpty')}</p> : (
        <ol className="timeline simulator-log__list">
          {shown.map((event) => {
            const subject = eventSubject(event, events, titles);
            return (
              <li key={event.seq} className={`timeline__event timeline__event--${event.type.replace(/\W+/g, '-')}`} data-type={event.type}>
                <time className="timeline__time" dateTime={event.at}>{formatInstant(event.at)}</time>
                <p className="timeline__what">
                  <strong>{text(eventLabel(event.type))}</strong>
                  {subject && <> · {text(subject)}</>}
                  {!event.entry.inRoot && <span className="simulator-log__where"> · {t('simulator.logSubprocess', { process: event.entry.definitionId })}</span>}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
