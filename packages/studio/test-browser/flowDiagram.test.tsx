import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DefinitionProblem, ProcessDefinition } from '@civicflow/engine';
import mediationJson from '../../../examples/dispute-mediation/process.json';
import { definitionToGraph } from '../src/features/flow/definitionToGraph.js';
import { FlowDiagram } from '../src/features/flow/FlowDiagram.js';
import { PreferencesProvider } from '../src/preferences/PreferencesContext.js';

// The diagram of the dispute mediation (parallel tracks, a four-rung escalation ladder) in a
// real Chromium: React Flow renders what ELK laid out, with the case's current step marked.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const mediation = mediationJson as unknown as ProcessDefinition;
const problem: DefinitionProblem = {
  pointer: '/steps/intake/form', code: 'CF_DEF_UNKNOWN_FORM', severity: 'error',
  message: { 'zh-CN': '表单 intakeForm 未定义', en: 'form intakeForm is not defined' },
  hint: { 'zh-CN': '在 forms 中定义它', en: 'define it under forms' },
};

let root: Root | undefined;
let host: HTMLElement | undefined;

// The studio remembers the language in localStorage, which every browser test file shares: start clean.
beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  if (root) flushSync(() => root!.unmount());
  host?.remove();
  localStorage.clear();
});

function render(definition: ProcessDefinition, onSelect?: (id: string) => void, selected?: string): void {
  flushSync(() => root!.render(
    <PreferencesProvider>
      <FlowDiagram definition={definition} onSelect={onSelect} selected={selected} />
    </PreferencesProvider>,
  ));
}

function mount(): HTMLElement {
  host = document.createElement('div');
  host.style.width = '1200px';
  document.body.append(host);
  root = createRoot(host);
  flushSync(() => root!.render(
    <PreferencesProvider>
      <FlowDiagram definition={mediation} activeSteps={['vSession']} problems={[problem]} />
    </PreferencesProvider>,
  ));
  return host;
}

const waitFor = <T,>(check: () => T) => vi.waitFor(check, { timeout: 15000, interval: 50 });
const node = (page: HTMLElement, id: string) => page.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);

