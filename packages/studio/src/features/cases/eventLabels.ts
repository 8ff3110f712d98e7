import type { LocalizedText } from '@civicflow/engine';
import type { TimelineEvent } from '../../api/types.js';

/**
 * A readable name for every kind of event the engine records in a case's history. A type not
 * listed (a newer engine) is shown by its code, never hidden.
 */
export const EVENT_LABELS: Readonly<Record<string, LocalizedText>> = {
  'instance.started': { 'zh-CN': '办件发起', en: 'Case started' },
  'instance.ended': { 'zh-CN': '办件办结', en: 'Case closed' },
  'instance.cancelled': { 'zh-CN': '办件撤销', en: 'Case cancelled' },
  'instance.migrated': { 'zh-CN': '迁移到新版本流程', en: 'Moved to a new process version' },
  'cancel.requested': { 'zh-CN': '申请撤销', en: 'Cancellation requested' },
  'step.entered': { 'zh-CN': '进入环节', en: 'Step reached' },
  'route.taken': { 'zh-CN': '流转', en: 'Moved on' },
  'task.opened': { 'zh-CN': '待办生成', en: 'Task assigned' },
  'task.completed': { 'zh-CN': '办理完成', en: 'Task completed' },
  'task.closed': { 'zh-CN': '待办关闭', en: 'Task closed' },
  'timer.scheduled': { 'zh-CN': '设定期限', en: 'Deadline set' },
  'timer.fired': { 'zh-CN': '期限到达', en: 'Deadline reached' },
  'timer.expired': { 'zh-CN': '期限届满', en: 'Time limit expired' },
  notified: { 'zh-CN': '发出通知', en: 'Notification sent' },
  'parallel.joined': { 'zh-CN': '并行办理汇合', en: 'Parallel work joined' },
  'branch.ended': { 'zh-CN': '分支结束', en: 'Branch finished' },
  'review.answered': { 'zh-CN': '联审意见', en: 'Review answer' },
  'review.decided': { 'zh-CN': '联审结论', en: 'Review decided' },
  'notice.published': { 'zh-CN': '公示发布', en: 'Notice published' },
  'notice.objection.filed': { 'zh-CN': '收到异议', en: 'Objection filed' },
  'notice.objection.late': { 'zh-CN': '逾期异议', en: 'Late objection' },
  'notice.closed': { 'zh-CN': '公示期结束', en: 'Notice period closed' },
  'rung.entered': { 'zh-CN': '进入调处层级', en: 'Level reached' },
  'rung.ended': { 'zh-CN': '层级办理结束', en: 'Level finished' },
  'case.escalated': { 'zh-CN': '上报升级', en: 'Escalated' },
  'ladder.left': { 'zh-CN': '逐级调处结束', en: 'Escalation finished' },
  'vote.counted': { 'zh-CN': '计票结果', en: 'Votes counted' },
  'subprocess.started': { 'zh-CN': '子流程发起', en: 'Sub-process started' },
  'subprocess.completed': { 'zh-CN': '子流程办结', en: 'Sub-process finished' },
};

/** The name of an event type in `locale`, or its code when unknown. */
export function eventLabel(type: string): LocalizedText {
  return EVENT_LABELS[type] ?? { 'zh-CN': type, en: type };
}

/** Titles the timeline can use to say what an event was about. */
export interface TimelineTitles {
  step(stepId: string): LocalizedText | undefined;
}

function data(event: TimelineEvent): Record<string, unknown> {
  return typeof event.data === 'object' && event.data !== null && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
}

function localized(value: unknown): LocalizedText | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<LocalizedText>;
  return typeof v['zh-CN'] === 'string' && typeof v.en === 'string' ? { 'zh-CN': v['zh-CN'], en: v.en } : undefined;
}

/**
 * What an event was about, in a few words: the task's title for task events (taken from the
 * event itself or from when the task was opened), else the step's title, plus the new level of
 * an escalation, a notice's message, or an outcome. Nothing of the submitted form data (that may
 * hold personal data) is shown here.
 */
export function eventSubject(event: TimelineEvent, history: readonly TimelineEvent[], titles: TimelineTitles): LocalizedText | undefined {
  const d = data(event);
  if (event.type === 'notified') return localized(d['message']);
  if (event.type === 'instance.ended') {
    const outcome = typeof d['outcome'] === 'string' ? d['outcome'] : '';
    return (event.stepId ? titles.step(event.stepId) : undefined) ?? { 'zh-CN': outcome, en: outcome };
  }
  if (event.type === 'rung.entered' && typeof d['rung'] === 'string') {
    const where = typeof d['orgUnit'] === 'string' ? ` · ${d['orgUnit']}` : '';
    return { 'zh-CN': `${d['rung']}${where}`, en: `${d['rung']}${where}` };
  }
  if (event.type === 'case.escalated' && typeof d['toOrgUnit'] === 'string') {
    const to = typeof d['to'] === 'string' ? d['to'] : '';
    return { 'zh-CN': `${to} → ${d['toOrgUnit']}`, en: `${to} → ${d['toOrgUnit']}` };
  }
  if (event.type === 'route.taken' && typeof d['to'] === 'string') return titles.step(d['to']) ?? { 'zh-CN': d['to'], en: d['to'] };
  if (event.taskId) {
    const own = localized(d['title']);
    if (own) return own;
    const opened = history.find((e) => e.type === 'task.opened' && e.taskId === event.taskId);
    const fromOpened = opened ? localized(data(opened)['title']) : undefined;
    if (fromOpened) return fromOpened;
  }
  return event.stepId ? titles.step(event.stepId) ?? { 'zh-CN': event.stepId, en: event.stepId } : undefined;
}
