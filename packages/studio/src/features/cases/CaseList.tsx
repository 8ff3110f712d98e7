import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { ApiError } from '../../api/ApiError.js';
import { api } from '../../api/client.js';
import type { CaseListItem, CaseStatus } from '../../api/types.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { useUser } from '../../session/SessionContext.js';

const STATUS: Record<CaseStatus, MessageKey> = { active: 'status.active', done: 'status.done', cancelled: 'status.cancelled' };
const STATUSES = Object.keys(STATUS) as CaseStatus[];

interface ListState {
  items: CaseListItem[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError | undefined;
}

/**
 * The cases the signed-in person may see (GET /api/instances: newest first, a page at a time with
 * "load more"), filtered by status; each row links to the case page.
 */
export function CaseList(): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const id = useId();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, loading: true });
  // Answers to an earlier filter that arrive late are dropped.
  const latestRequest = useRef(0);

  async function loadPage(cursor: string | null, filter: CaseStatus | ''): Promise<void> {
    const request = ++latestRequest.current;
    setState((s) => ({ ...s, items: cursor ? s.items : [], loading: true, error: undefined }));
    try {
      const page = await api.cases({ status: filter || undefined, cursor });
      if (request !== latestRequest.current) return;
      setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, loading: false }));
    } catch (error) {
      if (request !== latestRequest.current) return;
      setState((s) => ({ ...s, loading: false, error: ApiError.from(error) }));
    }
  }

  useEffect(() => {
    void loadPage(null, status);
  }, [status]);

  const firstLoad = state.loading && state.items.length === 0;

  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`}>{t('cases.listHeading')}</h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('cases.statusFilter')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
          <option value="">{t('cases.statusAll')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(STATUS[s])}</option>)}
        </select>
      </div>
      {/* Announced politely whenever the count changes (filtering, loading more). */}
      <p role="status">{!firstLoad && state.items.length > 0 ? t('cases.count', { loaded: state.items.length }) : ''}</p>
      {firstLoad && !state.error && <Loading />}
      {!state.loading && !state.error && state.items.length === 0 && (
        <p className="empty">{status ? t('cases.listEmptyStatus', { status: t(STATUS[status]) }) : t('cases.listEmpty')}</p>
      )}
      {state.items.length > 0 && (
        <table aria-labelledby={`${id}-heading`}>
          <thead>
            <tr>
              <th scope="col">{t('field.process')}</th>
              <th scope="col">{t('field.unit')}</th>
              <th scope="col">{t('field.started')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('field.openTaskCount')}</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((item) => (
              <tr key={item.instanceId}>
                <th scope="row"><Link to={pathFor({ name: 'case', instanceId: item.instanceId })}>{text(item.title)}</Link></th>
                <td>{unitLabel(item.orgUnit, user)}</td>
                <td><time dateTime={item.startedAt}>{formatInstant(item.startedAt)}</time></td>
                <td>{t(STATUS[item.status])}{item.outcome && <>{' · '}{text(item.outcome.title)}</>}</td>
                <td>{item.openTaskCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.error && (
        <ErrorNotice error={state.error}>
          <button type="button" className="button" onClick={() => void loadPage(state.items.length > 0 ? state.nextCursor : null, status)}>{t('task.reload')}</button>
        </ErrorNotice>
      )}
      {state.nextCursor && !state.error && (
        <p>
          <button type="button" className="button" disabled={state.loading} onClick={() => void loadPage(state.nextCursor, status)}>
            {state.loading ? t('inbox.loadingMore') : t('inbox.loadMore')}
          </button>
        </p>
      )}
      {!state.nextCursor && !state.loading && !state.error && state.items.length > 0 && <p className="field__hint">{t('cases.allLoaded')}</p>}
    </section>
  );
}
