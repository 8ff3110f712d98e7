import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { addRole, removeRole, setRoleTitle } from '../model/index.js';
import { NewEntryFields } from './NewEntryFields.js';

/** The roles of the process (角色): their titles in both languages, removal of unused ones, and a new one. */
export function RolesPanel({ draft }: { draft: ProcessDefinition }): ReactElement {
  const { t, text } = useText();
  const { run, announce } = useComposerContext();
  const roles = Object.entries(draft.roles ?? {});
  return (
    <section className="composer-catalogue" aria-labelledby="composer-roles-heading">
      <h2 id="composer-roles-heading" tabIndex={-1}>{t('composer.roles.heading', { count: roles.length })}</h2>
      {roles.length === 0 ? <p>{t('composer.roles.empty')}</p> : (
        <ul className="composer-catalogue__list">
          {roles.map(([id, role]) => (
            <li key={id}>
              <p className="composer-catalogue__id"><code>{id}</code></p>
              <LocalizedTextFields label={t('composer.roles.titleOf', { id })} value={role.title} onCommit={(title) => run(setRoleTitle(id, title))} />
              <button type="button" className="button button--quiet" onClick={() => run(removeRole(id))}>{t('composer.roles.remove', { name: text(role.title) || id })}</button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('composer.roles.add')}</h3>
      <NewEntryFields
        idLabel={t('composer.roles.newId')}
        titleLabel={t('composer.roles.newTitle')}
        createLabel={t('composer.roles.add')}
        idHint={t('composer.roleIdHint')}
        onCreate={(id, title) => {
          const ok = run(addRole(id, title));
          if (ok) announce(t('composer.announce.roleAdded', { name: title['zh-CN'] || id }));
          return ok;
        }}
      />
    </section>
  );
}
