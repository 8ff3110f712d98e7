import { ANY_CHAR } from './charSet.js';
import type { CharSet } from './charSet.js';
import type { AnalysisBudget } from './analysisBudget.js';
import type { RegexNode } from './regexAst.js';

/** An edge `from → to` of a {@link PositionAutomaton}. */
export interface AutomatonEdge {
  readonly from: number;
  readonly to: number;
  /** Index in `loops` of the repetition that adds this edge (-1 for concatenation). */
  readonly loop: number;
}

/** A span `[start, end)` of the pattern source. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** A repetition with `max >= 2` of the pattern. */
export interface AutomatonLoop extends SourceSpan {
  /** `*`, `+`, `{n,}`: no upper bound. */
  readonly unbounded: boolean;
}

/**
 * The position (Glushkov) automaton of a pattern: one state per position (each occurrence of a
 * character, class or `.`), which reads that position's characters; an edge `p → q` when `q` may
 * come right after `p`.
 */
export interface PositionAutomaton {
  /** The characters each position reads. */
  readonly sets: readonly CharSet[];
  /** Unlike the textbook construction, parallel edges are kept (see {@link buildPositionAutomaton}). */
  readonly edges: readonly AutomatonEdge[];
  /** The positions a match can start with. */
  readonly first: readonly number[];
  /** The repetitions with `max >= 2` (what `AutomatonEdge.loop` points to). */
  readonly loops: readonly AutomatonLoop[];
  /** The first repetition (`max >= 2`) whose body can match both the empty string and some text. */
  readonly emptyLoop: SourceSpan | undefined;
  /** True when every match must start at the start of the input (`^…`). */
  readonly anchored: boolean;
}

interface Fragment {
  readonly nullable: boolean;
  readonly first: readonly number[];
  readonly last: readonly number[];
}

function anchoredAtStart(node: RegexNode): boolean {
  switch (node.type) {
    case 'assert':
      return node.kind === 'start';
    case 'seq':
      return node.items[0] !== undefined && anchoredAtStart(node.items[0]);
    case 'alt':
      return node.options.every(anchoredAtStart);
    default:
      return false;
  }
}

/**
 * Builds the position automaton of a parsed pattern. The edge list keeps duplicates: in `(a+)+`
 * the inner and the outer `+` each add `a → a`, and those are two different choices for a
 * backtracking engine.
 *
 * Approximations (each can only add paths, so an analysis stays conservative):
 * - a bounded repetition with `max >= 2` (`{2,3}`, `{12}`) loops like `+`/`*`;
 * - `^`, `$`, `\b` and lookarounds read nothing; a lookaround's body is built as a separate,
 *   unconnected part of the same automaton, so its own loops are analysed too;
 * - a back-reference is `[^]*`; a `\p{…}` class reads any character.
 */
export function buildPositionAutomaton(tree: RegexNode, budget: AnalysisBudget): PositionAutomaton {
  const sets: CharSet[] = [];
  const edges: AutomatonEdge[] = [];
  const loops: AutomatonLoop[] = [];
  let emptyLoop: SourceSpan | undefined;

  const connect = (from: readonly number[], to: readonly number[], loop: number): void => {
    budget.spend(from.length * to.length);
    for (const f of from) for (const t of to) edges.push({ from: f, to: t, loop });
  };
  const repeat = (body: Fragment, min: number, max: number, span: SourceSpan): Fragment => {
    if (max >= 2) {
      const loop = loops.push({ start: span.start, end: span.end, unbounded: max === Infinity }) - 1;
      connect(body.last, body.first, loop);
      if (body.nullable && body.first.length > 0) emptyLoop ??= { start: span.start, end: span.end };
    }
    return { nullable: body.nullable || min === 0, first: body.first, last: body.last };
  };
  const nothing: Fragment = { nullable: true, first: [], last: [] };

  // The recursion is as deep as the pattern's nesting, which the parser bounds.
  function build(node: RegexNode): Fragment {
    switch (node.type) {
      case 'char': {
        budget.spend();
        const p = sets.push(node.set) - 1;
        return { nullable: false, first: [p], last: [p] };
      }
      case 'assert':
        return nothing;
      case 'look':
        build(node.body);
        return nothing;
      case 'backref': {
        const p = sets.push(ANY_CHAR) - 1;
        return repeat({ nullable: false, first: [p], last: [p] }, 0, Infinity, node);
      }
      case 'repeat':
        return repeat(build(node.body), node.min, node.max, node);
      case 'alt': {
        const parts = node.options.map(build);
        return { nullable: parts.some((f) => f.nullable), first: parts.flatMap((f) => f.first), last: parts.flatMap((f) => f.last) };
      }
      case 'seq': {
        let acc = nothing;
        for (const item of node.items) {
          const next = build(item);
          connect(acc.last, next.first, -1);
          budget.spend(acc.first.length + acc.last.length);
          acc = {
            nullable: acc.nullable && next.nullable,
            first: acc.nullable ? [...acc.first, ...next.first] : acc.first,
            last: next.nullable ? [...acc.last, ...next.last] : next.last,
          };
        }
        return acc;
      }
    }
  }
  const { first } = build(tree);
  return { sets, edges, first, loops, emptyLoop, anchored: anchoredAtStart(tree) };
}
