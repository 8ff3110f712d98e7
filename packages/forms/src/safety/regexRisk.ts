import { AnalysisBudget, AnalysisTooLarge } from './analysisBudget.js';
import { MAX_CODE_POINT, setsOverlap } from './charSet.js';
import type { CharSet } from './charSet.js';
import { buildPositionAutomaton } from './positionAutomaton.js';
import type { AutomatonEdge, PositionAutomaton, SourceSpan } from './positionAutomaton.js';
import { RegexParseError, parseRegex } from './regexAst.js';
import { stronglyConnected } from './stronglyConnected.js';

/**
 * The verdict of {@link regexRisk} on one pattern.
 *
 * - `invalid`: not a JavaScript regular expression under the `u` flag (the way Ajv compiles it);
 * - `exponential`: some inputs make a backtracking engine (V8, so Ajv) try exponentially many ways
 *   to match, e.g. `(a+)+`, `(a|aa)+`, `(\w+\s?)*`;
 * - `polynomial`: three or more repeated parts in a row can trade the same characters, e.g.
 *   `^\d*\d*\d*x`, `.*.*x` (unanchored); the time grows with the cube (or more) of the text length;
 * - `empty-loop`: a repeated group can match the empty string, e.g. `(a?)*`, `(a?){30}`;
 * - `too-complex`: too long, too nested or too large to analyse, or syntax the analyser does not
 *   know: refused rather than assumed safe.
 */
export type RegexRisk =
  | { readonly safe: true }
  | {
      readonly safe: false;
      readonly reason: 'invalid' | 'exponential' | 'polynomial' | 'empty-loop' | 'too-complex';
      /** The part of the pattern to rewrite (the whole pattern when it cannot be narrowed down). */
      readonly part: string;
      /** Why, in English (for `invalid`, the JavaScript engine's message). */
      readonly detail: string;
    };

/** Patterns longer than this are not analysed (`too-complex`); schema limits are usually lower. */
export const MAX_ANALYSED_PATTERN_LENGTH = 5000;

/**
 * Work units one analysis may use (edges built, pairs of transitions looked at …): some 20–30 ms.
 * Patterns of real forms use a few thousand; past the budget a pattern is `too-complex`.
 */
export const PATTERN_WORK_BUDGET = 200_000;

/** How many repeated parts that trade characters, in a row, make a `polynomial` verdict (3: cubic time). */
const POLYNOMIAL_CHAIN = 3;

interface Graph {
  readonly automaton: PositionAutomaton;
  readonly outgoing: readonly (readonly number[])[];
  /** Positions on a cycle of the automaton (only those can be repeated). */
  readonly cyclic: ReadonlySet<number>;
}

function prepare(automaton: PositionAutomaton): Graph {
  const n = automaton.sets.length;
  const outgoing: number[][] = Array.from({ length: n }, () => []);
  automaton.edges.forEach((e, index) => outgoing[e.from]?.push(index));
  const targets = outgoing.map((list) => list.map((e) => (automaton.edges[e] as AutomatonEdge).to));
  const { components } = stronglyConnected(
    Array.from({ length: n }, (_, p) => p),
    (p) => targets[p] ?? [],
  );
  const cyclic = new Set<number>();
  for (const members of components) {
    const only = members[0] as number;
    if (members.length > 1 || (targets[only] ?? []).includes(only)) members.forEach((p) => cyclic.add(p));
  }
  return { automaton, outgoing, cyclic };
}

function overlapChecker(sets: readonly CharSet[], budget: AnalysisBudget): (a: number, b: number) => boolean {
  const n = sets.length;
  const cache = new Map<number, boolean>();
  return (a, b) => {
    const key = a < b ? a * n + b : b * n + a;
    let known = cache.get(key);
    if (known === undefined) {
      const x = sets[a] as CharSet;
      const y = sets[b] as CharSet;
      budget.spend(1 + (x.length + y.length) / 2);
      known = setsOverlap(x, y);
      cache.set(key, known);
    }
    return known;
  };
}

function setHas(set: CharSet, c: number): boolean {
  for (let i = 0; i + 1 < set.length; i += 2) {
    if (c < (set[i] as number)) return false;
    if (c <= (set[i + 1] as number)) return true;
  }
  return false;
}

/** The span covering the given repetitions of the automaton. */
function spanOf(automaton: PositionAutomaton, loops: Iterable<number>): SourceSpan | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const l of loops) {
    const span = automaton.loops[l];
    if (!span) continue;
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
  }
  return start <= end ? { start, end } : undefined;
}

/**
 * Exponential degree of ambiguity (EDA): a state `p` with two different paths `p → p` that read
 * the same word; an input repeating that word, then a character that makes the match fail, makes
 * a backtracking engine try 2^n paths.
 *
 * Method: the product automaton over unordered pairs `{p, q}` of states that read a common
 * character. There is EDA iff one of its strongly connected components holds a pair `{p, p}`
 * together with a pair `{q, q'}` (`q ≠ q'`), or two different parallel edges between diagonal
 * pairs. Returns the span of the repetitions whose edges stay inside such a component.
 */
