import type { LocalizedText } from '../i18n.js';
import type { BinaryOperator, CallNode, ExprNode, LambdaNode, ParsedExpression } from './ast.js';
import { childNodes } from './ast.js';
import { ExpressionError, expressionError, text, type ExpressionErrorInfo } from './ExpressionError.js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './limits.js';
import { charNumber, tokenize, type NameToken, type Punctuator, type Token } from './tokenize.js';
import { isForbiddenName } from './values.js';

/** Names with a meaning of their own; not usable as roots, function names or lambda parameters. */
const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'in']);

/**
 * JavaScript words that would suggest capabilities the language deliberately lacks. They are
 * refused up front with a clear message instead of failing later as an unknown name. After a
 * dot they are ordinary field names (`data.new` is fine).
 */
const RESERVED: ReadonlySet<string> = new Set([
  'this', 'new', 'function', 'typeof', 'instanceof', 'delete', 'void', 'import', 'export', 'class',
  'return', 'var', 'let', 'const', 'await', 'async', 'yield', 'super', 'throw', 'undefined',
]);

// Higher binds tighter; the same order as JavaScript.
const BINARY_PRECEDENCE: Readonly<Partial<Record<string, number>>> = {
  '||': 1,
  '&&': 2,
  '==': 3, '!=': 3,
  '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4,
  '+': 5, '-': 5,
  '*': 6, '/': 6, '%': 6,
};

function freeze<T extends ExprNode>(node: T): T {
  return Object.freeze(node);
}

function syntaxError(position: number, message: LocalizedText, hint?: LocalizedText): ExpressionError {
  return expressionError('CF_ENGINE_EXPR_SYNTAX', message, position, hint);
}

function forbiddenName(name: string, position: number): ExpressionError {
  return expressionError('CF_ENGINE_EXPR_FORBIDDEN_NAME',
    text(`第 ${charNumber(position)} 个字符处不允许使用名称 ${name}`, `the name \`${name}\` is not allowed (character ${charNumber(position)})`),
    position);
}

function tooDeep(position: number): ExpressionError {
  return expressionError('CF_ENGINE_EXPR_TOO_COMPLEX',
    text(`表达式在第 ${charNumber(position)} 个字符处嵌套超过 ${MAX_EXPRESSION_DEPTH} 层`, `the expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep (character ${charNumber(position)})`),
    position,
    text('把表达式拆分成几个计算字段，或去掉多余的括号', 'split it into several computed values, or remove unneeded brackets'));
}

/** How a token reads in a message. */
function describeToken(token: Token): LocalizedText {
  switch (token.type) {
    case 'eof':
      return text('表达式结尾', 'the end of the expression');
    case 'string':
      return text(`文本 ${JSON.stringify(token.value)}`, `the text ${JSON.stringify(token.value)}`);
    case 'number':
      return text(`数字 ${token.value}`, `the number ${token.value}`);
    case 'name':
      return text(`名称 ${token.value}`, `the name \`${token.value}\``);
    case 'punct':
      return text(` '${token.value}'`, `'${token.value}'`);
  }
}

/** Hint for a token found where something else was expected. */
function hintFor(token: Token): LocalizedText | undefined {
  if (token.type === 'punct' && token.value === '=>') {
    return text(
      '箭头函数只能写作 x => …（一个参数、不加括号），并且只能作为函数参数，如 count(data.list, x => x.done)',
      'write a lambda as x => … (one parameter, no brackets), and only as a function argument, e.g. count(data.list, x => x.done)',
    );
  }
  if (token.type === 'eof') {
    return text('表达式不完整：检查括号是否成对、运算符后是否缺少值', 'the expression is incomplete: check that brackets are balanced and no operator lacks a value');
  }
  return undefined;
}

