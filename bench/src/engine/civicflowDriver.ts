import { CN_2027, startInstance, step, taskStepId } from '@civicflow/engine';
import type { Actor, EngineOptions, InstanceSnapshot, ProcessDefinition } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';
import { ACTORS, CASE_UNIT } from '../workload/jointQualificationReview.js';
import { scriptFor } from '../workload/referenceWorkload.js';
import type { InstanceOutcome, ScriptedStep } from '../workload/referenceWorkload.js';

/** The engine's clock for every command: the engine never reads one, the host passes `now`. */
const NOW = '2027-03-10T09:00:00+08:00';

/** What the civicflow driver hands back for one instance: its outcome and its last snapshot. */
export interface CivicflowRun extends InstanceOutcome {
  snapshot: InstanceSnapshot;
}

/**
 * Runs the reference workload on civicflow's pure step, as an embedding host does: start the
 * instance, then for each scripted step find the open task in the snapshot and complete it with
 * the form data (validated by @civicflow/forms, as in the server). Stops early when the script
 * names a task the instance does not have, so a broken definition is reported, not measured.
 *
 * @param until optional index into the script: stop after that many steps (for live snapshots mid-way)
 */
export function createCivicflowDriver(definition: ProcessDefinition, options: EngineOptions = { validator: createFormValidator(), calendar: CN_2027 }) {
  /** The id of the open task a scripted step completes (task ids are `<stepId>:<n>`). */
  const taskFor = (snapshot: InstanceSnapshot, s: ScriptedStep): string | undefined => {
    for (const [id, task] of Object.entries(snapshot.context.tasks)) {
      const stepId = taskStepId(id, task);
      if (s.task === 'review' ? task.meta?.['reviewer'] === s.department || stepId === `reviewDept${s.department}` : stepId === s.task) return id;
    }
    return undefined;
  };
  const actorFor = (s: ScriptedStep): Actor => (s.task === 'submitCandidate' ? ACTORS.submitter : s.task === 'review' ? ACTORS.reviewer(s.department) : ACTORS.publisher);
  const dataFor = (s: ScriptedStep): Record<string, unknown> => (s.task === 'submitCandidate' ? { candidate: s.candidate } : s.task === 'review' ? { conclusion: s.approved ? 'PASS' : 'FLAG' } : { note: '经联审，资格审查结果予以公告' });

  function run(i: number, until?: number): CivicflowRun {
    let { snapshot } = startInstance(definition, { instanceId: `jqr-${i}`, orgUnit: CASE_UNIT }, { now: NOW, actor: ACTORS.submitter }, options);
    let steps = 0;
    const script = scriptFor(i);
    for (const s of until === undefined ? script : script.slice(0, until)) {
      const task = taskFor(snapshot, s);
      if (!task) return { index: i, end: `no open task for ${s.task === 'review' ? `review ${s.department}` : s.task} (open: ${Object.keys(snapshot.context.tasks).map((id) => taskStepId(id)).join(', ') || 'none'}, status ${snapshot.status})`, steps, snapshot };
      snapshot = step(definition, snapshot, { type: 'complete', taskId: task, data: dataFor(s) }, { now: NOW, actor: actorFor(s) }, options).snapshot;
      steps += 1;
    }
    return { index: i, end: endOf(snapshot), steps, snapshot };
  }
  return { name: 'civicflow', run };
}

/** `approved` / `rejected` for an ended instance, or where it stands instead. */
function endOf(snapshot: InstanceSnapshot): string {
  if (snapshot.status !== 'done') return `status ${snapshot.status} in ${JSON.stringify(snapshot.value)}`;
  const outcome = snapshot.context.outcome?.id;
  return outcome === 'APPROVED' ? 'approved' : outcome === 'REJECTED' ? 'rejected' : `outcome ${outcome ?? 'none'}`;
}
