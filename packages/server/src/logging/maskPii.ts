/**
 * Masks personal numbers: 18-character resident ID numbers keep the division code and the last
 * four characters (110101********0010), mobile numbers the first three and last four
 * (138****0000), landlines the area code and last four (010-****5678). Logs are read by
 * operators who need to correlate, not to identify; API responses use the same masking for
 * actors without the PII role (src/privacy).
 *
 * A number counts only when it stands on its own. It may not touch a letter, digit or underscore
 * (hex hashes, UUIDs and other identifiers are runs of those), nor (landlines) follow a hex
 * group and a dash (the 12-digit last group of a UUID), nor be the fraction or the integer part of a
 * decimal ("3.13800000000"). Chinese text around a number is fine (电话13800000000).
 */
// A letter or digit right before the number means it is part of an identifier, except the end of a
// percent escape: `orgUnit=town%3A110101…` in a logged or echoed URL is an ID number after a colon.
const BEFORE = String.raw`(?<!(?<!%[0-9A-Fa-f])[0-9A-Za-z_])(?<!\d\.)`;
/**
 * Landlines only: not after a hex group and a dash, so the 12-digit last group of a UUID
 * (`…-012345678901`) is no landline. ID numbers (18 characters) and mobile numbers (11 digits
 * standing alone) never fit a UUID's groups, so they are masked after a dash too: an ID number
 * echoed in `dispute-110101…` or `ref-139…` is personal data all the same.
 */
const BEFORE_LANDLINE = String.raw`${BEFORE}(?<![0-9A-Fa-f]-)`;
const AFTER = String.raw`(?![0-9A-Za-z_])(?!\.\d)`;

/** GB 11643: 17 digits and a check character; spaces after the division code and birth date are tolerated. */
const ID_NUMBER = new RegExp(`${BEFORE}(\\d{6}) ?\\d{8} ?(\\d{3}[\\dXx])${AFTER}`, 'g');
/** A mainland mobile number, optionally with +86 and with spaces or dashes as people write them. */
const MOBILE = new RegExp(`${BEFORE}(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?\\d{4}[- ]?(\\d{4})${AFTER}`, 'g');
/** A landline: area code 0xx or 0xxx, 7 or 8 digits, an optional extension. */
const LANDLINE = new RegExp(`${BEFORE_LANDLINE}(0\\d{2,3})-?\\d{3,4}(\\d{4})(?:-\\d{1,6})?${AFTER}`, 'g');

/** How many personal numbers a text contained. */
export interface PiiCount {
  idNumbers: number;
  phoneNumbers: number;
}

/** The masked text and how many numbers were masked. */
export function maskPiiCounted(text: string): { text: string; count: PiiCount } {
  const count: PiiCount = { idNumbers: 0, phoneNumbers: 0 };
  // Cheap exit: every pattern has at least three digits in a row.
  if (!/\d{3}/.test(text)) return { text, count };
  const masked = text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => { count.idNumbers++; return `${head}********${tail.toUpperCase()}`; })
    .replace(MOBILE, (_m, head: string, tail: string) => { count.phoneNumbers++; return `${head}****${tail}`; })
    .replace(LANDLINE, (_m, area: string, tail: string) => { count.phoneNumbers++; return `${area}-****${tail}`; });
  return { text: masked, count };
}

export function maskPii(text: string): string {
  return maskPiiCounted(text).text;
}

/** Masks every string inside a value (objects and arrays copied, never mutated). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: maskPii(value.message), ...(value.stack ? { stack: maskPii(value.stack) } : {}) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
