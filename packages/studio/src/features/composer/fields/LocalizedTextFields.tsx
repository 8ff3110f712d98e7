import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { CommitInput } from './CommitInput.js';

/**
 * A text kept in both languages (titles, legal bases): a field for the Chinese text, named
 * `label`, and one for the English, named "label（英文）". Each is committed on its own.
 */
export function LocalizedTextFields({ label, value, onCommit, hint }: {
  label: string;
  value: LocalizedText | undefined;
  onCommit(value: LocalizedText): void;
  hint?: string | undefined;
}): ReactElement {
  const { t } = useText();
  const zh = value?.['zh-CN'] ?? '';
  const en = value?.en ?? '';
  return (
    <div className="composer-localized">
      <CommitInput label={t('composer.field.zh', { label })} value={zh} onCommit={(text) => onCommit({ 'zh-CN': text, en })} hint={hint} />
      <CommitInput label={t('composer.field.en', { label })} value={en} onCommit={(text) => onCommit({ 'zh-CN': zh, en: text })} />
    </div>
  );
}
