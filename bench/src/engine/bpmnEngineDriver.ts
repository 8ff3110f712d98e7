import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { BpmnEngineExecutionState } from 'bpmn-engine';
import { scriptFor } from '../workload/referenceWorkload.js';
import type { Department, InstanceOutcome } from '../workload/referenceWorkload.js';

/** Where a bpmn-engine run may put its state after every step (the persisting baseline). */
export type PersistState = (instanceId: string, stateJson: string) => Promise<void>;

/**
 * Parses the BPMN file once into bpmn-engine's serialized source context, so each instance pays
 * for running the process and not for parsing XML again (the `sourceContext` engine option; the
 * engine keeps the parsed source under the registered symbol `pending sources`).
 */
export async function parseBpmn(source: string): Promise<unknown> {
  const probe = new Engine({ source }) as unknown as Record<symbol, Set<Promise<unknown>>>;
  const pending = probe[Symbol.for('pending sources')];
  if (!pending || pending.size !== 1) throw new Error('bpmn-engine: could not read the parsed source context (has the engine changed its internals?)');
  const [context] = await Promise.all([...pending]);
  return context;
}

/**
 * Runs the reference workload on bpmn-engine with the BPMN file of ../shared/bench: an engine per
 * instance, one `signal` per user task (counted only when that task was waiting), the decision's
 * condition `${environment.services.allApproved()}` answered from the departments' answers. With
 * `persist`, the engine's state (`getState()`, JSON) is written after the start and after every step.
 */
export function createBpmnEngineDriver(sourceContext: unknown, persist?: PersistState) {
  async function run(i: number, options: { stateBytes?: boolean } = {}): Promise<InstanceOutcome & { stateBytes: number }> {
    const instanceId = `jqr-${i}`;
    const reviews: Partial<Record<Department, boolean>> = {};
    const ends: string[] = [];
    const listener = new EventEmitter();
    listener.on('activity.end', (api: { id: string; type: string }) => { if (api.type === 'bpmn:EndEvent') ends.push(api.id); });
    const engine = new Engine({
      name: instanceId, sourceContext: sourceContext as never,
      services: { allApproved: () => reviews.A === true && reviews.B === true && reviews.C === true },
    });
    const execution = await engine.execute({ listener });
    const save = async (): Promise<void> => { if (persist) await persist(instanceId, JSON.stringify(await engine.getState())); };
    await save();
    let steps = 0;
    for (const s of scriptFor(i)) {
      const id = s.task === 'review' ? `reviewDept${s.department}` : s.task;
      if (!execution.getPostponed().some((a) => a.id === id)) break; // not waiting: the run is off the script
      if (s.task === 'review') reviews[s.department] = s.approved;
      execution.signal({ id });
      steps += 1;
      await save();
    }
    const end = execution.state === 'running' ? `still running, waiting in ${execution.getPostponed().map((a) => a.id).join(', ') || 'nothing'}`
      : ends.length !== 1 ? `ended in ${ends.length} end events` : ends[0] === 'endApproved' ? 'approved' : ends[0] === 'endRejected' ? 'rejected' : `end event ${ends[0]}`;
    const stateBytes = !options.stateBytes ? 0 : Buffer.byteLength(JSON.stringify(await engine.getState() satisfies BpmnEngineExecutionState));
    // stop() of an engine that has completed never settles; one left waiting (off the script) is stopped.
    if (execution.state === 'running') await engine.stop();
    return { index: i, end, steps, stateBytes };
  }
  return { name: 'bpmn-engine', run };
}
