import { ANY_CHAR, DIGIT_SET, DOT_SET, HAN_SUPERSET, SPACE_SET, WORD_SET, charRange, complementSet, unionSets } from './charSet.js';
import type { CharSet } from './charSet.js';

/**
 * The parts of a regular expression that matter for backtracking, as parsed by {@link parseRegex}.
 * Groups are transparent (capturing or not, they only delimit), assertions (`^`, `$`, `\b`, `\B`)
 * match no character, and `start`/`end` are offsets in the pattern source (for messages).
 */
export type RegexNode =
  | { readonly type: 'char'; readonly set: CharSet }
  | { readonly type: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly type: 'alt'; readonly options: readonly RegexNode[] }
  /** `^` (`start`), `$` (`end`), `\b` or `\B` (`word`): match no character. */
  | { readonly type: 'assert'; readonly kind: 'start' | 'end' | 'word' }
  /** A lookahead or lookbehind: matches no character; its body is still a pattern. */
  | { readonly type: 'look'; readonly body: RegexNode }
  /** `\1`, `\k<name>`: matches an unknown string (possibly empty). */
  | { readonly type: 'backref'; readonly start: number; readonly end: number }
  /** `body{min,max}` (`max` is `Infinity` for `*`, `+`, `{n,}`). */
  | { readonly type: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number; readonly start: number; readonly end: number };

/** The pattern uses syntax the classifier does not know, or nests groups too deeply. */
export class RegexParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexParseError';
  }
}

/** How deeply groups may nest; deeper patterns are refused rather than risking the call stack. */
export const MAX_GROUP_NESTING = 64;

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/-');
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };
const HEX = /^[0-9a-fA-F]+$/;
/** `\p{Script=Han}` and its short forms. */
const HAN_PROPERTY = /^(?:Script|sc)=(?:Han|Hani)$/;

/**
 * Parses `source` as a JavaScript regular expression with the `u` flag (the way Ajv compiles a
 * JSON Schema `pattern`). The source must already be known to be valid (`new RegExp(source, 'u')`
 * did not throw): this parser is lenient and only recovers the structure. Throws
 * {@link RegexParseError} for syntax it does not model (such as `(?i:…)` modifiers).
 */
