import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { DefinitionProblem, ProcessDefinition, StepKind } from '@civicflow/engine';
import { ApiError } from '../../api/ApiError.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { forgetDefinitionListing } from '../../definitions/definitionCache.js';
import { MESSAGES } from '../../i18n/messages.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { Link } from '../../router/Link.js';
import { pathFor } from '../../router/routes.js';
import { FlowDiagram } from '../flow/FlowDiagram.js';
import { ComposerContext } from './ComposerContext.js';
import type { ComposerContextValue } from './ComposerContext.js';
import { ComposerToolbar } from './ComposerToolbar.js';
import { problemsOfRefusal, publishDefinition } from './composerApi.js';
import type { PublishResult } from './composerApi.js';
import { FormBuilderDialog } from './FormBuilderDialog.js';
import { ImportPanel } from './ImportPanel.js';
import { addStep, allStepIds, draftProblems, exportDefinition, replaceDefinition, setFormSchema, uniqueStepId } from './model/index.js';
import { DefinitionPanel } from './panels/DefinitionPanel.js';
import { FormsPanel } from './panels/FormsPanel.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import { PropertyPanel } from './panels/PropertyPanel.js';
import { RolesPanel } from './panels/RolesPanel.js';
import { insertionPoint, liveSelection, nodeOfSelection, selectionOfNode } from './selection.js';
import type { Selection } from './selection.js';
import { StepPalette } from './StepPalette.js';
import { useComposer } from './useComposer.js';

/** Elements where Ctrl+Z belongs to the text being typed, not to the draft. */
function editsText(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
}

/** Problems once each: a refused publication repeats what the composer already found. */
function mergeProblems(local: readonly DefinitionProblem[], server: readonly DefinitionProblem[] | undefined): DefinitionProblem[] {
  if (!server) return [...local];
  const seen = new Set(local.map((p) => `${p.pointer} ${p.code}`));
  return [...local, ...server.filter((p) => !seen.has(`${p.pointer} ${p.code}`))];
}

/**
 * The flow composer over a draft: toolbar (undo/redo, import, export, publish), the process's
 * settings, roles and forms, the step palette, the diagram (React Flow, laid out by ELK after each
 * edit, problems on the steps they concern), the property panel of the selected step or region,
 * the problem list, and the form builder in a dialog. Every change to the draft is a command of
 * `./model`, so every change can be undone.
 */
