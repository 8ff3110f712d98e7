import type { LocalizedText } from '../i18n.js';
import type { DurationSpec } from '../calendar/index.js';
import type { ElectionRules, ResolutionRules, Threshold } from '../vote/index.js';

/** The current version of the definition format. Older documents are upgraded by `migrateDefinition`. */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * A governance process as data: roles, forms, data model, steps. Validated by
 * `validateDefinition`, compiled to an XState machine by `compile`.
 */
export interface ProcessDefinition {
  schemaVersion: 1;
  /** Stable id, lower-case words joined by dashes, e.g. `village-election`. */
  id: string;
  /** Integer ≥ 1. A published version never changes; changes make a new version. */
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  roles: Record<string, RoleDefinition>;
  forms: Record<string, FormDefinition>;
  /** The case data model (JSON Schema of `data`), used to check expressions and start input. */
  data?: { schema: JsonSchemaObject };
  /** Configuration parameters with their source tag; `L` parameters are fixed by law. */
  config?: Record<string, ConfigParameter>;
  /**
   * Id of a form in `forms` whose data is the case's start input (`data` at start), e.g. the
   * township's village roster. The studio shows it when a case is started; the engine validates
   * the start data with it like a task's submission. Absent: the start input is not asked for.
   */
  startForm?: string;
  start: string;
  steps: Record<string, StepDefinition>;
}

/** A JSON Schema object (draft 2020-12). */
export type JsonSchemaObject = Record<string, unknown>;

export interface RoleDefinition {
  title: LocalizedText;
  description?: LocalizedText;
}

export interface FormDefinition {
  title: LocalizedText;
  schema: JsonSchemaObject;
  uiSchema?: Record<string, unknown>;
}

/** Source tags from the domain model: L = statute (fixed), P = national policy, Prov, Loc, Inf. */
export type ConfigTag = 'L' | 'P' | 'Prov' | 'Loc' | 'Inf';

export interface ConfigParameter {
  value: unknown;
  tag: ConfigTag;
  title?: LocalizedText;
  /** Legal basis or source, shown to cadres (e.g. 村民委员会组织法第十四条). */
  basis?: LocalizedText;
}

// ---------------------------------------------------------------- routing

/** One outgoing route: taken when `when` (an expression) holds, or always when it is absent. */
export interface Transition {
  to: string;
  when?: string;
  /** Data paths (dot-separated, under `data`) assigned from expressions when the route is taken. */
  set?: Record<string, string>;
  notify?: NotifySpec[];
  label?: LocalizedText;
}

/** A step id, or routes tried in order (the last one should have no `when`). */
export type Next = string | Transition[];

// ---------------------------------------------------------------- people

/**
 * Who may act on a task: a role, in an org unit relative to the case. Org units are paths of
 * `level:code` segments, e.g. `county:huaxi/town:qingshi/village:qingshicun`.
 */
export interface AssigneeSpec {
  role: string;
  /** The case unit's ancestor at this level (`town` = "the town above the village"). Default: the case unit. */
  level?: string;
  /** Expression returning an org unit path; overrides `level`. Has `unit(level)` to build on the case unit. */
  orgUnit?: string;
  /** `exact` (default): the actor's unit must be that unit; `subtree`: it or any unit below it. */
  match?: 'exact' | 'subtree';
  /** Expression returning a person id: only that person may act (e.g. the candidate themselves). */
  person?: string;
}

/** Separation of duties: the actor may not act when they (or, optionally, their near relatives) are among `persons`. */
export interface ConflictRule {
  /** Expression returning a person id or a list of person ids. */
  persons: string;
  includeRelatives?: boolean;
  reason: LocalizedText;
}

/** A rule on submitted data beyond JSON Schema; `assert` must hold or the submission is refused. */
export interface CheckRule {
  assert: string;
  message: LocalizedText;
  /** JSON pointer into the form data that the message concerns. */
  pointer?: string;
}

/** A notification effect for the host: to holders of `role` in the unit chosen like an assignee. */
export interface NotifySpec {
  role: string;
  level?: string;
  orgUnit?: string;
  /** Expression giving a person id: the notice goes to that person (e.g. the candidate), within role and unit. */
  person?: string;
  message: LocalizedText;
}

// ---------------------------------------------------------------- deadlines

/** What happens when a deadline expires. */
export interface ExpiryAction {
  /** Mark the task(s) overdue (always done) and notify these people (reminder / 督办). */
  notify?: NotifySpec[];
  /** Extend once by this much before `then` applies (e.g. one extension of a department's reply). */
  extendOnce?: DurationSpec;
  /** Take this route. In a ladder rung, the special target `$escalate` moves the case up a rung. */
  goto?: string;
  set?: Record<string, string>;
}

