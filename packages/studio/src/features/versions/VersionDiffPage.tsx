import { useId, useMemo, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { DefinitionListing, PublishedDefinition } from '../../api/types.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/Loading.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition, loadDefinitions } from '../../definitions/definitionCache.js';
import { formatInstant } from '../../format/formatInstant.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { navigate } from '../../router/navigation.js';
import { pathFor } from '../../router/routes.js';
import { describeChange, placeText } from './describeChange.js';
import type { TextHelpers } from './describeChange.js';
import { diffDefinitions } from './diffDefinitions.js';
import type { DefinitionChange } from './diffDefinitions.js';
import { groupChanges } from './groupChanges.js';
import type { ChangeSection } from './groupChanges.js';
import './versions.css';

interface Comparison {
  listing: DefinitionListing | undefined;
  from: PublishedDefinition;
  to: PublishedDefinition;
}

async function loadComparison(definitionId: string, from: number, to: number): Promise<Comparison> {
  const [listing, a, b] = await Promise.all([loadDefinitions(), loadDefinition(definitionId, from), loadDefinition(definitionId, to)]);
  return { listing: listing.find((d) => d.id === definitionId), from: a, to: b };
}

/**
 * Two published versions of one definition and what changed between them (diffDefinitions),
 * grouped for reading: the process, roles, forms (by form), configuration, steps (by step) and
 * routes, each change in a sentence with what it was and what it is. Two pickers choose the
 * versions; the comparison moves to its own address, so it can be bookmarked and shared.
 */
export function VersionDiffPage({ definitionId, from, to }: { definitionId: string; from: number; to: number }): ReactElement {
  const { t, text } = useText();
  const loaded = useAsync(() => loadComparison(definitionId, from, to), `${definitionId}@${from}..${to}`);
  const title = loaded.status === 'ready' ? text(loaded.value.listing?.title ?? loaded.value.to.title) : definitionId;
  return (
    <>
      <PageHeading title={t('versions.diffTitle', { process: title, from, to })} />
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error}><p><Link to={pathFor({ name: 'processes' })}>{t('processes.title')}</Link></p></ErrorNotice>}
      {loaded.status === 'ready' && <Comparison comparison={loaded.value} definitionId={definitionId} from={from} to={to} />}
    </>
  );
}

function Comparison({ comparison, definitionId, from, to }: { comparison: Comparison; definitionId: string; from: number; to: number }): ReactElement {
  const helpers = useText();
  const { t } = helpers;
  const changes = useMemo(() => diffDefinitions(comparison.from.document, comparison.to.document), [comparison]);
  const sections = useMemo(() => groupChanges(changes), [changes]);
  const versions = comparison.listing ? [...comparison.listing.versions].sort((a, b) => a.version - b.version) : [comparison.from, comparison.to];
  return (
    <>
      <VersionPickers definitionId={definitionId} from={from} to={to} versions={versions} />
      <p>
        {t('versions.diagrams')}{' '}
        <Link to={pathFor({ name: 'process', definitionId, version: from })}>{t('versions.diagramOf', { version: from })}</Link>
        {' · '}
        <Link to={pathFor({ name: 'process', definitionId, version: to })}>{t('versions.diagramOf', { version: to })}</Link>
      </p>
      {from === to ? <p className="notice notice--info">{t('versions.same')}</p> : (
        <>
          <p role="status" className="version-diff__summary">{changes.length === 0 ? t('versions.noChanges') : t('versions.summary', { count: changes.length })}</p>
          {sections.map((section) => <Section key={section.group} section={section} helpers={helpers} />)}
        </>
      )}
    </>
  );
}

function VersionPickers({ definitionId, from, to, versions }: { definitionId: string; from: number; to: number; versions: { version: number; publishedAt: string }[] }): ReactElement {
  const { t } = useText();
  const id = useId();
  const [chosen, setChosen] = useState({ from, to });
  // Comparing is a move to another address: done on submit, never on a mere change of a picker.
  function submit(event: FormEvent): void {
    event.preventDefault();
    navigate(pathFor({ name: 'versionDiff', definitionId, from: chosen.from, to: chosen.to }));
  }
  const picker = (which: 'from' | 'to') => (
    <div className="field">
      <label htmlFor={`${id}-${which}`}>{t(which === 'from' ? 'versions.from' : 'versions.to')}</label>
      <select id={`${id}-${which}`} value={chosen[which]} onChange={(e) => setChosen((c) => ({ ...c, [which]: Number(e.target.value) }))}>
        {versions.map((v) => <option key={v.version} value={v.version}>{t('versions.versionOption', { version: v.version, publishedAt: formatInstant(v.publishedAt) })}</option>)}
      </select>
    </div>
  );
  return (
    <form className="inline-form version-pickers" aria-label={t('versions.pickers')} onSubmit={submit}>
      {picker('from')}
      {picker('to')}
      <button type="submit" className="button">{t('versions.compare')}</button>
    </form>
  );
}

/** The word and the marker of a change: added, removed or changed (the sentence says it too; the colour only repeats it). */
function changeType(change: DefinitionChange): 'added' | 'removed' | 'changed' {
  if (change.kind.endsWith('.added')) return 'added';
  if (change.kind.endsWith('.removed')) return 'removed';
  return 'changed';
}

function Section({ section, helpers }: { section: ChangeSection; helpers: TextHelpers }): ReactElement {
  const { t, text } = helpers;
  const id = useId();
  return (
    <section className="panel version-diff__section" aria-labelledby={id}>
      <h2 id={id}>{t('versions.groupCount', { group: t(`versions.group.${section.group}`), count: section.count })}</h2>
      {section.subjects.map((subject) => (
        <div key={subject.id} className="version-diff__subject">
          {subject.id && <h3>{subject.title ? text(subject.title) : subject.id} <span className="version-diff__id">{subject.id}</span></h3>}
          {section.group === 'steps' && <SubjectPlace changes={subject.changes} helpers={helpers} />}
          <ul className="version-diff__changes">
            {subject.changes.map((change, i) => {
              const described = describeChange(change, helpers);
              return (
                <li key={i} className={`version-diff__change version-diff__change--${changeType(change)}`}>
                  <p>{described.text}</p>
                  {(described.before !== undefined || described.after !== undefined) && (
                    <dl className="version-diff__values">
                      <div><dt>{t('versions.before')}</dt><dd>{described.before}</dd></div>
                      <div><dt>{t('versions.after')}</dt><dd>{described.after}</dd></div>
                    </dl>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Where a step inside branches or rungs sits, under its heading (steps of the main flow need no such line). */
function SubjectPlace({ changes, helpers }: { changes: DefinitionChange[]; helpers: TextHelpers }): ReactElement | null {
  const placed = changes.find((c) => (c.kind === 'step.changed' || c.kind === 'step.added' || c.kind === 'step.removed') && c.place.length > 0);
  if (!placed || !('place' in placed)) return null;
  return <p className="field__hint">{helpers.t('versions.placeLine', { place: placeText(placed.place, helpers) })}</p>;
}
