import { useState } from 'react';
import type { ReactElement } from 'react';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { SelectField } from '../fields/SelectField.js';
import { addForm, batchCommands, setStepProperty } from '../model/index.js';
import type { Path } from '../model/index.js';
import { NewEntryFields } from './NewEntryFields.js';

const NEW = '\u0000new';

/**
 * The form of a step (at `path` in the step, e.g. `['form']` or `['publish', 'form']`): one of
 * the draft's forms or a new one (created and chosen in one edit), and "编辑表单", which opens
 * the form builder on it.
 */
export function FormChoice({ stepId, path, formId, label }: { stepId: string; path: Path; formId: string | undefined; label?: string | undefined }): ReactElement {
  const { t, text } = useText();
  const { draft, run, editForm } = useComposerContext();
  const [creating, setCreating] = useState(false);
  // Another step selected: its own choice, not the half-written new entry of the last one.
  const [shownStep, setShownStep] = useState(stepId);
  if (shownStep !== stepId) {
    setShownStep(stepId);
    setCreating(false);
  }
  const exists = formId !== undefined && Object.hasOwn(draft.forms ?? {}, formId);
  return (
    <div className="composer-form-choice">
      <SelectField
        label={label ?? t('composer.form.label')}
        value={creating ? NEW : formId ?? ''}
        options={[
          { value: '', label: t('composer.notChosen') },
          ...Object.entries(draft.forms ?? {}).map(([id, f]) => ({ value: id, label: `${text(f.title) || id}（${id}）` })),
          { value: NEW, label: t('composer.form.new') },
        ]}
        onChange={(value) => {
          if (value === NEW) setCreating(true);
          else {
            setCreating(false);
            run(setStepProperty(stepId, path, value));
          }
        }}
      />
      {creating && (
        <NewEntryFields
          idLabel={t('composer.newForm.id')}
          titleLabel={t('composer.newForm.title')}
          createLabel={t('composer.newForm.create')}
          idHint={t('composer.formIdHint')}
          onCancel={() => setCreating(false)}
          onCreate={(id, title) => {
            const ok = run(batchCommands('newForm', [addForm(id, title), setStepProperty(stepId, path, id)]));
            if (ok) setCreating(false);
            return ok;
          }}
        />
      )}
      <button type="button" className="button" disabled={!exists} onClick={() => exists && editForm(formId)}>
        {t('composer.form.edit')}
      </button>
    </div>
  );
}
