import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, validateDefinition } from '@civicflow/engine';
import type { DefinitionProblem, ProcessDefinition, StepDefinition } from '@civicflow/engine';
import { activeSteps } from '../src/features/flow/activeSteps.js';
import { definitionToGraph, shortenGuard } from '../src/features/flow/definitionToGraph.js';
import type { GroupNodeData } from '../src/features/flow/definitionToGraph.js';
import { layoutGraph } from '../src/features/flow/layoutGraph.js';
import { stepOfPointer } from '../src/features/flow/stepOfPointer.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
const EXAMPLES = [
  'dispute-mediation/process.json',
  'emergency-mobilisation/process.json',
  'emergency-mobilisation/evacuee.json',
  'village-election/process.json',
  'village-election/candidate-vetting.json',
].map((file) => ({ file, definition: JSON.parse(readFileSync(join(examples, file), 'utf8')) as ProcessDefinition }));
const mediation = EXAMPLES[0]!.definition;

/** Every step with the id of the group node it must sit in (undefined at the top level). */
function stepsWithParents(steps: Record<string, StepDefinition>, parent?: string): { id: string; step: StepDefinition; parent: string | undefined }[] {
  return Object.entries(steps).flatMap(([id, step]) => [
    { id, step, parent },
    ...(step.kind === 'parallel' ? step.branches.flatMap((b) => stepsWithParents(b.steps, `${id}/${b.id}`)) : []),
    ...(step.kind === 'escalation' ? step.rungs.flatMap((r) => stepsWithParents(r.steps, `${id}/${r.id}`)) : []),
  ]);
}

function targetsOf(step: StepDefinition): string[] {
  const of = (next: unknown): string[] => (typeof next === 'string' ? [next] : Array.isArray(next) ? next.map((t: { to: string }) => t.to) : []);
  switch (step.kind) {
    case 'end': return [];
    case 'jointReview': return [...of(step.next.approved), ...of(step.next.rejected), ...of(step.next.overdue)];
    case 'vote': return [...of(step.next.result), ...of(step.next.invalid)];
    case 'escalation': return [...of(step.next), ...of(step.exhausted)];
    default: return of(step.next);
  }
}

describe.each(EXAMPLES)('definitionToGraph over $file', ({ definition }) => {
  const graph = definitionToGraph(definition);
  const all = stepsWithParents(definition.steps);

  it('has one node per step, in the group of its branch or rung, parents before children', () => {
    expect(validateDefinition(definition).filter((p) => p.severity === 'error')).toEqual([]);
    const ids = graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, step, parent } of all) {
      const nodes = graph.nodes.filter((n) => n.data.stepId === id && (n.type === 'step' || (n.data as GroupNodeData).regionId === undefined));
      expect(nodes, id).toHaveLength(1);
      expect(nodes[0]!.parentId, id).toBe(parent);
      expect(nodes[0]!.type, id).toBe(step.kind === 'parallel' || step.kind === 'escalation' ? 'group' : 'step');
      if (nodes[0]!.type === 'step') expect(nodes[0]!.data.kind).toBe(step.kind);
    }
    const seen = new Set<string>();
    for (const node of graph.nodes) {
      if (node.parentId !== undefined) expect(seen.has(node.parentId), `${node.id} after ${node.parentId}`).toBe(true);
      seen.add(node.id);
    }
    expect(graph.nodes.filter((n) => n.type === 'step')).toHaveLength(all.filter((s) => s.step.kind !== 'parallel' && s.step.kind !== 'escalation').length);
  });

  it('has an edge for every route target', () => {
    for (const { id, step } of all) {
      for (const to of targetsOf(step)) {
        expect(graph.edges.some((e) => e.source === id && e.target === to), `${id} → ${to}`).toBe(true);
      }
    }
    const ids = graph.edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays every node out inside its parent group', async () => {
    const laidOut = await layoutGraph(graph);
    const byId = new Map(laidOut.nodes.map((n) => [n.id, n]));
    expect(laidOut.nodes).toHaveLength(graph.nodes.length);
    for (const node of laidOut.nodes) {
      expect(node.width).toBeGreaterThan(0);
      if (node.parentId === undefined) continue;
      const parent = byId.get(node.parentId)!;
      expect(node.position.x, node.id).toBeGreaterThanOrEqual(0);
      expect(node.position.y, node.id).toBeGreaterThanOrEqual(0);
      expect(node.position.x + node.width, node.id).toBeLessThanOrEqual(parent.width);
      expect(node.position.y + node.height, node.id).toBeLessThanOrEqual(parent.height);
    }
  });
});

