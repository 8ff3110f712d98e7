import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { addForm, removeForm, setFormTitle } from '../model/index.js';
import { NewEntryFields } from './NewEntryFields.js';

/** The forms of the process (表单): titles, the form builder for each, removal of unused ones, and a new one. */
export function FormsPanel({ draft }: { draft: ProcessDefinition }): ReactElement {
  const { t, text } = useText();
  const { run, editForm, announce } = useComposerContext();
  const forms = Object.entries(draft.forms ?? {});
  return (
    <section className="composer-catalogue" aria-labelledby="composer-forms-heading">
      <h2 id="composer-forms-heading" tabIndex={-1}>{t('composer.forms.heading', { count: forms.length })}</h2>
      {forms.length === 0 ? <p>{t('composer.forms.empty')}</p> : (
        <ul className="composer-catalogue__list">
          {forms.map(([id, form]) => {
            const name = text(form.title) || id;
            const fields = Object.keys((form.schema as { properties?: object }).properties ?? {}).length;
            return (
              <li key={id}>
                <p className="composer-catalogue__id"><code>{id}</code> {t('composer.forms.fieldCount', { count: fields })}</p>
                <LocalizedTextFields label={t('composer.forms.titleOf', { id })} value={form.title} onCommit={(title) => run(setFormTitle(id, title))} />
                <div className="actions">
                  <button type="button" className="button" onClick={() => editForm(id)}>{t('composer.forms.edit', { name })}</button>
                  <button type="button" className="button button--quiet" onClick={() => run(removeForm(id))}>{t('composer.forms.remove', { name })}</button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t('composer.forms.add')}</h3>
      <NewEntryFields
        idLabel={t('composer.forms.newId')}
        titleLabel={t('composer.forms.newTitle')}
        createLabel={t('composer.forms.add')}
        idHint={t('composer.formIdHint')}
        onCreate={(id, title) => {
          const ok = run(addForm(id, title));
          if (ok) announce(t('composer.announce.formAdded', { name: title['zh-CN'] || id }));
          return ok;
        }}
      />
    </section>
  );
}
