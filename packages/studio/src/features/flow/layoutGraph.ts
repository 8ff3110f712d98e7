import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { FlowEdge, FlowGraph, FlowNode } from './definitionToGraph.js';

/** Size of a step box; groups are sized by the layout around their contents. */
export const STEP_SIZE = { width: 200, height: 76 } as const;

/** Room for one problem message (in both languages) under a step's title. */
const PROBLEM_HEIGHT = 44;

export type PositionedNode = FlowNode & {
  /** Relative to the parent group, as React Flow expects for nodes with a `parentId`. */
  position: { x: number; y: number };
  width: number;
  height: number;
};

export interface PositionedGraph {
  nodes: PositionedNode[];
  edges: FlowEdge[];
}

export type LayoutDirection = 'DOWN' | 'RIGHT';

// The bundled build runs ELK in the page (no web worker, no eval: it passes the studio's CSP).
const elk = new ELK();

/**
 * Positions the graph with ELK's layered algorithm, groups laid out together with their contents
 * (`INCLUDE_CHILDREN`) so that routes into and out of branches and rungs shape the layout.
 */
export async function layoutGraph(graph: FlowGraph, direction: LayoutDirection = 'DOWN'): Promise<PositionedGraph> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.spacing.nodeNode': '32',
    },
    children: [],
    edges: graph.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  for (const node of graph.nodes) {
    const elkNode: ElkNode = node.type === 'group'
      // Room at the top for the group's heading.
      ? { id: node.id, children: [], layoutOptions: { 'elk.padding': '[top=52,left=16,bottom=16,right=16]' } }
      // A step with problems grows to show their messages.
      : { id: node.id, width: STEP_SIZE.width, height: STEP_SIZE.height + PROBLEM_HEIGHT * node.data.problems.length };
    elkNodes.set(node.id, elkNode);
    const parent = node.parentId === undefined ? root : elkNodes.get(node.parentId);
    if (!parent) throw new Error(`layoutGraph: node ${node.id} comes before its parent ${node.parentId ?? ''}`);
    (parent.children ??= []).push(elkNode);
  }
  // A group with nothing inside (an empty branch) still needs a size.
  for (const node of graph.nodes) {
    const elkNode = elkNodes.get(node.id)!;
    if (node.type === 'group' && elkNode.children?.length === 0) Object.assign(elkNode, STEP_SIZE);
  }

  const laidOut = await elk.layout(root);
  const placed = new Map<string, ElkNode>();
  const collect = (n: ElkNode): void => {
    for (const child of n.children ?? []) {
      placed.set(child.id, child);
      collect(child);
    }
  };
  collect(laidOut);
  return {
    nodes: graph.nodes.map((node) => {
      const p = placed.get(node.id);
      return {
        ...node,
        position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        width: p?.width ?? STEP_SIZE.width,
        height: p?.height ?? STEP_SIZE.height,
      };
    }),
    edges: graph.edges,
  };
}

/**
 * What {@link layoutGraph}'s result depends on, as a string to compare: the nodes in order with
 * their kind, parent and height (a step grows with its problems), and the routes. Titles, edge
 * labels, markers and the selection are not laid out: a graph that differs only in those has the
 * same shape and can keep the positions of the last layout ({@link withPositionsOf}).
 */
export function layoutShape(graph: FlowGraph): string {
  const nodes = graph.nodes.map((n) => `${n.id}\t${n.type}\t${n.parentId ?? ''}\t${n.type === 'step' ? n.data.problems.length : ''}`);
  const edges = graph.edges.map((e) => `${e.id}\t${e.source}\t${e.target}`);
  return `${nodes.join('\n')}\n\n${edges.join('\n')}`;
}

/** `graph` at the positions and sizes of `positioned`, a layout of a graph of the same {@link layoutShape}. */
export function withPositionsOf(graph: FlowGraph, positioned: PositionedGraph): PositionedGraph {
  const placed = new Map(positioned.nodes.map((n) => [n.id, n]));
  return {
    nodes: graph.nodes.map((node) => {
      const p = placed.get(node.id);
      return { ...node, position: p?.position ?? { x: 0, y: 0 }, width: p?.width ?? STEP_SIZE.width, height: p?.height ?? STEP_SIZE.height };
    }),
    edges: graph.edges,
  };
}
