import type { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { Instant } from '@civicflow/engine';
import { SERIES_EVENT_TYPES } from '../entities/event.entity.js';

/** What every monitor query is narrowed to: cases of the unit or below, optionally of one process. */
export interface MonitorScope {
  orgUnit: string;
  definitionId?: string | undefined;
}

/** A count of running cases sharing process version, unit and state value (JSON text). */
export interface RunningGroupRow {
  definitionId: string;
  definitionVersion: number;
  orgUnit: string;
  stateValue: string | null;
  cases: number;
}

/** An open task due before now, of a running case. */
export interface OverdueTaskRow {
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  caseOrgUnit: string;
  taskId: string;
  stepId: string;
  role: string;
  taskOrgUnit: string;
  dueAtMs: number;
  record: Record<string, unknown>;
}

/** A deadline that ran out (a `timer.expired` event that is no planned wait). */
export interface BreachRow {
  instanceId: string;
  seq: number;
  definitionId: string;
  definitionVersion: number;
  caseOrgUnit: string;
  caseStatus: string;
  at: Instant;
  event: { stepId?: string; taskId?: string; data?: { purpose?: string; basis?: unknown; dueAt?: string } };
}

/** How many events of one series type one process had on one day. */
export interface DailyCountRow {
  definitionId: string;
  day: string;
  type: string;
  count: number;
}


/**
 * The monitor's SQL, the same on SQLite and PostgreSQL but for reading one JSON field. Every query
 * is served by an index of the monitor's migration: running cases by `process_instance_running_index`
 * (no snapshot is read), events by `instance_event_series_at_index` (partial: only the series' event
 * types; every event query names them as literals, so both databases can use it), overdue tasks by `open_task_due_at_index`.
 *
 * Instants in `instance_event.at` are written by the server as `YYYY-MM-DDTHH:mm:ss+08:00`
 * (`formatInstant`), so they compare as text and their first ten characters are the day in China.
 */
export function monitorQueries(em: EntityManager) {
  const platform = em.getPlatform();
  const sqlite = platform instanceof BaseSqlitePlatform;
  const q = (id: string): string => platform.quoteIdentifier(id);
  const run = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await em.getConnection().execute(sql, params, 'all')) as T[];
  const field = (name: string): string => (sqlite ? `json_extract(${q('e.payload')}, '$.data.${name}')` : `(${q('e.payload')} -> 'data' ->> '${name}')`);
  /** The condition of the partial index on events, as literals (a bound parameter would not prove it). */
  const seriesEvents = `${q('e.type')} in (${SERIES_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`;
  /** A `timer.expired` event is a breach unless its purpose is a planned wait. */
  const isBreach = `${q('e.type')} = 'timer.expired' and coalesce(${field('purpose')}, '') <> 'wait'`;
  /**
   * When a breach happened: the deadline's due time (the timer fires at or after it — long after,
   * when the server was down or a test clock jumped). Other events happened when they were written.
   */
  const happened = `(case when ${q('e.type')} = 'timer.expired' then coalesce(${field('dueAt')}, ${q('e.at')}) else ${q('e.at')} end)`;
  /** Events that happened in [from, until): `at` is never before the due time, so `at >= from` narrows by the index. */
  const inRange = `${q('e.at')} >= ? and ${happened} >= ? and ${happened} < ?`;

  /**
   * Overdue tasks are found from the tasks due before now (`open_task_due_at_index`), a few, rather
   * than from every running case: SQLite keeps the tables of a CROSS JOIN in the order written;
   * PostgreSQL plans it as any inner join.
   */
  const overdueFrom = `${q('open_task')} ${q('t')} cross join ${q('process_instance')} ${q('i')}`;

  /** `i.org_unit` is the scope's unit or below it (the engine's isWithin; substr, not LIKE: `_` is a legal code character). */
  function scoped(scope: MonitorScope): { sql: string; params: unknown[] } {
    const prefix = `${scope.orgUnit}/`;
    const unit = q('i.org_unit');
    const parts = [`(${unit} = ? or substr(${unit}, 1, ${[...prefix].length}) = ?)`];
    const params: unknown[] = [scope.orgUnit, prefix];
    if (scope.definitionId !== undefined) {
      parts.push(`${q('i.definition_id')} = ?`);
      params.push(scope.definitionId);
    }
    return { sql: parts.join(' and '), params };
  }

  return {
    /** Running cases counted by process version, unit and state value. */
    async runningGroups(scope: MonitorScope): Promise<RunningGroupRow[]> {
      const where = scoped(scope);
      const rows = await run<Record<string, unknown>>(
        `select ${q('i.definition_id')} as definition_id, ${q('i.definition_version')} as definition_version, ${q('i.org_unit')} as org_unit, `
        + `${q('i.state_value')} as state_value, count(*) as cases from ${q('process_instance')} ${q('i')} `
        + `where ${q('i.status')} = 'active' and ${where.sql} `
        + `group by ${q('i.definition_id')}, ${q('i.definition_version')}, ${q('i.org_unit')}, ${q('i.state_value')}`,
        where.params,
      );
      return rows.map((r) => ({
        definitionId: String(r['definition_id']), definitionVersion: Number(r['definition_version']), orgUnit: String(r['org_unit']),
        stateValue: r['state_value'] === null || r['state_value'] === undefined ? null : String(r['state_value']), cases: Number(r['cases']),
      }));
    },

    /** How many open tasks of running cases are due before `now`. */
    async overdueTaskCount(scope: MonitorScope, now: Date): Promise<number> {
      const where = scoped(scope);
      const rows = await run<{ n: unknown }>(
        `select count(*) as n from ${overdueFrom} `
        + `where ${q('i.instance_id')} = ${q('t.instance_id')} and ${q('t.due_at')} < ? and ${q('i.status')} = 'active' and ${where.sql}`,
        [platform.processDateProperty(now), ...where.params],
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** The open tasks of running cases due before `now`, longest overdue first. */
    async overdueTasks(scope: MonitorScope, now: Date, limit: number): Promise<OverdueTaskRow[]> {
      const where = scoped(scope);
      const rows = await run<Record<string, unknown>>(
        `select ${q('t.instance_id')} as instance_id, ${q('t.task_id')} as task_id, ${q('t.step_id')} as step_id, ${q('t.role')} as role, `
        + `${q('t.org_unit')} as task_org_unit, ${q('t.due_at')} as due_at, ${q('t.record')} as record, `
        + `${q('i.definition_id')} as definition_id, ${q('i.definition_version')} as definition_version, ${q('i.org_unit')} as case_org_unit `
        + `from ${overdueFrom} `
        + `where ${q('i.instance_id')} = ${q('t.instance_id')} and ${q('t.due_at')} < ? and ${q('i.status')} = 'active' and ${where.sql} `
        + `order by ${q('t.due_at')} asc, ${q('t.instance_id')} asc, ${q('t.task_id')} asc limit ${limit}`,
        [platform.processDateProperty(now), ...where.params],
      );
      return rows.map((r) => ({
        instanceId: String(r['instance_id']), taskId: String(r['task_id']), stepId: String(r['step_id']), role: String(r['role']),
        taskOrgUnit: String(r['task_org_unit']), dueAtMs: new Date(r['due_at'] as string | number | Date).getTime(),
        record: jsonValue(r['record']) as Record<string, unknown>,
        definitionId: String(r['definition_id']), definitionVersion: Number(r['definition_version']), caseOrgUnit: String(r['case_org_unit']),
      }));
    },

    /** How many deadlines fell due in [from, until) and ran out. */
    async breachCount(scope: MonitorScope, from: Instant, until: Instant): Promise<number> {
      const where = scoped(scope);
      const rows = await run<{ n: unknown }>(
        `select count(*) as n from ${q('instance_event')} ${q('e')} join ${q('process_instance')} ${q('i')} on ${q('i.instance_id')} = ${q('e.instance_id')} `
        + `where ${q('e.type')} = 'timer.expired' and ${seriesEvents} and ${inRange} and ${isBreach} and ${where.sql}`,
        [from, from, until, ...where.params],
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** The deadlines that fell due in [from, until) and ran out, latest due first. */
    async breaches(scope: MonitorScope, from: Instant, until: Instant, limit: number): Promise<BreachRow[]> {
      const where = scoped(scope);
      const rows = await run<Record<string, unknown>>(
        `select ${q('e.instance_id')} as instance_id, ${q('e.seq')} as seq, ${q('e.at')} as at, ${q('e.payload')} as payload, `
        + `${q('i.definition_id')} as definition_id, ${q('i.definition_version')} as definition_version, ${q('i.org_unit')} as case_org_unit, ${q('i.status')} as case_status `
        + `from ${q('instance_event')} ${q('e')} join ${q('process_instance')} ${q('i')} on ${q('i.instance_id')} = ${q('e.instance_id')} `
        + `where ${q('e.type')} = 'timer.expired' and ${seriesEvents} and ${inRange} and ${isBreach} and ${where.sql} `
        + `order by ${happened} desc, ${q('e.instance_id')} asc, ${q('e.seq')} asc limit ${limit}`,
        [from, from, until, ...where.params],
      );
      return rows.map((r) => ({
        instanceId: String(r['instance_id']), seq: Number(r['seq']), at: String(r['at']), event: jsonValue(r['payload']) as BreachRow['event'],
        definitionId: String(r['definition_id']), definitionVersion: Number(r['definition_version']), caseOrgUnit: String(r['case_org_unit']), caseStatus: String(r['case_status']),
      }));
    },

    /** When the tasks named were completed (the first completion of each), by `instanceId taskId`. */
    async completions(instanceIds: readonly string[]): Promise<Map<string, Instant>> {
      const found = new Map<string, Instant>();
      if (instanceIds.length === 0) return found;
      const rows = await run<Record<string, unknown>>(
        `select ${q('e.instance_id')} as instance_id, ${q('e.at')} as at, ${q('e.payload')} as payload from ${q('instance_event')} ${q('e')} `
        + `where ${q('e.instance_id')} in (${instanceIds.map(() => '?').join(', ')}) and ${q('e.type')} = 'task.completed' order by ${q('e.seq')} asc`,
        [...instanceIds],
      );
      for (const r of rows) {
        const taskId = (jsonValue(r['payload']) as { taskId?: string }).taskId;
        const key = `${String(r['instance_id'])} ${taskId ?? ''}`;
        if (taskId && !found.has(key)) found.set(key, String(r['at']));
      }
      return found;
    },

    /** Cases started, ended, escalated and deadlines run out (by due time), per process and day (in China) in [from, until). */
    async dailyCounts(scope: MonitorScope, from: Instant, until: Instant): Promise<DailyCountRow[]> {
      const where = scoped(scope);
      const day = `substr(${happened}, 1, 10)`;
      const rows = await run<Record<string, unknown>>(
        `select ${q('i.definition_id')} as definition_id, ${day} as day, ${q('e.type')} as type, count(*) as n `
        + `from ${q('instance_event')} ${q('e')} join ${q('process_instance')} ${q('i')} on ${q('i.instance_id')} = ${q('e.instance_id')} `
        + `where ${seriesEvents} and ${inRange} `
        + `and (${q('e.type')} <> 'timer.expired' or (${isBreach})) and ${where.sql} `
        + `group by ${q('i.definition_id')}, ${day}, ${q('e.type')}`,
        [from, from, until, ...where.params],
      );
      return rows.map((r) => ({ definitionId: String(r['definition_id']), day: String(r['day']), type: String(r['type']), count: Number(r['n']) }));
    },
  };
}

/** A JSON column as read by a raw query: text on SQLite, parsed by the driver on PostgreSQL. */
function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) as unknown : value;
}
