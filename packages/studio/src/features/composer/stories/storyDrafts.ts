import type { ProcessDefinition } from '@civicflow/engine';
import candidateVetting from '../../../../../../examples/village-election/candidate-vetting.json';
import villageElection from '../../../../../../examples/village-election/process.json';
import disputeMediation from '../../../../../../examples/dispute-mediation/process.json';
import { ROOT_REGION, addRoute, addStep, createComposer, newDefinition, setDefinitionId } from '../model/index.js';

/** The example processes the composer's stories open. */
export const vetting = candidateVetting as unknown as ProcessDefinition;
export const election = villageElection as unknown as ProcessDefinition;
export const mediation = disputeMediation as unknown as ProcessDefinition;

/** A new process with a decision after its task, whose guard has a typing mistake (built with the model's commands). */
export function draftWithGuard(): ProcessDefinition {
  const composer = createComposer(newDefinition());
  composer.execute(setDefinitionId('grid-event-report'));
  composer.execute(addStep(ROOT_REGION, 'decision', { after: 'task1', id: 'urgent' }));
  composer.execute(addRoute('urgent', 'next', { when: "data.task1.opinion ==", to: 'end1' }));
  return composer.draft;
}
