import { randomUUID } from 'node:crypto';
import { JOINT_QUALIFICATION_REVIEW, departmentUnit } from '../workload/jointQualificationReview.js';
import { checkRun, scriptFor } from '../workload/referenceWorkload.js';
import type { InstanceOutcome, ScriptedStep } from '../workload/referenceWorkload.js';
import { BENCH_PASSWORD } from './benchUsers.js';
import type { HttpClient, JsonResponse } from './httpClient.js';

/** The command result the server answers to a start or a completion (the fields the bench reads). */
interface CommandResult {
  instanceId: string;
  status: string;
  outcome: { id: string } | null;
  tasks: { id: string; stepId: string; assignee: { orgUnit: string } }[];
}

/** Session cookies of the workload's users. */
export interface Sessions {
  submitter: string;
  reviewer: Record<'A' | 'B' | 'C', string>;
  publisher: string;
}

/** Signs in the workload's users (the bench's seeded users). */
export async function signInWorkloadUsers(client: HttpClient): Promise<Sessions> {
  const login = (u: string) => client.login(u, BENCH_PASSWORD);
  return {
    submitter: await login('bench-vec'),
    reviewer: { A: await login('bench-dept-a'), B: await login('bench-dept-b'), C: await login('bench-dept-c') },
    publisher: await login('bench-twp-gov'),
  };
}

/** A started instance waiting for its first task, and its index in the workload. */
export interface StartedInstance {
  index: number;
  result: CommandResult;
}

/** What a timed run of concurrent clients did. */
export interface ClientRun {
  completions: number;
  latenciesMs: number[];
  wallMs: number;
  /** Instances started during the run because the pool ran out (their time is in wallMs). */
  startsDuringRun: number;
  instances: number;
  /** Started instances the run did not take, for the next run (their indexes follow on). */
  leftover: StartedInstance[];
  /** The workload index after the last instance run or left over. */
  nextIndex: number;
}

function unexpected(what: string, r: JsonResponse): Error {
  return new Error(`${what}: HTTP ${r.status} ${typeof r.body === 'string' ? r.body.slice(0, 500) : JSON.stringify(r.body).slice(0, 500)}`);
}

/** Starts the instance of workload index `index` over HTTP (POST /api/instances, as the village's election committee). */
export async function startInstance(client: HttpClient, sessions: Sessions, index: number): Promise<StartedInstance> {
  const r = await client.send('POST', '/api/instances', { cookie: sessions.submitter, body: { definitionId: JOINT_QUALIFICATION_REVIEW.id } });
  if (r.status !== 201) throw unexpected(`starting instance ${index}`, r);
  return { index, result: r.body as CommandResult };
}

/** Starts `count` instances with indexes from `from` on, `concurrency` at a time. */
export async function startInstances(client: HttpClient, sessions: Sessions, from: number, count: number, concurrency: number): Promise<StartedInstance[]> {
  const started: StartedInstance[] = [];
  let next = from;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < from + count) started.push(await startInstance(client, sessions, next++));
  }));
  return started.sort((a, b) => a.index - b.index);
}

function taskFor(result: CommandResult, s: ScriptedStep): string | undefined {
  const t = result.tasks.find((x) => (s.task === 'review' ? x.stepId === 'departmentReviews' && x.assignee.orgUnit === departmentUnit(s.department) : x.stepId === s.task));
  return t?.id;
}

/**
 * Runs the scripted workload of one started instance over HTTP: each user task completed by the
 * user it is assigned to (POST /api/tasks/:instanceId/:taskId/complete with a fresh
 * Idempotency-Key), the next task found in the answer. Records each completion's latency.
 */
export async function runInstance(client: HttpClient, sessions: Sessions, started: StartedInstance, latencies: number[]): Promise<InstanceOutcome> {
  let result = started.result;
  let steps = 0;
  for (const s of scriptFor(started.index)) {
    const taskId = taskFor(result, s);
    if (!taskId) return { index: started.index, end: `no open task for ${s.task === 'review' ? `review ${s.department}` : s.task} (status ${result.status})`, steps };
    const cookie = s.task === 'submitCandidate' ? sessions.submitter : s.task === 'review' ? sessions.reviewer[s.department] : sessions.publisher;
    const data = s.task === 'submitCandidate' ? { candidate: s.candidate } : s.task === 'review' ? { conclusion: s.approved ? 'PASS' : 'FLAG' } : { note: '经联审，资格审查结果予以公告' };
    const r = await client.send('POST', `/api/tasks/${encodeURIComponent(result.instanceId)}/${encodeURIComponent(taskId)}/complete`, { cookie, body: { data }, headers: { 'idempotency-key': randomUUID() } });
    if (r.status !== 200) throw unexpected(`completing ${taskId} of instance ${started.index}`, r);
    latencies.push(r.ms);
    result = r.body as CommandResult;
    steps += 1;
  }
  const end = result.status !== 'done' ? `status ${result.status}` : result.outcome?.id === 'APPROVED' ? 'approved' : result.outcome?.id === 'REJECTED' ? 'rejected' : `outcome ${result.outcome?.id ?? 'none'}`;
  return { index: started.index, end, steps };
}

/**
 * `clients` concurrent clients, each taking the next started instance from the pool and running
 * its script, until `ms` have passed (instances in progress are finished). When the pool runs out,
 * a client starts another instance itself (counted in `startsDuringRun`). Every instance is checked
 * against the workload afterwards: its end and its number of completed tasks.
 */
export async function runClients(client: HttpClient, sessions: Sessions, pool: StartedInstance[], clients: number, ms: number, label: string): Promise<ClientRun> {
  const latenciesMs: number[] = [];
  const outcomes: InstanceOutcome[] = [];
  const from = pool[0]?.index ?? 0;
  let taken = 0;
  let startsDuringRun = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() - start < ms) {
      const index = from + taken;
      taken += 1;
      let started = pool[index - from];
      if (!started) { startsDuringRun += 1; started = await startInstance(client, sessions, index); }
      outcomes.push(await runInstance(client, sessions, started, latenciesMs));
    }
  }));
  const wallMs = performance.now() - start;
  outcomes.sort((a, b) => a.index - b.index);
  const completions = checkRun(label, outcomes, from, outcomes.length);
  const leftover = pool.slice(taken);
  return { completions, latenciesMs, wallMs, startsDuringRun, instances: outcomes.length, leftover, nextIndex: Math.max(from + taken, ...leftover.map((p) => p.index + 1)) };
}
