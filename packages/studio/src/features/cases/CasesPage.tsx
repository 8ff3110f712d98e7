import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { ApiError } from '../../api/ApiError.js';
import { api } from '../../api/client.js';
import type { CommandResult, DefinitionListing } from '../../api/types.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/PageHeading.js';
import { loadDefinition, loadDefinitions } from '../../definitions/definitionCache.js';
import { formatInstant } from '../../format/formatInstant.js';
import { unitLabel } from '../../format/unitLabel.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { navigate } from '../../router/navigation.js';
import { pathFor } from '../../router/routes.js';
import { useUser } from '../../session/SessionContext.js';
import { CaseList } from './CaseList.js';
import { readRecentCases } from './recentCases.js';
import { StartCaseForm } from './StartCaseForm.js';

/**
 * 办件: the cases the person may see (newest first, by status), start a case in one's unit, open
 * a case by its number, and the cases recently opened on this device (a shortcut back to them).
 * A process whose definition has a start form (`startForm`: e.g. the township's village roster)
 * asks for its start input here, and the case starts when that form is submitted.
 * Which cases a person may see is the server's decision (need-to-know); a case they may not see
 * answers "not found".
 */
export function CasesPage(): ReactElement {
  const { t, text } = useText();
  const user = useUser();
  const id = useId();
  const [listing, setListing] = useState<DefinitionListing[] | undefined>();
  const [listingError, setListingError] = useState<ApiError | undefined>();
  const [definitionId, setDefinitionId] = useState('');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError | undefined>();
  const [caseNumber, setCaseNumber] = useState('');
  const recent = readRecentCases(user.id);
  const latestVersion = listing?.find((d) => d.id === definitionId)?.latestVersion;
  // The chosen process's latest version: whether it asks for start input, and with which form.
  const chosen = useAsync(
    () => (latestVersion === undefined ? Promise.resolve(undefined) : loadDefinition(definitionId, latestVersion)),
    `${definitionId}@${latestVersion ?? ''}`,
  );
  // Until the chosen process's definition has loaded (or failed to), whether it asks for start input is unknown.
  const definition = chosen.status === 'ready' && chosen.value?.id === definitionId ? chosen.value : undefined;
  const settled = definition !== undefined || chosen.status === 'failed';
  const startForm = definition?.document.startForm;

  useEffect(() => {
    loadDefinitions().then((list) => {
      setListing(list);
      setDefinitionId((current) => current || list[0]?.id || '');
    }, (error: unknown) => setListingError(ApiError.from(error)));
  }, []);

  async function start(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!definitionId) return;
    setStarting(true);
    setStartError(undefined);
    try {
      opened(await api.startCase(definitionId, definition ? { version: definition.version } : {}));
    } catch (error) {
      setStartError(ApiError.from(error));
      setStarting(false);
    }
  }

  /** Starts the case with its start form's data; the server's refusal goes back to the form. */
  async function startWith(data: unknown): Promise<ApiError | undefined> {
    if (!definition) return undefined;
    try {
      opened(await api.startCase(definition.id, { version: definition.version, data }));
      return undefined;
    } catch (error) {
      return ApiError.from(error);
    }
  }

  function opened(result: CommandResult): void {
    // Straight to the first task when it is the starter's to do (e.g. the intake registration).
    const mine = result.tasks.find((task) => task.canAct);
    navigate(mine ? pathFor({ name: 'task', instanceId: result.instanceId, taskId: mine.id }) : pathFor({ name: 'case', instanceId: result.instanceId }));
  }

  function open(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const number = caseNumber.trim();
    if (number) navigate(pathFor({ name: 'case', instanceId: number }));
  }

  return (
    <>
      <PageHeading title={t('cases.title')} />

      <CaseList />

      <section aria-labelledby={`${id}-start`} className="panel">
        <h2 id={`${id}-start`}>{t('cases.startHeading')}</h2>
        <p>{t('cases.startIntro')}</p>
        {listingError && <ErrorNotice error={listingError} />}
        {listing && listing.length === 0 && <p>{t('cases.noProcesses')}</p>}
        {listing && listing.length > 0 && (
          <form onSubmit={(e) => void start(e)} className="inline-form">
            <div className="field">
              <label htmlFor={`${id}-process`}>{t('cases.process')}</label>
              <select id={`${id}-process`} value={definitionId} onChange={(e) => setDefinitionId(e.target.value)}>
                {listing.map((d) => <option key={d.id} value={d.id}>{text(d.title)}</option>)}
              </select>
            </div>
            {startForm === undefined && (
              <button type="submit" className="button button--primary" disabled={starting || !settled}>{starting ? t('cases.starting') : t('cases.start')}</button>
            )}
          </form>
        )}
        {chosen.status === 'failed' && <ErrorNotice error={chosen.error}><p>{t('cases.definitionUnavailable')}</p></ErrorNotice>}
        {definition && startForm !== undefined && <StartCaseForm key={`${definition.id}@${definition.version}`} definition={definition} formId={startForm} onStart={startWith} />}
        {startError && <ErrorNotice error={startError} />}
      </section>

      <section aria-labelledby={`${id}-open`} className="panel">
        <h2 id={`${id}-open`}>{t('cases.openHeading')}</h2>
        <form onSubmit={open} className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-number`}>{t('field.caseNumber')}</label>
            <input id={`${id}-number`} value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} autoComplete="off" spellCheck={false} />
          </div>
          <button type="submit" className="button">{t('cases.open')}</button>
        </form>
      </section>

      <section aria-labelledby={`${id}-recent`} className="panel">
        <h2 id={`${id}-recent`}>{t('cases.recentHeading')}</h2>
        {recent.length === 0 ? <p>{t('cases.recentEmpty')}</p> : (
          <ul className="plain-list">
            {recent.map((c) => (
              <li key={c.instanceId}>
                <Link to={pathFor({ name: 'case', instanceId: c.instanceId })}>{text(c.title)}</Link>
                {' · '}{unitLabel(c.orgUnit, user)}
                {' · '}<span className="case-number">{c.instanceId}</span>
                {' · '}<time dateTime={c.viewedAt}>{formatInstant(c.viewedAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
