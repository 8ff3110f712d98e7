/**
 * Hostile request bodies for the routes that take one (issue 7): each is made from a body the
 * route accepts, changed in one hostile way, and sent as raw text (so that duplicate keys,
 * escaped `__proto__`, lone surrogates and `1e999` reach the server as written).
 */
import fc from 'fast-check';

/** A JSON path into a body: object keys and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** A field whose JSON type the route's schema fixes (type tricks go there), and whether a pattern or format checks it (ReDoS strings go there). */
export interface TypedField {
  path: JsonPath;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  checked?: boolean;
}

/** The kinds of hostility, each an id that the report counts. */
export const HOSTILE_KINDS = [
  '__proto__ key', 'constructor.prototype key', 'deep nesting', 'huge array', 'oversize body', 'duplicate key',
  'null byte or lone surrogate', 'non-finite number', 'wrong type', 'ReDoS string', 'not an object',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** One hostile body: raw text, what kind it is and where it was planted. */
export interface HostileBody {
  kind: HostileKind;
  where: string;
  text: string;
}

/** The largest body the server takes (AppOptions.bodyLimit default). */
export const BODY_LIMIT = 1_048_576;
const MARK = '"\u2063hostile\u2063"';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Every path of `body` that leads to an object (the root included), and every path to any value. */
export function pathsOf(body: unknown): { objects: JsonPath[]; values: JsonPath[] } {
  const objects: JsonPath[] = [];
  const values: JsonPath[] = [];
  const walk = (value: unknown, path: JsonPath): void => {
    if (path.length > 0) values.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      objects.push(path);
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(body, []);
  return { objects, values };
}

function at(body: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], body);
}

/** `body` with the value at `path` replaced by a marker, and the JSON text with the marker replaced by `raw`. */
function replaceAt(body: unknown, path: JsonPath, raw: string): string {
  if (path.length === 0) return raw;
  const copy = clone(body);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = '\u2063hostile\u2063';
  return JSON.stringify(copy).replace(MARK, () => raw);
}

/** `body` with a member `"key": raw` added to the object at `path` (first in it, so it cannot be dropped as trailing). */
function addMember(body: unknown, path: JsonPath, key: string, raw: string): string {
  const copy = clone(body);
  const target = at(copy, path) as Record<string, unknown>;
  const entries = Object.entries(target);
  for (const k of Object.keys(target)) delete target[k];
  target['\u2063member\u2063'] = '\u2063hostile\u2063';
  for (const [k, v] of entries) target[k] = v;
  return JSON.stringify(copy).replace(`"\u2063member\u2063":${MARK}`, () => `${key}:${raw}`);
}

