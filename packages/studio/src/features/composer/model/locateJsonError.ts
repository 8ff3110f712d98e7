import type { LocalizedText } from '@civicflow/engine';

/** Where a JSON text stops being JSON, and what was expected there. */
export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based line and column (columns count UTF-16 code units, as editors do). */
  line: number;
  column: number;
  expected: LocalizedText;
}

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const VALUE = text('一个值（对象、列表、文字、数字、true、false 或 null）', 'a value (object, list, string, number, true, false or null)');

class Stop extends Error {
  constructor(readonly offset: number, readonly expected: LocalizedText) {
    super('json');
  }
}

/**
 * Finds the first place where `source` is not valid JSON (RFC 8259), so that an import error can
 * say "line 3, column 5: expected ',' or '}'" in both languages — the browser's own JSON.parse
 * messages differ between engines and are in English only. Returns undefined for valid JSON.
 */
export function locateJsonError(source: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < source.length && ' \t\n\r'.includes(source[i]!)) i += 1;
  };
  const fail = (expected: LocalizedText): never => {
    throw new Stop(i, expected);
  };
  const literal = (word: string): void => {
    if (source.startsWith(word, i)) i += word.length;
    else fail(VALUE);
  };
  const string = (): void => {
    i += 1; // the opening quote
    for (;;) {
      if (i >= source.length) fail(text('结束文字的双引号 "', 'a closing double quote "'));
      const c = source[i]!;
      if (c === '"') { i += 1; return; }
      if (c < ' ') fail(text('文字中的换行等控制字符要写成 \\n 等转义形式', 'control characters such as line breaks inside a string written as \\n etc.'));
      if (c === '\\') {
        const e = source[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) i += 6;
        else { i += 1; fail(text('合法的转义（\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）', 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)')); }
      } else i += 1;
    }
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (!match) fail(VALUE);
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = source[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(VALUE);
  };
  const object = (): void => {
    i += 1;
    ws();
    if (source[i] === '}') { i += 1; return; }
    for (;;) {
      ws();
      if (source[i] !== '"') fail(text('用双引号括起的属性名', 'a property name in double quotes'));
      string();
      ws();
      if (source[i] !== ':') fail(text('冒号 :', 'a colon :'));
      i += 1;
      value();
      ws();
      if (source[i] === ',') { i += 1; ws(); if (source[i] === '}') fail(text('下一个属性名（JSON 不允许末尾多余的逗号）', 'another property name (JSON allows no trailing comma)')); continue; }
      if (source[i] === '}') { i += 1; return; }
      fail(text('逗号 , 或右花括号 }', 'a comma , or a closing brace }'));
    }
  };
  const array = (): void => {
    i += 1;
    ws();
    if (source[i] === ']') { i += 1; return; }
    for (;;) {
      value();
      ws();
      if (source[i] === ',') { i += 1; ws(); if (source[i] === ']') fail(text('下一个值（JSON 不允许末尾多余的逗号）', 'another value (JSON allows no trailing comma)')); continue; }
      if (source[i] === ']') { i += 1; return; }
      fail(text('逗号 , 或右方括号 ]', 'a comma , or a closing bracket ]'));
    }
  };
  try {
    value();
    ws();
    if (i < source.length) fail(text('内容结束（后面多了字符）', 'the end of the text (there is more after the value)'));
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = source.slice(0, error.offset);
    const lines = before.split('\n');
    return { offset: error.offset, line: lines.length, column: lines[lines.length - 1]!.length + 1, expected: error.expected };
  }
}
