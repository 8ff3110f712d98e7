import { useState } from 'react';
import type { ReactElement } from 'react';
import type { AssigneeSpec } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { SelectField } from '../fields/SelectField.js';
import { addRole, batchCommands, setStepProperty } from '../model/index.js';
import type { Path } from '../model/index.js';
import { NewEntryFields } from './NewEntryFields.js';

const NEW = '\u0000new';
const LEVELS = ['village', 'town', 'county'] as const;

/**
 * Who acts on a step (at `path` in the step, e.g. `['assignee']`): the role (办理角色) from the
 * draft's roles or a new one, the level of the org unit relative to the case, and whether units
 * below it may act too.
 */
export function AssigneeFields({ stepId, path, assignee, roleLabel }: { stepId: string; path: Path; assignee: AssigneeSpec | undefined; roleLabel?: string | undefined }): ReactElement {
  const { t, text } = useText();
  const { draft, run } = useComposerContext();
  const [creating, setCreating] = useState(false);
  // Another step selected: its own choice, not the half-written new entry of the last one.
  const [shownStep, setShownStep] = useState(stepId);
  if (shownStep !== stepId) {
    setShownStep(stepId);
    setCreating(false);
  }
  const role = assignee?.role ?? '';
  const set = (member: keyof AssigneeSpec, value: string | undefined): void => {
    run(setStepProperty(stepId, [...path, member], value));
  };
  return (
    <div className="composer-assignee">
      <SelectField
        label={roleLabel ?? t('composer.assignee.role')}
        value={creating ? NEW : role}
        options={[
          { value: '', label: t('composer.notChosen') },
          ...Object.entries(draft.roles ?? {}).map(([id, r]) => ({ value: id, label: `${text(r.title) || id}（${id}）` })),
          { value: NEW, label: t('composer.assignee.newRole') },
        ]}
        onChange={(value) => {
          if (value === NEW) setCreating(true);
          else {
            setCreating(false);
            set('role', value);
          }
        }}
      />
      {creating && (
        <NewEntryFields
          idLabel={t('composer.newRole.id')}
          titleLabel={t('composer.newRole.title')}
          createLabel={t('composer.newRole.create')}
          idHint={t('composer.roleIdHint')}
          onCancel={() => setCreating(false)}
          onCreate={(id, title) => {
            const ok = run(batchCommands('newRole', [addRole(id, title), setStepProperty(stepId, [...path, 'role'], id)]));
            if (ok) setCreating(false);
            return ok;
          }}
        />
      )}
      <SelectField
        label={t('composer.assignee.level')}
        value={assignee?.level ?? ''}
        options={[{ value: '', label: t('composer.assignee.caseUnit') }, ...LEVELS.map((level) => ({ value: level, label: t(`composer.level.${level}`) }))]}
        onChange={(value) => set('level', value === '' ? undefined : value)}
      />
      <SelectField
        label={t('composer.assignee.match')}
        value={assignee?.match ?? 'exact'}
        options={[{ value: 'exact', label: t('composer.assignee.exact') }, { value: 'subtree', label: t('composer.assignee.subtree') }]}
        onChange={(value) => set('match', value === 'exact' ? undefined : value)}
      />
    </div>
  );
}
