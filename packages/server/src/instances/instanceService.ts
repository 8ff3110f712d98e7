import { QueryOrder, raw } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import {
  canAct, CivicflowError, formatInstant, isCivicflowError, isEligible, isOrgUnitPath, isWithin, openTasks, runCommand, startInstance, step,
} from '@civicflow/engine';
import type {
  Effect, Actor, Command, EngineOptions, HistoryEvent, InstanceSnapshot, Instant, LocalizedText, ProcessDefinition, ResolvedAssignee, StoredInstance, TaskRecord, TaskView,
} from '@civicflow/engine';
import { serverEngineOptions } from '../engine/serverEngineOptions.js';
import type { DefinitionRepository, PublishedDefinition } from '../definitions/definitionRepository.js';
import { ServerError } from '../plugins/serverError.js';
import { DefinitionEntity, InstanceEntity, TaskEntity } from '../entities/index.js';
import type { InstanceRow, TaskRow } from '../entities/index.js';
import { createIdempotencyGuard, requestHash } from '../idempotency/index.js';
import type { IdempotentOutcome, RecordWithin, WorkResult } from '../idempotency/index.js';
import { linkAttachments } from '../attachments/linkAttachments.js';
import { createEffectDispatcher } from '../effects/createEffectDispatcher.js';
import { SUBPROCESS_ACTOR_ID } from '../effects/subprocessActor.js';
import { usesSubprocesses } from '../effects/usesSubprocesses.js';
import type { Orm } from '../orm/createOrm.js';
import { statusOf } from '../plugins/httpErrors.js';
import type { ErrorBody } from '../plugins/httpErrors.js';
import { createSqlStore } from '../store/createSqlStore.js';
import type { WithinTransaction } from '../store/createSqlStore.js';
import { ADMIN_ROLE } from '../auth/roles.js';
import { withinUnit } from '../sql/withinUnit.js';
import { actorOfUser } from '../auth/userActor.js';
import { timeOrderedUuid } from './timeOrderedUuid.js';

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
  /** The actor id of whoever has claimed it (认领), or null while anyone eligible may take it. */
  claimedBy: string | null;
  /** True when the signed-in actor may complete it (role, unit and person match, and nobody else holds it). */
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

/** A task opened for work: the form to fill and the case it belongs to. */
export interface TaskDetail {
  instanceId: string;
  task: TaskView;
  case: Omit<CaseView, 'tasks'>;
}

/** One case of the case list: what it is, where it stands, and how much work is open in it. */
export interface CaseListItem {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  title: LocalizedText;
  status: InstanceSnapshot['status'];
  /** The outcome code once the case has ended (e.g. `RESOLVED`, `CANCELLED`), else null. */
  outcome: string | null;
  orgUnit: string;
  startedAt: string;
  /** When the case last changed (its last command). */
  updatedAt: string;
  openTaskCount: number;
}

