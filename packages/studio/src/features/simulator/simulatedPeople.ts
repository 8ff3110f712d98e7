import type { Actor, Locale, LocalizedText, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { levelOf } from '@civicflow/engine';

/** An org unit the simulator offers to act in. */
export interface SimulatedUnit {
  path: string;
  name: LocalizedText;
}

const u = (path: string, zh: string, en: string): SimulatedUnit => ({ path, name: { 'zh-CN': zh, en } });

/**
 * The demo county of the examples (华溪县, as the server's demo org tree): the units a person can
 * act in while simulating, village → town → county. Units that tasks of the simulated case are
 * assigned to (a county department of a joint review, say) are offered as they come up.
 */
export const DEMO_UNITS: readonly SimulatedUnit[] = [
  u('county:huaxi', '华溪县', 'Huaxi county'),
  u('county:huaxi/town:qingshi', '青石镇', 'Qingshi town'),
  u('county:huaxi/town:qingshi/village:qingshicun', '青石村', 'Qingshi village'),
  u('county:huaxi/town:qingshi/village:qingshicun/grid:01', '青石村第一网格', 'Qingshi village, grid 1'),
  u('county:huaxi/town:qingshi/village:shangba', '上坝村', 'Shangba village'),
  u('county:huaxi/town:qingshi/village:xiahe', '下河村', 'Xiahe village'),
  u('county:huaxi/town:dongshan', '东山街道', 'Dongshan street'),
  u('county:huaxi/town:dongshan/community:dongyuan', '东苑社区', 'Dongyuan community'),
];

/** The demo unit a case starts in unless the person picks another: the village (小事不出村). */
export const DEFAULT_UNIT = 'county:huaxi/town:qingshi/village:qingshicun';

/** The demo units, then any other `paths` (task assignees' units), each once, parents first. */
export function unitChoices(paths: readonly string[]): SimulatedUnit[] {
  const known = new Map(DEMO_UNITS.map((unit) => [unit.path, unit]));
  for (const path of paths) if (!known.has(path)) known.set(path, { path, name: { 'zh-CN': path, en: path } });
  return [...known.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A unit's name for a person: the demo name with the path's last part, or the path. */
export function unitName(path: string): LocalizedText {
  return DEMO_UNITS.find((unit) => unit.path === path)?.name ?? { 'zh-CN': path, en: path };
}

/** The roles of the simulated processes, with their titles, each once (the process's own first). */
export function roleChoices(definitions: readonly ProcessDefinition[]): { role: string; title: LocalizedText }[] {
  const roles = new Map<string, LocalizedText>();
  for (const d of definitions) for (const [role, r] of Object.entries(d.roles)) if (!roles.has(role)) roles.set(role, r.title);
  return [...roles].map(([role, title]) => ({ role, title }));
}

/**
 * The person the simulator acts as for a role in a unit. The id names both (`V_MED@qingshicun`), so
 * the saved scenario reads well and two roles never share an id; a task assigned to a named person
 * (包保责任人) is acted on as that person.
 */
export function simulatedActor(role: string, orgUnit: string, person?: string): Actor {
  if (person !== undefined) return { id: person, roles: [role], orgUnit, personId: person };
  const last = orgUnit.split('/').at(-1) ?? orgUnit;
  return { id: `${role}@${last.slice(last.indexOf(':') + 1)}`, roles: [role], orgUnit };
}

/** The demo unit at an org level (county, town, village, grid, community), if there is one. */
function demoUnitAt(level: string | undefined): string | undefined {
  if (level === undefined) return undefined;
  return DEMO_UNITS.find((unit) => levelOf(unit.path) === level)?.path;
}

/**
 * Who starts a case of this process by default: the assignee of its first task (following the
 * start step through decisions' default routes and into the first branch of a parallel step), in
 * the demo unit of the task's level or the village.
 */
export function defaultStarter(definition: ProcessDefinition): { role: string; orgUnit: string } {
  let steps: Record<string, StepDefinition> = definition.steps;
  let id: string | undefined = definition.start;
  for (let hops = 0; id !== undefined && hops < 20; hops += 1) {
    const step: StepDefinition | undefined = steps[id];
    if (!step) break;
    if (step.kind === 'task') return { role: step.assignee.role, orgUnit: demoUnitAt(step.assignee.level) ?? DEFAULT_UNIT };
    if (step.kind === 'decision') {
      id = step.next.at(-1)?.to;
    } else if (step.kind === 'parallel' && step.branches[0]) {
      steps = step.branches[0].steps;
      id = step.branches[0].start;
    } else if (step.kind === 'escalation' && step.rungs[0]) {
      steps = step.rungs[0].steps;
      id = step.rungs[0].start;
    } else break;
  }
  const role = Object.keys(definition.roles)[0] ?? 'SYSTEM';
  return { role, orgUnit: DEFAULT_UNIT };
}

/** A name with its code, as a person reads it: `村调解员（V_MED）`, `village mediator (V_MED)`. */
export function withCode(name: string, code: string, locale: Locale): string {
  return locale === 'en' ? `${name} (${code})` : `${name}（${code}）`;
}