class Parser {
  private index = 0;
  private nesting = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    return this.tokens[this.index + offset] ?? last ?? { type: 'eof', start: 0, end: 0 };
  }

  private advance(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private isPunct(value: Punctuator, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'punct' && token.value === value;
  }

  private expected(what: LocalizedText, token: Token): ExpressionError {
    const found = describeToken(token);
    const n = charNumber(token.start);
    return syntaxError(token.start,
      text(`第 ${n} 个字符处应为${what['zh-CN']}，实际为${found['zh-CN']}`, `expected ${what.en} at character ${n}, found ${found.en}`),
      hintFor(token));
  }

  private expectPunct(value: Punctuator, alternatives?: LocalizedText): Token {
    const token = this.peek();
    if (token.type === 'punct' && token.value === value) return this.advance();
    throw this.expected(alternatives ?? text(` '${value}'`, `'${value}'`), token);
  }

  // Every recursive descent passes through here or `parseUnary`, so this bounds the JS stack.
  private enter(token: Token): void {
    this.nesting++;
    if (this.nesting > MAX_EXPRESSION_DEPTH) throw tooDeep(token.start);
  }

  parseRoot(): ExprNode {
    if (this.peek().type === 'eof') {
      throw syntaxError(0, text('表达式为空', 'the expression is empty'),
        text("写一个值或条件，如 form.votes > 0；总是成立的条件写 true", 'write a value or condition such as form.votes > 0; a condition that always holds is true'));
    }
    const node = this.parseExpression();
    const token = this.peek();
    if (token.type !== 'eof') {
      const found = describeToken(token);
      const n = charNumber(token.start);
      throw syntaxError(token.start,
        text(`第 ${n} 个字符处多出了${found['zh-CN']}：表达式在此之前已经结束`, `unexpected ${found.en} at character ${n}: the expression already ended before it`),
        hintFor(token) ?? text("在两个值之间加上运算符，如 '&&'、'||'、'+'、'=='", "put an operator such as '&&', '||', '+' or '==' between two values"));
    }
    return node;
  }

  /** Conditional level: `test ? a : b` (right-associative). */
  private parseExpression(): ExprNode {
    this.enter(this.peek());
    const test = this.parseBinary(0);
    let result = test;
    if (this.isPunct('?')) {
      this.advance();
      const consequent = this.parseExpression();
      this.expectPunct(':', text(` ':'（条件表达式 a ? b : c 的第二部分）`, `':' (the second part of a ? b : c)`));
      const alternate = this.parseExpression();
      result = freeze({ type: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end });
    }
    this.nesting--;
    return result;
  }

  /** Binary operators by precedence climbing; all of them are left-associative. */
  private parseBinary(minPrecedence: number): ExprNode {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const operator = token.type === 'punct' || (token.type === 'name' && token.value === 'in') ? token.value : undefined;
      const precedence = operator === undefined ? undefined : BINARY_PRECEDENCE[operator];
      if (operator === undefined || precedence === undefined || precedence <= minPrecedence) return left;
      this.advance();
      const right = this.parseBinary(precedence);
      left = operator === '&&' || operator === '||'
        ? freeze({ type: 'logical', operator, left, right, start: left.start, end: right.end })
        : freeze({ type: 'binary', operator: operator as BinaryOperator, left, right, start: left.start, end: right.end });
    }
  }

  private parseUnary(): ExprNode {
    const token = this.peek();
    if (token.type === 'punct' && (token.value === '!' || token.value === '-')) {
      this.enter(token);
      this.advance();
      const argument = this.parseUnary();
      this.nesting--;
      return freeze({ type: 'unary', operator: token.value, argument, start: token.start, end: argument.end });
    }
    if (token.type === 'punct' && token.value === '+') {
      throw syntaxError(token.start, text(`第 ${charNumber(token.start)} 个字符处不支持一元 '+'`, `unary '+' is not supported (character ${charNumber(token.start)})`),
        text('把文本转成数字请用 number(x)', 'use number(x) to turn text into a number'));
    }
    return this.parsePostfix();
  }

  private parsePostfix(): ExprNode {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'punct') return node;
      if (token.value === '.') {
        this.advance();
        const name = this.peek();
        if (name.type !== 'name') throw this.expected(text('字段名', 'a field name after \'.\''), name);
        this.advance();
        if (isForbiddenName(name.value)) throw forbiddenName(name.value, name.start);
        node = freeze({ type: 'member', object: node, property: name.value, propertyStart: name.start, start: node.start, end: name.end });
      } else if (token.value === '[') {
        this.advance();
        const index = this.parseExpression();
        const close = this.expectPunct(']');
        if (index.type === 'string' && isForbiddenName(index.value)) throw forbiddenName(index.value, index.start);
        node = freeze({ type: 'index', object: node, index, start: node.start, end: close.end });
      } else if (token.value === '(') {
        const n = charNumber(token.start);
        throw syntaxError(token.start,
          node.type === 'member'
            ? text(`第 ${n} 个字符处不支持方法调用 .${node.property}()`, `method calls such as .${node.property}() are not supported (character ${n})`)
            : text(`第 ${n} 个字符处只能调用有名称的函数`, `only named functions can be called (character ${n})`),
          text('调用内置函数时把值作为参数传入，如 len(x)、lower(x)', 'call a built-in function with the value as an argument, e.g. len(x) or lower(x)'));
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): ExprNode {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.advance();
        return freeze({ type: 'number', value: token.value, start: token.start, end: token.end });
      case 'string':
        this.advance();
        return freeze({ type: 'string', value: token.value, start: token.start, end: token.end });
      case 'name':
        return this.parseName(token);
      case 'punct':
        if (token.value === '(') {
          this.advance();
          const inner = this.parseExpression();
          const close = this.expectPunct(')');
          // No node for brackets; the inner node's range is widened so parents span the full text.
          return freeze({ ...inner, start: token.start, end: close.end });
        }
        if (token.value === '[') return this.parseArray();
        throw this.expected(text('一个值', 'a value'), token);
      case 'eof':
        throw this.expected(text('一个值', 'a value'), token);
    }
  }

  private parseArray(): ExprNode {
    const open = this.advance();
    const elements: ExprNode[] = [];
    while (!this.isPunct(']')) {
      elements.push(this.parseExpression());
      if (!this.isPunct(',')) break;
      this.advance();
    }
    const close = this.expectPunct(']', text(` ',' 或 ']'`, `',' or ']'`));
    return freeze({ type: 'array', elements: Object.freeze(elements), start: open.start, end: close.end });
  }

  /** Refuses keywords, reserved JavaScript words and forbidden names where a name is bound or called. */
  private checkName(token: NameToken, role: 'name' | 'parameter' | 'function'): void {
    const n = charNumber(token.start);
    if (isForbiddenName(token.value)) throw forbiddenName(token.value, token.start);
    if (token.value === 'undefined') {
      throw syntaxError(token.start, text(`第 ${n} 个字符处不能用 undefined`, `undefined is not available (character ${n})`),
        text('空值请写 null', 'write null for an empty value'));
    }
    if (RESERVED.has(token.value)) {
      throw syntaxError(token.start,
        text(`第 ${n} 个字符处的 ${token.value} 是保留字，表达式中不能使用`, `\`${token.value}\` is a reserved word and cannot be used in expressions (character ${n})`),
        text('表达式只能读取 data、form 等数据并调用内置函数；不能创建对象、定义函数或访问运行环境',
          'expressions can only read data such as data and form and call built-in functions; they cannot create objects, define functions or reach the runtime'));
    }
    if (role !== 'name' && KEYWORDS.has(token.value)) {
      throw syntaxError(token.start,
        text(`第 ${n} 个字符处的 ${token.value} 是关键字，不能用作${role === 'parameter' ? '参数名' : '函数名'}`,
          `\`${token.value}\` is a keyword and cannot be a ${role === 'parameter' ? 'parameter' : 'function'} name (character ${n})`),
        text('换一个名称', 'choose another name'));
    }
  }

  private parseName(token: NameToken): ExprNode {
    switch (token.value) {
      case 'true':
      case 'false':
        this.advance();
        return freeze({ type: 'boolean', value: token.value === 'true', start: token.start, end: token.end });
      case 'null':
        this.advance();
        return freeze({ type: 'null', start: token.start, end: token.end });
      case 'in':
        throw this.expected(text('一个值', 'a value'), token);
    }
    this.checkName(token, this.isPunct('(', 1) ? 'function' : 'name');
    if (this.isPunct('=>', 1)) {
      throw syntaxError(token.start,
        text(`第 ${charNumber(token.start)} 个字符处的箭头函数只能作为函数参数`, `a lambda can only be a function argument (character ${charNumber(token.start)})`),
        hintFor(this.peek(1)));
    }
    this.advance();
    if (this.isPunct('(')) return this.parseCall(token);
    return freeze({ type: 'identifier', name: token.value, start: token.start, end: token.end });
  }

  private parseCall(name: NameToken): CallNode {
    this.advance();
    const args: ExprNode[] = [];
    while (!this.isPunct(')')) {
      args.push(this.parseArgument());
      if (!this.isPunct(',')) break;
      this.advance();
    }
    const close = this.expectPunct(')', text(` ',' 或 ')'`, `',' or ')'`));
    return freeze({ type: 'call', callee: name.value, args: Object.freeze(args), start: name.start, end: close.end });
  }

  private parseArgument(): ExprNode {
    const param = this.peek();
    if (param.type !== 'name' || !this.isPunct('=>', 1)) return this.parseExpression();
    this.checkName(param, 'parameter');
    this.advance();
    this.advance();
    this.enter(param);
    const body = this.parseExpression();
    this.nesting--;
    const lambda: LambdaNode = { type: 'lambda', param: param.value, body, start: param.start, end: body.end };
    return freeze(lambda);
  }
}

