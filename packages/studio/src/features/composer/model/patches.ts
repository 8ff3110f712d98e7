/** A place in the definition: object keys and array indices from the root. */
export type Path = readonly (string | number)[];

/**
 * One change to a JSON document. Every patch has an exact inverse (see {@link applyPatch}), which
 * is what makes each composer command revertible to a deep-equal document — key order included,
 * so that an undone import exports byte for byte what was imported.
 */
export type Patch =
  /** Sets an object member (in place when it exists; appended, or inserted at `position`, when new) or replaces an array element. `[]` replaces the whole document. */
  | { op: 'set'; path: Path; value: unknown; position?: number }
  /** Removes an object member. */
  | { op: 'delete'; path: Path }
  /** Inserts into an array at the index the path ends with. */
  | { op: 'insert'; path: Path; value: unknown }
  /** Removes the array element at the index the path ends with. */
  | { op: 'remove'; path: Path }
  /** Renames the member `from` of the object at `path` to `to`, keeping its position. */
  | { op: 'rename'; path: Path; from: string; to: string };

type Json = Record<string, unknown> | unknown[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path`, or undefined when any part of it is missing. */
export function getAt(doc: unknown, path: Path): unknown {
  let current = doc;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

function describe(path: Path): string {
  return `/${path.join('/')}`;
}

/** Copies the containers along `path` and replaces the one at its end with `edit(container)`. */
function updateContainer(doc: unknown, path: Path, edit: (container: Json) => Json): unknown {
  if (path.length === 0) {
    if (!isObject(doc) && !Array.isArray(doc)) throw new Error(`patch: no object or array at ${describe(path)}`);
    return edit(doc);
  }
  const [head, ...rest] = path;
  if (Array.isArray(doc) && typeof head === 'number' && head >= 0 && head < doc.length) {
    const copy = [...doc];
    copy[head] = updateContainer(doc[head], rest, edit);
    return copy;
  }
  if (isObject(doc) && typeof head === 'string' && Object.hasOwn(doc, head)) {
    return { ...doc, [head]: updateContainer(doc[head], rest, edit) };
  }
  throw new Error(`patch: nothing at ${describe(path)}`);
}

/** `entries` as an object, `[key, value]` placed at `position` (or last). */
function withMember(object: Record<string, unknown>, key: string, value: unknown, position?: number): Record<string, unknown> {
  const entries = Object.entries(object);
  const at = position === undefined ? entries.length : Math.min(Math.max(position, 0), entries.length);
  entries.splice(at, 0, [key, value]);
  return Object.fromEntries(entries);
}

/**
 * Applies one patch without changing `doc` (containers on the path are copied), and returns the
 * new document with the patch that undoes it. Throws a plain Error when the patch does not fit the
 * document: commands check their input first, so that is a bug, not a person's mistake.
 */
export function applyPatch(doc: unknown, patch: Patch): { doc: unknown; inverse: Patch } {
  const parentPath = patch.path.slice(0, -1);
  const key = patch.path[patch.path.length - 1];
  switch (patch.op) {
    case 'set': {
      if (key === undefined) return { doc: patch.value, inverse: { op: 'set', path: [], value: doc } };
      let inverse: Patch | undefined;
      const next = updateContainer(doc, parentPath, (container) => {
        if (Array.isArray(container)) {
          if (typeof key !== 'number' || key < 0 || key >= container.length) throw new Error(`patch: no element ${describe(patch.path)}`);
          inverse = { op: 'set', path: patch.path, value: container[key] };
          const copy = [...container];
          copy[key] = patch.value;
          return copy;
        }
        if (typeof key !== 'string') throw new Error(`patch: ${describe(patch.path)} is not a member name`);
        if (Object.hasOwn(container, key)) {
          inverse = { op: 'set', path: patch.path, value: container[key] };
          return { ...container, [key]: patch.value };
        }
        inverse = { op: 'delete', path: patch.path };
        return withMember(container, key, patch.value, patch.position);
      });
      return { doc: next, inverse: inverse! };
    }
    case 'delete': {
      let inverse: Patch | undefined;
      const next = updateContainer(doc, parentPath, (container) => {
        if (Array.isArray(container) || typeof key !== 'string' || !Object.hasOwn(container, key)) throw new Error(`patch: no member ${describe(patch.path)}`);
        const position = Object.keys(container).indexOf(key);
        inverse = { op: 'set', path: patch.path, value: container[key], position };
        const { [key]: _removed, ...rest } = container;
        return rest;
      });
      return { doc: next, inverse: inverse! };
    }
    case 'insert': {
      const next = updateContainer(doc, parentPath, (container) => {
        if (!Array.isArray(container) || typeof key !== 'number' || key < 0 || key > container.length) throw new Error(`patch: cannot insert at ${describe(patch.path)}`);
        return [...container.slice(0, key), patch.value, ...container.slice(key)];
      });
      return { doc: next, inverse: { op: 'remove', path: patch.path } };
    }
    case 'remove': {
      let inverse: Patch | undefined;
      const next = updateContainer(doc, parentPath, (container) => {
        if (!Array.isArray(container) || typeof key !== 'number' || key < 0 || key >= container.length) throw new Error(`patch: no element ${describe(patch.path)}`);
        inverse = { op: 'insert', path: patch.path, value: container[key] };
        return [...container.slice(0, key), ...container.slice(key + 1)];
      });
      return { doc: next, inverse: inverse! };
    }
    case 'rename': {
      const next = updateContainer(doc, patch.path, (container) => {
        if (Array.isArray(container) || !Object.hasOwn(container, patch.from) || Object.hasOwn(container, patch.to)) {
          throw new Error(`patch: cannot rename ${patch.from} to ${patch.to} at ${describe(patch.path)}`);
        }
        return Object.fromEntries(Object.entries(container).map(([k, v]) => [k === patch.from ? patch.to : k, v]));
      });
      return { doc: next, inverse: { op: 'rename', path: patch.path, from: patch.to, to: patch.from } };
    }
  }
}

/** Applies patches in order; the inverses come back in the order that undoes them (last first). */
export function applyPatches(doc: unknown, patches: readonly Patch[]): { doc: unknown; inverse: Patch[] } {
  let current = doc;
  const inverse: Patch[] = [];
  for (const patch of patches) {
    const result = applyPatch(current, patch);
    current = result.doc;
    inverse.unshift(result.inverse);
  }
  return { doc: current, inverse };
}
