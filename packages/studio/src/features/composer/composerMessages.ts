import type { LocalizedText } from '@civicflow/engine';

/** The flow composer's texts (merged into the studio's messages). */
export const COMPOSER_MESSAGES = {
  'composer.titleNew': { 'zh-CN': '新建流程', en: 'New process' },
  'composer.titleEdit': { 'zh-CN': '编辑流程：{process}（基于第 {version} 版）', en: 'Edit process: {process} (from version {version})' },
} as const satisfies Record<string, LocalizedText>;
