import { createHash } from 'node:crypto';
import { taskStepId } from '@civicflow/engine';
import type { InstanceSnapshot } from '@civicflow/engine';
import { createCivicflowDriver } from '../engine/civicflowDriver.js';
import { CASE_UNIT, JOINT_QUALIFICATION_REVIEW } from '../workload/jointQualificationReview.js';
import type { RawSqlite } from '../server/sqliteBaselines.js';

/** The synthetic county of the inbox figures: 20 towns of 20 villages each, plus 青石镇/青石村 where the bench users sit. */
export function orgTree(): { path: string; level: string; name: string }[] {
  const units = [{ path: 'county:huaxi', level: 'county', name: '华溪县' }];
  for (let t = 1; t <= 20; t++) {
    const town = `county:huaxi/town:t${String(t).padStart(2, '0')}`;
    units.push({ path: town, level: 'town', name: `第${t}镇` });
    for (let v = 1; v <= 20; v++) units.push({ path: `${town}/village:v${String(v).padStart(2, '0')}`, level: 'village', name: `第${t}镇第${v}村` });
  }
  return units;
}

/** Where an instance stands: which of the reference process's tasks are open. */
type Stage = 'submit' | 'review' | 'publish';

/** A case waiting at `stage`, as the engine makes it (its snapshot is the real one, for the row sizes). */
function templates(): Record<Stage, InstanceSnapshot> {
  const driver = createCivicflowDriver(JOINT_QUALIFICATION_REVIEW);
  return { submit: driver.run(0, 0).snapshot, review: driver.run(0, 1).snapshot, publish: driver.run(0, 4).snapshot };
}

/** A deterministic pseudo-random sequence (the bench never needs real randomness, and runs stay comparable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const BASE_MS = Date.parse('2027-03-10T01:00:00Z');

/**
 * Fills a migrated server database with `openTasks` open tasks of the reference process, spread
 * over the org tree: cases in the 400 villages (and 青石村), 25 % waiting for the village's election
 * committee (VEC), 60 % in the departments' joint review (three VET_DEPT tasks), 15 % waiting for
 * the town's notice (TWP_GOV). Rows are what the server's store writes for such cases (process_instance
 * with the case's snapshot, open_task with the task record; events and assignee history are not
 * needed by the inbox and not written). Four in five tasks have a due date within ±30 days. Bulk
 * multi-row inserts in transactions of 5,000 cases.
 */
export async function fillInbox(db: RawSqlite, openTasks: number, log: (line: string) => void): Promise<{ instances: number; tasks: number }> {
  const units = orgTree();
  await db.run('begin');
  for (const u of units) await db.run('insert or ignore into org_unit (path, level, name, parent_path) values (?, ?, ?, ?)', [u.path, u.level, u.name, u.path.includes('/') ? u.path.slice(0, u.path.lastIndexOf('/')) : null]);
  await db.run('commit');
  const villages = [...units.filter((u) => u.level === 'village').map((u) => u.path), CASE_UNIT];
  const tpl = templates();
  const tplJson = { submit: JSON.stringify(tpl.submit), review: JSON.stringify(tpl.review), publish: JSON.stringify(tpl.publish) };
  const random = lcg(20270310);
  const instanceCols = 14;
  const taskCols = 11;
  let tasks = 0;
  let instances = 0;
  let instanceRows: unknown[] = [];
  let taskRows: unknown[] = [];
  const flush = async (): Promise<void> => {
    for (let i = 0; i < instanceRows.length; i += instanceCols * 200) {
      const chunk = instanceRows.slice(i, i + instanceCols * 200);
      await db.run(`insert into process_instance (instance_id, definition_id, definition_version, status, snapshot, org_unit, outcome, version, event_count, head_hash, created_at, updated_at, started_by, started_at) values ${Array(chunk.length / instanceCols).fill(`(${Array(instanceCols).fill('?').join(',')})`).join(',')}`, chunk);
    }
    for (let i = 0; i < taskRows.length; i += taskCols * 200) {
      const chunk = taskRows.slice(i, i + taskCols * 200);
      await db.run(`insert into open_task (instance_id, task_id, step_id, role, org_unit, match, person, due_at, overdue, record, created_at) values ${Array(chunk.length / taskCols).fill(`(${Array(taskCols).fill('?').join(',')})`).join(',')}`, chunk);
    }
    instanceRows = [];
    taskRows = [];
  };
  await db.run('begin');
  while (tasks < openTasks) {
    const r = random();
    const stage: Stage = r < 0.25 ? 'submit' : r < 0.85 ? 'review' : 'publish';
    const village = villages[Math.floor(random() * villages.length)]!;
    const town = village.slice(0, village.lastIndexOf('/'));
    const id = `inbox-${String(instances).padStart(8, '0')}`;
    const startedMs = BASE_MS - Math.floor(random() * 60) * 86_400_000;
    const snapshotJson = tplJson[stage].split('jqr-0').join(id).split(CASE_UNIT).join(village).split('county:huaxi/town:qingshi"').join(`${town}"`);
    const snapshot = JSON.parse(snapshotJson) as InstanceSnapshot;
    instanceRows.push(id, JOINT_QUALIFICATION_REVIEW.id, JOINT_QUALIFICATION_REVIEW.version, 'active', snapshotJson, village, null, 1, 3,
      createHash('sha256').update(id).digest('hex'), startedMs, startedMs, 'bench-vec', startedMs);
    for (const [taskId, t] of Object.entries(snapshot.context.tasks)) {
      if (tasks >= openTasks) break;
      const due = random() < 0.8 ? BASE_MS + Math.floor((random() - 0.5) * 60 * 86_400_000) : null;
      const record = due === null ? t : { ...t, dueAt: new Date(due).toISOString() };
      taskRows.push(id, taskId, taskStepId(taskId, t), t.assignee.role, t.assignee.orgUnit, t.assignee.match ?? 'exact', null, due, due !== null && due < BASE_MS ? 1 : 0, JSON.stringify(record), startedMs);
      tasks += 1;
    }
    instances += 1;
    if (instances % 5_000 === 0) {
      await flush();
      await db.run('commit');
      await db.run('begin');
      if (instances % 100_000 === 0) log(`    … ${tasks.toLocaleString('en')} open tasks`);
    }
  }
  await flush();
  await db.run('commit');
  return { instances, tasks };
}
