import {
  activeSteps, addDays, CivicflowError, daysBetween, formatInstant, isLocalDate, isOrgUnitPath, isWithin, parseInstant, startOfDay, taskPart, toLocalDate,
} from '@civicflow/engine';
import type { Actor, Instant, LocalDate, LocalizedText, ProcessDefinition, StepDefinition, TaskRecord } from '@civicflow/engine';
import type { DefinitionRepository } from '../definitions/definitionRepository.js';
import { OrgUnitEntity } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';
import { badMonitorRange, monitorOutsideUnit, monitorProcessNotFound } from './monitorErrors.js';
import { monitorQueries } from './monitorQueries.js';
import type { BreachRow, DailyCountRow, MonitorScope, OverdueTaskRow, RunningGroupRow } from './monitorQueries.js';

/** Days shown when the request names no range: the 30 days up to today. */
export const DEFAULT_MONITOR_DAYS = 30;
/** The longest range one request may ask for. */
export const MAX_MONITOR_DAYS = 366;
/** At most this many overdue tasks and breaches are listed (the totals count them all). */
export const MONITOR_LIST_LIMIT = 100;

/** The filters of GET /api/monitor. */
export interface MonitorQuery {
  /** First day (in China), `YYYY-MM-DD`; default 29 days before `to`. */
  from?: string | undefined;
  /** Last day, included; default today (by the server's clock). */
  to?: string | undefined;
  definitionId?: string | undefined;
  /** The unit whose cases (it and below) are counted; default the administrator's unit. */
  orgUnit?: string | undefined;
}

/** Cases of one process running in one unit, and the steps they are at. */
export interface RunningGroup {
  definitionId: string;
  title: LocalizedText;
  orgUnit: string;
  orgUnitName: string | null;
  cases: number;
  /** A case at two steps at once (parallel branches) counts at each of them. */
  steps: { stepId: string; title: LocalizedText; cases: number }[];
}

/** An open task of a running case whose due time has passed. */
export interface OverdueTask {
  instanceId: string;
  definitionId: string;
  processTitle: LocalizedText;
  orgUnit: string;
  orgUnitName: string | null;
  taskId: string;
  stepId: string;
  title: LocalizedText;
  assignee: { role: string; roleTitle: LocalizedText | null; orgUnit: string };
  dueAt: Instant;
  /** Whole minutes between the due time and the server's now. */
  overdueMinutes: number;
}

/** A deadline that ran out: an SLA breach. */
export interface Breach {
  instanceId: string;
  definitionId: string;
  processTitle: LocalizedText;
  orgUnit: string;
  orgUnitName: string | null;
  caseStatus: string;
  stepId: string;
  stepTitle: LocalizedText;
  /** The task the deadline watched, if it watched one (a rung's limit watches the rung). */
  taskId: string | null;
  /** What the deadline was for: `deadline` (a task's), `reply`/`verify` (a reviewer's), `decide` (an objection's), `rung` (a ladder rung's limit). */
  purpose: string;
  /** The legal basis the deadline carries. */
  basis: LocalizedText | null;
  dueAt: Instant | null;
  /** When the server found the deadline run out (its timer fired): at or soon after `dueAt`. */
  expiredAt: Instant;
  /** When the watched task was completed after all (late), or null while it is open or was closed otherwise. */
  taskCompletedAt: Instant | null;
}

/** One day of a process's series. */
export interface MonitorDay {
  date: LocalDate;
  opened: number;
  resolved: number;
  escalated: number;
  overdue: number;
}

/** What GET /api/monitor answers. */
export interface MonitorReport {
  now: Instant;
  from: LocalDate;
  to: LocalDate;
  orgUnit: string;
  orgUnitName: string | null;
  definitionId: string | null;
  running: { total: number; groups: RunningGroup[] };
  overdueTasks: { total: number; truncated: boolean; items: OverdueTask[] };
  breaches: { total: number; truncated: boolean; items: Breach[] };
  series: { definitionId: string; title: LocalizedText; totals: Omit<MonitorDay, 'date'>; days: MonitorDay[] }[];
}

