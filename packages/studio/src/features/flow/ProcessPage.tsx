import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { validateDefinition } from '@civicflow/engine';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition } from '../../definitions/definitionCache.js';
import type { PublishedDefinition } from '../../api/types.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { definitionToGraph } from './definitionToGraph.js';
import { FlowDiagram } from './FlowDiagram.js';

/** One published version (GET /api/definitions/:id/versions/:version) as a diagram, with what validateDefinition finds. */
export function ProcessPage({ definitionId, version }: { definitionId: string; version: number }): ReactElement {
  const { t } = useText();
  const loaded = useAsync(() => loadDefinition(definitionId, version), `${definitionId}@${version}`);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading title={t('error.title')} />
        <ErrorNotice error={loaded.error} />
      </>
    );
  }
  return <ProcessVersion published={loaded.value} />;
}

function ProcessVersion({ published }: { published: PublishedDefinition }): ReactElement {
  const { t, text } = useText();
  // Published versions passed validation when published, but the rules grow: checked again here.
  const problems = useMemo(() => validateDefinition(published.document), [published]);
  const otherProblems = useMemo(() => definitionToGraph(published.document, { problems }).otherProblems, [published, problems]);
  return (
    <>
      <PageHeading title={t('process.title', { process: text(published.title), version: published.version })} />
      {published.document.description && <p>{text(published.document.description)}</p>}
      <p role="status">{problems.length === 0 ? t('process.noProblems') : t('process.problemCount', { count: problems.length })}</p>
      {otherProblems.length > 0 && (
        <section aria-labelledby="process-other-problems">
          <h2 id="process-other-problems">{t('process.otherProblems')}</h2>
          <ul className="flow-other-problems">
            {otherProblems.map((p, i) => <li key={i}><code>{p.pointer}</code> {text(p.message)}</li>)}
          </ul>
        </section>
      )}
      <FlowDiagram definition={published.document} problems={problems} />
    </>
  );
}
