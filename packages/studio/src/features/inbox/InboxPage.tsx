import { useEffect, useId, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { ApiError } from '../../api/ApiError.js';
import { api } from '../../api/client.js';
import type { DefinitionListing, InboxItem } from '../../api/types.js';
import { DueDate } from '../../components/DueDate.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinitions } from '../../definitions/definitionCache.js';
import { processTitle } from '../../definitions/definitionTexts.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { useUser } from '../../session/SessionContext.js';
import { filterInbox } from './filterInbox.js';

interface InboxState {
  items: InboxItem[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError | undefined;
}

/**
 * 我的待办: the signed-in person's open tasks, soonest due first (GET /api/tasks, a page at a
 * time with "load more"), each with its process, unit and due date; overdue ones are marked in
 * words and colour. The filter searches what is loaded.
 */
export function InboxPage(): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const id = useId();
  const [state, setState] = useState<InboxState>({ items: [], nextCursor: null, loading: true });
  const [listing, setListing] = useState<DefinitionListing[] | undefined>();
  const [query, setQuery] = useState('');

  async function loadPage(cursor: string | null): Promise<void> {
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await api.inbox(cursor);
      setState((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, loading: false }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error: ApiError.from(error) }));
    }
  }

  useEffect(() => {
    void loadPage(null);
    // Process titles are a nicety: without them the process id is shown.
    loadDefinitions().then(setListing, () => undefined);
  }, []);

  const texts = useMemo(() => ({
    processTitle: (item: InboxItem) => processTitle(listing, item.case.definitionId, item.case.definitionVersion),
    unit: (item: InboxItem) => unitLabel(item.case.orgUnit, user),
  }), [listing, user]);
  const shown = useMemo(() => filterInbox(state.items, query, texts), [state.items, query, texts]);
  const firstLoad = state.loading && state.items.length === 0;

  return (
    <>
      <PageHeading title={t('inbox.title')} />
      {state.items.length > 0 && (
        <div className="field inbox__filter">
          <label htmlFor={`${id}-filter`}>{t('inbox.filter')}</label>
          <input id={`${id}-filter`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={`${id}-filter-hint`} />
          <p id={`${id}-filter-hint`} className="field__hint">{t('inbox.filterHint')}</p>
        </div>
      )}
      {/* Announced politely whenever the count changes (filtering, loading more). */}
      <p className="inbox__count" role="status">
        {!firstLoad && (state.items.length === 0 ? ''
          : query ? t('inbox.count', { loaded: state.items.length, shown: shown.length }) : t('inbox.countAll', { loaded: state.items.length }))}
      </p>
      {firstLoad && <Loading />}
      {!state.loading && !state.error && state.items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      {state.items.length > 0 && shown.length === 0 && <p className="empty">{t('inbox.noMatch')}</p>}
      {shown.length > 0 && (
        <ul className="task-list">
          {shown.map((item) => {
            const process = texts.processTitle(item);
            return (
              <li key={`${item.instanceId}/${item.taskId}`} className={item.overdue ? 'task-card task-card--overdue' : 'task-card'}>
                <h2 className="task-card__title">
                  <Link to={pathFor({ name: 'task', instanceId: item.instanceId, taskId: item.taskId })}>{text(item.title)}</Link>
                </h2>
                <dl className="facts">
                  <div><dt>{t('field.process')}</dt><dd>{process ? text(process) : item.case.definitionId}</dd></div>
                  <div><dt>{t('field.unit')}</dt><dd>{texts.unit(item)}</dd></div>
                  <div><dt>{t('field.due')}</dt><dd><DueDate dueAt={item.dueAt} overdue={item.overdue} /></dd></div>
                  <div><dt>{t('field.received')}</dt><dd><time dateTime={item.createdAt}>{formatInstant(item.createdAt)}</time></dd></div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {state.error && (
        <ErrorNotice error={state.error}>
          <button type="button" className="button" onClick={() => void loadPage(state.items.length > 0 ? state.nextCursor : null)}>{t('task.reload')}</button>
        </ErrorNotice>
      )}
      {state.nextCursor && !state.error && (
        <p>
          <button type="button" className="button" disabled={state.loading} onClick={() => void loadPage(state.nextCursor)}>
            {state.loading ? t('inbox.loadingMore') : t('inbox.loadMore')}
          </button>
        </p>
      )}
      {!state.nextCursor && !state.loading && state.items.length > 0 && <p className="field__hint">{t('inbox.allLoaded')}</p>}
    </>
  );
}
