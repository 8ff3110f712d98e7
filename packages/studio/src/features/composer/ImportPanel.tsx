import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { useText } from '../../preferences/PreferencesContext.js';
import { importDefinition } from './model/index.js';
import type { ImportProblem } from './model/index.js';

/**
 * Import a definition as JSON: from a file, or pasted. What cannot be opened is listed with where
 * (line and column, or the JSON pointer) and the fix, in both languages; what opens replaces the
 * draft as one edit (undo brings the previous draft back).
 */
export function ImportPanel({ onImport }: { onImport(definition: ProcessDefinition, upgradedFrom: number | undefined): void }): ReactElement {
  const { t } = useText();
  const id = useId();
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const open = (source: string): void => {
    const result = importDefinition(source);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setPasted('');
    onImport(result.definition, result.upgradedFrom);
  };
  return (
    <section id="composer-import" className="composer-import" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('composer.importHeading')}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('composer.importFile')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void file.text().then(open);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-paste`}>{t('composer.importPaste')}</label>
        <textarea id={`${id}-paste`} className="composer-import__paste" value={pasted} onChange={(event) => setPasted(event.target.value)} rows={6} spellCheck={false} />
      </div>
      <button type="button" className="button" onClick={() => open(pasted)}>{t('composer.importPasted')}</button>
      {problems.length > 0 && (
        <div className="notice notice--error" role="alert">
          <p className="notice__message">{t('composer.importFailed')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.line !== undefined && <span>{t('composer.importWhereLine', { line: p.line, column: p.column ?? 1 })}</span>}
                {p.pointer !== undefined && <code>{p.pointer}</code>}{' '}
                <span lang="zh-CN">{p.message['zh-CN']}</span> <span lang="en">/ {p.message.en}</span>
                <br /><span className="field__hint">{t('composer.problems.fix')}<span lang="zh-CN">{p.hint['zh-CN']}</span> <span lang="en">/ {p.hint.en}</span></span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
