import type { LocalizedText } from '../i18n.js';
import type { BinaryNode, CallNode, ExprNode, IndexNode, LambdaNode, MemberNode, ParsedExpression } from './ast.js';
import { BUILTIN_FUNCTION_NAMES, BUILTINS, type BuiltinContext, type BuiltinFunction } from './builtins.js';
import { ExpressionError, expressionError, text } from './ExpressionError.js';
import { DEFAULT_MAX_STEPS, MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
import { parseExpression } from './parseExpression.js';
import { suggestClosest } from './suggest.js';
import { charNumber } from './tokenize.js';
import {
  describeKind, findNonPlainData, hasOwnKey, isForbiddenName, isPlainArray, isPlainObject, isTruthy, kindOf,
  readOwnData, valuesEqual, type ComparisonBudget,
} from './values.js';

/**
 * A function the host adds to the language (e.g. the engine's `today()`, `addDays()`). It
 * receives evaluated argument values (never lambdas, never `this`) and must return plain data.
 */
export type ExpressionFunction = (...args: unknown[]) => unknown;

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Extra functions callable by name. Built-ins take precedence over a host function of the same name. */
  functions?: Record<string, ExpressionFunction>;
  /** Evaluation budget in steps (node visits plus list items processed); default 100,000. */
  maxSteps?: number;
}

/** Lambda parameters in scope, innermost first. */
interface Binding {
  readonly name: string;
  readonly value: unknown;
  readonly parent: Binding | undefined;
}

function runtimeError(message: LocalizedText, position?: number, hint?: LocalizedText, cause?: unknown): ExpressionError {
  return expressionError('CF_ENGINE_EXPR_RUNTIME', message, position, hint, cause);
}

const COALESCE_HINT = text('如果字段可能为空，用 coalesce(字段, 默认值) 提供默认值', 'if a field may be empty, give it a default with coalesce(field, default)');

/** Comma-separated list for hints, cut short so a scope with hundreds of keys stays readable. */
function listNames(names: readonly string[], zhSeparator: string): LocalizedText {
  const shown = names.slice(0, 30);
  const more = names.length > shown.length ? ` …` : '';
  return text(shown.join(zhSeparator) + more, shown.join(', ') + more);
}

/** One evaluation: the budget and the inputs; a fresh instance per `evaluate` call. */
class Evaluator {
  private steps = 0;

  constructor(
    private readonly source: string,
    private readonly scope: object,
    private readonly functions: object | undefined,
    private readonly maxSteps: number,
  ) {}

  charge(steps: number, position: number): void {
    this.steps += steps;
    if (this.steps > this.maxSteps) {
      throw expressionError('CF_ENGINE_EXPR_TOO_COMPLEX',
        text(`表达式计算超过 ${this.maxSteps} 步的上限（第 ${charNumber(position)} 个字符处）`, `evaluating the expression took more than ${this.maxSteps} steps (at character ${charNumber(position)})`),
        position);
    }
  }

  /** Budget for structural comparisons made on behalf of the node at `position`. */
  budget(position: number): ComparisonBudget {
    return {
      charge: (steps) => this.charge(steps, position),
      tooDeep: () => {
        throw expressionError('CF_ENGINE_EXPR_TOO_COMPLEX',
          text(`第 ${charNumber(position)} 个字符处比较的数据嵌套超过 64 层（或含有循环）`, `the values compared at character ${charNumber(position)} are nested more than 64 levels deep (or contain a cycle)`),
          position);
      },
    };
  }

  /** The source text of a node, shortened, to show in messages. */
  private snippet(node: ExprNode): string {
    const raw = this.source.slice(node.start, node.end);
    return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  }

