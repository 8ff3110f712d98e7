import type { ReactElement } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { useText } from '../../preferences/PreferencesContext.js';

/** The simulator (to be built): a published version run in the browser on a simulated clock. */
export function SimulatorPage({ definitionId, version }: { definitionId: string; version: number }): ReactElement {
  const { t } = useText();
  return <PageHeading title={t('simulator.title', { process: definitionId, version })} />;
}
