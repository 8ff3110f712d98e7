import type { ReactElement } from 'react';
import { useText } from '../../preferences/PreferencesContext.js';
import type { SubmittedField } from './submittedFields.js';

/** A task's submission, folded under a disclosure so that the timeline stays readable. */
export function SubmittedData({ fields }: { fields: readonly SubmittedField[] }): ReactElement | null {
  const { t } = useText();
  if (fields.length === 0) return null;
  return (
    <details className="timeline__data">
      <summary>{t('case.submitted')}</summary>
      <FieldList fields={fields} />
    </details>
  );
}

function FieldList({ fields }: { fields: readonly SubmittedField[] }): ReactElement {
  const { t } = useText();
  return (
    <dl className="submitted-fields">
      {fields.map((field) => (
        <div key={field.key} className="submitted-fields__row">
          <dt>{field.label}</dt>
          <dd>
            {field.kind === 'value' && field.text}
            {field.kind === 'yesNo' && t(field.value ? 'case.yes' : 'case.no')}
            {field.kind === 'group' && (field.fields.length > 0 ? <FieldList fields={field.fields} /> : t('case.emptyGroup'))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
