import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import type { CaseView, DefinitionListing, InboxItem, PublishedDefinition, TaskDetail, TimelineEvent, User } from '../src/api/types.js';
import disputeMediation from '../../../examples/dispute-mediation/process.json';

// What the stories show: the dispute-mediation example as the server publishes it, and the
// answers the API gives a village mediator working on it.

export const dispute = disputeMediation as unknown as ProcessDefinition;
export const STORY_DEFINITIONS: readonly ProcessDefinition[] = [dispute];

const VILLAGE = 'county:huaxi/town:qingshi/village:qingshicun';
export const mediator: User = { id: 'u-v_med', username: 'v_med', displayName: '王建国', orgUnit: VILLAGE, orgUnitName: '青石村', roles: ['V_MED'] };
const actor = { id: mediator.id, roles: mediator.roles, orgUnit: VILLAGE };

const stepTitle = (stepId: string): LocalizedText => dispute.steps[stepId]?.title ?? { 'zh-CN': stepId, en: stepId };
const PUBLISHED_AT = '2027-02-20T09:00:00+08:00';

export const publishedDispute: PublishedDefinition = { id: dispute.id, version: 1, title: dispute.title, publishedAt: PUBLISHED_AT, document: dispute };
export const definitionListing: DefinitionListing[] = [
  { id: dispute.id, title: dispute.title, latestVersion: 1, versions: [{ id: dispute.id, version: 1, title: dispute.title, publishedAt: PUBLISHED_AT }] },
];

function inboxItem(instanceId: string, stepId: string, dueAt: string | null, overdue: boolean, createdAt: string): InboxItem {
  return {
    instanceId, taskId: `${stepId}:1`, stepId, title: stepTitle(stepId), formId: 'BF1', dueAt, overdue, repeatable: false, createdAt,
    case: { definitionId: dispute.id, definitionVersion: 1, orgUnit: VILLAGE },
  };
}

/** Tasks with deadlines ahead, and one without. */
export const itemsDue: InboxItem[] = [
  inboxItem('c-2027-0007', 'intake', '2027-03-04T17:00:00+08:00', false, '2027-03-01T09:12:00+08:00'),
  inboxItem('c-2027-0005', 'rightsNotice', '2027-03-06T17:00:00+08:00', false, '2027-02-28T15:40:00+08:00'),
  inboxItem('c-2027-0004', 'acceptanceCheck', null, false, '2027-02-27T10:05:00+08:00'),
];
/** The same inbox with two tasks past their deadline. */
export const itemsOverdue: InboxItem[] = [
  inboxItem('c-2027-0001', 'intake', '2027-02-25T17:00:00+08:00', true, '2027-02-20T08:30:00+08:00'),
  inboxItem('c-2027-0002', 'rightsNotice', '2027-02-27T17:00:00+08:00', true, '2027-02-22T11:00:00+08:00'),
  ...itemsDue.slice(0, 1),
];

const caseInfo = {
  instanceId: 'c-2027-0007', definitionId: dispute.id, definitionVersion: 1, title: dispute.title, status: 'active' as const, state: {}, outcome: null,
  orgUnit: VILLAGE, startedAt: '2027-03-01T09:12:00+08:00', startedBy: mediator.id, data: { filed_with: 'VILLAGE' },
};

/** GET /api/tasks/c-2027-0007/intake:1: the intake registration (form BF1 of the example). */
export const intakeTask: TaskDetail = {
  instanceId: caseInfo.instanceId,
  task: {
    id: 'intake:1', stepId: 'intake', title: stepTitle('intake'), formId: 'BF1', formSchema: dispute.forms['BF1']!.schema,
    assignee: { role: 'V_MED', orgUnit: VILLAGE, match: 'exact' }, dueAt: '2027-03-04T17:00:00+08:00', overdue: false, repeatable: false, claimedBy: null, meta: {},
  },
  case: caseInfo,
};

/** GET /api/instances/c-2027-0007. */
export const intakeCase: CaseView = {
  ...caseInfo,
  tasks: [{ id: 'intake:1', stepId: 'intake', title: stepTitle('intake'), formId: 'BF1', assignee: intakeTask.task.assignee, dueAt: intakeTask.task.dueAt, overdue: false, repeatable: false, canAct: true }],
};

/** The history of a case that went through receipt and intake to its rights notice. */
export const timelineEvents: TimelineEvent[] = [
  { seq: 1, type: 'instance.started', at: '2027-03-01T09:12:00+08:00', actor },
  { seq: 2, type: 'task.opened', at: '2027-03-01T09:12:00+08:00', stepId: 'intake', taskId: 'intake:1' },
  { seq: 3, type: 'task.completed', at: '2027-03-01T10:40:00+08:00', stepId: 'intake', taskId: 'intake:1', actor },
  { seq: 4, type: 'task.opened', at: '2027-03-01T10:40:00+08:00', stepId: 'rightsNotice', taskId: 'rightsNotice:2' },
];
