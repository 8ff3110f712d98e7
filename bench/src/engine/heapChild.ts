/**
 * Child process of the heap figure (run by heap.ts with --expose-gc): holds `count` live snapshots
 * of one kind — every instance waiting for departments B and C (submitted, A answered) — and
 * prints the heap they take, as JSON on stdout. Heap used is read after two full collections,
 * before and after creating them, with the snapshots still referenced.
 */
import { createCivicflowDriver } from './civicflowDriver.js';
import { createXstateDriver } from './xstateDriver.js';
import { JOINT_QUALIFICATION_REVIEW } from '../workload/jointQualificationReview.js';
import { loadReferenceMachine } from '../support/referenceFiles.js';

const [kind, countArg] = process.argv.slice(2);
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heapChild needs --expose-gc');
if (!Number.isInteger(count) || count <= 0) throw new Error(`heapChild: bad count ${countArg}`);

const MID_WAY = 2; // submitCandidate and department A done: B and C still open

async function makeOne(): Promise<(i: number) => unknown> {
  switch (kind) {
    case 'civicflow': {
      const d = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW);
      return (i) => d.run(i, MID_WAY).snapshot;
    }
    case 'civicflowRestored': {
      const d = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW);
      return (i) => JSON.parse(JSON.stringify(d.run(i, MID_WAY).snapshot)) as unknown;
    }
    case 'xstatePersisted': {
      const d = createXstateDriver(await loadReferenceMachine());
      return (i) => JSON.parse(JSON.stringify(d.run(i, MID_WAY).persisted)) as unknown;
    }
    default: throw new Error(`heapChild: unknown kind ${kind}`);
  }
}

const make = await makeOne();
for (let i = 0; i < 200; i++) make(i); // warm-up: compiled code and caches exist before the baseline
const settle = () => { gc(); gc(); };
settle();
const before = process.memoryUsage().heapUsed;
const held: unknown[] = new Array(count);
for (let i = 0; i < count; i++) held[i] = make(i);
settle();
const after = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({ kind, count, heapBytes: after - before, held: held.length })}\n`);
