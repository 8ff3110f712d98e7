import { randomUUID } from 'node:crypto';
import { QueryOrder } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import {
  canAct, CN_2027, CivicflowError, formatInstant, isCivicflowError, isOrgUnitPath, isWithin, openTasks, runCommand, startStored,
} from '@civicflow/engine';
import type {
  Actor, EngineOptions, HistoryEvent, InstanceSnapshot, Instant, LocalizedText, ProcessDefinition, ResolvedAssignee, StoredInstance, TaskRecord, TaskView,
} from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';
import type { DefinitionRepository, PublishedDefinition } from '../definitions/definitionRepository.js';
import { ServerError } from '../plugins/serverError.js';
import { InstanceEntity, TaskEntity } from '../entities/index.js';
import type { TaskRow } from '../entities/index.js';
import { createIdempotencyGuard, requestHash } from '../idempotency/index.js';
import type { IdempotentOutcome, WorkResult } from '../idempotency/index.js';
import type { Orm } from '../orm/createOrm.js';
import { statusOf } from '../plugins/httpErrors.js';
import type { ErrorBody } from '../plugins/httpErrors.js';
import { createSqlStore } from '../store/createSqlStore.js';
import { ADMIN_ROLE } from '../auth/roles.js';

/** An open task in a case view: what it is, whom it waits for, and whether the caller may act on it. */
export interface TaskSummary {
  id: string;
  stepId: string;
  title: LocalizedText;
  formId: string;
  assignee: ResolvedAssignee;
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  /** True when the signed-in actor may complete it (role, unit and person match). */
  canAct: boolean;
}

/** A case as its viewers see it. */
export interface CaseView {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  title: LocalizedText;
  status: InstanceSnapshot['status'];
  /** The machine state (the steps the case is in). */
  state: unknown;
  outcome: { id: string; title: LocalizedText } | null;
  orgUnit: string;
  startedAt: string;
  startedBy: string;
  data: Record<string, unknown>;
  tasks: TaskSummary[];
}

/** One entry of an inbox page. */
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
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A task opened for work: the form to fill and the case it belongs to. */
export interface TaskDetail {
  instanceId: string;
  task: TaskView;
  case: Omit<CaseView, 'tasks'>;
}

