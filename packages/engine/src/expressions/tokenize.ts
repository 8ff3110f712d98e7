import type { LocalizedText } from '../i18n.js';
import { expressionError, text, type ExpressionError } from './ExpressionError.js';

/** Operators and punctuation the language knows. */
export type Punctuator =
  | '(' | ')' | '[' | ']' | ',' | '.' | '?' | ':' | '=>'
  | '!' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||'
  | '+' | '-' | '*' | '/' | '%';

/** A number literal. */
export interface NumberToken { readonly type: 'number'; readonly value: number; readonly start: number; readonly end: number }
/** A string literal, escapes decoded. */
export interface StringToken { readonly type: 'string'; readonly value: string; readonly start: number; readonly end: number }
/** A name: identifier or keyword (`true`, `in`, …); the parser decides which by context. */
export interface NameToken { readonly type: 'name'; readonly value: string; readonly start: number; readonly end: number }
/** An operator or punctuation mark. */
export interface PunctToken { readonly type: 'punct'; readonly value: Punctuator; readonly start: number; readonly end: number }
/** End of the source. */
export interface EofToken { readonly type: 'eof'; readonly start: number; readonly end: number }

/** One lexical token with its `[start, end)` source range. */
export type Token = NumberToken | StringToken | NameToken | PunctToken | EofToken;

const TWO_CHAR: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=', '&&', '||', '=>']);
const ONE_CHAR: ReadonlySet<string> = new Set(['(', ')', '[', ']', ',', '.', '?', ':', '!', '<', '>', '+', '-', '*', '/', '%']);

// Full-width punctuation typed by a Chinese input method, mapped to what was almost surely meant.
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '（': '(', '）': ')', '【': '[', '】': ']', '［': '[', '］': ']', '，': ',', '：': ':', '？': '?',
  '！': '!', '＝': '==', '＜': '<', '＞': '>', '＋': '+', '－': '-', '＊': '*', '／': '/', '％': '%',
  '“': '"', '”': '"', '‘': "'", '’': "'", '．': '.', '＆': '&&', '｜': '||',
};

/** 1-based character number for messages. */
export function charNumber(position: number): number {
  return position + 1;
}

function syntaxError(position: number, message: LocalizedText, hint?: LocalizedText): ExpressionError {
  return expressionError('CF_ENGINE_EXPR_SYNTAX', message, position, hint);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Identifier start: ASCII letter, `_`, `$` or a CJK unified ideograph. */
export function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || (code >= 0x4e00 && code <= 0x9fff);
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code);
}

function isWhitespace(code: number): boolean {
  // Besides ASCII blanks: no-break space and the ideographic space, both common in pasted text.
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** A character shown in a message: printable as itself, otherwise as `\uXXXX`. */
function showChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 32 || code === 127 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
}