export function ComposerWorkspace({ initial }: { initial: ProcessDefinition }): ReactElement {
  const { t, text } = useText();
  const { composer, draft, run, undo, redo, refusal, dismissRefusal } = useComposer(initial);
  const [selection, setSelection] = useState<Selection | undefined>(undefined);
  const selected = liveSelection(draft, selection);
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const [server, setServer] = useState<{ draft: ProcessDefinition; problems: DefinitionProblem[] } | undefined>(undefined);
  // The server's problems are about the draft it saw: after the next edit the composer's own checks speak.
  const serverProblems = server?.draft === draft ? server.problems : undefined;
  const shownProblems = useMemo(() => mergeProblems(problems, serverProblems), [problems, serverProblems]);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [importOpen, setImportOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<PublishResult | undefined>(undefined);
  const [publishError, setPublishError] = useState<ApiError | undefined>(undefined);
  const panelHeadingId = useId();
  // What was last published or exported: leaving the page with other changes asks first.
  const [kept, setKept] = useState(initial);
  const unsaved = draft !== kept;
  useEffect(() => {
    if (!unsaved) return undefined;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  const focusPanel = useRef(false);

  const select = useCallback((next: Selection | undefined, options: { focus?: boolean } = {}) => {
    focusPanel.current = options.focus ?? false;
    setSelection(next);
  }, []);
  useEffect(() => {
    if (!focusPanel.current) return;
    focusPanel.current = false;
    document.getElementById(panelHeadingId)?.focus();
  }, [selection, panelHeadingId]);

  const announce = useCallback((message: string) => setAnnouncement(message), []);
  const context = useMemo<ComposerContextValue>(() => ({
    draft, run, announce,
    select: (next, options) => select(next, { focus: options?.focus ?? true }),
    editForm: (formId) => setEditing(formId),
  }), [draft, run, announce, select]);

  // Undoing the last edit disables the focused Undo button, which drops focus to the page: hand it to the toolbar.
  const focusBefore = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const before = focusBefore.current;
    focusBefore.current = null;
    if (before instanceof HTMLButtonElement && before.disabled) before.closest('[role=toolbar]')?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  });
  const undoOnce = useCallback(() => {
    focusBefore.current = document.activeElement;
    const name = composer.undoName;
    if (undo()) announce(t('composer.announce.undone', { action: name ? actionName(t, name) : '' }));
  }, [composer, undo, announce, t]);
  const redoOnce = useCallback(() => {
    focusBefore.current = document.activeElement;
    const name = composer.redoName;
    if (redo()) announce(t('composer.announce.redone', { action: name ? actionName(t, name) : '' }));
  }, [composer, redo, announce, t]);

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere on the page, but not while typing (the field's own undo)
  // nor inside the form builder (which has its own history).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented || editing !== undefined) return;
      if (editsText(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undoOnce();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redoOnce();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undoOnce, redoOnce, editing]);

  const point = insertionPoint(draft, selected);
  const addKind = (kind: StepKind): void => {
    const id = uniqueStepId(allStepIds(draft), kind);
    if (run(addStep(point.region, kind, { id, after: point.after }))) {
      select({ kind: 'step', id }, { focus: true });
      announce(t('composer.announce.added', { kind: t(`composer.kind.${kind}`), id }));
    }
  };

  const exportJson = (): void => {
    const blob = new Blob([exportDefinition(draft)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    const name = `${draft.id || 'process'}-v${draft.version}.json`;
    link.href = url;
    link.download = name;
    link.click();
    // The download has started from the URL: it can go once the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setKept(draft);
    announce(t('composer.announce.exported', { file: name }));
  };

  const publish = async (): Promise<void> => {
    setPublishing(true);
    setPublished(undefined);
    setPublishError(undefined);
    const sent = draft;
    try {
      const result = await publishDefinition(sent);
      forgetDefinitionListing();
      setKept(sent);
      setServer(undefined);
      setPublished(result);
      announce(t(result.created ? 'composer.publish.done' : 'composer.publish.same', { title: text(result.title), version: result.version }));
    } catch (error) {
      const refused = problemsOfRefusal(error);
      if (refused) {
        setServer({ draft: sent, problems: refused });
        announce(t('composer.publish.refused', { count: refused.filter((p) => p.severity === 'error').length }));
      } else {
        setPublishError(ApiError.from(error));
      }
    } finally {
      setPublishing(false);
    }
  };

  const editedForm = editing !== undefined ? draft.forms?.[editing] : undefined;
  return (
    <ComposerContext.Provider value={context}>
      <div className="composer">
        <div className="composer__header">
          <ComposerToolbar
            canUndo={composer.canUndo}
            canRedo={composer.canRedo}
            onUndo={undoOnce}
            onRedo={redoOnce}
            onExport={exportJson}
            importOpen={importOpen}
            onToggleImport={() => setImportOpen((open) => !open)}
            onPublish={() => void publish()}
            publishing={publishing}
          />
          {refusal && (
            <div className="notice notice--error composer-refusal" role="alert">
              <p className="notice__message">{text(refusal.localized)}</p>
              <p>{t('error.hint', { hint: text(refusal.hint) })}</p>
              <button type="button" className="button button--quiet" onClick={dismissRefusal}>{t('composer.dismiss')}</button>
            </div>
          )}
        </div>
        <div id="composer-publish-status" role="status" className="composer-publish-status">
          {published && (
            <div className="notice notice--success">
              <p className="notice__message">{t(published.created ? 'composer.publish.done' : 'composer.publish.same', { title: text(published.title), version: published.version })}</p>
              {published.warnings.length > 0 && <p>{t('composer.publish.warnings', { count: published.warnings.length })}</p>}
              <p><Link to={pathFor({ name: 'process', definitionId: published.id, version: published.version })}>{t('composer.publish.view', { version: published.version })}</Link></p>
            </div>
          )}
        </div>
        {publishError && <ErrorNotice error={publishError} />}
        {importOpen && (
          <ImportPanel
            onImport={(definition, upgradedFrom) => {
              if (run(replaceDefinition(definition))) {
                select(undefined);
                setImportOpen(false);
                announce(upgradedFrom !== undefined ? t('composer.announce.importedUpgraded', { from: upgradedFrom }) : t('composer.announce.imported'));
              }
            }}
          />
        )}
        <p className="composer-visually-hidden" role="status" aria-live="polite">{announcement}</p>
        <DefinitionPanel draft={draft} />
        <StepPalette draft={draft} region={point.region} after={point.after} onAdd={addKind} />
        <div className="composer__work">
          <div className="composer__canvas">
            <FlowDiagram
              definition={draft}
              problems={shownProblems}
              selected={selected ? nodeOfSelection(selected) : undefined}
              onSelect={(nodeId) => select(selectionOfNode(nodeId), { focus: true })}
            />
          </div>
          <div className="composer__side">
            <PropertyPanel selection={selected} problems={shownProblems} headingId={panelHeadingId} />
          </div>
        </div>
        <ProblemsPanel draft={draft} problems={problems} serverProblems={serverProblems} onSelect={(next) => select(next, { focus: true })} />
        <div className="composer__catalogues">
          <RolesPanel draft={draft} />
          <FormsPanel draft={draft} />
        </div>
        {editing !== undefined && editedForm && (
          <FormBuilderDialog
            formId={editing}
            form={editedForm}
            onSave={(form) => {
              const ok = run(setFormSchema(editing, form));
              if (ok) announce(t('composer.announce.formSaved', { name: text(editedForm.title) || editing }));
              return ok;
            }}
            onClose={() => setEditing(undefined)}
          />
        )}
      </div>
    </ComposerContext.Provider>
  );
}

type Translate = ReturnType<typeof useText>['t'];

/** A command's name for "已撤销：添加步骤" (the command's own name when it has no text). */
function actionName(t: Translate, name: string): string {
  const key = `composer.action.${name}`;
  return Object.hasOwn(MESSAGES, key) ? t(key as MessageKey) : name;
}
