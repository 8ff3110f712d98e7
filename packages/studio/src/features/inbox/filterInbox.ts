import type { LocalizedText } from '@civicflow/engine';
import type { InboxItem } from '../../api/types.js';

/** What an inbox entry can be found by: its task, its process, its unit, its case number. */
export interface InboxSearchTexts {
  processTitle(item: InboxItem): LocalizedText | undefined;
  unit(item: InboxItem): string;
}

/**
 * The loaded inbox entries matching `query` (every word must occur, in either language, case
 * ignored). An empty query keeps everything. Filtering is over what is loaded: the server pages
 * the inbox by due date.
 */
export function filterInbox(items: readonly InboxItem[], query: string, texts: InboxSearchTexts): InboxItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const process = texts.processTitle(item);
    const haystack = [
      item.title['zh-CN'], item.title.en, process?.['zh-CN'] ?? '', process?.en ?? '',
      texts.unit(item), item.case.orgUnit, item.instanceId, item.case.definitionId,
    ].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
