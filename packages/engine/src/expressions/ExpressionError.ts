import type { LocalizedText } from '../i18n.js';

/** The codes an expression error can carry. */
export type ExpressionErrorCode =
  | 'CF_ENGINE_EXPR_SYNTAX'
  | 'CF_ENGINE_EXPR_FORBIDDEN_NAME'
  | 'CF_ENGINE_EXPR_TOO_COMPLEX'
  | 'CF_ENGINE_EXPR_UNKNOWN_NAME'
  | 'CF_ENGINE_EXPR_UNKNOWN_FUNCTION'
  | 'CF_ENGINE_EXPR_RUNTIME';

/**
 * A parse or evaluation problem as plain data (what `tryParseExpression` returns and what a
 * validator stores). `position` is the 0-based offset into the source (UTF-16 code units);
 * messages show it to people 1-based, as "character N".
 */
export interface ExpressionErrorInfo {
  code: string;
  message: LocalizedText;
  position?: number;
  hint?: LocalizedText;
}

/**
 * The only error type the expression module throws. `message` is the English text (for logs);
 * people should be shown `localized` and `hint`.
 */
export class ExpressionError extends Error {
  /** Stable code from {@link EXPRESSION_ERROR_CODES}; branch on this, never on message text. */
  readonly code: string;
  /** What went wrong, where, in both locales. */
  readonly localized: LocalizedText;
  /** 0-based source offset of the problem, when it has one. */
  readonly position?: number;
  /** How to fix it, in both locales. */
  readonly hint?: LocalizedText;

  /** Creates an error from its data; `options.cause` keeps the underlying error (e.g. of a host function). */
  constructor(info: ExpressionErrorInfo, options?: { cause?: unknown }) {
    super(info.message.en, options);
    this.name = 'ExpressionError';
    this.code = info.code;
    this.localized = info.message;
    if (info.position !== undefined) this.position = info.position;
    if (info.hint !== undefined) this.hint = info.hint;
  }

  /** The error as plain, serialisable data. */
  toInfo(): ExpressionErrorInfo {
    const info: ExpressionErrorInfo = { code: this.code, message: this.localized };
    if (this.position !== undefined) info.position = this.position;
    if (this.hint !== undefined) info.hint = this.hint;
    return info;
  }
}

/** Builds a {@link LocalizedText}; the argument order (zh-CN first) mirrors the catalogue. */
export function text(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** Creates an {@link ExpressionError}; the code's catalogue hint is used when none is given. */
export function expressionError(
  code: ExpressionErrorCode,
  message: LocalizedText,
  position?: number,
  hint?: LocalizedText,
  cause?: unknown,
): ExpressionError {
  const info: ExpressionErrorInfo = { code, message, hint: hint ?? CATALOGUE[code].hint };
  if (position !== undefined) info.position = position;
  return new ExpressionError(info, cause === undefined ? undefined : { cause });
}

// Typed by code so that `expressionError` cannot name a code without a catalogue entry.
const CATALOGUE: Record<ExpressionErrorCode, { message: LocalizedText; hint: LocalizedText }> = {
  CF_ENGINE_EXPR_SYNTAX: {
    message: text('表达式第 {position} 个字符处有语法错误：{detail}', 'syntax error at character {position} of the expression: {detail}'),
    hint: text(
      '检查括号和引号是否成对、运算符两边是否都有值；表达式只能写一个值，不能赋值或写多条语句',
      'check that brackets and quotes are balanced and every operator has a value on both sides; an expression is a single value, with no assignments or statements',
    ),
  },
  CF_ENGINE_EXPR_FORBIDDEN_NAME: {
    message: text('表达式不允许使用名称 {name}', 'the name `{name}` is not allowed in expressions'),
    hint: text(
      '__proto__、prototype、constructor 是保留名称；请把字段改名，或换一种写法',
      '`__proto__`, `prototype` and `constructor` are reserved; rename the field or write the expression another way',
    ),
  },
  CF_ENGINE_EXPR_TOO_COMPLEX: {
    message: text('表达式过于复杂：{detail}', 'the expression is too complex: {detail}'),
    hint: text(
      '把表达式拆分成几个计算字段，避免对大列表嵌套使用 map/filter',
      'split the expression into several computed values, and avoid nesting map/filter over large lists',
    ),
  },
  CF_ENGINE_EXPR_UNKNOWN_NAME: {
    message: text('未知名称 {name}', 'unknown name `{name}`'),
    hint: text('表达式只能使用这些名称：{known}', 'expressions can only use these names: {known}'),
  },
  CF_ENGINE_EXPR_UNKNOWN_FUNCTION: {
    message: text('未知函数 {name}', 'unknown function `{name}`'),
    hint: text('可用的函数：{known}', 'available functions: {known}'),
  },
  CF_ENGINE_EXPR_RUNTIME: {
    message: text('表达式计算出错：{detail}', 'the expression failed: {detail}'),
    hint: text(
      '检查表达式引用的字段是否已填写、类型是否正确；可用 coalesce(字段, 默认值) 为空值提供默认值',
      'check that the fields the expression reads are filled in and have the right type; coalesce(field, default) gives a default for empty values',
    ),
  },
};

/**
 * Every error code this module can produce, with zh-CN/en message templates for the engine's
 * error catalogue. `{detail}` is the specific message of one error (its `localized` text);
 * `{name}` a name from the expression, `{known}` the available names, `{position}` the 1-based
 * character number. Thrown errors carry fully rendered text.
 */
export const EXPRESSION_ERROR_CODES: Record<string, { message: LocalizedText; hint: LocalizedText }> = CATALOGUE;
