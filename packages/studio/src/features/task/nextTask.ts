import type { LocalizedText } from '@civicflow/engine';
import type { CommandResult, InboxItem } from '../../api/types.js';

/** Where "next task" leads after a submission. */
export interface NextTask {
  instanceId: string;
  taskId: string;
  title: LocalizedText;
}

/**
 * The task to offer after completing `done`: first another open task of the same case that the
 * person may do now (the process often continues with them), else the first task of their inbox
 * that is not the one just done (the inbox may still list it for a moment).
 */
export function chooseNextTask(done: { instanceId: string; taskId: string }, result: CommandResult, inbox: readonly InboxItem[]): NextTask | undefined {
  const sameCase = result.tasks.find((t) => t.canAct && t.id !== done.taskId);
  if (sameCase) return { instanceId: result.instanceId, taskId: sameCase.id, title: sameCase.title };
  const fromInbox = inbox.find((i) => !(i.instanceId === done.instanceId && i.taskId === done.taskId));
  return fromInbox ? { instanceId: fromInbox.instanceId, taskId: fromInbox.taskId, title: fromInbox.title } : undefined;
}