/**
 * A deadline: exactly one of `duration` (from entering the step), `at` (expression giving a date
 * or instant) or `before` (N days before a date, e.g. the voter list 20 days before election day).
 */
export interface DeadlineSpec {
  duration?: DurationSpec;
  at?: string;
  before?: { date: string; days: number; marginDays?: number };
  /** Why the deadline exists (statute article or config key); stored on the timer. */
  basis: LocalizedText;
  onExpiry?: ExpiryAction;
}

// ---------------------------------------------------------------- steps

interface StepBase {
  title?: LocalizedText;
  description?: LocalizedText;
  /**
   * Need to know: only holders of these roles see what the step records — its data (under
   * `saveAs`, default the step id) and the data of its events in the history (each submission,
   * a joint review's decision). Everyone else, administrators included, sees the case without
   * them; whoever submitted still sees their own submission. E.g. each department's answer in
   * the joint qualification review is for the vetting group only: `["COUNTY_ORG"]`. Hosts
   * enforce it when they show a case; the engine itself is unaffected (expressions still read the data).
   */
  visibleTo?: string[];
}

/** A human task with a form. */
export interface TaskStep extends StepBase {
  kind: 'task';
  title: LocalizedText;
  form: string;
  assignee: AssigneeSpec;
  /** Data key the submitted form is stored under (default: the step id). */
  saveAs?: string;
  /** Append each submission to a list under `saveAs` instead of replacing it. */
  collect?: boolean;
  set?: Record<string, string>;
  checks?: CheckRule[];
  conflicts?: ConflictRule[];
  deadline?: DeadlineSpec;
  next: Next;
}

/** One reviewer of a joint review (资格联审 / 会签). */
export interface ReviewerSpec {
  id: string;
  title: LocalizedText;
  /** Free data made available to expressions as `reviewer.*` (e.g. the unit code, NL codes answered for). */
  [extra: string]: unknown;
}

/** Parallel sign-off by many reviewers with a join rule, veto and per-reviewer deadlines. */
export interface JointReviewStep extends StepBase {
  kind: 'jointReview';
  title: LocalizedText;
  form: string;
  /** A static roster, or an expression returning a list of `{ id, title, … }` (e.g. a county's roster). */
  reviewers: ReviewerSpec[] | string;
  /** Assignee of each reviewer's task; expressions see `reviewer`. */
  assignee: AssigneeSpec;
  /** The form field holding the reviewer's conclusion. */
  decisionField: string;
  approveValues: string[];
  rejectValues: string[];
  /** Conclusions that keep the reviewer's task open for a follow-up answer (e.g. NEED_VERIFY). */
  pendingValues?: string[];
  /** Deadline for a pending follow-up answer; on expiry the review ends as `overdue`. */
  pendingDeadline?: DeadlineSpec;
  join: { rule: 'all' | 'any' | 'quorum'; count?: number; ratio?: string };
  /** One rejection decides at once, closing the other reviewers' tasks. */
  veto?: boolean;
  deadline?: DeadlineSpec;
  checks?: CheckRule[];
  conflicts?: ConflictRule[];
  saveAs?: string;
  next: { approved: Next; rejected: Next; overdue?: Next };
}

/** The legal profiles a vote can be bound to; their minimum rules cannot be weakened. */
export type VoteStatute = 'CN_VILLAGE_COMMITTEE_ART15' | 'CN_PARTY_BASE_ORG' | 'NONE';

/** A vote: an election of people to seats, or a resolution (possibly weighted, double majority). */
export interface VoteStep extends StepBase {
  kind: 'vote';
  title: LocalizedText;
  mode: 'election' | 'resolution';
  statute?: VoteStatute;
  /** Tellers' count-sheet form. Election: registered?, issued, returned, voters, posts[{post, results[{candidate, votes}]}]. */
  form: string;
  assignee: AssigneeSpec;
  /** Expression giving the electorate size (the final voter list), overriding the form's `registered`. */
  electorate?: string;
  /** Seats per post (election): `{ "主任": 1 }` or an expression returning such an object. */
  seats?: Record<string, number> | string;
  rules?: Partial<ElectionRules>;
  resolution?: ResolutionRules;
  /** Form used for the supplementary ballot (另行选举) and tie re-votes; default: the main form. */
  supplementaryForm?: string;
  composition?: CompositionSpec;
  checks?: CheckRule[];
  conflicts?: ConflictRule[];
  deadline?: DeadlineSpec;
  saveAs?: string;
  next: { result: Next; invalid: Next };
}

