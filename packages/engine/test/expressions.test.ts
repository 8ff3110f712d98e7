import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_FUNCTION_NAMES,
  EXPRESSION_ERROR_CODES,
  ExpressionError,
  evaluate,
  evaluateBoolean,
  parseExpression,
  references,
  suggestClosest,
  tryParseExpression,
  type ExpressionFunction,
} from '../src/expressions/index.js';

/** A governance-flavoured scope used by most tests. */
function makeScope(): Record<string, unknown> {
  return {
    data: {
      registered: 100,
      quorum: { x: [3, 4] },
      reviews: [
        { reviewer: 'A', conclusion: 'OK', score: 3 },
        { reviewer: 'B', conclusion: 'FLAG', score: 5 },
        { reviewer: 'C', conclusion: 'OK', score: 4 },
      ],
      shortlist: ['张三', '李四', '王五', '赵六'],
      seats: 3,
      title: '村民委员会换届选举',
      tags: ['a', 'b', 'a'],
      empty: '',
      undef: undefined,
    },
    form: { voters: 60, votes: 5, risk_colour: 'RED', 姓名: '张三' },
    config: { threshold: 0.5 },
    actor: { id: 'u1', roles: ['村委会主任', 'member'] },
  };
}

/** Runs `fn` and returns the ExpressionError it throws (failing the test otherwise). */
function errorOf(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error('expected an ExpressionError, but nothing was thrown');
}

const run = (source: string, scope: Record<string, unknown> = makeScope()): unknown => evaluate(source, scope);

describe('domain examples', () => {
  it('evaluates the examples from our procedures', () => {
    expect(run('form.voters * 2 > data.registered')).toBe(true);
    expect(run("count(data.reviews, r => r.conclusion == 'FLAG') > 0")).toBe(true);
    expect(run("form.risk_colour in ['RED', 'ORANGE']")).toBe(true);
    expect(run('len(data.shortlist) >= ceil(data.seats * 1.2)')).toBe(true);
    expect(run('form.姓名 == data.shortlist[0]')).toBe(true);
  });

  it('accepts a parsed expression as well as source text', () => {
    const parsed = parseExpression('form.votes + 1');
    expect(evaluate(parsed, makeScope())).toBe(6);
    expect(evaluateBoolean(parsed, makeScope())).toBe(true);
  });
});

describe('operator precedence', () => {
  it('follows JavaScript precedence and associativity', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 3 - 4')).toBe(3);
    expect(run('12 / 3 / 2')).toBe(2);
    expect(run('10 % 4 * 3')).toBe(6);
    expect(run('-2 * 3 + 1')).toBe(-5);
    expect(run('1 + 2 == 3 && 2 < 3')).toBe(true);
    expect(run('true || false && false')).toBe(true);
    expect(run('(true || false) && false')).toBe(false);
    expect(run('!false && false')).toBe(false);
    expect(run('1 < 2 == 2 < 3')).toBe(true);
    expect(run("1 + 1 in [2, 3]")).toBe(true);
    expect(run('true ? 1 : false ? 2 : 3')).toBe(1);
    expect(run('false ? 1 : false ? 2 : 3')).toBe(3);
    expect(run('form.votes > 3 ? "多" : "少"')).toBe('多');
    expect(run('- -3')).toBe(3);
    expect(run('!!data.title')).toBe(true);
  });

  it('records source offsets on every node', () => {
    const { ast } = parseExpression('a + b * c');
    expect(ast).toMatchObject({ type: 'binary', operator: '+', start: 0, end: 9, right: { type: 'binary', operator: '*', start: 4, end: 9 } });
    expect(Object.isFrozen(ast)).toBe(true);
  });
});

describe('short-circuit evaluation', () => {
  it('does not evaluate the right side when the left decides', () => {
    expect(run('false && 1 / 0 > 1')).toBe(false);
    expect(run('true || 1 / 0 > 1')).toBe(true);
    expect(run('data.missing != null && data.missing.count > 1')).toBe(false);
    expect(run('true ? 1 : 1 / 0')).toBe(1);
    expect(run('false ? 1 / 0 : 2')).toBe(2);
  });

  it('returns booleans, not operands', () => {
    expect(run("null || 'x'")).toBe(true);
    expect(run("'x' && 0")).toBe(false);
    expect(run("'' || 0")).toBe(false);
  });

  it('treats null, false, 0 and empty text as falsy, everything else as truthy', () => {
    for (const falsy of ['null', 'false', '0', "''", 'data.missing']) expect(evaluateBoolean(falsy, makeScope())).toBe(false);
    for (const truthy of ['true', '1', "'0'", '[]', 'data.quorum', '-1']) expect(evaluateBoolean(truthy, makeScope())).toBe(true);
  });
});

