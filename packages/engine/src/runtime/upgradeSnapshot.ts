import { indexSteps } from '../compile/Compiler.js';
import type { IndexedStep } from '../compile/Compiler.js';
import type { ReviewerAnswer, ReviewOutcome, ReviewState } from '../compile/kinds/jointReview.js';
import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { activeSteps } from './activeSteps.js';
import { taskStepId } from './taskParts.js';
import { SNAPSHOT_FORMAT } from './types.js';
import type { AnySnapshot, InstanceSnapshot, InstanceSnapshotV1, InstanceSnapshotV2, TaskRecord, TaskRecordV2 } from './types.js';

const indexes = new WeakMap<ProcessDefinition, Map<string, IndexedStep>>();

/** Every step of a definition by id, made once per definition object (definitions are immutable). */
export function stepIndexOf(definition: ProcessDefinition): Map<string, IndexedStep> {
  let index = indexes.get(definition);
  if (!index) {
    index = indexSteps(definition);
    indexes.set(definition, index);
  }
  return index;
}

/** A format-1 joint-review answer: the reviewer's title, spec and open task were stored with it. */
interface ReviewerAnswerV1 extends ReviewerAnswerV2 {
  title?: unknown;
  taskId?: string | null;
}

/** A format-2 joint-review answer: `basis` is the whole form, the decision field included. */
interface ReviewerAnswerV2 extends Omit<ReviewerAnswer, 'basis' | 'earlier'> {
  basis?: unknown;
  earlier?: { decision: string; by: string; at: string; basis?: unknown }[];
}

/** A format-2 joint-review state: every reviewer, waiting ones too, and the outcome, null while undecided. */
interface ReviewStateV2 { reviewers: ReviewerAnswerV2[]; outcome: ReviewOutcome }

const FORMAT_1 = 'civicflow.snapshot/1';
const FORMAT_2 = 'civicflow.snapshot/2';

/** What `step` and `upgradeSnapshot` say about a snapshot of no known format. */
export const SNAPSHOT_FORMAT_EXPECTED = `format must be ${SNAPSHOT_FORMAT} (or ${FORMAT_2}, ${FORMAT_1}) with a context`;

/** True for the formats the engine reads: the current one and those `upgradeSnapshot` brings to it. */
export function isKnownFormat(format: unknown): boolean {
  return format === SNAPSHOT_FORMAT || format === FORMAT_2 || format === FORMAT_1;
}

/**
 * Brings a snapshot stored in an earlier format to the current one (`SNAPSHOT_FORMAT`), pure: the
 * snapshot given is not changed, and one in the current format is returned as it is. `definition`
 * is the version the snapshot runs on. CF_ENGINE_SNAPSHOT_MALFORMED for anything else.
 *
 * Format 1 → 2: the context no longer repeats the instance id; a joint review's state keeps only
 * what the definition cannot give back (no reviewer titles, no open task ids, and the reviewer's
 * spec only where an expression listed the reviewers) and is dropped once the review is left (its
 * result is in the case data); reviewer tasks no longer copy the reviewer's title into `meta`
 * (`openTasks` still shows it).
 *
 * Format 2 → 3: a task record leaves out its id (its key), its step (the id names it), its title
 * and form (the definition's for its part) and an `exact` assignee match; a running joint review
 * keeps only the reviewers with something to remember (not those the definition lists who are
 * waiting), no null outcome, and an answer's basis without the decision field (that is
 * `decision`). Results already in the case data stay as they were written.
 */
export function upgradeSnapshot(definition: ProcessDefinition, snapshot: AnySnapshot): InstanceSnapshot {
  if (snapshot?.format === SNAPSHOT_FORMAT && snapshot.context) return snapshot;
  if (!isKnownFormat(snapshot?.format) || !snapshot.context) {
    throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: SNAPSHOT_FORMAT_EXPECTED });
  }
  const v2 = snapshot.format === FORMAT_1 ? fromFormat1(definition, snapshot) : snapshot as InstanceSnapshotV2;
  return fromFormat2(definition, v2);
}

