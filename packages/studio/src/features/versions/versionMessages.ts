import type { LocalizedText } from '@civicflow/engine';

/** The version comparison's texts (merged into the studio's messages). */
export const VERSION_MESSAGES = {
  'versions.diffTitle': { 'zh-CN': '{process}：第 {from} 版与第 {to} 版的差异', en: '{process}: version {from} against version {to}' },
} as const satisfies Record<string, LocalizedText>;
