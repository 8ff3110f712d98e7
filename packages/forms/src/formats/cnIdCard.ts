import { compareDates, formatIsoDate, isRealDate, parseIsoDate } from '../dates.js';
import type { CivilDate } from '../dates.js';

/**
 * Why a text is not a valid 居民身份证号 (GB 11643-1999), in the order the checks run:
 * - `length`: not exactly 18 characters;
 * - `characters`: the first 17 are not all digits, or the last is not a digit or `X`/`x`;
 * - `birthDate`: characters 7–14 are not a real date `YYYYMMDD` with a year ≥ 1900;
 * - `futureBirthDate`: the birth date is after the reference date `today` (only checked when given);
 * - `checksum`: the check character (18th) does not match.
 */
export type CnIdCardProblem = 'length' | 'characters' | 'birthDate' | 'futureBirthDate' | 'checksum';

/** Options for the 居民身份证号 checks. */
export interface CnIdCardOptions {
  /**
   * Reference date `YYYY-MM-DD` for "the birth date is not in the future". Without it no future
   * check is made, so the check stays pure; the birth date must still be real and in 1900 or later.
   */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dXx]$/;
/** Earliest accepted birth year. */
export const CN_ID_CARD_MIN_BIRTH_YEAR = 1900;

/** The check character (`0`–`9` or `X`) for the first 17 digits of an ID number. */
export function cnIdCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function birthDateOf(value: string): CivilDate | undefined {
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < CN_ID_CARD_MIN_BIRTH_YEAR || !isRealDate(year, month, day)) return undefined;
  return { year, month, day };
}

/**
 * Checks a 居民身份证号 (GB 11643-1999) and says what is wrong with it, or `undefined` if it is
 * valid. A lowercase `x` check character is accepted. Surrounding spaces are not trimmed: normalise
 * first with {@link normalizeCnIdCard}. The administrative-division prefix (characters 1–6) is not
 * checked (a GB/T 2260 table is a later issue; residence permits for Taiwan residents use 830000).
 */
export function checkCnIdCard(value: string, options: CnIdCardOptions = {}): CnIdCardProblem | undefined {
  if (typeof value !== 'string' || value.length !== 18) return 'length';
  if (!SHAPE.test(value)) return 'characters';
  const birth = birthDateOf(value);
  if (!birth) return 'birthDate';
  if (options.today !== undefined) {
    const today = parseIsoDate(options.today);
    if (!today) throw new RangeError(`today must be a real date YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
    if (compareDates(birth, today) > 0) return 'futureBirthDate';
  }
  if (cnIdCardCheckChar(value) !== value.charAt(17).toUpperCase()) return 'checksum';
  return undefined;
}

/** True if `value` is a valid 居民身份证号; see {@link checkCnIdCard} for the rules. */
export function isCnIdCard(value: string, options: CnIdCardOptions = {}): boolean {
  return checkCnIdCard(value, options) === undefined;
}

/** The storage form of an ID number: surrounding spaces removed and a lowercase `x` made `X`. */
export function normalizeCnIdCard(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * The birth date `YYYY-MM-DD` encoded in a valid ID number (no future check), or `undefined` if
 * the number is not valid.
 */
export function cnIdCardBirthDate(value: string): string | undefined {
  if (!isCnIdCard(value)) return undefined;
  const birth = birthDateOf(value);
  return birth && formatIsoDate(birth);
}