/** Composition rules checked on the people elected (村民委员会组织法 Art 6). */
export interface CompositionSpec {
  requireWoman?: boolean;
  requireMinority?: boolean;
  minSize?: number;
  maxSize?: number;
  /** Expression (scope has `candidate`) returning 'F' or 'M'; default: from the candidate's ID number. */
  sexOf?: string;
  /** Expression (scope has `candidate`) returning the ethnicity. */
  ethnicityOf?: string;
  majorityEthnicity?: string;
}

export type { Threshold };

/** A public notice (公示/公告): publish, keep open N days, take objections, resolve them. */
export interface NoticeStep extends StepBase {
  kind: 'notice';
  title: LocalizedText;
  /** Task that records the publication; without it the notice is published on entering the step. */
  publish?: {
    form: string;
    assignee: AssigneeSpec;
    title?: LocalizedText;
    checks?: CheckRule[];
    /** Expression (scope has `form`) giving the publication date; default: the day the task is completed. */
    publishedOn?: string;
  };
  /** How long the notice stays open for objections, from publication (start day not counted). */
  period: DurationSpec;
  basis: LocalizedText;
  objections?: {
    form: string;
    filedBy: AssigneeSpec;
    handler: AssigneeSpec;
    handleForm: string;
    /** Expression over the handling form (`form`) that says the objection was upheld. */
    upheldWhen: string;
    decideWithin?: DeadlineSpec;
  };
  saveAs?: string;
  next: Next;
}

/** One rung of an escalation ladder: a small flow at one level, with its own deadline. */
export interface LadderRung {
  id: string;
  title: LocalizedText;
  /** The org level that handles this rung (village, town, county, court). */
  level: string;
  start: string;
  steps: Record<string, StepDefinition>;
  deadline?: DeadlineSpec;
  /**
   * Moves the case up a rung as soon as this expression holds, whatever the rung's flow is doing —
   * e.g. a RED risk assessed in a parallel branch forces the case from the village to the town.
   */
  escalateWhen?: string;
}

/** Escalation ladder (village → town → county → court): on timeout or failure the case moves up a rung. */
export interface EscalationStep extends StepBase {
  kind: 'escalation';
  title: LocalizedText;
  rungs: LadderRung[];
  /** Expression giving the rung to start at (e.g. a case graded for the town); default: the first rung. */
  startAt?: string;
  saveAs?: string;
  /** Taken when a rung ends with an outcome other than `escalate`; expressions see `data[saveAs]`. */
  next: Next;
  /** Taken when the last rung escalates. */
  exhausted: Next;
}

export interface DecisionStep extends StepBase {
  kind: 'decision';
  next: Transition[];
}

export interface WaitStep extends StepBase {
  kind: 'wait';
  duration?: DurationSpec;
  until?: string;
  basis: LocalizedText;
  next: Next;
}

export interface ParallelBranch {
  id: string;
  title?: LocalizedText;
  start: string;
  steps: Record<string, StepDefinition>;
}

export interface ParallelStep extends StepBase {
  kind: 'parallel';
  branches: ParallelBranch[];
  /** `all` (default): every branch must end; `any`: the first branch to end closes the others. */
  join?: 'all' | 'any';
  saveAs?: string;
  next: Next;
}

export interface SubprocessStep extends StepBase {
  kind: 'subprocess';
  definition: { id: string; version?: number };
  /** Start input data, each value an expression. With `forEach`, expressions see `item`. */
  input?: Record<string, string>;
  /** Expression returning a list: one child per item, all must end (e.g. one vetting per candidate). */
  forEach?: string;
  /** Expression (scope has `item`) giving the child's org unit; default: the case unit. */
  orgUnit?: string;
  saveAs?: string;
  next: Next;
}

export interface EndStep extends StepBase {
  kind: 'end';
  /** Outcome id; inside a ladder rung, `escalate` moves the case up a rung. */
  outcome: string;
  title: LocalizedText;
}

export type StepDefinition =
  | TaskStep
  | JointReviewStep
  | VoteStep
  | NoticeStep
  | EscalationStep
  | DecisionStep
  | WaitStep
  | ParallelStep
  | SubprocessStep
  | EndStep;

export type StepKind = StepDefinition['kind'];

export const STEP_KINDS: readonly StepKind[] = [
  'task', 'jointReview', 'vote', 'notice', 'escalation', 'decision', 'wait', 'parallel', 'subprocess', 'end',
];