export function parseRegex(source: string): RegexNode {
  let i = 0;
  let depth = 0;
  /** Whether a `\p`/`\P` escape was read since the start of the current class. */
  let usedProperty = false;

  const peek = (offset = 0): string | undefined => source[i + offset];
  const fail = (what: string): never => {
    throw new RegexParseError(`${what} at offset ${i}`);
  };

  function readCodePoint(): number {
    const code = source.codePointAt(i);
    if (code === undefined) return fail('unexpected end');
    i += code > 0xffff ? 2 : 1;
    return code;
  }

  function readHex(length: number): number {
    const text = source.slice(i, i + length);
    if (text.length !== length || !HEX.test(text)) fail('bad hex escape');
    i += length;
    return parseInt(text, 16);
  }

  /** `\u` escapes, including surrogate pairs and `\u{…}` (the backslash and `u` are consumed). */
  function readUnicodeEscape(): number {
    if (peek() === '{') {
      const close = source.indexOf('}', i);
      if (close < 0) fail('bad \\u{} escape');
      const text = source.slice(i + 1, close);
      if (!HEX.test(text)) fail('bad \\u{} escape');
      i = close + 1;
      return parseInt(text, 16);
    }
    const lead = readHex(4);
    if (lead >= 0xd800 && lead <= 0xdbff && peek() === '\\' && peek(1) === 'u' && peek(2) !== '{') {
      const save = i;
      i += 2;
      const trail = readHex(4);
      if (trail >= 0xdc00 && trail <= 0xdfff) return (lead - 0xd800) * 0x400 + (trail - 0xdc00) + 0x10000;
      i = save;
    }
    return lead;
  }

  /**
   * An escape after `\` (already consumed). Returns a set, a single code point, or a marker for
   * assertions and back-references (outside classes only).
   */
  function readEscape(inClass: boolean): CharSet | number | 'word-assert' | 'backref' {
    const c = peek();
    if (c === undefined) return fail('trailing backslash');
    i += 1;
    switch (c) {
      case 'd': return DIGIT_SET;
      case 'D': return complementSet(DIGIT_SET);
      case 'w': return WORD_SET;
      case 'W': return complementSet(WORD_SET);
      case 's': return SPACE_SET;
      case 'S': return complementSet(SPACE_SET);
      case 'p':
      case 'P': {
        // Unicode properties are not expanded: "any character", except a superset of Han for
        // \p{Script=Han}. Both keep overlap tests conservative; a complement would not.
        if (peek() !== '{') fail('bad \\p escape');
        const close = source.indexOf('}', i);
        if (close < 0) fail('bad \\p escape');
        const name = source.slice(i + 1, close);
        i = close + 1;
        usedProperty = true;
        return c === 'p' && HAN_PROPERTY.test(name) ? HAN_SUPERSET : ANY_CHAR;
      }
      case 'b': return inClass ? 0x08 : 'word-assert';
      case 'B': return inClass ? fail('\\B in class') : 'word-assert';
      case 'c': {
        const letter = peek();
        if (letter === undefined || !/[A-Za-z]/.test(letter)) return fail('bad \\c escape');
        i += 1;
        return (letter.codePointAt(0) as number) % 32;
      }
      case 'x': return readHex(2);
      case 'u': return readUnicodeEscape();
      case 'k': {
        if (inClass || peek() !== '<') return fail('bad \\k escape');
        const close = source.indexOf('>', i);
        if (close < 0) fail('bad \\k escape');
        i = close + 1;
        return 'backref';
      }
      default:
        break;
    }
    if (c === '0' && !/[0-9]/.test(peek() ?? '')) return 0;
    if (/[1-9]/.test(c)) {
      if (inClass) return fail('decimal escape in class');
      while (/[0-9]/.test(peek() ?? '')) i += 1;
      return 'backref';
    }
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (SYNTAX_CHARS.has(c)) return c.codePointAt(0) as number;
    return fail(`unknown escape \\${c}`);
  }

  function readClass(): CharSet {
    // `[` already consumed.
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i += 1;
    }
    const parts: CharSet[] = [];
    usedProperty = false;
    const readClassAtom = (): CharSet | number => {
      if (peek() === '\\') {
        i += 1;
        const e = readEscape(true);
        if (e === 'word-assert' || e === 'backref') return fail('assertion in class');
        return e;
      }
      return readCodePoint();
    };
    for (;;) {
      const c = peek();
      if (c === undefined) return fail('unterminated class');
      if (c === ']') {
        i += 1;
        break;
      }
      const from = readClassAtom();
      if (peek() === '-' && peek(1) !== ']' && peek(1) !== undefined) {
        i += 1;
        const to = readClassAtom();
        if (typeof from !== 'number' || typeof to !== 'number') return fail('class escape in range');
        parts.push(charRange(from, to));
      } else {
        parts.push(typeof from === 'number' ? charRange(from) : from);
      }
    }
    // \p{…} sets are approximations from above: the complement of one is not conservative.
    if (negated && usedProperty) return ANY_CHAR;
    const set = unionSets(parts);
    return negated ? complementSet(set) : set;
  }

  function readQuantifier(): { min: number; max: number } | undefined {
    const c = peek();
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) {
      i += 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 40));
      if (!m) return fail('bad quantifier');
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length;
      q = { min, max };
    } else {
      return undefined;
    }
    if (peek() === '?') i += 1; // lazy: backtracks all the same when the rest fails
    return q;
  }

  function readGroup(): RegexNode {
    // `(` already consumed.
    depth += 1;
    if (depth > MAX_GROUP_NESTING) fail(`groups nested more than ${MAX_GROUP_NESTING} deep`);
    let look = false;
    if (peek() === '?') {
      const next = peek(1);
      if (next === ':') i += 2;
      else if (next === '=' || next === '!') {
        look = true;
        i += 2;
      } else if (next === '<' && (peek(2) === '=' || peek(2) === '!')) {
        look = true;
        i += 3;
      } else if (next === '<') {
        const close = source.indexOf('>', i);
        if (close < 0) fail('bad group name');
        i = close + 1;
      } else {
        fail('unsupported group syntax');
      }
    }
    const body = readAlternation();
    if (peek() !== ')') fail('unterminated group');
    i += 1;
    depth -= 1;
    return look ? { type: 'look', body } : body;
  }

  function readTerm(): RegexNode {
    const start = i;
    const c = peek() as string;
    let atom: RegexNode;
    if (c === '^' || c === '$') {
      i += 1;
      atom = { type: 'assert', kind: c === '^' ? 'start' : 'end' };
    } else if (c === '.') {
      i += 1;
      atom = { type: 'char', set: DOT_SET };
    } else if (c === '[') {
      i += 1;
      atom = { type: 'char', set: readClass() };
    } else if (c === '(') {
      i += 1;
      atom = readGroup();
    } else if (c === '\\') {
      i += 1;
      const e = readEscape(false);
      if (e === 'word-assert') atom = { type: 'assert', kind: 'word' };
      else if (e === 'backref') atom = { type: 'backref', start, end: i };
      else atom = { type: 'char', set: typeof e === 'number' ? charRange(e) : e };
    } else if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      return fail(`unexpected ${c}`);
    } else {
      atom = { type: 'char', set: charRange(readCodePoint()) };
    }
    const q = readQuantifier();
    if (!q) return atom;
    return { type: 'repeat', body: atom, min: q.min, max: q.max, start, end: i };
  }

  function readSequence(): RegexNode {
    const items: RegexNode[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') items.push(readTerm());
    return items.length === 1 ? (items[0] as RegexNode) : { type: 'seq', items };
  }

  function readAlternation(): RegexNode {
    const options = [readSequence()];
    while (peek() === '|') {
      i += 1;
      options.push(readSequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { type: 'alt', options };
  }

  const tree = readAlternation();
  if (i < source.length) fail(`unexpected ${peek() ?? ''}`);
  return tree;
}
