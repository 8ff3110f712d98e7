import type { ReactElement } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { useText } from '../../preferences/PreferencesContext.js';

/** Two published versions of one definition and their differences (to be built). */
export function VersionDiffPage({ definitionId, from, to }: { definitionId: string; from: number; to: number }): ReactElement {
  const { t } = useText();
  return <PageHeading title={t('versions.diffTitle', { process: definitionId, from, to })} />;
}