/** Throws when the finished tree is deeper than the limit (e.g. a long chain `a + b + c + …`). */
function checkDepth(node: ExprNode, depth: number): void {
  if (depth > MAX_EXPRESSION_DEPTH) throw tooDeep(node.start);
  for (const child of childNodes(node)) checkDepth(child, depth + 1);
}

/**
 * Parses an expression into a frozen syntax tree.
 *
 * Throws an {@link ExpressionError}: `CF_ENGINE_EXPR_SYNTAX` with the position and a message
 * such as "第 7 个字符处应为 ')'…" / "expected ')' at character 7…";
 * `CF_ENGINE_EXPR_FORBIDDEN_NAME` for `__proto__`, `prototype` or `constructor` written
 * literally; `CF_ENGINE_EXPR_TOO_COMPLEX` for sources over 4,000 characters or trees deeper
 * than 64 levels.
 */
export function parseExpression(source: string): ParsedExpression {
  if (typeof source !== 'string') {
    throw syntaxError(0, text('表达式必须是文本', 'an expression must be a string'),
      text('在流程定义中把表达式写成字符串，如 "form.votes > 0"', 'write the expression as a string in the definition, e.g. "form.votes > 0"'));
  }
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw expressionError('CF_ENGINE_EXPR_TOO_COMPLEX',
      text(`表达式有 ${source.length} 个字符，超过上限 ${MAX_EXPRESSION_LENGTH}`, `the expression has ${source.length} characters; the limit is ${MAX_EXPRESSION_LENGTH}`),
      MAX_EXPRESSION_LENGTH);
  }
  const ast = new Parser(tokenize(source)).parseRoot();
  checkDepth(ast, 1);
  return Object.freeze({ source, ast });
}

/**
 * Like {@link parseExpression}, but returns the problem as data instead of throwing, for
 * validators that collect every problem of a definition.
 */
export function tryParseExpression(source: string): { ok: true; value: ParsedExpression } | { ok: false; error: ExpressionErrorInfo } {
  try {
    return { ok: true, value: parseExpression(source) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error: error.toInfo() };
    throw error;
  }
}
