import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import type { CaseInfo } from '../../api/types.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { useUser } from '../../session/SessionContext.js';
import { caseDataSummary } from './caseDataSummary.js';

/** The case a task belongs to, beside its form: process, unit, when it started, and its data so far. */
export function CaseContext({ caseInfo, definition }: { caseInfo: CaseInfo; definition: ProcessDefinition | undefined }): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const facts = caseDataSummary(caseInfo.data, definition);
  return (
    <aside className="case-context" aria-labelledby="case-context-heading">
      <h2 id="case-context-heading">{t('task.caseHeading')}</h2>
      <dl className="facts facts--stacked">
        <div><dt>{t('field.process')}</dt><dd>{text(caseInfo.title)}</dd></div>
        <div><dt>{t('field.unit')}</dt><dd>{unitLabel(caseInfo.orgUnit, user)}</dd></div>
        <div><dt>{t('field.started')}</dt><dd><time dateTime={caseInfo.startedAt}>{formatInstant(caseInfo.startedAt)}</time></dd></div>
        <div><dt>{t('field.caseNumber')}</dt><dd className="case-number">{caseInfo.instanceId}</dd></div>
      </dl>
      <h3>{t('task.dataHeading')}</h3>
      {facts.length === 0 ? <p>{t('task.dataEmpty')}</p> : (
        <dl className="facts facts--stacked">
          {facts.map((f) => (
            <div key={f.key}>
              <dt>{text(f.label)}</dt>
              <dd>
                {f.kind === 'text' && f.text}
                {f.kind === 'yesNo' && (f.value ? t('value.yes') : t('value.no'))}
                {f.kind === 'filled' && t('task.dataFilled', { count: f.count })}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p><Link to={pathFor({ name: 'case', instanceId: caseInfo.instanceId })}>{t('task.openCase')}</Link></p>
    </aside>
  );
}
