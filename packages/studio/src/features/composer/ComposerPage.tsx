import type { ReactElement } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { useText } from '../../preferences/PreferencesContext.js';

/** The flow composer (to be built): a new definition, or the next version of a published one. */
export function ComposerPage({ definitionId, version }: { definitionId?: string | undefined; version?: number | undefined }): ReactElement {
  const { t } = useText();
  return <PageHeading title={definitionId !== undefined ? t('composer.titleEdit', { process: definitionId, version: version ?? '' }) : t('composer.titleNew')} />;
}