export interface MonitorServiceOptions {
  orm: Orm;
  definitions: DefinitionRepository;
  /** The server's clock (the test clock in test mode). */
  now?: (() => Instant) | undefined;
}

/** The monitor's report for administrators. */
export interface MonitorService {
  report(admin: Actor, query?: MonitorQuery): Promise<MonitorReport>;
}

const SERIES_FIELD: Record<string, keyof Omit<MonitorDay, 'date'>> = {
  'instance.started': 'opened', 'instance.ended': 'resolved', 'case.escalated': 'escalated', 'timer.expired': 'overdue',
};

/**
 * The monitor (运行监控): what is running, what is late and how each process went day by day, for
 * the cases of an administrator's unit and below. What counts:
 *
 * - **running**: cases with status `active`, by process and case unit, and the steps they are at
 *   (their state value read against their definition version).
 * - **overdue tasks**: open tasks of running cases whose due time is before the server's now.
 * - **breaches** (SLA): deadlines that fell due within the range and ran out — `timer.expired`
 *   events of task, reviewer, objection and rung deadlines (planned waits excluded), dated by the
 *   deadline's due time (the timer fires at or after it). A deadline extended once counts when its
 *   first period runs out; a task completed after its deadline ran out is that breach, with
 *   `taskCompletedAt`.
 * - **series**, per process and day in China: `opened` (`instance.started`), `resolved` (the
 *   case ended with an outcome, `instance.ended`; cancelled cases are not resolved), `escalated`
 *   (the escalation ladder moved up a rung, `case.escalated`), `overdue` (breaches due that day).
 */
export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const now = options.now ?? (() => formatInstant(Date.now()));
  return {
    async report(admin, query = {}) {
      const at = now();
      const { from, to } = rangeOf(query, toLocalDate(at));
      const scope: MonitorScope = { orgUnit: query.orgUnit ?? admin.orgUnit, definitionId: query.definitionId };
      if (!isOrgUnitPath(scope.orgUnit)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit: scope.orgUnit });
      if (!isWithin(scope.orgUnit, admin.orgUnit)) throw monitorOutsideUnit(scope.orgUnit, admin.orgUnit);
      const listing = (await options.definitions.list()).filter((d) => scope.definitionId === undefined || d.id === scope.definitionId);
      if (scope.definitionId !== undefined && listing.length === 0) throw monitorProcessNotFound(scope.definitionId);
      const processTitles = new Map(listing.map((d) => [d.id, d.title]));
      const documents = documentCache(options.definitions);

      const em = options.orm.em.fork();
      const sql = monitorQueries(em);
      const start = startOfDay(from);
      const until = startOfDay(addDays(to, 1));
      const nowDate = new Date(parseInstant(at));
      // One after another: SQLite has one connection, and a report is a handful of indexed queries.
      const runningRows = await sql.runningGroups(scope);
      const overdueTotal = await sql.overdueTaskCount(scope, nowDate);
      const overdueRows = await sql.overdueTasks(scope, nowDate, MONITOR_LIST_LIMIT);
      const breachTotal = await sql.breachCount(scope, start, until);
      const breachRows = await sql.breaches(scope, start, until, MONITOR_LIST_LIMIT);
      const dailyRows = await sql.dailyCounts(scope, start, until);
      const completions = await sql.completions([...new Set(breachRows.filter((b) => b.event.taskId).map((b) => b.instanceId))]);
      const units = [scope.orgUnit, ...runningRows.map((r) => r.orgUnit), ...overdueRows.map((r) => r.caseOrgUnit), ...breachRows.map((r) => r.caseOrgUnit)];
      const unitNames = await namesOf(options.orm, units);
      const title = (definitionId: string): LocalizedText => processTitles.get(definitionId) ?? { 'zh-CN': definitionId, en: definitionId };

      return {
        now: at, from, to, orgUnit: scope.orgUnit, orgUnitName: unitNames.get(scope.orgUnit) ?? null, definitionId: scope.definitionId ?? null,
        running: await runningOf(runningRows, documents, title, unitNames),
        overdueTasks: {
          total: overdueTotal, truncated: overdueTotal > overdueRows.length,
          items: await Promise.all(overdueRows.map((r) => overdueTaskOf(r, documents, title, unitNames, nowDate.getTime()))),
        },
        breaches: {
          total: breachTotal, truncated: breachTotal > breachRows.length,
          items: await Promise.all(breachRows.map((r) => breachOf(r, documents, title, unitNames, completions))),
        },
        series: listing.map((d) => seriesOf(d.id, d.title, from, to, dailyRows)),
      };
    },
  };
}

