import type { LocalizedText } from '@civicflow/engine';

/** The 办件 page's texts for starting a case with its start input (merged into the studio's messages). */
export const CASES_MESSAGES = {
  'cases.startFormIntro': {
    'zh-CN': '此流程发起时需要以下信息，填写后即发起办件。',
    en: 'This process needs the following to start; the case starts when you submit it.',
  },
  'cases.definitionUnavailable': {
    'zh-CN': '未能读取此流程的发起表单；仍可直接发起，服务器会检查发起信息。',
    en: "This process's start form could not be read; you can still start the case, and the server checks what it needs.",
  },
} as const satisfies Record<string, LocalizedText>;
