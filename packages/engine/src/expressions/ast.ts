/**
 * Syntax tree of the expression language. Every node records the half-open range
 * `[start, end)` of source offsets (UTF-16 code units) it was parsed from, so that validators
 * and error messages can point at the exact text. Nodes produced by the parser are frozen.
 */

/** Fields shared by every node. */
export interface NodeBase {
  readonly start: number;
  readonly end: number;
}

/** A number literal such as `12` or `1.5`. */
export interface NumberLiteralNode extends NodeBase {
  readonly type: 'number';
  readonly value: number;
}

/** A string literal such as `'RED'` (escapes already decoded). */
export interface StringLiteralNode extends NodeBase {
  readonly type: 'string';
  readonly value: string;
}

/** `true` or `false`. */
export interface BooleanLiteralNode extends NodeBase {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** `null`. */
export interface NullLiteralNode extends NodeBase {
  readonly type: 'null';
}

/** A list literal `[a, b]`. */
export interface ArrayLiteralNode extends NodeBase {
  readonly type: 'array';
  readonly elements: readonly ExprNode[];
}

/** A bare name: a scope root (`data`, `form`, …) or a lambda parameter. */
export interface IdentifierNode extends NodeBase {
  readonly type: 'identifier';
  readonly name: string;
}

/** Static member access `object.property`. */
export interface MemberNode extends NodeBase {
  readonly type: 'member';
  readonly object: ExprNode;
  readonly property: string;
  /** Offset of the property name (after the dot), for precise error positions. */
  readonly propertyStart: number;
}

/** Computed member access `object[index]`. */
export interface IndexNode extends NodeBase {
  readonly type: 'index';
  readonly object: ExprNode;
  readonly index: ExprNode;
}

/** A call of a named function, `name(args)`; only names can be called, never values. */
export interface CallNode extends NodeBase {
  readonly type: 'call';
  readonly callee: string;
  readonly args: readonly ExprNode[];
}

/** `param => body`; the parser only produces it as a call argument. */
export interface LambdaNode extends NodeBase {
  readonly type: 'lambda';
  readonly param: string;
  readonly body: ExprNode;
}

/** Prefix operators. */
export type UnaryOperator = '!' | '-';

/** `!x` or `-x`. */
export interface UnaryNode extends NodeBase {
  readonly type: 'unary';
  readonly operator: UnaryOperator;
  readonly argument: ExprNode;
}

/** Binary operators that always evaluate both operands. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

/** `left op right` for a {@link BinaryOperator}. */
export interface BinaryNode extends NodeBase {
  readonly type: 'binary';
  readonly operator: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

/** Short-circuit operators. */
export type LogicalOperator = '&&' | '||';

/** `left && right` or `left || right`; the result is always a boolean. */
export interface LogicalNode extends NodeBase {
  readonly type: 'logical';
  readonly operator: LogicalOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode extends NodeBase {
  readonly type: 'conditional';
  readonly test: ExprNode;
  readonly consequent: ExprNode;
  readonly alternate: ExprNode;
}

/** Any node of the expression syntax tree. */
export type ExprNode =
  | NumberLiteralNode
  | StringLiteralNode
  | BooleanLiteralNode
  | NullLiteralNode
  | ArrayLiteralNode
  | IdentifierNode
  | MemberNode
  | IndexNode
  | CallNode
  | LambdaNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode;

/** A successfully parsed expression: the source it came from and its syntax tree. */
export interface ParsedExpression {
  readonly source: string;
  readonly ast: ExprNode;
}

/** The direct children of a node, in source order (used by tree walks). */
export function childNodes(node: ExprNode): readonly ExprNode[] {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
    case 'identifier':
      return [];
    case 'array':
      return node.elements;
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return node.args;
    case 'lambda':
      return [node.body];
    case 'unary':
      return [node.argument];
    case 'binary':
    case 'logical':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
  }
}
