import type { DefinitionProblem, LocalizedText, Next, ProcessDefinition, StepDefinition, StepKind } from '@civicflow/engine';
import { stepOfPointer } from './stepOfPointer.js';

/** What a step box shows. */
export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  kind: StepKind;
  title?: LocalizedText | undefined;
  /** The definition's (or a branch's / rung's) first step. */
  isStart: boolean;
  active: boolean;
  problems: DefinitionProblem[];
  /** Subprocess: the child definition's id (and version when pinned). */
  childDefinition?: string | undefined;
}

/** What a group box (a parallel step, one of its branches, a ladder, one of its rungs) shows. */
export interface GroupNodeData extends Record<string, unknown> {
  /** `parallel` and `escalation` groups are steps themselves; `branch` and `rung` are their regions. */
  group: 'parallel' | 'branch' | 'escalation' | 'rung';
  stepId: string;
  /** The branch's or rung's id (for `branch` and `rung`). */
  regionId?: string | undefined;
  title?: LocalizedText | undefined;
  /** The rung's org level (village, town, county, court). */
  level?: string | undefined;
  isStart: boolean;
  active: boolean;
  problems: DefinitionProblem[];
}

export type FlowNode =
  | { id: string; type: 'step'; parentId?: string | undefined; data: StepNodeData }
  | { id: string; type: 'group'; parentId?: string | undefined; data: GroupNodeData };

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  /** The route's own label, its outcome (通过/approved…) and its guard shortened, or 否则/otherwise. */
  data: { label?: LocalizedText | undefined };
}

export interface FlowGraph {
  /** Parents come before their children (React Flow needs that). */
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Problems that concern no step (roles, forms, config), or a step that is not in the graph. */
  otherProblems: DefinitionProblem[];
}

export interface GraphOptions {
  /** Steps to highlight (a case's current steps); groups containing one are marked too. */
  activeSteps?: readonly string[];
  problems?: readonly DefinitionProblem[];
}

const MAX_GUARD = 32;

/** A guard as a short edge label: whitespace collapsed, cut at {@link MAX_GUARD} characters. */
export function shortenGuard(when: string): string {
  const flat = when.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_GUARD ? `${flat.slice(0, MAX_GUARD - 1)}…` : flat;
}

const OTHERWISE: LocalizedText = { 'zh-CN': '否则', en: 'otherwise' };
const OUTCOMES: Record<string, LocalizedText> = {
  approved: { 'zh-CN': '通过', en: 'approved' },
  rejected: { 'zh-CN': '不通过', en: 'rejected' },
  overdue: { 'zh-CN': '逾期', en: 'overdue' },
  result: { 'zh-CN': '有结果', en: 'result' },
  invalid: { 'zh-CN': '无效', en: 'invalid' },
  exhausted: { 'zh-CN': '逐级用尽', en: 'exhausted' },
};

function join(outcome: LocalizedText | undefined, route: LocalizedText | undefined): LocalizedText | undefined {
  if (!outcome) return route;
  if (!route) return outcome;
  return { 'zh-CN': `${outcome['zh-CN']}：${route['zh-CN']}`, en: `${outcome.en}: ${route.en}` };
}

/** Each route of a `next` with its label. */
function routesOf(next: Next, outcome?: LocalizedText): { to: string; label?: LocalizedText | undefined }[] {
  if (typeof next === 'string') return [{ to: next, label: outcome }];
  const guarded = next.length > 1 || next.some((t) => t.when !== undefined);
  return next.map((t) => {
    const guard = t.when !== undefined
      ? { 'zh-CN': shortenGuard(t.when), en: shortenGuard(t.when) }
      : guarded ? OTHERWISE : undefined;
    return { to: t.to, label: join(outcome, t.label ?? guard) };
  });
}