describe('definitionToGraph for the dispute mediation', () => {
  it('makes the ladder a group with one sub-group per rung, with its level', () => {
    const graph = definitionToGraph(mediation);
    const ladder = graph.nodes.find((n) => n.id === 'ladder')!;
    expect(ladder).toMatchObject({ type: 'group', parentId: 'handling/mediationTrack', data: { group: 'escalation' } });
    const rungs = graph.nodes.filter((n) => n.parentId === 'ladder');
    expect(rungs.map((r) => [r.id, (r.data as GroupNodeData).level])).toEqual([
      ['ladder/VILLAGE', 'village'], ['ladder/TOWN', 'town'], ['ladder/COUNTY', 'county'], ['ladder/COURT', 'county'], // the court rung is handled at county level
    ]);
    expect(graph.nodes.find((n) => n.id === 'vSession')?.parentId).toBe('ladder/VILLAGE');
    expect(graph.nodes.find((n) => n.id === 'handling')).toMatchObject({ type: 'group', data: { group: 'parallel' } });
  });

  it('labels guarded routes with the guard shortened, the last one 否则/otherwise', () => {
    const graph = definitionToGraph(mediation);
    const decision = mediation.steps['acceptanceCheck']!;
    expect(decision.kind).toBe('decision');
    const routes = graph.edges.filter((e) => e.source === 'acceptanceCheck');
    expect(routes.length).toBeGreaterThan(1);
    expect(routes.at(-1)?.data.label).toEqual({ 'zh-CN': '否则', en: 'otherwise' });
    expect(shortenGuard('a  &&\n b')).toBe('a && b');
    expect(shortenGuard('x'.repeat(50))).toHaveLength(32);
  });

  it('marks the active steps and the groups around them', () => {
    const graph = definitionToGraph(mediation, { activeSteps: ['vSession', 'stabilise'] });
    const active = graph.nodes.filter((n) => n.data.active).map((n) => n.id).sort();
    expect(active).toEqual(['handling', 'handling/mediationTrack', 'handling/riskTrack', 'ladder', 'ladder/VILLAGE', 'stabilise', 'vSession'].sort());
  });

  it('puts each problem on the step its pointer names, and the others apart', () => {
    const problem = (pointer: string): DefinitionProblem => ({ pointer, code: 'CF_DEF_TEST', severity: 'error', message: { 'zh-CN': '问题', en: 'problem' }, hint: { 'zh-CN': '修改', en: 'fix' } });
    const inRung = problem('/steps/handling/branches/0/steps/ladder/rungs/1/steps/tReview/next/0/when');
    const onRoles = problem('/roles/V_MED');
    const graph = definitionToGraph(mediation, { problems: [inRung, onRoles, problem('/steps/intake/form')] });
    expect(graph.nodes.find((n) => n.id === 'tReview')?.data.problems).toEqual([inRung]);
    expect(graph.nodes.find((n) => n.id === 'intake')?.data.problems).toHaveLength(1);
    expect(graph.otherProblems).toEqual([onRoles]);
    expect(stepOfPointer('/steps/a~1b/next')).toBe('a/b');
    expect(stepOfPointer('/start')).toBeUndefined();
  });

  it('leaves out routes to unknown steps (validateDefinition reports them on the step)', () => {
    const broken = structuredClone(mediation);
    broken.steps['intake'] = { ...(broken.steps['intake'] as Extract<StepDefinition, { kind: 'task' }>), next: 'nowhere' };
    const problems = validateDefinition(broken);
    const graph = definitionToGraph(broken, { problems });
    expect(graph.edges.some((e) => e.target === 'nowhere')).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'intake')?.data.problems.length).toBeGreaterThan(0);
  });
});

describe('activeSteps', () => {
  const machine = compile(mediation).machine;
  const handling = { handling: { mediationTrack: { ladder: { TOWN: 'tReview' } }, riskTrack: 'stabilise', partyTrack: 'partyRequests' } };

  it('reads the deepest steps from state values the engine accepts', () => {
    // resolveState throws on a value that names no state node: the values below are real shapes.
    for (const value of ['intake', handling]) expect(() => machine.resolveState({ value, context: {} })).not.toThrow();
    expect(activeSteps(mediation, 'intake')).toEqual(['intake']);
    expect(activeSteps(mediation, handling)).toEqual(['tReview', 'stabilise', 'partyRequests']);
  });

  it('gives the enclosing step for inner states that are not steps, and nothing for the rest', () => {
    expect(activeSteps(mediation, { intake: 'waiting' })).toEqual(['intake']);
    expect(activeSteps(mediation, { handling: { mediationTrack: { ladder: '__start' } } })).toEqual(['ladder']);
    expect(activeSteps(mediation, '__cancelled')).toEqual([]);
    expect(activeSteps(mediation, null)).toEqual([]);
  });
});