function rangeOf(query: MonitorQuery, today: LocalDate): { from: LocalDate; to: LocalDate } {
  const to = query.to ?? today;
  const from = query.from ?? (isLocalDate(to) ? addDays(to, -(DEFAULT_MONITOR_DAYS - 1)) : to);
  const details = { from, to, maxDays: MAX_MONITOR_DAYS };
  if (!isLocalDate(from) || !isLocalDate(to)) throw badMonitorRange('date', details);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw badMonitorRange('order', details);
  if (days > MAX_MONITOR_DAYS) throw badMonitorRange('length', details);
  return { from, to };
}

type Documents = (definitionId: string, version: number) => Promise<ProcessDefinition | undefined>;

/** Each definition version read once per report (published versions never change). */
function documentCache(definitions: DefinitionRepository): Documents {
  const cache = new Map<string, Promise<ProcessDefinition | undefined>>();
  return (definitionId, version) => {
    const key = `${definitionId}@${version}`;
    let found = cache.get(key);
    if (!found) {
      found = definitions.get(definitionId, version).then((d) => d?.document);
      cache.set(key, found);
    }
    return found;
  };
}

async function namesOf(orm: Orm, units: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(units)];
  const rows = await orm.em.fork().find(OrgUnitEntity, { path: { $in: unique } }, { fields: ['path', 'name'], disableIdentityMap: true });
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** A step of the definition wherever it is (top level, a parallel branch, a ladder rung). */
function findStep(steps: Record<string, StepDefinition>, stepId: string): StepDefinition | undefined {
  if (Object.hasOwn(steps, stepId)) return steps[stepId];
  for (const step of Object.values(steps)) {
    const regions = step.kind === 'parallel' ? step.branches : step.kind === 'escalation' ? step.rungs : [];
    for (const region of regions) {
      const found = findStep(region.steps, stepId);
      if (found) return found;
    }
  }
  return undefined;
}

function stepTitleIn(document: ProcessDefinition | undefined, stepId: string): LocalizedText {
  return (document && findStep(document.steps, stepId)?.title) ?? { 'zh-CN': stepId, en: stepId };
}

/**
 * An open task's title: its step's for the task's part in the definition (snapshot format 3 does
 * not store it), else the record's copy (rows written before), else the step's title.
 */
function taskTitleIn(document: ProcessDefinition | undefined, row: OverdueTaskRow): LocalizedText {
  const copy = row.record['title'] as LocalizedText | undefined;
  if (!document) return copy ?? stepTitleIn(document, row.stepId);
  try {
    return taskPart(document, row.taskId, row.record as unknown as TaskRecord).title;
  } catch {
    return copy ?? stepTitleIn(document, row.stepId);
  }
}

