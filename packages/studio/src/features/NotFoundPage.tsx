import type { ReactElement } from 'react';
import { PageHeading } from '../components/PageHeading.js';
import { useText } from '../preferences/PreferencesContext.js';
import { Link } from '../router/Link.js';

/** An address the studio does not know. */
export function NotFoundPage(): ReactElement {
  const { t } = useText();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p><Link to="/">{t('task.backToInbox')}</Link></p>
    </>
  );
}