export interface StartInput {
  definitionId: string;
  version?: number | undefined;
  orgUnit?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

export interface InstanceServiceOptions {
  orm: Orm;
  definitions: DefinitionRepository;
  /** Validator and calendar of every command; default createFormValidator() and CN_2027. */
  engineOptions?: EngineOptions;
  /** The clock; default the wall clock. */
  now?: () => Instant;
  /** Instance ids; default crypto.randomUUID. */
  newId?: () => string;
}

export const MAX_INBOX_LIMIT = 100;
export const DEFAULT_INBOX_LIMIT = 20;

/**
 * Cases and tasks over the SQL store (issue 4 §3, §4). Every command is one transaction through
 * the engine's `startStored` / `runCommand`; reads are scoped:
 *
 * - a case is visible on a need-to-know basis, and only within the actor's unit: to
 *   administrators, to whoever started it, to participants (an actor who may act, or could have
 *   acted, on one of its tasks), and to supervisors (a unit strictly above the case, holding a
 *   role the process uses — the town above the village, the county). To anyone else it does not
 *   exist (404, ids are not probeable): a village resident does not read the village's cases;
 * - a task is visible to the actors who may act on it (`canAct`: role, unit, person).
 */
export function createInstanceService(options: InstanceServiceOptions) {
  const { orm, definitions } = options;
  const store = createSqlStore(orm);
  const engineOptions = options.engineOptions ?? { validator: createFormValidator(), calendar: CN_2027 };
  const now = options.now ?? (() => formatInstant(Date.now()));
  const newId = options.newId ?? randomUUID;
  const idempotency = createIdempotencyGuard(orm);

  async function definitionOf(stored: Pick<StoredInstance, 'definitionId' | 'definitionVersion'>): Promise<PublishedDefinition> {
    const def = await definitions.get(stored.definitionId, stored.definitionVersion);
    if (!def) throw new CivicflowError('CF_ENGINE_INTERNAL', { detail: `definition ${stored.definitionId}@${stored.definitionVersion} of a stored case is missing` });
    return def;
  }

  /** The case if the actor may see it; otherwise 404, exactly as for a case that does not exist. */
  async function visibleCase(actor: Actor, instanceId: string): Promise<{ stored: StoredInstance; def: PublishedDefinition }> {
    const stored = await store.load(instanceId);
    if (!stored || !isWithin(stored.snapshot.context.case.orgUnit, actor.orgUnit)) throw caseNotFound(instanceId);
    const def = await definitionOf(stored);
    if (!(await needsToKnow(actor, stored, def))) throw caseNotFound(instanceId);
    return { stored, def };
  }

  /** Need to know: administrator, starter, participant (now or earlier), or supervisor above the case. */
  async function needsToKnow(actor: Actor, stored: StoredInstance, def: PublishedDefinition): Promise<boolean> {
    const ctx = stored.snapshot.context;
    if (actor.roles.includes(ADMIN_ROLE) || ctx.case.startedBy === actor.id) return true;
    const processRoles = Object.keys(def.document.roles);
    if (actor.orgUnit !== ctx.case.orgUnit && actor.roles.some((r) => processRoles.includes(r))) return true;
    if (Object.values(ctx.tasks).some((t) => canAct(actor, t))) return true;
    const events = await store.history(stored.instanceId);
    return events.some((e) => {
      const assignee = e.type === 'task.opened' ? (e.data as { assignee?: ResolvedAssignee } | undefined)?.assignee : undefined;
      return assignee !== undefined && canAct(actor, { assignee } as TaskRecord);
    });
  }

  function caseView(actor: Actor, def: PublishedDefinition, snapshot: InstanceSnapshot): CaseView {
    const { context } = snapshot;
    return {
      instanceId: snapshot.instanceId, definitionId: snapshot.definitionId, definitionVersion: snapshot.definitionVersion, title: def.title,
      status: snapshot.status, state: snapshot.value, outcome: context.outcome ?? null,
      orgUnit: context.case.orgUnit, startedAt: context.case.startedAt, startedBy: context.case.startedBy,
      data: context.data, tasks: taskSummaries(actor, def.document, snapshot),
    };
  }

  /** The response of a command: the case's status and open tasks after it. */
  function commandResult(actor: Actor, def: PublishedDefinition, snapshot: InstanceSnapshot) {
    return {
      instanceId: snapshot.instanceId, definitionId: snapshot.definitionId, definitionVersion: snapshot.definitionVersion,
      status: snapshot.status, outcome: snapshot.context.outcome ?? null, tasks: taskSummaries(actor, def.document, snapshot),
    };
  }

  return {
    /** Starts a case in `orgUnit` (default: the actor's unit), which must lie within the actor's unit. */
    async start(actor: Actor, input: StartInput) {
      const def = input.version !== undefined ? await definitions.get(input.definitionId, input.version) : await definitions.latest(input.definitionId);
      if (!def) throw definitionNotFound(input.definitionId, input.version);
      const orgUnit = input.orgUnit ?? actor.orgUnit;
      if (!isOrgUnitPath(orgUnit)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit });
      if (!isWithin(orgUnit, actor.orgUnit)) throw outsideUnit(orgUnit, actor.orgUnit);
      const { stored } = await startStored(store, def.document, { instanceId: newId(), orgUnit, data: input.data ?? {} }, { now: now(), actor }, engineOptions);
      return commandResult(actor, def, stored.snapshot);
    },

    async get(actor: Actor, instanceId: string): Promise<CaseView> {
      const { stored, def } = await visibleCase(actor, instanceId);
      return caseView(actor, def, stored.snapshot);
    },

    /** The case's timeline, oldest first, each entry with who acted (id, roles, unit). */
    async history(actor: Actor, instanceId: string): Promise<{ instanceId: string; events: (HistoryEvent & { seq: number })[] }> {
      await visibleCase(actor, instanceId);
      const events = await store.history(instanceId);
      return { instanceId, events: events.map((e, i) => ({ seq: i + 1, ...e })) };
    },

    /** Cancels a visible case (the route allows administrators only). */
    async cancel(actor: Actor, instanceId: string, reason: string) {
      const { def } = await visibleCase(actor, instanceId);
      const { stored } = await runCommand(store, def.document, instanceId, { type: 'cancel', reason }, { now: now(), actor }, engineOptions);
      return commandResult(actor, def, stored.snapshot);
    },

    /**
     * The actor's open tasks: their roles, assignee unit matching (exact: the actor's unit;
     * subtree: a unit containing the actor's), the person if the task names one; due first
     * (tasks without a due date last), then by case and task id. Keyset pagination.
     */
    async inbox(actor: Actor, page: { limit?: number | undefined; cursor?: string | undefined } = {}): Promise<InboxPage> {
      const limit = Math.min(Math.max(page.limit ?? DEFAULT_INBOX_LIMIT, 1), MAX_INBOX_LIMIT);
      const after = page.cursor !== undefined ? decodeCursor(page.cursor) : undefined;
      const segments = actor.orgUnit.split('/');
      const enclosing = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
      const persons = [actor.id, ...(actor.personId ? [actor.personId] : [])];
      const conditions: FilterQuery<TaskRow>[] = [
        { role: { $in: actor.roles } },
        { $or: [{ match: 'exact', orgUnit: actor.orgUnit }, { match: 'subtree', orgUnit: { $in: enclosing } }] },
        { $or: [{ person: null }, { person: { $in: persons } }] },
        { instance: { status: 'active' } },
      ];
      if (after) conditions.push(afterCursor(after));
      const em = orm.em.fork();
      const rows = await em.find(TaskEntity, { $and: conditions } as FilterQuery<TaskRow>, {
        orderBy: [{ dueAt: QueryOrder.ASC_NULLS_LAST }, { instance: QueryOrder.ASC }, { taskId: QueryOrder.ASC }],
        limit: limit + 1, disableIdentityMap: true,
      });
      const pageRows = rows.slice(0, limit);
      const ids = [...new Set(pageRows.map((r) => r.instance.instanceId))];
      const cases = ids.length === 0 ? [] : await em.find(InstanceEntity, { instanceId: { $in: ids } }, { fields: ['instanceId', 'definitionId', 'definitionVersion', 'orgUnit'], disableIdentityMap: true });
      const caseOf = new Map(cases.map((c) => [c.instanceId, { definitionId: c.definitionId, definitionVersion: c.definitionVersion, orgUnit: c.orgUnit }]));
      const items = pageRows.map((r): InboxItem => ({
        instanceId: r.instance.instanceId, taskId: r.taskId, stepId: r.stepId, title: r.record.title, formId: r.formId,
        dueAt: r.record.dueAt ?? null, overdue: r.overdue, repeatable: r.record.repeatable ?? false, createdAt: r.record.createdAt,
        case: caseOf.get(r.instance.instanceId)!,
      }));
      const last = pageRows[pageRows.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor({ d: last.dueAt ? toDate(last.dueAt).getTime() : null, i: last.instance.instanceId, t: last.taskId }) : null;
      return { items, nextCursor };
    },

    /** A task the actor may act on: its form (schema, uiSchema) and the case; 404 otherwise. */
    async task(actor: Actor, instanceId: string, taskId: string): Promise<TaskDetail> {
      const stored = await store.load(instanceId);
      const record = stored?.snapshot.context.tasks[taskId];
      if (!stored || !record || !canAct(actor, record)) throw taskNotFound(instanceId, taskId);
      const def = await definitionOf(stored);
      const task = openTasks(def.document, stored.snapshot).find((t) => t.id === taskId)!;
      const { tasks: _tasks, ...rest } = caseView(actor, def, stored.snapshot);
      return { instanceId, task, case: rest };
    },

    /**
     * Completes a task with form data, once per Idempotency-Key of the actor (see IdempotencyGuard).
     * Success and user refusals (invalid form 422, a rule not met, not yours 404) are recorded and
     * answered again on a retry; a concurrent change (409) is not, so a retry after reloading runs.
     */
    async complete(actor: Actor, instanceId: string, taskId: string, data: unknown, key: string): Promise<IdempotentOutcome> {
      const hash = requestHash('POST', `/api/tasks/${instanceId}/${taskId}/complete`, { data });
      return idempotency.run({
        actorId: actor.id, key, requestHash: hash,
        work: async (): Promise<WorkResult> => {
          try {
            const stored = await store.load(instanceId);
            const record = stored?.snapshot.context.tasks[taskId];
            if (!stored) throw taskNotFound(instanceId, taskId);
            if (!record) throw (await wasOpenFor(actor, instanceId, taskId)) ? taskClosed(instanceId, taskId) : taskNotFound(instanceId, taskId);
            if (!canAct(actor, record)) throw taskNotFound(instanceId, taskId);
            const def = await definitionOf(stored);
            let result;
            try {
              result = await runCommand(store, def.document, instanceId, { type: 'complete', taskId, data }, { now: now(), actor }, engineOptions);
            } catch (error) {
              // Open when loaded above, gone when the command loaded it: completed in between.
              if (isCivicflowError(error, 'CF_ENGINE_TASK_NOT_FOUND')) throw taskClosed(instanceId, taskId);
              throw error;
            }
            return { status: 200, body: commandResult(actor, def, result.stored.snapshot), record: true };
          } catch (error) {
            const response = errorResponse(error);
            if (!response || response.status >= 500) throw error;
            const transient = response.status === 409;
            return { ...response, record: !transient };
          }
        },
      });
    },
  };

  /** True when the task existed in the case (it was opened) and was meant for this actor: it is closed now. */
  async function wasOpenFor(actor: Actor, instanceId: string, taskId: string): Promise<boolean> {
    const events = await store.history(instanceId);
    const opened = events.find((e) => e.type === 'task.opened' && e.taskId === taskId);
    const assignee = (opened?.data as { assignee?: ResolvedAssignee } | undefined)?.assignee;
    return assignee !== undefined && canAct(actor, { assignee } as TaskRecord);
  }
}

export type InstanceService = ReturnType<typeof createInstanceService>;

function taskSummaries(actor: Actor, definition: ProcessDefinition, snapshot: InstanceSnapshot): TaskSummary[] {
  return openTasks(definition, snapshot).map((t) => ({
    id: t.id, stepId: t.stepId, title: t.title, formId: t.formId, assignee: t.assignee, dueAt: t.dueAt, overdue: t.overdue, repeatable: t.repeatable,
    canAct: canAct(actor, snapshot.context.tasks[t.id]!),
  }));
}

/** The status and body the error handlers would send for `error`, or undefined for an unexpected error. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } | undefined {
  if (error instanceof ServerError) return { status: error.status, body: error.toBody() };
  if (error instanceof CivicflowError) {
    return {
      status: statusOf(error.code),
      body: { code: error.code, message: error.localized, ...(error.hint ? { hint: error.hint } : {}), ...(error.details !== undefined ? { details: error.details } : {}) },
    };
  }
  return undefined;
}

const toDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

interface Cursor { d: number | null; i: string; t: string }

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<Cursor>;
    if ((c.d === null || typeof c.d === 'number') && typeof c.i === 'string' && typeof c.t === 'string') return { d: c.d, i: c.i, t: c.t };
  } catch {
    // answered below
  }
  throw new ServerError('CF_SERVER_BAD_REQUEST', 400, { 'zh-CN': '分页游标无效', en: 'the page cursor is invalid' }, {
    hint: { 'zh-CN': '使用上一页返回的 nextCursor，或不带 cursor 从第一页开始', en: 'pass the nextCursor of the previous page, or omit cursor to start over' },
  });
}

/** Rows after the cursor in the order (dueAt asc nulls last, instance, taskId). */
function afterCursor(c: Cursor): FilterQuery<TaskRow> {
  const sameDue = c.d === null ? { dueAt: null } : { dueAt: new Date(c.d) };
  const tie = { $or: [{ ...sameDue, instance: { $gt: c.i } }, { ...sameDue, instance: c.i, taskId: { $gt: c.t } }] };
  if (c.d === null) return tie as FilterQuery<TaskRow>;
  return { $or: [{ dueAt: { $gt: new Date(c.d) } }, tie, { dueAt: null }] } as FilterQuery<TaskRow>;
}

function caseNotFound(instanceId: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `没有办件 ${instanceId}`, en: `there is no case ${instanceId}` }, {
    hint: { 'zh-CN': '办件只对其所属单位及上级单位可见', en: 'a case is visible only within its unit and the units above it' },
    details: { instanceId },
  });
}

