// The JSON the server answers, as its route schemas (packages/server/src/routes/**) describe it.
// Domain types come from the engine so that they are not written twice.
import type { HistoryEvent, LocalizedText, ProcessDefinition, ResolvedAssignee, TaskView } from '@civicflow/engine';

/** The signed-in user (GET /api/me, POST /api/auth/login). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Primary org unit path, e.g. `county:huaxi/town:qingshi`. */
  orgUnit: string;
  orgUnitName?: string;
  roles: string[];
}

/** One entry of GET /api/tasks. */
export interface InboxItem {
  instanceId: string;
  taskId: string;
  stepId: string;
  title: LocalizedText;
  formId: string;
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  createdAt: string;
  case: { definitionId: string; definitionVersion: number; orgUnit: string };
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/** A case without its open tasks (the `case` of GET /api/tasks/:i/:t). */
export interface CaseInfo {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  title: LocalizedText;
  status: 'active' | 'done' | 'cancelled';
  state: unknown;
  outcome: { id: string; title: LocalizedText } | null;
  orgUnit: string;
  startedAt: string;
  startedBy: string;
  data: Record<string, unknown>;
}

/** GET /api/tasks/:instanceId/:taskId. */
export interface TaskDetail {
  instanceId: string;
  task: TaskView;
  case: CaseInfo;
}

/** An open task in a case view or a command result. */
export interface TaskSummary {
  id: string;
  stepId: string;
  title: LocalizedText;
  formId: string;
  assignee: ResolvedAssignee;
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  /** Whether the signed-in user may complete it. */
  canAct: boolean;
}

/** GET /api/instances/:id. */
export interface CaseView extends CaseInfo {
  tasks: TaskSummary[];
}

/** A case's status as the server reports it. */
export type CaseStatus = 'active' | 'done' | 'cancelled';

/** One entry of GET /api/instances: a case the signed-in user may see. */
export interface CaseListItem {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  title: LocalizedText;
  status: CaseStatus;
  outcome: { id: string; title: LocalizedText } | null;
  orgUnit: string;
  startedAt: string;
  updatedAt: string;
  openTaskCount: number;
}

/** GET /api/instances: newest first, a page at a time. */
export interface CaseListPage {
  items: CaseListItem[];
  nextCursor: string | null;
}

/** The filters of GET /api/instances that the studio uses. */
export interface CaseListQuery {
  status?: CaseStatus | undefined;
  cursor?: string | null | undefined;
  limit?: number | undefined;
}

/** The answer of a command (start a case, complete a task). */
export interface CommandResult {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  status: 'active' | 'done' | 'cancelled';
  outcome: { id: string; title: LocalizedText } | null;
  tasks: TaskSummary[];
}

/** One entry of GET /api/instances/:id/history. */
export type TimelineEvent = HistoryEvent & { seq: number };

export interface CaseHistory {
  instanceId: string;
  events: TimelineEvent[];
}

/** One process of GET /api/definitions. */
export interface DefinitionListing {
  id: string;
  title: LocalizedText;
  latestVersion: number;
  versions: { id: string; version: number; title: LocalizedText; publishedAt: string }[];
}

/** GET /api/definitions/:id/versions/:version. */
export interface PublishedDefinition {
  id: string;
  version: number;
  title: LocalizedText;
  publishedAt: string;
  document: ProcessDefinition;
}

/** The one error shape of every route. */
export interface ErrorBody {
  code: string;
  message: LocalizedText;
  hint?: LocalizedText;
  details?: unknown;
}
