/** The strongly connected components of a graph, as computed by {@link stronglyConnected}. */
export interface Components {
  /** The components, each a list of nodes, in reverse topological order (a component comes after every component it reaches). */
  readonly components: readonly (readonly number[])[];
  /** The index in `components` of each visited node. */
  readonly componentOf: ReadonlyMap<number, number>;
}

/**
 * Tarjan's algorithm, iterative (no recursion, so graphs of any depth are fine), over the nodes
 * reachable from `roots`. `successors` is called once per node.
 */
export function stronglyConnected(roots: Iterable<number>, successors: (node: number) => readonly number[]): Components {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const componentOf = new Map<number, number>();
  const components: number[][] = [];
  const onStack = new Set<number>();
  const stack: number[] = [];
  let counter = 0;

  for (const root of roots) {
    if (index.has(root)) continue;
    const frames: { node: number; next: readonly number[]; at: number }[] = [];
    const enter = (node: number): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: successors(node), at: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.at < frame.next.length) {
        const target = frame.next[frame.at++] as number;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack.delete(member);
          componentOf.set(member, components.length);
          members.push(member);
        } while (member !== frame.node);
        components.push(members);
      }
    }
  }
  return { components, componentOf };
}