function fromFormat1(definition: ProcessDefinition, snapshot: InstanceSnapshotV1): InstanceSnapshotV2 {
  const { instanceId: _id, ...context } = snapshot.context;
  const index = stepIndexOf(definition);
  const active = new Set(activeSteps(definition, snapshot.value));
  const steps: Record<string, unknown> = {};
  for (const [stepId, state] of Object.entries(context.steps)) {
    const step = index.get(stepId)?.step;
    if (step?.kind !== 'jointReview') {
      steps[stepId] = state;
      continue;
    }
    if (!active.has(stepId)) continue; // left: its result is in the case data
    const listed = typeof step.reviewers !== 'string';
    const old = state as { reviewers: ReviewerAnswerV1[]; outcome: ReviewOutcome };
    steps[stepId] = {
      reviewers: old.reviewers.map(({ title: _t, taskId: _task, spec, ...answer }) => (listed || !spec ? answer : { ...answer, spec })),
      outcome: old.outcome,
    } satisfies ReviewStateV2;
  }
  const tasks: Record<string, TaskRecordV2> = {};
  for (const [taskId, task] of Object.entries(context.tasks)) {
    const reviewerTask = task.role === 'reviewer' && index.get(task.stepId)?.step.kind === 'jointReview' && task.meta && 'reviewerTitle' in task.meta;
    if (!reviewerTask) {
      tasks[taskId] = task;
      continue;
    }
    const { reviewerTitle: _title, ...meta } = task.meta!;
    tasks[taskId] = { ...task, meta };
  }
  return { ...snapshot, format: FORMAT_2, context: { ...context, tasks, steps } };
}

function fromFormat2(definition: ProcessDefinition, snapshot: InstanceSnapshotV2): InstanceSnapshot {
  const index = stepIndexOf(definition);
  const tasks: Record<string, TaskRecord> = {};
  for (const [taskId, old] of Object.entries(snapshot.context.tasks)) {
    const { id: _id, stepId, title: _title, form: _form, assignee: { match, ...assignee }, ...rest } = old;
    const task: TaskRecord = { assignee: match === 'subtree' ? { ...assignee, match } : assignee, ...rest };
    tasks[taskId] = taskStepId(taskId) === stepId ? task : { stepId, ...task };
  }
  const steps: Record<string, unknown> = {};
  for (const [stepId, state] of Object.entries(snapshot.context.steps)) {
    const step = index.get(stepId)?.step;
    if (step?.kind !== 'jointReview') {
      steps[stepId] = state;
      continue;
    }
    const old = state as ReviewStateV2;
    const listed = typeof step.reviewers !== 'string';
    const reviewers = old.reviewers
      .filter((r) => !listed || r.status !== 'waiting')
      .map((r) => answerOf(r, step.decisionField));
    if (reviewers.length === 0 && old.outcome === null) continue;
    steps[stepId] = (old.outcome === null ? { reviewers } : { reviewers, outcome: old.outcome }) satisfies ReviewState;
  }
  return { ...snapshot, format: SNAPSHOT_FORMAT, context: { ...snapshot.context, tasks, steps } };
}

/** A format-2 answer in format 3: its basis (and its earlier answers' bases) without the decision field. */
function answerOf(r: ReviewerAnswerV2, decisionField: string): ReviewerAnswer {
  const { basis, earlier, ...answer } = r;
  const out: ReviewerAnswer = answer;
  const b = basisWithout(basis, decisionField);
  if (b !== undefined) out.basis = b;
  if (earlier !== undefined) {
    out.earlier = earlier.map(({ basis: eb, ...e }) => {
      const trimmed = basisWithout(eb, decisionField);
      return trimmed === undefined ? e : { ...e, basis: trimmed };
    });
  }
  return out;
}

function basisWithout(basis: unknown, decisionField: string): Record<string, unknown> | undefined {
  if (!basis || typeof basis !== 'object') return undefined;
  const { [decisionField]: _decision, ...rest } = basis as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
