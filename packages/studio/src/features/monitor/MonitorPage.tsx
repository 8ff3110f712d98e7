import type { ReactElement } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { useText } from '../../preferences/PreferencesContext.js';

/** The monitor (to be built): running cases, overdue tasks and SLA breaches per process and unit. */
export function MonitorPage(): ReactElement {
  const { t } = useText();
  return <PageHeading title={t('monitor.title')} />;
}