/** Explains characters that JavaScript users type but this language deliberately lacks. */
function unsupported(source: string, i: number): ExpressionError {
  const ch = source.charAt(i);
  const next = source.charAt(i + 1);
  const n = charNumber(i);
  if (ch === '=') {
    if (next === '=' && source.charAt(i + 2) === '=') {
      return syntaxError(i, text(`第 ${n} 个字符处不支持 '==='`, `'===' is not supported (character ${n})`),
        text("用 '==' 比较，它已经是严格相等", "use '==', which is already strict equality"));
    }
    return syntaxError(i, text(`第 ${n} 个字符处不能赋值：表达式只计算值`, `assignment is not allowed (character ${n}): expressions only compute values`),
      text("比较是否相等请用 '=='", "to compare for equality, use '=='"));
  }
  if (ch === '!' && next === '=' && source.charAt(i + 2) === '=') {
    return syntaxError(i, text(`第 ${n} 个字符处不支持 '!=='`, `'!==' is not supported (character ${n})`),
      text("用 '!='，它已经是严格不等", "use '!=', which is already strict inequality"));
  }
  if (ch === '?' && next === '.') {
    return syntaxError(i, text(`第 ${n} 个字符处不需要 '?.'`, `'?.' is not needed (character ${n})`),
      text("直接写 '.'：读取不存在的字段会得到 null，不会出错", "write '.': reading a missing field gives null instead of failing"));
  }
  if (ch === '?' && next === '?') {
    return syntaxError(i, text(`第 ${n} 个字符处不支持 '??'`, `'??' is not supported (character ${n})`),
      text('用 coalesce(a, b) 取第一个非空值', 'use coalesce(a, b) to take the first value that is not null'));
  }
  if (ch === '*' && next === '*') {
    return syntaxError(i, text(`第 ${n} 个字符处不支持乘方 '**'`, `the power operator '**' is not supported (character ${n})`),
      text('把乘法写开，如 x * x', 'multiply explicitly, e.g. x * x'));
  }
  if (ch === '&' || ch === '|') {
    return syntaxError(i, text(`第 ${n} 个字符处的 '${ch}' 无效`, `'${ch}' at character ${n} is not an operator`),
      text(`“并且”写作 '&&'，“或者”写作 '||'`, `write '&&' for "and", '||' for "or"`));
  }
  if (ch === ';' || ch === '；') {
    return syntaxError(i, text(`第 ${n} 个字符处不能有 '${ch}'：表达式只能写一个值`, `'${ch}' at character ${n} is not allowed: an expression is a single value`),
      text(`删除 '${ch}'；多个条件请用 '&&' 或 '||' 连接`, `remove '${ch}'; join several conditions with '&&' or '||'`));
  }
  if (ch === '`') {
    return syntaxError(i, text(`第 ${n} 个字符处不支持模板字符串`, `template strings are not supported (character ${n})`),
      text("用单引号或双引号写文本，用 '+' 拼接", "write text in single or double quotes and join it with '+'"));
  }
  if (ch === '{' || ch === '}') {
    return syntaxError(i, text(`第 ${n} 个字符处不支持 '${ch}'：表达式里不能写对象或代码块`, `'${ch}' at character ${n} is not supported: expressions have no object literals or blocks`),
      text('列表用 [a, b]；对象请放在流程配置或数据中', 'use [a, b] for lists; put objects in the process configuration or data'));
  }
  const ascii = FULL_WIDTH[ch];
  if (ascii !== undefined) {
    return syntaxError(i, text(`第 ${n} 个字符是全角符号 '${ch}'`, `character ${n} is the full-width symbol '${ch}'`),
      text(`改用半角（英文）符号 '${ascii}'`, `use the ASCII symbol '${ascii}' instead`));
  }
  return syntaxError(i, text(`第 ${n} 个字符 '${showChar(ch)}' 无法识别`, `unexpected character '${showChar(ch)}' at character ${n}`),
    text('名称只能由字母、数字、_、$ 和汉字组成；文本要用引号括起来', 'names may contain letters, digits, _, $ and Chinese characters; text must be quoted'));
}

function readString(source: string, start: number): StringToken {
  const quote = source.charAt(start);
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length || source.charAt(i) === '\n' || source.charAt(i) === '\r') {
      return unterminated(start, quote);
    }
    const ch = source.charAt(i);
    if (ch === quote) return { type: 'string', value, start, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const escape = source.charAt(i + 1);
    switch (escape) {
      case 'n': value += '\n'; i += 2; break;
      case 't': value += '\t'; i += 2; break;
      case 'r': value += '\r'; i += 2; break;
      case "'": case '"': case '\\': value += escape; i += 2; break;
      case 'u': {
        const hex = source.slice(i + 2, i + 6);
        if (hex.length !== 4 || ![...hex].every((c) => isHexDigit(c.charCodeAt(0)))) {
          throw syntaxError(i, text(`第 ${charNumber(i)} 个字符处的 \\u 后应为 4 位十六进制数`, `expected 4 hex digits after \\u at character ${charNumber(i)}`),
            text('例如 \\u4e2d 表示“中”', 'for example \\u4e2d is "中"'));
        }
        value += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
        break;
      }
      default:
        if (i + 1 >= source.length) return unterminated(start, quote);
        throw syntaxError(i, text(`第 ${charNumber(i)} 个字符处的转义 \\${showChar(escape)} 无效`, `invalid escape \\${showChar(escape)} at character ${charNumber(i)}`),
          text("可用的转义：\\n \\t \\r \\' \\\" \\\\ \\uXXXX；反斜杠本身写作 \\\\", "valid escapes: \\n \\t \\r \\' \\\" \\\\ \\uXXXX; write a backslash as \\\\"));
    }
  }
}