describe('FlowDiagram', () => {
  it('draws every step, the ladder with its rungs as groups, and marks the current step', async () => {
    const page = mount();
    const expected = definitionToGraph(mediation).nodes.length;
    await waitFor(() => expect(page.querySelectorAll('.react-flow__node')).toHaveLength(expected));
    expect(page.querySelector('figure')?.getAttribute('aria-label')).toBe('流程图：矛盾纠纷调解（村→镇→县→法院）');

    const intake = node(page, 'intake')!;
    expect(intake.getAttribute('aria-label')).toBe('步骤 受理登记，问题');
    expect(intake.tabIndex).toBe(0);
    expect(intake.querySelector('.flow-badge')?.textContent).toBe('任务');
    // The problem is outlined and is the node's description, in both languages.
    expect(intake.querySelector('.flow-node--problem')).not.toBeNull();
    const description = document.getElementById(intake.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('表单 intakeForm 未定义 / form intakeForm is not defined');

    const ladder = node(page, 'ladder')!;
    expect(ladder.classList.contains('react-flow__node-group')).toBe(true);
    const rungs = ['VILLAGE', 'TOWN', 'COUNTY', 'COURT'].map((rung) => node(page, `ladder/${rung}`)!);
    for (const rung of rungs) {
      expect(rung.classList.contains('react-flow__node-group')).toBe(true);
      expect(rung.querySelector('.flow-badge')?.textContent).toBe('层级');
    }
    expect(rungs[1]!.querySelector('.flow-group__level')?.textContent).toBe('层级：town');
    // A rung's box holds its steps: React Flow draws nodes side by side, so compare the boxes.
    const inside = (inner: HTMLElement, outer: HTMLElement) => {
      const a = inner.getBoundingClientRect();
      const b = outer.getBoundingClientRect();
      return a.left >= b.left - 0.5 && a.top >= b.top - 0.5 && a.right <= b.right + 0.5 && a.bottom <= b.bottom + 0.5;
    };
    const vSession = node(page, 'vSession')!;
    expect(inside(vSession, rungs[0]!)).toBe(true);
    expect(inside(rungs[0]!, ladder)).toBe(true);
    expect(inside(vSession, rungs[1]!)).toBe(false);

    // The current step, in words as well as colour, and the groups around it.
    expect(vSession.getAttribute('aria-label')).toBe('步骤 村调委会调解（调解记录），当前步骤');
    expect(vSession.querySelector('.flow-marker--current')?.textContent).toBe('当前步骤');
    expect(rungs[0]!.querySelector('.flow-marker--current')).not.toBeNull();
    expect(rungs[1]!.querySelector('.flow-marker--current')).toBeNull();
    expect(node(page, 'intake')!.querySelector('.flow-marker--current')).toBeNull();

    // Routes: a guarded decision's last route reads 否则.
    // Edges are drawn once React Flow has measured the nodes: wait for them.
    await waitFor(() => expect([...page.querySelectorAll('.react-flow__edge-text')].some((label) => label.textContent === '否则')).toBe(true));
  });

  it('speaks English when the person chose it', async () => {
    localStorage.setItem('civicflow.locale', 'en');
    const page = mount();
    await waitFor(() => expect(node(page, 'vSession')).not.toBeNull());
    expect(node(page, 'vSession')!.getAttribute('aria-label')).toBe('step village mediation session, current step');
    expect(node(page, 'intake')!.getAttribute('aria-label')).toBe('step intake registration, problem');
    expect(node(page, 'ladder/TOWN')!.querySelector('.flow-group__level')?.textContent).toBe('level: town');
    // Edges are drawn once React Flow has measured the nodes: wait for them.
    await waitFor(() => expect([...page.querySelectorAll('.react-flow__edge-text')].some((label) => label.textContent === 'otherwise')).toBe(true));
  });

  it('editable: a new title shows at once where the step was, in the view as the person left it; a new step is laid out, and brought into view when selected', async () => {
    host = document.createElement('div');
    host.style.width = '1200px';
    document.body.append(host);
    root = createRoot(host);
    const onSelect = vi.fn();
    render(mediation, onSelect);
    const page = host;
    await waitFor(() => expect(page.querySelectorAll('.react-flow__node')).toHaveLength(definitionToGraph(mediation).nodes.length));
    const viewport = () => page.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
    const scale = (transform: string) => /scale\(([\d.]+)\)/.exec(transform)?.[1];
    // React Flow fits the view once it has measured the nodes, which may come after they are drawn:
    // wait for that fit (the whole mediation process is smaller than 1:1 in 1,200 px), or it would undo the zoom below.
    await waitFor(() => expect(Number(scale(viewport()))).toBeLessThan(1));
    // Zoomed in by the person: the view is theirs from now on.
    const fitted = viewport();
    page.querySelector<HTMLButtonElement>('.react-flow__controls-zoomin')!.click();
    await waitFor(() => expect(viewport()).not.toBe(fitted));
    const zoomed = viewport();
    const placeOf = (id: string) => node(page, id)!.style.transform;
    const intakeAt = placeOf('intake');

    // A title: no new layout — the node says it in the same render, at the same place; the view stays.
    const retitled = { ...mediation, steps: { ...mediation.steps, intake: { ...mediation.steps['intake']!, title: { 'zh-CN': '登记受理（新）', en: 'intake (new)' } } } } as ProcessDefinition;
    render(retitled, onSelect);
    expect(node(page, 'intake')!.querySelector('.flow-node__title')?.textContent).toBe('登记受理（新）');
    expect(page.querySelector('figure')?.getAttribute('aria-busy')).toBeNull();
    expect(placeOf('intake')).toBe(intakeAt);
    expect(viewport()).toBe(zoomed);

    // A new step after the last one: ELK lays the graph out again (the old drawing stays meanwhile); the view is kept.
    const ends = Object.entries(mediation.steps).filter(([, step]) => step.kind === 'end').map(([id]) => id);
    const added = { ...retitled, steps: { ...retitled.steps, extra: { kind: 'end', outcome: 'EXTRA', title: { 'zh-CN': '额外办结', en: 'extra end' } } } } as ProcessDefinition;
    expect(ends.length).toBeGreaterThan(0);
    render(added, onSelect);
    await waitFor(() => expect(node(page, 'extra')).not.toBeNull());
    expect(viewport()).toBe(zoomed);

    // Selected (as the composer selects a step it just added): panned into view if outside, at the same zoom.
    const pane = page.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
    const visible = () => {
      const box = node(page, 'extra')!.getBoundingClientRect();
      return box.left >= pane.left - 0.5 && box.top >= pane.top - 0.5 && box.right <= pane.right + 0.5 && box.bottom <= pane.bottom + 0.5;
    };
    render(added, onSelect, 'extra');
    await waitFor(() => expect(visible()).toBe(true));
    expect(scale(viewport())).toBe(scale(zoomed));
  });
});
