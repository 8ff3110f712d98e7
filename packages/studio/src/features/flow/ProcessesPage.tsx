import type { ReactElement } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinitions } from '../../definitions/definitionCache.js';
import { formatInstant } from '../../format/formatInstant.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';

/** 流程: every published process (GET /api/definitions) with its versions, each linking to its diagram. */
export function ProcessesPage(): ReactElement {
  const { t, text } = useText();
  const loaded = useAsync(loadDefinitions, 'processes');
  return (
    <>
      <PageHeading title={t('processes.title')} />
      <p>{t('processes.intro')}</p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} />}
      {loaded.status === 'ready' && (loaded.value.length === 0 ? <p>{t('processes.empty')}</p> : (
        <ul className="process-list">
          {loaded.value.map((definition) => (
            <li key={definition.id}>
              <h2>{text(definition.title)}</h2>
              <ul>
                {[...definition.versions].sort((a, b) => b.version - a.version).map((v) => (
                  <li key={v.version}>
                    <Link to={pathFor({ name: 'process', definitionId: definition.id, version: v.version })}>
                      {t('processes.version', { version: v.version })}
                      {v.version === definition.latestVersion && t('processes.latest')}
                    </Link>
                    {' · '}<time dateTime={v.publishedAt}>{formatInstant(v.publishedAt)}</time>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ))}
    </>
  );
}
