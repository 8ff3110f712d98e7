export { createMonitorService, DEFAULT_MONITOR_DAYS, MAX_MONITOR_DAYS, MONITOR_LIST_LIMIT } from './monitorService.js';
export type { Breach, MonitorDay, MonitorQuery, MonitorReport, MonitorService, MonitorServiceOptions, OverdueTask, RunningGroup } from './monitorService.js';
