/**
 * A set of Unicode code points, as sorted, merged, inclusive ranges `[lo0, hi0, lo1, hi1, …]`.
 * Used by the regex risk classifier to decide whether two parts of a pattern can match the same
 * character.
 */
export type CharSet = readonly number[];

/** The largest Unicode code point. */
export const MAX_CODE_POINT = 0x10ffff;

/** No character at all (`[]`). */
export const EMPTY_SET: CharSet = [];

/** Every code point (`[^]`); also stands for classes the classifier cannot expand, such as `\p{…}`. */
export const ANY_CHAR: CharSet = [0, MAX_CODE_POINT];

/** The code points in `lo`..`hi` (inclusive). */
export function charRange(lo: number, hi: number = lo): CharSet {
  return lo <= hi ? [lo, hi] : EMPTY_SET;
}

/** The union of the sets. */
export function unionSets(sets: readonly CharSet[]): CharSet {
  const ranges: [number, number][] = [];
  for (const set of sets) {
    for (let i = 0; i + 1 < set.length; i += 2) ranges.push([set[i] as number, set[i + 1] as number]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) {
      out[last] = Math.max(out[last] as number, hi);
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

/** Every code point not in `set`. */
export function complementSet(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i + 1 < set.length; i += 2) {
    const lo = set[i] as number;
    const hi = set[i + 1] as number;
    if (lo > next) out.push(next, lo - 1);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

/** True when some code point is in both sets. */
export function setsOverlap(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const aLo = a[i] as number;
    const aHi = a[i + 1] as number;
    const bLo = b[j] as number;
    const bHi = b[j + 1] as number;
    if (aHi < bLo) i += 2;
    else if (bHi < aLo) j += 2;
    else return true;
  }
  return false;
}

const cp = (c: string): number => c.codePointAt(0) as number;

/** `\d`. */
export const DIGIT_SET: CharSet = charRange(cp('0'), cp('9'));
/** `\w` (without the `i` flag). */
export const WORD_SET: CharSet = unionSets([DIGIT_SET, charRange(cp('A'), cp('Z')), charRange(cp('_')), charRange(cp('a'), cp('z'))]);
/** `\s`: WhiteSpace and LineTerminator of ECMA-262. */
export const SPACE_SET: CharSet = unionSets([
  charRange(0x09, 0x0d), charRange(0x20), charRange(0xa0), charRange(0x1680), charRange(0x2000, 0x200a),
  charRange(0x2028, 0x2029), charRange(0x202f), charRange(0x205f), charRange(0x3000), charRange(0xfeff),
]);
/** `.` without the `s` flag: anything but a line terminator. */
export const DOT_SET: CharSet = complementSet(unionSets([charRange(0x0a), charRange(0x0d), charRange(0x2028, 0x2029)]));

/**
 * A superset of `\p{Script=Han}` (CJK radicals, ideographs and their extensions, including every
 * code point of planes 2 and 3, where new extensions are added): not exact, but never missing a Han
 * character, so an overlap test with it stays conservative. It contains no punctuation such as
 * `、` (U+3001), `。` or `·`.
 */
export const HAN_SUPERSET: CharSet = unionSets([
  charRange(0x2e80, 0x2fdf), charRange(0x3005, 0x3007), charRange(0x3021, 0x3029), charRange(0x3038, 0x303b),
  charRange(0x3400, 0x4dbf), charRange(0x4e00, 0x9fff), charRange(0xf900, 0xfaff), charRange(0x16fe2, 0x16ff1),
  charRange(0x20000, 0x3ffff),
]);