  run(node: ExprNode, env: Binding | undefined): unknown {
    this.charge(1, node.start);
    switch (node.type) {
      case 'number':
      case 'string':
      case 'boolean':
        return node.value;
      case 'null':
        return null;
      case 'array':
        return node.elements.map((element) => this.run(element, env));
      case 'identifier':
        return this.lookup(node.name, node, env);
      case 'member':
        return this.readMember(this.run(node.object, env), node);
      case 'index':
        return this.readIndex(this.run(node.object, env), this.run(node.index, env), node);
      case 'call':
        return this.call(node, env);
      case 'lambda':
        throw runtimeError(text(`第 ${charNumber(node.start)} 个字符处的箭头函数只能作为函数参数`, `a lambda can only be a function argument (character ${charNumber(node.start)})`), node.start);
      case 'unary': {
        const value = this.run(node.argument, env);
        if (node.operator === '!') return !isTruthy(value);
        if (typeof value !== 'number') {
          const got = describeKind(value);
          throw runtimeError(text(`“${this.snippet(node)}”：负号只能用于数字，实际为${got['zh-CN']}`, `"${this.snippet(node)}": '-' applies to numbers only, got ${got.en}`),
            node.start, value === null ? COALESCE_HINT : undefined);
        }
        return value === 0 ? 0 : -value;
      }
      case 'logical': {
        // Short-circuit: the right side is not evaluated (nor charged) when the left decides.
        const left = isTruthy(this.run(node.left, env));
        if (node.operator === '&&') return left ? isTruthy(this.run(node.right, env)) : false;
        return left ? true : isTruthy(this.run(node.right, env));
      }
      case 'conditional':
        return isTruthy(this.run(node.test, env)) ? this.run(node.consequent, env) : this.run(node.alternate, env);
      case 'binary':
        return this.binary(node, this.run(node.left, env), this.run(node.right, env));
      default: {
        // Only reachable with a hand-built tree; parsed trees are exhaustive.
        const unknown: never = node;
        throw runtimeError(text('表达式结构无效', 'the expression tree is malformed'), (unknown as { start?: number }).start);
      }
    }
  }

  /** Normalises a value read from data: `undefined` → `null`; functions and exotic values are refused. */
  private checkRead(value: unknown, node: ExprNode): unknown {
    if (value === undefined) return null;
    const type = typeof value;
    if (type === 'function') {
      throw runtimeError(text(`“${this.snippet(node)}”是一个函数，表达式只能读取数据`, `"${this.snippet(node)}" is a function; expressions can only read data`), node.start,
        text('函数不能从数据中调用；可调用的函数请以 name(参数) 的形式使用', 'functions in data are never callable; call the available functions as name(args)'));
    }
    if (type === 'symbol' || type === 'bigint') {
      throw runtimeError(text(`“${this.snippet(node)}”的值类型不受支持`, `"${this.snippet(node)}" has an unsupported type (${type})`), node.start,
        text('数据只能包含文本、数字、布尔值、null、列表和对象', 'data may contain only strings, numbers, booleans, null, lists and objects'));
    }
    return value;
  }

  private lookup(name: string, node: ExprNode, env: Binding | undefined): unknown {
    for (let binding = env; binding !== undefined; binding = binding.parent) {
      if (binding.name === name) return binding.value;
    }
    if (isForbiddenName(name)) throw this.forbidden(name, node.start);
    if (hasOwnKey(this.scope, name)) return this.checkRead(readOwnData(this.scope, name), node);
    const candidates: string[] = [];
    for (let binding = env; binding !== undefined; binding = binding.parent) candidates.push(binding.name);
    for (const key of Object.keys(this.scope)) if (!isForbiddenName(key)) candidates.push(key);
    const suggestion = suggestClosest(name, candidates);
    const known = listNames(candidates, '、');
    throw expressionError('CF_ENGINE_EXPR_UNKNOWN_NAME',
      suggestion === undefined
        ? text(`第 ${charNumber(node.start)} 个字符处的名称 ${name} 未知`, `unknown name \`${name}\` at character ${charNumber(node.start)}`)
        : text(`未知名称 ${name}，您是否想用 ${suggestion}？`, `unknown name \`${name}\`; did you mean \`${suggestion}\`?`),
      node.start,
      candidates.length === 0
        ? text('此处没有可用的名称', 'no names are available here')
        : text(`表达式只能使用这些名称：${known['zh-CN']}`, `expressions can only use these names: ${known.en}`));
  }

  private forbidden(name: string, position: number): ExpressionError {
    return expressionError('CF_ENGINE_EXPR_FORBIDDEN_NAME',
      text(`第 ${charNumber(position)} 个字符处不允许使用名称 ${name}`, `the name \`${name}\` is not allowed (character ${charNumber(position)})`),
      position);
  }

