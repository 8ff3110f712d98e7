/**
 * The civicflow expression language: a small, safe, deterministic JS-like language for guards,
 * computed values and assignee selection. Hand-written tokenizer, parser and tree-walking
 * evaluator; never `eval`, code generation or host reflection.
 */
export type {
  ArrayLiteralNode, BinaryNode, BinaryOperator, BooleanLiteralNode, CallNode, ConditionalNode, ExprNode, IdentifierNode,
  IndexNode, LambdaNode, LogicalNode, LogicalOperator, MemberNode, NodeBase, NullLiteralNode, NumberLiteralNode,
  ParsedExpression, StringLiteralNode, UnaryNode, UnaryOperator,
} from './ast.js';
export { childNodes } from './ast.js';
export { BUILTIN_FUNCTION_NAMES } from './builtins.js';
export type { EvaluateOptions, ExpressionFunction } from './evaluate.js';
export { evaluate, evaluateBoolean } from './evaluate.js';
export type { ExpressionErrorCode, ExpressionErrorInfo } from './ExpressionError.js';
export { EXPRESSION_ERROR_CODES, ExpressionError } from './ExpressionError.js';
export { DEFAULT_MAX_STEPS, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
export { parseExpression, tryParseExpression } from './parseExpression.js';
export type { ExpressionReferences } from './references.js';
export { references } from './references.js';
export { suggestClosest } from './suggest.js';
