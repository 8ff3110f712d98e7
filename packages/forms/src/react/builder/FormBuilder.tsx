import { useState } from 'react';
import type { ReactElement } from 'react';
import type { Locale } from '@civicflow/engine';
import { canonicalJson, createBuilder, exportForm, importForm } from '../../builder/index.js';
import type { FormBuilder as ModelBuilder, FormSchemas, FormToImport, ImportFormResult } from '../../builder/index.js';
import { BUILDER_CSS } from './builderStyles.js';
import { builderStrings } from './builderStrings.js';
import { EditableBuilder } from './EditableBuilder.js';
import type { PreviewValidatorSource } from './previewValidator.js';
import { ReadOnlyBuilder } from './ReadOnlyBuilder.js';

export { BUILDER_CSS } from './builderStyles.js';
export type { PreviewValidatorRequest, PreviewValidatorSource } from './previewValidator.js';

/** Props of {@link FormBuilder}. */
export interface FormBuilderProps {
  /**
   * The form to edit: `{ schema, uiSchema }` as stored in a process definition. A new value that
   * differs from what the builder holds opens it afresh (and clears the undo history); passing
   * back what `onChange` gave keeps the history.
   */
  value: FormToImport;
  /** Called with the exported form after every change (each command, undo and redo). */
  onChange?: ((form: FormSchemas) => void) | undefined;
  /** Called with the exported form when the person presses 保存; without it there is no save button. */
  onSave?: ((form: FormSchemas) => void) | undefined;
  /** Interface language; default `zh-CN`. */
  locale?: Locale | undefined;
  /** Extra class on the wrapper. */
  className?: string | undefined;
  /**
   * Renders the builder's CSS and the preview form's (default true); turn off to serve both yourself
   * (BUILDER_CSS and TASK_FORM_CSS), e.g. under a strict CSP that refuses inline `<style>`.
   */
  injectStyles?: boolean | undefined;
  /**
   * Where the live preview gets the form's validator (see {@link PreviewValidatorSource}). Default:
   * `<TaskForm>`'s own, `createFormValidator()`, which compiles with Ajv in the page — fine without
   * a Content-Security-Policy, refused (EvalError) under one without `'unsafe-eval'`. Such a page
   * gives a source of precompiled validators, e.g. one asking its server to compile the draft.
   */
  previewValidator?: PreviewValidatorSource | undefined;
}

interface Session {
  readonly value: FormToImport;
  readonly imported: ImportFormResult;
  readonly builder: ModelBuilder | undefined;
}

function open(value: FormToImport): Session {
  const imported = importForm(value);
  return { value, imported, builder: imported.editable ? createBuilder(imported.model) : undefined };
}

/** True when `value` is what the session's builder holds now (e.g. the host echoing `onChange`). */
function holds(session: Session, value: FormToImport): boolean {
  if (!session.builder) return false;
  return canonicalJson(exportForm(session.builder.model)) === canonicalJson({ schema: value.schema, uiSchema: value.uiSchema ?? {} });
}

/**
 * The low-code form builder (issue 3 §5) for township/street IT staff: pick field types from a
 * palette (click, Enter or drag), arrange them on the canvas (drag, ↑/↓ buttons or Alt+↑/↓),
 * edit their properties, conditions and choices, undo/redo, and check the result in a live
 * preview (the real `<TaskForm>`) or as JSON. It drives the pure builder model of
 * `@civicflow/forms` only through its commands, so every change is undoable and a form opened
 * and saved unchanged stays byte-for-byte the same (key order aside). A form the model cannot
 * edit faithfully (e.g. one using `anyOf`) opens read-only with the reason.
 *
 * @example
 * <FormBuilder value={{ schema, uiSchema }} onSave={(form) => saveForm(form)} />
 * // under a strict CSP: styles served as stylesheets, validators precompiled elsewhere
 * <FormBuilder value={form} onSave={saveForm} injectStyles={false} previewValidator={precompiledDraftValidator} />
 */
export function FormBuilder({ value, onChange, onSave, locale = 'zh-CN', className, injectStyles = true, previewValidator }: FormBuilderProps): ReactElement {
  const [session, setSession] = useState(() => open(value));
  let current = session;
  if (session.value !== value) {
    current = holds(session, value) ? { ...session, value } : open(value);
    setSession(current);
  }
  const strings = builderStrings(locale);
  const { imported, builder } = current;
  return (
    <div className={['cf-builder', className ?? ''].filter(Boolean).join(' ')} lang={locale} aria-label={strings.builderLabel} role="region">
      {injectStyles && (
        <style href="civicflow-form-builder" precedence="default">
          {BUILDER_CSS}
        </style>
      )}
      {builder ? (
        <EditableBuilder
          builder={builder}
          locale={locale}
          strings={strings}
          onChange={onChange}
          onSave={onSave}
          injectStyles={injectStyles}
          previewValidator={previewValidator}
        />
      ) : (
        !imported.editable && (
          <ReadOnlyBuilder
            form={{ schema: value.schema as Record<string, unknown>, uiSchema: (value.uiSchema ?? {}) as Record<string, unknown> }}
            reason={imported.reason}
            pointer={imported.pointer}
            source={imported.source}
            locale={locale}
            strings={strings}
            injectStyles={injectStyles}
            previewValidator={previewValidator}
          />
        )
      )}
    </div>
  );
}
