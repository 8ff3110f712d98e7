import type { ReactElement } from 'react';
import { formatInstant } from '../format/formatInstant.js';
import { useText } from '../preferences/PreferencesContext.js';

/** A due date; when it has passed, a red "已逾期 / Overdue" marker in words too (never colour alone). */
export function DueDate({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }): ReactElement {
  const { t } = useText();
  if (!dueAt) return <span className="due due--none">{t('due.none')}</span>;
  return (
    <span className={overdue ? 'due due--overdue' : 'due'}>
      <time dateTime={dueAt}>{formatInstant(dueAt)}</time>
      {overdue && <strong className="overdue-marker"><span aria-hidden="true">⚠ </span>{t('due.overdue')}</strong>}
    </span>
  );
}
