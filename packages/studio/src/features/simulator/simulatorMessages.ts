import type { LocalizedText } from '@civicflow/engine';

/** The simulator's texts (merged into the studio's messages). */
export const SIMULATOR_MESSAGES = {
  'simulator.title': { 'zh-CN': '模拟运行：{process}（第 {version} 版）', en: 'Simulate: {process} (version {version})' },
} as const satisfies Record<string, LocalizedText>;