describe('null propagation on missing fields', () => {
  it('reads missing fields, and fields of null, as null without throwing', () => {
    expect(run('data.missing')).toBeNull();
    expect(run('data.missing.deeper.still')).toBeNull();
    expect(run('data.quorum.x[99]')).toBeNull();
    expect(run('data.quorum.x[-1]')).toBeNull();
    expect(run("data['no such field']")).toBeNull();
    expect(run('data.missing[0].x')).toBeNull();
    expect(run('data[data.missing]')).toBeNull();
    expect(run('data.undef')).toBeNull();
    expect(run('data.missing == null')).toBe(true);
    expect(run('data.undef == null')).toBe(true);
    expect(run('len(data.missing)')).toBe(0);
    expect(run('count(data.missing, x => x)')).toBe(0);
    expect(run('coalesce(data.missing, form.votes)')).toBe(5);
  });

  it('reads only own properties, never inherited ones', () => {
    expect(run('data.toString')).toBeNull();
    expect(run('data.hasOwnProperty')).toBeNull();
    expect(run("data['valueOf']")).toBeNull();
    expect(errorOf(() => run('toString')).code).toBe('CF_ENGINE_EXPR_UNKNOWN_NAME');
  });

  it('gives a clear error for fields of lists and text, pointing to len()', () => {
    const list = errorOf(() => run('data.shortlist.length'));
    expect(list.code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(list.hint?.en).toContain('len(list)');
    expect(list.position).toBe('data.shortlist.'.length);
    const textError = errorOf(() => run('data.title.length'));
    expect(textError.hint?.['zh-CN']).toContain('len(文本)');
    expect(errorOf(() => run('form.votes.x')).localized.en).toContain('cannot read field `x` of a number');
  });

  it('rejects comparing null with a number, suggesting coalesce', () => {
    const error = errorOf(() => run('data.missing > 1'));
    expect(error.code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(error.hint?.en).toContain('coalesce');
    expect(run('coalesce(data.missing, 0) > 1')).toBe(false);
  });
});

describe('strict equality', () => {
  it('never converts types', () => {
    expect(run("1 == '1'")).toBe(false);
    expect(run('0 == false')).toBe(false);
    expect(run("'' == null")).toBe(false);
    expect(run('null == false')).toBe(false);
    expect(run("1 != '1'")).toBe(true);
    expect(run('null == null')).toBe(true);
    expect(run("'张三' == form.姓名")).toBe(true);
  });

  it('compares lists and objects by structure', () => {
    expect(run('[1, 2] == [1, 2]')).toBe(true);
    expect(run("[1, ['a']] == [1, ['a']]")).toBe(true);
    expect(run('[1, 2] == [2, 1]')).toBe(false);
    expect(run("[1] == ['1']")).toBe(false);
    expect(run('data.quorum == data.quorum')).toBe(true);
    expect(evaluate('data.a == data.b', { data: { a: { x: [1] }, b: { x: [1] } } })).toBe(true);
    expect(evaluate('data.a == data.b', { data: { a: { x: [1] }, b: { x: [1], y: 2 } } })).toBe(false);
  });
});

describe('the in operator', () => {
  it('tests list membership with strict equality', () => {
    expect(run("'RED' in ['RED', 'ORANGE']")).toBe(true);
    expect(run("'red' in ['RED', 'ORANGE']")).toBe(false);
    expect(run("1 in ['1']")).toBe(false);
    expect(run("'村委会主任' in actor.roles")).toBe(true);
    expect(run('[3, 4] in [[3, 4]]')).toBe(true);
  });

  it('tests own keys of objects', () => {
    expect(run("'quorum' in data")).toBe(true);
    expect(run("'toString' in data")).toBe(false);
    expect(run("'x' in data.missing")).toBe(false);
  });

  it('refuses text on the right, pointing to contains()', () => {
    const error = errorOf(() => run("'村' in data.title"));
    expect(error.hint?.en).toContain('contains(text, part)');
    expect(run("contains(data.title, '村')")).toBe(true);
  });
});

describe('lambdas and list functions', () => {
  it('count / filter / every / some / find / map', () => {
    expect(run("count(data.reviews, r => r.conclusion == 'OK')")).toBe(2);
    expect(run('count(data.reviews)')).toBe(3);
    expect(run("filter(data.reviews, r => r.score >= 4)")).toEqual([
      { reviewer: 'B', conclusion: 'FLAG', score: 5 },
      { reviewer: 'C', conclusion: 'OK', score: 4 },
    ]);
    expect(run('every(data.reviews, r => r.score > 2)')).toBe(true);
    expect(run('every(data.reviews, r => r.score > 3)')).toBe(false);
    expect(run('every(data.missing, r => false)')).toBe(true);
    expect(run("some(data.reviews, r => r.conclusion == 'FLAG')")).toBe(true);
    expect(run("find(data.reviews, r => r.score == 4).reviewer")).toBe('C');
    expect(run('find(data.reviews, r => r.score == 9)')).toBeNull();
    expect(run('map(data.reviews, r => r.reviewer)')).toEqual(['A', 'B', 'C']);
    expect(run('sum(data.reviews, r => r.score)')).toBe(12);
    expect(run('sort(data.reviews, r => -r.score)[0].reviewer')).toBe('B');
  });

  it('closes over outer lambda parameters and shadows roots', () => {
    expect(run('map([1, 2], x => map([10, 20], y => x * y))')).toEqual([[10, 20], [20, 40]]);
    expect(run('map([1, 2], data => data + 1)')).toEqual([2, 3]);
    expect(run('filter([1, 2, 3], x => x > form.votes - 4)')).toEqual([2, 3]);
  });

  it('requires lambdas exactly where a function expects them', () => {
    const missing = errorOf(() => run('filter(data.reviews, true)'));
    expect(missing.localized.en).toContain('must be a lambda');
    expect(missing.hint?.en).toContain('filter(list, x => condition)');
    expect(errorOf(() => run('len(x => 1)')).localized.en).toContain('does not take a lambda');
    expect(errorOf(() => run('coalesce(x => 1)')).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(errorOf(() => run('x => 1')).code).toBe('CF_ENGINE_EXPR_SYNTAX');
    expect(errorOf(() => run('count(data.reviews, (r) => r.score)')).hint?.en).toContain('x => …');
  });

  it('checks arity with the usage in the hint', () => {
    const error = errorOf(() => run('len(1, 2)'));
    expect(error.localized).toEqual({ 'zh-CN': '函数 len 需要 1 个参数，实际传入 2 个', en: 'len() takes 1 argument(s), got 2' });
    expect(error.hint?.en).toBe('usage: len(listOrText)');
  });
});

describe('other built-ins', () => {
  it('computes numbers, text and lists deterministically', () => {
    expect(run('min(data.quorum.x)')).toBe(3);
    expect(run('max(3, 9, 4)')).toBe(9);
    expect(run("max(['b', 'c', 'a'])")).toBe('c');
    expect(run('min([])')).toBeNull();
    expect(run('abs(-2) + floor(2.7) + ceil(2.1)')).toBe(7);
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(-2.5)')).toBe(-3);
    expect(run('round(1.005, 2)')).toBe(1.01);
    expect(run('round(2 / 3, 3)')).toBe(0.667);
    expect(run("contains(['a', 'b'], 'b')")).toBe(true);
    expect(run('keys(data.quorum)')).toEqual(['x']);
    expect(run('values(data.quorum)')).toEqual([[3, 4]]);
    expect(run("number(' 12.5 ') + 1")).toBe(13.5);
    expect(errorOf(() => run("number('0x10')")).localized.en).toContain('cannot turn the text "0x10" into a number');
    expect(errorOf(() => run("number('')")).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(run("string(12) + '票'")).toBe('12票');
    expect(run('string(data.missing)')).toBe('');
    expect(run("string([1, 'a'])")).toBe('[1,"a"]');
    expect(run("lower('ABC') + upper('d') + trim('  e ')")).toBe('abcDe');
    expect(run("startsWith(data.title, '村民') && endsWith(data.title, '选举')")).toBe(true);
    expect(run('concat([1], [2, 3], data.missing)')).toEqual([1, 2, 3]);
    expect(run('unique(data.tags)')).toEqual(['a', 'b']);
    expect(run("unique([1, '1', 1, [1], [1]])")).toEqual([1, '1', [1]]);
    expect(run('distinctCount(data.tags)')).toBe(2);
    expect(run('sort([3, 1, 2])')).toEqual([1, 2, 3]);
    expect(run("sort(['b', 'B', 'a'])")).toEqual(['B', 'a', 'b']);
    expect(errorOf(() => run("sort([1, 'a'])")).code).toBe('CF_ENGINE_EXPR_RUNTIME');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(run("len('村民😀')")).toBe(3);
    expect(run('len(data.shortlist)')).toBe(4);
    expect(run('len(data.quorum)')).toBe(1);
  });

  it('decodes string escapes', () => {
    expect(run(String.raw`'a\'b' + "\"" + '\\' + '\u4e2d' + '\n\t'`)).toBe('a\'b"\\中\n\t');
    expect(errorOf(() => run(String.raw`'\x41'`)).code).toBe('CF_ENGINE_EXPR_SYNTAX');
  });

  it('exports the list of built-in names', () => {
    expect(BUILTIN_FUNCTION_NAMES).toContain('distinctCount');
    expect(BUILTIN_FUNCTION_NAMES).not.toContain('match');
    expect(Object.isFrozen(BUILTIN_FUNCTION_NAMES)).toBe(true);
  });
});

describe('string concatenation vs type errors', () => {
  it('adds numbers and joins strings', () => {
    expect(run('1 + 2')).toBe(3);
    expect(run("'第' + '一'")).toBe('第一');
    expect(run("'第' + string(form.votes) + '票'")).toBe('第5票');
  });

  it('refuses mixed operands with a hint', () => {
    const error = errorOf(() => run("'第' + form.votes"));
    expect(error.code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(error.localized.en).toContain("'+' needs two numbers (to add) or two strings (to join); got a string and a number");
    expect(error.localized['zh-CN']).toContain('实际为文本和数字');
    expect(error.hint?.en).toContain('string(x)');
    expect(errorOf(() => run('[1] + [2]')).hint?.en).toContain('concat(a, b)');
    expect(errorOf(() => run('null + 1')).hint?.en).toContain('coalesce');
    expect(errorOf(() => run("'3' * 2")).hint?.en).toContain('number(x)');
    expect(errorOf(() => run("'a' < 1")).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(run("'a' < 'b'")).toBe(true);
  });
});

describe('division by zero', () => {
  it('is a runtime error, never Infinity or NaN', () => {
    const error = errorOf(() => run('form.votes / (data.seats - 3)'));
    expect(error.code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(error.localized.en).toBe('division by zero in "form.votes / (data.seats - 3)"');
    expect(error.position).toBe('form.votes / '.length);
    expect(errorOf(() => run('5 % 0')).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(errorOf(() => run('0 / 0')).code).toBe('CF_ENGINE_EXPR_RUNTIME');
  });

  it('also refuses overflow to Infinity', () => {
    const big = '9'.repeat(300);
    expect(errorOf(() => run(`${big} * ${big}`)).localized.en).toContain('too large');
  });
});

describe('references()', () => {
  it('lists static paths, stopping at computed indexes', () => {
    expect(references(parseExpression('form.votes > data.quorum.x[0]'))).toEqual({
      paths: [['form', 'votes'], ['data', 'quorum', 'x']],
      functions: [],
      roots: ['form', 'data'],
    });
  });

  it('excludes lambda parameters and reports functions', () => {
    const refs = references(parseExpression("count(data.reviews, r => r.conclusion == config.flag) > 0 && len(r.x) > 0"));
    expect(refs.paths).toEqual([['data', 'reviews'], ['config', 'flag'], ['r', 'x']]);
    expect(refs.functions).toEqual(['count', 'len']);
    expect(refs.roots).toEqual(['data', 'config', 'r']);
  });

  it('reports unknown roots so a validator can flag them', () => {
    const refs = references(parseExpression('globalThis.x || dta.y'));
    expect(refs.roots).toEqual(['globalThis', 'dta']);
  });

  it('continues paths through string literal indexes and walks computed ones', () => {
    const refs = references(parseExpression("data['a'].b[form.i].c + data.x[0]"));
    expect(refs.paths).toEqual([['data', 'a', 'b'], ['form', 'i'], ['data', 'x']]);
  });

  it('deduplicates paths and ignores call results', () => {
    const refs = references(parseExpression('data.a + data.a + find(data.list, x => x.ok).name + unknownFn(1)'));
    expect(refs.paths).toEqual([['data', 'a'], ['data', 'list']]);
    expect(refs.functions).toEqual(['find', 'unknownFn']);
  });
});

describe('parse errors', () => {
  it('points at the missing token, 0-based in data and 1-based in messages', () => {
    const result = tryParseExpression('(1 + 2');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CF_ENGINE_EXPR_SYNTAX');
    expect(result.error.position).toBe(6);
    expect(result.error.message['zh-CN']).toContain("第 7 个字符处应为 ')'");
    expect(result.error.message.en).toContain("expected ')' at character 7");
  });

  it('reports positions inside the source', () => {
    expect(errorOf(() => parseExpression('1 +* 2')).position).toBe(3);
    expect(errorOf(() => parseExpression("len('abc)")).position).toBe(4);
    expect(errorOf(() => parseExpression('a @ b')).position).toBe(2);
    expect(errorOf(() => parseExpression('f(1, 2')).localized.en).toContain("expected ',' or ')' at character 7");
    expect(errorOf(() => parseExpression('[1, 2')).position).toBe(5);
    expect(errorOf(() => parseExpression('a b')).localized.en).toContain("unexpected the name `b` at character 3");
    expect(errorOf(() => parseExpression('1.')).position).toBe(2);
    expect(errorOf(() => parseExpression('12abc')).position).toBe(0);
    expect(errorOf(() => parseExpression('')).localized.en).toBe('the expression is empty');
    expect(errorOf(() => parseExpression('   ')).code).toBe('CF_ENGINE_EXPR_SYNTAX');
  });

  it('explains JavaScript habits and full-width punctuation', () => {
    expect(errorOf(() => parseExpression('a === 1')).hint?.en).toContain("use '=='");
    expect(errorOf(() => parseExpression('a?.b')).hint?.en).toContain('gives null');
    expect(errorOf(() => parseExpression('a ?? b')).hint?.en).toContain('coalesce');
    expect(errorOf(() => parseExpression('a & b')).hint?.en).toContain("'&&'");
    expect(errorOf(() => parseExpression('len（data.x）')).localized['zh-CN']).toBe("第 4 个字符是全角符号 '（'");
    expect(errorOf(() => parseExpression('undefined')).hint?.en).toContain('null');
  });

  it('returns ok results from tryParseExpression', () => {
    const result = tryParseExpression('1 + 1');
    expect(result.ok && result.value.ast.type).toBe('binary');
  });
});

describe('unknown names and functions', () => {
  it('suggests the closest function', () => {
    const error = errorOf(() => run('lenght(data.shortlist)'));
    expect(error.code).toBe('CF_ENGINE_EXPR_UNKNOWN_FUNCTION');
    expect(error.localized).toEqual({ 'zh-CN': '未知函数 lenght，您是否想用 len？', en: 'unknown function `lenght`; did you mean `len`?' });
    expect(error.hint?.en).toContain('available functions: len, sum');
  });

  it('suggests the closest root name', () => {
    const error = errorOf(() => run('dta.x'));
    expect(error.code).toBe('CF_ENGINE_EXPR_UNKNOWN_NAME');
    expect(error.localized).toEqual({ 'zh-CN': '未知名称 dta，您是否想用 data？', en: 'unknown name `dta`; did you mean `data`?' });
    expect(error.hint?.en).toBe('expressions can only use these names: data, form, config, actor');
  });

  it('suggestClosest finds near misses only', () => {
    expect(suggestClosest('lenght', ['len', 'sum'])).toBe('len');
    expect(suggestClosest('Len', ['len'])).toBe('len');
    expect(suggestClosest('fitler', BUILTIN_FUNCTION_NAMES)).toBe('filter');
    expect(suggestClosest('foo', BUILTIN_FUNCTION_NAMES)).toBeUndefined();
    expect(suggestClosest('x', ['y'])).toBeUndefined();
    expect(suggestClosest('', ['a'])).toBeUndefined();
  });
});

describe('host functions', () => {
  const today: ExpressionFunction = () => '2024-05-01';
  const addDays: ExpressionFunction = (date, days) => `${String(date)}+${String(days)}`;

  it('are called with evaluated values', () => {
    expect(evaluate('addDays(today(), form.votes)', makeScope(), { functions: { today, addDays } })).toBe('2024-05-01+5');
  });

  it('never receive lambdas, and cannot replace built-ins', () => {
    expect(errorOf(() => evaluate('addDays(x => x, 1)', makeScope(), { functions: { addDays } })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(evaluate("len('abc')", makeScope(), { functions: { len: () => 99 } })).toBe(3);
  });

  it('have their failures wrapped and their results checked', () => {
    const boom: ExpressionFunction = () => {
      throw new TypeError('bad date');
    };
    const error = errorOf(() => evaluate('boom()', makeScope(), { functions: { boom } }));
    expect(error.code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(error.localized.en).toBe('boom() failed: bad date');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(errorOf(() => evaluate('d()', makeScope(), { functions: { d: () => new Map() } })).localized.en).toContain('not plain data');
    expect(errorOf(() => evaluate('f()', makeScope(), { functions: { f: () => () => 1 } })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(errorOf(() => evaluate('f()', makeScope(), { functions: { f: () => Number.NaN } })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(evaluate('f()', makeScope(), { functions: { f: () => undefined } })).toBeNull();
  });

  it('resolve only own entries of the functions record', () => {
    const functions = Object.create({ inherited: () => 1 }) as Record<string, ExpressionFunction>;
    expect(errorOf(() => evaluate('inherited()', makeScope(), { functions })).code).toBe('CF_ENGINE_EXPR_UNKNOWN_FUNCTION');
    expect(errorOf(() => run('toString()')).code).toBe('CF_ENGINE_EXPR_UNKNOWN_FUNCTION');
  });
});

describe('plain data only', () => {
  it('never calls or returns a function found in the scope', () => {
    const scope = { data: { fn: () => 'pwned' }, helper: () => 'pwned' };
    expect(errorOf(() => evaluate('helper()', scope)).code).toBe('CF_ENGINE_EXPR_UNKNOWN_FUNCTION');
    expect(errorOf(() => evaluate('helper', scope)).localized.en).toContain('is a function');
    expect(errorOf(() => evaluate('data.fn', scope)).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(errorOf(() => parseExpression('data.fn()')).code).toBe('CF_ENGINE_EXPR_SYNTAX');
  });

  it('does not run getters and does not read host objects', () => {
    let called = false;
    const data = {
      get secret(): string {
        called = true;
        return 'x';
      },
    };
    expect(evaluate('data.secret', { data })).toBeNull();
    expect(called).toBe(false);
    expect(errorOf(() => evaluate('data.when', { data: { when: new Date(0) } })).localized.en).toContain('not plain data');
    expect(errorOf(() => evaluate('data.when.getTime', { data: { when: new Date(0) } })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
    expect(errorOf(() => evaluate('data', { data: { nested: [{ m: new Map() }] } })).localized.en).toContain('at .nested[0].m');
  });

  it('returns lists and objects as plain data', () => {
    const result = run('filter(data.reviews, r => true)');
    expect(Array.isArray(result) && Object.getPrototypeOf(result) === Array.prototype).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('robustness', () => {
  it('re-checks forbidden names in hand-built trees', () => {
    const ast = { type: 'member', object: { type: 'identifier', name: 'data', start: 0, end: 4 }, property: '__proto__', propertyStart: 5, start: 0, end: 14 } as const;
    expect(errorOf(() => evaluate({ source: 'data.__proto__', ast }, { data: {} })).code).toBe('CF_ENGINE_EXPR_FORBIDDEN_NAME');
    expect(errorOf(() => evaluate({} as never, {})).code).toBe('CF_ENGINE_EXPR_RUNTIME');
  });

  it('accepts CJK names and full-width spaces, and never mutates the scope', () => {
    const scope = makeScope();
    const before = JSON.stringify(scope);
    expect(evaluate('form.姓名\u3000+ "先生"', scope)).toBe('张三先生');
    expect(run('sort(data.tags)', scope)).toEqual(['a', 'a', 'b']);
    expect(JSON.stringify(scope)).toBe(before);
  });
});

describe('injection attempts', () => {
  const scope = (): Record<string, unknown> => ({ data: { a: { b: 1 }, list: [1] }, a: { b: 1 } });
  const attempts: Array<[string, string]> = [
    ["constructor.constructor('return process')()", 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ['data.__proto__', 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ["data['__proto__']", 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ["data['con' + 'structor']", 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ["data.list['con' + 'structor']", 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ['data.a.prototype', 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ["map(['__proto__'], k => data[k])", 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ['map([1], constructor => 1)', 'CF_ENGINE_EXPR_FORBIDDEN_NAME'],
    ['this', 'CF_ENGINE_EXPR_SYNTAX'],
    ['this.constructor', 'CF_ENGINE_EXPR_SYNTAX'],
    ['globalThis', 'CF_ENGINE_EXPR_UNKNOWN_NAME'],
    ['globalThis.process', 'CF_ENGINE_EXPR_UNKNOWN_NAME'],
    ['process.exit()', 'CF_ENGINE_EXPR_SYNTAX'],
    ['process', 'CF_ENGINE_EXPR_UNKNOWN_NAME'],
    ["eval('1')", 'CF_ENGINE_EXPR_UNKNOWN_FUNCTION'],
    ["new Function('return 1')()", 'CF_ENGINE_EXPR_SYNTAX'],
    ['new Function()', 'CF_ENGINE_EXPR_SYNTAX'],
    ['Function', 'CF_ENGINE_EXPR_UNKNOWN_NAME'],
    ["Function('return 1')", 'CF_ENGINE_EXPR_UNKNOWN_FUNCTION'],
    ["import('x')", 'CF_ENGINE_EXPR_SYNTAX'],
    ['`${1}`', 'CF_ENGINE_EXPR_SYNTAX'],
    ['a = 1', 'CF_ENGINE_EXPR_SYNTAX'],
    ['a.b = 1', 'CF_ENGINE_EXPR_SYNTAX'],
    ['1; 2', 'CF_ENGINE_EXPR_SYNTAX'],
    [';', 'CF_ENGINE_EXPR_SYNTAX'],
    ['a.b()', 'CF_ENGINE_EXPR_SYNTAX'],
    ["data.a['b']()", 'CF_ENGINE_EXPR_SYNTAX'],
    ['(len)(1)', 'CF_ENGINE_EXPR_SYNTAX'],
    ['len(1)(2)', 'CF_ENGINE_EXPR_SYNTAX'],
    ['typeof data', 'CF_ENGINE_EXPR_SYNTAX'],
    ['delete data.a', 'CF_ENGINE_EXPR_SYNTAX'],
    ['{}', 'CF_ENGINE_EXPR_SYNTAX'],
    ['(() => 1)', 'CF_ENGINE_EXPR_SYNTAX'],
    ['function() { return 1 }', 'CF_ENGINE_EXPR_SYNTAX'],
    ['require("fs")', 'CF_ENGINE_EXPR_UNKNOWN_FUNCTION'],
    ['data.a.b++', 'CF_ENGINE_EXPR_SYNTAX'],
    ['data /* comment */', 'CF_ENGINE_EXPR_SYNTAX'],
  ];

  for (const [source, code] of attempts) {
    it(`refuses ${source}`, () => {
      const error = errorOf(() => evaluate(source, scope()));
      expect(error.code).toBe(code);
      expect(error.localized['zh-CN'].length).toBeGreaterThan(0);
      expect(error.localized.en.length).toBeGreaterThan(0);
      expect(error.hint).toBeDefined();
    });
  }

  it('leaves prototypes untouched', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
  });
});

describe('fuzzing', () => {
  /** mulberry32: tiny seeded PRNG so every run tests the same inputs. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const TOKENS = [
    'data', 'form', 'x', 'r', 'list', 'obj', 'n', 's', '.', '[', ']', '(', ')', ',', '?', ':', '=>', '!', '==', '!=', '<', '<=', '>',
    '>=', '&&', '||', '+', '-', '*', '/', '%', 'in', 'true', 'false', 'null', '0', '1', '2.5', '100', "'a'", '"b"', "'__proto__'",
    'len', 'sum', 'map', 'filter', 'count', 'sort', 'unique', 'keys', 'values', 'number', 'string', 'concat', 'min', 'round', 'coalesce',
    'constructor', '__proto__', 'prototype', 'this', 'new', '=', ';', '`', '{', '}', ' ', '\\', "'", '"', '中', '（', 'x => x', 'r => r.n',
  ];
  const CHARS = 'abcxyz019_.$[](){},;:?!=<>+-*/%&|\'"`\\ \n\t中文（）😀\u0000\u2028';

  function pick<T>(random: () => number, items: readonly T[]): T {
    return items[Math.floor(random() * items.length)] as T;
  }

  it('either evaluates or throws an ExpressionError, deterministically, on 2,000 random inputs', () => {
    const random = prng(20240501);
    const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayProtoNames = Object.getOwnPropertyNames(Array.prototype).sort();
    const functionProtoNames = Object.getOwnPropertyNames(Function.prototype).sort();
    const scope = (): Record<string, unknown> => ({
      data: { list: [1, 2, 3], obj: { n: 1, s: 'x' }, n: 2, s: 'str', x: null },
      form: { list: ['a', 'b'], n: 0 },
      x: 1, r: { n: 3 }, list: [[1], [2]], obj: { a: 1 }, n: 7, s: 'text',
    });
    const failures: string[] = [];
    const outcomes: string[] = [];
    let successes = 0;
    for (let i = 0; i < 2000; i++) {
      let source = '';
      if (i % 4 === 3) {
        const length = 1 + Math.floor(random() * 20);
        for (let j = 0; j < length; j++) source += pick(random, [...CHARS]);
      } else {
        const length = 1 + Math.floor(random() * 14);
        for (let j = 0; j < length; j++) source += pick(random, TOKENS) + (random() < 0.5 ? ' ' : '');
      }
      const attempt = (): string => {
        try {
          const value = evaluate(source, scope(), { maxSteps: 20_000 });
          return `ok:${JSON.stringify(value)}`;
        } catch (error) {
          if (!(error instanceof ExpressionError)) {
            failures.push(`${JSON.stringify(source)} threw ${String(error)}`);
            return 'bad';
          }
          if (!(error.code in EXPRESSION_ERROR_CODES)) failures.push(`${JSON.stringify(source)} has unknown code ${error.code}`);
          return `err:${error.code}:${error.position ?? ''}`;
        }
      };
      const first = attempt();
      if (first.startsWith('ok:')) successes++;
      if (attempt() !== first) failures.push(`${JSON.stringify(source)} is not deterministic`);
      outcomes.push(first);
    }
    expect(failures).toEqual([]);
    expect(successes).toBeGreaterThan(20);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoNames);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(functionProtoNames);
    expect(outcomes).toHaveLength(2000);
  });
});

describe('limits', () => {
  it('stops nested map over a large list with TOO_COMPLEX', () => {
    const list = Array.from({ length: 2000 }, (_, i) => i);
    const error = errorOf(() => evaluate('map(data.list, x => map(data.list, y => x * y))', { data: { list } }));
    expect(error.code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(error.localized.en).toContain('more than 100000 steps');
  });

  it('honours a custom maxSteps and charges list work done by functions', () => {
    const list = Array.from({ length: 500 }, (_, i) => i);
    expect(evaluate('sum(data.list)', { data: { list } }, { maxSteps: 1000 })).toBe(124750);
    expect(errorOf(() => evaluate('sum(data.list)', { data: { list } }, { maxSteps: 100 })).code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(errorOf(() => evaluate('1 + 1', {}, { maxSteps: 2 })).code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(evaluate('1 + 1', {}, { maxSteps: 3 })).toBe(2);
    expect(errorOf(() => evaluate('1', {}, { maxSteps: 0 })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
  });

  it('caps lists produced by functions', () => {
    const list = Array.from({ length: 60_000 }, (_, i) => i);
    const error = errorOf(() => evaluate('concat(data.list, data.list)', { data: { list } }, { maxSteps: 1_000_000 }));
    expect(error.code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(error.localized.en).toContain('limit is 100000');
  });

  it('rejects nesting deeper than 64 levels', () => {
    const ok = `${'('.repeat(60)}1${')'.repeat(60)}`;
    expect(run(ok)).toBe(1);
    for (const source of [
      `${'('.repeat(70)}1${')'.repeat(70)}`,
      `${'!'.repeat(70)}true`,
      Array.from({ length: 70 }, () => '1').join(' + '),
      `${'len('.repeat(70)}1${')'.repeat(70)}`,
      `${'['.repeat(70)}${']'.repeat(70)}`,
      `data${'.a'.repeat(70)}`,
    ]) {
      const error = errorOf(() => parseExpression(source));
      expect(error.code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
      expect(error.localized.en).toContain('more than 64 levels');
    }
  });

  it('rejects sources longer than 4,000 characters', () => {
    const source = `1${' + 1'.repeat(1000)}`;
    expect(source.length).toBeGreaterThan(4000);
    const error = errorOf(() => parseExpression(source));
    expect(error.code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(error.localized.en).toContain('the limit is 4000');
  });

  it('survives deep and cyclic data', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    expect(evaluate('data.self.self.self.n', { data: cyclic })).toBe(1);
    const other: Record<string, unknown> = { n: 1 };
    other.self = other;
    expect(errorOf(() => evaluate('data.a == data.b', { data: { a: cyclic, b: other } })).localized.en).toContain('nested more than 64 levels deep');
    expect(errorOf(() => evaluate('data.a in [data.b]', { data: { a: cyclic, b: other } }, { maxSteps: 50 })).code).toBe('CF_ENGINE_EXPR_TOO_COMPLEX');
    expect(evaluate('data.a == data.a', { data: { a: cyclic } })).toBe(true);
    expect(errorOf(() => evaluate('string(data)', { data: cyclic })).code).toBe('CF_ENGINE_EXPR_RUNTIME');
  });
});

describe('error catalogue', () => {
  it('describes every code in both languages with a hint', () => {
    expect(Object.keys(EXPRESSION_ERROR_CODES).sort()).toEqual([
      'CF_ENGINE_EXPR_FORBIDDEN_NAME',
      'CF_ENGINE_EXPR_RUNTIME',
      'CF_ENGINE_EXPR_SYNTAX',
      'CF_ENGINE_EXPR_TOO_COMPLEX',
      'CF_ENGINE_EXPR_UNKNOWN_FUNCTION',
      'CF_ENGINE_EXPR_UNKNOWN_NAME',
    ]);
    for (const entry of Object.values(EXPRESSION_ERROR_CODES)) {
      for (const text of [entry.message, entry.hint]) {
        expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).toMatch(/[a-z]/);
      }
    }
  });

  it('serialises errors as ExpressionErrorInfo', () => {
    const error = errorOf(() => parseExpression('1 +'));
    expect(error.name).toBe('ExpressionError');
    expect(error.message).toBe(error.localized.en);
    expect(JSON.parse(JSON.stringify(error.toInfo()))).toEqual({
      code: 'CF_ENGINE_EXPR_SYNTAX',
      message: error.localized,
      position: 3,
      hint: error.hint,
    });
  });
});

describe('source hygiene', () => {
  it('uses no dynamic code, globals, clocks or randomness', () => {
    const dir = new URL('../src/expressions/', import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      for (const banned of [/\beval\s*\(/, /new\s+Function\b/, /\bFunction\s*\(/, /globalThis/, /Date\.now/, /new Date\b/, /Math\.random/, /from ['"]node:/, /\brequire\s*\(/, /\bimport\s*\(/]) {
        expect(banned.test(source), `${name} matches ${String(banned)}`).toBe(false);
      }
    }
  });
});
