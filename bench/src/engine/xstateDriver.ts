import { createActor } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { scriptFor } from '../workload/referenceWorkload.js';
import type { InstanceOutcome } from '../workload/referenceWorkload.js';

/** The hand-written machine module of ../shared/bench (joint-qualification-review.machine.mjs). */
export interface ReferenceMachineModule {
  jqrMachine: AnyStateMachine;
  EVENT_FOR_TASK: Record<string, string>;
}

/**
 * Runs the reference workload on the hand-written XState v5 machine, as such a machine is used:
 * an actor per instance, one event per user task. Each send is counted as a step only when the
 * machine took it (its snapshot changed), so a machine that ignored an event is reported.
 */
export function createXstateDriver(mod: ReferenceMachineModule) {
  const { jqrMachine, EVENT_FOR_TASK } = mod;
  const eventOf = (task: string): string => {
    const type = EVENT_FOR_TASK[task];
    if (!type) throw new Error(`the reference machine has no event for task ${task} (EVENT_FOR_TASK: ${Object.keys(EVENT_FOR_TASK).join(', ')})`);
    return type;
  };
  function run(i: number, until?: number): InstanceOutcome & { persisted: unknown } {
    const actor = createActor(jqrMachine, { input: { instanceId: `jqr-${i}` } }).start();
    let steps = 0;
    const script = scriptFor(i);
    for (const s of until === undefined ? script : script.slice(0, until)) {
      const before = actor.getSnapshot();
      if (s.task === 'submitCandidate') actor.send({ type: eventOf('submitCandidate'), data: { candidate: s.candidate } });
      else if (s.task === 'review') actor.send({ type: eventOf(`reviewDept${s.department}`), data: { approved: s.approved } });
      else actor.send({ type: eventOf('publishNotice'), data: { note: '经联审，资格审查结果予以公告' } });
      if (actor.getSnapshot() !== before) steps += 1;
    }
    const snapshot = actor.getSnapshot();
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    const end = snapshot.status !== 'done' ? `status ${snapshot.status} in ${JSON.stringify(snapshot.value)}`
      : snapshot.value === 'endApproved' ? 'approved' : snapshot.value === 'endRejected' ? 'rejected' : `final state ${JSON.stringify(snapshot.value)}`;
    return { index: i, end, steps, persisted };
  }
  return { name: 'xstate', run };
}
