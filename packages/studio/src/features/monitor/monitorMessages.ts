import type { LocalizedText } from '@civicflow/engine';

/** The monitor's texts (merged into the studio's messages). */
export const MONITOR_MESSAGES = {
  'nav.monitor': { 'zh-CN': '监控', en: 'Monitor' },
  'monitor.title': { 'zh-CN': '运行监控', en: 'Monitor' },
} as const satisfies Record<string, LocalizedText>;