function unterminated(start: number, quote: string): never {
  throw syntaxError(start, text(`第 ${charNumber(start)} 个字符开始的文本缺少结尾的 ${quote}`, `the string starting at character ${charNumber(start)} is missing its closing ${quote}`),
    text(`在文本末尾加上 ${quote}；文本不能跨行，换行请写 \\n`, `add ${quote} at the end of the text; text cannot span lines, write \\n for a line break`));
}

function readNumber(source: string, start: number): NumberToken {
  let i = start;
  while (isDigit(source.charCodeAt(i))) i++;
  if (source.charAt(i) === '.') {
    if (!isDigit(source.charCodeAt(i + 1))) {
      throw syntaxError(i + 1, text(`第 ${charNumber(i + 1)} 个字符处小数点后应为数字`, `expected a digit after the decimal point at character ${charNumber(i + 1)}`),
        text('写成 1.5 或 1 这样的形式', 'write numbers like 1.5 or 1'));
    }
    i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  if (isIdentifierPart(source.charCodeAt(i)) || source.charAt(i) === '.') {
    throw syntaxError(start, text(`第 ${charNumber(start)} 个字符开始的数字写法无效`, `invalid number at character ${charNumber(start)}`),
      text('数字只能由数字和一个小数点组成（不支持 1e3、0x10 等写法）；名称不能以数字开头', 'numbers are digits with at most one decimal point (no 1e3 or 0x10); names cannot start with a digit'));
  }
  const value = Number(source.slice(start, i));
  if (!Number.isFinite(value)) {
    throw syntaxError(start, text(`第 ${charNumber(start)} 个字符开始的数字太大`, `the number at character ${charNumber(start)} is too large`));
  }
  return { type: 'number', value, start, end: i };
}

/**
 * Splits an expression into tokens, ending with an `eof` token. Throws an `ExpressionError`
 * (`CF_ENGINE_EXPR_SYNTAX`) at the first character that cannot start a token, with a hint for
 * the usual JavaScript habits the language does not support (`=`, `;`, template strings, …).
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (isWhitespace(code)) {
      i++;
      continue;
    }
    if (isDigit(code)) {
      const token = readNumber(source, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    if (isIdentifierStart(code)) {
      let end = i + 1;
      while (end < source.length && isIdentifierPart(source.charCodeAt(end))) end++;
      tokens.push({ type: 'name', value: source.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const ch = source.charAt(i);
    if (ch === '"' || ch === "'") {
      const token = readString(source, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    const two = source.slice(i, i + 2);
    // `===`, `!==`, `?.`, `??` and `**` get tailored messages rather than a confusing parse.
    const third = source.charAt(i + 2);
    if ((two === '==' || two === '!=') && third === '=') throw unsupported(source, i);
    if (two === '?.' || two === '??' || two === '**') throw unsupported(source, i);
    if (TWO_CHAR.has(two)) {
      tokens.push({ type: 'punct', value: two as Punctuator, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (ONE_CHAR.has(ch)) {
      tokens.push({ type: 'punct', value: ch as Punctuator, start: i, end: i + 1 });
      i++;
      continue;
    }
    throw unsupported(source, i);
  }
  tokens.push({ type: 'eof', start: source.length, end: source.length });
  return tokens;
}
