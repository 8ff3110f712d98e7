import type { ResultSet, TargetCheck } from './results.js';

const fmt = (v: number | undefined, unit = ''): string => (v === undefined ? 'not measured' : `${v.toLocaleString('en')}${unit}`);

/**
 * The targets of issue 6 on this 2-core machine, checked against a run's figures. A target whose
 * figure was not measured in this run (e.g. 1,000,000 open tasks in a quick run) is reported as
 * not met, with "not measured" as its value.
 */
export function checkTargets(r: ResultSet): TargetCheck[] {
  const ratio = (k: string) => r.ratios[k]?.value;
  const fig = (k: string) => r.value(k);
  const checks: TargetCheck[] = [];
  const add = (name: string, target: string, actual: number | undefined, unit: string, met: (v: number) => boolean) => {
    checks.push({ name, target, actual: fmt(actual, unit), met: actual !== undefined && met(actual) });
  };
  add('engine vs hand-written XState (instances/s)', '≥ 0.5×', ratio('engineVsXstate'), '×', (v) => v >= 0.5);
  add('engine vs bpmn-engine (instances/s)', '≥ 100×', ratio('engineVsBpmnEngine'), '×', (v) => v >= 100);
  add('snapshot of the reference process', '≤ 1 KB (1,024 bytes)', fig('engine.civicflow.snapshotBytesMax'), ' bytes', (v) => v <= 1024);
  add('server on SQLite, 64 clients: completions/s', '≥ 2,000/s', fig('server.sqlite.c64.completionsPerSecond'), '/s', (v) => v >= 2000);
  add('server on SQLite, 64 clients: p99 latency', '< 50 ms', fig('server.sqlite.c64.p99Ms'), ' ms', (v) => v < 50);
  add('server vs raw SQLite commit ceiling', '≥ 0.15×', ratio('serverVsSqliteRaw'), '×', (v) => v >= 0.15);
  add('inbox p99 at 1,000,000 open tasks', '< 20 ms', fig('inbox.1M.p99Ms'), ' ms', (v) => v < 20);
  return checks;
}
