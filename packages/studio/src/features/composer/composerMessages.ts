import type { LocalizedText } from '@civicflow/engine';

/** The flow composer's texts (merged into the studio's messages). */
export const COMPOSER_MESSAGES = {
  'composer.titleNew': { 'zh-CN': '新建流程', en: 'New process' },
  'composer.titleEdit': { 'zh-CN': '编辑流程：{process}（基于第 {version} 版）', en: 'Edit process: {process} (from version {version})' },

  // Step kinds as the palette names them; also the titles of new steps.
  'composer.kind.task': { 'zh-CN': '人工办理', en: 'Task' },
  'composer.kind.jointReview': { 'zh-CN': '联审会签', en: 'Joint review' },
  'composer.kind.vote': { 'zh-CN': '投票表决', en: 'Vote' },
  'composer.kind.notice': { 'zh-CN': '公示公告', en: 'Public notice' },
  'composer.kind.escalation': { 'zh-CN': '逐级调处', en: 'Escalation ladder' },
  'composer.kind.decision': { 'zh-CN': '条件判断', en: 'Decision' },
  'composer.kind.wait': { 'zh-CN': '等待', en: 'Wait' },
  'composer.kind.parallel': { 'zh-CN': '并行办理', en: 'Parallel' },
  'composer.kind.subprocess': { 'zh-CN': '子流程', en: 'Subprocess' },
  'composer.kind.end': { 'zh-CN': '结束', en: 'End' },
} as const satisfies Record<string, LocalizedText>;