/** A state value column as stored (JSON text; older rows of PostgreSQL may be jsonb's text form). */
function parseStateValue(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function runningOf(rows: RunningGroupRow[], documents: Documents, title: (id: string) => LocalizedText, unitNames: Map<string, string>): Promise<MonitorReport['running']> {
  const groups = new Map<string, RunningGroup & { byStep: Map<string, { title: LocalizedText; cases: number }> }>();
  // Newest versions first, so that a step's title is its newest wording.
  const ordered = [...rows].sort((a, b) => b.definitionVersion - a.definitionVersion);
  for (const row of ordered) {
    const key = `${row.definitionId}\n${row.orgUnit}`;
    let group = groups.get(key);
    if (!group) {
      group = { definitionId: row.definitionId, title: title(row.definitionId), orgUnit: row.orgUnit, orgUnitName: unitNames.get(row.orgUnit) ?? null, cases: 0, steps: [], byStep: new Map() };
      groups.set(key, group);
    }
    group.cases += row.cases;
    const document = await documents(row.definitionId, row.definitionVersion);
    const steps = document ? activeSteps(document, parseStateValue(row.stateValue)) : [];
    for (const stepId of new Set(steps)) {
      const entry = group.byStep.get(stepId) ?? { title: stepTitleIn(document, stepId), cases: 0 };
      entry.cases += row.cases;
      group.byStep.set(stepId, entry);
    }
  }
  const list = [...groups.values()]
    .map(({ byStep, ...group }) => ({
      ...group,
      steps: [...byStep.entries()].map(([stepId, s]) => ({ stepId, title: s.title, cases: s.cases })).sort((a, b) => b.cases - a.cases || a.stepId.localeCompare(b.stepId)),
    }))
    .sort((a, b) => a.definitionId.localeCompare(b.definitionId) || a.orgUnit.localeCompare(b.orgUnit));
  return { total: list.reduce((sum, g) => sum + g.cases, 0), groups: list };
}

async function overdueTaskOf(row: OverdueTaskRow, documents: Documents, title: (id: string) => LocalizedText, unitNames: Map<string, string>, nowMs: number): Promise<OverdueTask> {
  const document = await documents(row.definitionId, row.definitionVersion);
  return {
    instanceId: row.instanceId, definitionId: row.definitionId, processTitle: title(row.definitionId),
    orgUnit: row.caseOrgUnit, orgUnitName: unitNames.get(row.caseOrgUnit) ?? null,
    taskId: row.taskId, stepId: row.stepId, title: taskTitleIn(document, row),
    assignee: { role: row.role, roleTitle: document?.roles[row.role]?.title ?? null, orgUnit: row.taskOrgUnit },
    dueAt: formatInstant(row.dueAtMs), overdueMinutes: Math.floor((nowMs - row.dueAtMs) / 60_000),
  };
}

async function breachOf(row: BreachRow, documents: Documents, title: (id: string) => LocalizedText, unitNames: Map<string, string>, completions: Map<string, Instant>): Promise<Breach> {
  const document = await documents(row.definitionId, row.definitionVersion);
  const stepId = row.event.stepId ?? '';
  const taskId = row.event.taskId ?? null;
  const completedAt = taskId ? completions.get(`${row.instanceId} ${taskId}`) : undefined;
  return {
    instanceId: row.instanceId, definitionId: row.definitionId, processTitle: title(row.definitionId),
    orgUnit: row.caseOrgUnit, orgUnitName: unitNames.get(row.caseOrgUnit) ?? null, caseStatus: row.caseStatus,
    stepId, stepTitle: stepTitleIn(document, stepId), taskId,
    purpose: row.event.data?.purpose ?? 'deadline', basis: isLocalized(row.event.data?.basis) ? row.event.data.basis : null,
    dueAt: row.event.data?.dueAt ?? null, expiredAt: row.at,
    taskCompletedAt: completedAt !== undefined && completedAt >= row.at ? completedAt : null,
  };
}

function isLocalized(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['zh-CN'] === 'string';
}

function seriesOf(definitionId: string, title: LocalizedText, from: LocalDate, to: LocalDate, rows: DailyCountRow[]): MonitorReport['series'][number] {
  const days: MonitorDay[] = [];
  const index = new Map<string, MonitorDay>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = { date, opened: 0, resolved: 0, escalated: 0, overdue: 0 };
    days.push(day);
    index.set(date, day);
  }
  const totals = { opened: 0, resolved: 0, escalated: 0, overdue: 0 };
  for (const row of rows) {
    const field = SERIES_FIELD[row.type];
    const day = index.get(row.day);
    if (row.definitionId !== definitionId || !field || !day) continue;
    day[field] += row.count;
    totals[field] += row.count;
  }
  return { definitionId, title, totals, days };
}
