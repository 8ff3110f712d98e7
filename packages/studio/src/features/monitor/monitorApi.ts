import type { LocalizedText } from '@civicflow/engine';
import { request } from '../../api/client.js';

/** The filters of the monitor; absent ones take the server's defaults (my unit, every process, the 30 days up to today). */
export interface MonitorQuery {
  from?: string | undefined;
  to?: string | undefined;
  definitionId?: string | undefined;
  orgUnit?: string | undefined;
}

/** Cases of one process running in one unit, and the steps they are at. */
export interface RunningGroup {
  definitionId: string;
  title: LocalizedText;
  orgUnit: string;
  orgUnitName: string | null;
  cases: number;
  steps: { stepId: string; title: LocalizedText; cases: number }[];
}

/** An open task past its due time. */
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
  dueAt: string;
  overdueMinutes: number;
}

/** A deadline that ran out (SLA breach). */
export interface Breach {
  instanceId: string;
  definitionId: string;
  processTitle: LocalizedText;
  orgUnit: string;
  orgUnitName: string | null;
  caseStatus: 'active' | 'done' | 'cancelled';
  stepId: string;
  stepTitle: LocalizedText;
  taskId: string | null;
  purpose: string;
  basis: LocalizedText | null;
  dueAt: string | null;
  expiredAt: string;
  taskCompletedAt: string | null;
}

/** The four daily counts of a process. */
export interface DayCounts {
  opened: number;
  resolved: number;
  escalated: number;
  overdue: number;
}

/** One process's daily series. */
export interface ProcessSeries {
  definitionId: string;
  title: LocalizedText;
  totals: DayCounts;
  days: (DayCounts & { date: string })[];
}

/** GET /api/monitor (packages/server/README.md, Monitor). */
export interface MonitorReport {
  now: string;
  from: string;
  to: string;
  orgUnit: string;
  orgUnitName: string | null;
  definitionId: string | null;
  running: { total: number; groups: RunningGroup[] };
  overdueTasks: { total: number; truncated: boolean; items: OverdueTask[] };
  breaches: { total: number; truncated: boolean; items: Breach[] };
  series: ProcessSeries[];
}

/** A unit of the org tree under the administrator's (GET /api/admin/org-units). */
export interface OrgUnitNode {
  path: string;
  level: string;
  code: string;
  name: string;
  children: OrgUnitNode[];
}

/** The address of GET /api/monitor with the filters given (absent and empty ones left out). */
export function monitorPath(query: MonitorQuery): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'definitionId', 'orgUnit'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/api/monitor?${search}` : '/api/monitor';
}

/** The monitor's report for the filters. */
export function fetchMonitor(query: MonitorQuery): Promise<MonitorReport> {
  return request<MonitorReport>(monitorPath(query));
}

/** The administrator's unit and every unit below it. */
export function fetchOrgUnits(): Promise<OrgUnitNode> {
  return request<OrgUnitNode>('/api/admin/org-units');
}

/** The units of a tree in reading order, each with its depth below the root. */
export function flattenUnits(root: OrgUnitNode, depth = 0): { path: string; name: string; depth: number }[] {
  return [{ path: root.path, name: root.name, depth }, ...root.children.flatMap((child) => flattenUnits(child, depth + 1))];
}
