// civicflow embedded in a Node program: one case of 应急豁免 (emergency exemption from community
// access control) through the public engine API, stored by this program as one JSON file.
// Run it twice: the first run works until the case waits on its legal deadline, then stops; the
// second resumes from the file, plays the clock forward and fires the timer.
//   npm start -- <data directory>
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CN_2027, isCivicflowError, openTasks, parseInstant, replay, startInstance, step, taskPart } from '@civicflow/engine';
import type { Actor, Command, Effect, HistoryEvent, InstanceSnapshot, ProcessDefinition, StepResult, TimerRecord } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';

const definition = JSON.parse(readFileSync(new URL('../community-affairs-access/emergency-exemption.json', import.meta.url), 'utf8')) as ProcessDefinition;
const options = { validator: createFormValidator(), calendar: CN_2027 }; // the engine's ports: form validation, holidays
const TOWN = 'county:huaxi/town:qingshi';
const command: Actor = { id: 'u-twp-cmd', roles: ['TWP_CMD'], orgUnit: TOWN }; // 镇应急指挥部, township command
const host: Actor = { id: 'system', roles: ['SYSTEM'], orgUnit: 'system:host' }; // fires timers

/** What this host keeps per instance: the snapshot, its history, and the timers the effects asked it to keep. */
interface Stored { version: number; snapshot: InstanceSnapshot; history: HistoryEvent[]; timers: Record<string, TimerRecord> }

const dir = process.argv[2] ?? 'data';
const file = join(dir, 'EX-QS-2027-0720.json');

/** Write a temporary file, then rename it over the old one: a crash leaves the old record or the new one, never half. */
function save(record: Stored): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2), { flush: true });
  renameSync(`${file}.tmp`, file);
}

const show: { [T in Effect['type']]?: (e: Extract<Effect, { type: T }>) => string } = {
  'task.open': (e) => ((title) => `${title['zh-CN']} / ${title.en} → ${e.task.assignee.role}${e.task.dueAt ? `, due ${e.task.dueAt}` : ''}`)(taskPart(definition, e.taskId, e.task).title),
  'task.close': (e) => `${e.taskId} (${e.reason})`,
  'timer.schedule': (e) => `${e.timer.id} at ${e.timer.dueAt} — ${e.timer.basis['zh-CN']}`,
  notify: (e) => `${e.role} @ ${e.orgUnit}: ${e.message['zh-CN']} / ${e.message.en}`,
  'instance.ended': (e) => `${e.outcome}: ${e.title['zh-CN']} / ${e.title.en}`,
};

/** Stores a step's result in one write, then runs its effects (here: keeps timers, prints the rest). */
function commit(record: Stored | null, result: StepResult, fired?: string): Stored {
  const timers = { ...record?.timers };
  if (fired) delete timers[fired];
  for (const e of result.effects) {
    if (e.type === 'timer.schedule') timers[e.timer.id] = e.timer;
    if (e.type === 'timer.cancel') delete timers[e.timerId];
  }
  const next = { version: (record?.version ?? 0) + 1, snapshot: result.snapshot, history: [...(record?.history ?? []), ...result.events], timers };
  save(next);
  for (const e of result.effects) console.log(`  ${e.type.padEnd(15)}${(show[e.type] as ((e: Effect) => string) | undefined)?.(e) ?? ''}`);
  return next;
}

/** One command through the pure step; a refusal is printed and changes nothing. */
function send(record: Stored, now: string, actor: Actor, cmd: Command): Stored {
  try {
    return commit(record, step(definition, record.snapshot, cmd, { now, actor }, options), cmd.type === 'fireTimer' ? cmd.timerId : undefined);
  } catch (error) {
    if (!isCivicflowError(error)) throw error;
    console.log(`  ✗ refused ${error.code}: ${error.localized['zh-CN']}`);
    for (const d of error.details as { pointer: string; message: string }[]) console.log(`      ${d.pointer}  ${d.message}`);
    return record;
  }
}

const complete = (record: Stored, now: string, stepId: string, data: object): Stored => {
  const task = openTasks(definition, record.snapshot, command).find((t) => t.stepId === stepId)!;
  console.log(`▶ ${now}  ${command.id} submits 「${task.title['zh-CN']}」`);
  return send(record, now, command, { type: 'complete', taskId: task.id, data });
};

let record = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Stored) : null;
if (!record) {
  const now = '2027-07-20T02:00:00+08:00';
  console.log(`▶ ${now}  a level Ⅱ flood response starts: the exemption case opens`);
  record = commit(null, startInstance(definition, { instanceId: 'EX-QS-2027-0720', orgUnit: TOWN, data: { c_episode_ref: 'emergency-mobilisation-1', response_level: 'Ⅱ' } }, { now, actor: command }, options));
  const task = { task_name: '汛期入户隐患排查', kind: '入户排查', villages: [`${TOWN}/village:shangba`], ordered_at: '2027-07-20T02:00:00Z' };
  record = complete(record, now, 'emergencyTask', task); // refused: the form wants Beijing time (+08:00)
  record = complete(record, now, 'emergencyTask', { ...task, ordered_at: now });
  record = complete(record, '2027-07-25T18:00:00+08:00', 'responseEnded', { ended_on: '2027-07-25', end_decision_ref: 'QS-YJ-END-2027-01' });
  console.log(`■ stopped at version ${record.version}, waiting on ${Object.keys(record.timers).length} timer(s): run again to resume`);
} else if (record.snapshot.status === 'active') {
  console.log(`▶ resumed from ${file} at version ${record.version}`);
  // Nobody declares continuing work. This host plays the clock: it jumps to each due timer in turn.
  const next = () => Object.values(record!.timers).sort((a, b) => parseInstant(a.dueAt) - parseInstant(b.dueAt))[0];
  for (let timer = next(); timer && record.snapshot.status === 'active'; timer = next()) {
    console.log(`▶ ${timer.dueAt}  timer ${timer.id} (${timer.purpose}) falls due`);
    record = send(record, timer.dueAt, host, { type: 'fireTimer', timerId: timer.id });
  }
  const rebuilt = replay(definition, record.history, options).snapshot; // the history alone rebuilds the case
  console.log(`■ ${record.snapshot.context.outcome?.id} at version ${record.version}; the history replays to the stored snapshot: ${JSON.stringify(rebuilt) === JSON.stringify(record.snapshot) ? 'yes' : 'NO'}`);
} else console.log(`■ the case has ended: ${record.snapshot.context.outcome?.id}`);