export interface CaseListPage {
  items: CaseListItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Filters of the case list; every one narrows the cases the actor may see. */
export interface CaseListQuery {
  definitionId?: string | undefined;
  status?: InstanceSnapshot['status'] | undefined;
  /** Only cases in this unit or below it; it must lie within the actor's unit. */
  orgUnit?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
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
  /** Validator and calendar of every command; default serverEngineOptions(). */
  engineOptions?: EngineOptions;
  /** The clock; default the wall clock. */
  now?: () => Instant;
  /** Instance ids; default timeOrderedUuid (UUID version 7). */
  newId?: () => string;
}

/** How many published versions a service keeps in memory (the first read are forgotten first). */
const MAX_PINNED_VERSIONS = 200;
export const MAX_CASE_LIST_LIMIT = 100;
export const DEFAULT_CASE_LIST_LIMIT = 20;

/**
 * Cases and tasks over the SQL store (issue 4 §3, §4). Every command is one transaction through
 * the engine's `step` and the SQL store (tasks, timers, effects, idempotent responses together); reads are scoped:
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
  const engineOptions = options.engineOptions ?? serverEngineOptions();
  const now = options.now ?? (() => formatInstant(Date.now()));
  const newId = options.newId ?? (() => timeOrderedUuid());
  const idempotency = createIdempotencyGuard(orm);
  // Subprocess work a command leaves in the outbox is done before the response, so the caller sees
  // the children started; the server's background dispatcher catches whatever a crash left behind.
  const dispatcher = createEffectDispatcher({
    orm, store, definitions: { get: async (id, v) => (await pinnedVersion(id, v))?.document, latest: (id) => definitions.latest(id) },
    engineOptions, worker: `request:${process.pid}`, now,
  });
  // A case that ends leaves work only where a subprocess link can exist: it is a child (started by
  // the dispatcher) or its process has subprocess steps. Any other end skips the outbox look.
  async function settle(effects: readonly Effect[], definition: ProcessDefinition, snapshot: InstanceSnapshot): Promise<void> {
    const linked = (): boolean => snapshot.context.case.startedBy === SUBPROCESS_ACTOR_ID || usesSubprocesses(definition);
    if (effects.some((e) => e.type === 'subprocess.start' || (e.type === 'instance.ended' && linked()))) await dispatcher.runOnce();
  }
  // Title and process roles per published version; published versions never change.
  const versionFacts = new Map<string, { title: LocalizedText; roles: readonly string[] }>();

  // The versions cases run on, as first read (and checked against their SHA-256) by this service.
  // Published versions never change, so a case's every later command reuses the same document:
  // no row read, no hashing, and the engine finds its compiled machine by the object. A row edited
  // outside civicflow afterwards is refused by every read of the repository (GET, list, timers)
  // and by the next process start; commands keep running the text that was published.
  const pinned = new Map<string, PublishedDefinition>();
  async function pinnedVersion(id: string, version: number): Promise<PublishedDefinition | undefined> {
    const key = versionKey(id, version);
    const hit = pinned.get(key);
    if (hit) return hit;
    const def = await definitions.get(id, version);
    if (def) {
      if (pinned.size >= MAX_PINNED_VERSIONS) pinned.delete(pinned.keys().next().value!);
      pinned.set(key, def);
    }
    return def;
  }

  async function definitionOf(stored: Pick<StoredInstance, 'definitionId' | 'definitionVersion'>): Promise<PublishedDefinition> {
    const def = await pinnedVersion(stored.definitionId, stored.definitionVersion);
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
    /**
     * Starts a case in `orgUnit` (default: the actor's unit), which must lie within the actor's unit.
     * With an Idempotency-Key (optional here) a retry answers the first start instead of opening a
     * second case; the key is recorded in the start's own transaction.
     */
    async start(actor: Actor, input: StartInput, key?: string): Promise<IdempotentOutcome> {
      const begin = async (recordWithin?: RecordWithin) => {
        const def = input.version !== undefined ? await pinnedVersion(input.definitionId, input.version) : await definitions.latest(input.definitionId);
        if (!def) throw definitionNotFound(input.definitionId, input.version);
        const orgUnit = input.orgUnit ?? actor.orgUnit;
        if (!isOrgUnitPath(orgUnit)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit });
        if (!isWithin(orgUnit, actor.orgUnit)) throw outsideUnit(orgUnit, actor.orgUnit);
        const instanceId = newId();
        const data = input.data ?? {};
        const result = startInstance(def.document, { instanceId, orgUnit, data }, { now: now(), actor }, engineOptions);
        const body = commandResult(actor, def, result.snapshot);
        await store.create(result.snapshot, result.events, result.effects, async (sql) => {
          await linkAttachments(sql, instanceId, actor.id, data);
          await recordWithin?.({ status: 201, body })(sql);
        });
        await settle(result.effects, def.document, result.snapshot);
        return { status: 201, body, record: true } satisfies WorkResult;
      };
      if (key === undefined) return { ...(await begin()), replayed: false };
      return idempotency.run({
        actorId: actor.id, key, requestHash: requestHash('POST', '/api/instances', input),
        work: async (recordWithin) => {
          try {
            return await begin(recordWithin);
          } catch (error) {
            const response = errorResponse(error);
            if (!response || response.status >= 500) throw error;
            return { ...response, record: response.status !== 409 };
          }
        },
      });
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
      const { stored, result } = await runCommand(store, def.document, instanceId, { type: 'cancel', reason }, { now: now(), actor }, engineOptions);
      await settle(result.effects, def.document, stored.snapshot); // its running subprocesses end with it
      return commandResult(actor, def, stored.snapshot);
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
      const hash = completionHash(instanceId, taskId, data);
      return idempotency.run({
        actorId: actor.id, key, requestHash: hash,
        work: async (recordWithin): Promise<WorkResult> => {
          const attempt = (stored: StoredInstance | null) => completeOn(actor, stored, instanceId, taskId, data, (body) => recordWithin({ status: 200, body }));
          try {
            // The case as this process last wrote it saves the read, but only its commit proves it was
            // still the stored version (optimistic lock): any other end — a refusal, a conflict — is
            // decided again on a fresh read, so nothing is answered or recorded from an old snapshot.
            const fresh = async () => attempt(await store.load(instanceId));
            const remembered = store.remembered(instanceId);
            const done = remembered ? await attempt(remembered).catch(fresh) : await fresh();
            await settle(done.effects, done.definition, done.snapshot);
            return { status: 200, body: done.body, record: true };
          } catch (error) {
            const response = errorResponse(error);
            if (!response || response.status >= 500) throw error;
            const transient = response.status === 409;
            return { ...response, record: !transient };
          }
        },
      });
    },

    /**
     * complete's first try for an actor whose session is not yet proven (the auth plugin's
     * UnprovenSession): on the case as this process last wrote it (or as read), with `prove` and the
     * Idempotency-Key's record in the command's own transaction. It answers only if that commits —
     * which proves the session, the case's version and that the key was unused. Anything else
     * (undefined) has changed nothing and answered nothing: the caller confirms the session and
     * calls complete, which decides it all again (and answers a used key as its row says).
     */
    async completeUnproven(actor: Actor, prove: WithinTransaction, instanceId: string, taskId: string, data: unknown, key: string): Promise<IdempotentOutcome | undefined> {
      const requestHash = completionHash(instanceId, taskId, data);
      let done: Awaited<ReturnType<typeof completeOn>>;
      try {
        const stored = store.remembered(instanceId) ?? await store.load(instanceId);
        done = await completeOn(actor, stored, instanceId, taskId, data, (body) => async (sql) => {
          await prove(sql);
          await idempotency.recordIn({ actorId: actor.id, key, requestHash }, { status: 200, body })(sql);
        });
      } catch {
        return undefined;
      }
      // Committed: from here on a retry with the key answers this response.
      await settle(done.effects, done.definition, done.snapshot);
      return { status: 200, body: done.body, replayed: false };
    },

    /** Claims an open task for the actor (认领): until released or reassigned, only they may complete it. */
    async claim(actor: Actor, instanceId: string, taskId: string) {
      return holderCommand(actor, instanceId, taskId, { type: 'claim', taskId });
    },

    /** Gives a claimed task back (释放): everyone eligible sees it in their inbox again. */
    async release(actor: Actor, instanceId: string, taskId: string) {
      return holderCommand(actor, instanceId, taskId, { type: 'release', taskId });
    },

    /**
     * Hands a task to another user (改派), who must be able to act on it. Allowed to its holder
     * (hand-over), to an administrator within the case's unit, and to a supervisor: someone holding
     * the task's role in a unit strictly above the task's. 404 when the case is not visible (and the
     * actor does not hold the task), 403 when the actor may not reassign, 422 when the target is
     * unknown or cannot act on the task.
     */
    async reassign(actor: Actor, instanceId: string, taskId: string, input: { to: string; reason: string }) {
      const loaded = await store.load(instanceId);
      // Its holder hands a task over even where the case lies outside their unit (a county department's vetting task).
      const held = loaded !== null && loaded.snapshot.context.tasks[taskId]?.claimedBy === actor.id;
      const { stored, def } = held ? { stored: loaded, def: await definitionOf(loaded) } : await visibleCase(actor, instanceId);
      const record = stored.snapshot.context.tasks[taskId];
      if (!record) throw (await wasOpened(instanceId, taskId)) ? taskClosed(instanceId, taskId) : taskNotFound(instanceId, taskId);
      if (!mayReassign(actor, record)) throw reassignForbidden(instanceId, taskId, record);
      const to = await actorOfUser(orm.em.fork(), input.to);
      if (!to) throw reassignTargetUnknown(instanceId, taskId, input.to);
      const result = await taskCommand(def, instanceId, taskId, { type: 'reassign', taskId, to, reason: input.reason }, actor);
      return commandResult(actor, def, result.snapshot);
    },

    /**
     * The cases the actor may see (exactly those GET /api/instances/:id answers), newest first,
     * keyset-paginated. Need to know is decided in SQL: within the actor's unit, and administrator,
     * starter, participant now or earlier (`task_assignee`), or supervisor above the case holding a
     * role of its process. No snapshot is read.
     */
    async list(actor: Actor, query: CaseListQuery = {}): Promise<CaseListPage> {
      const limit = Math.min(Math.max(query.limit ?? DEFAULT_CASE_LIST_LIMIT, 1), MAX_CASE_LIST_LIMIT);
      const after = query.cursor !== undefined ? decodeListCursor(query.cursor) : undefined;
      const scope = query.orgUnit ?? actor.orgUnit;
      if (!isOrgUnitPath(scope)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit: scope });
      if (!isWithin(scope, actor.orgUnit)) throw listOutsideUnit(scope, actor.orgUnit);
      const em = orm.em.fork();
      const quote = (id: string): string => em.getPlatform().quoteIdentifier(id);
      const facts = await publishedVersionFacts();
      const conditions: FilterQuery<InstanceRow>[] = [withinUnit(scope, quote) as FilterQuery<InstanceRow>];
      if (!actor.roles.includes(ADMIN_ROLE)) conditions.push({ $or: needToKnowConditions(actor, facts, quote) });
      if (query.definitionId !== undefined) conditions.push({ definitionId: query.definitionId });
      if (query.status !== undefined) conditions.push({ status: query.status });
      if (after) conditions.push({ $or: [{ startedAt: { $lt: new Date(after.s) } }, { startedAt: new Date(after.s), instanceId: { $lt: after.i } }] });
      const rows = await em.find(InstanceEntity, { $and: conditions } as FilterQuery<InstanceRow>, {
        fields: ['instanceId', 'definitionId', 'definitionVersion', 'status', 'outcome', 'orgUnit', 'startedAt', 'updatedAt'],
        orderBy: [{ startedAt: QueryOrder.DESC }, { instanceId: QueryOrder.DESC }], limit: limit + 1, disableIdentityMap: true,
      });
      const pageRows = rows.slice(0, limit);
      const ids = pageRows.map((r) => r.instanceId);
      const tasks = ids.length === 0 ? [] : await em.find(TaskEntity, { instance: { $in: ids } }, { fields: ['instance', 'taskId'], disableIdentityMap: true });
      const openCount = new Map<string, number>();
      for (const t of tasks) openCount.set(t.instance.instanceId, (openCount.get(t.instance.instanceId) ?? 0) + 1);
      const items: CaseListItem[] = [];
      for (const r of pageRows) {
        const title = facts.get(versionKey(r.definitionId, r.definitionVersion))?.title ?? (await definitionOf(r)).title;
        items.push({
          instanceId: r.instanceId, definitionId: r.definitionId, definitionVersion: r.definitionVersion, title,
          status: r.status as InstanceSnapshot['status'], outcome: r.outcome ?? null, orgUnit: r.orgUnit,
          startedAt: formatInstant(toDate(r.startedAt!).getTime()), updatedAt: formatInstant(toDate(r.updatedAt).getTime()),
          openTaskCount: openCount.get(r.instanceId) ?? 0,
        });
      }
      const last = pageRows[pageRows.length - 1];
      const nextCursor = rows.length > limit && last ? encodeListCursor({ s: toDate(last.startedAt!).getTime(), i: last.instanceId }) : null;
      return { items, nextCursor };
    },
  };

  /**
   * A completion's checks, step and commit on `stored` (null: no such case): the response and the
   * effects to settle. One transaction: the snapshot, its events, tasks, timers and effects, the
   * attachments the form references, and what `within(body)` adds (the key's record of the response).
   */
  async function completeOn(actor: Actor, stored: StoredInstance | null, instanceId: string, taskId: string, data: unknown,
    within: (body: ReturnType<typeof commandResult>) => WithinTransaction,
  ): Promise<{ body: ReturnType<typeof commandResult>; effects: readonly Effect[]; definition: ProcessDefinition; snapshot: InstanceSnapshot }> {
    const record = stored?.snapshot.context.tasks[taskId];
    if (!stored) throw taskNotFound(instanceId, taskId);
    if (!record) throw (await wasOpenFor(actor, instanceId, taskId)) ? taskClosed(instanceId, taskId) : taskNotFound(instanceId, taskId);
    // Someone who could act but for a colleague's claim learns who holds it (409), as claim answers;
    // anyone else cannot tell the task exists (404).
    if (!canAct(actor, record)) throw isEligible(actor, record) ? new CivicflowError('CF_ENGINE_TASK_CLAIMED', { taskId, holder: record.claimedBy ?? '—' }, { taskId, holder: record.claimedBy ?? null }) : taskNotFound(instanceId, taskId);
    const def = await definitionOf(stored);
    const result = step(def.document, stored.snapshot, { type: 'complete', taskId, data }, { now: now(), actor }, engineOptions);
    const body = commandResult(actor, def, result.snapshot);
    const recordResponse = within(body);
    await store.commit(instanceId, stored.version, result.snapshot, result.events, result.effects, async (sql) => {
      await linkAttachments(sql, instanceId, actor.id, data);
      await recordResponse(sql);
    });
    return { body, effects: result.effects, definition: def.document, snapshot: result.snapshot };
  }

  /**
   * Claim or release for an actor who may take the task, or holds it; 404 for anyone else, as for
   * a task that does not exist (the case's other tasks are not theirs to probe).
   */
  async function holderCommand(actor: Actor, instanceId: string, taskId: string, command: Command) {
    const stored = await store.load(instanceId);
    if (!stored) throw taskNotFound(instanceId, taskId);
    const record = stored.snapshot.context.tasks[taskId];
    if (!record) throw (await wasOpenFor(actor, instanceId, taskId)) ? taskClosed(instanceId, taskId) : taskNotFound(instanceId, taskId);
    if (!isEligible(actor, record) && record.claimedBy !== actor.id) throw taskNotFound(instanceId, taskId);
    const def = await definitionOf(stored);
    const result = await taskCommand(def, instanceId, taskId, command, actor);
    return commandResult(actor, def, result.snapshot);
  }

  /** Runs a command on one task; a task completed between the caller's load and the command's is 409 CF_SERVER_TASK_CLOSED. */
  async function taskCommand(def: PublishedDefinition, instanceId: string, taskId: string, command: Command, actor: Actor): Promise<StoredInstance> {
    try {
      return (await runCommand(store, def.document, instanceId, command, { now: now(), actor }, engineOptions)).stored;
    } catch (error) {
      if (isCivicflowError(error, 'CF_ENGINE_TASK_NOT_FOUND')) throw taskClosed(instanceId, taskId);
      throw error;
    }
  }

  /** Who may hand a task over: its holder; an administrator (the case lies within their unit); a holder of the task's role in a unit strictly above the task's. */
  function mayReassign(actor: Actor, task: TaskRecord): boolean {
    if (task.claimedBy === actor.id || actor.roles.includes(ADMIN_ROLE)) return true;
    const unit = task.assignee.orgUnit;
    return actor.roles.includes(task.assignee.role) && actor.orgUnit !== unit && isWithin(unit, actor.orgUnit);
  }

  /** True when the case ever had the task (it is closed now if it is not open). */
  async function wasOpened(instanceId: string, taskId: string): Promise<boolean> {
    return (await store.history(instanceId)).some((e) => e.type === 'task.opened' && e.taskId === taskId);
  }

  /** Title and process roles of every published version (the versions not seen before are read once). */
  async function publishedVersionFacts(): Promise<Map<string, { title: LocalizedText; roles: readonly string[] }>> {
    const versions = await orm.em.fork().find(DefinitionEntity, {}, { fields: ['id', 'version'], disableIdentityMap: true });
    for (const v of versions) {
      const key = versionKey(v.id, v.version);
      if (versionFacts.has(key)) continue;
      const def = await definitions.get(v.id, v.version);
      if (def) versionFacts.set(key, { title: def.title, roles: Object.keys(def.document.roles) });
    }
    return versionFacts;
  }

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
    claimedBy: t.claimedBy, canAct: canAct(actor, snapshot.context.tasks[t.id]!),
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

