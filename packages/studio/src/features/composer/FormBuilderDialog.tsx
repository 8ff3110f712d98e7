import { useEffect, useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { FormBuilder } from '@civicflow/forms/react';
import type { FormDefinition } from '@civicflow/engine';
import { useText } from '../../preferences/PreferencesContext.js';
import { createDraftPreviewValidator } from './draftPreviewValidator.js';

/** One for the page: its validators are shared by every opening of the builder. */
const previewValidator = createDraftPreviewValidator();

/**
 * The form builder of `@civicflow/forms/react` over one form of the draft, in a modal dialog.
 * Its 保存 replaces the draft's form (one edit of the composer, undoable there); 关闭 or Escape
 * closes it, discarding what was not saved. Styles come from the studio's stylesheet
 * (`injectStyles={false}`: the strict CSP refuses inline `<style>`), and the preview validates
 * with a validator the server precompiles for the draft (`previewValidator`: the CSP refuses the
 * eval Ajv's compiler needs).
 */
export function FormBuilderDialog({ formId, form, onSave, onClose }: {
  formId: string;
  form: FormDefinition;
  /** Saves the builder's form; returns whether the draft took it. */
  onSave(form: { schema: Record<string, unknown>; uiSchema: Record<string, unknown> }): boolean;
  onClose(): void;
}): ReactElement {
  const { t, text, locale } = useText();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  // The same object while the form is unchanged: a new value would reopen the builder and clear its history.
  const value = useMemo(() => ({ schema: form.schema, uiSchema: form.uiSchema }), [form.schema, form.uiSchema]);
  const title = text(form.title) || formId;
  return (
    <dialog ref={dialog} className="composer-dialog" aria-labelledby="composer-form-builder-heading" onClose={onClose}>
      <div className="composer-dialog__head">
        <h2 id="composer-form-builder-heading">{t('composer.builder.heading', { title })}</h2>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('composer.builder.close')}</button>
      </div>
      <p className="field__hint">{t('composer.builder.hint')}</p>
      <FormBuilder
        value={value}
        locale={locale}
        injectStyles={false}
        previewValidator={previewValidator}
        onSave={(saved) => {
          onSave({ schema: saved.schema as Record<string, unknown>, uiSchema: saved.uiSchema as Record<string, unknown> });
        }}
      />
    </dialog>
  );
}
