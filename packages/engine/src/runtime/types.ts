import type { LocalizedText } from '../i18n.js';
import type { Instant } from '../calendar/index.js';

/** The person or system acting on a command. `personId` identifies a natural person (for separation of duties). */
export interface Actor {
  id: string;
  roles: string[];
  /** Org unit path of the actor, e.g. `county:huaxi/town:qingshi`. */
  orgUnit: string;
  personId?: string;
  /** Person ids of the actor's near relatives (近亲属), supplied by the host's roster. */
  relatives?: string[];
  name?: string;
}

/**
 * The assignee of an open task, resolved when the task opened. A stored task leaves `match` out
 * when it is `exact` (the default); `openTasks` always shows it.
 */
export interface ResolvedAssignee {
  role: string;
  orgUnit: string;
  match?: 'exact' | 'subtree';
  person?: string;
}

/**
 * An open task as stored in the snapshot, under its id in `context.tasks`. Only what the
 * definition and the id cannot give back: the id is `<stepId>:<n>` (step ids have no `:`), and the
 * title and form are the step's for the task's part (`taskTitleOf`, `taskFormOf`; `openTasks`
 * shows them).
 */
export interface TaskRecord {
  /** The task's step, only when it is not the one its id names (a migration renamed the step). */
  stepId?: string;
  assignee: ResolvedAssignee;
  createdAt: Instant;
  dueAt?: Instant;
  overdue?: boolean;
  /** A standing task that stays open after each submission (e.g. filing objections during a notice). */
  repeatable?: boolean;
  /** Which part of the step the task serves (reviewer id, `publish`, `objection`, …). */
  role?: string;
  meta?: Record<string, unknown>;
  /**
   * The actor id of whoever holds the task (认领): until they release it or it is reassigned,
   * only they may complete it. An actor id, never a personal number. Absent: anyone who may act.
   */
  claimedBy?: string;
}

/** A durable timer. The host persists it and sends `fireTimer` at or after `dueAt`. */
export interface TimerRecord {
  id: string;
  stepId: string;
  dueAt: Instant;
  purpose: string;
  basis: LocalizedText;
  taskId?: string;
  /** Times this deadline has been extended (extendOnce). */
  extended?: number;
  meta?: Record<string, unknown>;
}

/** A running subprocess started by this instance. */
export interface ChildRecord {
  key: string;
  stepId: string;
  definitionId: string;
  version?: number;
  item?: unknown;
}

/** Everything an instance knows, kept in the XState machine's context. Plain JSON. */
export interface EngineContext {
  instanceId: string;
  case: { orgUnit: string; startedAt: Instant; startedBy: string };
  config: Record<string, unknown>;
  data: Record<string, unknown>;
  tasks: Record<string, TaskRecord>;
  timers: Record<string, TimerRecord>;
  children: Record<string, ChildRecord>;
  /** Per-step runtime state (joint-review answers, vote rounds, ladder position, objections). */
  steps: Record<string, unknown>;
  /** Counter for deterministic ids (tasks, timers, children). */
  seq: number;
  /** Time of the command being applied. */
  now: Instant;
  outcome?: { id: string; title: LocalizedText };
  /** Transient: history entries and effects produced by the command being applied; never persisted. */
  journal: HistoryEvent[];
  outbox: Effect[];
}

/** A record of something that happened to an instance, in order. Input events are enough to replay. */
export interface HistoryEvent {
  type: string;
  at: Instant;
  stepId?: string;
  taskId?: string;
  timerId?: string;
  actor?: { id: string; roles: string[]; orgUnit: string };
  data?: unknown;
}

/** Work for the host, returned as data; the engine never performs I/O. */
export type Effect =
  | { type: 'task.open'; taskId: string; stepId: string; task: TaskRecord }
  | { type: 'task.close'; taskId: string; reason: 'completed' | 'cancelled' }
  | { type: 'task.update'; taskId: string; stepId: string; task: TaskRecord }
  | { type: 'timer.schedule'; timer: TimerRecord }
  | { type: 'timer.cancel'; timerId: string }
  | { type: 'notify'; role: string; orgUnit: string; person?: string; message: LocalizedText; stepId: string; taskId?: string }
  | { type: 'subprocess.start'; key: string; definitionId: string; version?: number; input: Record<string, unknown>; orgUnit: string }
  | { type: 'case.escalated'; stepId: string; fromRung: string; toRung: string; toOrgUnit: string }
  | { type: 'instance.ended'; outcome: string; title: LocalizedText };

/** The format every snapshot `startInstance` and `step` return is written in. */
export const SNAPSHOT_FORMAT = 'civicflow.snapshot/3';

/**
 * A persisted instance: plain JSON that the host stores and hands back to `step`. Format 3 keeps
 * only what the pinned definition and the rest of the snapshot cannot give back (see the engine
 * README); snapshots stored in formats 1 and 2 are still accepted everywhere a snapshot is
 * (`upgradeSnapshot`).
 */
export interface InstanceSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  definitionId: string;
  definitionVersion: number;
  instanceId: string;
  status: 'active' | 'done' | 'cancelled';
  value: unknown;
  /** The instance's context; its id is the snapshot's `instanceId`. */
  context: Omit<EngineContext, 'journal' | 'outbox' | 'instanceId'>;
}

/** An open task as formats 1 and 2 stored it: with its id, step, title and form, and `match` always. */
export interface TaskRecordV2 extends Omit<TaskRecord, 'stepId' | 'assignee'> {
  id: string;
  stepId: string;
  title: LocalizedText;
  form: string;
  assignee: Required<Pick<ResolvedAssignee, 'match'>> & ResolvedAssignee;
}

/** A snapshot as format 2 stored it (December 2026): task records as `TaskRecordV2`. */
export interface InstanceSnapshotV2 extends Omit<InstanceSnapshot, 'format' | 'context'> {
  format: 'civicflow.snapshot/2';
  context: Omit<InstanceSnapshot['context'], 'tasks'> & { tasks: Record<string, TaskRecordV2> };
}

/** A snapshot as format 1 stored it (before 2026-12): the context repeats the instance id. */
export interface InstanceSnapshotV1 extends Omit<InstanceSnapshotV2, 'format' | 'context'> {
  format: 'civicflow.snapshot/1';
  context: InstanceSnapshotV2['context'] & { instanceId: string };
}

/** A snapshot in any format the engine reads. */
export type AnySnapshot = InstanceSnapshot | InstanceSnapshotV2 | InstanceSnapshotV1;

/** A command for a running instance. */
export type Command =
  | { type: 'complete'; taskId: string; data: unknown }
  | { type: 'fireTimer'; timerId: string }
  | { type: 'completeSubprocess'; key: string; outcome: string; output?: unknown }
  | { type: 'cancel'; reason: string }
  /** Takes a task so that colleagues holding the same role leave it alone; the actor must be able to act on it. */
  | { type: 'claim'; taskId: string }
  /** Gives a claimed task back to everyone who may act on it; only its holder may. */
  | { type: 'release'; taskId: string }
  /**
   * Hands a task to `to`, who must be able to act on it (its claim aside). Who may reassign is the
   * host's policy: the engine checks only the target.
   */
  | { type: 'reassign'; taskId: string; to: Actor; reason: string };

/** What the host provides with each command: the clock and the acting person. */
export interface StepContext {
  now: Instant;
  actor: Actor;
}

export interface StepResult {
  snapshot: InstanceSnapshot;
  events: HistoryEvent[];
  effects: Effect[];
}