const versionKey = (definitionId: string, version: number): string => `${definitionId}@${version}`;

/** What identifies a completion request under its Idempotency-Key. */
const completionHash = (instanceId: string, taskId: string, data: unknown): string => requestHash('POST', `/api/tasks/${instanceId}/${taskId}/complete`, { data });

/**
 * Need to know (`needsToKnow`) for one actor who is no administrator, as alternatives: the starter;
 * a supervisor (a unit other than the case's, which the scope puts strictly above it, and a role of
 * the case's process version); a participant (an assignee of any task ever opened in the case
 * matches the actor as `canAct` would, claims aside: role, unit match, named person).
 */
function needToKnowConditions(actor: Actor, facts: Map<string, { roles: readonly string[] }>, quote: (id: string) => string): FilterQuery<InstanceRow>[] {
  const conditions: FilterQuery<InstanceRow>[] = [{ startedBy: actor.id }];
  const supervised = new Map<string, number[]>();
  for (const [key, f] of facts) {
    if (!f.roles.some((r) => actor.roles.includes(r))) continue;
    const at = key.lastIndexOf('@');
    const id = key.slice(0, at);
    supervised.set(id, [...(supervised.get(id) ?? []), Number(key.slice(at + 1))]);
  }
  if (supervised.size > 0) {
    const versions = [...supervised].map(([definitionId, list]) => ({ definitionId, definitionVersion: { $in: list } }));
    conditions.push({ orgUnit: { $ne: actor.orgUnit }, $or: versions } as FilterQuery<InstanceRow>);
  }
  if (actor.roles.length > 0) {
    const segments = actor.orgUnit.split('/');
    const enclosing = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    const persons = [actor.id, ...(actor.personId ? [actor.personId] : [])];
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const a = (column: string) => `ta.${quote(column)}`;
    const exists = (alias: string) => `exists (select 1 from ${quote('task_assignee')} ta where ${a('instance_id')} = ${alias}.${quote('instance_id')}`
      + ` and ${a('role')} in (${marks(actor.roles.length)})`
      + ` and ((${a('match')} = 'exact' and ${a('org_unit')} = ?) or (${a('match')} = 'subtree' and ${a('org_unit')} in (${marks(enclosing.length)})))`
      + ` and (${a('person')} is null or ${a('person')} in (${marks(persons.length)})))`;
    conditions.push({ [raw(exists, [...actor.roles, actor.orgUnit, ...enclosing, ...persons])]: [] } as FilterQuery<InstanceRow>);
  }
  return conditions;
}

