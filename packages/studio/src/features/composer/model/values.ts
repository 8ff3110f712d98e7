import { getAt } from './patches.js';
import type { Path } from './patches.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of JSON values (member order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/**
 * `target` with the value at `path` replaced (a copy; `target` is not changed). `undefined`
 * removes the member (or the array element); missing objects on the way are created; an index
 * one past an array's end appends. Removing what is not there returns `target` itself.
 */
export function withValueAt(target: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  if (value === undefined && getAt(target, path) === undefined) return target;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(target) ? [...target] : [];
    const inner = withValueAt(list[head], rest, value);
    if (inner === undefined) list.splice(head, 1);
    else list[head] = inner;
    return list;
  }
  const object = isObject(target) ? { ...target } : {};
  const inner = withValueAt(object[head!], rest, value);
  if (inner === undefined) delete object[head!];
  else object[head!] = inner;
  return object;
}
