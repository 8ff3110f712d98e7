import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinitions } from '../../definitions/definitionCache.js';
import { formatInstant } from '../../format/formatInstant.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { useUser } from '../../session/SessionContext.js';
import { fetchMonitor, fetchOrgUnits, flattenUnits } from './monitorApi.js';
import type { MonitorQuery } from './monitorApi.js';
import { BreachTable, OverdueTable, RunningTable } from './MonitorTables.js';
import { SeriesChart } from './SeriesChart.js';
import './monitor.css';

/**
 * 运行监控 (administrators): for a unit and the units below it, the cases running by process,
 * unit and step; the open tasks past due; the time limits that ran out (SLA breaches) with their
 * legal basis; and a chart per process of cases opened, resolved, escalated and overdue per day.
 * Filters: process, unit, dates. Everything comes from GET /api/monitor.
 */
export function MonitorPage(): ReactElement {
  const { t } = useText();
  const [query, setQuery] = useState<MonitorQuery>({});
  const report = useAsync(() => fetchMonitor(query), JSON.stringify(query));
  return (
    <>
      <PageHeading title={t('monitor.title')} />
      <p>{t('monitor.intro')}</p>
      <MonitorFilters onApply={setQuery} />
      {report.status === 'loading' && <Loading />}
      {report.status === 'failed' && (
        <ErrorNotice error={report.error}>
          <button type="button" className="button" onClick={report.reload}>{t('task.reload')}</button>
        </ErrorNotice>
      )}
      {report.status === 'ready' && (
        <>
          <p role="status" className="monitor-scope">
            {t('monitor.scope', { unit: report.value.orgUnitName ?? report.value.orgUnit, from: report.value.from, to: report.value.to, now: formatInstant(report.value.now) })}
          </p>
          <RunningTable running={report.value.running} />
          <OverdueTable overdue={report.value.overdueTasks} />
          <BreachTable breaches={report.value.breaches} />
          <section className="panel" aria-labelledby="monitor-charts">
            <h2 id="monitor-charts">{t('monitor.charts')}</h2>
            <p className="field__hint">{t('monitor.seriesNote')}</p>
            {report.value.series.length === 0 ? <p className="empty">{t('monitor.chartsNone')}</p>
              : report.value.series.map((s) => <SeriesChart key={s.definitionId} series={s} />)}
          </section>
        </>
      )}
    </>
  );
}

/** Process, unit and dates; applied together when the person asks (a changed picker alone moves nothing). */
function MonitorFilters({ onApply }: { onApply(query: MonitorQuery): void }): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const id = useId();
  const definitions = useAsync(loadDefinitions, 'definitions');
  const units = useAsync(fetchOrgUnits, 'org-units');
  const [draft, setDraft] = useState({ definitionId: '', orgUnit: '', from: '', to: '' });
  const set = (field: keyof typeof draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  function submit(event: FormEvent): void {
    event.preventDefault();
    onApply({ definitionId: draft.definitionId || undefined, orgUnit: draft.orgUnit || undefined, from: draft.from || undefined, to: draft.to || undefined });
  }
  const unitOptions = units.status === 'ready' ? flattenUnits(units.value) : user ? [{ path: user.orgUnit, name: user.orgUnitName ?? user.orgUnit, depth: 0 }] : [];
  return (
    <form className="inline-form monitor-filters" aria-label={t('monitor.filters')} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-process`}>{t('monitor.process')}</label>
        <select id={`${id}-process`} value={draft.definitionId} onChange={set('definitionId')}>
          <option value="">{t('monitor.allProcesses')}</option>
          {definitions.status === 'ready' && definitions.value.map((d) => <option key={d.id} value={d.id}>{text(d.title)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('monitor.unit')}</label>
        <select id={`${id}-unit`} value={draft.orgUnit} onChange={set('orgUnit')}>
          {unitOptions.map((u, i) => (
            // The first is the administrator's own unit, the default: sent as no filter.
            <option key={u.path} value={i === 0 ? '' : u.path}>{`${'\u3000'.repeat(u.depth)}${u.name}`}</option>
          ))}
        </select>
      </div>
      <div className="field monitor-filters__date">
        <label htmlFor={`${id}-from`}>{t('monitor.from')}</label>
        <input id={`${id}-from`} type="date" value={draft.from} onChange={set('from')} aria-describedby={`${id}-range`} />
      </div>
      <div className="field monitor-filters__date">
        <label htmlFor={`${id}-to`}>{t('monitor.to')}</label>
        <input id={`${id}-to`} type="date" value={draft.to} onChange={set('to')} aria-describedby={`${id}-range`} />
      </div>
      <button type="submit" className="button button--primary">{t('monitor.apply')}</button>
      <p id={`${id}-range`} className="field__hint monitor-filters__hint">{t('monitor.rangeHint')}</p>
    </form>
  );
}
