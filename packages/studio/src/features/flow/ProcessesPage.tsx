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
import './processes.css';

/**
 * 流程: every published process (GET /api/definitions) with its versions, newest first. A new
 * process starts in the composer; each version links to its diagram, to the composer (a draft of
 * the next version from it), to the simulator, and to its differences from the version before.
 */
export function ProcessesPage(): ReactElement {
  const { t, text } = useText();
  const loaded = useAsync(loadDefinitions, 'processes');
  return (
    <>
      <PageHeading title={t('processes.title')} />
      <p>{t('processes.intro')}</p>
      <p><Link className="button button--primary" to={pathFor({ name: 'composer' })}>{t('processes.new')}</Link></p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} />}
      {loaded.status === 'ready' && (loaded.value.length === 0 ? <p>{t('processes.empty')}</p> : (
        <ul className="process-list">
          {loaded.value.map((definition) => {
            const versions = [...definition.versions].sort((a, b) => b.version - a.version);
            return (
              <li key={definition.id}>
                <h2>{text(definition.title)}</h2>
                <ul>
                  {versions.map((v, i) => {
                    const previous = versions[i + 1];
                    const name = t('processes.version', { version: v.version });
                    // Every version has the same links: each is named with its version for screen readers, which list links out of context.
                    const named = (action: string) => t('processes.actionOf', { action, version: name });
                    return (
                      <li key={v.version} className="process-version">
                        <span className="process-version__name">
                          {name}
                          {v.version === definition.latestVersion && t('processes.latest')}
                        </span>
                        {' · '}<time dateTime={v.publishedAt}>{formatInstant(v.publishedAt)}</time>
                        <ul className="process-version__actions">
                          <li><Link to={pathFor({ name: 'process', definitionId: definition.id, version: v.version })} aria-label={named(t('processes.diagram'))}>{t('processes.diagram')}</Link></li>
                          <li><Link to={pathFor({ name: 'composer', definitionId: definition.id, version: v.version })} aria-label={named(t('processes.editAsNew'))}>{t('processes.editAsNew')}</Link></li>
                          <li><Link to={pathFor({ name: 'simulator', definitionId: definition.id, version: v.version })} aria-label={named(t('processes.simulate'))}>{t('processes.simulate')}</Link></li>
                          {previous && (
                            <li>
                              <Link to={pathFor({ name: 'versionDiff', definitionId: definition.id, from: previous.version, to: v.version })} aria-label={named(t('processes.compare'))}>
                                {t('processes.compare')}
                              </Link>
                            </li>
                          )}
                        </ul>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      ))}
    </>
  );
}