function findExponential(graph: Graph, budget: AnalysisBudget): SourceSpan | undefined {
  const { automaton, outgoing, cyclic } = graph;
  const { sets, edges } = automaton;
  const n = sets.length;
  const overlaps = overlapChecker(sets, budget);
  const pair = (a: number, b: number): number => (a <= b ? a * n + b : b * n + a);
  const isDiagonal = (s: number): boolean => Math.floor(s / n) === s % n;

  /** For each pair: its successors, and for each successor whether it is reached by diverging. */
  const successors = new Map<number, { targets: number[]; divergent: boolean[] }>();
  const expand = (state: number): number[] => {
    const p = Math.floor(state / n);
    const q = state % n;
    const targets: number[] = [];
    const divergent: boolean[] = [];
    const fromP = outgoing[p] ?? [];
    const fromQ = outgoing[q] ?? [];
    for (let x = 0; x < fromP.length; x++) {
      for (let y = p === q ? x : 0; y < fromQ.length; y++) {
        budget.spend();
        const e1 = edges[fromP[x] as number] as AutomatonEdge;
        const e2 = edges[fromQ[y] as number] as AutomatonEdge;
        if (!overlaps(e1.to, e2.to)) continue;
        targets.push(pair(e1.to, e2.to));
        divergent.push(p === q && x !== y && e1.to === e2.to);
      }
    }
    successors.set(state, { targets, divergent });
    return targets;
  };
  // Only a pair {p, p} with p on a cycle can start a cycle of pairs back to {p, p}.
  const roots = [...cyclic].sort((a, b) => a - b).map((p) => pair(p, p));
  const { components, componentOf } = stronglyConnected(roots, expand);

  for (const [c, members] of components.entries()) {
    let ambiguous = members.some(isDiagonal) && members.some((s) => !isDiagonal(s));
    if (!ambiguous) {
      ambiguous = members.some((s) => {
        const { targets, divergent } = successors.get(s) ?? { targets: [], divergent: [] };
        return targets.some((t, k) => divergent[k] === true && componentOf.get(t) === c);
      });
    }
    if (!ambiguous) continue;
    const loops = new Set<number>();
    for (const s of members) {
      for (const a of outgoing[Math.floor(s / n)] ?? []) {
        for (const b of outgoing[s % n] ?? []) {
          budget.spend();
          const e1 = edges[a] as AutomatonEdge;
          const e2 = edges[b] as AutomatonEdge;
          if (!overlaps(e1.to, e2.to) || componentOf.get(pair(e1.to, e2.to)) !== c) continue;
          if (e1.loop >= 0) loops.add(e1.loop);
          if (e2.loop >= 0) loops.add(e2.loop);
        }
      }
    }
    return spanOf(automaton, loops) ?? { start: 0, end: Infinity };
  }
  return undefined;
}

/**
 * Polynomial blow-up of degree ≥ 2 (cubic time): for some character `c`, a path through states
 * that all read `c` visits {@link POLYNOMIAL_CHAIN} or more unbounded cycles that read `c`
 * (`\d*\d*\d*`, `.*x.*x.*`). An unanchored pattern (no leading `^`) is searched from every start
 * position, which counts as one more such cycle in front. Only one-character words are considered,
 * so this finds the common shapes, not every polynomial case (`^.*a.*b.*c$` is cubic on `abab…`).
 */
