import { indexSteps } from '../compile/Compiler.js';
import type { IndexedStep } from '../compile/Compiler.js';
import type { ReviewerAnswer, ReviewState } from '../compile/kinds/jointReview.js';
import type { ProcessDefinition, ReviewerSpec } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { activeSteps } from './activeSteps.js';
import { SNAPSHOT_FORMAT } from './types.js';
import type { InstanceSnapshot, InstanceSnapshotV1, TaskRecord } from './types.js';

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
interface ReviewerAnswerV1 extends ReviewerAnswer {
  title?: unknown;
  spec?: ReviewerSpec;
  taskId?: string | null;
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
 */
export function upgradeSnapshot(definition: ProcessDefinition, snapshot: InstanceSnapshot | InstanceSnapshotV1): InstanceSnapshot {
  if (snapshot?.format === SNAPSHOT_FORMAT && snapshot.context) return snapshot;
  if (snapshot?.format !== 'civicflow.snapshot/1' || !snapshot.context) {
    throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: `format must be ${SNAPSHOT_FORMAT} (or civicflow.snapshot/1) with a context` });
  }
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
    const old = state as { reviewers: ReviewerAnswerV1[]; outcome: ReviewState['outcome'] };
    steps[stepId] = {
      reviewers: old.reviewers.map(({ title: _t, taskId: _task, spec, ...answer }) => (listed || !spec ? answer : { ...answer, spec })),
      outcome: old.outcome,
    } satisfies ReviewState;
  }
  const tasks: Record<string, TaskRecord> = {};
  for (const [taskId, task] of Object.entries(context.tasks)) {
    const reviewerTask = task.role === 'reviewer' && index.get(task.stepId)?.step.kind === 'jointReview' && task.meta && 'reviewerTitle' in task.meta;
    if (!reviewerTask) {
      tasks[taskId] = task;
      continue;
    }
    const { reviewerTitle: _title, ...meta } = task.meta!;
    tasks[taskId] = { ...task, meta };
  }
  return { ...snapshot, format: SNAPSHOT_FORMAT, context: { ...context, tasks, steps } };
}
