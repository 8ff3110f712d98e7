import type { Instant } from '../calendar/index.js';
import type { LocalizedText } from '../i18n.js';
import type { Actor, InstanceSnapshot } from '../runtime/types.js';

/** The scenario file format this engine writes and reads. */
export const SCENARIO_SCHEMA_VERSION = 1;

/**
 * A scenario file (`*.scenario.json`): one case of one published process version, run on a
 * simulated clock, step by step, with what must hold along the way and at the end. The studio's
 * simulator saves them; `runScenario` replays them in tests. Plain JSON, versioned by
 * `schemaVersion`; its JSON Schema is `SCENARIO_JSON_SCHEMA` (`@civicflow/engine/scenario.schema.json`).
 *
 * @example
 * {
 *   "schemaVersion": 1,
 *   "definition": { "id": "dispute-mediation", "version": 1 },
 *   "calendar": "cn-2027-unofficial",
 *   "actors": { "v-med": { "id": "v-med", "roles": ["V_MED"], "orgUnit": "county:huaxi/town:qingshi/village:qingshicun" } },
 *   "start": { "at": "2027-03-10T09:00:00+08:00", "as": "v-med" },
 *   "steps": [
 *     { "complete": { "step": "intake", "as": "v-med", "data": { … } } },
 *     { "advance": "P1M" },
 *     { "expect": { "activeSteps": ["vTimeout", "riskReassess", "partyRequests"] } }
 *   ],
 *   "expect": { "status": "active" }
 * }
 */
export interface ScenarioFile {
  schemaVersion: typeof SCENARIO_SCHEMA_VERSION;
  /** What the scenario shows, for people reading a test report. */
  title?: LocalizedText;
  /** The published process version the case runs on (subprocesses are found by their own id and version). */
  definition: { id: string; version: number };
  /** The holiday calendar's id (`HolidayCalendar.id`, e.g. `cn-2027-unofficial`); default `weekends-only`. */
  calendar?: string;
  /** The people who act, by a name the steps use in `as` (the simulator uses the actor's id). */
  actors: Record<string, Actor>;
  start: ScenarioStart;
  steps: ScenarioStep[];
  /** What must hold after the last step. */
  expect?: ScenarioExpectation;
}

/** How the case starts: when, by whom, where, with which data. */
export interface ScenarioStart {
  /** The simulated clock's start, an ISO-8601 instant with offset. */
  at: Instant;
  /** The name (in `actors`) of who starts the case. */
  as: string;
  /** The case's org unit; default the starter's. */
  orgUnit?: string;
  /** Initial case data. */
  input?: Record<string, unknown>;
  /** Parameters overridden for this case (never a statutory one). */
  config?: Record<string, unknown>;
}

/**
 * Which open task a step acts on. Tasks are addressed by what they are — the step, and where
 * several tasks of that step are open, their part (a joint review's reviewer, a notice's
 * objection…) or instance — rather than by id: ids are deterministic per case but shift when the
 * process changes, and a scenario should keep reading the same. `task` pins the exact id when
 * nothing else tells two tasks apart.
 */
export interface TaskSelector {
  /** The step id of the task. */
  step: string;
  /** The process id, for a task of a subprocess instance (default: any instance of the case). */
  process?: string;
  /** The instance id as the test host names it (`candidate-vetting-3`), when several subprocess instances have the step open. */
  instance?: string;
  /** The task's id within its instance (`vSession:12`); checked when given. */
  task?: string;
  /** Values the task's `meta` must have (e.g. `{ "reviewer": "gongan" }`, `{ "part": "publish" }`). */
  meta?: Record<string, unknown>;
}

/** Moves the simulated clock: an ISO-8601 duration (`PT2H`, `P3D`, `P1M`), a date (its 00:00) or an instant; due timers fire in order. */
export interface AdvanceStep { advance: string; note?: LocalizedText }
/** Submits a task's form as an actor. With `refusedWith`, the engine must refuse it with that code (and nothing changes). */
export interface CompleteStep { complete: TaskSelector & { as: string; data: unknown }; refusedWith?: string; note?: LocalizedText }
/** Cancels the case as an actor. */
export interface CancelStep { cancel: { as: string; reason: string }; refusedWith?: string; note?: LocalizedText }
/** A checkpoint: what must hold at this point of the run. */
export interface ExpectStep { expect: ScenarioExpectation; note?: LocalizedText }

/** One step of a scenario: exactly one of `advance`, `complete`, `cancel`, `expect`. */
export type ScenarioStep = AdvanceStep | CompleteStep | CancelStep | ExpectStep;

/** An open task as a scenario expects it; fields left out are not compared. */
export interface ExpectedTask {
  step: string;
  /** The process id of the instance holding the task (default: any). */
  process?: string;
  role?: string;
  orgUnit?: string;
  dueAt?: Instant | null;
  meta?: Record<string, unknown>;
}

/**
 * What must hold. Every member is optional; those given are compared:
 * `now`, `status` and `outcome` exactly; `activeSteps` (of the case's own instance) and
 * `openTasks` (of the whole case, subprocesses included) as sets; `data` as a part of the case's
 * data (objects may have more members, arrays must have the same length); each of `effects` and
 * `history` must match (as a part) some effect or history event of the case so far.
 */
export interface ScenarioExpectation {
  now?: Instant;
  status?: InstanceSnapshot['status'];
  outcome?: string | null;
  activeSteps?: string[];
  openTasks?: ExpectedTask[];
  data?: Record<string, unknown>;
  effects?: Record<string, unknown>[];
  history?: Record<string, unknown>[];
}

/** One problem of a scenario file: where (JSON pointer) and what, in zh-CN and en. */
export interface ScenarioProblem {
  pointer: string;
  message: LocalizedText;
}