  private readMember(object: unknown, node: MemberNode): unknown {
    const key = node.property;
    if (isForbiddenName(key)) throw this.forbidden(key, node.propertyStart);
    if (object === null || object === undefined) return null;
    if (isPlainObject(object)) return this.checkRead(readOwnData(object, key), node);
    throw this.noFields(object, key, node, node.propertyStart);
  }

  private noFields(object: unknown, key: string, node: ExprNode, position: number): ExpressionError {
    const where = this.snippet(node);
    if (isPlainArray(object)) {
      return runtimeError(text(`“${where}”：列表没有字段 ${key}`, `"${where}": a list has no field \`${key}\``), position,
        key === 'length'
          ? text('用 len(列表) 取项数', 'use len(list) for the number of items')
          : text(`用 [0] 取某一项，或用 map(列表, x => x.${key}) 取每一项的字段`, `use [0] for one item, or map(list, x => x.${key}) for the field of every item`));
    }
    if (typeof object === 'string') {
      return runtimeError(text(`“${where}”：文本没有字段 ${key}`, `"${where}": text has no field \`${key}\``), position,
        key === 'length'
          ? text('用 len(文本) 取长度', 'use len(text) for its length')
          : text('文本请用函数处理，如 len、lower、trim、startsWith', 'process text with functions such as len, lower, trim, startsWith'));
    }
    const got = describeKind(object);
    return runtimeError(text(`“${where}”：${got['zh-CN']}没有字段 ${key}`, `"${where}": cannot read field \`${key}\` of ${got.en}`), position,
      kindOf(object) === 'other'
        ? text('只能读取普通数据（JSON 那样的对象和列表）的字段', 'only fields of plain data (JSON-like objects and lists) can be read')
        : text('检查字段路径是否写对', 'check the field path'));
  }

  private readIndex(object: unknown, key: unknown, node: IndexNode): unknown {
    if (typeof key === 'string' && isForbiddenName(key)) throw this.forbidden(key, node.index.start);
    if (object === null || object === undefined || key === null || key === undefined) return null;
    if (isPlainArray(object)) {
      if (typeof key === 'number') {
        if (!Number.isInteger(key)) {
          throw runtimeError(text(`“${this.snippet(node)}”：列表序号应为整数，实际为 ${key}`, `"${this.snippet(node)}": a list index must be a whole number, got ${key}`), node.index.start,
            text('用 floor(x) 取整', 'use floor(x) to get a whole number'));
        }
        return key >= 0 && key < object.length ? this.checkRead(readOwnData(object, String(key)), node) : null;
      }
      if (typeof key === 'string') throw this.noFields(object, key, node, node.index.start);
    } else if (isPlainObject(object)) {
      if (typeof key === 'string') return this.checkRead(readOwnData(object, key), node);
      if (typeof key === 'number' && Number.isInteger(key)) return this.checkRead(readOwnData(object, String(key)), node);
    } else if (typeof key === 'string' || typeof key === 'number') {
      throw this.noFields(object, String(key), node, node.index.start);
    }
    const got = describeKind(key);
    throw runtimeError(text(`“${this.snippet(node)}”：方括号里应为字段名（文本）或序号（整数），实际为${got['zh-CN']}`,
      `"${this.snippet(node)}": the index must be a field name (string) or a position (whole number), got ${got.en}`), node.index.start);
  }