/** Every outgoing route of a step, labelled. */
function stepRoutes(step: StepDefinition): { to: string; label?: LocalizedText | undefined }[] {
  switch (step.kind) {
    case 'jointReview':
      return [
        ...routesOf(step.next.approved, OUTCOMES['approved']),
        ...routesOf(step.next.rejected, OUTCOMES['rejected']),
        ...(step.next.overdue !== undefined ? routesOf(step.next.overdue, OUTCOMES['overdue']) : []),
      ];
    case 'vote':
      return [...routesOf(step.next.result, OUTCOMES['result']), ...routesOf(step.next.invalid, OUTCOMES['invalid'])];
    case 'escalation':
      return [...routesOf(step.next), ...routesOf(step.exhausted, OUTCOMES['exhausted'])];
    case 'end':
      return [];
    default:
      return routesOf(step.next);
  }
}

/**
 * A definition as a graph for React Flow: one node per step, parallel steps and escalation
 * ladders as groups holding one sub-group per branch / rung, an edge per route. Positions are
 * left to {@link layoutGraph}.
 */
export function definitionToGraph(definition: ProcessDefinition, options: GraphOptions = {}): FlowGraph {
  const active = new Set(options.activeSteps ?? []);
  const problemsByStep = new Map<string, DefinitionProblem[]>();
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const stepIds = new Set<string>();
  const routes: { from: string; to: string; label?: LocalizedText | undefined }[] = [];

  for (const problem of options.problems ?? []) {
    const stepId = stepOfPointer(problem.pointer) ?? '';
    problemsByStep.set(stepId, [...(problemsByStep.get(stepId) ?? []), problem]);
  }
  const problemsOf = (id: string): DefinitionProblem[] => problemsByStep.get(id) ?? [];

  // Returns whether the region holds an active step, so that enclosing groups are marked too.
  const walk = (steps: Record<string, StepDefinition>, start: string, parentId: string | undefined): boolean => {
    let anyActive = false;
    for (const [id, step] of Object.entries(steps)) {
      stepIds.add(id);
      for (const route of stepRoutes(step)) routes.push({ from: id, ...route });
      const isStart = id === start;
      if (step.kind === 'parallel' || step.kind === 'escalation') {
        const group: FlowNode = {
          id, type: 'group', parentId,
          data: { group: step.kind, stepId: id, title: step.title, isStart, active: active.has(id), problems: problemsOf(id) },
        };
        nodes.push(group);
        const regions = step.kind === 'parallel'
          ? step.branches.map((b) => ({ region: 'branch' as const, id: b.id, title: b.title, level: undefined, start: b.start, steps: b.steps }))
          : step.rungs.map((r) => ({ region: 'rung' as const, id: r.id, title: r.title, level: r.level, start: r.start, steps: r.steps }));
        const startRegion = step.kind === 'parallel' ? undefined : step.rungs[0]?.id;
        for (const region of regions) {
          const regionNode: FlowNode = {
            id: `${id}/${region.id}`, type: 'group', parentId: id,
            data: {
              group: region.region, stepId: id, regionId: region.id, title: region.title, level: region.level,
              isStart: step.kind === 'parallel' || region.id === startRegion, active: false, problems: [],
            },
          };
          nodes.push(regionNode);
          if (walk(region.steps, region.start, regionNode.id)) {
            regionNode.data.active = true;
            group.data.active = true;
          }
        }
        if (group.data.active) anyActive = true;
      } else {
        if (active.has(id)) anyActive = true;
        nodes.push({
          id, type: 'step', parentId,
          data: {
            stepId: id, kind: step.kind, title: step.title, isStart, active: active.has(id), problems: problemsOf(id),
            childDefinition: step.kind === 'subprocess'
              ? `${step.definition.id}${step.definition.version !== undefined ? ` v${step.definition.version}` : ''}`
              : undefined,
          },
        });
      }
    }
    return anyActive;
  };
  walk(definition.steps, definition.start, undefined);

  const seen = new Map<string, number>();
  for (const route of routes) {
    if (!stepIds.has(route.to)) continue; // an unknown target: validateDefinition reports it on the step
    const key = `${route.from}->${route.to}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    edges.push({ id: n === 0 ? key : `${key}#${n}`, source: route.from, target: route.to, data: { label: route.label } });
  }
  const otherProblems = [...problemsByStep].filter(([id]) => !stepIds.has(id)).flatMap(([, list]) => list);
  return { nodes, edges, otherProblems };
}
