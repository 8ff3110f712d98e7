/**
 * Why a text is not a valid 统一社会信用代码 (GB 32100-2015):
 * - `length`: not exactly 18 characters;
 * - `characters`: a character outside `0-9 A-H J-N P-R T U W-Y` (no I, O, S, V, Z; lowercase is rejected);
 * - `checksum`: the check character (18th) does not match.
 */
export type CnUsccProblem = 'length' | 'characters' | 'checksum';

/** The 31 characters a USCC may use, in value order. */
export const CN_USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** The check character for the first 17 characters of a USCC (which must be in the alphabet). */
export function cnUsccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CN_USCC_ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CN_USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a 统一社会信用代码 and says what is wrong with it, or `undefined` if it is valid.
 * Only the alphabet and the check character are verified; the registration-authority code
 * (character 1), the organisation type (character 2) and the division code (characters 3–8) are not.
 */
export function checkCnUscc(value: string): CnUsccProblem | undefined {
  if (typeof value !== 'string' || value.length !== 18) return 'length';
  if (!SHAPE.test(value)) return 'characters';
  return cnUsccCheckChar(value) === value.charAt(17) ? undefined : 'checksum';
}

/** True if `value` is a valid 统一社会信用代码 (GB 32100-2015), in uppercase. */
export function isCnUscc(value: string): boolean {
  return checkCnUscc(value) === undefined;
}
