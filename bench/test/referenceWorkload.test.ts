import { describe, expect, it } from 'vitest';
import type { ProcessDefinition } from '@civicflow/engine';
import { createCivicflowDriver } from '../src/engine/civicflowDriver.js';
import { createXstateDriver } from '../src/engine/xstateDriver.js';
import { loadReferenceMachine } from '../src/support/referenceFiles.js';
import { JOINT_QUALIFICATION_REVIEW, JOINT_QUALIFICATION_REVIEW_PARALLEL } from '../src/workload/jointQualificationReview.js';
import { checkRun, expectedEnd, expectedSteps, WorkloadCheckError } from '../src/workload/referenceWorkload.js';

/** The reference definition with its join's routes changed: the bench must refuse to measure it. */
function withRoutes(approved: string, rejected: string): ProcessDefinition {
  const def = structuredClone(JOINT_QUALIFICATION_REVIEW);
  const review = def.steps['departmentReviews'];
  if (review?.kind !== 'jointReview') throw new Error('the reference definition has no jointReview step');
  review.next = { approved, rejected };
  return { ...def, version: def.version + 100 };
}

describe('the reference workload (issue 6): the bench checks every run before it reports a speed', () => {
  it('scripts 4.75 user tasks per instance: every fourth instance is rejected by department B', () => {
    expect([0, 1, 2, 3, 7].map(expectedEnd)).toEqual(['approved', 'approved', 'approved', 'rejected', 'rejected']);
    expect(expectedSteps(0, 400)).toBe(1900);
  });

  it.each([
    ['jointReview', JOINT_QUALIFICATION_REVIEW],
    ['parallel + decision', JOINT_QUALIFICATION_REVIEW_PARALLEL],
  ])('civicflow (%s) runs the workload to the expected ends', (_name, definition) => {
    const driver = createCivicflowDriver(definition);
    const outcomes = Array.from({ length: 8 }, (_, i) => driver.run(i));
    expect(outcomes.map((o) => o.end)).toEqual(['approved', 'approved', 'approved', 'rejected', 'approved', 'approved', 'approved', 'rejected']);
    expect(checkRun('civicflow', outcomes, 0, 8)).toBe(38);
  });

  it('fails a run whose instances reach the wrong ends (the join\'s routes swapped), naming each', () => {
    const driver = createCivicflowDriver(withRoutes('endRejected', 'publishNotice'));
    const outcomes = Array.from({ length: 4 }, (_, i) => driver.run(i));
    const check = () => checkRun('civicflow (routes swapped)', outcomes, 0, 4);
    expect(check).toThrow(WorkloadCheckError);
    expect(check).toThrow(/instance 0 ended at "no open task for publishNotice/);
    expect(check).toThrow(/instance 3 ended at "status active in "publishNotice""/);
  });

  it('fails a run with the right ends but a wrong step count, or an instance missing', () => {
    const good = Array.from({ length: 4 }, (_, i) => ({ index: i, end: expectedEnd(i), steps: expectedEnd(i) === 'approved' ? 5 : 4 }));
    expect(checkRun('fake', good, 0, 4)).toBe(19);
    expect(() => checkRun('fake', good.map((o) => (o.index === 1 ? { ...o, steps: 4 } : o)), 0, 4)).toThrow(/instance 1 completed 4 user tasks, expected 5/);
    expect(() => checkRun('fake', good.slice(0, 3), 0, 4)).toThrow(/expected 4 instances, got 3/);
  });

  it('runs the hand-written XState machine of ../shared/bench to the same ends', async () => {
    const driver = createXstateDriver(await loadReferenceMachine());
    const outcomes = Array.from({ length: 8 }, (_, i) => driver.run(i));
    expect(checkRun('xstate', outcomes, 0, 8)).toBe(38);
  });
});