const where = (path: JsonPath): string => (path.length === 0 ? '(body)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join(''));

/** The hostile bodies of one route, as a fast-check arbitrary over the kinds. */
export function hostileBodyArb(base: unknown, typed: readonly TypedField[]): fc.Arbitrary<HostileBody> {
  const { objects, values } = pathsOf(base);
  const anyPath = fc.constantFrom(...values);
  const objectPath = fc.constantFrom(...objects);
  const stringPaths = values.filter((p) => typeof at(base, p) === 'string');
  const stringPath = fc.constantFrom(...(stringPaths.length > 0 ? stringPaths : values));
  const typedField = fc.constantFrom(...(typed.length > 0 ? typed : [{ path: values[0]!, type: 'string' as const }]));
  // ReDoS strings go where a pattern, format or length checks the text; else into any text field.
  const checked = typed.filter((f) => f.checked && f.type === 'string');
  const texts = typed.filter((f) => f.type === 'string');
  const anyText: TypedField = { path: stringPaths[0] ?? values[0]!, type: 'string' };
  const checkedField = fc.constantFrom(...(checked.length > 0 ? checked : texts.length > 0 ? texts : [anyText]));
  const protoKey = fc.constantFrom('"__proto__"', '"\\u005f_proto__"', '"__\\u0070roto__"');
  const pollution = fc.constantFrom('{"isAdmin":true}', '{"roles":["ADMIN"],"polluted":1}', '{"toString":"x","valueOf":1}', '[]', 'null');

  const kinds: Record<HostileKind, fc.Arbitrary<HostileBody>> = {
    '__proto__ key': fc.tuple(objectPath, protoKey, pollution).map(([p, key, value]) => ({ kind: '__proto__ key', where: where(p), text: addMember(base, p, key, value) })),
    'constructor.prototype key': fc.tuple(objectPath, pollution, fc.boolean()).map(([p, value, deeper]) => ({
      kind: 'constructor.prototype key', where: where(p),
      text: addMember(base, p, '"constructor"', deeper ? `{"prototype":{"constructor":{"prototype":${value}}}}` : `{"prototype":${value}}`),
    })),
    'deep nesting': fc.tuple(anyPath, fc.integer({ min: 1_000, max: 10_000 }), fc.boolean()).map(([p, depth, arrays]) => ({
      kind: 'deep nesting', where: `${where(p)} ×${depth}`,
      text: replaceAt(base, p, arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    })),
    'huge array': fc.tuple(anyPath, fc.integer({ min: 20_000, max: 150_000 }), fc.constantFrom('0', '"a"', '{}', '[]')).map(([p, length, item]) => ({
      kind: 'huge array', where: `${where(p)} ×${length}`, text: replaceAt(base, p, `[${Array.from({ length }, () => item).join(',')}]`),
    })),
    'oversize body': fc.tuple(objectPath, fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 3 })).map(([p, size]) => ({
      kind: 'oversize body', where: `${where(p)} ${size} bytes`, text: addMember(base, p, '"padding"', JSON.stringify('x'.repeat(size))),
    })),
    'duplicate key': objectPath.filter((p) => Object.keys(at(base, p) as object).length > 0).chain((p) =>
      fc.tuple(fc.constantFrom(...Object.keys(at(base, p) as object)), fc.constantFrom('"admin"', '"ADMIN"', '1', 'null', '{}', '[]', 'true')).map(([key, value]) => ({
        kind: 'duplicate key' as const, where: `${where([...p, key])}`,
        // The key twice: first hostile, then as sent; and (other order) as sent, then hostile.
        text: addMember(base, p, JSON.stringify(key), value),
      }))),
    'null byte or lone surrogate': fc.tuple(stringPath, fc.constantFrom('\\u0000', '\\ud800', '\\udfff', 'a\\u0000b', '\\udc00\\ud800'), fc.boolean(), objectPath).map(([p, bad, inKey, o]) => ({
      kind: 'null byte or lone surrogate', where: inKey ? `${where(o)} key` : where(p),
      text: inKey ? addMember(base, o, `"x${bad}"`, '1') : replaceAt(base, p, `${JSON.stringify(String(at(base, p))).slice(0, -1)}${bad}"`),
    })),
    'non-finite number': fc.tuple(fc.oneof(typedField.map((f) => f.path), anyPath), fc.constantFrom('1e999', '-1e999', '1e400', '-2e308')).map(([p, n]) => ({
      kind: 'non-finite number', where: where(p), text: replaceAt(base, p, n),
    })),
    'wrong type': typedField.chain((field) => {
      const wrong: Record<TypedField['type'], string[]> = {
        string: ['12', '0', 'true', 'null', '[]', '{}', '["a"]', '{"toString":"x"}'],
        number: ['"12"', '"1e3"', '"NaN"', '"Infinity"', '"-Infinity"', '"0x10"', '"  7 "', 'true', 'null', '[1]', '{}'],
        integer: ['"1"', '1.5', '"NaN"', '"Infinity"', '1e300', 'true', 'null', '[1]', '{}'],
        boolean: ['"true"', '"false"', '1', '0', 'null', '[]', '"yes"'],
        array: ['"a"', '{}', '{"0":"a","length":1}', '1', 'null'],
        object: ['"a"', '[]', '1', 'null', 'true'],
      };
      return fc.constantFrom(...wrong[field.type]).map((raw) => ({ kind: 'wrong type' as const, where: `${where(field.path)} = ${raw}`, text: replaceAt(base, field.path, raw) }));
    }),
    'ReDoS string': fc.tuple(checkedField, fc.constantFrom('a', '1', '0', ' ', '/', ':', '-', '9'), fc.integer({ min: 5_000, max: 200_000 }), fc.constantFrom('!', 'X', '\u0000x', '/', '')).map(([field, unit, length, tail]) => ({
      kind: 'ReDoS string', where: `${where(field.path)} ${length}×${JSON.stringify(unit)}`, text: replaceAt(base, field.path, JSON.stringify(unit.repeat(length) + tail)),
    })),
    'not an object': fc.constantFrom('[]', '[{}]', '"a"', '1', 'null', 'true', '', ' ', '{', '{"a":1', '{"a":1}}', '{"a":1,}', "{'a':1}", '{"a":undefined}', '{"a":NaN}', '{"a":Infinity}', '\u00ef\u00bb\u00bf{}', '{}garbage')
      .map((text) => ({ kind: 'not an object' as const, where: '(body)', text })),
  };
  return fc.oneof(...HOSTILE_KINDS.map((kind) => kinds[kind]));
}