function findPolynomial(graph: Graph, budget: AnalysisBudget): SourceSpan | undefined {
  const { automaton, outgoing, cyclic } = graph;
  const { sets, edges } = automaton;
  const n = sets.length;
  const prefix = n; // virtual state of the unanchored search: reads anything, loops, then starts the pattern
  // A bounded repetition (`{2,3}`, `{10}`) costs a constant factor only: its edges are left out here.
  const unboundedOrPlain = (edge: AutomatonEdge): boolean => edge.loop < 0 || automaton.loops[edge.loop]?.unbounded === true;
  const cyclicSets = [...cyclic].map((p) => sets[p] as CharSet);
  const needed = POLYNOMIAL_CHAIN - (automaton.anchored ? 0 : 1);

  // One probe character per piece of the partition of the code points by all sets, kept when
  // enough cycles read it.
  const breakpoints = new Set<number>([0]);
  for (const set of sets) {
    for (let i = 0; i + 1 < set.length; i += 2) {
      breakpoints.add(set[i] as number);
      if ((set[i + 1] as number) < MAX_CODE_POINT) breakpoints.add((set[i + 1] as number) + 1);
    }
  }
  const probes = [...breakpoints].sort((a, b) => a - b).filter((c) => {
    budget.spend(cyclicSets.length);
    return cyclicSets.filter((s) => setHas(s, c)).length >= needed;
  });

  for (const c of probes) {
    budget.spend(n);
    const reads = sets.map((s) => setHas(s, c));
    const nextCache = new Map<number, number[]>();
    const next = (p: number): number[] => {
      let out = nextCache.get(p);
      if (out) return out;
      if (p === prefix) {
        out = [prefix, ...automaton.first.filter((q) => reads[q])];
      } else {
        out = [];
        for (const e of outgoing[p] ?? []) {
          budget.spend();
          const edge = edges[e] as AutomatonEdge;
          if (reads[edge.to] && unboundedOrPlain(edge)) out.push(edge.to);
        }
      }
      nextCache.set(p, out);
      return out;
    };
    const roots = sets.map((_, p) => p).filter((p) => reads[p]);
    if (!automaton.anchored) roots.unshift(prefix);
    const { components, componentOf } = stronglyConnected(roots, next);
    // Components come sinks first: the longest chain of cyclic components starting at each one.
    const best: number[] = [];
    const via: (number | undefined)[] = [];
    let top = -1;
    for (const [k, members] of components.entries()) {
      const isCyclic = members.length > 1 || next(members[0] as number).includes(members[0] as number);
      let tail = 0;
      let tailVia: number | undefined;
      for (const m of members) {
        for (const t of next(m)) {
          const other = componentOf.get(t) as number;
          if (other !== k && (best[other] ?? 0) > tail) {
            tail = best[other] ?? 0;
            tailVia = other;
          }
        }
      }
      best[k] = tail + (isCyclic ? 1 : 0);
      via[k] = tailVia;
      if (top < 0 || (best[k] as number) > (best[top] as number)) top = k;
    }
    if (top < 0 || (best[top] as number) < POLYNOMIAL_CHAIN) continue;
    // The repetitions that form the cycles of the chain.
    const loops = new Set<number>();
    for (let k: number | undefined = top; k !== undefined; k = via[k]) {
      for (const m of components[k] ?? []) {
        if (m === prefix) continue;
        for (const e of outgoing[m] ?? []) {
          const edge = edges[e] as AutomatonEdge;
          if (edge.loop >= 0 && unboundedOrPlain(edge) && componentOf.get(edge.to) === k) loops.add(edge.loop);
        }
      }
    }
    return spanOf(automaton, loops) ?? { start: 0, end: Infinity };
  }
  return undefined;
}

/**
 * Classifies a JSON Schema `pattern` (a JavaScript regular expression compiled with the `u` flag,
 * as Ajv does) as safe, or at risk of catastrophic backtracking (ReDoS).
 *
 * This is a conservative heuristic, not a proof. It parses the pattern itself, builds its position
 * automaton with approximations that can only add ambiguity (see `buildPositionAutomaton`) and
 * refuses:
 * - any loop that can match the same text in two ways: nested quantifiers (`(a+)+`, `(a*)*`,
 *   `(\w+\s?)*`), alternatives that overlap under a quantifier (`(a|a)*`, `(a|aa)+`, `(\d|\w)+`),
 *   quantified groups whose inner quantifier can trade characters with what follows (`(.*a){12}`);
 * - three or more quantifiers in a row that can trade the same characters (`\d*\d*\d*x`);
 * - repeated groups that can match nothing (`(a?)*`).
 * It accepts nested quantifiers that cannot trade characters, such as `(\d{1,3}\.){3}` or
 * `[a-z]+(-[a-z]+)*`. False positives are accepted: the author is asked to simplify the pattern.
 * Quadratic cases (`\s+$` on a long run of spaces) are not refused: give the field a `maxLength`.
 *
 * The analysis never runs the pattern and its work is bounded, whatever the input.
 */
export function regexRisk(source: string): RegexRisk {
  return analyseRegex(source, new AnalysisBudget(PATTERN_WORK_BUDGET));
}

/** {@link regexRisk} within a given budget (shared by the patterns of one schema); exhausting it gives `too-complex`. */
export function analyseRegex(source: string, budget: AnalysisBudget): RegexRisk {
  const whole = (reason: 'invalid' | 'too-complex', detail: string): RegexRisk => ({ safe: false, reason, part: source, detail });
  if (source.length > MAX_ANALYSED_PATTERN_LENGTH) {
    return whole('too-complex', `longer than ${MAX_ANALYSED_PATTERN_LENGTH} characters`);
  }
  try {
    // Compiles only: the expression is never executed here.
    new RegExp(source, 'u');
  } catch (err) {
    return whole('invalid', err instanceof Error ? err.message : String(err));
  }
  try {
    const automaton = buildPositionAutomaton(parseRegex(source), budget);
    const graph = prepare(automaton);
    const part = (span: SourceSpan): string => source.slice(span.start, span.end);
    const exponential = findExponential(graph, budget);
    if (exponential) {
      return { safe: false, reason: 'exponential', part: part(exponential), detail: 'a repeated part can match the same text in more than one way' };
    }
    if (automaton.emptyLoop) {
      return { safe: false, reason: 'empty-loop', part: part(automaton.emptyLoop), detail: 'a repeated part can match the empty string' };
    }
    const polynomial = findPolynomial(graph, budget);
    if (polynomial) {
      return { safe: false, reason: 'polynomial', part: part(polynomial), detail: `${POLYNOMIAL_CHAIN} or more repeated parts in a row can take the same characters` };
    }
    return { safe: true };
  } catch (err) {
    if (err instanceof AnalysisTooLarge) return whole('too-complex', err.message);
    if (err instanceof RegexParseError) return whole('too-complex', err.message);
    throw err;
  }
}
