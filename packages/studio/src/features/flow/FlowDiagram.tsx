import '@xyflow/react/dist/style.css';
import './flow.css';
import { Controls, Handle, MarkerType, Position, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import type { Edge, Node, NodeProps, NodeTypes } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { DefinitionProblem, Locale, LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { Loading } from '../../components/Loading.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { definitionToGraph } from './definitionToGraph.js';
import type { FlowGraph, GroupNodeData, StepNodeData } from './definitionToGraph.js';
import { layoutGraph, layoutShape, withPositionsOf } from './layoutGraph.js';
import type { PositionedGraph } from './layoutGraph.js';

type StepNode = Node<StepNodeData, 'step'>;
type GroupNode = Node<GroupNodeData, 'group'>;

export interface FlowDiagramProps {
  definition: ProcessDefinition;
  /** Step ids to highlight (a case's current steps). */
  activeSteps?: readonly string[];
  /** `validateDefinition` problems, shown on the steps they concern. */
  problems?: readonly DefinitionProblem[];
  /** The selected node (the composer's selection), marked in words and colour. */
  selected?: string | undefined;
  /**
   * Makes nodes selectable (the composer): a click, or Enter / Space on a focused node, reports
   * its id — a step's id, or `step/branch` for a branch's or rung's group.
   */
  onSelect?: ((nodeId: string) => void) | undefined;
}

/**
 * A definition drawn as a diagram (React Flow, laid out by ELK): pan, zoom, fit to view; each step
 * is a focusable box named "步骤 …/step …", current steps and problems say so in words as well as
 * in colour. Read-only, unless `onSelect` is given (the composer): then nodes can be selected, and
 * when steps or routes change the previous drawing stays until ELK has laid out the new one.
 * ELK runs only when the layout's input changes ({@link layoutShape}: nodes, nesting, sizes,
 * routes); a changed title, label, marker or selection keeps the positions and shows at once.
 * The view (pan and zoom) is fitted once and then left as the person set it; the composer's
 * selected node is brought into view when it lies outside.
 */
export function FlowDiagram({ definition, activeSteps, problems, selected, onSelect }: FlowDiagramProps): ReactElement {
  const { t, text, locale } = useText();
  const graph = useMemo(() => definitionToGraph(definition, { activeSteps: activeSteps ?? [], problems: problems ?? [] }), [definition, activeSteps, problems]);
  const shape = useMemo(() => layoutShape(graph), [graph]);
  // The graph ELK is to lay out: replaced only when the shape changes (state adjusted while rendering, as React advises).
  const [toLayOut, setToLayOut] = useState<{ shape: string; graph: FlowGraph }>(() => ({ shape, graph }));
  if (toLayOut.shape !== shape) setToLayOut({ shape, graph });
  const [laidOut, setLaidOut] = useState<{ shape: string; graph: PositionedGraph } | undefined>();
  const [failed, setFailed] = useState<unknown>();
  useEffect(() => {
    let live = true;
    layoutGraph(toLayOut.graph).then((positioned) => { if (live) setLaidOut({ shape: toLayOut.shape, graph: positioned }); }, (error: unknown) => { if (live) setFailed(error); });
    return () => { live = false; };
  }, [toLayOut]);
  // The current graph at the laid-out positions; while a new shape is being laid out, the last drawing as it was.
  const current = laidOut?.shape === shape;
  const drawn = useMemo(() => (laidOut && current ? withPositionsOf(graph, laidOut.graph) : laidOut?.graph), [graph, laidOut, current]);

  // React Flow re-renders the nodes and edges whose objects changed: an edit keeps the objects of
  // those it did not touch (equal content, compared as JSON), so a title edit redraws one box, not 300.
  const kept = useRef<{ nodes: Map<string, Kept<StepNode | GroupNode>>; edges: Map<string, Kept<Edge>> }>({ nodes: new Map(), edges: new Map() });
  const { nodes, edges } = useMemo(() => {
    if (!drawn) return { nodes: [], edges: [] };
    const flowNodes = drawn.nodes.map((n): StepNode | GroupNode => {
      const title = titleOf(n.data.title, n.data.stepId, text);
      const describedBy = n.data.problems.length > 0 ? problemsId(n.id) : undefined;
      const isSelected = n.id === selected;
      const common = {
        id: n.id, position: n.position, width: n.width, height: n.height, focusable: true, draggable: false, selectable: false,
        ...(isSelected ? { className: 'flow-node-wrapper--selected' } : {}),
        ...(n.parentId !== undefined ? { parentId: n.parentId, extent: 'parent' as const } : {}),
        ...(describedBy ? { domAttributes: { 'aria-describedby': describedBy } } : {}),
      };
      if (n.type === 'step') {
        return { ...common, type: 'step', data: n.data, ariaLabel: nodeLabel([t('flow.step', { title }), n.data.active && t('flow.current'), n.data.problems.length > 0 && t('flow.problem'), isSelected && t('flow.selected')], locale) };
      }
      const name = n.data.regionId !== undefined ? `${t(n.data.group === 'rung' ? 'flow.rung' : 'flow.branch')} ${title}` : t('flow.step', { title });
      return { ...common, type: 'group', data: n.data, ariaLabel: nodeLabel([name, n.data.active && t('flow.current'), n.data.problems.length > 0 && t('flow.problem'), isSelected && t('flow.selected')], locale) };
    });
    const flowEdges = drawn.edges.map((e): Edge => ({
      id: e.id, source: e.source, target: e.target, focusable: false,
      markerEnd: { type: MarkerType.ArrowClosed },
      ...(e.data.label ? { label: text(e.data.label) } : {}),
    }));
    const nodesKept = keepUnchanged(kept.current.nodes, flowNodes);
    const edgesKept = keepUnchanged(kept.current.edges, flowEdges);
    kept.current = { nodes: nodesKept.byId, edges: edgesKept.byId };
    return { nodes: nodesKept.items, edges: edgesKept.items };
  }, [drawn, t, text, locale, selected]);

  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  // Read-only: one definition, drawn once. Editable: the last drawing stays while the next is laid out.
  if (!laidOut || (!current && !onSelect)) return <Loading />;
  const onKeyDown = onSelect && ((event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const node = event.target instanceof Element ? event.target.closest('.react-flow__node') : null;
    const id = node?.getAttribute('data-id');
    if (!id || node !== event.target) return;
    event.preventDefault();
    onSelect(id);
  });
  // React Flow's own screen-reader descriptions speak of deleting and moving nodes, which these diagrams do not offer.
  const describeNode = t(onSelect ? 'flow.a11yNodeSelect' : 'flow.a11yNode');
  const ariaLabelConfig = {
    'node.a11yDescription.default': describeNode, 'node.a11yDescription.keyboardDisabled': describeNode, 'edge.a11yDescription.default': t('flow.a11yEdge'),
    'controls.ariaLabel': t('flow.controls'), 'controls.zoomIn.ariaLabel': t('flow.zoomIn'), 'controls.zoomOut.ariaLabel': t('flow.zoomOut'), 'controls.fitView.ariaLabel': t('flow.fitView'),
  };
  return (
    <figure className={onSelect ? 'flow-diagram flow-diagram--selectable' : 'flow-diagram'} aria-label={t('flow.label', { process: text(definition.title) })} aria-busy={!current || undefined}>
      <figcaption className="flow-diagram__help">{t(onSelect ? 'flow.helpSelect' : 'flow.help')}</figcaption>
      <div className="flow-diagram__canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          // A small draft is not blown up to twice its size.
          {...(onSelect ? { fitViewOptions: { maxZoom: 1 } } : {})}
          minZoom={0.1}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          ariaLabelConfig={ariaLabelConfig}
          {...(onSelect ? { onNodeClick: (_event: unknown, node: { id: string }) => onSelect(node.id), onKeyDown } : {})}
        >
          {/* Zoom by buttons too (a large process is small when fitted): keyboard users cannot scroll-zoom. */}
          {onSelect && <Controls showInteractive={false} />}
          {onSelect && selected !== undefined && <SelectedInView nodeId={selected} drawing={drawn} />}
        </ReactFlow>
      </div>
    </figure>
  );
}

const NODE_TYPES: NodeTypes = { step: StepBox, group: GroupBox };

/** An object handed to React Flow, with its content as JSON to compare the next one with. */
interface Kept<T> { json: string; item: T }

/** `items`, each replaced by the object given last time when its content is the same. */
function keepUnchanged<T extends { id: string }>(before: Map<string, Kept<T>>, items: T[]): { items: T[]; byId: Map<string, Kept<T>> } {
  const byId = new Map<string, Kept<T>>();
  const out = items.map((item) => {
    const json = JSON.stringify(item);
    const previous = before.get(item.id);
    const kept = previous?.json === json ? previous : { json, item };
    byId.set(item.id, kept);
    return kept.item;
  });
  return { items: out, byId };
}

/**
 * Pans (at the same zoom) to the selected node when it lies outside the view — a step just added
 * from the palette, or chosen from the panel's list — once it is drawn; a node in view stays put.
 */
function SelectedInView({ nodeId, drawing }: { nodeId: string; drawing: PositionedGraph | undefined }): null {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const measured = useStore((s) => s.nodeLookup.get(nodeId)?.measured.width !== undefined);
  useEffect(() => {
    const node = flow.getInternalNode(nodeId);
    if (!node || !measured || width === 0 || height === 0) return;
    const { x, y, zoom } = flow.getViewport();
    const { x: left, y: top } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 0;
    const h = node.measured.height ?? 0;
    const inView = left * zoom + x >= 0 && top * zoom + y >= 0 && (left + w) * zoom + x <= width && (top + h) * zoom + y <= height;
    if (!inView) void flow.setCenter(left + w / 2, top + h / 2, { zoom });
  }, [flow, nodeId, drawing, measured, width, height]);
  return null;
}

function problemsId(nodeId: string): string {
  return `flow-problems-${nodeId.replace(/[^\w-]/g, '_')}`;
}

function titleOf(title: LocalizedText | undefined, fallback: string, text: (value: LocalizedText) => string): string {
  return title ? text(title) : fallback;
}

/** A node's accessible name: what it is, then "current step" and "problem" when they apply. */
function nodeLabel(parts: (string | false)[], locale: Locale): string {
  return parts.filter(Boolean).join(locale === 'en' ? ', ' : '，');
}

function Markers({ data }: { data: StepNodeData | GroupNodeData }): ReactElement | null {
  const { t } = useText();
  if (!data.active && !data.isStart) return null;
  return (
    <span className="flow-node__markers">
      {data.isStart && <span className="flow-marker flow-marker--start">{t('flow.start')}</span>}
      {data.active && <span className="flow-marker flow-marker--current">{t('flow.current')}</span>}
    </span>
  );
}

function Problems({ nodeId, problems }: { nodeId: string; problems: DefinitionProblem[] }): ReactElement | null {
  if (problems.length === 0) return null;
  // Both languages: the person fixing the definition may read either.
  return (
    <ul id={problemsId(nodeId)} className="flow-node__problems">
      {problems.map((p, i) => <li key={i} lang="zh-CN">{p.message['zh-CN']}<span lang="en"> / {p.message.en}</span></li>)}
    </ul>
  );
}

function classes(base: string, data: StepNodeData | GroupNodeData): string {
  return [base, data.active && `${base}--current`, data.problems.length > 0 && `${base}--problem`].filter(Boolean).join(' ');
}

function StepBox({ id, data }: NodeProps<StepNode>): ReactElement {
  const { t, text } = useText();
  return (
    <div className={classes('flow-node', data)}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="flow-node__head">
        <span className={`flow-badge flow-badge--${data.kind}`}>{t(`flow.kind.${data.kind}`)}</span>
        <Markers data={data} />
      </div>
      <p className="flow-node__title">{titleOf(data.title, data.stepId, text)}</p>
      {data.childDefinition !== undefined && <p className="flow-node__detail">{t('flow.child', { id: data.childDefinition })}</p>}
      <Problems nodeId={id} problems={data.problems} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function GroupBox({ id, data }: NodeProps<GroupNode>): ReactElement {
  const { t, text } = useText();
  const isRegion = data.regionId !== undefined;
  const badge = data.group === 'rung' ? t('flow.rung') : data.group === 'branch' ? t('flow.branch') : t(`flow.kind.${data.group}`);
  return (
    <div className={classes(`flow-group flow-group--${data.group}`, data)}>
      {!isRegion && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <div className="flow-node__head">
        <span className={`flow-badge flow-badge--${data.group}`}>{badge}</span>
        <span className="flow-group__title">{titleOf(data.title, data.regionId ?? data.stepId, text)}</span>
        {data.level !== undefined && <span className="flow-group__level">{t('flow.level', { level: data.level })}</span>}
        <Markers data={data} />
      </div>
      <Problems nodeId={id} problems={data.problems} />
      {!isRegion && <Handle type="source" position={Position.Bottom} isConnectable={false} />}
    </div>
  );
}
