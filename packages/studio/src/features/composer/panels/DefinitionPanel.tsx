import { useState } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { CommitInput } from '../fields/CommitInput.js';
import { LocalizedTextFields } from '../fields/LocalizedTextFields.js';
import { DEFINITION_ID, setDefinitionDescription, setDefinitionId, setDefinitionTitle, setDefinitionVersion } from '../model/index.js';

/**
 * The process as a whole (流程设置): its id — lower-case words joined by dashes, checked before it
 * is taken — its title and description in both languages, and the version it will be published as.
 */
export function DefinitionPanel({ draft }: { draft: ProcessDefinition }): ReactElement {
  const { t } = useText();
  const { run } = useComposerContext();
  const [idError, setIdError] = useState<string | undefined>(undefined);
  const [versionError, setVersionError] = useState<string | undefined>(undefined);
  return (
    <section className="composer-definition" aria-labelledby="composer-definition-heading">
      <h2 id="composer-definition-heading" tabIndex={-1}>{t('composer.definition.heading')}</h2>
      <div className="composer-definition__fields">
        <CommitInput
          label={t('composer.definition.id')}
          value={draft.id}
          hint={t('composer.definition.idHint')}
          error={idError ?? (draft.id === '' ? t('composer.definition.idMissing') : undefined)}
          inputProps={{ autoComplete: 'off', spellCheck: 'false' }}
          onCommit={(id) => {
            const trimmed = id.trim();
            if (!DEFINITION_ID.test(trimmed)) {
              setIdError(t('composer.definition.idInvalid', { id: trimmed }));
              return;
            }
            setIdError(undefined);
            run(setDefinitionId(trimmed));
          }}
        />
        <CommitInput
          label={t('composer.definition.version')}
          type="number"
          inputProps={{ min: 1, step: 1 }}
          value={String(draft.version)}
          hint={t('composer.definition.versionHint')}
          error={versionError}
          onCommit={(value) => {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1) {
              setVersionError(t('composer.definition.versionInvalid'));
              return;
            }
            setVersionError(undefined);
            run(setDefinitionVersion(n));
          }}
        />
        <LocalizedTextFields label={t('composer.definition.title')} value={draft.title} onCommit={(title) => run(setDefinitionTitle(title))} />
        <LocalizedTextFields
          label={t('composer.definition.description')}
          value={draft.description}
          onCommit={(description) => run(setDefinitionDescription(description['zh-CN'] === '' && description.en === '' ? undefined : description))}
        />
      </div>
    </section>
  );
}
