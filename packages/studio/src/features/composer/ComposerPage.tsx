import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition, loadDefinitions } from '../../definitions/definitionCache.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { ComposerWorkspace } from './ComposerWorkspace.js';
import './composer.css';
import { newDefinition } from './model/index.js';

/**
 * The draft of the next version of a published process: its document with the version after the
 * latest one published (which may be newer than the version it was opened from).
 */
async function nextVersionDraft(definitionId: string, version: number): Promise<ProcessDefinition> {
  const [published, listing] = await Promise.all([loadDefinition(definitionId, version), loadDefinitions()]);
  const latest = Math.max(version, listing.find((d) => d.id === definitionId)?.latestVersion ?? version);
  return { ...published.document, version: latest + 1 };
}

/**
 * The flow composer (流程编排): a new process from a minimal template (one task, one end, an id to
 * set), or the next version of a published one (`/processes/:id/:version/edit`).
 */
export function ComposerPage({ definitionId, version }: { definitionId?: string | undefined; version?: number | undefined }): ReactElement {
  const { t } = useText();
  const editing = definitionId !== undefined && version !== undefined;
  const title = editing ? t('composer.titleEdit', { process: definitionId, version }) : t('composer.titleNew');
  const loaded = useAsync<ProcessDefinition>(
    () => (editing ? nextVersionDraft(definitionId, version) : Promise.resolve(newDefinition())),
    editing ? `${definitionId}@${version}` : 'new',
  );
  return (
    <>
      <PageHeading title={title} />
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          {editing && <p>{t('composer.editIntro', { version: loaded.value.version })}</p>}
          <ComposerWorkspace initial={loaded.value} />
        </>
      )}
    </>
  );
}
