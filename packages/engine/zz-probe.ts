import { startInstance, step } from './src/index.js';
import type { ProcessDefinition } from './src/index.js';
import { createActor } from 'xstate';
// @ts-expect-error plain JS reference machine
import { jqrMachine, EVENT_FOR_TASK } from './zz-machine.mjs';
const t = (s: string) => ({ 'zh-CN': s, en: s });
const review = (d: string) => ({ id: d, start: `review${d}`, steps: { [`review${d}`]: { kind: 'task', title: t(d), form: 'review', assignee: { role: 'DEPT' }, saveAs: `r${d}`, next: `done${d}` }, [`done${d}`]: { kind: 'end', outcome: 'done', title: t('done') } } });
const def = {
  schemaVersion: 1, id: 'jqr', version: 1, title: t('jqr'), roles: { CLERK: { title: t('c') }, DEPT: { title: t('d') } },
  forms: { candidate: { title: t('c'), schema: { type: 'object', properties: { candidate: { type: 'string' } } } }, review: { title: t('r'), schema: { type: 'object', properties: { approved: { type: 'boolean' } } } }, notice: { title: t('n'), schema: { type: 'object', properties: {} } } },
  start: 'submitCandidate',
  steps: {
    submitCandidate: { kind: 'task', title: t('submit'), form: 'candidate', assignee: { role: 'CLERK' }, next: 'reviews' },
    reviews: { kind: 'parallel', branches: ['A', 'B', 'C'].map(review), next: [{ when: 'data.rA.approved && data.rB.approved && data.rC.approved', to: 'publishNotice' }, { to: 'endRejected' }] },
    publishNotice: { kind: 'task', title: t('publish'), form: 'notice', assignee: { role: 'CLERK' }, next: 'endApproved' },
    endApproved: { kind: 'end', outcome: 'approved', title: t('a') }, endRejected: { kind: 'end', outcome: 'rejected', title: t('r') },
  },
} as unknown as ProcessDefinition;
const validator = { validate: () => ({ valid: true, errors: [] }) };
const clerk = { id: 'c', roles: ['CLERK', 'DEPT'], orgUnit: 'county:x' };
const now = '2027-01-04T09:00:00+08:00';
function civic(i: number) {
  let r = startInstance(def, { instanceId: `i${i}`, orgUnit: 'county:x' }, { now, actor: clerk }, { validator });
  const run = (stepId: string, data: unknown) => {
    const task = Object.values(r.snapshot.context.tasks).find((x) => x.stepId === stepId)!;
    r = step(def, r.snapshot, { type: 'complete', taskId: task.id, data }, { now, actor: clerk }, { validator });
  };
  run('submitCandidate', { candidate: 'x' });
  run('reviewA', { approved: true }); run('reviewB', { approved: i % 4 !== 3 }); run('reviewC', { approved: true });
  if (i % 4 !== 3) run('publishNotice', {});
  return r.snapshot;
}
function xs(i: number) {
  const a = createActor(jqrMachine, { input: { instanceId: i } }).start();
  a.send({ type: EVENT_FOR_TASK.submitCandidate, data: { candidate: 'x' } });
  a.send({ type: 'REVIEW_DEPT_A', data: { approved: true } }); a.send({ type: 'REVIEW_DEPT_B', data: { approved: i % 4 !== 3 } }); a.send({ type: 'REVIEW_DEPT_C', data: { approved: true } });
  if (i % 4 !== 3) a.send({ type: 'PUBLISH_NOTICE', data: {} });
  return a.getSnapshot();
}
function time(name: string, f: (i: number) => unknown, n: number) {
  for (let i = 0; i < 500; i++) f(i);
  const t0 = performance.now(); for (let i = 0; i < n; i++) f(i); const ms = performance.now() - t0;
  console.log(name, Math.round(n / (ms / 1000)), 'inst/s');
  return n / (ms / 1000);
}
const a = time('xstate', xs, 5000); const b = time('civicflow', civic, 5000);
console.log('ratio', (b / a).toFixed(2), 'snapshot bytes', JSON.stringify(civic(1)).length);
{
  const n = 5000;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) startInstance(def, { instanceId: `i${i}`, orgUnit: 'county:x' }, { now, actor: clerk }, { validator });
  console.log('start only', Math.round(n / ((performance.now() - t0) / 1000)), '/s');
  const s0 = startInstance(def, { instanceId: 'x', orgUnit: 'county:x' }, { now, actor: clerk }, { validator });
  const task = Object.values(s0.snapshot.context.tasks)[0]!;
  t0 = performance.now();
  for (let i = 0; i < n; i++) step(def, s0.snapshot, { type: 'complete', taskId: task.id, data: { candidate: 'x' } }, { now, actor: clerk }, { validator });
  console.log('submit step (enters parallel, 3 tasks)', Math.round(n / ((performance.now() - t0) / 1000)), '/s');
  const s1 = step(def, s0.snapshot, { type: 'complete', taskId: task.id, data: { candidate: 'x' } }, { now, actor: clerk }, { validator });
  const rt = Object.values(s1.snapshot.context.tasks)[0]!;
  t0 = performance.now();
  for (let i = 0; i < n; i++) step(def, s1.snapshot, { type: 'complete', taskId: rt.id, data: { approved: true } }, { now, actor: clerk }, { validator });
  console.log('review step', Math.round(n / ((performance.now() - t0) / 1000)), '/s');
  const js = JSON.parse(JSON.stringify(s1.snapshot));
  t0 = performance.now();
  for (let i = 0; i < n; i++) step(def, js, { type: 'complete', taskId: rt.id, data: { approved: true } }, { now, actor: clerk }, { validator });
  console.log('review step from JSON snapshot (resolveState)', Math.round(n / ((performance.now() - t0) / 1000)), '/s');
}
