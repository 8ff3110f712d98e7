import { Session } from 'node:inspector';
import { describeTop, topFrames } from '../support/cpuProfile.js';
import { JOINT_QUALIFICATION_REVIEW } from '../workload/jointQualificationReview.js';
import { createCivicflowDriver } from './civicflowDriver.js';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/**
 * Profiles civicflow's pure step on the reference workload for `ms` milliseconds with V8's
 * sampling profiler (the same profiler as `node --cpu-prof`, through node:inspector) and returns
 * the top frames by self time.
 */
export async function profileEngine(ms: number): Promise<string> {
  const driver = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW);
  for (let i = 0; i < 500; i++) driver.run(i);
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
    const start = performance.now();
    for (let i = 0; performance.now() - start < ms; i++) driver.run(i);
    const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
    const top = topFrames(profile, 12);
    return `engine (civicflow pure step) top frames by self time: ${describeTop(top.self, 10)}`;
  } finally {
    session.disconnect();
  }
}