  private binary(node: BinaryNode, left: unknown, right: unknown): unknown {
    switch (node.operator) {
      case '==':
        return valuesEqual(left, right, this.budget(node.start));
      case '!=':
        return !valuesEqual(left, right, this.budget(node.start));
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (!((typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string'))) {
          throw this.operandError(node, left, right,
            text(`'${node.operator}' 只能比较两个数字或两个文本`, `'${node.operator}' compares two numbers or two strings`));
        }
        if (node.operator === '<') return left < right;
        if (node.operator === '<=') return left <= right;
        if (node.operator === '>') return left > right;
        return left >= right;
      }
      case 'in':
        return this.membership(node, left, right);
      case '+': {
        if (typeof left === 'number' && typeof right === 'number') return this.finite(left + right, node);
        if (typeof left === 'string' && typeof right === 'string') {
          if (left.length + right.length > MAX_TEXT_LENGTH) {
            throw runtimeError(text(`“${this.snippet(node)}”拼接出的文本太长`, `"${this.snippet(node)}" builds text that is too long`), node.start);
          }
          return left + right;
        }
        throw this.operandError(node, left, right, text("'+' 要求两边同为数字（相加）或同为文本（拼接）", "'+' needs two numbers (to add) or two strings (to join)"),
          isPlainArray(left) || isPlainArray(right)
            ? text('合并列表请用 concat(a, b)', 'use concat(a, b) to join lists')
            : typeof left === 'string' || typeof right === 'string'
              ? text('先用 string(x) 把另一边转为文本，如 \'第\' + string(n) + \'票\'', "turn the other side into text first with string(x), e.g. 'votes: ' + string(n)")
              : undefined);
      }
      case '-':
      case '*':
      case '/':
      case '%': {
        if (typeof left !== 'number' || typeof right !== 'number') {
          throw this.operandError(node, left, right, text(`'${node.operator}' 只能用于两个数字`, `'${node.operator}' applies to two numbers only`),
            typeof left === 'string' || typeof right === 'string' ? text('用 number(x) 把文本转为数字', 'use number(x) to turn text into a number') : undefined);
        }
        if ((node.operator === '/' || node.operator === '%') && right === 0) {
          throw runtimeError(text(`“${this.snippet(node)}”中除数为 0`, `division by zero in "${this.snippet(node)}"`), node.right.start,
            text('先判断除数，如 b == 0 ? 0 : a / b', 'check the divisor first, e.g. b == 0 ? 0 : a / b'));
        }
        const result = node.operator === '-' ? left - right : node.operator === '*' ? left * right : node.operator === '/' ? left / right : left % right;
        return this.finite(result, node);
      }
    }
  }

  private membership(node: BinaryNode, left: unknown, right: unknown): boolean {
    if (right === null || right === undefined) return false;
    if (isPlainArray(right)) {
      this.charge(right.length, node.start);
      const budget = this.budget(node.start);
      return right.some((item) => valuesEqual(left, item, budget));
    }
    if (isPlainObject(right)) {
      if (typeof left === 'string') return hasOwnKey(right, left);
      if (typeof left === 'number' && Number.isInteger(left)) return hasOwnKey(right, String(left));
      throw this.operandError(node, left, right, text("对象用 'in' 判断时，左边应为字段名（文本）", "with an object on the right, the left of 'in' must be a field name (string)"));
    }
    throw this.operandError(node, left, right, text("'in' 的右边应为列表或对象", "the right side of 'in' must be a list or an object"),
      typeof right === 'string' ? text('判断文本是否包含子串请用 contains(文本, 子串)', 'to look for a substring, use contains(text, part)') : undefined);
  }

  private operandError(node: BinaryNode, left: unknown, right: unknown, rule: LocalizedText, hint?: LocalizedText): ExpressionError {
    const l = describeKind(left);
    const r = describeKind(right);
    return runtimeError(
      text(`“${this.snippet(node)}”：${rule['zh-CN']}，实际为${l['zh-CN']}和${r['zh-CN']}`, `"${this.snippet(node)}": ${rule.en}; got ${l.en} and ${r.en}`),
      node.start,
      hint ?? (left === null || left === undefined || right === null || right === undefined ? COALESCE_HINT : undefined));
  }

  private finite(value: number, node: ExprNode): number {
    if (Number.isFinite(value)) return value;
    throw runtimeError(text(`“${this.snippet(node)}”的结果太大，无法表示`, `the result of "${this.snippet(node)}" is too large to represent`), node.start);
  }

  private call(node: CallNode, env: Binding | undefined): unknown {
    if (isForbiddenName(node.callee)) throw this.forbidden(node.callee, node.start);
    const builtin = BUILTINS.get(node.callee);
    if (builtin !== undefined) return this.callBuiltin(builtin, node, env);
    const host = this.functions !== undefined && hasOwnKey(this.functions, node.callee) ? readOwnData(this.functions, node.callee) : undefined;
    if (typeof host === 'function') return this.callHost(node.callee, host as ExpressionFunction, node, env);
    const candidates = [...BUILTIN_FUNCTION_NAMES, ...(this.functions === undefined ? [] : Object.keys(this.functions))];
    const suggestion = suggestClosest(node.callee, candidates);
    const known = listNames(candidates, ', ');
    throw expressionError('CF_ENGINE_EXPR_UNKNOWN_FUNCTION',
      suggestion === undefined
        ? text(`未知函数 ${node.callee}（第 ${charNumber(node.start)} 个字符处）`, `unknown function \`${node.callee}\` at character ${charNumber(node.start)}`)
        : text(`未知函数 ${node.callee}，您是否想用 ${suggestion}？`, `unknown function \`${node.callee}\`; did you mean \`${suggestion}\`?`),
      node.start,
      text(`可用的函数：${known['zh-CN']}`, `available functions: ${known.en}`));
  }

  private callBuiltin(builtin: BuiltinFunction, node: CallNode, env: Binding | undefined): unknown {
    const count = node.args.length;
    if (count < builtin.minArgs || count > builtin.maxArgs) {
      const expected = builtin.minArgs === builtin.maxArgs
        ? `${builtin.minArgs}`
        : builtin.maxArgs === Number.POSITIVE_INFINITY ? `≥ ${builtin.minArgs}` : `${builtin.minArgs}–${builtin.maxArgs}`;
      throw runtimeError(
        text(`函数 ${builtin.name} 需要 ${expected} 个参数，实际传入 ${count} 个`, `${builtin.name}() takes ${expected} argument(s), got ${count}`),
        node.start, text(`用法：${builtin.usage}`, `usage: ${builtin.usage}`));
    }
    const values = node.args.map((arg, i) => {
      const takesLambda = builtin.lambdaArgs.includes(i);
      if (arg.type === 'lambda') {
        if (!takesLambda) throw this.misplacedLambda(node, arg, `用法：${builtin.usage}`, `usage: ${builtin.usage}`);
        return this.makeLambda(arg, env);
      }
      if (takesLambda) {
        throw runtimeError(
          text(`函数 ${builtin.name} 的第 ${i + 1} 个参数应为箭头函数，如 x => x.done`, `argument ${i + 1} of ${builtin.name}() must be a lambda such as x => x.done`),
          arg.start, text(`用法：${builtin.usage}`, `usage: ${builtin.usage}`));
      }
      return this.run(arg, env);
    });
    const context: BuiltinContext = {
      ...this.budget(node.start),
      fail: (message, hint) => {
        throw runtimeError(message, node.start, hint);
      },
    };
    let result: unknown;
    try {
      result = builtin.call(values, context);
    } catch (error) {
      if (error instanceof ExpressionError) throw error;
      throw runtimeError(text(`函数 ${builtin.name} 计算失败`, `${builtin.name}() failed`), node.start, undefined, error);
    }
    return this.checkProduced(result, node);
  }

  private misplacedLambda(node: CallNode, lambda: LambdaNode, usageZh: string, usageEn: string): ExpressionError {
    return runtimeError(
      text(`函数 ${node.callee} 的这个参数不接受箭头函数`, `${node.callee}() does not take a lambda in this position`),
      lambda.start, text(usageZh, usageEn));
  }

  private makeLambda(node: LambdaNode, env: Binding | undefined): (value: unknown) => unknown {
    return (value) => {
      this.charge(1, node.start);
      return this.run(node.body, { name: node.param, value: value === undefined ? null : value, parent: env });
    };
  }

  private callHost(name: string, fn: ExpressionFunction, node: CallNode, env: Binding | undefined): unknown {
    const values = node.args.map((arg) => {
      if (arg.type === 'lambda') throw this.misplacedLambda(node, arg, '此函数只接受普通值作为参数', 'this function takes plain values only');
      return this.run(arg, env);
    });
    let result: unknown;
    try {
      result = fn(...values);
    } catch (error) {
      if (error instanceof ExpressionError) throw error;
      const detail = error instanceof Error ? error.message : '';
      throw runtimeError(
        text(`函数 ${name} 计算失败${detail ? `：${detail}` : ''}`, `${name}() failed${detail ? `: ${detail}` : ''}`),
        node.start, text(`检查传给 ${name} 的参数`, `check the arguments passed to ${name}()`), error);
    }
    if (result === undefined) return null;
    const kind = kindOf(result);
    if (kind === 'other' || (typeof result === 'number' && !Number.isFinite(result))) {
      throw runtimeError(text(`函数 ${name} 返回的不是普通数据`, `${name}() returned a value that is not plain data`), node.start,
        text('宿主函数只能返回文本、有限数字、布尔值、null、列表或普通对象', 'host functions must return strings, finite numbers, booleans, null, lists or plain objects'));
    }
    return this.checkProduced(result, node);
  }

  private checkProduced(result: unknown, node: CallNode): unknown {
    if (Array.isArray(result) && result.length > MAX_LIST_LENGTH) {
      throw expressionError('CF_ENGINE_EXPR_TOO_COMPLEX',
        text(`函数 ${node.callee} 产生了 ${result.length} 项，超过上限 ${MAX_LIST_LENGTH}`, `${node.callee}() produced ${result.length} items; the limit is ${MAX_LIST_LENGTH}`),
        node.start);
    }
    return result === undefined ? null : result;
  }
}

function resolve(expr: ParsedExpression | string): ParsedExpression {
  if (typeof expr === 'string') return parseExpression(expr);
  if (typeof expr !== 'object' || expr === null || typeof expr.ast !== 'object' || expr.ast === null) {
    throw runtimeError(text('传入的不是解析后的表达式', 'not a parsed expression'), undefined,
      text('传入表达式文本，或 parseExpression() 的结果', 'pass the expression text or the result of parseExpression()'));
  }
  return expr;
}

/**
 * Evaluates an expression against `scope`, whose own properties are the root names
 * (`data`, `form`, `config`, `case`, `actor`, `task`, `now`, `today`, …).
 *
 * Deterministic and side-effect free: no globals, no prototypes, no callable data. Missing
 * fields read as `null`. The result is plain data (JSON-like).
 *
 * @throws {ExpressionError} `CF_ENGINE_EXPR_SYNTAX`/`…_FORBIDDEN_NAME`/`…_TOO_COMPLEX` when a
 *   string does not parse; `CF_ENGINE_EXPR_UNKNOWN_NAME`, `CF_ENGINE_EXPR_UNKNOWN_FUNCTION`,
 *   `CF_ENGINE_EXPR_RUNTIME` (type errors, division by zero, failing host function),
 *   `CF_ENGINE_EXPR_TOO_COMPLEX` (budget `maxSteps` or list size exceeded) and
 *   `CF_ENGINE_EXPR_FORBIDDEN_NAME` (computed `__proto__`/`prototype`/`constructor`).
 */
export function evaluate(expr: ParsedExpression | string, scope: Record<string, unknown>, options: EvaluateOptions = {}): unknown {
  const parsed = resolve(expr);
  if (typeof scope !== 'object' || scope === null) {
    throw runtimeError(text('表达式的作用域必须是对象', 'the expression scope must be an object'));
  }
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
    throw runtimeError(text(`maxSteps 应为正整数，实际为 ${String(maxSteps)}`, `maxSteps must be a positive whole number, got ${String(maxSteps)}`));
  }
  const result = new Evaluator(parsed.source, scope, options.functions, maxSteps).run(parsed.ast, undefined);
  const badPath = findNonPlainData(result);
  if (badPath !== undefined) {
    throw runtimeError(
      text(`表达式的结果${badPath ? `在 ${badPath} 处` : ''}含有非普通数据`, `the result contains a value that is not plain data${badPath ? ` at ${badPath}` : ''}`), 0,
      text('表达式只能返回文本、有限数字、布尔值、null、列表和普通对象', 'an expression can only return strings, finite numbers, booleans, null, lists and plain objects'));
  }
  return result;
}

/**
 * Evaluates an expression and returns the truthiness of its result (`null`, `false`, `0` and
 * `''` are false; everything else, including `[]`, is true). Throws like {@link evaluate}.
 */
export function evaluateBoolean(expr: ParsedExpression | string, scope: Record<string, unknown>, options?: EvaluateOptions): boolean {
  return isTruthy(evaluate(expr, scope, options));
}
