import { useCallback, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { Locale } from '@civicflow/engine';
import { exportForm } from '../../builder/index.js';
import type { BilingualText, FieldPath, FormBuilder as ModelBuilder, FormCommand, FormSchemas } from '../../builder/index.js';
import { BuilderContext } from './builderContext.js';
import type { BuilderContextValue } from './builderContext.js';
import { findField } from './builderPaths.js';
import type { BuilderStrings } from './builderStrings.js';
import { BuilderToolbar } from './BuilderToolbar.js';
import { FieldCanvas } from './FieldCanvas.js';
import { FieldPalette } from './FieldPalette.js';
import { JsonView } from './JsonView.js';
import { PreviewPane } from './PreviewPane.js';
import type { PreviewValidatorSource } from './previewValidator.js';
import { PropertyPanel } from './PropertyPanel.js';
import { RefusalAlert } from './RefusalAlert.js';
import { ViewTabs } from './ViewTabs.js';

/** Props of {@link EditableBuilder}. */
export interface EditableBuilderProps {
  builder: ModelBuilder;
  locale: Locale;
  strings: BuilderStrings;
  onChange?: ((form: FormSchemas) => void) | undefined;
  onSave?: ((form: FormSchemas) => void) | undefined;
  /** Whether the preview's `<TaskForm>` renders its own `<style>` (off under a strict CSP: the host ships TASK_FORM_CSS). Default true. */
  injectStyles?: boolean | undefined;
  /** Where the preview gets its validator (FormBuilderProps.previewValidator). */
  previewValidator?: PreviewValidatorSource | undefined;
}

/** Elements where Ctrl+Z belongs to the text being typed, not to the form. */
function editsText(target: EventTarget): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/**
 * The builder over an editable form: palette, canvas, property panel, undo/redo/save, and the
 * preview and JSON tabs. Every change goes through `builder.execute` (one undoable command).
 */
export function EditableBuilder({ builder, locale, strings, onChange, onSave, injectStyles = true, previewValidator }: EditableBuilderProps): ReactElement {
  const model = useSyncExternalStore(
    builder.subscribe,
    () => builder.model,
    () => builder.model,
  );
  const exported = useMemo(() => exportForm(model), [model]);
  const [selectedPath, setSelectedPath] = useState<FieldPath | undefined>(undefined);
  const [refusal, setRefusal] = useState<BilingualText | undefined>(undefined);
  const [savedModel, setSavedModel] = useState<unknown>(undefined);
  // Undo can remove the selected field: then nothing is selected.
  const selected = selectedPath && findField(model, selectedPath) ? selectedPath : undefined;

  const changed = useCallback(() => onChange?.(exportForm(builder.model)), [builder, onChange]);
  const run = useCallback(
    (command: FormCommand): boolean => {
      const result = builder.execute(command);
      if (!result.ok) {
        setRefusal(result.error.messages);
        return false;
      }
      setRefusal(undefined);
      changed();
      return true;
    },
    [builder, changed],
  );
  // Undoing the last edit disables the focused Undo button, and a disabled button drops focus (to
  // the page body, out of reach of the shortcuts): hand focus to the toolbar's first enabled button.
  const focusBefore = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const before = focusBefore.current;
    focusBefore.current = null;
    if (before instanceof HTMLButtonElement && before.disabled) before.closest('[role=toolbar]')?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  });
  const undo = useCallback(() => {
    focusBefore.current = document.activeElement;
    if (builder.undo()) {
      setRefusal(undefined);
      changed();
    }
  }, [builder, changed]);
  const redo = useCallback(() => {
    focusBefore.current = document.activeElement;
    if (builder.redo()) {
      setRefusal(undefined);
      changed();
    }
  }, [builder, changed]);

  const context = useMemo<BuilderContextValue>(
    () => ({ model, locale, strings, selected, select: setSelectedPath, run, disabled: false }),
    [model, locale, strings, selected, run],
  );

  const onKeyDown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || editsText(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
    else return;
    event.preventDefault();
  };

  return (
    <BuilderContext.Provider value={context}>
      <div className="cf-builder__editor" onKeyDown={onKeyDown}>
        <BuilderToolbar
          strings={strings}
          canUndo={builder.canUndo}
          canRedo={builder.canRedo}
          onUndo={undo}
          onRedo={redo}
          onSave={
            onSave &&
            (() => {
              onSave(exportForm(builder.model));
              setSavedModel(builder.model);
            })
          }
          saved={savedModel === model}
        />
        <RefusalAlert message={refusal} locale={locale} strings={strings} onDismiss={() => setRefusal(undefined)} />
        <div className="cf-builder__columns">
          <FieldPalette />
          <FieldCanvas />
          <PropertyPanel />
        </div>
        <ViewTabs
          label={strings.tabs}
          tabs={[
            { id: 'preview', label: strings.preview, render: () => <PreviewPane form={exported} locale={locale} injectStyles={injectStyles} previewValidator={previewValidator} /> },
            { id: 'json', label: strings.json, render: () => <JsonView form={exported} label={strings.jsonLabel} /> },
          ]}
        />
      </div>
    </BuilderContext.Provider>
  );
}
