import type { ExprNode, ParsedExpression } from './ast.js';
import { childNodes } from './ast.js';
import { parseExpression } from './parseExpression.js';

/** What an expression reads and calls, found without evaluating it. */
export interface ExpressionReferences {
  /** Static member paths from roots, longest first-seen, deduplicated: `data.quorum.x[0]` → `['data','quorum','x']`. */
  paths: string[][];
  /** Names of called functions (built-in or host), deduplicated, in source order. */
  functions: string[];
  /** Root names read (free identifiers, lambda parameters excluded), deduplicated, in source order. */
  roots: string[];
}

/**
 * The static member path of a chain such as `data.a['b'].c`, or `undefined` when the chain does
 * not start at a root (a lambda parameter, a call result, a literal) or passes a computed index.
 * String-literal indexes are static and extend the path; any other index ends it.
 */
function staticPath(node: ExprNode, bound: ReadonlySet<string>): string[] | undefined {
  switch (node.type) {
    case 'identifier':
      return bound.has(node.name) ? undefined : [node.name];
    case 'member': {
      const base = staticPath(node.object, bound);
      return base === undefined ? undefined : [...base, node.property];
    }
    case 'index': {
      if (node.index.type !== 'string') return undefined;
      const base = staticPath(node.object, bound);
      return base === undefined ? undefined : [...base, node.index.value];
    }
    default:
      return undefined;
  }
}

/**
 * Static member paths read by the expression, from roots, e.g.
 * `form.votes > data.quorum.x[0]` → `[['form','votes'], ['data','quorum','x']]` (a computed
 * index ends the path; a string-literal index such as `data['x']` continues it). Lambda
 * parameters are excluded. Also returns the called function names and the root names, so a
 * validator can flag unknown roots, unknown functions and fields missing from the data model.
 */
export function references(expr: ParsedExpression | string): ExpressionReferences {
  const parsed = typeof expr === 'string' ? parseExpression(expr) : expr;
  const paths: string[][] = [];
  const pathKeys = new Set<string>();
  const functions: string[] = [];
  const roots: string[] = [];

  const addPath = (path: string[]): void => {
    // NUL cannot occur inside a name written in an expression, so the join is unambiguous.
    const key = path.join('\u0000');
    if (!pathKeys.has(key)) {
      pathKeys.add(key);
      paths.push(path);
    }
    const root = path[0];
    if (root !== undefined && !roots.includes(root)) roots.push(root);
  };

  const walk = (node: ExprNode, bound: ReadonlySet<string>): void => {
    switch (node.type) {
      case 'identifier':
      case 'member': {
        const path = staticPath(node, bound);
        if (path !== undefined) addPath(path);
        else if (node.type === 'member') walk(node.object, bound);
        return;
      }
      case 'index': {
        const path = staticPath(node, bound);
        if (path !== undefined) {
          addPath(path);
          return;
        }
        walk(node.object, bound);
        walk(node.index, bound);
        return;
      }
      case 'call':
        if (!functions.includes(node.callee)) functions.push(node.callee);
        break;
      case 'lambda':
        walk(node.body, new Set([...bound, node.param]));
        return;
      default:
        break;
    }
    for (const child of childNodes(node)) walk(child, bound);
  };

  walk(parsed.ast, new Set());
  return { paths, functions, roots };
}
