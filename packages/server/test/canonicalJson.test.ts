import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/store/canonicalJson.js';
import { reliabilitySeed, seededRandom } from './support/seededRandom.js';
import type { SeededRandom } from './support/seededRandom.js';

/** What canonicalJson computed before its one-pass form: stored hashes (the audit chain, published definitions) depend on the same text. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) out[key] = sortKeys((v as Record<string, unknown>)[key]);
    return out;
  };
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

const KEYS = ['a', 'b', 'Z', '10', '2', '01', '4294967294', '4294967295', '-1', 'é', '中文', 'key with "quotes"', '__proto__', 'constructor', 'toJSON', ''];
const STRINGS = ['', 'plain', '引号"\\', 'line\nbreak', '\u2028', '\u0000', '😀', "it's"];

function randomValue(r: SeededRandom, depth: number): unknown {
  switch (r.below(depth > 3 ? 6 : 9)) {
    case 0: return null;
    case 1: return r.pick([true, false]);
    case 2: return r.pick([0, -0, 1.5, -2e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY]);
    case 3: return r.pick(STRINGS);
    case 4: return r.pick([undefined, () => 1, new Date(Date.UTC(2027, 0, 4, 1, 30))]);
    case 5: return r.int(-1000, 1000);
    case 6: return Array.from({ length: r.below(4) }, () => randomValue(r, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = r.below(5); i > 0; i -= 1) Object.defineProperty(out, r.pick(KEYS), { value: randomValue(r, depth + 1), enumerable: true, configurable: true, writable: true });
      return out;
    }
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out what JSON leaves out', () => {
    expect(canonicalJson({ b: [{ d: 1, c: undefined }, undefined], a: 'x', f: () => 1 })).toBe('{"a":"x","b":[{"d":1},null]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives the same text as before for values of every kind (seeded; CIVICFLOW_RELIABILITY_SEED repeats a run)', () => {
    const seed = reliabilitySeed();
    const r = seededRandom(seed);
    for (let i = 0; i < 5_000; i += 1) {
      const drawn = randomValue(r, 0);
      // A function alone is no JSON value (the old form threw on it); as a member it is left out.
      const value = typeof drawn === 'function' ? { drawn } : drawn;
      expect(canonicalJson(value), `seed ${seed}, value ${i}`).toBe(reference(value));
    }
    // A member named __proto__ that JSON.parse made an own property, as stored rows hold it.
    const parsed = JSON.parse('{"__proto__":{"x":1},"y":[{"__proto__":2}]}') as unknown;
    expect(canonicalJson(parsed)).toBe(reference(parsed));
  });
});
