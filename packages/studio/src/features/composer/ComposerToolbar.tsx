import type { ReactElement } from 'react';
import { useText } from '../../preferences/PreferencesContext.js';

/** Props of {@link ComposerToolbar}. */
export interface ComposerToolbarProps {
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onExport(): void;
  importOpen: boolean;
  onToggleImport(): void;
  onPublish(): void;
  publishing: boolean;
}

/**
 * 撤销 / 重做 (also Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y), 导入 JSON (opens the import panel), 导出 JSON
 * (a download) and 发布 (POST /api/definitions).
 */
export function ComposerToolbar({ canUndo, canRedo, onUndo, onRedo, onExport, importOpen, onToggleImport, onPublish, publishing }: ComposerToolbarProps): ReactElement {
  const { t } = useText();
  return (
    <div className="composer-toolbar" role="toolbar" aria-label={t('composer.toolbar')}>
      <button type="button" className="button" disabled={!canUndo} onClick={onUndo} aria-keyshortcuts="Control+Z">{t('composer.undo')}</button>
      <button type="button" className="button" disabled={!canRedo} onClick={onRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">{t('composer.redo')}</button>
      <button type="button" className="button" aria-expanded={importOpen} aria-controls="composer-import" onClick={onToggleImport}>{t('composer.import')}</button>
      <button type="button" className="button" onClick={onExport}>{t('composer.export')}</button>
      <button type="button" className="button button--primary" onClick={onPublish} disabled={publishing} aria-describedby="composer-publish-status">
        {publishing ? t('composer.publishing') : t('composer.publish')}
      </button>
    </div>
  );
}
