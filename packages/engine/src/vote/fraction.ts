/**
 * Exact rational arithmetic for legal thresholds.
 *
 * Statutes state thresholds as fractions with a strictness word: 过半数 ("more than half") or
 * 不少于 / 以上 ("at least"). Floating point gets the boundary wrong (e.g. 0.1 + 0.2), and the
 * boundary is exactly where elections are decided (600 of 1,200 is NOT a quorum), so every
 * comparison here is done with BigInt cross-multiplication.
 */

/**
 * A legal threshold: a fraction of some base, plus whether the base share itself is enough.
 *
 * @example 过半数 (more than half): `{ ratio: '1/2', strict: true }`
 * @example 不少于三分之一 (at least one third): `{ ratio: '1/3', strict: false }`
 */
export interface Threshold {
  /** The fraction as `"num/den"`, e.g. `"1/2"`, `"2/3"`, `"4/5"`, `"1/3"`. Must be between 0 and 1. */
  ratio: string;
  /** `true`: the value must be strictly more than base × ratio; `false`: at least base × ratio. */
  strict: boolean;
}

/** A non-negative fraction `num/den` with `den > 0`, in BigInt so comparisons are exact. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/**
 * An exact decimal number: `value = units / 10^scale`.
 * `scale` is never negative, so integers have scale 0.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

// "a/b" with optional spaces; both parts plain non-negative integers (no signs, no decimals).
const RATIO_RE = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

// Plain decimal literal with optional sign and exponent: "12", "-3.5", ".25", "1e-7", "1.5e+21".
// No thousands separators: "1,234.56" is ambiguous across locales and is rejected.
const DECIMAL_RE = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

// Guards against absurd exponents ("1e999999") that would build gigantic BigInts.
const MAX_EXPONENT = 1000;

/**
 * Parses a threshold ratio such as `"2/3"`.
 *
 * @throws RangeError when the text is not `"num/den"` with non-negative integers, when the
 *   denominator is zero, or when the ratio exceeds 1 (no legal share can exceed the whole).
 */
export function parseRatio(s: string): Ratio {
  const m = RATIO_RE.exec(s);
  if (m === null || m[1] === undefined || m[2] === undefined) {
    throw new RangeError(`Malformed ratio "${s}": expected "num/den", e.g. "1/2"`);
  }
  const num = BigInt(m[1]);
  const den = BigInt(m[2]);
  if (den === 0n) throw new RangeError(`Ratio "${s}" has a zero denominator`);
  if (num > den) throw new RangeError(`Ratio "${s}" is greater than 1`);
  return { num, den };
}

/**
 * Parses a number or a decimal string into an exact {@link Decimal}.
 *
 * Numbers are read through their shortest round-trip decimal form (`String(n)`), so `1234.56`
 * becomes exactly 123456/100, not the nearest binary double.
 *
 * @throws RangeError for NaN, infinities, empty or malformed strings.
 */
export function parseDecimal(x: number | string): Decimal {
  if (typeof x === 'number' && !Number.isFinite(x)) {
    throw new RangeError(`Not a finite number: ${String(x)}`);
  }
  const text = typeof x === 'number' ? String(x) : x.trim();
  const m = DECIMAL_RE.exec(text);
  if (m === null) throw new RangeError(`Malformed decimal "${text}"`);
  const [, sign, intPart, fracPart, bareFrac, expPart] = m;
  const whole = intPart ?? '0';
  const frac = bareFrac ?? fracPart ?? '';
  const exp = expPart === undefined ? 0 : Number(expPart);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) {
    throw new RangeError(`Exponent out of range in "${text}"`);
  }
  let units = BigInt(whole + frac);
  let scale = frac.length - exp;
  if (scale < 0) {
    // Positive exponent beyond the fraction digits: shift into the integer.
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (sign === '-') units = -units;
  return { units, scale };
}

/** Brings two decimals to the same scale so their `units` can be compared or multiplied directly. */
function align(a: Decimal, b: Decimal): [bigint, bigint] {
  if (a.scale === b.scale) return [a.units, b.units];
  if (a.scale > b.scale) return [a.units, b.units * 10n ** BigInt(a.scale - b.scale)];
  return [a.units * 10n ** BigInt(b.scale - a.scale), b.units];
}

/**
 * Compares two exact decimals.
 *
 * @returns -1 when `a < b`, 0 when equal, 1 when `a > b`.
 * @throws RangeError if either value is malformed (see {@link parseDecimal}).
 */
export function compareDecimals(a: number | string, b: number | string): -1 | 0 | 1 {
  const [x, y] = align(parseDecimal(a), parseDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Decides whether `value` reaches the threshold `t` of `base`:
 * `value > base × ratio` when `t.strict`, otherwise `value ≥ base × ratio`.
 *
 * Exact: both numbers are scaled to a common power of ten and compared as
 * `value × den` against `base × num` in BigInt.
 *
 * @example meets(600, 1200, { ratio: '1/2', strict: true }) === false // 过半数: exactly half is not enough
 * @example meets(310, 880, { ratio: '1/3', strict: false }) === true  // 930 ≥ 880
 * @throws RangeError on a malformed ratio or number.
 */
export function meets(value: number | string, base: number | string, t: Threshold): boolean {
  const { num, den } = parseRatio(t.ratio);
  const [v, b] = align(parseDecimal(value), parseDecimal(base));
  const lhs = v * den;
  const rhs = b * num;
  return t.strict ? lhs > rhs : lhs >= rhs;
}
