import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { NAME_ID } from '../model/index.js';

/** Props of {@link NewEntryFields}. */
export interface NewEntryFieldsProps {
  /** Labels: the id field, the title field (its English one adds "（英文）"), the create button. */
  idLabel: string;
  titleLabel: string;
  createLabel: string;
  idHint: string;
  /** Creates the entry; returns false when the draft refused it (the refusal is shown by the page). */
  onCreate(id: string, title: LocalizedText): boolean;
  onCancel?: (() => void) | undefined;
}

/**
 * A small form for a new role or form: its id (checked as one types: a letter, then letters,
 * digits and `_`), its title in Chinese and in English, and a create button.
 */
export function NewEntryFields({ idLabel, titleLabel, createLabel, idHint, onCreate, onCancel }: NewEntryFieldsProps): ReactElement {
  const { t } = useText();
  const id = useId();
  const [entryId, setEntryId] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const idError = entryId !== '' && !NAME_ID.test(entryId) ? t('composer.newEntry.badId') : undefined;
  const create = (): void => {
    if (entryId === '' || idError) return;
    if (onCreate(entryId, { 'zh-CN': zh, en })) {
      setEntryId('');
      setZh('');
      setEn('');
    }
  };
  return (
    <div className="composer-new-entry">
      <div className="field composer-field">
        <label htmlFor={`${id}-id`}>{idLabel}</label>
        <input id={`${id}-id`} value={entryId} onChange={(e) => setEntryId(e.target.value.trim())} aria-describedby={`${id}-id-hint${idError ? ` ${id}-id-error` : ''}`} aria-invalid={idError ? true : undefined} autoComplete="off" spellCheck={false} />
        <p id={`${id}-id-hint`} className="field__hint">{idHint}</p>
        {idError && <p id={`${id}-id-error`} className="composer-field__error">{idError}</p>}
      </div>
      <div className="field composer-field">
        <label htmlFor={`${id}-zh`}>{t('composer.field.zh', { label: titleLabel })}</label>
        <input id={`${id}-zh`} value={zh} onChange={(e) => setZh(e.target.value)} />
      </div>
      <div className="field composer-field">
        <label htmlFor={`${id}-en`}>{t('composer.field.en', { label: titleLabel })}</label>
        <input id={`${id}-en`} value={en} onChange={(e) => setEn(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={create} disabled={entryId === '' || idError !== undefined}>{createLabel}</button>
        {onCancel && <button type="button" className="button button--quiet" onClick={onCancel}>{t('composer.cancel')}</button>}
      </div>
    </div>
  );
}
