import { useId } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import type { DueTimerView } from '@civicflow/engine/testing';
import { formatInstant } from '../../format/formatInstant.js';
import { useText } from '../../preferences/PreferencesContext.js';

/** The steps the clock buttons move by (ISO-8601 durations, as the scenario file records them). */
export const CLOCK_STEPS = [
  { to: 'PT1H', label: 'simulator.advanceHour' },
  { to: 'P1D', label: 'simulator.advanceDay' },
  { to: 'P1W', label: 'simulator.advanceWeek' },
] as const;

/**
 * The simulated time and the buttons that move it: by an hour, a day, a week, or to the next
 * deadline of the case (its time and step named), at which the due timers fire.
 */
export function SimulationClock({ now, next, stepTitle, disabled, onAdvance }: {
  now: string;
  next: DueTimerView | undefined;
  stepTitle(stepId: string): LocalizedText | undefined;
  disabled: boolean;
  onAdvance(to: string): void;
}): ReactElement {
  const { t, text, locale } = useText();
  const id = useId();
  return (
    <section className="panel simulator-clock" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('simulator.clockHeading')}</h2>
      <p className="simulator-clock__now">
        {t('simulator.now')}{locale === 'en' ? ': ' : '：'}<time dateTime={now} className="simulator-clock__time">{formatInstant(now)}</time>
      </p>
      <p className="field__hint">
        {next
          ? t('simulator.nextDue', { time: formatInstant(next.timer.dueAt), step: text(stepTitle(next.timer.stepId) ?? next.timer.stepId), basis: text(next.timer.basis) })
          : t('simulator.noTimers')}
      </p>
      <div className="actions" role="group" aria-label={t('simulator.advanceLabel')}>
        {CLOCK_STEPS.map((s) => (
          <button key={s.to} type="button" className="button" disabled={disabled} onClick={() => onAdvance(s.to)}>{t(s.label)}</button>
        ))}
        <button type="button" className="button" disabled={disabled || !next} onClick={() => next && onAdvance(next.timer.dueAt)}>{t('simulator.advanceNext')}</button>
      </div>
    </section>
  );
}