interface ListCursor { s: number; i: string }

function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeListCursor(s: string): ListCursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<ListCursor>;
    if (typeof c.s === 'number' && Number.isFinite(c.s) && typeof c.i === 'string') return { s: c.s, i: c.i };
  } catch {
    // answered below
  }
  throw new ServerError('CF_SERVER_BAD_REQUEST', 400, { 'zh-CN': '分页游标无效', en: 'the page cursor is invalid' }, {
    hint: { 'zh-CN': '使用上一页返回的 nextCursor，或不带 cursor 从第一页开始', en: 'pass the nextCursor of the previous page, or omit cursor to start over' },
  });
}

function listOutsideUnit(orgUnit: string, actorUnit: string): ServerError {
  return new ServerError('CF_SERVER_FORBIDDEN_ORG_UNIT', 403, {
    'zh-CN': `您只能查看本单位及下级单位的办件，${orgUnit} 不在 ${actorUnit} 范围内`, en: `you can list cases only within your unit; ${orgUnit} is outside ${actorUnit}`,
  }, { hint: { 'zh-CN': `省略 orgUnit，或取 ${actorUnit} 及其下级单位`, en: `omit orgUnit, or pass ${actorUnit} or a unit below it` }, details: { orgUnit, actorUnit } });
}

function reassignForbidden(instanceId: string, taskId: string, task: TaskRecord): ServerError {
  const { role, orgUnit } = task.assignee;
  return new ServerError('CF_SERVER_FORBIDDEN', 403, {
    'zh-CN': `您无权改派任务 ${taskId}`, en: `you may not reassign task ${taskId}`,
  }, {
    hint: {
      'zh-CN': `可由任务的认领人移交，或由办件所在单位的管理员、在 ${orgUnit} 上级单位具有 ${role} 角色的人员改派`,
      en: `its holder may hand it over; an administrator of the case's unit, or a holder of ${role} in a unit above ${orgUnit}, may reassign it`,
    },
    details: { instanceId, taskId },
  });
}

function reassignTargetUnknown(instanceId: string, taskId: string, to: string): ServerError {
  return new ServerError('CF_SERVER_REASSIGN_TARGET_UNKNOWN', 422, {
    'zh-CN': `没有在用的用户 ${to}，任务 ${taskId} 不能改派给该用户`, en: `there is no active user ${to}; task ${taskId} cannot be handed to them`,
  }, {
    hint: { 'zh-CN': '`to` 填写接办人的用户编号（id），该用户须未停用', en: 'pass the id of the user taking over as `to`; the user must not be disabled' },
    details: { instanceId, taskId, to },
  });
}