function taskNotFound(instanceId: string, taskId: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `您没有待办任务 ${taskId}`, en: `you have no open task ${taskId}` }, {
    hint: { 'zh-CN': '刷新待办列表（GET /api/tasks）', en: 'reload your inbox (GET /api/tasks)' },
    details: { instanceId, taskId },
  });
}

function taskClosed(instanceId: string, taskId: string): ServerError {
  return new ServerError('CF_SERVER_TASK_CLOSED', 409, { 'zh-CN': `任务 ${taskId} 已被办结（可能由他人或另一次提交办结）`, en: `task ${taskId} has already been completed (by someone else or another submission)` }, {
    hint: { 'zh-CN': '刷新办件查看最新情况', en: 'reload the case to see where it stands' },
    details: { instanceId, taskId },
  });
}

function definitionNotFound(id: string, version: number | undefined): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, {
    'zh-CN': version !== undefined ? `流程 ${id} 没有第 ${version} 版` : `没有流程 ${id}`,
    en: version !== undefined ? `process ${id} has no version ${version}` : `there is no process ${id}`,
  }, { hint: { 'zh-CN': 'GET /api/definitions 列出全部已发布的流程', en: 'GET /api/definitions lists every published process' }, details: { definitionId: id, ...(version !== undefined ? { version } : {}) } });
}

function outsideUnit(orgUnit: string, actorUnit: string): ServerError {
  return new ServerError('CF_SERVER_FORBIDDEN_ORG_UNIT', 403, {
    'zh-CN': `您只能为本单位及下级单位办件，${orgUnit} 不在 ${actorUnit} 范围内`, en: `you can open cases only within your unit; ${orgUnit} is outside ${actorUnit}`,
  }, { hint: { 'zh-CN': '由该单位的工作人员办理，或省略 orgUnit 在本单位办件', en: 'ask that unit’s staff, or omit orgUnit to open the case in your own unit' }, details: { orgUnit, actorUnit } });
}
