/**
 * JSON with object keys sorted at every level and no whitespace, so the same value always gives
 * the same text (and hash) whatever the key order it was built or stored with — PostgreSQL's
 * jsonb, for one, does not keep key order. Values JSON cannot hold are dropped as
 * `JSON.stringify` drops them (undefined members, functions); the input must be JSON-like.
 *
 * One pass over the value (every event of the audit chain and every idempotent request is hashed
 * through this): the same text as `JSON.stringify` of the value read back from JSON with its keys
 * sorted, which is what it computed before — stored hashes depend on it, and
 * test/canonicalJson.test.ts holds it to that. That copy was an object built in sorted key order,
 * so its keys that are array indices ("0", "10") came first, in numeric order (see keyOrder); and
 * it lost a `__proto__` member, which is left out here too.
 */
export function canonicalJson(value: unknown): string {
  return write(value ?? null, '') ?? 'null';
}

/** The canonical text of `value` (a member named `key`), or undefined where JSON.stringify leaves a member out. */
function write(input: unknown, key: string): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return write(value.valueOf(), key);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? ',' : ''}${write(value[i], String(i)) ?? 'null'}`;
        return `${out}]`;
      }
      let out = '{';
      let first = true;
      for (const k of keyOrder(value)) {
        if (k === '__proto__') continue;
        const text = write((value as Record<string, unknown>)[k], k);
        if (text === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${text}`;
        first = false;
      }
      return `${out}}`;
    }
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    default:
      return undefined; // undefined, functions, symbols
  }
}

/**
 * Object keys in the order the earlier form wrote them: array-index keys ascending by number (a JS
 * object lists them first, whatever order they were added in), then the others sorted. An
 * ordinary object's own keys already list its index keys first, ascending.
 */
function keyOrder(value: object): string[] {
  const keys = Object.keys(value);
  let indexes = 0;
  while (indexes < keys.length && isArrayIndex(keys[indexes]!)) indexes += 1;
  if (indexes === 0) return keys.sort();
  return [...keys.slice(0, indexes), ...keys.slice(indexes).sort()];
}

/** "0", "7", "4294967294": a canonical decimal below 2³² − 1. */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}
