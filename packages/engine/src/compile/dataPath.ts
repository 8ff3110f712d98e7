/** Dot paths under the case data (`saveAs: "vetting.result"`, `set: { "voterList.total": … }`). */

/** The value at a dot path, or undefined. */
export function readPath(root: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
}

/**
 * Writes `value` at a dot path into `root`, copying every object on the way so that nothing
 * shared with an earlier snapshot is mutated. `root` itself is written into: pass a copy you own.
 */
export function writePath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let parent = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const child = parent[keys[i]!];
    const copy = child !== null && typeof child === 'object' && !Array.isArray(child) ? { ...(child as object) } : {};
    parent[keys[i]!] = copy;
    parent = copy as Record<string, unknown>;
  }
  parent[keys[keys.length - 1]!] = value;
}

/** The value a step stores under its key: the submission, or the list with it appended (`collect`). */
export function savedValue(root: Record<string, unknown>, path: string, collect: boolean | undefined, value: unknown): unknown {
  if (!collect) return value;
  const prev = readPath(root, path);
  return [...(Array.isArray(prev) ? prev : []), value];
}
